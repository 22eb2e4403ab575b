// The desk as a transparency log: an RFC 6962 Merkle tree (hash/merkle.h) whose leaf i is the
// canonical JSON of the event with seq i + 1 (CanonicalEventText: the bytes whose SHA-256 is
// the event's hash). The store keeps the hashes of its complete subtrees of 16 leaves and up
// (kStoredTreeLevel, store.h); smaller ones are hashed from the events when needed, so that a
// root or a proof reads a few dozen stored hashes and at most two runs of 15 events, never
// the whole log.
//
// TreeAppender extends the stored tree as events are appended; StoredTree computes roots and
// proofs from it; RebuildTree writes it again from the events. verify() checks the stored
// tree against the events (verify.cpp).
#ifndef CLAIMLEDGER_LEDGER_MERKLE_LOG_H_
#define CLAIMLEDGER_LEDGER_MERKLE_LOG_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "hash/merkle.h"
#include "store/store.h"

namespace claimledger {

// Adds the leaves of newly appended events to the stored tree, inside their write transaction.
class TreeAppender {
 public:
  explicit TreeAppender(Store& store) : store_(store) {}

  // Adds the leaf of event `seq`, whose canonical text is `leaf`. The first call reads the
  // tree's right edge as it stands before `seq` (a few stored hashes and at most 15 events);
  // a store that lacks those hashes (a damaged or never-built tree) gets the whole tree
  // written again from the events first. REQUIRES: in a write transaction; seq follows the
  // event added last (or the last stored event, for the first call).
  void Add(std::int64_t seq, std::string_view leaf);

 private:
  Store& store_;
  std::optional<TreeWriter> writer_;
  bool rebuilt_ = false;
};

// Writes the whole stored tree again from the events. REQUIRES: a write transaction.
void RebuildTree(Store& store);

// Roots and proofs of the desk's tree at any size up to its events, from the stored hashes.
// Throws Error(kIntegrity) "claimledger.tree.missing" when the store lacks a hash the
// computation needs (rebuild() writes the tree again). REQUIRES: a transaction is open.
class StoredTree {
 public:
  explicit StoredTree(Store& store) : store_(store) {}

  TreeHash Root(std::int64_t size);
  // REQUIRES: 0 <= index < size <= the number of events.
  std::vector<TreeHash> InclusionProof(std::int64_t index, std::int64_t size);
  // REQUIRES: 0 < old_size <= new_size <= the number of events.
  std::vector<TreeHash> ConsistencyProof(std::int64_t old_size, std::int64_t new_size);

 private:
  // Fetches every subtree hash `compute` reads (stored ones in one call, small ones hashed
  // from the events), then runs it with them.
  void WithNodes(const std::function<void(const NodeSource& nodes)>& compute);

  Store& store_;
};

// Builds the tree of the events verify() reads and collects the subtrees a store keeps, to
// compare with what it holds (TreeProblems). verify() may read the events on two threads: the
// check of the later part starts at a multiple of 16 leaves and hands its 16-leaf subtrees to
// the check before it (Join), which goes on merging them.
class TreeCheck {
 public:
  // A check from leaf `start`, a multiple of 16 (0: the whole tree).
  explicit TreeCheck(std::int64_t start = 0);
  void Add(const TreeHash& leaf);
  // Continues with the subtrees of `later`, the check of the leaves after this one's.
  void Join(const TreeCheck& later);

  std::vector<std::pair<TreeNodeId, TreeHash>> nodes;  // the subtrees a store keeps

 private:
  void Keep(const TreeNodeId& node, const TreeHash& hash);
  MerkleFrontier frontier_;
  bool part_ = false;
};

// The differences ("tree-mismatch") between the subtrees a store holds and those `built` from
// the events, each naming the events the subtree covers (seq: its last event); up to 1000,
// then a count. REQUIRES: a transaction is open.
std::vector<Problem> TreeProblems(Store& store, std::vector<std::pair<TreeNodeId, TreeHash>> built);

// The hash of the leaf of `event`: its canonical text; for an event whose fields cannot be
// written canonically (edited behind the ledger's back), its fields as they are stored, so
// that it still gets a leaf (which verify then finds differing).
TreeHash EventLeafHash(const Event& event);

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_MERKLE_LOG_H_
