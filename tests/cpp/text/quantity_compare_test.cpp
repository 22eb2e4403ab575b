// Tests for comparing quantities (core/src/text/quantity_compare.cpp): a claim's first quantity
// set beside the best match among an evidence text's quantities, both parsed as a desk parses
// them. The table pins each qualifier's reading, each unit conversion and time, with the
// outcome, the difference and the unit it is in.
#include <gtest/gtest.h>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "claimledger/quantities.h"

namespace claimledger {
namespace {

struct Case {
  std::string claim;
  std::string evidence;
  std::string outcome;  // "" when nothing is comparable
  double difference = 0;
  std::optional<double> relative;
  std::string unit;
  std::string note;
  std::string found;  // the text of the evidence quantity chosen
};

void PrintTo(const Case& c, std::ostream* os) {
  *os << '"' << c.claim << "\" / \"" << c.evidence << '"';
}

std::vector<Case> Cases() {
  return {
      // Qualifiers.
      {"About 28,500 US troops are in South Korea.",
       "Approximately 28,500 U.S. service members are stationed in the Republic of Korea.", "equal",
       0, std::nullopt, "troops", "troops ~ service members",
       "Approximately 28,500 U.S. service members"},
      {"About 28,500 US troops", "28,000 soldiers", "within", 0, std::nullopt, "troops",
       "troops ~ soldiers", "28,000 soldiers"},
      {"About 28,500 US troops", "35,000 troops", "off", 6500, 6500.0 / 28500, "troops", "",
       "35,000 troops"},
      {"About 28,500 US troops", "25,000 troops", "off", -3500, -3500.0 / 28500, "troops", "",
       "25,000 troops"},
      {"28,500 troops", "28,512 troops", "off", 12, 12.0 / 28500, "troops", "", "28,512 troops"},
      {"more than 3,000 homicides", "3,412 homicides", "within", 0, std::nullopt, "homicides", "",
       "3,412 homicides"},
      {"more than 3,000 homicides", "2,900 homicides", "off", -100, -100.0 / 3000, "homicides", "",
       "2,900 homicides"},
      {"up to 40% of voters", "38 per cent", "within", 0, std::nullopt, "percent", "",
       "38 per cent"},
      {"up to 40% of voters", "45%", "off", 5, 5.0 / 40, "percent", "", "45%"},
      {"nearly 2,000 deaths", "1,850 fatalities", "within", 0, std::nullopt, "deaths",
       "deaths ~ fatalities", "1,850 fatalities"},
      {"nearly 2,000 deaths", "2,100 deaths", "off", 100, 100.0 / 2000, "deaths", "",
       "2,100 deaths"},
      {"just over 500 families", "540 families", "within", 0, std::nullopt, "families", "",
       "540 families"},
      {"as many as 12k troops", "9,000 troops", "within", 0, std::nullopt, "troops", "",
       "9,000 troops"},
      {"about 12,000 refugees", "The agency counted 12,000.", "equal", 0, std::nullopt, "refugees",
       "the evidence gives no unit", "12,000"},

      // Ranges.
      {"between 10 and 20 ships", "15 ships", "within", 0, std::nullopt, "ships", "", "15 ships"},
      {"between 10 and 20 ships", "25 ships", "off", 5, 0.25, "ships", "", "25 ships"},
      {"between 10 and 20 ships", "between 10 and 20 ships", "equal", 0, std::nullopt, "ships", "",
       "between 10 and 20 ships"},
      {"The famine killed hundreds of thousands of people.",
       "Estimates range from several hundred thousand to several million.", "overlaps", 0,
       std::nullopt, "people", "the evidence gives no unit",
       "from several hundred thousand to several million"},
      {"The famine killed hundreds of thousands of people.",
       "Studies put excess deaths at a few hundred thousand to about one million.", "overlaps", 0,
       std::nullopt, "people", "the evidence gives no unit",
       "a few hundred thousand to about one million"},
      {"about 3 to 5 percent", "5.4 percent", "within", 0, std::nullopt, "percent", "",
       "5.4 percent"},

      // Conversions.
      {"two-thirds of voters", "67% of voters", "within", 0, std::nullopt, "percent",
       "fraction as percent", "67%"},
      {"two-thirds of voters", "60% of voters", "off", 60 - 200.0 / 3,
       (60 - 200.0 / 3) / (200.0 / 3), "percent", "fraction as percent", "60%"},
      {"half of voters", "half", "equal", 0, std::nullopt, "percent", "", "half"},
      {"a 12 km road", "12,000 metres", "equal", 0, std::nullopt, "km", "metres in km",
       "12,000 metres"},
      {"$2bn in aid", "$2 billion", "equal", 0, std::nullopt, "USD", "", "$2 billion"},

      // Years and dates.
      {"Moscow recognised Seoul in 1990.", "relations were established on 30 September 1990",
       "within", 0, std::nullopt, "years", "date against year", "30 September 1990"},
      {"The war lasted from 1950 to 1953.", "the armistice of 27 July 1953", "within", 0,
       std::nullopt, "years", "date against year", "27 July 1953"},
      {"Putin visited Pyongyang in June 2024.",
       "Putin visited Pyongyang on 19 June 2024, his first visit since 2000.", "within", 0,
       std::nullopt, "days", "", "19 June 2024"},
      {"Putin visited Pyongyang in June 2024.", "He arrived on 3 July 2024.", "off", 3,
       std::nullopt, "days", "", "3 July 2024"},
      {"Putin visited Pyongyang in June 2024.", "He went there in 2024.", "overlaps", 0,
       std::nullopt, "years", "year against date", "2024"},
      {"Moscow recognised Seoul in 1990.", "That happened in 1991.", "off", 1, std::nullopt,
       "years", "", "1991"},
      {"Moscow recognised Seoul in 1990.", "on 2 January 1988", "off", -2, std::nullopt, "years",
       "date against year", "2 January 1988"},
      {"since around 2010", "in 2011", "within", 0, std::nullopt, "years", "", "2011"},
      {"famine in the 1990s", "in 1996", "within", 0, std::nullopt, "years", "", "1996"},

      // Nothing to compare: other units, other currencies, time against counts.
      {"$2bn in aid", "\u20AC2bn in aid", "", 0, std::nullopt, "", "", ""},
      {"About 28,500 US troops", "12 tanks", "", 0, std::nullopt, "", "", ""},
      {"12% unemployment", "12 cities", "", 0, std::nullopt, "", "", ""},
      {"in 1990", "1,990 troops", "", 0, std::nullopt, "", "", ""},
      {"About 28,500 US troops", "no figure at all", "", 0, std::nullopt, "", "", ""},
  };
}

class CompareTable : public testing::TestWithParam<Case> {};

TEST_P(CompareTable, SetsTheBestMatchBesideTheClaim) {
  const Case& c = GetParam();
  const std::vector<Quantity> claimed = ParseQuantities(c.claim);
  ASSERT_FALSE(claimed.empty());
  const std::optional<QuantityComparison> got =
      BestComparison(claimed.front(), ParseQuantities(c.evidence));
  if (c.outcome.empty()) {
    EXPECT_FALSE(got.has_value()) << got->outcome << " " << got->found.text;
    return;
  }
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->outcome, c.outcome);
  EXPECT_EQ(got->found.text, c.found);
  EXPECT_EQ(got->claimed.text, claimed.front().text);
  EXPECT_NEAR(got->difference, c.difference, 1e-9);
  ASSERT_EQ(got->relative.has_value(), c.relative.has_value());
  if (c.relative) {
    EXPECT_NEAR(*got->relative, *c.relative, 1e-12);
  }
  EXPECT_EQ(got->unit, c.unit);
  EXPECT_EQ(got->note, c.note);
  EXPECT_TRUE(got->evidence.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, CompareTable, testing::ValuesIn(Cases()));

Quantity Made(std::optional<double> value, std::optional<double> low, std::optional<double> high,
              std::string unit, std::string qualifier = "") {
  Quantity q;
  q.text = "made by hand";
  q.value = value;
  q.low = low;
  q.high = high;
  q.unit = std::move(unit);
  q.qualifier = std::move(qualifier);
  return q;
}

TEST(CompareQuantity, EveryReadingOfAQualifier) {
  const Quantity found_low = Made(880, std::nullopt, std::nullopt, "ships");
  const Quantity found_high = Made(1080, std::nullopt, std::nullopt, "ships");
  const auto outcome = [](const std::string& qualifier, const Quantity& found) {
    return CompareQuantity(Made(1000, std::nullopt, std::nullopt, "ships", qualifier), found)
        ->outcome;
  };
  // approximately: 10% either way; nearly: 10% below only; just over: 10% above only.
  EXPECT_EQ(outcome("roughly", found_high), "within");
  EXPECT_EQ(outcome("roughly", found_low), "off");
  EXPECT_EQ(outcome("nearly", found_high), "off");
  EXPECT_EQ(outcome("almost", Made(920, std::nullopt, std::nullopt, "ships")), "within");
  EXPECT_EQ(outcome("just over", found_high), "within");
  EXPECT_EQ(outcome("just over", found_low), "off");
  // upper and lower bounds, inclusive.
  EXPECT_EQ(outcome("as many as", found_low), "within");
  EXPECT_EQ(outcome("fewer than", Made(1000, std::nullopt, std::nullopt, "ships")), "equal");
  EXPECT_EQ(outcome("up to", found_high), "off");
  EXPECT_EQ(outcome("in excess of", found_high), "within");
  EXPECT_EQ(outcome("at least", found_low), "off");
  // written as is: only the figure itself.
  EXPECT_EQ(outcome("", found_high), "off");
  EXPECT_EQ(outcome("exactly", found_low), "off");
}

TEST(CompareQuantity, ARangeInTheEvidenceOverlapsOrLiesWithin) {
  const Quantity claimed = Made(std::nullopt, 100, 200, "", "");
  EXPECT_EQ(CompareQuantity(claimed, Made(std::nullopt, 120, 180, ""))->outcome, "within");
  EXPECT_EQ(CompareQuantity(claimed, Made(std::nullopt, 150, 250, ""))->outcome, "overlaps");
  EXPECT_EQ(CompareQuantity(claimed, Made(std::nullopt, 20, 500, ""))->outcome, "overlaps");
  const std::optional<QuantityComparison> above =
      CompareQuantity(claimed, Made(std::nullopt, 260, 300, ""));
  EXPECT_EQ(above->outcome, "off");
  EXPECT_EQ(above->difference, 60);  // from the nearer ends: 260 - 200
  EXPECT_EQ(*above->relative, 0.3);
}

TEST(CompareQuantity, NothingForQuantitiesWithoutFigures) {
  const Quantity claimed = Made(5, std::nullopt, std::nullopt, "ships");
  EXPECT_FALSE(CompareQuantity(claimed, Made(std::nullopt, std::nullopt, std::nullopt, "ships")));
  EXPECT_FALSE(CompareQuantity(Made(std::nullopt, 3, std::nullopt, "ships"), claimed));
}

TEST(CompareQuantity, DatesThatAreNoDatesCompareWithNothing) {
  const Quantity claimed = Made(20240619, std::nullopt, std::nullopt, "date");
  EXPECT_FALSE(CompareQuantity(claimed, Made(20241399, std::nullopt, std::nullopt, "date")));
  EXPECT_FALSE(CompareQuantity(claimed, Made(-5, std::nullopt, std::nullopt, "date")));
  EXPECT_FALSE(CompareQuantity(claimed, Made(2024.5, std::nullopt, std::nullopt, "date")));
  EXPECT_TRUE(CompareQuantity(claimed, Made(20240229, std::nullopt, std::nullopt, "date")));
}

TEST(CompareQuantity, AYearThatIsADurationIsACountNotATime) {
  // "a 10-year plan" has unit "year" but is no calendar year.
  const Quantity plan = ParseQuantities("a 10-year plan").front();
  EXPECT_FALSE(CompareQuantity(plan, ParseQuantities("in 2024").front()));
  EXPECT_EQ(CompareQuantity(plan, ParseQuantities("a 12-year plan").front())->outcome, "off");
}

TEST(BestComparison, PrefersTheClosestOfEqualRank) {
  const Quantity claimed = ParseQuantities("about 28,500 troops").front();
  const std::optional<QuantityComparison> best =
      BestComparison(claimed, ParseQuantities("40,000 troops, 33,000 troops or 12 tanks"));
  ASSERT_TRUE(best);
  EXPECT_EQ(best->outcome, "off");
  EXPECT_EQ(best->found.text, "33,000 troops");
  EXPECT_EQ(best->difference, 4500);
  EXPECT_FALSE(BestComparison(claimed, {}));
}

}  // namespace
}  // namespace claimledger
