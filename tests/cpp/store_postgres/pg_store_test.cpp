// What the PostgreSQL store reads with a writer's lock (store/postgres/pg_store.h), on the test
// suite's own server: the lock goes with the transaction's first statement, and with it the
// head, the merges of sources, and what the Merkle tree's next leaf needs (the events of the
// head's last chunk and the stored nodes of the edge before it), so that an append under the
// lock waits for the server no more than it must. What is read so must be what the tables
// hold; what it does not cover is read from them as before.
#include "store/postgres/pg_store.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "hash/merkle.h"
#include "test_util.h"

namespace claimledger {
namespace {

Event NumberedEvent(std::int64_t seq) {
  Event event;
  event.seq = seq;
  event.prev = "sha256:" + std::string(64, static_cast<char>('0' + seq % 10));
  event.type = "claim.added";
  event.at = "2026-01-01T00:00:00.000000Z";
  event.actor = "alice";
  event.data = "{\"n\":" + std::to_string(seq) + "}";
  event.hash = "sha256:" + std::to_string(1000000 + seq) + std::string(57, 'a');
  return event;
}

TreeHash NodeHash(int level, std::int64_t index) {
  TreeHash hash{};
  hash[0] = static_cast<std::uint8_t>(level);
  hash[1] = static_cast<std::uint8_t>(index);
  return hash;
}

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ = testing_util::NewDeskUrl();
    ASSERT_FALSE(url_.empty());
    owned_ = OpenPgStore(url_, {});
    store_ = dynamic_cast<PgStore*>(owned_.get());
    ASSERT_NE(store_, nullptr);
  }
  // Events 1..`events` and the stored tree nodes of Edge(`stored`), committed.
  void Write(std::int64_t events, std::int64_t stored) {
    store_->BeginWrite();
    for (std::int64_t seq = 1; seq <= events; ++seq) store_->AppendEvent(NumberedEvent(seq));
    std::vector<std::pair<TreeNodeId, TreeHash>> nodes;
    for (const TreeNodeId& node : MerkleFrontier::Edge(stored)) {
      nodes.emplace_back(node, NodeHash(node.level, node.index));
    }
    store_->PutTreeNodes(nodes);
    store_->Commit();
  }
  std::vector<std::int64_t> Scanned(std::int64_t from, std::int64_t to) {
    std::vector<std::int64_t> seqs;
    store_->ScanEvents(from, to, [&](const Event& event) {
      EXPECT_EQ(event.hash, NumberedEvent(event.seq).hash);
      seqs.push_back(event.seq);
      return true;
    });
    return seqs;
  }
  std::string url_;
  std::unique_ptr<Store> owned_;
  PgStore* store_ = nullptr;
};

TEST_F(PgStoreTest, AWritersFirstStatementBringsTheLockTheHeadAndTheTreesEdge) {
  Write(53, 48);  // the head's chunk is 49..53; the edge of 48 is nodes (5, 0) and (4, 2)
  store_->BeginWrite();
  const std::int64_t before = store_->round_trips();
  EXPECT_TRUE(store_->ClaimIdsByRef({"ref:1"}).empty());
  EXPECT_EQ(store_->round_trips(), before + 1);  // the lock and its reads went with it

  EXPECT_EQ(store_->LastEvent()->seq, 53);
  EXPECT_EQ(Scanned(49, 53), (std::vector<std::int64_t>{49, 50, 51, 52, 53}));
  EXPECT_TRUE(Scanned(54, 53).empty());
  const std::vector<TreeNodeId> edge = MerkleFrontier::Edge(48);
  ASSERT_EQ(edge.size(), 2u);
  const std::vector<std::optional<TreeHash>> hashes = store_->GetTreeNodes(edge);
  ASSERT_EQ(hashes.size(), 2u);
  EXPECT_EQ(hashes[0], NodeHash(5, 0));
  EXPECT_EQ(hashes[1], NodeHash(4, 2));
  EXPECT_EQ(store_->round_trips(), before + 1);  // all of it read with the lock

  // What the lock's reads do not hold is read from the tables.
  EXPECT_EQ(Scanned(47, 50), (std::vector<std::int64_t>{47, 48, 49, 50}));
  EXPECT_EQ(store_->GetTreeNodes({TreeNodeId{4, 0}}).front(), std::nullopt);
  EXPECT_EQ(store_->round_trips(), before + 3);
  store_->Rollback();
}

TEST_F(PgStoreTest, AHeadThatEndsAChunkLeavesNothingAfterItToRead) {
  Write(16, 16);
  store_->BeginWrite();
  EXPECT_EQ(store_->LastEvent()->seq, 16);
  EXPECT_TRUE(Scanned(17, 16).empty());
  EXPECT_EQ(store_->GetTreeNodes(MerkleFrontier::Edge(16)).front(), NodeHash(4, 0));
  store_->AppendEvent(NumberedEvent(17));
  store_->Commit();
  // The next transaction reads the event appended as its head, and its chunk.
  store_->BeginWrite();
  EXPECT_EQ(store_->LastEvent()->seq, 17);
  const std::int64_t before = store_->round_trips();
  EXPECT_EQ(Scanned(17, 17), std::vector<std::int64_t>{17});
  EXPECT_EQ(store_->round_trips(), before);
  store_->Rollback();
}

TEST_F(PgStoreTest, ACommitGoesWithTheLastRows) {
  Write(3, 0);
  store_->BeginWrite();
  const std::int64_t before = store_->round_trips();
  EXPECT_EQ(store_->LastEvent()->seq, 3);  // the opening
  store_->AppendEvent(NumberedEvent(4));
  store_->Commit();
  EXPECT_EQ(store_->round_trips(), before + 2);       // the rows and the COMMIT together
  EXPECT_EQ(OpenPgStore(url_, {})->EventCount(), 4);  // committed: another connection sees it
}

TEST_F(PgStoreTest, ACommitWhoseRowIsRefusedRaisesItAndKeepsNothing) {
  Write(3, 0);
  store_->BeginWrite();
  EXPECT_EQ(store_->LastEvent()->seq, 3);
  store_->AppendEvent(NumberedEvent(3));  // a seq the desk has: refused by the server
  EXPECT_THROW(store_->Commit(), Error);
  store_->Rollback();  // as the ledger does when a commit raises
  EXPECT_EQ(store_->EventCount(), 3);
  store_->BeginWrite();  // the store goes on
  store_->AppendEvent(NumberedEvent(4));
  store_->Commit();
  EXPECT_EQ(Scanned(1, 4), (std::vector<std::int64_t>{1, 2, 3, 4}));
}

}  // namespace
}  // namespace claimledger
