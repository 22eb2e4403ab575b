// Ledger::Verify in detail: the cheap digest replay agrees with the stored tables exactly
// when a replay into rows does, and each damaged row is named by table and key.
#include "claimledger/ledger.h"

#include <gtest/gtest.h>

#include "claimledger/codec.h"
#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "claimledger/store.h"
#include "claimledger/workbench.h"
#include "test_util.h"

namespace claimledger {
namespace {

using nlohmann::json;
using testing_util::RawSql;
using testing_util::TempLedgerPath;

std::string HashOf(int n) { return Sha256("event " + std::to_string(n)); }

Event MakeEvent(std::int64_t seq, const std::string& type, const std::string& at, json data) {
  Event event;
  event.seq = seq;
  event.type = type;
  event.at = at;
  event.actor = "tester";
  event.data = std::move(data);
  event.hash = HashOf(static_cast<int>(seq));
  return event;
}

json Merged(const std::string& made_at, int n) {
  return {{"ledger", HashOf(1000)}, {"hash", HashOf(n)}, {"at", made_at}};
}

// Events in awkward orders: a verdict and a status before their claim exists, repeated
// tags, a claim and evidence created twice, verdicts, statuses and ratings merged from
// another desk with earlier times than those already applied.
std::vector<Event> AwkwardEvents() {
  const std::string source = EntityId("src", HashOf(2));
  const std::string claim = EntityId("clm", HashOf(5));
  const json quote = {{"snapshot", "xxh3-128:" + std::string(32, '0')},
                      {"exact", "troops"},
                      {"prefix", "28,500 "},
                      {"suffix", " in"},
                      {"start", 7},
                      {"end", 13}};
  const json quantity = {{"text", "28,500"}, {"begin", 6},     {"end", 12},
                         {"value", "28500"}, {"low", nullptr}, {"high", nullptr},
                         {"unit", "troops"}, {"qualifier", ""}};
  const json claim_data = {{"text", "About 28,500 troops."},
                           {"claimant", source},
                           {"tags", {"b", "a", "b"}},
                           {"appears_in", quote},
                           {"quantities", {quantity}}};
  const json evidence = {
      {"claim", claim}, {"quote", quote}, {"stance", "supports"}, {"note", "a note"}};
  return {
      MakeEvent(2, "source.added", "2026-01-01T00:00:02.000000Z",
                {{"name", "Courier"}, {"kind", "outlet"}, {"attributes", {{"city", "Seoul"}}}}),
      MakeEvent(3, "verdict.set", "2026-01-01T00:00:03.000000Z",
                {{"claim", claim},
                 {"rating", "false"},
                 {"rationale", "early"},
                 {"evidence", json::array()}}),
      MakeEvent(4, "status.set", "2026-01-01T00:00:04.000000Z",
                {{"claim", claim}, {"status", "in-progress"}}),
      MakeEvent(5, "claim.added", "2026-01-01T00:00:05.000000Z", claim_data),
      MakeEvent(6, "evidence.linked", "2026-01-01T00:00:06.000000Z", evidence),
      MakeEvent(7, "verdict.set", "2026-01-01T00:00:07.000000Z",
                {{"claim", claim},
                 {"rating", "true"},
                 {"rationale", "later"},
                 {"evidence", json::array()}}),
      MakeEvent(8, "verdict.set", "2026-01-01T00:00:08.000000Z",
                {{"claim", claim},
                 {"rating", "mixed"},
                 {"rationale", "merged, made earlier"},
                 {"evidence", {EntityId("evd", HashOf(6))}},
                 {"origin", Merged("2025-06-01T00:00:00.000000Z", 90)}}),
      MakeEvent(9, "status.set", "2026-01-01T00:00:09.000000Z",
                {{"claim", claim}, {"status", "published"}}),
      MakeEvent(10, "status.set", "2026-01-01T00:00:10.000000Z",
                {{"claim", claim},
                 {"status", "new"},
                 {"origin", Merged("2025-06-02T00:00:00.000000Z", 91)}}),
      MakeEvent(11, "status.set", "2026-01-01T00:00:11.000000Z",
                {{"claim", "clm_nothere"}, {"status", "published"}}),
      MakeEvent(12, "source.rated", "2026-01-01T00:00:12.000000Z",
                {{"source", source}, {"grade", "B"}, {"rationale", "usually"}}),
      MakeEvent(13, "source.rated", "2026-01-01T00:00:13.000000Z",
                {{"source", source},
                 {"grade", "E"},
                 {"rationale", "merged, made earlier"},
                 {"origin", Merged("2025-06-03T00:00:00.000000Z", 92)}}),
      MakeEvent(14, "claim.added", "2026-01-01T00:00:14.000000Z",
                {{"text", "Merged claim."},
                 {"claimant", nullptr},
                 {"tags", json::array()},
                 {"appears_in", nullptr},
                 {"quantities", json::array()},
                 {"origin", Merged("2025-06-04T00:00:00.000000Z", 5)}}),  // claim 5 again
      MakeEvent(15, "evidence.linked", "2026-01-01T00:00:15.000000Z",
                {{"claim", claim},
                 {"quote", quote},
                 {"stance", "refutes"},
                 {"origin", Merged("2025-06-05T00:00:00.000000Z", 6)}}),  // evidence 6 again
  };
}

TEST(LedgerVerifyTest, DigestReplayAgreesWithTheTablesOnAwkwardEventOrders) {
  auto store = OpenSqliteStore(":memory:", {});
  std::unique_ptr<ProjectionWriter> digests = store->NewScratch(Store::Scratch::kDigests);
  store->BeginWrite();
  for (const Event& event : AwkwardEvents()) {
    // Stored as the ledger stores it: a claim's quantities are read from its event.
    store->AppendEvent(event, CanonicalJson(event.data));
    bool stored_failed = false, digest_failed = false;
    try {
      Ledger::Apply(*store, event);
    } catch (const Error&) {
      stored_failed = true;
    }
    try {
      Ledger::Apply(*digests, event);
    } catch (const Error&) {
      digest_failed = true;
    }
    EXPECT_EQ(stored_failed, digest_failed) << "event " << event.seq;
    EXPECT_EQ(stored_failed, event.seq == 14 || event.seq == 15) << "event " << event.seq;
  }
  store->Commit();
  ReadScope read(*store);
  const std::vector<ProjectionDiff> diffs = store->DiffProjections(*digests);
  for (const ProjectionDiff& diff : diffs) ADD_FAILURE() << diff.table << " differs";
  // The verdict made last wins, whatever order the verdicts came in; likewise the status.
  const std::optional<Claim> claim = store->GetClaim(EntityId("clm", HashOf(5)));
  ASSERT_TRUE(claim && claim->verdict);
  EXPECT_EQ(claim->verdict->rating, "true");
  EXPECT_EQ(claim->status, "published");
}

// True when `event` could be applied to `target` (a refused event writes nothing).
bool Applies(ProjectionWriter& target, const Event& event) {
  try {
    Ledger::Apply(target, event);
    return true;
  } catch (const Error&) {
    return false;
  }
}

// A private store holding `events` as a ledger stores them, each applied to its tables when
// it can be; `refused` gets the seq of each one that could not.
std::unique_ptr<Store> StoreOf(const std::vector<Event>& events,
                               std::vector<std::int64_t>* refused = nullptr) {
  auto store = OpenSqliteStore(":memory:", {});
  store->BeginWrite();
  for (const Event& event : events) {
    store->AppendEvent(event, CanonicalJson(event.data));
    if (!Applies(*store, event) && refused) refused->push_back(event.seq);
  }
  store->Commit();
  return store;
}

// Verify replays the second half of the events on a second thread into digests of their
// own and merges them; when they need state from before the split it replays them again
// after the rest.
// Wherever the split falls, the result is that of one replay in order: the same events
// refused (the repeated claim and evidence, 14 and 15) and digests equal to the tables.
TEST(LedgerVerifyTest, ADigestReplayInTwoPiecesAgreesWithOneWhereverItIsSplit) {
  // All the awkward events, and the same without the last (so that after 13 only the
  // repeated claim is left, and after 14 only the repeated evidence).
  std::vector<Event> without_last = AwkwardEvents();
  without_last.pop_back();
  for (const std::vector<Event>& events : {AwkwardEvents(), without_last}) {
    const std::int64_t last = events.back().seq;
    const std::unique_ptr<Store> store = StoreOf(events);
    ReadScope read(*store);
    std::vector<std::int64_t> refused_in_order;
    for (std::int64_t seq = 14; seq <= last; ++seq) refused_in_order.push_back(seq);
    for (std::int64_t split = 1; split <= last; ++split) {
      std::unique_ptr<ProjectionWriter> first = store->NewScratch(Store::Scratch::kDigests);
      std::unique_ptr<ProjectionWriter> later = store->NewLaterDigests(*first);
      std::vector<std::int64_t> refused;
      bool later_refused = false;
      for (const Event& event : events) {
        if (event.seq <= split && !Applies(*first, event)) refused.push_back(event.seq);
        if (event.seq > split && !Applies(*later, event)) later_refused = true;
      }
      const bool merged = !later_refused && store->MergeLaterDigests(*first, *later);
      if (!merged) {
        for (const Event& event : events) {
          if (event.seq > split && !Applies(*first, event)) refused.push_back(event.seq);
        }
      }
      const std::string where =
          "split after " + std::to_string(split) + " of " + std::to_string(last);
      EXPECT_EQ(refused, refused_in_order) << where;
      for (const ProjectionDiff& diff : store->DiffProjections(*first)) {
        ADD_FAILURE() << diff.table << " differs, " << where;
      }
      // After 13 (or 14) the second piece holds a claim (or evidence) put again with its
      // first id: it refuses nothing on its own, so only the merge can see the repeat.
      if ((split == 13 || split == 14) && split < last) {
        EXPECT_FALSE(later_refused || merged) << where;
      }
      if (split == last) EXPECT_TRUE(merged);  // nothing after the split
    }
  }
}

// The second piece is merged when it repeats no id from the first: its own claims with
// their verdicts and statuses, and updates of claims from the first piece, which the
// merge applies to them in order.
TEST(LedgerVerifyTest, ASecondPieceThatRepeatsNoIdIsMerged) {
  const std::string source = EntityId("src", HashOf(2));
  const std::string second_claim = EntityId("clm", HashOf(5));
  const json claim_data = {{"text", "About 28,500 troops."},
                           {"claimant", source},
                           {"tags", {"a"}},
                           {"appears_in", nullptr},
                           {"quantities", json::array()}};
  const std::vector<Event> events = {
      MakeEvent(2, "source.added", "2026-01-01T00:00:02.000000Z",
                {{"name", "Courier"}, {"kind", "outlet"}}),
      MakeEvent(3, "claim.added", "2026-01-01T00:00:03.000000Z", claim_data),
      MakeEvent(4, "verdict.set", "2026-01-01T00:00:04.000000Z",
                {{"claim", EntityId("clm", HashOf(3))},
                 {"rating", "true"},
                 {"rationale", "checked"},
                 {"evidence", json::array()}}),
      MakeEvent(5, "claim.added", "2026-01-01T00:00:05.000000Z", claim_data),
      MakeEvent(6, "status.set", "2026-01-01T00:00:06.000000Z",
                {{"claim", second_claim}, {"status", "in-progress"}}),
      MakeEvent(7, "verdict.set", "2026-01-01T00:00:07.000000Z",
                {{"claim", second_claim},
                 {"rating", "false"},
                 {"rationale", "checked"},
                 {"evidence", json::array()}}),
  };
  std::vector<std::int64_t> refused;
  const std::unique_ptr<Store> store = StoreOf(events, &refused);
  EXPECT_TRUE(refused.empty());
  ReadScope read(*store);
  for (std::int64_t split : {2, 4, 5}) {  // after 5: updates of claim 5, from the first
    std::unique_ptr<ProjectionWriter> first = store->NewScratch(Store::Scratch::kDigests);
    std::unique_ptr<ProjectionWriter> later = store->NewLaterDigests(*first);
    for (const Event& event : events) Ledger::Apply(event.seq <= split ? *first : *later, event);
    EXPECT_TRUE(store->MergeLaterDigests(*first, *later)) << "split after " << split;
    EXPECT_TRUE(store->DiffProjections(*first).empty()) << "split after " << split;
  }
}

TEST(LedgerVerifyTest, DigestsOfDifferentTablesDiffer) {
  auto store = OpenSqliteStore(":memory:", {});
  std::unique_ptr<ProjectionWriter> digests = store->NewScratch(Store::Scratch::kDigests);
  std::vector<Event> events = AwkwardEvents();
  store->BeginWrite();
  for (const Event& event : events) {
    try {
      Ledger::Apply(*store, event);
    } catch (const Error&) {
    }
  }
  store->Commit();
  // The replay misses the last rating: only the sources and source_ratings tables differ.
  for (const Event& event : events) {
    if (event.seq == 12) continue;
    try {
      Ledger::Apply(*digests, event);
    } catch (const Error&) {
    }
  }
  ReadScope read(*store);
  std::vector<std::string> tables;
  for (const ProjectionDiff& diff : store->DiffProjections(*digests)) tables.push_back(diff.table);
  EXPECT_EQ(tables, (std::vector<std::string>{"sources", "source_ratings", "event_refs"}));
}

struct SmallDesk {
  std::string outlet, claim;
};

SmallDesk Build(Workbench& wb) {
  SmallDesk desk;
  desk.outlet = wb.AddSource({"Courier", "outlet", {}, {}}).id;
  desk.claim = wb.AddClaim({"About 28,500 troops.", desk.outlet, {}, {}, {"korea", "military"}}).id;
  wb.SetVerdict(desk.claim, "true", "agrees", {});  // seq 4
  wb.SetStatus(desk.claim, "published");            // seq 5
  wb.RateSource(desk.outlet, "B", "usually reliable");
  return desk;
}

std::vector<std::string> Details(const VerifyReport& report, const std::string& kind) {
  std::vector<std::string> details;
  for (const Problem& problem : report.problems) {
    if (problem.kind == kind) details.push_back(problem.detail);
  }
  return details;
}

TEST(LedgerVerifyTest, NamesEachRowThatDiffers) {
  TempLedgerPath path;
  SmallDesk desk;
  {
    auto wb = Workbench::Open(path.str(), {});
    desk = Build(*wb);
    ASSERT_TRUE(wb->Verify().ok);
  }
  RawSql(path.str(),
         "UPDATE claims SET text = 'About 2,850 troops.';"
         "DELETE FROM claim_tags WHERE tag = 'korea';"
         "INSERT INTO event_refs VALUES ('forged', 3);"
         "UPDATE sources SET reliability_at = '2000-01-01T00:00:00.000000Z';");
  auto wb = Workbench::Open(path.str(), {});
  const VerifyReport report = wb->Verify();
  EXPECT_EQ(report.problems.size(), 4u);
  EXPECT_EQ(Details(report, "projection-mismatch"),
            (std::vector<std::string>{
                "sources row " + desk.outlet + " differs from what the events say",
                "claims row " + desk.claim + " differs from what the events say",
                "claim_tags row " + desk.claim + " korea is missing from the stored table",
                "event_refs row forged 3 is stored but no event made it"}));
}

TEST(LedgerVerifyTest, NamesAClaimWhoseLaterStatusWasUndone) {
  TempLedgerPath path;
  SmallDesk desk;
  {
    auto wb = Workbench::Open(path.str(), {});
    desk = Build(*wb);
  }
  RawSql(path.str(), "UPDATE claims SET status = 'new', status_at = at");
  auto wb = Workbench::Open(path.str(), {});
  EXPECT_EQ(
      Details(wb->Verify(), "projection-mismatch"),
      (std::vector<std::string>{"claims row " + desk.claim + " differs from what the events say"}));
}

TEST(LedgerVerifyTest, DataNoLongerInCanonicalFormIsAHashMismatch) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    Build(*wb);
  }
  // The same JSON value, written with spaces: the stored bytes are not those hashed.
  RawSql(path.str(), "UPDATE events SET data = replace(data, '\":\"', '\": \"') WHERE seq = 4");
  auto wb = Workbench::Open(path.str(), {});
  const VerifyReport report = wb->Verify();
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_EQ(report.problems[0].kind, "hash-mismatch");
  EXPECT_EQ(report.problems[0].seq, 4);
  EXPECT_NE(report.problems[0].detail.find("no longer in canonical form"), std::string::npos)
      << report.problems[0].detail;
}

// For a ledger file the chain is checked on a second thread while the replay runs; the
// report still lists each event's problems together, in the order of seq.
TEST(LedgerVerifyTest, ListsEveryProblemInTheOrderOfSeq) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    Build(*wb);
  }
  RawSql(path.str(),
         "UPDATE events SET type = 'claim.retracted' WHERE seq = 3;"
         "UPDATE events SET data = 'not json' WHERE seq = 5;"
         // The last digit of the link changed (to 'e' when it was 'f', else to 'f').
         "UPDATE events SET prev = substr(prev, 1, 70) || "
         "CASE substr(prev, 71, 1) WHEN 'f' THEN 'e' ELSE 'f' END WHERE seq = 6;");
  auto wb = Workbench::Open(path.str(), {});
  const VerifyReport report = wb->Verify();
  std::vector<std::pair<std::int64_t, std::string>> found;
  for (const Problem& problem : report.problems) {
    if (problem.seq != 0) found.emplace_back(problem.seq, problem.kind);
  }
  EXPECT_EQ(found, (std::vector<std::pair<std::int64_t, std::string>>{{3, "hash-mismatch"},
                                                                      {3, "unknown-event"},
                                                                      {5, "hash-mismatch"},
                                                                      {6, "broken-link"},
                                                                      {6, "hash-mismatch"}}));
}

// The stored tables are digested on a second thread for a ledger file; its errors reach
// the caller of Verify all the same.
TEST(LedgerVerifyTest, AColumnTheDigestDoesNotCoverIsAnError) {
  TempLedgerPath path;
  {
    auto wb = Workbench::Open(path.str(), {});
    Build(*wb);
  }
  RawSql(path.str(), "ALTER TABLE claims ADD COLUMN extra TEXT");
  auto wb = Workbench::Open(path.str(), {});
  try {
    wb->Verify();
    FAIL() << "verify passed a table with a column it does not check";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.store.digest_layout");
    EXPECT_NE(std::string(error.what()).find("claims"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace claimledger
