// The chain: event hashes against golden vectors that Python's hashlib made, entity ids, and
// the chain check that verify() and bundle import share.
#include "ledger/chain.h"

#include <gtest/gtest.h>

#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "test_util.h"

namespace claimledger {
namespace {

TEST(ChainTest, EventHashMatchesGolden) {
  const auto golden = testing_util::Golden();
  for (const auto& item : golden["events"]) {
    const auto& e = item["event"];
    Event event{e["seq"], e["prev"], e["type"], e["at"], e["actor"], CanonicalJson(e["data"]), ""};
    EXPECT_EQ(CanonicalEventText(event), item["canonical"].get<std::string>());
    EXPECT_EQ(EventHash(event), item["hash"].get<std::string>());
  }
}

TEST(ChainTest, EntityIdsAreTheFirst64BitsOfTheCreatingHash) {
  const std::string hash = Sha256("an event");
  EXPECT_EQ(EntityId("clm", hash), "clm_" + hash.substr(7, 16));
}

// Three chained events, each hashed as the ledger hashes it.
std::vector<Event> Chain() {
  std::vector<Event> events;
  std::string prev = GenesisPrev();
  for (std::int64_t seq = 1; seq <= 3; ++seq) {
    Event event{seq,
                prev,
                seq == 1 ? "ledger.created" : "claim.added",
                "2026-01-01T00:00:0" + std::to_string(seq) + ".000000Z",
                "tester",
                "{\"n\":" + std::to_string(seq) + "}",
                ""};
    event.hash = EventHash(event);
    prev = event.hash;
    events.push_back(event);
  }
  return events;
}

std::vector<std::string> Kinds(const ChainCheck& check) {
  std::vector<std::string> kinds;
  for (const Problem& problem : check.problems) {
    kinds.push_back(problem.kind + "@" + std::to_string(problem.seq));
  }
  return kinds;
}

TEST(ChainTest, AnIntactChainHasNoProblems) {
  ChainCheck check(std::nullopt, false);
  for (const Event& event : Chain()) check(event);
  EXPECT_TRUE(check.problems.empty());
  EXPECT_EQ(check.events, 3);
}

TEST(ChainTest, EachEditIsNamedAtItsEvent) {
  std::vector<Event> events = Chain();
  events[1].actor = "mallory";  // hash no longer matches
  ChainCheck edited(std::nullopt, false);
  for (const Event& event : events) edited(event);
  EXPECT_EQ(Kinds(edited), (std::vector<std::string>{"hash-mismatch@2"}));

  events = Chain();
  events.erase(events.begin() + 1);  // a gap, and a link to a hash it does not follow
  ChainCheck gap(std::nullopt, false);
  for (const Event& event : events) gap(event);
  EXPECT_EQ(Kinds(gap), (std::vector<std::string>{"gap@3", "broken-link@3"}));
}

TEST(ChainTest, TwoHalvesJoinedGiveWhatOneCheckGives) {
  std::vector<Event> events = Chain();
  events[2].prev = Sha256("elsewhere");
  ChainCheck whole(std::nullopt, false), first(std::nullopt, false), later(std::nullopt, true);
  for (const Event& event : events) whole(event);
  first(events[0]);
  first(events[1]);
  later(events[2]);
  first.Join(later);
  EXPECT_EQ(Kinds(first), Kinds(whole));
  // The link is checked at the join; the hash of an event covers its prev.
  EXPECT_EQ(Kinds(first), (std::vector<std::string>{"broken-link@3", "hash-mismatch@3"}));
}

}  // namespace
}  // namespace claimledger
