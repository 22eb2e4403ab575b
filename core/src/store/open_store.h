// Opening a store: OpenStore looks at the location and picks the implementation.
#ifndef CLAIMLEDGER_STORE_OPEN_STORE_H_
#define CLAIMLEDGER_STORE_OPEN_STORE_H_

#include <memory>
#include <string>

#include "store/store.h"

namespace claimledger {

// Opens (or creates) the store at `location`: a desk on a PostgreSQL server
// (postgresql://user@host/database?desk=name, store/postgres/location.h), or else a SQLite
// ledger file (":memory:" gives a private in-memory ledger). Throws Error(kStorage) when the
// location holds something that is not a claimledger ledger (it is left untouched), was
// written by a newer claimledger, or the server cannot be reached; Error(kNotFound) when there
// is no ledger and options.create is false; Error(kInvalidInput) for a URL that cannot be
// read.
std::unique_ptr<Store> OpenStore(const std::string& location, const StoreOptions& options);

// True when `location` names a desk on a server (a postgresql:// URL) rather than a file.
bool IsServerLocation(const std::string& location);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_OPEN_STORE_H_
