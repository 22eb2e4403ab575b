// Merging desks: another desk's events brought into this one, each once.
#ifndef CLAIMLEDGER_INTEROP_MERGE_H_
#define CLAIMLEDGER_INTEROP_MERGE_H_

#include <string>

#include "claimledger/model.h"
#include "ledger/ledger.h"

namespace claimledger {

// Brings another desk's events into `ledger`, in one transaction, as `actor`. `path` is the
// other desk's ledger file, its postgresql:// URL, or a bundle of it. Every merged event keeps the
// other desk's identity and the original event's hash, time and actor under "origin", and entities
// keep their ids; events this desk already has (its own, or merged before) and snapshots it already
// stores are skipped, so merging the same desk twice adds nothing. Desks must share the rating
// scale (Error(kInvalidInput) otherwise); Error(kNotFound) when `path` cannot be read.
MergeReport MergeDesk(Ledger& ledger, const std::string& actor, const std::string& path);

}  // namespace claimledger

#endif  // CLAIMLEDGER_INTEROP_MERGE_H_
