// Opening a store: OpenStore looks at the location and picks the implementation.
#ifndef CLAIMLEDGER_STORE_OPEN_STORE_H_
#define CLAIMLEDGER_STORE_OPEN_STORE_H_

#include <memory>
#include <string>

#include "store/store.h"

namespace claimledger {

// Opens (or creates) the store at `location`: a file path, a SQLite ledger file (":memory:"
// gives a private in-memory ledger). Throws Error(kStorage) when the file is not a
// claimledger ledger (it is left untouched) or was written by a newer claimledger,
// Error(kNotFound) when there is no ledger and options.create is false, and
// Error(kInvalidInput) for a location of a kind this build cannot open (postgresql://).
std::unique_ptr<Store> OpenStore(const std::string& location, const StoreOptions& options);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_OPEN_STORE_H_
