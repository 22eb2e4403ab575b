// verify(): proves that a ledger holds what its events say and nothing was edited behind its
// back. In one read transaction it
// 1. checks the chain: every event's hash, every link, no gaps (chain.h);
// 2. replays every event through the projection rules into table digests (replay_digests.h);
// 3. re-hashes every snapshot's bytes against its content id and the SHA-256 in its event;
// 4. reads the store's tables back as digests and compares them with the replay's, and lets
//    the store check its search indexes against the tables they index (store.h,
//    StoredTables); for a table that differs, replays the events again into rows to name
//    each row that differs;
// 5. builds the Merkle tree of the events and compares it with the one stored
//    (ledger/merkle_log.h): problems of kind "tree-mismatch";
// 6. with a checkpoint, checks that the ledger still holds that exact event; with a tree head
//    (the size and root of a signed checkpoint), that the desk's tree of that size has that
//    root ("checkpoint-mismatch": a truncated or rewritten history).
// When the store can give a second reader of the same snapshot (a ledger file), two threads
// share the work: each checks and replays half of the events, then both read the stored
// tables part by part until none are left.
#ifndef CLAIMLEDGER_LEDGER_VERIFY_H_
#define CLAIMLEDGER_LEDGER_VERIFY_H_

#include <optional>
#include <string>

#include "claimledger/model.h"
#include "hash/merkle.h"
#include "store/store.h"

namespace claimledger {

// A tree head to verify against: the size and root of a signed checkpoint.
struct TreeHead {
  std::int64_t size = 0;
  TreeHash root{};
};

// Verifies the ledger in `store`, whose identity is `identity`; the store's search indexes
// too when `search_indexes`. REQUIRES: no transaction open.
VerifyReport VerifyLedger(Store& store, const std::string& identity,
                          const std::optional<Checkpoint>& against, bool search_indexes,
                          const std::optional<TreeHead>& against_tree = std::nullopt);

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_VERIFY_H_
