// The Merkle tree hash of RFC 6962, section 2.1: what is pure arithmetic on hashes, with no
// storage behind it. A leaf's hash is SHA-256(0x00 || leaf), an interior node's
// SHA-256(0x01 || left || right), and a tree of n > 1 leaves splits at the largest power of
// two smaller than n. Every desk is such a tree over its events (ledger/merkle_log.h keeps
// it in the store); the offline verifier checks proofs with the functions here alone.
//
// A complete subtree is named by its level and index (TreeNodeId): 2^level leaves starting at
// leaf index * 2^level. Any range the RFC's recursion meets is made of complete subtrees, so
// roots and proofs are computed from a NodeSource that gives complete subtrees' hashes: the
// ledger reads them from the store; the tests compute them from the leaves.
#ifndef CLAIMLEDGER_HASH_MERKLE_H_
#define CLAIMLEDGER_HASH_MERKLE_H_

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

using TreeHash = std::array<unsigned char, 32>;

// The hash of leaf bytes: SHA-256(0x00 || leaf).
TreeHash LeafHash(std::string_view leaf);
// The hash of an interior node: SHA-256(0x01 || left || right).
TreeHash NodeHash(const TreeHash& left, const TreeHash& right);
// The root of the empty tree: SHA-256 of no bytes.
TreeHash EmptyTreeHash();
// The 32 bytes of a hash, and back (nothing unless `bytes` has 32 bytes).
std::string_view BytesOf(const TreeHash& hash);
std::optional<TreeHash> TreeHashFrom(std::string_view bytes);

// A complete subtree: 2^level leaves from leaf index * 2^level.
struct TreeNodeId {
  int level = 0;
  std::int64_t index = 0;
  std::int64_t first() const { return index << level; }      // its first leaf
  std::int64_t end() const { return (index + 1) << level; }  // one past its last leaf
  bool operator==(const TreeNodeId& o) const { return level == o.level && index == o.index; }
  bool operator<(const TreeNodeId& o) const {
    return level != o.level ? level < o.level : index < o.index;
  }
};

// Gives the hash of a complete subtree.
using NodeSource = std::function<TreeHash(const TreeNodeId& node)>;

// The root of the tree of the first `size` leaves (EmptyTreeHash() for 0).
TreeHash TreeRoot(std::int64_t size, const NodeSource& nodes);
// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 6962, 2.1.1): the
// hashes from the leaf's sibling up to the root's child. REQUIRES: 0 <= index < size.
std::vector<TreeHash> InclusionProof(std::int64_t index, std::int64_t size,
                                     const NodeSource& nodes);
// The consistency proof between the trees of `old_size` and `new_size` leaves (RFC 6962,
// 2.1.2). REQUIRES: 0 < old_size <= new_size.
std::vector<TreeHash> ConsistencyProof(std::int64_t old_size, std::int64_t new_size,
                                       const NodeSource& nodes);
// The complete subtrees that `compute` reads from the NodeSource it is given (in the order of
// first reading, each once), so that a caller can fetch them all at once before computing.
std::vector<TreeNodeId> NodesRead(const std::function<void(const NodeSource& nodes)>& compute);

// Nothing when `proof` proves that the leaf with hash `leaf` is leaf `index` of the tree of
// `size` leaves whose root is `root` (RFC 9162, 2.1.3.2); else why not.
std::optional<std::string> CheckInclusion(std::int64_t index, std::int64_t size,
                                          const TreeHash& leaf, const std::vector<TreeHash>& proof,
                                          const TreeHash& root);
// Nothing when `proof` proves that the tree of `old_size` leaves with root `old_root` is a
// prefix of the tree of `new_size` leaves with root `new_root` (RFC 9162, 2.1.4.2); else why
// not.
std::optional<std::string> CheckConsistency(std::int64_t old_size, std::int64_t new_size,
                                            const TreeHash& old_root, const TreeHash& new_root,
                                            const std::vector<TreeHash>& proof);

// The right edge of a tree built leaf by leaf: the hashes of its largest complete subtrees (one
// per set bit of its size, largest first), from which the root of the tree built so far
// follows. Each complete subtree is handed to a sink once, as it completes.
//
// A frontier may also build a part of a tree that starts at leaf `start` and stops merging at
// level `cap`: subtrees that reach that level leave the frontier for tops(), so that another
// frontier that reached `start` continues with Push(cap, top) for each top, then with the
// entries() left (how verify() shares the tree between two threads).
class MerkleFrontier {
 public:
  using Sink = std::function<void(const TreeNodeId& node, const TreeHash& hash)>;

  // An empty tree (start 0, no cap).
  MerkleFrontier() = default;
  // An empty part starting at leaf `start`, which must be a multiple of 2^cap.
  MerkleFrontier(std::int64_t start, int cap);
  // The tree of `size` leaves whose largest complete subtrees (Edge(size)) have `hashes`.
  MerkleFrontier(std::int64_t size, const std::vector<TreeHash>& hashes);
  // The largest complete subtrees of the tree of `size` leaves, largest first.
  static std::vector<TreeNodeId> Edge(std::int64_t size);

  // Appends a complete subtree of 2^level leaves, merging it with the subtrees before it; the
  // sink (when there is one) gets it and every subtree completed. REQUIRES: the size is a
  // multiple of 2^level and every entry is of a higher level.
  void Push(int level, const TreeHash& hash, const Sink& sink = nullptr);
  void PushLeaf(const TreeHash& hash, const Sink& sink = nullptr) { Push(0, hash, sink); }

  // One past the last leaf pushed.
  std::int64_t end() const { return end_; }
  // The root of leaves [0, end()). REQUIRES: a frontier of a whole tree (start 0, no cap).
  TreeHash Root() const;
  // (level, hash) of the complete subtrees kept, largest first.
  const std::vector<std::pair<int, TreeHash>>& entries() const { return entries_; }
  // The subtrees that reached the cap, in order.
  const std::vector<TreeHash>& tops() const { return tops_; }

 private:
  std::int64_t end_ = 0;
  int cap_ = 63;
  std::vector<std::pair<int, TreeHash>> entries_;
  std::vector<TreeHash> tops_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_MERKLE_H_
