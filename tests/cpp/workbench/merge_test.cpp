// Merging two desks: shared history is recognised by hash, provenance survives, both
// orders give the same state, conflicts are listed, and merging twice adds nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "claimledger/error.h"
#include "claimledger/workbench.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::TempLedgerPath;

std::unique_ptr<Workbench> OpenAs(const std::string& path, const std::string& actor) {
  WorkbenchOptions options;
  options.actor = actor;
  return Workbench::Open(path, options);
}

// What a user sees of a desk, independent of the order events arrived in.
std::map<std::string, std::string> State(Workbench& wb) {
  std::map<std::string, std::string> state;
  for (const Claim& c : wb.Claims({})) {
    state["claim " + c.id] = c.text + " | " + c.status + " | " +
                             (c.verdict ? c.verdict->rating : "-") + " | " +
                             std::to_string(wb.Verdicts(c.id).size()) + " verdicts";
  }
  for (const Source& s : wb.Sources()) {
    state["source " + s.id] = s.name + " | " + s.reliability.value_or("-");
  }
  for (const Snapshot& s : wb.Snapshots()) state["snapshot " + s.hash] = std::to_string(s.size);
  return state;
}

class MergeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Desk A starts the work and hands a copy to desk B as a bundle.
    auto a = OpenAs(a_.str(), "alice");
    const std::string outlet = a->AddSource({"Courier", "outlet", {}, {}}).id;
    const std::string snapshot =
        a->AddSnapshot({"Seoul keeps approximately 28,500 troops.", {}, {}, outlet, {}, {}}).hash;
    claim_ =
        a->AddClaim({"About 28,500 troops.", outlet, snapshot, "approximately 28,500 troops", {}})
            .id;
    a->ExportBundle(bundle_.str());
    auto b = OpenAs(b_.str(), "bob");
    b->ImportBundle(bundle_.str());
    // Then each desk works on its own.
    a->SetVerdict(claim_, "true", "fact sheet", {});
    a->AddClaim({"Only desk A has this.", {}, {}, {}, {}});
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    b->SetVerdict(claim_, "mostly-true", "numbers vary", {});
    b->AddSource({"Wire", "outlet", {}, {}});
    b->AddSnapshot({"Seoul keeps approximately 28,500 troops.", {}, {}, {}, {}, {}});  // same bytes
  }
  TempLedgerPath a_, b_, bundle_;
  std::string claim_;
};

TEST_F(MergeTest, BothOrdersGiveTheSameStateAndListTheConflict) {
  TempLedgerPath a_copy, b_copy;
  {
    auto a = OpenAs(a_.str(), "alice");
    a->ExportBundle(a_copy.str());
    auto b = OpenAs(b_.str(), "bob");
    b->ExportBundle(b_copy.str());
  }
  auto a = OpenAs(a_.str(), "alice");
  const MergeReport into_a = a->Merge(b_.str());  // from B's ledger file
  auto b = OpenAs(b_.str(), "bob");
  const MergeReport into_b = b->Merge(a_copy.str());  // from A's bundle

  EXPECT_EQ(State(*a), State(*b));
  EXPECT_EQ(a->GetClaim(claim_).verdict->rating, "mostly-true");  // made last, on desk B
  ASSERT_EQ(into_a.conflicts.size(), 1u);
  EXPECT_EQ(into_a.conflicts[0].claim, claim_);
  EXPECT_EQ(into_a.conflicts[0].local_rating, "true");
  EXPECT_EQ(into_a.conflicts[0].other_rating, "mostly-true");
  ASSERT_EQ(into_b.conflicts.size(), 1u);
  EXPECT_EQ(into_b.conflicts[0].local_rating, "mostly-true");
  EXPECT_EQ(into_a.added, 2);    // B's verdict and source
  EXPECT_EQ(into_a.skipped, 3);  // the shared history: source, snapshot, claim
  EXPECT_TRUE(a->Verify().ok);
  EXPECT_TRUE(b->Verify().ok);
}

TEST_F(MergeTest, ProvenanceSurvivesAndHistoryShowsBothDesks) {
  auto a = OpenAs(a_.str(), "alice");
  const std::string other_identity = OpenAs(b_.str(), "bob")->identity();
  EXPECT_EQ(other_identity, a->identity());  // B came from A's bundle: the same ledger id
  const MergeReport report = a->Merge(b_.str());
  const auto history = a->History(claim_);
  std::vector<std::string> actors;
  std::string merged_data;
  for (const Event& event : history) {
    if (event.type != "verdict.set") continue;
    actors.push_back(event.actor);
    merged_data = event.data;
  }
  EXPECT_EQ(actors, (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(history.back().type, "verdict.conflict");  // the desks disagreed
  const nlohmann::json merged = nlohmann::json::parse(merged_data);
  ASSERT_TRUE(merged.contains("origin"));
  EXPECT_EQ(merged["origin"]["ledger"], report.other);
  EXPECT_EQ(merged["origin"]["merged_by"], "alice");
  EXPECT_TRUE(merged["origin"]["hash"].get<std::string>().rfind("sha256:", 0) == 0);
  const auto verdicts = a->Verdicts(claim_);
  EXPECT_EQ(verdicts.back().origin.from_ledger, report.other);
}

TEST_F(MergeTest, MergingTwiceAddsNothing) {
  auto a = OpenAs(a_.str(), "alice");
  EXPECT_GT(a->Merge(b_.str()).added, 0);
  const std::int64_t events = a->EventCount();
  const MergeReport again = a->Merge(b_.str());
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(a->EventCount(), events);
  // Merging back the other way brings A's merged copies of B's events home unchanged.
  auto b = OpenAs(b_.str(), "bob");
  b->Merge(a_.str());
  const std::int64_t b_events = b->EventCount();
  EXPECT_EQ(b->Merge(a_.str()).added, 0);
  EXPECT_EQ(b->EventCount(), b_events);
  EXPECT_EQ(State(*a), State(*b));
}

TEST(MergeScaleTest, DesksOnDifferentScalesAreNotMerged) {
  TempLedgerPath a, b;
  auto left = OpenAs(a.str(), "alice");
  WorkbenchOptions options;
  options.scale = "politifact";
  Workbench::Open(b.str(), options)->AddClaim({"x", {}, {}, {}, {}});
  try {
    left->Merge(b.str());
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.merge.scale");
  }
  EXPECT_EQ(left->EventCount(), 1);
}

}  // namespace
}  // namespace claimledger
