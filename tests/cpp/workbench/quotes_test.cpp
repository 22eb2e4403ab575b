// Quotes through the workbench: link_evidence and appears_in find the quote in the snapshot
// (tolerating typing, case only when asked, an ambiguous quote refused until context picks
// one), and Reanchor reports where each quote of an old version is in a new one.
#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "sample_document.h"

namespace claimledger {
namespace {

using testing_util::Edited;
using testing_util::kOld;

struct QuoteDesk {
  std::unique_ptr<Workbench> wb = Workbench::Open(":memory:");
  std::string v1;
  std::string v2;
  std::string claim;
  std::string other;
};

QuoteDesk MakeDesk(const std::string& edited) {
  QuoteDesk d;
  d.v1 = d.wb->AddSnapshot({kOld, "https://example.com/a"}).hash;
  d.v2 = d.wb->AddSnapshot({edited, "https://example.com/a"}).hash;
  d.claim = d.wb->AddClaim({"The US keeps approximately 28,500 troops in South Korea.",
                            {},
                            d.v1,
                            "approximately 28,500 troops"})
                .id;
  d.other = d.wb->AddClaim({"The Korean War lasted from 1950 to 1953."}).id;
  return d;
}

TEST(WorkbenchAnchorTest, LinkEvidenceToleratesTypingAndKeepsTheSnapshotsText) {
  QuoteDesk d = MakeDesk(kOld);
  const std::string doc = "The force \u2014 \u201Croughly 28,500\u201D \u2014 stays.";
  const std::string hash = d.wb->AddSnapshot({doc}).hash;
  const Evidence e = d.wb->LinkEvidence({d.claim, hash, "\"roughly  28,500\" - stays", "supports"});
  EXPECT_EQ(e.quote.exact, "\u201Croughly 28,500\u201D \u2014 stays");
  EXPECT_EQ(e.quote.snapshot, hash);
  EXPECT_EQ(e.quote.start, 12u);
}

TEST(WorkbenchAnchorTest, CaseIsIgnoredOnlyWhenAsked) {
  QuoteDesk d = MakeDesk(kOld);
  NewEvidence e{d.claim, d.v1, "APPROXIMATELY 28,500 TROOPS", "supports"};
  try {
    d.wb->LinkEvidence(e);
    FAIL() << "expected an anchor error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kAnchor);
    EXPECT_EQ(error.id(), "claimledger.anchor.not_found");
    EXPECT_NE(error.detail().find("different capital letters"), std::string::npos);
  }
  e.match_case = false;
  EXPECT_EQ(d.wb->LinkEvidence(e).quote.exact, "approximately 28,500 troops");
  NewClaim claim{"the 1950-1953 korean war", {}, d.v1};
  EXPECT_THROW(d.wb->AddClaim(claim), Error);
  claim.match_case = false;
  EXPECT_EQ(d.wb->AddClaim(claim).appearances.at(0).exact, "the 1950-1953 Korean War");
}

TEST(WorkbenchAnchorTest, AmbiguousQuoteIsAnErrorUntilContextPicksOne) {
  QuoteDesk d = MakeDesk(kOld);
  const std::string doc = "In 2018: 28,500 troops. In 2024: 28,500 troops.";
  const std::string hash = d.wb->AddSnapshot({doc}).hash;
  const std::int64_t events = d.wb->EventCount();
  NewEvidence e{d.claim, hash, "28,500 troops", "supports"};
  try {
    d.wb->LinkEvidence(e);
    FAIL() << "expected an anchor error";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.anchor.ambiguous");
    EXPECT_NE(error.detail().find("2 times (at code points 9, 33)"), std::string::npos)
        << error.detail();
  }
  EXPECT_EQ(d.wb->EventCount(), events);  // nothing written
  e.prefix = "In 2024: ";
  EXPECT_EQ(d.wb->LinkEvidence(e).quote.start, 33u);
}

TEST(WorkbenchAnchorTest, ReanchorReportsEveryQuoteAndWhatNeedsReview) {
  std::string edited = Edited("28,500", "28,000");
  edited = "UPDATED. " + edited;
  QuoteDesk d = MakeDesk(edited);
  const Evidence war = d.wb->LinkEvidence({d.other, d.v1, "the 1950-1953 Korean War", "supports"});
  const Evidence number =
      d.wb->LinkEvidence({d.claim, d.v1, "28,500 troops in South Korea", "supports"});
  const Evidence gone =
      d.wb->LinkEvidence({d.other, d.v1, "Officials said the number would not change", "context"});
  d.wb->SetVerdict(d.claim, "true", "USFK says so", {number.id});
  // Drop the officials' sentence from the new version.
  edited.erase(edited.find(" Officials said"));
  d.v2 = d.wb->AddSnapshot({edited, "https://example.com/a"}).hash;
  const std::int64_t events = d.wb->EventCount();

  const ReanchorReport report = d.wb->Reanchor(d.v1, d.v2);
  EXPECT_EQ(d.wb->EventCount(), events);  // read-only
  EXPECT_EQ(report.old_url, report.new_url);
  ASSERT_EQ(report.quotes.size(), 4u);      // in the order of their old position
  EXPECT_FALSE(report.quotes[0].evidence);  // the claim's own appears_in quote
  EXPECT_EQ(report.quotes[0].claim, d.claim);
  EXPECT_EQ(report.quotes[0].result.status, ReanchorStatus::kChanged);
  EXPECT_EQ(report.quotes[1].evidence, number.id);
  EXPECT_EQ(report.quotes[1].result.status, ReanchorStatus::kChanged);
  EXPECT_EQ(report.quotes[1].result.quote->exact, "28,000 troops in South Korea");
  EXPECT_EQ(report.quotes[1].result.quote->snapshot, d.v2);
  EXPECT_EQ(report.quotes[1].old_quote.snapshot, d.v1);
  EXPECT_EQ(report.quotes[2].evidence, war.id);
  EXPECT_EQ(report.quotes[2].result.status, ReanchorStatus::kMoved);
  EXPECT_EQ(report.quotes[3].evidence, gone.id);
  EXPECT_EQ(report.quotes[3].result.status, ReanchorStatus::kOrphaned);

  ASSERT_EQ(report.needs_review.size(), 2u);
  EXPECT_EQ(report.needs_review[0].claim, d.claim);
  EXPECT_EQ(report.needs_review[0].rating, "true");
  EXPECT_TRUE(report.needs_review[0].appearance);
  EXPECT_EQ(report.needs_review[0].evidence, std::vector<std::string>{number.id});
  EXPECT_TRUE(report.needs_review[0].verdict_cites);
  EXPECT_EQ(report.needs_review[1].claim, d.other);
  EXPECT_FALSE(report.needs_review[1].rating);
  EXPECT_FALSE(report.needs_review[1].appearance);
  EXPECT_EQ(report.needs_review[1].evidence, std::vector<std::string>{gone.id});
  EXPECT_FALSE(report.needs_review[1].verdict_cites);
}

TEST(WorkbenchAnchorTest, ReanchorAgainstItselfIsAllExact) {
  QuoteDesk d = MakeDesk(kOld);
  d.wb->LinkEvidence({d.other, d.v1, "the 1950-1953 Korean War", "supports"});
  const ReanchorReport report = d.wb->Reanchor(d.v1, d.v1);
  ASSERT_EQ(report.quotes.size(), 2u);
  for (const QuoteReanchor& q : report.quotes) {
    EXPECT_EQ(q.result.status, ReanchorStatus::kExact);
  }
  EXPECT_TRUE(report.needs_review.empty());
}

TEST(WorkbenchAnchorTest, ReanchorErrors) {
  QuoteDesk d = MakeDesk(kOld);
  const std::string unknown = "xxh3-128:" + std::string(32, '0');
  try {
    d.wb->Reanchor(unknown, d.v2);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
    EXPECT_EQ(error.id(), "claimledger.snapshot.not_found");
  }
  EXPECT_THROW(d.wb->Reanchor(d.v1, unknown), Error);
  const std::string binary = d.wb->AddSnapshot({std::string("\xFF\xFE\x00\x01", 4)}).hash;
  try {
    d.wb->Reanchor(d.v1, binary);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kAnchor);
    EXPECT_EQ(error.id(), "claimledger.anchor.not_text");
  }
  // A snapshot with no quotes gives an empty report.
  const std::string unquoted = d.wb->AddSnapshot({"Nothing quoted from here."}).hash;
  const ReanchorReport empty = d.wb->Reanchor(unquoted, d.v1);
  EXPECT_TRUE(empty.quotes.empty());
  EXPECT_TRUE(empty.needs_review.empty());
}

}  // namespace
}  // namespace claimledger
