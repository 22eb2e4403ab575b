// The SQLite ledger file's tables and their versions: creating a new file, upgrading an older
// one in place, and refusing a file that is not a ledger or is newer than this build.
#ifndef CLAIMLEDGER_STORE_SQLITE_SCHEMA_H_
#define CLAIMLEDGER_STORE_SQLITE_SCHEMA_H_

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "claimledger/model.h"
#include "store/sqlite/connection.h"

namespace claimledger {

// The schema version this build writes and the newest it reads (PRAGMA user_version).
// 1: the first; 2: fewer bytes per claim; 3: snapshots searchable; 4: a claim row names its
// current verdict (verdict_seq), and near-duplicate bucket keys of a cheaper MinHash; 5: the
// Merkle tree over the events (tree_nodes), built for an existing desk by the upgrade; 6: a
// claim's context is searched with its text (claims_fts over the view claims_searchable),
// indexed again for an existing desk by the upgrade; 7: Chinese and Japanese characters are
// words of their own (text/words.h): the claims and snapshots holding them are indexed again,
// and their near-duplicate buckets made again, by the upgrade (claim_parted_texts keeps the
// searchable text of those claims, which the view gives the index); 8: a claim's tags, verdicts
// and event references (claim_refs) name it by its claims row's rowid instead of its text id, so
// that a load writes them at the end of their b-trees; 9: the near-duplicate buckets of the claims
// added since the last move are kept in claim_lsh_recent, a small table, and moved into claim_lsh
// by a large batch now and then (kSearchSchema in schema.cpp); 10: no index of the events'
// hashes (a merge finds an event by its time instead: Store::KnowsEvent); 11: the references of
// events to a source (source_refs) and a claim's claimant name the source by its sources row's
// rowid instead of its text id (the index of claimants then holds small integers). A
// file of version 5 or 6 opened read-only keeps its indexes, and is searched and verified as such;
// one older than 11 opened read-only is read through views that show it as version 11 keeps it
// (the index of hashes an older file keeps is left to it).
inline constexpr int kSchemaVersion = 11;

// What claim_parted_texts keeps for a claim of `text` and `context` (schema version 7): its
// searchable text (store.h) when parting its Chinese and Japanese characters changed it (parting
// only adds bytes), else nothing (the view joins the text and context itself).
std::optional<std::string> PartedSearchableText(const std::string& text,
                                                const std::optional<std::string>& context);

// A claim's claimant is kept by the rowid of its sources row (schema version 11), or by its text
// id when the claim came before the source (merged from another desk) or the file is older.
// SourceIdOf(column) is the text id a claims.claimant `column` names, NULL for a rowid that
// names no source (an edit, which then differs from every row the events give); ClaimantIs is
// the condition that a claims.claimant `column` names source `id` (an SQL expression or
// parameter), either way.
std::string SourceIdOf(const std::string& column);
std::string ClaimantIs(const std::string& column, const std::string& id);
// Every source's text id by the rowid of its row, read at once: for a read that maps many
// claimants (track records, verify's digests), instead of SourceIdOf's lookup a row.
std::unordered_map<std::int64_t, std::string> SourceIdsByRowid(Connection& connection);

// "CLDG": marks a SQLite file as a claimledger ledger (PRAGMA application_id).
inline constexpr int kApplicationId = 0x434C4447;

// Creates the full-text and near-duplicate indexes (and the view the full-text index of claims
// reads): in a new file, and again when a rebuild has dropped them.
void CreateSearchIndexes(Connection& connection);

// Checks the file behind `connection` (named `path` in messages) and, unless `read_only`,
// brings it to kSchemaVersion: a new file gets every table, an older one its upgrades, in one
// transaction. Nothing is written to a file that is not a ledger. Throws Error(kStorage)
// "claimledger.store.not_a_ledger" or ".newer_schema", and Error(kNotFound)
// "claimledger.store.missing" for an empty file when `create` is false.
void OpenSchema(Connection& connection, const std::string& path, bool create, bool read_only);

// For a connection that reads a file older than version 11 without upgrading it (read-only):
// views in its temporary schema show the file as version 11 keeps it (before 8, its text-keyed
// claim rows as version 8 keys them; before 9, no recent near-duplicate buckets; before 11, its
// references to sources as source_refs; its claimants' text ids every read takes as they are),
// so that the store reads and verifies it unchanged.
// Nothing for a file of version 11. (Version 10 only dropped an index.)
void ShowOlderFileAsCurrent(Connection& connection);

// Reads the columns of kEventSelect (store/tables.h) into `event` (assign: a scan reuses one Event,
// and so the strings' memory).
void ReadEvent(const Statement& s, Event* event);

// The tables that keep the near-duplicate buckets, the larger and older first (schema version 9:
// kSearchSchema in schema.cpp).
inline constexpr const char* kBucketTables[] = {"claim_lsh", "claim_lsh_recent"};

// Writes near-duplicate bucket rows (bucket key, claim rowid) into `table`, claim_lsh or
// claim_lsh_recent, sorted first: random-key inserts one by one cost a third of a bulk load.
void WriteBucketRows(Connection& connection, const char* table,
                     std::vector<std::pair<std::int64_t, std::int64_t>>& rows);

// Indexes the text of the snapshot at `rowid` for snapshot search, when its content (already
// stored) is UTF-8 text: other documents, such as PDFs, have no words to index.
void IndexSnapshotText(Connection& connection, std::int64_t rowid, const std::string& hash);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_SCHEMA_H_
