// Checks of the SQLite store's search indexes against the tables they index, for verify()
// (stored_tables.cpp). Each index is read twice, as digests that must be equal: what the
// indexed texts give, and what the index holds (FastRowDigest, hash/row_digest.h: the
// indexes have many rows per claim).
// - claim_lsh, the near-duplicate buckets: LshBuckets (text/min_hash.h) of each claim's text,
//   against the rows stored in claim_lsh and claim_lsh_recent together (a row kept in both
//   counts twice, and so differs);
// - claims_fts and snapshots_fts, the full-text indexes: the tokens of each indexed text (a
//   claim's searchable text, store.h, or in a version-5 file its text alone), as
//   the index's own tokenizer (FTS5's unicode61) reads them, against the tokens the index holds
//   (FTS5's fts5vocab table of its instances); and for snapshots_fts, which keeps its own copy
//   of the texts, that copy against the stored snapshots' bytes (with Chinese and Japanese
//   characters parted: text/words.h);
// - claim_parted_texts, the searchable texts kept for claims_fts's view where characters were
//   parted, against those the claims give.
// The texts are read as the file's schema version reads them: a file of version 5 or 6 opened
// read-only keeps the indexes of its version (sqlite/schema.h).
// All of them read only: verify() holds a read transaction and never takes the write lock.
#ifndef CLAIMLEDGER_STORE_SQLITE_SEARCH_CHECKS_H_
#define CLAIMLEDGER_STORE_SQLITE_SEARCH_CHECKS_H_

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "hash/row_digest.h"
#include "store/sqlite/connection.h"

namespace claimledger {

// One full-text index: its table, and the query of the texts it indexes (rowid, text, the name
// of the row for messages, and a context or NULL) in a range of rowids (?1, ?2).
struct FullTextIndex {
  const char* table;  // "claims_fts"
  const char* what;   // "the full-text index of claim texts", for messages
  // "SELECT rowid, text, 'claim ' || id, context FROM claims WHERE rowid BETWEEN ?1 AND ?2"
  const char* texts;
  const char* all_rowids;  // "SELECT min(rowid), max(rowid) FROM claims"
  // A query giving a row when the index holds the texts' contexts too (SearchableText,
  // store.h), or nullptr: claims_fts does from schema version 6 on (over the view
  // claims_searchable); a version-5 file opened read-only is not upgraded.
  const char* with_contexts;
};
const FullTextIndex& ClaimsFullText();
const FullTextIndex& SnapshotsFullText();

// The term ranges the instances of a full-text index are read in (by first byte), numbered
// 0 .. TermRangeCount() - 1.
int TermRangeCount();

// Adds to `digest` a row per token of each text of `index` with rowid in [first, last]: the
// rowid, the token and its position, as the index's tokenizer reads the text.
void DigestTokensOfTexts(Connection& connection, const FullTextIndex& index, std::int64_t first,
                         std::int64_t last, const RowDigestKey& key, TableDigest& digest);
// Adds to `digest` a row per token instance that `index` holds, for terms in term range `range`.
void DigestTokensKept(Connection& connection, const FullTextIndex& index, int range,
                      const RowDigestKey& key, TableDigest& digest);
// Names (up to 1000) the rows of `index` whose tokens differ from their text's, but for the
// rows named in `explained` (claims whose stored text differs from the events').
void NameTokenProblems(Connection& connection, const FullTextIndex& index,
                       const std::set<std::string>& explained, std::vector<std::string>& problems);

// The near-duplicate buckets (claim_lsh): those the claims with rowid in [first, last] give,
// and the rows kept (in either table) with bucket keys in [first, last].
void DigestBucketsOfTexts(Connection& connection, std::int64_t first, std::int64_t last,
                          const RowDigestKey& key, TableDigest& digest);
void DigestBucketsKept(Connection& connection, std::int64_t first, std::int64_t last,
                       const RowDigestKey& key, TableDigest& digest);
// Names (up to 1000) the claims whose bucket rows differ from those their texts give, but for
// the claims in `explained`.
void NameBucketProblems(Connection& connection, const std::set<std::string>& explained,
                        std::vector<std::string>& problems);

// The texts snapshots_fts keeps against those of the stored snapshots that are UTF-8 text.
void DigestSnapshotTexts(Connection& connection, const RowDigestKey& key, TableDigest& expected,
                         TableDigest& kept);
void NameSnapshotTextProblems(Connection& connection, std::vector<std::string>& problems);

// The texts claim_parted_texts keeps against the searchable texts (store.h) of the claims whose
// Chinese and Japanese characters were parted (none before schema version 7); the problems
// name the claims, but those in `explained`.
void DigestPartedTexts(Connection& connection, const RowDigestKey& key, TableDigest& expected,
                       TableDigest& kept);
void NamePartedTextProblems(Connection& connection, const std::set<std::string>& explained,
                            std::vector<std::string>& problems);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_SEARCH_CHECKS_H_
