// The desk's workflow rules on both stores: publishing approves the verdict current at that
// moment, a later verdict (made here or merged from another desk) takes the claim back to
// in-progress, and a merge's verdict conflict stays on the claim until a verdict follows it.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::NewDeskUrl;
using testing_util::TempLedgerPath;

std::unique_ptr<Workbench> OpenAs(const std::string& location, const std::string& actor) {
  WorkbenchOptions options;
  options.actor = actor;
  return Workbench::Open(location, options);
}

// The data of the last event of `type` in a claim's history.
nlohmann::json LastOfType(Workbench& wb, const std::string& claim, const std::string& type) {
  nlohmann::json data;
  for (const Event& event : wb.History(claim)) {
    if (event.type == type) data = nlohmann::json::parse(event.data);
  }
  return data;
}

// The hash of the event that set the claim's current verdict.
std::string VerdictHash(Workbench& wb, const std::string& claim) {
  const std::int64_t seq = wb.GetClaim(claim).verdict->origin.seq;
  return wb.Events(seq, seq).front().hash;
}

// A desk on the store the test runs on (a ledger file, or a desk on the test server).
class WorkflowTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    location_ = std::string(GetParam()) == "postgresql" ? NewDeskUrl() : file_.str();
    ASSERT_FALSE(location_.empty());
    wb_ = OpenAs(location_, "alice");
    claim_ = wb_->AddClaim({"Seoul keeps 28,500 troops.", {}, {}, {}, {}}).id;
  }
  TempLedgerPath file_;
  std::string location_;
  std::unique_ptr<Workbench> wb_;
  std::string claim_;
};

TEST_P(WorkflowTest, PublishingApprovesTheCurrentVerdictAndALaterVerdictReopens) {
  wb_->SetVerdict(claim_, "true", "the fact sheet says so", {});
  wb_->SetStatus(claim_, "reviewed");
  EXPECT_EQ(LastOfType(*wb_, claim_, "status.set")["verdict"], VerdictHash(*wb_, claim_));
  wb_->SetStatus(claim_, "published");
  EXPECT_EQ(LastOfType(*wb_, claim_, "status.set")["verdict"], VerdictHash(*wb_, claim_));

  const std::int64_t before = wb_->EventCount();
  wb_->SetVerdict(claim_, "mostly-true", "the figure varies by season", {});
  EXPECT_EQ(wb_->EventCount(), before + 2);  // the verdict and the step back, together
  EXPECT_EQ(wb_->GetClaim(claim_).status, "in-progress");
  const nlohmann::json reopen = LastOfType(*wb_, claim_, "status.set");
  EXPECT_EQ(reopen["from"], "published");
  EXPECT_FALSE(reopen.contains("verdict"));
  EXPECT_EQ(reopen["reason"], "a new verdict, not yet approved");

  // A verdict on a claim nobody has approved changes no status.
  const std::int64_t in_progress = wb_->EventCount();
  wb_->SetVerdict(claim_, "true", "checked again", {});
  EXPECT_EQ(wb_->EventCount(), in_progress + 1);
  EXPECT_EQ(wb_->GetClaim(claim_).status, "in-progress");
  wb_->SetStatus(claim_, "published");
  EXPECT_EQ(LastOfType(*wb_, claim_, "status.set")["verdict"], VerdictHash(*wb_, claim_));
  EXPECT_TRUE(wb_->Verify().ok);
}

TEST_P(WorkflowTest, AClaimAddedPublishedApprovesTheVerdictItWasAddedWith) {
  NewClaim claim{"Rice prices rose 12%.", {}, {}, {}, {}};
  claim.verdict = NewVerdict{"false", "they rose 3%"};
  claim.status = "published";
  const std::string id = wb_->AddClaim(claim).id;
  EXPECT_EQ(LastOfType(*wb_, id, "status.set")["verdict"], VerdictHash(*wb_, id));
  // published-elsewhere approves nothing here: a later verdict leaves it as it is.
  claim.text = "Rice prices fell.";
  claim.status = "published-elsewhere";
  const std::string elsewhere = wb_->AddClaim(claim).id;
  EXPECT_FALSE(LastOfType(*wb_, elsewhere, "status.set").contains("verdict"));
  wb_->SetVerdict(elsewhere, "true", "they fell", {});
  EXPECT_EQ(wb_->GetClaim(elsewhere).status, "published-elsewhere");
}

TEST_P(WorkflowTest, SettingTheStatusAClaimHasRecordsNothing) {
  const std::int64_t before = wb_->EventCount();
  EXPECT_EQ(wb_->SetStatus(claim_, "new").status, "new");
  wb_->SetVerdict(claim_, "true", "the fact sheet says so", {});
  wb_->SetStatus(claim_, "published");
  EXPECT_EQ(wb_->SetStatus(claim_, "published").status, "published");
  EXPECT_EQ(wb_->EventCount(), before + 2);
}

TEST_P(WorkflowTest, RerunningTheSameStepsAddsNothing) {
  const Source courier = wb_->AddSource({"Courier", "outlet", "https://courier.example", {}});
  const std::string text = "Seoul keeps approximately 28,500 troops. Seoul said so twice.";
  const std::string snapshot = wb_->AddSnapshot({text, {}, {}, courier.id, {}, {}}).hash;
  NewClaim quoted{"About 28,500 troops.", courier.id, snapshot, "approximately 28,500 troops", {}};
  const std::string claim = wb_->AddClaim(quoted).id;
  NewEvidence evidence{claim, snapshot, "Seoul keeps approximately 28,500 troops", "supports"};
  const std::string linked = wb_->LinkEvidence(evidence).id;
  const std::int64_t events = wb_->EventCount();

  // The notebook runs again: the same ids, nothing appended.
  EXPECT_EQ(wb_->AddSource({"Courier", "outlet", "https://courier.example", {}}).id, courier.id);
  EXPECT_EQ(wb_->AddClaim(quoted).id, claim);
  EXPECT_EQ(wb_->AddClaim({"Seoul keeps 28,500 troops.", {}, {}, {}, {}}).id, claim_);
  EXPECT_EQ(wb_->LinkEvidence(evidence).id, linked);
  std::vector<bool> there;
  const std::vector<std::string> ids = wb_->AddClaims(
      {quoted, {"A new one.", {}, {}, {}, {}}, {"A new one.", {}, {}, {}, {}}}, &there);
  EXPECT_EQ(there, (std::vector<bool>{true, false, true}));  // the third repeats the second
  EXPECT_EQ(ids[0], claim);
  EXPECT_EQ(ids[2], ids[1]);
  EXPECT_EQ(wb_->EventCount(), events + 1);
  EXPECT_EQ(wb_->AddSources({{"Courier", "outlet", "https://courier.example", {}},
                             {"Wire", "outlet", {}, {}},
                             {"Wire", "outlet", {}, {}}},
                            &there)
                .front(),
            courier.id);
  EXPECT_EQ(there, (std::vector<bool>{true, false, true}));
  EXPECT_EQ(wb_->EventCount(), events + 2);

  // What differs is new: another url, kind, claimant, place or stance.
  EXPECT_NE(wb_->AddSource({"Courier", "outlet", "https://other.example", {}}).id, courier.id);
  EXPECT_NE(wb_->AddSource({"Courier", "person", "https://courier.example", {}}).id, courier.id);
  EXPECT_NE(wb_->AddClaim({quoted.text, {}, snapshot, *quoted.quote, {}}).id, claim);
  EXPECT_NE(wb_->AddClaim({quoted.text, courier.id, {}, {}, {}}).id, claim);
  EXPECT_NE(wb_->AddClaim({"About 28,500 troops. ", courier.id, {}, {}, {}}).id, claim_);
  NewEvidence context = evidence;
  context.stance = "context";
  EXPECT_NE(wb_->LinkEvidence(context).id, linked);
  NewEvidence elsewhere{claim, snapshot, "Seoul said so", "supports"};
  EXPECT_NE(wb_->LinkEvidence(elsewhere).id, linked);
  EXPECT_TRUE(wb_->Verify().ok);
}

TEST_P(WorkflowTest, AClaimWithoutADateTakesItsSnapshotsPublishedElseRetrievedDate) {
  const Source paper = wb_->AddSource({"Paper", "outlet", {}, {}});
  const std::string published =
      wb_->AddSnapshot(
             {"In 2019 the army kept 28,500 troops.", {}, {}, paper.id, "2019-03-04", "2024-10-21"})
          .hash;
  const std::string retrieved =
      wb_->AddSnapshot({"In 2021 the army kept 27,000 troops.", {}, {}, {}, {}, "2021-06-07"}).hash;
  const std::string undated =
      wb_->AddSnapshot({"The army kept 26,000 troops.", {}, {}, {}, {}, {}}).hash;
  const Claim from_published = wb_->AddClaim(
      {"The army kept 28,500 troops.", paper.id, published, "the army kept 28,500 troops", {}});
  EXPECT_EQ(from_published.date, "2019-03-04");
  const Claim from_retrieved = wb_->AddClaim(
      {"The army kept 27,000 troops.", paper.id, retrieved, "the army kept 27,000 troops", {}});
  EXPECT_EQ(from_retrieved.date, "2021-06-07");
  const Claim nothing = wb_->AddClaim(
      {"The army kept 26,000 troops.", paper.id, undated, "The army kept 26,000 troops", {}});
  EXPECT_FALSE(nothing.date.has_value());  // reads by date use when it was recorded
  NewClaim given{"Troops: 28,500.", paper.id, published, "28,500 troops", {}};
  given.date = "2018-12-31";
  EXPECT_EQ(wb_->AddClaim(given).date, "2018-12-31");  // a date given wins
  // The date is in the claim's event: history, replay and the past read it alike.
  EXPECT_EQ(LastOfType(*wb_, from_published.id, "claim.added")["date"], "2019-03-04");
  EXPECT_TRUE(wb_->Verify().ok);
  EXPECT_EQ(wb_->AsOf(wb_->EventCount())->GetClaim(from_retrieved.id).date, "2021-06-07");

  // Search's date range and the track record's years use it.
  const auto found = [&](const std::string& since, const std::string& until) {
    std::vector<std::string> ids;
    for (const SearchHit& hit : wb_->Search("army troops", {}, since, until)) {
      ids.push_back(hit.claim);
    }
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(found("2019-01-01", "2019-12-31"), std::vector<std::string>{from_published.id});
  EXPECT_EQ(found("2021-01-01", "2021-12-31"), std::vector<std::string>{from_retrieved.id});
  wb_->SetVerdict(from_published.id, "true", "the 2019 budget says so", {});
  wb_->SetVerdict(from_retrieved.id, "false", "the 2021 budget says otherwise", {});
  std::vector<int> years;
  for (const YearScore& year : wb_->GetTrackRecord(paper.id).by_year) years.push_back(year.year);
  EXPECT_EQ(years, (std::vector<int>{2019, 2021}));
}

TEST_P(WorkflowTest, TheSameQuoteCannotSupportAndRefuteOneClaim) {
  const std::string snapshot =
      wb_->AddSnapshot({"The fact sheet: 28,500 service members.", {}, {}, {}, {}, {}}).hash;
  NewEvidence evidence{claim_, snapshot, "28,500 service members", "supports"};
  const std::string linked = wb_->LinkEvidence(evidence).id;
  const std::int64_t events = wb_->EventCount();
  evidence.stance = "refutes";
  try {
    wb_->LinkEvidence(evidence);
    FAIL() << "a quote that supports the claim was linked as refuting it";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.evidence.contradicts");
    EXPECT_NE(std::string(error.what()).find(linked), std::string::npos) << error.what();
  }
  EXPECT_EQ(wb_->EventCount(), events);
}

// Desk B starts from a copy of this desk; both then rate the same claim differently.
class MergeWorkflowTest : public WorkflowTest {
 protected:
  void SetUp() override {
    WorkflowTest::SetUp();
    wb_->ExportBundle(bundle_.str());
    b_ = OpenAs(b_file_.str(), "bob");
    b_->ImportBundle(bundle_.str());
    wb_->SetVerdict(claim_, "true", "the fact sheet says so", {});
    wb_->SetStatus(claim_, "published");
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    b_->SetVerdict(claim_, "mostly-true", "the figure varies by season", {});
  }
  TempLedgerPath bundle_, b_file_;
  std::unique_ptr<Workbench> b_;
};

TEST_P(MergeWorkflowTest, AMergedVerdictNobodyApprovedReopensAndTheConflictStaysVisible) {
  const MergeReport report = wb_->Merge(b_file_.str());
  ASSERT_EQ(report.conflicts.size(), 1u);
  const MergeConflict& conflict = report.conflicts[0];
  EXPECT_EQ(conflict.claim, claim_);
  EXPECT_EQ(conflict.local_rating, "true");
  EXPECT_EQ(conflict.other_rating, "mostly-true");
  EXPECT_EQ(conflict.local_rationale, "the fact sheet says so");
  EXPECT_EQ(conflict.other_rationale, "the figure varies by season");
  EXPECT_EQ(conflict.local_actor, "alice");
  EXPECT_EQ(conflict.other_actor, "bob");
  EXPECT_LT(conflict.local_at, conflict.other_at);
  EXPECT_EQ(conflict.other_ledger, report.other);
  EXPECT_EQ(report.reopened, std::vector<std::string>{claim_});

  // The newer verdict is current, and not published: the claim is back in progress.
  Claim claim = wb_->GetClaim(claim_);
  EXPECT_EQ(claim.verdict->rating, "mostly-true");
  EXPECT_EQ(claim.status, "in-progress");
  ASSERT_TRUE(claim.conflict);
  EXPECT_EQ(claim.conflict->other_rationale, "the figure varies by season");
  ClaimFilter conflicts;
  conflicts.conflict = true;
  ASSERT_EQ(wb_->Claims(conflicts).size(), 1u);
  EXPECT_TRUE(wb_->Claims({}).front().conflict);
  conflicts.status = "published";
  EXPECT_TRUE(wb_->Claims(conflicts).empty());  // the other filters still apply
  EXPECT_TRUE(wb_->Verify().ok);

  // Reopening the desk shows the same; a verdict made after the merge decides the conflict.
  wb_ = OpenAs(location_, "alice");
  EXPECT_TRUE(wb_->GetClaim(claim_).conflict);
  wb_->SetVerdict(claim_, "mostly-true", "agreed with bob", {});
  EXPECT_FALSE(wb_->GetClaim(claim_).conflict);
  conflicts.status.reset();
  EXPECT_TRUE(wb_->Claims(conflicts).empty());
  EXPECT_TRUE(wb_->Verify().ok);
  EXPECT_EQ(wb_->Rebuild(), wb_->EventCount());
  EXPECT_FALSE(wb_->GetClaim(claim_).conflict);
}

TEST_P(MergeWorkflowTest, AMergedVerdictTheOtherDeskApprovedStaysPublished) {
  b_->SetStatus(claim_, "published");
  const MergeReport report = wb_->Merge(b_file_.str());
  EXPECT_TRUE(report.reopened.empty());
  const Claim claim = wb_->GetClaim(claim_);
  EXPECT_EQ(claim.status, "published");
  EXPECT_EQ(claim.verdict->rating, "mostly-true");
  EXPECT_TRUE(claim.conflict);  // the desks still disagreed: listed until decided
}

TEST_P(MergeWorkflowTest, AnOlderMergedVerdictLeavesTheApprovedOneCurrent) {
  // This desk decides last: its verdict stays current and published; B's older one conflicts.
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  wb_->SetVerdict(claim_, "true", "confirmed with the ministry", {});
  wb_->SetStatus(claim_, "published");
  const MergeReport report = wb_->Merge(b_file_.str());
  EXPECT_TRUE(report.reopened.empty());
  EXPECT_EQ(wb_->GetClaim(claim_).status, "published");
  EXPECT_EQ(wb_->GetClaim(claim_).verdict->rating, "true");
  ASSERT_EQ(report.conflicts.size(), 1u);
  EXPECT_EQ(report.conflicts[0].local_rationale, "confirmed with the ministry");
}

INSTANTIATE_TEST_SUITE_P(Stores, WorkflowTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });
INSTANTIATE_TEST_SUITE_P(Stores, MergeWorkflowTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });

}  // namespace
}  // namespace claimledger
