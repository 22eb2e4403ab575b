// The parts of the store interface that are code (store.h): merging readings, and the
// tree writer.
#include "store/store.h"

namespace claimledger {

void StoredReading::Add(const StoredReading& other) {
  for (int table = 0; table < kTableCount; ++table) tables[table] += other.tables[table];
  if (derived.size() < other.derived.size()) derived.resize(other.derived.size());
  for (std::size_t i = 0; i < other.derived.size(); ++i) derived[i] += other.derived[i];
  derived_problems.insert(derived_problems.end(), other.derived_problems.begin(),
                          other.derived_problems.end());
}

void TreeWriter::AddLeafHash(const TreeHash& hash) {
  frontier_.PushLeaf(hash, [&](const TreeNodeId& node, const TreeHash& node_hash) {
    if (node.level >= kStoredTreeLevel) nodes_.emplace_back(node, node_hash);
  });
}

}  // namespace claimledger
