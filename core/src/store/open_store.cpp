// OpenStore (open_store.h): a URL's scheme picks the store; anything else is a file path.
#include "store/open_store.h"

#include "claimledger/error.h"
#include "store/sqlite/sqlite_store.h"

namespace claimledger {

std::unique_ptr<Store> OpenStore(const std::string& location, const StoreOptions& options) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    throw Error(Code::kInvalidInput, "claimledger.store.unsupported",
                "this claimledger opens ledger files only; a desk on a PostgreSQL server "
                "(postgresql://...) needs a newer claimledger");
  }
  return OpenSqliteStore(location, options);
}

}  // namespace claimledger
