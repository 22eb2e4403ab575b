// A desk's tables on a PostgreSQL server: one schema per desk ("claimledger_" + desk name),
// holding the same event log, contents and tables of current state as a SQLite ledger file
// (store/sqlite/schema.h), and search tables of its own (GIN indexes over the same tokens and
// near-duplicate buckets). Opening checks what is there, creates a desk when asked, and grants
// roles their access.
#ifndef CLAIMLEDGER_STORE_POSTGRES_SCHEMA_H_
#define CLAIMLEDGER_STORE_POSTGRES_SCHEMA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "store/postgres/connection.h"

namespace claimledger {

// The version of a desk's tables on a server; the `desk` table's one row holds it.
// 1: the first; 2: a claim's search row holds the terms of its context too (SearchableText,
// store/store.h), which opening a version-1 desk writes for the claims that have one (under the
// desk's lock, in one transaction; a role that may not write the desk is told that its owner
// must open it once); 3: Chinese and Japanese characters are words of their own (text/words.h),
// which opening a version-2 desk writes for the claims and snapshots holding them (terms and
// near-duplicate buckets), the same way; 4: claim_terms counts the claims holding each term
// (written with the search rows), which opening a version-3 desk fills from its search rows,
// giving the roles granted claims_search the same grants on it; 5: no index of the events' hash
// prefixes (a merge finds an event by its time), which opening a version-4 desk drops; 6: a
// large batch's claim search rows are committed through a second connection just before the
// batch, and reads leave out those of claims after the last (kClaimHeld), which opening a
// version-5 desk only records (an older core would count them).
inline constexpr int kPgSchemaVersion = 6;

// The condition that a row of claims_search (as `claim`) is of a claim the desk holds: not after
// the last. The rows of claims after the last are those of a large batch whose commit is under
// way, or failed after its search rows' commit (PgStore::SendClaimSearchRows): reads and
// verify() leave them out, and the next write deletes them (PgStore::BeginWrite).
inline constexpr const char* kClaimHeld = "claim <= (SELECT coalesce(max(seq), 0) FROM claims)";

// SQL selecting (term, claims): the claims holding each term, counted from the rows of
// claims_search that hold all their terms, as claim_terms keeps them.
inline std::string ClaimTermsCounted() {
  return std::string(
             "SELECT u.lexeme AS term, count(*) AS claims FROM claims_search x, unnest(x.terms) u "
             "WHERE x.all_terms AND x.") +
         kClaimHeld + " GROUP BY u.lexeme";
}

// The key of the desk's transaction-level advisory lock, which writers (and the creation of the
// desk) take before anything else: one linear chain however many writers there are.
std::int64_t DeskLockKey(const std::string& schema);
// The key of the lock that a large batch's second connection holds for its transaction
// (PgStore::SendClaimSearchRows), which every writer waits for before it begins.
std::int64_t ClaimSearchLockKey(const std::string& schema);

// Checks that the connection's database holds the desk (or creates it, with `create`), brings
// a desk of an older version to kPgSchemaVersion, and sets the connection's search_path to the
// desk's schema for every later (re)connection. Throws Error(kNotFound) "claimledger.store.missing"
// (no such desk, and !create; the message lists the desks that are there), Error(kStorage)
// "claimledger.store.not_a_ledger" (the schema exists but is not a desk),
// "claimledger.store.newer_schema" (written by a newer claimledger), "claimledger.store.permission"
// (an older desk this role may not upgrade).
void OpenPgSchema(PgConnection& connection, bool create, int busy_timeout_ms);

// The desks of the connection's database, by name.
std::vector<std::string> ListPgDesks(PgConnection& connection);

// Grants `role` access to the desk: a writer may read, append events and write the tables of
// current state and the search tables (never update or delete an event or a content: the
// tables' triggers refuse it whoever asks); an auditor may only read.
void GrantPgDeskAccess(PgConnection& connection, const std::string& role, bool writer);

// Drops the desk's schema when it holds nothing but its first event, under the desk's lock.
// Throws Error(kInvalidInput) "claimledger.store.not_empty" otherwise, removing nothing.
void DropEmptyPgDesk(PgConnection& connection);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_POSTGRES_SCHEMA_H_
