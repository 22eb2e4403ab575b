// Desks on a PostgreSQL server: which desks a database holds, who may write or audit one, and
// how a location is shown without its password. (A desk is opened like a ledger file, by its
// location: Workbench::Open with a postgresql:// URL.)
#ifndef CLAIMLEDGER_SERVER_H_
#define CLAIMLEDGER_SERVER_H_

#include <string>
#include <vector>

namespace claimledger {

// The desks of the database that `url` (postgresql://...) names, by name; its desk parameter,
// if any, is not looked at. Throws Error(kInvalidInput) for a location that is not such a URL,
// Error(kStorage) when the server cannot be reached.
std::vector<std::string> ListDesks(const std::string& url);

// What a role may do with a desk.
enum class DeskAccess {
  kWriter,   // read, append events, write the tables of current state (never change an event)
  kAuditor,  // read only (verify, export, search)
};

// Grants `role` (an existing role of the server) `access` to the desk at `url`, as the desk's
// owner or a superuser. Throws Error(kNotFound) for a missing desk or role, Error(kInvalidInput)
// for a location that is not a postgresql:// URL (a ledger file's access is its file
// permissions).
void GrantDeskAccess(const std::string& url, const std::string& role, DeskAccess access);

// Removes the desk at `url` when it holds nothing but its first event (one just created, say by
// an import that then failed), as its owner or a superuser: its schema and every table in it.
// Throws Error(kNotFound) for a missing desk, Error(kInvalidInput) "claimledger.store.not_empty"
// for a desk holding more events (nothing is removed), Error(kInvalidInput) for a location that
// is not a postgresql:// URL.
void RemoveEmptyDesk(const std::string& url);

// `location` as it may be shown (in a repr, a log line, a message): a URL without its password;
// a file path as it is.
std::string ShownLocation(const std::string& location);

}  // namespace claimledger

#endif  // CLAIMLEDGER_SERVER_H_
