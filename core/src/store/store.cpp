// The parts of the store interface that are code (store.h).
#include "store/store.h"

namespace claimledger {

void StoredReading::Add(const StoredReading& other) {
  for (int table = 0; table < kTableCount; ++table) tables[table] += other.tables[table];
  if (derived.size() < other.derived.size()) derived.resize(other.derived.size());
  for (std::size_t i = 0; i < other.derived.size(); ++i) derived[i] += other.derived[i];
  derived_problems.insert(derived_problems.end(), other.derived_problems.begin(),
                          other.derived_problems.end());
}

}  // namespace claimledger
