// The desk's Merkle tree over the store (merkle_log.h).
#include "ledger/merkle_log.h"

#include <algorithm>
#include <set>

#include "claimledger/error.h"
#include "claimledger/model.h"
#include "codec/canonical_json.h"

namespace claimledger {
namespace {

constexpr std::int64_t kChunk = std::int64_t{1} << kStoredTreeLevel;

Error MissingNode(const TreeNodeId& node) {
  return Error(Code::kIntegrity, "claimledger.tree.missing",
               "the store holds no Merkle tree hash for events " +
                   std::to_string(node.first() + 1) + " to " + std::to_string(node.end()) +
                   " (the tree was never built or was damaged); rebuild() writes it again");
}

// The leaf hashes of events [first + 1, end] (seq), checking that each is there.
std::vector<TreeHash> LeafHashes(Store& store, std::int64_t first, std::int64_t end) {
  std::vector<TreeHash> leaves;
  store.ScanEvents(first + 1, end, [&](const Event& event) {
    if (event.seq != first + 1 + static_cast<std::int64_t>(leaves.size())) return false;
    leaves.push_back(EventLeafHash(event));
    return true;
  });
  if (static_cast<std::int64_t>(leaves.size()) != end - first) {
    throw Error(Code::kIntegrity, "claimledger.tree.missing_events",
                "events " + std::to_string(first + 1) + " to " + std::to_string(end) +
                    " are not all in the store, so their Merkle tree hashes cannot be computed");
  }
  return leaves;
}

}  // namespace

TreeHash EventLeafHash(const Event& event) {
  try {
    return LeafHash(CanonicalEventText(event));
  } catch (const Error&) {
    return LeafHash(event.actor + event.at + event.data + event.prev + std::to_string(event.seq) +
                    event.type);
  }
}

// --- appending --------------------------------------------------------------------------------

void TreeAppender::Add(std::int64_t seq, std::string_view leaf) {
  if (!writer_) {
    const std::int64_t size = seq - 1;
    const std::int64_t chunk_start = size & ~(kChunk - 1);
    const std::vector<TreeNodeId> edge = MerkleFrontier::Edge(chunk_start);
    std::vector<TreeHash> hashes;
    for (const std::optional<TreeHash>& hash : store_.GetTreeNodes(edge)) {
      if (!hash) break;
      hashes.push_back(*hash);
    }
    if (hashes.size() == edge.size()) {
      writer_.emplace(MerkleFrontier(chunk_start, hashes));
      for (const TreeHash& hash : LeafHashes(store_, chunk_start, size)) {
        writer_->AddLeafHash(hash);
      }
    } else {
      if (rebuilt_) throw MissingNode(edge[hashes.size()]);
      RebuildTree(store_);
      rebuilt_ = true;
      Add(seq, leaf);  // the tree is whole now: read its edge again
      return;
    }
  }
  writer_->AddLeaf(leaf);
  store_.PutTreeNodes(writer_->TakeNodes());
}

void RebuildTree(Store& store) {
  store.ClearTree();
  TreeWriter writer;
  std::vector<std::pair<TreeNodeId, TreeHash>> nodes;
  store.ScanEvents(1, -1, [&](const Event& event) {
    writer.AddLeafHash(EventLeafHash(event));
    for (auto& node : writer.TakeNodes()) nodes.push_back(node);
    return true;
  });
  store.PutTreeNodes(nodes);
}

// --- roots and proofs -------------------------------------------------------------------------

void StoredTree::WithNodes(const std::function<void(const NodeSource& nodes)>& compute) {
  const std::vector<TreeNodeId> needed = NodesRead(compute);
  std::map<TreeNodeId, TreeHash> known;
  std::vector<TreeNodeId> stored;
  std::set<std::int64_t> chunks;
  for (const TreeNodeId& node : needed) {
    if (node.level >= kStoredTreeLevel) {
      stored.push_back(node);
    } else {
      chunks.insert(node.first() >> kStoredTreeLevel);
    }
  }
  const std::vector<std::optional<TreeHash>> hashes = store_.GetTreeNodes(stored);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    if (!hashes[i]) throw MissingNode(stored[i]);
    known.emplace(stored[i], *hashes[i]);
  }
  // The small subtrees, from the events of their 16-leaf chunk (as far as the tree needs).
  for (const std::int64_t chunk : chunks) {
    std::int64_t end = chunk * kChunk;
    for (const TreeNodeId& node : needed) {
      if (node.level < kStoredTreeLevel && (node.first() >> kStoredTreeLevel) == chunk) {
        end = std::max(end, node.end());
      }
    }
    MerkleFrontier frontier(chunk * kChunk, kStoredTreeLevel);
    for (const TreeHash& leaf : LeafHashes(store_, chunk * kChunk, end)) {
      frontier.PushLeaf(
          leaf, [&](const TreeNodeId& node, const TreeHash& hash) { known.emplace(node, hash); });
    }
  }
  compute([&](const TreeNodeId& node) { return known.at(node); });
}

TreeHash StoredTree::Root(std::int64_t size) {
  TreeHash root;
  WithNodes([&](const NodeSource& nodes) { root = TreeRoot(size, nodes); });
  return root;
}

std::vector<TreeHash> StoredTree::InclusionProof(std::int64_t index, std::int64_t size) {
  std::vector<TreeHash> proof;
  WithNodes(
      [&](const NodeSource& nodes) { proof = claimledger::InclusionProof(index, size, nodes); });
  return proof;
}

std::vector<TreeHash> StoredTree::ConsistencyProof(std::int64_t old_size, std::int64_t new_size) {
  std::vector<TreeHash> proof;
  WithNodes([&](const NodeSource& nodes) {
    proof = claimledger::ConsistencyProof(old_size, new_size, nodes);
  });
  return proof;
}

// --- verification -----------------------------------------------------------------------------

TreeCheck::TreeCheck(std::int64_t start)
    : frontier_(start == 0 ? MerkleFrontier() : MerkleFrontier(start, kStoredTreeLevel)),
      part_(start != 0) {}

void TreeCheck::Keep(const TreeNodeId& node, const TreeHash& hash) {
  // A later part's 16-leaf subtrees are kept by the check it joins.
  if (node.level >= kStoredTreeLevel && !part_) nodes.emplace_back(node, hash);
}

void TreeCheck::Add(const TreeHash& leaf) {
  frontier_.PushLeaf(leaf, [&](const TreeNodeId& node, const TreeHash& hash) { Keep(node, hash); });
}

void TreeCheck::Join(const TreeCheck& later) {
  const auto keep = [&](const TreeNodeId& node, const TreeHash& hash) { Keep(node, hash); };
  for (const TreeHash& top : later.frontier_.tops()) frontier_.Push(kStoredTreeLevel, top, keep);
  for (const auto& [level, hash] : later.frontier_.entries()) frontier_.Push(level, hash, keep);
}

std::vector<Problem> TreeProblems(Store& store,
                                  std::vector<std::pair<TreeNodeId, TreeHash>> built) {
  std::vector<std::pair<TreeNodeId, TreeHash>> stored;
  store.ScanTreeNodes(
      [&](const TreeNodeId& node, const TreeHash& hash) { stored.emplace_back(node, hash); });
  std::vector<Problem> problems;
  if (stored.empty() && !built.empty()) {
    problems.push_back({0, "tree-mismatch",
                        "the store holds none of the " + std::to_string(built.size()) +
                            " Merkle tree hashes of the events (the tree was never built, or "
                            "was removed); rebuild() writes it"});
    return problems;
  }
  const auto by_node = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(built.begin(), built.end(), by_node);
  std::sort(stored.begin(), stored.end(), by_node);
  std::size_t differing = 0;
  const auto report = [&](const TreeNodeId& node, const char* what) {
    if (++differing > 1000) return;
    problems.push_back({node.end(), "tree-mismatch",
                        "the Merkle tree hash of events " + std::to_string(node.first() + 1) +
                            " to " + std::to_string(node.end()) + " " + what});
  };
  auto b = built.begin();
  auto s = stored.begin();
  while (b != built.end() || s != stored.end()) {
    if (s == stored.end() || (b != built.end() && b->first < s->first)) {
      report((b++)->first, "is missing from the store");
    } else if (b == built.end() || s->first < b->first) {
      report((s++)->first, "is stored, but the events make no such subtree");
    } else {
      if (b->second != s->second) report(b->first, "differs from the hash of those events");
      ++b;
      ++s;
    }
  }
  if (differing > 1000) {
    problems.push_back({0, "tree-mismatch",
                        std::to_string(differing) + " Merkle tree hashes differ in all; the first "
                                                    "1000 are listed"});
  }
  std::stable_sort(problems.begin(), problems.end(),
                   [](const Problem& a, const Problem& b) { return a.seq < b.seq; });
  return problems;
}

}  // namespace claimledger
