// Verify's replays of the events (replay_digests.h): the digest replay agrees with the
// stored tables exactly on events in awkward orders, a replay in two pieces merged agrees
// with one, and tables that differ are told apart. Naming the rows that differ is tested
// through the workbench (workbench/verify_test.cpp).
#include "ledger/replay_digests.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "ledger/chain.h"
#include "ledger/projection.h"
#include "store/open_store.h"

namespace claimledger {
namespace {

using nlohmann::json;

std::string HashOf(int n) { return Sha256("event " + std::to_string(n)); }

Event MakeEvent(std::int64_t seq, const std::string& type, const std::string& at,
                const json& data) {
  Event event;
  event.seq = seq;
  event.type = type;
  event.at = at;
  event.actor = "tester";
  event.data = CanonicalJson(data);
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

// The tables whose stored digests differ from the replay's. REQUIRES: a read transaction.
std::vector<std::string> DifferingTables(Store& store, ReplayDigests& replay,
                                         const RowDigestKey& key) {
  const std::unique_ptr<StoredTables> tables = store.OpenStoredTables();
  StoredReading reading;
  for (const StoredPart& part : tables->Parts(/*derived=*/false)) tables->Read(part, key, reading);
  const TableDigests replayed = replay.Digests();
  std::vector<std::string> differing;
  for (const TableLayout& layout : TableLayouts()) {
    const int table = static_cast<int>(layout.table);
    if (reading.tables[table] != replayed[table]) differing.push_back(layout.name);
  }
  return differing;
}

// True when `event` could be applied to `target` (a refused event writes nothing).
bool Applies(ProjectionWriter& target, const Event& event) {
  try {
    ApplyEvent(target, event);
    return true;
  } catch (const Error&) {
    return false;
  }
}

// A private store holding `events` as a ledger stores them, each applied to its tables when
// it can be; `refused` gets the seq of each one that could not.
std::unique_ptr<Store> StoreOf(const std::vector<Event>& events,
                               std::vector<std::int64_t>* refused = nullptr) {
  auto store = OpenStore(":memory:", {});
  store->BeginWrite();
  for (const Event& event : events) {
    store->AppendEvent(event);  // a claim's quantities are read from its event
    if (!Applies(*store, event) && refused) refused->push_back(event.seq);
  }
  store->Commit();
  return store;
}

TEST(ReplayDigestsTest, AgreesWithTheTablesOnAwkwardEventOrders) {
  const RowDigestKey key = RowDigestKey::Random();
  ReplayDigests digests(key);
  auto store = OpenStore(":memory:", {});
  store->BeginWrite();
  for (const Event& event : AwkwardEvents()) {
    store->AppendEvent(event);
    const bool stored_failed = !Applies(*store, event);
    const bool digest_failed = !Applies(digests, event);
    EXPECT_EQ(stored_failed, digest_failed) << "event " << event.seq;
    EXPECT_EQ(stored_failed, event.seq == 14 || event.seq == 15) << "event " << event.seq;
  }
  store->Commit();
  ReadScope read(*store);
  for (const std::string& table : DifferingTables(*store, digests, key)) {
    ADD_FAILURE() << table << " differs";
  }
  // The verdict made last wins, whatever order the verdicts came in; likewise the status.
  const std::optional<Claim> claim = store->GetClaim(EntityId("clm", HashOf(5)));
  ASSERT_TRUE(claim && claim->verdict);
  EXPECT_EQ(claim->verdict->rating, "true");
  EXPECT_EQ(claim->status, "published");
}

// Verify replays the second half of the events on a second thread into digests of their
// own and merges them; when they need state from before the split it replays them again
// after the rest.
// Wherever the split falls, the result is that of one replay in order: the same events
// refused (the repeated claim and evidence, 14 and 15) and digests equal to the tables.
TEST(ReplayDigestsTest, AReplayInTwoPiecesAgreesWithOneWhereverItIsSplit) {
  // All the awkward events, and the same without the last (so that after 13 only the
  // repeated claim is left, and after 14 only the repeated evidence).
  std::vector<Event> without_last = AwkwardEvents();
  without_last.pop_back();
  for (const std::vector<Event>& events : {AwkwardEvents(), without_last}) {
    const std::int64_t last = events.back().seq;
    const std::unique_ptr<Store> store = StoreOf(events);
    ReadScope read(*store);
    std::set<std::int64_t> refused_in_order;
    for (std::int64_t seq = 14; seq <= last; ++seq) refused_in_order.insert(seq);
    for (std::int64_t split = 1; split <= last; ++split) {
      const RowDigestKey key = RowDigestKey::Random();
      ReplayDigests first(key), later(key);
      EventReplay first_replay(first, false), later_replay(later, true);
      for (const Event& event : events) (event.seq <= split ? first_replay : later_replay)(event);
      const bool later_refused = !later_replay.unapplied.empty();
      const bool merged = !later_refused && first.Merge(later, later_replay.deferred);
      if (!merged) {
        for (const Event& event : events) {
          if (event.seq > split) first_replay(event);
        }
      }
      const std::string where =
          "split after " + std::to_string(split) + " of " + std::to_string(last);
      EXPECT_EQ(first_replay.unapplied, refused_in_order) << where;
      for (const std::string& table : DifferingTables(*store, first, key)) {
        ADD_FAILURE() << table << " differs, " << where;
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
TEST(ReplayDigestsTest, ASecondPieceThatRepeatsNoIdIsMerged) {
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
    const RowDigestKey key = RowDigestKey::Random();
    ReplayDigests first(key), later(key);
    EventReplay first_replay(first, false), later_replay(later, true);
    for (const Event& event : events) (event.seq <= split ? first_replay : later_replay)(event);
    EXPECT_TRUE(later_replay.unapplied.empty()) << "split after " << split;
    EXPECT_TRUE(first.Merge(later, later_replay.deferred)) << "split after " << split;
    EXPECT_TRUE(DifferingTables(*store, first, key).empty()) << "split after " << split;
  }
}

TEST(ReplayDigestsTest, DigestsOfDifferentTablesDiffer) {
  auto store = OpenStore(":memory:", {});
  const RowDigestKey key = RowDigestKey::Random();
  ReplayDigests digests(key);
  std::vector<Event> events = AwkwardEvents();
  store->BeginWrite();
  for (const Event& event : events) Applies(*store, event);
  store->Commit();
  // The replay misses the last rating: only the sources and source_ratings tables differ.
  for (const Event& event : events) {
    if (event.seq != 12) Applies(digests, event);
  }
  ReadScope read(*store);
  EXPECT_EQ(DifferingTables(*store, digests, key),
            (std::vector<std::string>{"sources", "source_ratings", "event_refs"}));
}

}  // namespace
}  // namespace claimledger
