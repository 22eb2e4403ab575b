// The store interface (store/store.h) on both implementations: a SQLite ledger file and a desk
// on the test suite's own PostgreSQL server (tests/pg_server.py, started by a ctest fixture).
// The same assertions run on each; the search tests build the same desk in both stores and
// require the same hits, scores and snippets.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "claimledger/error.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "store/open_store.h"
#include "test_util.h"
#include "text/min_hash.h"

namespace claimledger {
namespace {

using testing_util::NewDeskUrl;
using testing_util::TempLedgerPath;

// A fresh store of each kind, opened for writing.
class StoreTest : public ::testing::TestWithParam<const char*> {
 protected:
  void SetUp() override {
    location_ = std::string(GetParam()) == "postgresql" ? NewDeskUrl() : file_.str();
    ASSERT_FALSE(location_.empty());
    store_ = OpenStore(location_, {});
  }
  std::unique_ptr<Store> Reopen() { return OpenStore(location_, {}); }

  TempLedgerPath file_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

Event MakeEvent(std::int64_t seq) {
  Event event;
  event.seq = seq;
  event.prev = "sha256:" + std::string(64, static_cast<char>('0' + seq % 10));
  event.type = "claim.added";
  event.at = "2026-01-01T00:00:" + std::string(seq % 60 < 10 ? "0" : "") +
             std::to_string(seq % 60) + ".000000Z";
  event.actor = "alice\ttab \\ back";  // COPY's escapes
  event.data = "{\"n\":" + std::to_string(seq) + ",\"text\":\"line\\nbreak\"}";
  event.hash = "sha256:" + std::to_string(1000000 + seq) + std::string(57, 'a');
  return event;
}

// The claim.added event of a claim: a store reads a claim's quantities and provenance from it.
Event ClaimEvent(std::int64_t seq, const std::string& text) {
  Event event = MakeEvent(seq);
  ClaimAdded added;
  added.text = text;
  event.data = CanonicalData(added);
  return event;
}

Claim MakeClaim(std::int64_t seq, const std::string& text) {
  Claim claim;
  claim.id = "clm_" + std::to_string(1000000000000000 + seq);
  claim.text = text;
  claim.status = "new";
  claim.origin = {seq, "2026-01-01T00:00:00.000000Z", "alice", "2026-01-01T00:00:00.000000Z",
                  std::nullopt};
  return claim;
}

// An outlet recorded by event 1.
Source MakeSource(const std::string& id, const std::string& name) {
  Source source;
  source.id = id;
  source.name = name;
  source.kind = "outlet";
  source.origin = {1, "2026-01-01T00:00:00.000000Z", "alice", "2026-01-01T00:00:00.000000Z",
                   std::nullopt};
  return source;
}

TEST_P(StoreTest, EventsAreKeptByteForByteAndScannedInOrderAcrossPages) {
  // More events than the PostgreSQL store reads in one page.
  constexpr std::int64_t kEvents = 12001;
  store_->BeginWrite();
  for (std::int64_t seq = 1; seq <= kEvents; ++seq) store_->AppendEvent(MakeEvent(seq));
  store_->Commit();
  auto other = Reopen();
  ReadScope read(*other);
  EXPECT_EQ(other->EventCount(), kEvents);
  const Event last = *other->LastEvent();
  EXPECT_EQ(last.seq, kEvents);
  EXPECT_EQ(last.actor, "alice\ttab \\ back");
  EXPECT_EQ(last.data, MakeEvent(kEvents).data);
  EXPECT_EQ(other->EventAt(77)->hash, MakeEvent(77).hash);
  EXPECT_FALSE(other->EventAt(kEvents + 1));
  std::int64_t expected = 5;
  other->ScanEvents(5, -1, [&](const Event& event) {
    EXPECT_EQ(event.seq, expected++);
    return true;
  });
  EXPECT_EQ(expected, kEvents + 1);
  int visited = 0;
  other->ScanEvents(1, 9000, [&](const Event& event) { return ++visited < 10 && event.seq; });
  EXPECT_EQ(visited, 10);  // stopped when asked
  EXPECT_TRUE(other->KnowsEvent(MakeEvent(1234).hash, MakeEvent(1234).at));
  EXPECT_FALSE(other->KnowsEvent("sha256:" + std::string(64, 'f'), MakeEvent(1234).at));
}

// A merge asks about every event it takes, in one transaction: the events appended earlier in it
// are known, those of a transaction rolled back are not, and those another connection committed
// are known to the next transaction, also when they take the seq of one rolled back.
TEST_P(StoreTest, KnowsTheEventsOfItsTransactionAndOfLaterCommitsButNotThoseRolledBack) {
  store_->BeginWrite();
  for (std::int64_t seq = 1; seq <= 3; ++seq) store_->AppendEvent(MakeEvent(seq));
  EXPECT_TRUE(store_->KnowsEvent(MakeEvent(2).hash, MakeEvent(2).at));
  EXPECT_FALSE(store_->KnowsEvent(MakeEvent(4).hash, MakeEvent(4).at));
  store_->AppendEvent(MakeEvent(4));  // after the first question
  EXPECT_TRUE(store_->KnowsEvent(MakeEvent(4).hash, MakeEvent(4).at));
  store_->Commit();

  store_->BeginWrite();
  store_->AppendEvent(MakeEvent(5));
  EXPECT_TRUE(store_->KnowsEvent(MakeEvent(5).hash, MakeEvent(5).at));
  store_->Rollback();
  // Another connection commits a different event at seq 5 meanwhile.
  Event later = MakeEvent(6);
  later.seq = 5;
  auto other = Reopen();
  other->BeginWrite();
  other->AppendEvent(later);
  other->Commit();
  store_->BeginWrite();
  EXPECT_FALSE(store_->KnowsEvent(MakeEvent(5).hash, MakeEvent(5).at));
  EXPECT_TRUE(store_->KnowsEvent(later.hash, later.at));
  EXPECT_TRUE(store_->KnowsEvent(MakeEvent(4).hash, MakeEvent(4).at));
  store_->Rollback();
  other->BeginWrite();
  other->AppendEvent(MakeEvent(7));
  other->Commit();
  ReadScope read(*store_);
  EXPECT_TRUE(store_->KnowsEvent(MakeEvent(7).hash, MakeEvent(7).at));
  EXPECT_FALSE(store_->KnowsEvent(MakeEvent(8).hash, MakeEvent(8).at));
}

TEST_P(StoreTest, AWriteTransactionReadsItsOwnRows) {
  store_->BeginWrite();
  Source source = MakeSource("src_0000000000000001", "Courier");
  source.ref = "liar:courier";
  store_->PutSource(source);
  EXPECT_TRUE(store_->HasSource(source.id));
  EXPECT_EQ(store_->SourceIdByRef("liar:courier"), source.id);
  store_->SetSourceState(source.id, {"B", "2026-01-02T00:00:00.000000Z"});
  EXPECT_EQ(store_->FindSourceState(source.id)->reliability, "B");

  Claim claim = MakeClaim(2, "About 28,500 US troops are in South Korea.");
  claim.ref = "liar:1.json";
  claim.tags = {"korea", "military"};
  store_->AppendEvent(ClaimEvent(2, claim.text));
  store_->PutClaim(claim);
  EXPECT_EQ(store_->ClaimIdByRef("liar:1.json"), claim.id);
  ASSERT_TRUE(store_->FindClaimState(claim.id));
  EXPECT_EQ(store_->FindClaimState(claim.id)->status, "new");
  ClaimState state = *store_->FindClaimState(claim.id);
  Verdict verdict{claim.id, "true", "checked", {}, claim.origin};
  verdict.origin.seq = 3;
  verdict.origin.made_at = "2026-01-03T00:00:00.000000Z";
  store_->PutVerdict(verdict);
  state.rating = "true";
  state.verdict_seq = 3;
  state.verdict_made_at = "2026-01-03T00:00:00.000000Z";
  store_->SetClaimState(claim.id, state);
  EXPECT_EQ(store_->FindClaimState(claim.id)->verdict_made_at, "2026-01-03T00:00:00.000000Z");

  store_->PutContent("xxh3-128:abc", std::string("bytes\0with nul", 14));
  EXPECT_TRUE(store_->HasContent("xxh3-128:abc"));
  EXPECT_EQ(store_->GetContent("xxh3-128:abc"), std::string("bytes\0with nul", 14));
  // A read that the pending rows could change sees them too.
  EXPECT_EQ(store_->ListSources().size(), 1u);
  store_->Commit();

  // A state set on a row already committed, then read in the same transaction.
  store_->BeginWrite();
  state.status = "published";
  store_->SetClaimState(claim.id, state);
  EXPECT_EQ(store_->FindClaimState(claim.id)->status, "published");
  store_->Commit();
  ReadScope read(*store_);
  EXPECT_EQ(store_->GetSource(source.id)->reliability, "B");
  const std::vector<Claim> claims = store_->ListClaims({"published", "true", {}, "korea", -1});
  ASSERT_EQ(claims.size(), 1u);
  EXPECT_EQ(claims[0].tags, claim.tags);
  ASSERT_TRUE(claims[0].verdict);
  EXPECT_EQ(claims[0].verdict->rationale, "checked");
}

TEST_P(StoreTest, ARolledBackTransactionLeavesNothing) {
  store_->BeginWrite();
  store_->AppendEvent(MakeEvent(1));
  store_->PutClaim(MakeClaim(1, "A claim that is never committed."));
  store_->PutContent("xxh3-128:gone", "gone");
  const Source source = MakeSource("src_00000000000000ff", "Never kept");
  store_->PutSource(source);
  EXPECT_EQ(store_->ListSources().size(), 1u);  // sent to the server, as a large batch's rows are
  EXPECT_TRUE(store_->HasSource(source.id));
  store_->Rollback();
  {
    // Nor does the store that rolled back remember any of it.
    ReadScope read(*store_);
    EXPECT_FALSE(store_->HasSource(source.id));
    EXPECT_TRUE(store_->SourcesAmong({source.id}).empty());
  }
  auto other = Reopen();
  ReadScope read(*other);
  EXPECT_EQ(other->EventCount(), 0);
  EXPECT_FALSE(other->FindClaimState(MakeClaim(1, "").id));
  EXPECT_FALSE(other->HasContent("xxh3-128:gone"));
  EXPECT_TRUE(other->SearchClaims({{"committed"}, false, {}, {}, {}}).empty());
}

TEST_P(StoreTest, ARepeatedKeyIsAnIntegrityErrorAndWritesNothing) {
  store_->BeginWrite();
  store_->AppendEvent(ClaimEvent(1, "First."));
  store_->PutClaim(MakeClaim(1, "First."));
  store_->Commit();
  store_->BeginWrite();
  try {
    store_->AppendEvent(ClaimEvent(2, "Again."));
    store_->PutClaim(MakeClaim(1, "Again."));
    store_->Commit();  // a server store may find it only when the rows are sent
    FAIL() << "a repeated claim id was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kIntegrity);
    EXPECT_EQ(error.id(), "claimledger.projection.repeated_key");
    store_->Rollback();
  }
  ReadScope read(*store_);
  ASSERT_TRUE(store_->GetClaim(MakeClaim(1, "").id));
  EXPECT_EQ(store_->GetClaim(MakeClaim(1, "").id)->text, "First.");
  EXPECT_EQ(store_->EventCount(), 1);
}

TEST_P(StoreTest, ContentsAreScannedInHashOrderAcrossPages) {
  store_->BeginWrite();
  std::vector<std::string> hashes;
  for (int i = 0; i < 150; ++i) {
    hashes.push_back("xxh3-128:" + std::to_string(100000 + (i * 7919) % 150));
    store_->PutContent(hashes.back(), std::string(i, static_cast<char>(i)));
  }
  store_->Commit();
  std::sort(hashes.begin(), hashes.end());
  std::vector<std::string> scanned;
  ReadScope read(*store_);
  store_->ScanContents([&](const std::string& hash, std::string_view) { scanned.push_back(hash); });
  EXPECT_EQ(scanned, hashes);
}

TEST_P(StoreTest, ASecondWriterWaitsForTheFirstThenGetsBusy) {
  StoreOptions quick;
  quick.busy_timeout_ms = 300;
  auto second = OpenStore(location_, quick);
  // The lock is taken before anything is read (PostgreSQL's store sends it with the first
  // statement): a writer that has read holds it.
  store_->BeginWrite();
  store_->LastEvent();
  try {
    second->BeginWrite();
    second->LastEvent();
    FAIL() << "two writers held the ledger at once";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.store.busy") << error.what();
  }
  second->Rollback();  // as after any failed statement
  store_->Rollback();
  second->BeginWrite();  // free again
  second->LastEvent();
  second->Rollback();
}

TEST_P(StoreTest, OpeningWithoutCreateFindsNothingAndMakesNothing) {
  const std::string missing = std::string(GetParam()) == "postgresql"
                                  ? NewDeskUrl()
                                  : ::testing::TempDir() + "no_such_ledger.ledger";
  StoreOptions options;
  options.create = false;
  try {
    OpenStore(missing, options);
    FAIL() << "opened a missing ledger";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
    EXPECT_EQ(error.id(), "claimledger.store.missing");
  }
  EXPECT_THROW(OpenStore(missing, options), Error);  // still nothing there
}

TEST_P(StoreTest, AReadOnlyStoreIsRefusedWritesByItsDatabaseToo) {
  store_->BeginWrite();
  store_->AppendEvent(MakeEvent(1));
  store_->Commit();
  StoreOptions options;
  options.read_only = true;
  auto reader = OpenStore(location_, options);
  {
    ReadScope read(*reader);
    EXPECT_EQ(reader->EventCount(), 1);
  }
  // A write is refused by SQLite (a connection opened read-only) or by the server (a session
  // with default_transaction_read_only), not only by the store: here one in a read transaction.
  reader->BeginRead();
  try {
    reader->AppendEvent(MakeEvent(2));
    reader->Commit();
    FAIL() << "a read-only store wrote an event";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kStorage);
    EXPECT_EQ(error.id(), "claimledger.store.read_only") << error.what();
  }
  reader->Rollback();
  ReadScope read(*store_);
  EXPECT_EQ(store_->EventCount(), 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, StoreTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return std::string(info.param); });

// --- the same search on both stores -----------------------------------------------------------

// Claim texts written for this test: tokens that fold (case, accents), split (apostrophes,
// hyphens, numbers), repeat, and one longer than a tsvector lexeme.
std::vector<std::string> SearchTexts() {
  const std::vector<std::string> subjects = {"The minister",           "Café owners",
                                             "Seoul's mayor",          "The U.S. embassy",
                                             "A well-known economist", "Officials in São Paulo",
                                             "The troops' commander",  "Nobody"};
  const std::vector<std::string> verbs = {"said", "claimed", "denied", "didn't say", "repeated"};
  const std::vector<std::string> objects = {"that 28,500 troops are stationed in Korea",
                                            "that unemployment fell to 3.5 percent in 2023",
                                            "that the café tax doubled, doubled, doubled",
                                            "that rice prices rose by 12% in Seoul",
                                            "that the bridge was built in 1957",
                                            "that no troops left Korea",
                                            "a figure of 28500"};
  std::vector<std::string> texts;
  for (std::size_t s = 0; s < subjects.size(); ++s) {
    for (std::size_t v = 0; v < verbs.size(); ++v) {
      for (std::size_t o = 0; o < objects.size(); ++o) {
        if ((s + 2 * v + 3 * o) % 3 == 0) continue;
        texts.push_back(subjects[s] + " " + verbs[v] + " " + objects[o] + ".");
      }
    }
  }
  texts.push_back("Korea " + std::string(1500, 'k') + " troops");  // a token of 1,501 bytes
  texts.push_back("Troops troops TROOPS troops!");
  // The tokens of "U.S." ("u", "s"), not side by side.
  texts.push_back("The U.K. and S. Korea signed it");
  texts.push_back("Polls in the U.K. and S. Africa differ");
  texts.push_back("U.N. officials and S. Korea agree");
  texts.push_back("…");  // no tokens at all
  return texts;
}

// Contexts of some of the claims (SearchContexts()[i % size] for every third claim): words
// that no text holds, words that texts hold too, a phrase, and no tokens at all.
std::vector<std::string> SearchContexts() {
  return {"Interview on the armistice anniversary", "Budget hearing in Seoul: troops, troops",
          "A co-host's remark", "—", "Press release (Café Tax Office)"};
}

// Both stores hold the same claims and snapshots.
class SearchParityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = NewDeskUrl();
    ASSERT_FALSE(url.empty());
    stores_.push_back(OpenStore(file_.str(), {}));
    stores_.push_back(OpenStore(url, {}));
    const std::vector<std::string> texts = SearchTexts();
    for (auto& store : stores_) {
      store->BeginWrite();
      for (std::size_t i = 0; i < texts.size(); ++i) {
        Claim claim = MakeClaim(static_cast<std::int64_t>(i) + 1, texts[i]);
        if (i % 4 == 0) claim.claimant = "src_0000000000000001";
        if (i % 5 == 0) claim.tags = {"korea"};
        claim.date = i % 2 ? "2023-05-01" : "2024-02-01";
        if (i % 3 == 0) claim.context = SearchContexts()[i / 3 % SearchContexts().size()];
        store->PutClaim(claim);
      }
      const std::vector<std::string> snapshots = {
          "Seoul, 2024. The United States keeps approximately 28,500 troops in Korea; the "
          "café owners didn't agree. Troops, troops.",
          "A fact sheet: 28,500 service members. The bridge was built in 1957.",
          std::string("binary \xff\xfe not text", 18)};
      for (std::size_t i = 0; i < snapshots.size(); ++i) {
        Snapshot snapshot;
        snapshot.hash = "xxh3-128:snap" + std::to_string(i);
        snapshot.sha256 = "sha256:x";
        snapshot.size = static_cast<std::int64_t>(snapshots[i].size());
        snapshot.origin = {static_cast<std::int64_t>(1000 + i), "2026-01-01T00:00:00.000000Z",
                           "alice", "2026-01-01T00:00:00.000000Z", std::nullopt};
        store->PutContent(snapshot.hash, snapshots[i]);
        store->PutSnapshot(snapshot);
      }
      store->Commit();
    }
  }

  // Hits of a search on each store, in order: (name, score, snippet).
  template <typename Search>
  void ExpectSameHits(const std::string& what, Search search) {
    std::vector<std::vector<std::tuple<std::string, double, std::string>>> results;
    for (auto& store : stores_) {
      ReadScope read(*store);
      results.push_back(search(*store));
    }
    const auto& sqlite = results[0];
    const auto& postgres = results[1];
    ASSERT_EQ(sqlite.size(), postgres.size()) << what;
    hits_ += sqlite.size();
    // Equal scores may come in any order: compare hits grouped by score.
    std::map<std::string, std::tuple<std::string, double, std::string>> by_name;
    for (const auto& hit : postgres) by_name[std::get<0>(hit)] = hit;
    for (std::size_t i = 0; i < sqlite.size(); ++i) {
      const auto& [name, score, snippet] = sqlite[i];
      ASSERT_TRUE(by_name.count(name)) << what << ": " << name << " missing on PostgreSQL";
      EXPECT_NEAR(std::get<1>(by_name[name]), score, 1e-9 * std::max(1.0, std::fabs(score)))
          << what << ": " << name;
      EXPECT_EQ(std::get<2>(by_name[name]), snippet) << what << ": " << name;
      EXPECT_NEAR(std::get<1>(postgres[i]), score, 1e-9 * std::max(1.0, std::fabs(score)))
          << what << ": rank " << i << " differs beyond ties";
    }
  }

  TempLedgerPath file_;
  std::vector<std::unique_ptr<Store>> stores_;  // SQLite, PostgreSQL
  std::size_t hits_ = 0;                        // compared so far
};

TEST_F(SearchParityTest, ClaimSearchesGiveTheSameHitsScoresAndSnippets) {
  const std::vector<std::vector<std::string>> queries = {{"troops"},
                                                         {"TROOPS"},
                                                         {"cafe"},
                                                         {"café", "tax"},
                                                         {"didn't"},
                                                         {"28,500"},
                                                         {"28500"},
                                                         {"U.S"},
                                                         {"sao", "paulo"},
                                                         {"well-known"},
                                                         {"korea", "no"},
                                                         {"percent"},
                                                         {"doubled"},
                                                         {"missing"},
                                                         {"-"},
                                                         {"troops", "-"},
                                                         {"seoul's"},
                                                         {"1957", "bridge"},
                                                         {std::string(1500, 'k')},
                                                         {"armistice"},
                                                         {"interview", "korea"},
                                                         {"co-host's"},
                                                         {"hearing", "troops"},
                                                         {"office", "cafe"}};
  for (const auto& words : queries) {
    for (const bool any : {false, true}) {
      ClaimQuery query{words, any, {}, {}, {}};
      ExpectSameHits(words[0] + (any ? " (any)" : ""), [&](Store& store) {
        std::vector<std::tuple<std::string, double, std::string>> hits;
        for (const SearchHit& hit : store.SearchClaims(query)) {
          hits.emplace_back(hit.claim, hit.score, hit.snippet);
        }
        return hits;
      });
    }
  }
  // Filters and limits.
  ClaimQuery filtered{{"troops"}, false, {}, std::string("2024-01-01"), {}};
  filtered.filter.claimant = "src_0000000000000001";
  filtered.filter.tag = "korea";
  ClaimQuery limited{{"korea", "said"}, true, {}, {}, std::string("2023-12-31")};
  limited.filter.limit = 3;
  for (const ClaimQuery* query : {&filtered, &limited}) {
    const std::size_t before = hits_;
    ExpectSameHits("filtered", [&](Store& store) {
      std::vector<std::tuple<std::string, double, std::string>> hits;
      for (const SearchHit& hit : store.SearchClaims(*query)) {
        hits.emplace_back(hit.claim, hit.score, hit.snippet);
      }
      return hits;
    });
    EXPECT_GT(hits_, before);  // the filters leave some hits
  }
  // Words that only contexts hold find their claims.
  for (const std::string& word : {"armistice", "co-host's"}) {
    ReadScope read(*stores_[1]);
    EXPECT_FALSE(stores_[1]->SearchClaims({{word}, false, {}, {}, {}}).empty()) << word;
  }
  EXPECT_GT(hits_, 500u);  // the searches compared found something
}

TEST_F(SearchParityTest, SnapshotSearchesGiveTheSameHits) {
  for (const std::vector<std::string>& words : std::vector<std::vector<std::string>>{
           {"troops"}, {"cafe", "owners"}, {"1957"}, {"binary"}, {"28,500", "bridge"}}) {
    for (const bool any : {false, true}) {
      ExpectSameHits(words[0], [&](Store& store) {
        std::vector<std::tuple<std::string, double, std::string>> hits;
        for (const SnapshotHit& hit : store.SearchSnapshots(words, any, 10)) {
          hits.emplace_back(hit.snapshot, hit.score, hit.snippet);
        }
        return hits;
      });
    }
  }
  EXPECT_GE(hits_, 8u);  // "binary" finds nothing: that snapshot is not text
}

// The candidates as tuples that compare whole.
std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> AsTuples(
    const std::vector<ClaimText>& claims) {
  std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> out;
  for (const ClaimText& c : claims) out.emplace_back(c.id, c.text, c.context);
  return out;
}

TEST_F(SearchParityTest, NearDuplicateAndFullTextCandidatesAreTheSame) {
  for (const std::string& text :
       {std::string("The minister said that 28,500 troops are stationed in Korea."),
        std::string("Rice prices rose 12% in Seoul, the mayor claimed"),
        std::string("nothing alike at all")}) {
    for (const std::int64_t per_bucket : {2, 1000}) {
      std::vector<std::vector<std::tuple<std::string, std::string, std::optional<std::string>>>>
          found;
      for (auto& store : stores_) {
        ReadScope read(*store);
        found.push_back(AsTuples(store->SimilarCandidates(LshBuckets(text), per_bucket, 20)));
      }
      EXPECT_EQ(found[0], found[1]) << text << " per bucket " << per_bucket;
      if (text[0] == 'T') EXPECT_FALSE(found[0].empty());
    }
    std::vector<std::string> words;
    std::istringstream split(text);
    for (std::string word; split >> word;) words.push_back(word);
    std::vector<std::vector<std::tuple<std::string, std::string, std::optional<std::string>>>>
        found;
    std::vector<std::vector<std::int64_t>> holding;
    for (auto& store : stores_) {
      ReadScope read(*store);
      found.push_back(AsTuples(store->FullTextCandidates(words, 1000)));
      holding.push_back(store->ClaimsHolding(words, 3));
    }
    EXPECT_EQ(found[0].size(), found[1].size()) << text;
    std::sort(found[0].begin(), found[0].end());
    std::sort(found[1].begin(), found[1].end());
    EXPECT_EQ(found[0], found[1]) << text;
    EXPECT_EQ(holding[0], holding[1]) << text;
    EXPECT_EQ(holding[0].size(), words.size());
    for (const std::int64_t count : holding[0]) EXPECT_LE(count, 3);
  }
  std::vector<std::int64_t> counts;
  for (auto& store : stores_) {
    ReadScope read(*store);
    counts.push_back(store->ClaimCount());
    EXPECT_EQ(counts.back(), static_cast<std::int64_t>(SearchTexts().size()));
  }
}

// Workbench::Similar counts its words' claims, then ranks the full-text candidates of the rare
// ones in the same transaction: the server's store ranks them by the counts it kept (under the
// cap they are exact), which must rank as counting again does.
TEST_F(SearchParityTest, FullTextCandidatesRankAlikeAfterTheirWordsWereCounted) {
  for (const std::string& text : {std::string("minister troops stationed Korea 28,500"),
                                  std::string("Rice prices rose in Seoul mayor claimed")}) {
    std::vector<std::string> words;
    std::istringstream split(text);
    for (std::string word; split >> word;) words.push_back(word);
    for (auto& store : stores_) {
      std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> alone, after;
      {
        ReadScope read(*store);
        alone = AsTuples(store->FullTextCandidates(words, 5));
      }
      {
        ReadScope read(*store);
        store->ClaimsHolding(words, 300);
        after = AsTuples(store->FullTextCandidates(words, 5));
      }
      EXPECT_FALSE(alone.empty()) << text;
      EXPECT_EQ(alone, after) << text;
    }
  }
}

// The server's store reads the texts of only those matches that may be among the best `limit`
// (FullTextCandidates bounds each score by the words its terms hold and its repeated tokens):
// the best few must be the first few of all the matches ranked, and SQLite's, for words held
// once, several times ("doubled, doubled, doubled"; "Troops troops TROOPS troops!"), in a
// phrase of several tokens ("28,500", "U.S."; a text may hold its tokens apart) and in a
// context.
TEST_F(SearchParityTest, TheBestFewFullTextCandidatesAreTheFirstOfAllRanked) {
  for (const std::string& text :
       {std::string("troops doubled Seoul"), std::string("troops Korea"),
        std::string("U.S. troops"), std::string("café doubled 28,500"),
        std::string("U.S. embassy troops 1957"), std::string("economist percent repeated")}) {
    std::vector<std::string> words;
    std::istringstream split(text);
    for (std::string word; split >> word;) words.push_back(word);
    std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> all;
    {
      ReadScope read(*stores_[1]);
      all = AsTuples(stores_[1]->FullTextCandidates(words, 1000));
    }
    ASSERT_GT(all.size(), 20u) << text;
    for (const std::int64_t limit : {1, 2, 3, 5, 8, 13, 21}) {
      std::vector<std::vector<std::tuple<std::string, std::string, std::optional<std::string>>>>
          found;
      for (auto& store : stores_) {
        ReadScope read(*store);
        store->ClaimsHolding(words, 300);  // as Workbench::Similar does first
        found.push_back(AsTuples(store->FullTextCandidates(words, limit)));
      }
      const decltype(all) first(all.begin(), all.begin() + limit);
      EXPECT_EQ(found[1], first) << text << ", the best " << limit;
      EXPECT_EQ(found[0], found[1]) << text << ", the best " << limit;
    }
  }
}

// A text whose distinct terms are more than a tsvector holds (900 KB) keeps the first of them
// on the server and is read for every query (its ceiling unbounded): a word only in the part
// cut off is found in it, and it ranks among the best as it does in a file.
TEST(SearchParityHugeTextTest, ATextWhoseTermsWereCutShortIsRankedAsInAFile) {
  TempLedgerPath file;
  const std::string url = NewDeskUrl();
  ASSERT_FALSE(url.empty());
  std::vector<std::unique_ptr<Store>> stores;
  stores.push_back(OpenStore(file.str(), {}));
  stores.push_back(OpenStore(url, {}));
  // 130,000 distinct words of 8 letters: about 1.1 MB of terms; "zebra" and "zulu" sort after
  // them all (cut off), and no other text holds "zulu".
  std::string huge = "Troops zebra zulu";
  for (int i = 0; i < 130000; ++i) {
    std::string word = "w";
    for (int n = i, k = 0; k < 7; ++k, n /= 26) word += static_cast<char>('a' + n % 26);
    huge += " " + word;
  }
  const std::vector<std::string> texts = {
      "Troops troops zebra", "A zebra in Seoul", "The troops left Korea", huge,
      "Troops in Seoul",     "zebra crossing",   "No match at all"};
  for (auto& store : stores) {
    store->BeginWrite();
    for (std::size_t i = 0; i < texts.size(); ++i) {
      store->PutClaim(MakeClaim(static_cast<std::int64_t>(i) + 1, texts[i]));
    }
    store->Commit();
  }
  for (const std::vector<std::string>& words :
       {std::vector<std::string>{"zebra"}, std::vector<std::string>{"troops", "Seoul"},
        std::vector<std::string>{"wbaaaaaa"}, std::vector<std::string>{"zulu", "troops"}}) {
    for (const std::int64_t limit : {1, 2, 3, 1000}) {
      std::vector<std::vector<std::string>> found;
      for (auto& store : stores) {
        ReadScope read(*store);
        store->ClaimsHolding(words, 300);
        std::vector<std::string> ids;
        for (const ClaimText& c : store->FullTextCandidates(words, limit)) ids.push_back(c.id);
        found.push_back(ids);
      }
      EXPECT_EQ(found[0], found[1]) << words[0] << ", the best " << limit;
      EXPECT_FALSE(found[1].empty()) << words[0];
    }
  }
}

}  // namespace
}  // namespace claimledger
