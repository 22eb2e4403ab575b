// The RFC 6962 Merkle tree hash (merkle.h).
#include "hash/merkle.h"

#include <algorithm>
#include <cstring>

#include "hash/sha256.h"

namespace claimledger {
namespace {

// The largest power of two smaller than n. REQUIRES: n > 1.
std::int64_t SplitPoint(std::int64_t n) {
  return std::int64_t{1} << (63 - __builtin_clzll(static_cast<unsigned long long>(n - 1)));
}

// The hash of leaves [begin, end), a range that RFC 6962's recursion meets: its complete
// subtrees taken greedily from the left (each as large as its alignment allows), folded from
// the right.
TreeHash RangeHash(std::int64_t begin, std::int64_t end, const NodeSource& nodes) {
  std::vector<TreeHash> parts;
  for (std::int64_t at = begin; at < end;) {
    int level = 0;
    while (level < 62 && (at & ((std::int64_t{1} << (level + 1)) - 1)) == 0 &&
           at + (std::int64_t{1} << (level + 1)) <= end) {
      ++level;
    }
    parts.push_back(nodes(TreeNodeId{level, at >> level}));
    at += std::int64_t{1} << level;
  }
  TreeHash hash = parts.back();
  for (std::size_t i = parts.size() - 1; i-- > 0;) hash = NodeHash(parts[i], hash);
  return hash;
}

void Path(std::int64_t index, std::int64_t begin, std::int64_t end, const NodeSource& nodes,
          std::vector<TreeHash>& proof) {
  if (end - begin == 1) return;
  const std::int64_t split = begin + SplitPoint(end - begin);
  if (index < split) {
    Path(index, begin, split, nodes, proof);
    proof.push_back(RangeHash(split, end, nodes));
  } else {
    Path(index, split, end, nodes, proof);
    proof.push_back(RangeHash(begin, split, nodes));
  }
}

// RFC 6962's SUBPROOF for the old tree [0, old) within the subtree [begin, end); `whole` when
// [begin, end) is the whole old tree's root side, whose hash the verifier already has.
void SubProof(std::int64_t old, std::int64_t begin, std::int64_t end, bool whole,
              const NodeSource& nodes, std::vector<TreeHash>& proof) {
  if (old == end) {
    if (!whole) proof.push_back(RangeHash(begin, end, nodes));
    return;
  }
  const std::int64_t split = begin + SplitPoint(end - begin);
  if (old <= split) {
    SubProof(old, begin, split, whole, nodes, proof);
    proof.push_back(RangeHash(split, end, nodes));
  } else {
    SubProof(old, split, end, false, nodes, proof);
    proof.push_back(RangeHash(begin, split, nodes));
  }
}

// Shifts both numbers right until the first one's lowest bit is set or it is zero.
void ShiftUntilOdd(std::int64_t& first, std::int64_t& second) {
  while ((first & 1) == 0 && first != 0) {
    first >>= 1;
    second >>= 1;
  }
}

}  // namespace

TreeHash LeafHash(std::string_view leaf) {
  static const char kLeafPrefix = 0x00;
  TreeHash hash;
  Sha256Digest({std::string_view(&kLeafPrefix, 1), leaf}, hash.data());
  return hash;
}

TreeHash NodeHash(const TreeHash& left, const TreeHash& right) {
  static const char kNodePrefix = 0x01;
  TreeHash hash;
  Sha256Digest({std::string_view(&kNodePrefix, 1), BytesOf(left), BytesOf(right)}, hash.data());
  return hash;
}

TreeHash EmptyTreeHash() {
  TreeHash hash;
  Sha256Digest({}, hash.data());
  return hash;
}

std::string_view BytesOf(const TreeHash& hash) {
  return std::string_view(reinterpret_cast<const char*>(hash.data()), hash.size());
}

std::optional<TreeHash> TreeHashFrom(std::string_view bytes) {
  TreeHash hash;
  if (bytes.size() != hash.size()) return std::nullopt;
  std::memcpy(hash.data(), bytes.data(), hash.size());
  return hash;
}

TreeHash TreeRoot(std::int64_t size, const NodeSource& nodes) {
  return size == 0 ? EmptyTreeHash() : RangeHash(0, size, nodes);
}

std::vector<TreeHash> InclusionProof(std::int64_t index, std::int64_t size,
                                     const NodeSource& nodes) {
  std::vector<TreeHash> proof;
  Path(index, 0, size, nodes, proof);
  return proof;
}

std::vector<TreeHash> ConsistencyProof(std::int64_t old_size, std::int64_t new_size,
                                       const NodeSource& nodes) {
  std::vector<TreeHash> proof;
  SubProof(old_size, 0, new_size, true, nodes, proof);
  return proof;
}

std::vector<TreeNodeId> NodesRead(const std::function<void(const NodeSource& nodes)>& compute) {
  std::vector<TreeNodeId> read;
  compute([&](const TreeNodeId& node) {
    if (std::find(read.begin(), read.end(), node) == read.end()) read.push_back(node);
    return TreeHash{};
  });
  return read;
}

std::optional<std::string> CheckInclusion(std::int64_t index, std::int64_t size,
                                          const TreeHash& leaf, const std::vector<TreeHash>& proof,
                                          const TreeHash& root) {
  if (index < 0 || index >= size) {
    return "index " + std::to_string(index) + " is not in a tree of " + std::to_string(size) +
           " leaves (indexes run from 0 to the size minus one)";
  }
  std::int64_t fn = index, sn = size - 1;
  TreeHash hash = leaf;
  for (const TreeHash& sibling : proof) {
    if (sn == 0) {
      return "the proof has more hashes than a tree of " + std::to_string(size) + " leaves needs";
    }
    if ((fn & 1) != 0 || fn == sn) {
      hash = NodeHash(sibling, hash);
      ShiftUntilOdd(fn, sn);
    } else {
      hash = NodeHash(hash, sibling);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return "the proof has fewer hashes than a tree of " + std::to_string(size) + " leaves needs";
  }
  if (hash != root) {
    return "the leaf and the proof do not lead to the root: the leaf, a proof hash or the root "
           "differs from what was logged";
  }
  return std::nullopt;
}

std::optional<std::string> CheckConsistency(std::int64_t old_size, std::int64_t new_size,
                                            const TreeHash& old_root, const TreeHash& new_root,
                                            const std::vector<TreeHash>& proof) {
  if (old_size < 1 || old_size > new_size) {
    return "a consistency proof goes from a tree of 1 or more leaves to one at least as large, "
           "not from " +
           std::to_string(old_size) + " to " + std::to_string(new_size) + " leaves";
  }
  if (old_size == new_size) {
    if (!proof.empty()) return "two trees of the same size need an empty consistency proof";
    if (old_root != new_root) {
      return "the two roots of a tree of " + std::to_string(old_size) +
             " leaves differ: the history was forked";
    }
    return std::nullopt;
  }
  std::vector<TreeHash> path = proof;
  if ((old_size & (old_size - 1)) == 0) path.insert(path.begin(), old_root);
  if (path.empty()) return "the consistency proof is empty";
  std::int64_t fn = old_size - 1, sn = new_size - 1;
  while ((fn & 1) != 0) {
    fn >>= 1;
    sn >>= 1;
  }
  TreeHash old_hash = path[0], new_hash = path[0];
  for (std::size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return "the consistency proof has more hashes than these sizes need";
    if ((fn & 1) != 0 || fn == sn) {
      old_hash = NodeHash(path[i], old_hash);
      new_hash = NodeHash(path[i], new_hash);
      ShiftUntilOdd(fn, sn);
    } else {
      new_hash = NodeHash(new_hash, path[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return "the consistency proof has fewer hashes than these sizes need";
  if (old_hash != old_root || new_hash != new_root) {
    return "the consistency proof does not join the two roots: the later tree does not extend "
           "the earlier one (a forked or rewritten history), or a hash was changed";
  }
  return std::nullopt;
}

MerkleFrontier::MerkleFrontier(std::int64_t start, int cap) : end_(start), cap_(cap) {}

MerkleFrontier::MerkleFrontier(std::int64_t size, const std::vector<TreeHash>& hashes)
    : end_(size) {
  const std::vector<TreeNodeId> edge = Edge(size);
  for (std::size_t i = 0; i < edge.size() && i < hashes.size(); ++i) {
    entries_.emplace_back(edge[i].level, hashes[i]);
  }
}

std::vector<TreeNodeId> MerkleFrontier::Edge(std::int64_t size) {
  std::vector<TreeNodeId> edge;
  for (int level = 62; level >= 0; --level) {
    if ((size >> level) & 1) edge.push_back(TreeNodeId{level, (size >> level) - 1});
  }
  return edge;
}

void MerkleFrontier::Push(int level, const TreeHash& hash, const Sink& sink) {
  end_ += std::int64_t{1} << level;
  if (sink) sink(TreeNodeId{level, (end_ >> level) - 1}, hash);
  TreeHash merged = hash;
  while (!entries_.empty() && entries_.back().first == level) {
    merged = NodeHash(entries_.back().second, merged);
    entries_.pop_back();
    ++level;
    if (sink) sink(TreeNodeId{level, (end_ >> level) - 1}, merged);
  }
  if (level == cap_) {
    tops_.push_back(merged);
  } else {
    entries_.emplace_back(level, merged);
  }
}

TreeHash MerkleFrontier::Root() const {
  if (entries_.empty()) return EmptyTreeHash();
  TreeHash hash = entries_.back().second;
  for (std::size_t i = entries_.size() - 1; i-- > 0;) hash = NodeHash(entries_[i].second, hash);
  return hash;
}

}  // namespace claimledger
