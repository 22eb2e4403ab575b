// OpenStore (open_store.h): a URL's scheme picks the store; anything else is a file path.
// Also the desks of a server (claimledger/server.h).
#include "store/open_store.h"

#include "claimledger/error.h"
#include "claimledger/server.h"
#include "store/postgres/location.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/schema.h"
#include "store/sqlite/sqlite_store.h"

namespace claimledger {
namespace {

PostgresLocation ServerLocation(const std::string& url, const char* what) {
  if (!IsPostgresLocation(url)) {
    throw Error(Code::kInvalidInput, "claimledger.store.not_a_server",
                std::string(what) +
                    " needs a desk on a PostgreSQL server (postgresql://user@host/database"
                    "?desk=name); a ledger file's access is its file permissions");
  }
  return ParsePostgresLocation(url);
}

}  // namespace

std::unique_ptr<Store> OpenStore(const std::string& location, const StoreOptions& options) {
  if (IsPostgresLocation(location)) return OpenPgStore(location, options);
  return OpenSqliteStore(location, options);
}

bool IsServerLocation(const std::string& location) { return IsPostgresLocation(location); }

std::vector<std::string> ListDesks(const std::string& url) {
  PgConnection connection(ServerLocation(url, "listing desks"));
  return ListPgDesks(connection);
}

void GrantDeskAccess(const std::string& url, const std::string& role, DeskAccess access) {
  PgConnection connection(ServerLocation(url, "granting access"));
  OpenPgSchema(connection, /*create=*/false, StoreOptions().busy_timeout_ms);
  GrantPgDeskAccess(connection, role, access == DeskAccess::kWriter);
}

void RemoveEmptyDesk(const std::string& url) {
  PgConnection connection(ServerLocation(url, "removing a desk"));
  OpenPgSchema(connection, /*create=*/false, StoreOptions().busy_timeout_ms);
  DropEmptyPgDesk(connection);
}

std::string ShownLocation(const std::string& location) {
  if (!IsPostgresLocation(location)) return location;
  try {
    return ParsePostgresLocation(location).shown;
  } catch (const Error&) {
    return "postgresql://...";  // a URL that cannot be read: nothing of it is shown
  }
}

}  // namespace claimledger
