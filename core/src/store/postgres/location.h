// Where a desk on a PostgreSQL server is: a postgresql:// (or postgres://) URL, as libpq reads
// it, with claimledger's own `desk` parameter. Several desks live in one database, each in a
// schema of its own ("claimledger_" + desk). Passwords (in the URL, PGPASSWORD, .pgpass or a
// service file) are libpq's business: they never appear in what this code says.
#ifndef CLAIMLEDGER_STORE_POSTGRES_LOCATION_H_
#define CLAIMLEDGER_STORE_POSTGRES_LOCATION_H_

#include <string>
#include <string_view>

namespace claimledger {

struct PostgresLocation {
  std::string conninfo;  // the URL for libpq, without the desk parameter
  std::string desk;      // "korea"; "main" when the URL names none
  std::string schema;    // "claimledger_korea"
  std::string server;    // "host:port/database" (or the socket folder), for messages
  std::string password;  // the URL's own password, if any: to keep it out of messages
  std::string shown;     // the URL as given, its password (if any) replaced by ***
};

// True when `location` is a PostgreSQL URL rather than a file path.
bool IsPostgresLocation(std::string_view location);

// Reads a PostgreSQL URL. Throws Error(kInvalidInput) "claimledger.store.bad_url" saying what
// is wrong (a desk name that is not 1 to 48 lower-case letters, digits or underscores starting
// with a letter; a URL libpq cannot read), without the password.
PostgresLocation ParsePostgresLocation(const std::string& location);

// `text` with every occurrence of `password` (as written and percent-encoded) replaced by
// "***": for messages that quote what libpq said.
std::string WithoutPassword(std::string text, const std::string& password);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_POSTGRES_LOCATION_H_
