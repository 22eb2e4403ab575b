// Workbench::CompareQuantities: a claim's recorded quantities set beside the figures quoted in
// its linked evidence, one entry per claim quantity and evidence that speaks to it, with the
// evidence id and stance; reads only. The texts are written for these tests.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "claimledger/error.h"
#include "claimledger/workbench.h"

namespace claimledger {
namespace {

struct QuantityDesk {
  std::unique_ptr<Workbench> wb = Workbench::Open(":memory:");
  std::string Snapshot(const std::string& text) { return wb->AddSnapshot({text}).hash; }
  std::string Claim(const std::string& text) { return wb->AddClaim({text}).id; }
  std::string Link(const std::string& claim, const std::string& text, const std::string& quote,
                   const std::string& stance) {
    return wb->LinkEvidence({claim, Snapshot(text), quote, stance}).id;
  }
};

TEST(CompareQuantitiesTest, TheDemoTroopsClaimEqualsTheFactSheetsFigure) {
  QuantityDesk d;
  const std::string claim = d.Claim("About 28,500 US troops are stationed in South Korea.");
  const std::string fact_sheet =
      d.Link(claim,
             "Approximately 28,500 U.S. service members are stationed in the Republic of Korea. "
             "The number present on any given day varies with unit rotations.",
             "Approximately 28,500 U.S. service members are stationed in the Republic of Korea.",
             "supports");
  d.Link(claim, "The number present varies with unit rotations and training deployments.",
         "varies with unit rotations", "context");
  const std::int64_t events = d.wb->EventCount();

  const std::vector<QuantityComparison> found = d.wb->CompareQuantities(claim);
  ASSERT_EQ(found.size(), 1u);  // the context quote holds no figure
  EXPECT_EQ(found[0].claimed.text, "About 28,500 US troops");
  EXPECT_EQ(found[0].found.text, "Approximately 28,500 U.S. service members");
  EXPECT_EQ(found[0].outcome, "equal");
  EXPECT_EQ(found[0].unit, "troops");
  EXPECT_EQ(found[0].note, "troops ~ service members");
  EXPECT_EQ(found[0].evidence, fact_sheet);
  EXPECT_EQ(found[0].stance, "supports");
  EXPECT_EQ(d.wb->EventCount(), events);  // nothing recorded
}

TEST(CompareQuantitiesTest, EachClaimQuantityAgainstEachEvidenceInOrder) {
  QuantityDesk d;
  const std::string claim =
      d.Claim("More than 30,000 troops were sent in June 2024, nearly 40% of the army.");
  const std::string census =
      d.Link(claim, "The ministry counted 28,500 troops at the border and 12 ships.",
             "The ministry counted 28,500 troops at the border and 12 ships.", "refutes");
  const std::string wire = d.Link(claim, "Officials said 31,200 soldiers crossed on 19 June 2024.",
                                  "31,200 soldiers crossed on 19 June 2024", "supports");

  const std::vector<QuantityComparison> found = d.wb->CompareQuantities(claim);
  ASSERT_EQ(found.size(), 3u);  // no evidence speaks to "nearly 40%"
  // "more than 30,000" against 28,500: off by 1,500 below, 5% of the claimed figure.
  EXPECT_EQ(found[0].claimed.qualifier, "more than");
  EXPECT_EQ(found[0].evidence, census);
  EXPECT_EQ(found[0].stance, "refutes");
  EXPECT_EQ(found[0].found.text, "28,500 troops");
  EXPECT_EQ(found[0].outcome, "off");
  EXPECT_DOUBLE_EQ(found[0].difference, -1500);
  ASSERT_TRUE(found[0].relative.has_value());
  EXPECT_DOUBLE_EQ(*found[0].relative, -0.05);
  // Against 31,200 soldiers: within what "more than" allows.
  EXPECT_EQ(found[1].evidence, wire);
  EXPECT_EQ(found[1].outcome, "within");
  EXPECT_EQ(found[1].note, "troops ~ soldiers");
  EXPECT_DOUBLE_EQ(found[1].difference, 0);
  // "June 2024" (the month's days) holds 19 June 2024.
  EXPECT_EQ(found[2].claimed.unit, "date");
  EXPECT_EQ(found[2].found.text, "19 June 2024");
  EXPECT_EQ(found[2].outcome, "within");
  EXPECT_EQ(found[2].unit, "days");
  EXPECT_EQ(found[2].evidence, wire);
}

TEST(CompareQuantitiesTest, RangesQualifiersAndConversions) {
  struct Row {
    std::string claim, evidence, outcome, unit;
    double difference;
  };
  const Row rows[] = {
      {"Between 240,000 and 3.5 million people died.", "A census study found 600,000 people died.",
       "within", "people", 0},
      {"Between 240,000 and 3.5 million people died.", "Researchers said 4.2m people died.", "off",
       "people", 700000},
      {"Roughly two-thirds of voters backed the plan.", "The plan won 64% of the vote.", "within",
       "percent", 0},
      {"The wall is about 40 km long.", "The wall runs for 25 miles.", "within", "km", 0},
      {"The wall is 30 km long.", "The wall runs for 25 miles.", "off", "km", 10.2336},
      {"Up to 3.5m people need food aid.", "Some 2.9 million people need aid.", "within", "people",
       0},
      {"The treaty was signed in 1990.", "It was signed on 30 September 1990.", "within", "years",
       0},
      {"The treaty was signed in 1990.", "It was signed on 30 September 1993.", "off", "years", 3},
      {"The fund received $2bn.", "The fund received $2.4 billion.", "off", "USD", 400000000},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.claim + " / " + row.evidence);
    QuantityDesk d;
    const std::string claim = d.Claim(row.claim);
    d.Link(claim, row.evidence, row.evidence, "context");
    const std::vector<QuantityComparison> found = d.wb->CompareQuantities(claim);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].outcome, row.outcome);
    EXPECT_EQ(found[0].unit, row.unit);
    EXPECT_NEAR(found[0].difference, row.difference, 1e-6);
  }
}

TEST(CompareQuantitiesTest, NothingToCompareGivesNoEntries) {
  QuantityDesk d;
  // Currencies match only themselves; a claim without evidence has nothing to set beside.
  const std::string claim = d.Claim("The fund received $2bn.");
  EXPECT_TRUE(d.wb->CompareQuantities(claim).empty());
  d.Link(claim, "The fund received EUR 2 billion.", "EUR 2 billion", "supports");
  EXPECT_TRUE(d.wb->CompareQuantities(claim).empty());
  const std::string plain = d.Claim("The minister resigned.");
  d.Link(plain, "It had 12 members.", "12 members", "context");
  EXPECT_TRUE(d.wb->CompareQuantities(plain).empty());
}

TEST(CompareQuantitiesTest, AnUnknownClaimIsNotFound) {
  QuantityDesk d;
  try {
    d.wb->CompareQuantities("clm_0000000000000000");
    FAIL() << "expected NotFound";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
  }
}

TEST(CompareQuantitiesTest, AViewOfThePastComparesWithTheEvidenceLinkedThen) {
  QuantityDesk d;
  const std::string claim = d.Claim("About 28,500 US troops are in Korea.");
  d.Link(claim, "About 28,000 soldiers serve there.", "About 28,000 soldiers", "supports");
  const std::int64_t before = d.wb->EventCount();
  d.Link(claim, "A later count found 35,000 troops.", "35,000 troops", "refutes");
  EXPECT_EQ(d.wb->CompareQuantities(claim).size(), 2u);
  const std::vector<QuantityComparison> then = d.wb->AsOf(before)->CompareQuantities(claim);
  ASSERT_EQ(then.size(), 1u);
  EXPECT_EQ(then[0].outcome, "within");
}

}  // namespace
}  // namespace claimledger
