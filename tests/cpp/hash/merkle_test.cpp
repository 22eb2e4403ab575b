// The RFC 6962 Merkle tree: the certificate-transparency reference vectors (the eight-leaf
// tree: the root of every prefix, inclusion and consistency proofs), every proof of every
// (index, size) and (old, new) pair up to 64 leaves checked and each of its hashes changed,
// and frontiers built leaf by leaf or in two parts.
#include "hash/merkle.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "claimledger/hash.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::FromHex;

nlohmann::json Vectors() {
  std::ifstream in(std::string(CLAIMLEDGER_TEST_DATA) + "/merkle_vectors.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return nlohmann::json::parse(buffer.str());
}

std::string Hex(const TreeHash& hash) { return HexOf(BytesOf(hash)); }

TreeHash FromHexHash(const std::string& hex) { return *TreeHashFrom(FromHex(hex)); }

// The complete subtrees of a list of leaves, computed from the leaves themselves.
NodeSource FromLeaves(const std::vector<TreeHash>& leaves) {
  return [leaves](const TreeNodeId& node) {
    std::vector<TreeHash> level(leaves.begin() + node.first(), leaves.begin() + node.end());
    while (level.size() > 1) {
      std::vector<TreeHash> up;
      for (std::size_t i = 0; i < level.size(); i += 2)
        up.push_back(NodeHash(level[i], level[i + 1]));
      level = up;
    }
    return level[0];
  };
}

std::vector<TreeHash> ReferenceLeaves() {
  const nlohmann::json vectors = Vectors();
  std::vector<TreeHash> leaves;
  for (const auto& hex : vectors["leaves_hex"]) leaves.push_back(LeafHash(FromHex(hex)));
  return leaves;
}

std::vector<TreeHash> Leaves(int count) {
  std::vector<TreeHash> leaves;
  for (int i = 0; i < count; ++i) leaves.push_back(LeafHash("leaf " + std::to_string(i)));
  return leaves;
}

TEST(MerkleTest, ReferenceRootsOfEveryPrefix) {
  const nlohmann::json vectors = Vectors();
  const std::vector<TreeHash> leaves = ReferenceLeaves();
  EXPECT_EQ(Hex(TreeRoot(0, FromLeaves(leaves))), vectors["empty_root"]);
  EXPECT_EQ(Hex(EmptyTreeHash()), vectors["empty_root"]);
  MerkleFrontier frontier;
  for (std::size_t size = 1; size <= 8; ++size) {
    EXPECT_EQ(Hex(TreeRoot(size, FromLeaves(leaves))), vectors["roots"][size - 1]) << size;
    frontier.PushLeaf(leaves[size - 1]);
    EXPECT_EQ(Hex(frontier.Root()), vectors["roots"][size - 1]) << size;
  }
}

TEST(MerkleTest, ReferenceInclusionProofs) {
  const nlohmann::json vectors = Vectors();
  const std::vector<TreeHash> leaves = ReferenceLeaves();
  for (const auto& vector : vectors["inclusion"]) {
    const std::int64_t index = vector["index"], size = vector["size"];
    std::vector<std::string> proof;
    for (const TreeHash& hash : InclusionProof(index, size, FromLeaves(leaves))) {
      proof.push_back(Hex(hash));
    }
    EXPECT_EQ(proof, vector["proof"].get<std::vector<std::string>>()) << index << " " << size;
    std::vector<TreeHash> given;
    for (const auto& hex : vector["proof"]) given.push_back(FromHexHash(hex));
    EXPECT_EQ(
        CheckInclusion(index, size, leaves[index], given, FromHexHash(vectors["roots"][size - 1])),
        std::nullopt);
  }
}

TEST(MerkleTest, ReferenceConsistencyProofs) {
  const nlohmann::json vectors = Vectors();
  const std::vector<TreeHash> leaves = ReferenceLeaves();
  for (const auto& vector : vectors["consistency"]) {
    const std::int64_t old_size = vector["old"], new_size = vector["new"];
    std::vector<std::string> proof;
    for (const TreeHash& hash : ConsistencyProof(old_size, new_size, FromLeaves(leaves))) {
      proof.push_back(Hex(hash));
    }
    EXPECT_EQ(proof, vector["proof"].get<std::vector<std::string>>())
        << old_size << " " << new_size;
    std::vector<TreeHash> given;
    for (const auto& hex : vector["proof"]) given.push_back(FromHexHash(hex));
    EXPECT_EQ(CheckConsistency(old_size, new_size, FromHexHash(vectors["roots"][old_size - 1]),
                               FromHexHash(vectors["roots"][new_size - 1]), given),
              std::nullopt);
  }
}

TEST(MerkleTest, EveryInclusionProofUpTo64LeavesAndEveryHashOfItChanged) {
  const std::vector<TreeHash> leaves = Leaves(64);
  const NodeSource nodes = FromLeaves(leaves);
  for (std::int64_t size = 1; size <= 64; ++size) {
    const TreeHash root = TreeRoot(size, nodes);
    for (std::int64_t index = 0; index < size; ++index) {
      std::vector<TreeHash> proof = InclusionProof(index, size, nodes);
      ASSERT_EQ(CheckInclusion(index, size, leaves[index], proof, root), std::nullopt)
          << index << " " << size;
      // Another leaf, another index, an index past the size, a shorter or longer proof: refused.
      // (The size itself is bound to the root by the signed checkpoint.)
      EXPECT_NE(CheckInclusion(index, size, leaves[(index + 1) % 64], proof, root), std::nullopt);
      if (size > 1) {
        EXPECT_NE(CheckInclusion((index + 1) % size, size, leaves[index], proof, root),
                  std::nullopt);
      }
      EXPECT_NE(CheckInclusion(size, size, leaves[index], proof, root), std::nullopt);
      std::vector<TreeHash> longer = proof;
      longer.push_back(root);
      EXPECT_NE(CheckInclusion(index, size, leaves[index], longer, root), std::nullopt);
      if (!proof.empty()) {
        std::vector<TreeHash> shorter(proof.begin(), proof.end() - 1);
        EXPECT_NE(CheckInclusion(index, size, leaves[index], shorter, root), std::nullopt);
      }
      for (std::size_t i = 0; i < proof.size(); ++i) {
        proof[i][i % 32] ^= 1;
        EXPECT_NE(CheckInclusion(index, size, leaves[index], proof, root), std::nullopt);
        proof[i][i % 32] ^= 1;
      }
    }
  }
}

TEST(MerkleTest, EveryConsistencyProofUpTo64LeavesAndEveryHashOfItChanged) {
  const std::vector<TreeHash> leaves = Leaves(64);
  const NodeSource nodes = FromLeaves(leaves);
  std::vector<TreeHash> roots{EmptyTreeHash()};
  for (std::int64_t size = 1; size <= 64; ++size) roots.push_back(TreeRoot(size, nodes));
  // A forked history: the same sizes over other leaves.
  std::vector<TreeHash> forked_leaves = leaves;
  forked_leaves[0] = LeafHash("rewritten");
  const NodeSource forked = FromLeaves(forked_leaves);
  for (std::int64_t new_size = 1; new_size <= 64; ++new_size) {
    for (std::int64_t old_size = 1; old_size <= new_size; ++old_size) {
      std::vector<TreeHash> proof = ConsistencyProof(old_size, new_size, nodes);
      ASSERT_EQ(CheckConsistency(old_size, new_size, roots[old_size], roots[new_size], proof),
                std::nullopt)
          << old_size << " " << new_size;
      EXPECT_NE(
          CheckConsistency(old_size, new_size, TreeRoot(old_size, forked), roots[new_size], proof),
          std::nullopt);
      if (old_size < new_size) {
        EXPECT_NE(CheckConsistency(old_size, new_size, roots[old_size], roots[new_size - 1], proof),
                  std::nullopt);
        EXPECT_NE(CheckConsistency(old_size + 1, new_size, roots[old_size], roots[new_size], proof),
                  std::nullopt);
      }
      for (std::size_t i = 0; i < proof.size(); ++i) {
        proof[i][31 - i % 32] ^= 0x80;
        EXPECT_NE(CheckConsistency(old_size, new_size, roots[old_size], roots[new_size], proof),
                  std::nullopt);
        proof[i][31 - i % 32] ^= 0x80;
      }
    }
  }
  EXPECT_NE(CheckConsistency(0, 4, roots[0], roots[4], {}), std::nullopt);
  EXPECT_NE(CheckConsistency(5, 4, roots[5], roots[4], {}), std::nullopt);
}

TEST(MerkleTest, FrontierReportsEveryCompleteSubtreeOnceAndResumes) {
  const std::vector<TreeHash> leaves = Leaves(64);
  const NodeSource nodes = FromLeaves(leaves);
  std::vector<TreeNodeId> seen;
  MerkleFrontier frontier;
  for (int i = 0; i < 64; ++i) {
    frontier.PushLeaf(leaves[i], [&](const TreeNodeId& node, const TreeHash& hash) {
      EXPECT_EQ(hash, nodes(node)) << node.level << " " << node.index;
      seen.push_back(node);
    });
    // A frontier made from the edge's stored hashes gives the same root.
    std::vector<TreeHash> edge;
    for (const TreeNodeId& node : MerkleFrontier::Edge(i + 1)) edge.push_back(nodes(node));
    EXPECT_EQ(MerkleFrontier(i + 1, edge).Root(), frontier.Root());
  }
  EXPECT_EQ(seen.size(), 127u);  // 64 leaves and 63 interior nodes
}

TEST(MerkleTest, TwoPartsJoinIntoOneTree) {
  const std::vector<TreeHash> leaves = Leaves(61);
  for (int cap = 0; cap <= 4; ++cap) {
    const std::int64_t split = 32;  // a multiple of 2^cap
    MerkleFrontier first, second(split, cap);
    for (std::int64_t i = 0; i < split; ++i) first.PushLeaf(leaves[i]);
    for (std::int64_t i = split; i < 61; ++i) second.PushLeaf(leaves[i]);
    for (const TreeHash& top : second.tops()) first.Push(cap, top);
    for (const auto& [level, hash] : second.entries()) first.Push(level, hash);
    EXPECT_EQ(first.end(), 61);
    EXPECT_EQ(first.Root(), TreeRoot(61, FromLeaves(leaves))) << cap;
  }
}

TEST(MerkleTest, NodesReadListsWhatAProofReads) {
  const std::vector<TreeNodeId> read =
      NodesRead([](const NodeSource& nodes) { InclusionProof(5, 8, nodes); });
  // Leaf 5's sibling (leaf 4), leaves 6-7, leaves 0-3.
  ASSERT_EQ(read.size(), 3u);
  EXPECT_EQ(read[0], (TreeNodeId{0, 4}));
  EXPECT_EQ(read[1], (TreeNodeId{1, 3}));
  EXPECT_EQ(read[2], (TreeNodeId{2, 0}));
}

}  // namespace
}  // namespace claimledger
