// The SQLite store: the embedded default implementation of Store, and the only file in
// the project that holds SQL. One connection per store, WAL mode, a busy timeout, and
// BEGIN IMMEDIATE for writers so that several processes appending to one file keep one
// linear chain. Projection tables are created in a schema ("main", or an attached
// "replay" database for verify) so the same statements serve both. Verify's first,
// cheaper check replays into DigestScratch instead: per-table digests kept in memory.
#include <sodium.h>
#include <sqlite3.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "claimledger/codec.h"
#include "claimledger/error.h"
#include "claimledger/similarity.h"
#include "claimledger/store.h"
#include "claimledger/text.h"

namespace claimledger {
namespace {

// "CLDG": marks a SQLite file as a claimledger ledger (PRAGMA application_id).
constexpr int kApplicationId = 0x434C4447;

// The tables of the event log and content store (main schema only).
constexpr const char* kLogSchema = R"sql(
CREATE TABLE events(
  seq INTEGER PRIMARY KEY, prev TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX events_at ON events(at);
-- Finds an event by its hash (KnowsEvent) from 16 of its hex digits: a quarter of the
-- bytes of the whole text, which is compared on the row itself.
CREATE INDEX events_hash_prefix ON events(substr(hash, 8, 16));
CREATE TABLE contents(hash TEXT PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID;
)sql";

// The projection tables; "$S." stands for the schema they live in.
constexpr const char* kProjectionSchema = R"sql(
CREATE TABLE $S.event_refs(entity TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(entity, seq)) WITHOUT ROWID;
CREATE TABLE $S.sources(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, url TEXT, affiliation TEXT,
  reliability TEXT, reliability_at TEXT, ref TEXT, attributes TEXT NOT NULL,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE $S.snapshots(
  hash TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, url TEXT, title TEXT,
  publisher TEXT, published TEXT, retrieved TEXT,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
-- A claim's quantities and provenance never change: they are read from its event (seq).
-- `year` is the year it was made (date), else recorded (at), which track records count by.
CREATE TABLE $S.claims(
  id TEXT PRIMARY KEY, text TEXT NOT NULL, claimant TEXT, status TEXT NOT NULL, rating TEXT,
  date TEXT, context TEXT, ref TEXT, status_at TEXT NOT NULL,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, year INTEGER);
CREATE TABLE $S.claim_tags(claim TEXT NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY(claim, tag)) WITHOUT ROWID;
CREATE TABLE $S.appearances(
  claim TEXT NOT NULL, snapshot TEXT NOT NULL, exact TEXT NOT NULL, prefix TEXT NOT NULL,
  suffix TEXT NOT NULL, quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,
  PRIMARY KEY(claim, snapshot, quote_start)) WITHOUT ROWID;
CREATE TABLE $S.evidence(
  id TEXT PRIMARY KEY, claim TEXT NOT NULL, snapshot TEXT NOT NULL, exact TEXT NOT NULL,
  prefix TEXT NOT NULL, suffix TEXT NOT NULL, quote_start INTEGER NOT NULL,
  quote_end INTEGER NOT NULL, stance TEXT NOT NULL, note TEXT, credibility TEXT,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE $S.verdicts(
  seq INTEGER PRIMARY KEY, claim TEXT NOT NULL, rating TEXT NOT NULL, rationale TEXT NOT NULL,
  evidence TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, made_at TEXT NOT NULL,
  from_ledger TEXT);
-- Finds a claim's current verdict (made last) when each verdict is applied, replays too.
CREATE INDEX $S.verdicts_claim ON verdicts(claim, made_at, seq);
CREATE TABLE $S.source_ratings(
  seq INTEGER PRIMARY KEY, source TEXT NOT NULL, grade TEXT NOT NULL, rationale TEXT NOT NULL,
  at TEXT NOT NULL, actor TEXT NOT NULL);
)sql";

// The search indexes of claim texts (live tables only), kept in the same transaction as
// each claim: FTS5 over the claims table's text column, and the MinHash/LSH buckets of
// each claim for near-duplicate matching (similarity.h), keyed by the claim's rowid (as the
// FTS rows are): 16 rows a claim, so each is kept to two integers.
constexpr const char* kSearchSchema = R"sql(
CREATE VIRTUAL TABLE claims_fts USING fts5(
  text, content='claims', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE claim_lsh(bucket INTEGER NOT NULL, claim INTEGER NOT NULL,
  PRIMARY KEY(bucket, claim)) WITHOUT ROWID;
)sql";

// The search index of snapshot texts (live tables only, since schema version 3): FTS5 over
// the text of every snapshot that is UTF-8 text, keyed by the snapshot row's rowid, written
// with the snapshot. It keeps its own copy of the text (the bytes live in `contents`, a
// table without rowids), which snippets are cut from.
constexpr const char* kSnapshotSearchSchema = R"sql(
CREATE VIRTUAL TABLE snapshots_fts USING fts5(
  text, tokenize='unicode61 remove_diacritics 2');
)sql";

// Secondary indexes for queries on the live tables (a replay for verify needs none). Each
// one is used by a query below (EXPLAIN QUERY PLAN); every index costs writes per claim.
constexpr const char* kProjectionIndexes = R"sql(
-- Track records are counted from this index alone.
CREATE INDEX $S.claims_claimant ON claims(claimant, rating, year);
CREATE INDEX $S.claims_ref ON claims(ref) WHERE ref IS NOT NULL;
CREATE INDEX $S.sources_ref ON sources(ref) WHERE ref IS NOT NULL;
CREATE INDEX $S.evidence_claim ON evidence(claim);
-- Re-anchoring asks which quotes rest on a snapshot.
CREATE INDEX $S.evidence_snapshot ON evidence(snapshot);
CREATE INDEX $S.appearances_snapshot ON appearances(snapshot);
CREATE INDEX $S.source_ratings_source ON source_ratings(source, seq);
)sql";

// Each projection table and its primary key columns (which order its rows).
struct ProjectionTable {
  std::string name;
  std::string key;  // comma-separated primary key columns
  int key_columns;
};

const std::vector<ProjectionTable>& ProjectionTables() {
  static const std::vector<ProjectionTable> kTables = {
      {"sources", "id", 1},
      {"snapshots", "hash", 1},
      {"claims", "id", 1},
      {"claim_tags", "claim, tag", 2},
      {"appearances", "claim, snapshot, quote_start", 3},
      {"evidence", "id", 1},
      {"verdicts", "seq", 1},
      {"source_ratings", "seq", 1},
      {"event_refs", "entity, seq", 2}};
  return kTables;
}

std::string WithSchema(const std::string& sql, const std::string& schema) {
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = sql.find("$S.", from)) != std::string::npos; from = at + 3) {
    out.append(sql, from, at - from).append(schema).append(".");
  }
  return out.append(sql, from, std::string::npos);
}

[[noreturn]] void ThrowSqlite(sqlite3* db, int rc, const std::string& what) {
  const std::string message = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_FULL:
      throw Error(Code::kStorage, "claimledger.store.full", message + " (the disk is full)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw Error(Code::kStorage, "claimledger.store.busy",
                  message + " (another process held the ledger longer than the busy timeout)");
    case SQLITE_NOTADB:
      throw Error(Code::kStorage, "claimledger.store.not_a_ledger",
                  message + " (the file is not a claimledger ledger)");
    case SQLITE_READONLY:
      throw Error(Code::kStorage, "claimledger.store.read_only", message);
    default:
      throw Error(Code::kStorage, "claimledger.store.io", message);
  }
}

// A prepared statement, reset when the Statement goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, const std::string& text) {
    Check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                            SQLITE_TRANSIENT));
    return *this;
  }
  Statement& Bind(int index, std::string_view text) { return Bind(index, std::string(text)); }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string(text)); }
  Statement& Bind(int index, std::int64_t value) {
    Check(sqlite3_bind_int64(stmt_, index, value));
    return *this;
  }
  Statement& Bind(int index, const std::optional<std::string>& text) {
    if (text) return Bind(index, *text);
    Check(sqlite3_bind_null(stmt_, index));
    return *this;
  }
  Statement& BindBlob(int index, std::string_view bytes) {
    Check(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
  }

  // Steps once; true when a row is ready.
  bool Step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    ThrowSqlite(db_, rc, "SQLite statement failed");
  }
  void Run() {
    while (Step()) {
    }
  }
  // Makes the statement ready to run again (keeping its bindings until they are rebound).
  void Reset() { sqlite3_reset(stmt_); }

  std::string Text(int column) const {
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return text ? std::string(text, sqlite3_column_bytes(stmt_, column)) : std::string();
  }
  // The column's bytes as they are in the row (text or blob; empty for NULL), valid until
  // the next Step. Read through sqlite3_column_value, one call to the connection instead of
  // two: a scan reads millions of columns, and a statement is used by one thread only.
  std::string_view View(int column) const { return ViewOf(sqlite3_column_value(stmt_, column)); }
  static std::string_view ViewOf(sqlite3_value* value) {
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(value));
    return bytes ? std::string_view(bytes, sqlite3_value_bytes(value)) : std::string_view();
  }
  std::optional<std::string> OptionalText(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    return Text(column);
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  int ColumnCount() const { return sqlite3_column_count(stmt_); }
  sqlite3_stmt* raw() const { return stmt_; }

  // Orders column values as SQLite does with the BINARY collation: NULL, then numbers,
  // then text, then blobs; numbers by value, text and blobs bytewise.
  static int Compare(const Statement& a, int column_a, const Statement& b, int column_b) {
    const auto rank = [](int type) {
      return type == SQLITE_NULL ? 0 : type == SQLITE_TEXT ? 2 : type == SQLITE_BLOB ? 3 : 1;
    };
    const int type_a = sqlite3_column_type(a.stmt_, column_a);
    const int type_b = sqlite3_column_type(b.stmt_, column_b);
    if (rank(type_a) != rank(type_b)) return rank(type_a) < rank(type_b) ? -1 : 1;
    if (rank(type_a) == 0) return 0;
    if (rank(type_a) == 1) {
      const double x = sqlite3_column_double(a.stmt_, column_a);
      const double y = sqlite3_column_double(b.stmt_, column_b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    const std::string_view x = a.View(column_a), y = b.View(column_b);
    return x.compare(y) < 0 ? -1 : x.compare(y) > 0 ? 1 : 0;
  }

 private:
  void Check(int rc) {
    if (rc != SQLITE_OK) ThrowSqlite(db_, rc, "SQLite bind failed");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// The connection and its cache of prepared statements, shared by a store and its scratch.
struct Connection {
  sqlite3* db = nullptr;
  std::map<std::string, sqlite3_stmt*> statements;
  ~Connection() {
    for (auto& entry : statements) sqlite3_finalize(entry.second);
    sqlite3_close_v2(db);
  }
  void Exec(const std::string& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      const std::string text = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      ThrowSqlite(nullptr, rc, "SQLite failed: " + text);
    }
  }
  Statement Prepare(const std::string& sql) {
    auto found = statements.find(sql);
    if (found == statements.end()) {
      sqlite3_stmt* stmt = nullptr;
      const int rc =
          sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) ThrowSqlite(db, rc, "SQLite prepare failed");
      found = statements.emplace(sql, stmt).first;
    }
    return Statement(db, found->second);
  }
  // Finalizes these statements (those of a scratch schema about to be detached).
  void Forget(const std::unordered_map<std::string, sqlite3_stmt*>& owned) {
    for (const auto& entry : owned) {
      for (auto it = statements.begin(); it != statements.end(); ++it) {
        if (it->second == entry.second) {
          sqlite3_finalize(it->second);
          statements.erase(it);
          break;
        }
      }
    }
  }
  int PragmaInt(const std::string& pragma) {
    Statement statement = Prepare("PRAGMA " + pragma);
    return statement.Step() ? static_cast<int>(statement.Int(0)) : 0;
  }
};

nlohmann::json ParseJsonColumn(const std::string& text) { return nlohmann::json::parse(text); }

// --- verification: digests of the projection tables ------------------------------------

// The columns of each projection table as its digest covers them. A row's digest is the
// keyed hash of `columns`, plus, for tables with columns that later events update
// (`updated`, its key first), the keyed hash of those: a replay can then digest a row
// when it is written and keep only the updated columns until the end.
struct DigestLayout {
  const char* table;
  const char* columns;
  const char* updated;  // "" when no event updates the table's rows
  bool rowid;           // false for a WITHOUT ROWID table (digested whole, never in ranges)
};

// The projection tables, in the order of DigestLayouts().
enum DigestTable {
  kSources,
  kSnapshots,
  kClaims,
  kClaimTags,
  kAppearances,
  kEvidence,
  kVerdicts,
  kSourceRatings,
  kEventRefs,
  kDigestTables
};

const std::vector<DigestLayout>& DigestLayouts() {
  static const std::vector<DigestLayout> kLayouts = {
      {"sources", "id, name, kind, url, affiliation, ref, attributes, seq, at, actor",
       "id, reliability, reliability_at", true},
      {"snapshots",
       "hash, sha256, size, url, title, publisher, published, retrieved, seq, at, actor", "", true},
      {"claims", "id, text, claimant, date, context, ref, year, seq, at, actor",
       "id, status, rating, status_at", true},
      {"claim_tags", "claim, tag", "", false},
      {"appearances", "claim, snapshot, exact, prefix, suffix, quote_start, quote_end", "", false},
      {"evidence",
       "id, claim, snapshot, exact, prefix, suffix, quote_start, quote_end, stance, note, "
       "credibility, seq, at, actor",
       "", true},
      {"verdicts", "seq, claim, rating, rationale, evidence, at, actor, made_at, from_ledger", "",
       true},
      {"source_ratings", "seq, source, grade, rationale, at, actor", "", true},
      {"event_refs", "entity, seq", "", false}};
  return kLayouts;
}

// An order-independent digest of a table: the sum (two 64-bit lanes) of a keyed 128-bit
// hash (SipHash-2-4-128) of each row, and the row count. The key is drawn at random for
// each verification, so nobody can prepare edited rows whose hashes make up the same sum.
struct TableDigest {
  std::uint64_t sum[2] = {0, 0};
  std::int64_t rows = 0;
  bool operator==(const TableDigest& other) const {
    return sum[0] == other.sum[0] && sum[1] == other.sum[1] && rows == other.rows;
  }
  // The digest of both tables' rows together (digests of parts of a table add up).
  TableDigest& operator+=(const TableDigest& other) {
    sum[0] += other.sum[0];
    sum[1] += other.sum[1];
    rows += other.rows;
    return *this;
  }
  // The digest without the rows of `other` (the sums wrap around, so this undoes +=).
  TableDigest& operator-=(const TableDigest& other) {
    sum[0] -= other.sum[0];
    sum[1] -= other.sum[1];
    rows -= other.rows;
    return *this;
  }
};

// Encodes one row's values (type tag, then the value; texts with their length) and adds
// its keyed hash to a TableDigest.
class RowHasher {
 public:
  explicit RowHasher(const unsigned char* key) : key_(key) {}

  RowHasher& Part(char part) {
    buffer_.clear();
    buffer_.push_back(part);
    return *this;
  }
  RowHasher& Null() {
    buffer_.push_back('n');
    return *this;
  }
  RowHasher& Int(std::int64_t value) {
    buffer_.push_back('i');
    return Varint(static_cast<std::uint64_t>(value));
  }
  RowHasher& Text(std::string_view text) {
    buffer_.push_back('t');
    return Bytes(text);
  }
  RowHasher& Text(const std::string& text) { return Text(std::string_view(text)); }
  RowHasher& Text(const std::optional<std::string>& text) { return text ? Text(*text) : Null(); }
  // A value of another SQLite type (real, blob): never written by a replay.
  RowHasher& Other(char type, std::string_view bytes) {
    buffer_.push_back(type);
    return Bytes(bytes);
  }
  // Adds the value of column `column` of the current row of `statement`.
  RowHasher& Column(const Statement& statement, int column) {
    sqlite3_value* value = sqlite3_column_value(statement.raw(), column);  // see View()
    const int type = sqlite3_value_type(value);
    switch (type) {
      case SQLITE_NULL:
        return Null();
      case SQLITE_INTEGER:
        return Int(sqlite3_value_int64(value));
      case SQLITE_FLOAT: {
        const double number = sqlite3_value_double(value);
        return Other('r', std::string_view(reinterpret_cast<const char*>(&number), sizeof number));
      }
      default:
        return type == SQLITE_TEXT ? Text(Statement::ViewOf(value))
                                   : Other('b', Statement::ViewOf(value));
    }
  }
  void AddTo(TableDigest& digest) const { digest += RowDigest(); }
  // Takes back a row added before.
  void RemoveFrom(TableDigest& digest) const { digest -= RowDigest(); }

 private:
  // The digest of the one row encoded: its keyed hash, counted once.
  TableDigest RowDigest() const {
    TableDigest row;
    crypto_shorthash_siphashx24(reinterpret_cast<unsigned char*>(row.sum),
                                reinterpret_cast<const unsigned char*>(buffer_.data()),
                                buffer_.size(), key_);
    row.rows = 1;
    return row;
  }
  RowHasher& Raw(const void* bytes, std::size_t size) {
    buffer_.append(static_cast<const char*>(bytes), size);
    return *this;
  }
  // Seven bits a byte, low first, the high bit set on all but the last: self-delimiting, so
  // a row's encoding stays unambiguous, and short (most lengths and seqs take 1 to 3 bytes
  // instead of 8, and the keyed hash costs by the byte).
  RowHasher& Varint(std::uint64_t value) {
    for (; value >= 0x80; value >>= 7) buffer_.push_back(static_cast<char>(value | 0x80));
    buffer_.push_back(static_cast<char>(value));
    return *this;
  }
  RowHasher& Bytes(std::string_view bytes) {
    return Varint(bytes.size()).Raw(bytes.data(), bytes.size());
  }
  const unsigned char* key_;
  std::string buffer_;
};

// A claim's `year` column, from its date, else the time it was recorded: the integer that
// the first four characters start with (0 when none). The same as SQLite's
// CAST(substr(coalesce(date, at), 1, 4) AS INTEGER), which the version-2 upgrade uses.
std::int64_t ClaimYear(std::string_view date_or_at) {
  std::string_view head = date_or_at.substr(0, 4);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\t')) head.remove_prefix(1);
  const bool negative = !head.empty() && head.front() == '-';
  if (!head.empty() && (head.front() == '-' || head.front() == '+')) head.remove_prefix(1);
  std::int64_t year = 0;
  for (char c : head) {
    if (c < '0' || c > '9') break;
    year = year * 10 + (c - '0');
  }
  return negative ? -year : year;
}

using TableDigests = std::array<TableDigest, kDigestTables>;

// The SELECT that reads a table's rows for its digest: `columns`, then `updated` (whose
// first column repeats the key).
std::string DigestSelect(const DigestLayout& layout, const std::string& schema) {
  const std::string updated = *layout.updated ? std::string(", ") + layout.updated : "";
  return WithSchema(std::string("SELECT ") + layout.columns + updated + " FROM $S." + layout.table,
                    schema);
}

// The pieces a table with rowids is digested in (StoredPiecesOf): small enough for two
// threads to end together, and a table of any size is cut (so every verify crosses them).
constexpr std::int64_t kPiecesPerTable = 32;

// The projection tables of `schema` in pieces for DigestStoredPiece: each WITHOUT ROWID
// table whole (first), then each other table in kPiecesPerTable ranges of rowids (fewer
// when it spans fewer rowids). Throws when a table has a column that DigestLayouts() does
// not cover.
std::vector<StoredPiece> StoredPiecesOf(Connection& connection, const std::string& schema) {
  std::vector<StoredPiece> whole, ranges;
  for (int table = 0; table < kDigestTables; ++table) {
    const DigestLayout& layout = DigestLayouts()[table];
    const int columns = connection.Prepare(DigestSelect(layout, schema)).ColumnCount();
    // The updated columns repeat the key, so it is counted twice.
    const int distinct = *layout.updated ? columns - 1 : columns;
    if (distinct !=
        connection.Prepare(WithSchema(std::string("SELECT * FROM $S.") + layout.table, schema))
            .ColumnCount()) {
      // A column added to the schema but not to DigestLayouts() would go unchecked.
      throw Error(
          Code::kStorage, "claimledger.store.digest_layout",
          std::string("the digest of table ") + layout.table + " does not cover all its columns");
    }
    if (!layout.rowid) {
      whole.push_back({table, true, 0, 0});
      continue;
    }
    // Each bound in a query of its own, which SQLite answers from the ends of the b-tree
    // (min and max in one SELECT would read every row).
    const std::string from = std::string(" FROM $S.") + layout.table;
    Statement bounds = connection.Prepare(WithSchema(
        "SELECT (SELECT min(rowid)" + from + "), (SELECT max(rowid)" + from + ")", schema));
    if (!bounds.Step() || sqlite3_column_type(bounds.raw(), 0) == SQLITE_NULL) continue;
    const std::int64_t low = bounds.Int(0), high = bounds.Int(1);
    // Rowids are 64-bit and may be anywhere in that range: the arithmetic avoids overflow.
    const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
    const std::uint64_t step = span / kPiecesPerTable + 1;
    for (std::uint64_t offset = 0;; offset += step) {
      const auto first = static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset);
      if (span - offset < step) {
        ranges.push_back({table, false, first, high});
        break;
      }
      ranges.push_back({table, false, first, first + static_cast<std::int64_t>(step) - 1});
    }
  }
  whole.insert(whole.end(), ranges.begin(), ranges.end());
  return whole;
}

// Adds to `digests` the digests of `piece` of the tables of `schema`, as DigestScratch
// digests a replay of them, with the same key.
void DigestStoredPiece(Connection& connection, const std::string& schema, const unsigned char* key,
                       const StoredPiece& piece, TableDigests& digests) {
  const DigestLayout& layout = DigestLayouts()[piece.table];
  Statement rows = connection.Prepare(DigestSelect(layout, schema) +
                                      (piece.whole_table ? "" : " WHERE rowid BETWEEN ?1 AND ?2"));
  if (!piece.whole_table) rows.Bind(1, piece.first).Bind(2, piece.last);
  const int columns = rows.ColumnCount();
  // The updated columns come last.
  const std::string_view updated = layout.updated;
  const int first_updated =
      updated.empty()
          ? columns
          : columns - 1 - static_cast<int>(std::count(updated.begin(), updated.end(), ','));
  RowHasher hasher(key);
  TableDigest& stored = digests[piece.table];
  while (rows.Step()) {
    hasher.Part('r');
    for (int c = 0; c < first_updated; ++c) hasher.Column(rows, c);
    hasher.AddTo(stored);
    if (first_updated == columns) continue;
    hasher.Part('u');
    for (int c = first_updated; c < columns; ++c) hasher.Column(rows, c);
    hasher.AddTo(stored);
  }
}

// The digests of every projection table of `schema`, in one thread.
TableDigests DigestStoredTables(Connection& connection, const std::string& schema,
                                const unsigned char* key) {
  TableDigests digests;
  for (const StoredPiece& piece : StoredPiecesOf(connection, schema)) {
    DigestStoredPiece(connection, schema, key, piece, digests);
  }
  return digests;
}

// The claims a digest replay has put, by id, with the columns that later events update.
// A ledger can hold millions of claims and most are never updated, so the columns a claim
// was put with sit in one arena of text, found through an open-addressing index keyed by a
// seeded hash of the id; a claim gets a Columns record of its own when first updated.
class ReplayedClaims {
 public:
  struct Columns {
    std::string status, status_at;
    std::optional<std::string> rating;
  };

  explicit ReplayedClaims(std::uint64_t seed) : seed_(seed) {}

  // Starts fetching the slot of claim `id` from memory, for an Add soon after; returns the
  // hash of `id` that Add takes.
  std::uint64_t Prefetch(std::string_view id) const {
    const std::uint64_t hash = XXH3_64bits_withSeed(id.data(), id.size(), seed_);
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
    return hash;
  }
  // Adds claim `id` (`hash` from Prefetch(id)) with its first columns; false when a claim
  // with that id is there.
  bool Add(std::string_view id, std::uint64_t hash, std::string_view status,
           std::string_view status_at, const std::optional<std::string>& rating) {
    if (entries_.size() + 1 >= (std::uint64_t{1} << 32)) {
      throw Error(Code::kStorage, "claimledger.store.too_many_claims",
                  "a verification keeps at most 2^32 - 1 claims in memory");
    }
    if (2 * (entries_.size() + 1) > slots_.size()) Grow();
    const std::size_t slot = Probe(id, hash);
    if (slots_[slot] != 0) return false;
    Entry entry{hash,
                arena_.size(),
                id.size(),
                status.size(),
                status_at.size(),
                rating ? rating->size() : 0,
                rating.has_value(),
                kNone};
    arena_.append(id).append(status).append(status_at);
    if (rating) arena_.append(*rating);
    entries_.push_back(entry);
    slots_[slot] = SlotValue(hash, entries_.size() - 1);
    return true;
  }

  bool Contains(std::string_view id) const {
    return !slots_.empty() &&
           slots_[Probe(id, XXH3_64bits_withSeed(id.data(), id.size(), seed_))] != 0;
  }
  // Calls `visit` with the id of every claim.
  template <typename Visit>
  void ForEachId(Visit visit) const {
    for (const Entry& entry : entries_)
      visit(std::string_view(arena_).substr(entry.offset, entry.id_size));
  }

  // The columns of claim `id`, to read or update; nullptr when there is no such claim.
  Columns* Find(std::string_view id) {
    if (slots_.empty()) return nullptr;
    const std::uint64_t value =
        slots_[Probe(id, XXH3_64bits_withSeed(id.data(), id.size(), seed_))];
    if (value == 0) return nullptr;
    Entry& entry = entries_[EntryOf(value)];
    if (entry.updated == kNone) {
      const auto text = [&](std::size_t from, std::size_t size) {
        return std::string(arena_, entry.offset + from, size);
      };
      Columns columns{text(entry.id_size, entry.status_size),
                      text(entry.id_size + entry.status_size, entry.status_at_size), std::nullopt};
      if (entry.has_rating) {
        columns.rating =
            text(entry.id_size + entry.status_size + entry.status_at_size, entry.rating_size);
      }
      entry.updated = updated_.size();
      updated_.push_back(std::move(columns));
    }
    return &updated_[entry.updated];
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Entry {
    std::uint64_t hash;
    std::size_t offset;  // the id, then the columns, in arena_
    std::size_t id_size, status_size, status_at_size, rating_size;
    bool has_rating;
    std::size_t updated;  // its Columns in updated_, or kNone
  };

  // A slot holds the high half of its claim's hash and its entry's index + 1, so that a
  // probe reads an entry (elsewhere in memory) only when the halves match; 0 when empty.
  static constexpr std::uint64_t kHashHalf = 0xffffffff00000000u;
  static std::uint64_t SlotValue(std::uint64_t hash, std::size_t index) {
    return (hash & kHashHalf) | (index + 1);
  }
  static std::size_t EntryOf(std::uint64_t value) { return (value & ~kHashHalf) - 1; }

  // The slot holding claim `id`, else the empty slot where it would go.
  // REQUIRES: slots_ is not empty.
  std::size_t Probe(std::string_view id, std::uint64_t hash) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = hash & mask;
    for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
      if ((slots_[slot] & kHashHalf) != (hash & kHashHalf)) continue;
      const Entry& entry = entries_[EntryOf(slots_[slot])];
      if (entry.hash == hash &&
          std::string_view(arena_).substr(entry.offset, entry.id_size) == id) {
        break;
      }
    }
    return slot;
  }
  void Grow() {
    slots_.assign(std::max<std::size_t>(1024, 2 * slots_.size()), 0);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t index = 0; index < entries_.size(); ++index) {
      std::size_t slot = entries_[index].hash & mask;
      while (slots_[slot] != 0) slot = (slot + 1) & mask;
      slots_[slot] = SlotValue(entries_[index].hash, index);
    }
  }

  std::uint64_t seed_;
  std::string arena_;
  std::vector<Entry> entries_;  // fewer than 2^32: a slot keeps 32 bits of the index
  std::vector<std::uint64_t> slots_;
  std::vector<Columns> updated_;
};

// The kDigests scratch: replays the events into table digests, keeping in memory only
// what later events read or update (the updated columns of sources and claims, the best
// verdict of each claim, the keys that must stay unique). Each method writes what the
// SqliteStore method of the same name writes, and fails where it fails (a duplicate
// primary key); DigestLayouts() lists the columns in the order hashed here.
class DigestScratch final : public ProjectionWriter {
 public:
  DigestScratch() : hasher_(key_), claims_(RandomSeed()) { randombytes_buf(key_, sizeof key_); }
  // A replay of the events after a split point, beside `first`'s replay of those up to it:
  // the same key, and the updates of claims and sources it does not hold put off.
  static std::unique_ptr<DigestScratch> AfterSplit(const DigestScratch& first) {
    auto later = std::make_unique<DigestScratch>();
    std::memcpy(later->key_, first.key_, sizeof later->key_);
    later->later_ = true;
    return later;
  }

  void PutSource(const Source& s) override {
    if (!sources_.try_emplace(s.id, SourceUpdates{s.reliability, std::nullopt}).second) {
      Duplicate("sources.id");
    }
    hasher_.Part('r').Text(s.id).Text(s.name).Text(s.kind).Text(s.url).Text(s.affiliation);
    hasher_.Text(s.ref).Text(CanonicalJson(s.attributes));
    HashOrigin(s.origin).AddTo(digests_[kSources]);
  }
  void PutSnapshot(const Snapshot& s) override {
    if (!snapshots_.insert(s.hash).second) Duplicate("snapshots.hash");
    hasher_.Part('r').Text(s.hash).Text(s.sha256).Int(s.size).Text(s.url).Text(s.title);
    hasher_.Text(s.publisher).Text(s.published).Text(s.retrieved);
    HashOrigin(s.origin).AddTo(digests_[kSnapshots]);
  }
  void PutClaim(const Claim& c) override {
    // The claim's slot in claims_ is fetched from memory while its row is encoded.
    const std::uint64_t id_hash = claims_.Prefetch(c.id);
    hasher_.Part('r').Text(c.id).Text(c.text).Text(c.claimant).Text(c.date).Text(c.context);
    hasher_.Text(c.ref).Int(ClaimYear(c.date ? *c.date : c.origin.at));
    RowHasher& row = HashOrigin(c.origin);
    const auto rating = c.verdict ? std::optional<std::string>(c.verdict->rating) : std::nullopt;
    if (!claims_.Add(c.id, id_hash, c.status, c.origin.made_at, rating)) Duplicate("claims.id");
    row.AddTo(digests_[kClaims]);
    HashUpdated(c.id, c.status, rating, c.origin.made_at).AddTo(digests_[kClaims]);
    // INSERT OR IGNORE: a repeated tag or quote position is written once.
    for (auto tag = c.tags.begin(); tag != c.tags.end(); ++tag) {
      if (std::find(c.tags.begin(), tag, *tag) == tag) {
        hasher_.Part('r').Text(c.id).Text(*tag).AddTo(digests_[kClaimTags]);
      }
    }
    for (auto quote = c.appearances.begin(); quote != c.appearances.end(); ++quote) {
      if (std::none_of(c.appearances.begin(), quote, [&](const Quote& earlier) {
            return earlier.snapshot == quote->snapshot && earlier.start == quote->start;
          })) {
        HashQuote(hasher_.Part('r').Text(c.id), *quote).AddTo(digests_[kAppearances]);
      }
    }
  }
  void PutEvidence(const Evidence& e) override {
    if (!evidence_.insert(e.id).second) Duplicate("evidence.id");
    HashQuote(hasher_.Part('r').Text(e.id).Text(e.claim), e.quote);
    hasher_.Text(e.stance).Text(e.note).Text(e.credibility);
    HashOrigin(e.origin).AddTo(digests_[kEvidence]);
  }
  void AddVerdict(const Verdict& v) override {
    // Events are replayed in increasing seq order, so increasing keys are unique keys.
    if (last_verdict_seq_ && v.origin.seq <= *last_verdict_seq_) Duplicate("verdicts.seq");
    last_verdict_seq_ = v.origin.seq;
    hasher_.Part('r').Int(v.origin.seq).Text(v.claim).Text(v.rating).Text(v.rationale);
    hasher_.Text(CanonicalJson(v.evidence)).Text(v.origin.at).Text(v.origin.actor);
    hasher_.Text(v.origin.made_at).Text(v.origin.from_ledger).AddTo(digests_[kVerdicts]);
    if (Defer(Deferred::kVerdict, v.claim, v.origin.made_at, v.origin.seq, v.rating)) return;
    RateClaim(v.claim, v.origin.made_at, v.origin.seq, v.rating);
  }
  void SetClaimStatus(const std::string& claim, const std::string& status,
                      const std::string& made_at) override {
    if (Defer(Deferred::kStatus, claim, made_at, 0, status)) return;
    UpdateClaim(claim, [&](ReplayedClaims::Columns& columns) {
      if (columns.status_at <= made_at) {
        columns.status = status;
        columns.status_at = made_at;
      }
    });
  }
  void AddSourceRating(const SourceRating& r) override {
    if (last_rating_seq_ && r.origin.seq <= *last_rating_seq_) {
      Duplicate("source_ratings.seq");
    }
    last_rating_seq_ = r.origin.seq;
    hasher_.Part('r').Int(r.origin.seq).Text(r.source).Text(r.grade).Text(r.rationale);
    hasher_.Text(r.origin.at).Text(r.origin.actor).AddTo(digests_[kSourceRatings]);
    if (Defer(Deferred::kReliability, r.source, r.origin.made_at, 0, r.grade)) return;
    SetReliability(r.source, r.origin.made_at, r.grade);
  }
  void AddEventRef(const std::string& entity, std::int64_t seq) override {
    // INSERT OR IGNORE: the refs of one event come together (events are replayed one at
    // a time), so a repeated (entity, seq) can only be among those of the current event.
    if (seq != refs_seq_) refs_used_ = 0;  // the strings keep their memory for the next
    refs_seq_ = seq;
    const auto used = refs_.begin() + static_cast<std::ptrdiff_t>(refs_used_);
    if (std::find(refs_.begin(), used, entity) != used) return;
    if (refs_used_ == refs_.size()) refs_.emplace_back();
    refs_[refs_used_++].assign(entity);
    hasher_.Part('r').Text(entity).Int(seq).AddTo(digests_[kEventRefs]);
  }

  // The digest of each table (adds the updated columns of sources; those of claims are
  // in the sums already).
  std::array<TableDigest, kDigestTables> Digests() {
    std::array<TableDigest, kDigestTables> digests = digests_;
    for (const auto& [id, row] : sources_) {
      hasher_.Part('u').Text(id).Text(row.reliability).Text(row.reliability_at);
      hasher_.AddTo(digests[kSources]);
    }
    return digests;
  }
  const unsigned char* key() const { return key_; }

  // Adds this replay of the events after a split (made by AfterSplit) to
  // `first`, the replay of those up to it, and applies to `first` the updates of claims and
  // sources put off here, in order. False, with `first` unchanged, when that would not give
  // what one replay gives: an id put on both sides (a repeated key, which a replay in one
  // piece names), or an update put off here of an entity this replay put after it.
  bool MergeInto(DigestScratch& first) {
    if (!later_) return false;
    const auto shared = [](const auto& later, const auto& earlier) {
      return std::any_of(later.begin(), later.end(),
                         [&](const auto& item) { return earlier.count(KeyOf(item)) > 0; });
    };
    bool claims_shared = false;
    claims_.ForEachId([&](std::string_view id) { claims_shared |= first.claims_.Contains(id); });
    if (claims_shared || shared(sources_, first.sources_) ||
        shared(best_verdicts_, first.best_verdicts_) || shared(snapshots_, first.snapshots_) ||
        shared(evidence_, first.evidence_)) {
      return false;
    }
    // An update put off here, of an entity this replay put after it: in one replay it
    // would have found nothing, yet counted for that claim's later verdicts.
    for (const Deferred& update : deferred_) {
      if (claims_.Contains(update.id) || best_verdicts_.count(update.id) > 0 ||
          sources_.count(update.id) > 0) {
        return false;
      }
    }
    for (int table = 0; table < kDigestTables; ++table) {
      first.digests_[table] += digests_[table];
    }
    first.sources_.merge(sources_);  // their updated columns go into Digests()
    if (last_verdict_seq_) first.last_verdict_seq_ = last_verdict_seq_;
    if (last_rating_seq_) first.last_rating_seq_ = last_rating_seq_;
    // The updates of earlier claims and sources, in the order of their events.
    for (const Deferred& update : deferred_) {
      switch (update.kind) {
        case Deferred::kVerdict:
          first.RateClaim(update.id, update.made_at, update.seq, update.value);
          break;
        case Deferred::kStatus:
          first.SetClaimStatus(update.id, update.value, update.made_at);
          break;
        case Deferred::kReliability:
          first.SetReliability(update.id, update.made_at, update.value);
          break;
      }
    }
    return true;
  }

  // The digests of the stored tables, as far as they were taken beforehand
  // (Store::DigestStoredPiece, possibly on stores reading the same snapshot on other
  // threads, into this replay or a later one merged into it); nothing when none were.
  std::optional<TableDigests>& stored() { return stored_; }
  // Adds the stored digests taken into `other` to those of this replay.
  void AddStored(const DigestScratch& other) {
    if (!other.stored_) return;
    if (!stored_) stored_.emplace();
    for (int table = 0; table < kDigestTables; ++table) {
      (*stored_)[table] += (*other.stored_)[table];
    }
  }

 private:
  // The columns that later events update.
  struct SourceUpdates {
    std::optional<std::string> reliability, reliability_at;
  };
  struct Deferred {
    enum Kind { kVerdict, kStatus, kReliability } kind;
    std::string id, made_at;
    std::int64_t seq;   // of a verdict
    std::string value;  // the rating, status or grade
  };
  struct BestVerdict {
    std::string made_at;
    std::int64_t seq = 0;
    std::string rating;
  };

  [[noreturn]] static void Duplicate(const char* key) {
    throw Error(Code::kStorage, "claimledger.store.io",
                std::string("SQLite statement failed: UNIQUE constraint failed: ") + key);
  }
  // The key of an element of a set of ids, or of a map by id.
  static const std::string& KeyOf(const std::string& id) { return id; }
  template <typename Value>
  static const std::string& KeyOf(const std::pair<const std::string, Value>& item) {
    return item.first;
  }
  static std::uint64_t RandomSeed() {
    std::uint64_t seed;
    randombytes_buf(&seed, sizeof seed);
    return seed;
  }
  // The columns of a claim that later events update, as the stored side hashes them.
  RowHasher& HashUpdated(std::string_view id, std::string_view status,
                         const std::optional<std::string>& rating, std::string_view status_at) {
    return hasher_.Part('u').Text(id).Text(status).Text(rating).Text(status_at);
  }
  RowHasher& HashUpdated(std::string_view id, const ReplayedClaims::Columns& columns) {
    return HashUpdated(id, columns.status, columns.rating, columns.status_at);
  }
  // In a replay after a split, puts off an update of a claim or source that this replay
  // does not hold (MergeInto applies it to the replay before the split). True when put off.
  bool Defer(Deferred::Kind kind, const std::string& id, const std::string& made_at,
             std::int64_t seq, const std::string& value) {
    if (!later_) return false;  // (the main replay: no look-up on this hot path)
    const bool held =
        kind == Deferred::kReliability ? sources_.count(id) > 0 : claims_.Contains(id);
    if (held) return false;
    deferred_.push_back({kind, id, made_at, seq, value});
    return true;
  }
  // The claim's rating is that of its verdict made last (made_at, then seq).
  void RateClaim(const std::string& claim, const std::string& made_at, std::int64_t seq,
                 const std::string& rating) {
    auto [best, added] = best_verdicts_.try_emplace(claim);
    if (added || std::tie(best->second.made_at, best->second.seq) < std::tie(made_at, seq)) {
      best->second = {made_at, seq, rating};
    }
    const std::string& current = best->second.rating;  // (a lambda cannot take `best`)
    UpdateClaim(claim, [&](ReplayedClaims::Columns& columns) { columns.rating = current; });
  }
  // A source's reliability is its rating made last.
  void SetReliability(const std::string& source, const std::string& made_at,
                      const std::string& grade) {
    const auto found = sources_.find(source);
    if (found != sources_.end() &&
        (!found->second.reliability_at || *found->second.reliability_at <= made_at)) {
      found->second.reliability = grade;
      found->second.reliability_at = made_at;
    }
  }
  // Applies `change` to the columns of claim `id` (when there is one), keeping the claims'
  // digest that of their current columns.
  template <typename Change>
  void UpdateClaim(std::string_view id, Change change) {
    ReplayedClaims::Columns* columns = claims_.Find(id);
    if (!columns) return;
    HashUpdated(id, *columns).RemoveFrom(digests_[kClaims]);
    change(*columns);
    HashUpdated(id, *columns).AddTo(digests_[kClaims]);
  }
  RowHasher& HashOrigin(const Origin& origin) {
    return hasher_.Int(origin.seq).Text(origin.at).Text(origin.actor);
  }
  static RowHasher& HashQuote(RowHasher& hasher, const Quote& quote) {
    hasher.Text(quote.snapshot).Text(quote.exact).Text(quote.prefix).Text(quote.suffix);
    return hasher.Int(static_cast<std::int64_t>(quote.start))
        .Int(static_cast<std::int64_t>(quote.end));
  }

  unsigned char key_[crypto_shorthash_siphashx24_KEYBYTES] = {};
  RowHasher hasher_;
  std::array<TableDigest, kDigestTables> digests_;
  std::unordered_map<std::string, SourceUpdates> sources_;
  ReplayedClaims claims_;
  std::unordered_map<std::string, BestVerdict> best_verdicts_;
  std::unordered_set<std::string> snapshots_, evidence_;
  std::optional<std::int64_t> last_verdict_seq_, last_rating_seq_;
  std::int64_t refs_seq_ = 0;
  std::vector<std::string> refs_;  // the first refs_used_ are those of event refs_seq_
  std::size_t refs_used_ = 0;
  std::optional<TableDigests> stored_;
  bool later_ = false;  // a replay of the events after a split point
  // ... and the updates it put off: of claims and sources it does not hold, which may be
  // from before the split (in the order of their events).
  std::vector<Deferred> deferred_;
};

class SqliteStore final : public Store {
 public:
  SqliteStore(std::shared_ptr<Connection> connection, std::string schema)
      : connection_(std::move(connection)), schema_(std::move(schema)) {}

  ~SqliteStore() override {
    if (schema_ != "main") {
      connection_->Forget(statements_);
      try {
        connection_->Exec("DETACH DATABASE " + schema_);
      } catch (const Error&) {
        // A scratch database that cannot be detached is dropped with the connection.
      }
    }
  }

  // --- transactions -------------------------------------------------------------------
  void BeginWrite() override { connection_->Exec("BEGIN IMMEDIATE"); }
  void BeginRead() override { connection_->Exec("BEGIN DEFERRED"); }
  void Commit() override {
    WritePendingBuckets();
    connection_->Exec("COMMIT");
  }
  void Rollback() noexcept override {
    pending_buckets_.clear();
    if (!sqlite3_get_autocommit(connection_->db)) {
      sqlite3_exec(connection_->db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
  }

  // --- events -------------------------------------------------------------------------
  std::optional<Event> LastEvent() override {
    return OneEvent(
        "SELECT seq, prev, type, at, actor, data, hash FROM events "
        "ORDER BY seq DESC LIMIT 1",
        std::nullopt);
  }
  std::optional<Event> EventAt(std::int64_t seq) override {
    return OneEvent("SELECT seq, prev, type, at, actor, data, hash FROM events WHERE seq = ?1",
                    seq);
  }
  std::int64_t EventCount() override {
    Statement statement = connection_->Prepare("SELECT count(*) FROM events");
    statement.Step();
    return statement.Int(0);
  }
  std::int64_t LastSeqAt(const std::string& time) override {
    Statement statement =
        connection_->Prepare("SELECT coalesce(max(seq), 0) FROM events WHERE at <= ?1");
    statement.Bind(1, time).Step();
    return statement.Int(0);
  }
  void AppendEvent(const Event& event, std::string_view data_text) override {
    Statement statement = connection_->Prepare(
        "INSERT INTO events(seq, prev, type, at, actor, data, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    statement.Bind(1, event.seq).Bind(2, event.prev).Bind(3, event.type).Bind(4, event.at);
    statement.Bind(5, event.actor).Bind(6, data_text).Bind(7, event.hash).Run();
  }
  void ScanEvents(std::int64_t from, std::int64_t to, bool parse_data,
                  const std::function<bool(const Event&, std::string_view)>& visit) override {
    Statement statement = connection_->Prepare(
        "SELECT seq, prev, type, at, actor, data, hash FROM events "
        "WHERE seq >= ?1 AND (?2 < 0 OR seq <= ?2) ORDER BY seq");
    statement.Bind(1, from).Bind(2, to);
    Event event;
    while (statement.Step()) {
      ReadEvent(statement, parse_data, &event);
      if (!visit(event, statement.View(5))) break;
    }
  }
  std::vector<Event> EventsAbout(const std::string& entity) override {
    Statement statement = Prepare(
        "SELECT e.seq, e.prev, e.type, e.at, e.actor, e.data, e.hash FROM $S.event_refs r "
        "JOIN events e ON e.seq = r.seq WHERE r.entity = ?1 ORDER BY r.seq");
    statement.Bind(1, entity);
    std::vector<Event> events;
    while (statement.Step()) ReadEvent(statement, true, &events.emplace_back());
    return events;
  }
  void AddEventRef(const std::string& entity, std::int64_t seq) override {
    Prepare("INSERT OR IGNORE INTO $S.event_refs(entity, seq) VALUES (?1, ?2)")
        .Bind(1, entity)
        .Bind(2, seq)
        .Run();
  }

  // --- contents -----------------------------------------------------------------------
  bool KnowsEvent(const std::string& hash) override {
    // "+hash": without the plus SQLite 3.40 plans a scan instead of using the prefix index.
    Statement statement = Prepare(
        "SELECT 1 FROM events WHERE substr(hash, 8, 16) = substr(?1, 8, 16) AND +hash = ?1 "
        "UNION ALL "
        "SELECT 1 FROM $S.event_refs WHERE entity = ?1 LIMIT 1");
    return statement.Bind(1, hash).Step();
  }
  bool HasContent(const std::string& hash) override {
    Statement statement = connection_->Prepare("SELECT 1 FROM contents WHERE hash = ?1");
    return statement.Bind(1, hash).Step();
  }
  void PutContent(const std::string& hash, std::string_view bytes) override {
    connection_->Prepare("INSERT OR IGNORE INTO contents(hash, bytes) VALUES (?1, ?2)")
        .Bind(1, hash)
        .BindBlob(2, bytes)
        .Run();
  }
  std::optional<std::string> GetContent(const std::string& hash) override {
    Statement statement = connection_->Prepare("SELECT bytes FROM contents WHERE hash = ?1");
    if (!statement.Bind(1, hash).Step()) return std::nullopt;
    return std::string(statement.View(0));
  }
  void ScanContents(
      const std::function<void(const std::string&, std::string_view)>& visit) override {
    Statement statement = connection_->Prepare("SELECT hash, bytes FROM contents ORDER BY hash");
    while (statement.Step()) visit(statement.Text(0), statement.View(1));
  }

  // --- projections: writes ------------------------------------------------------------
  void PutSource(const Source& s) override {
    Statement statement = Prepare(
        "INSERT INTO $S.sources(id, name, kind, url, affiliation, reliability, ref, attributes, "
        "seq, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    statement.Bind(1, s.id).Bind(2, s.name).Bind(3, s.kind).Bind(4, s.url);
    statement.Bind(5, s.affiliation).Bind(6, s.reliability).Bind(7, s.ref);
    statement.Bind(8, CanonicalJson(s.attributes));
    BindOrigin(statement, 9, s.origin).Run();
  }
  void PutSnapshot(const Snapshot& s) override {
    Statement statement = Prepare(
        "INSERT INTO $S.snapshots(hash, sha256, size, url, title, publisher, published, "
        "retrieved, seq, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    statement.Bind(1, s.hash).Bind(2, s.sha256).Bind(3, s.size).Bind(4, s.url);
    statement.Bind(5, s.title).Bind(6, s.publisher).Bind(7, s.published).Bind(8, s.retrieved);
    BindOrigin(statement, 9, s.origin).Run();
    if (schema_ == "main") {
      // The content is stored before its snapshot.added event is applied (adding, merging,
      // importing and as_of copies all do so).
      IndexSnapshotText(sqlite3_last_insert_rowid(connection_->db), s.hash);
    }
  }
  void PutClaim(const Claim& c) override {
    {
      Statement statement = Prepare(
          "INSERT INTO $S.claims(id, text, claimant, status, rating, date, context, ref, "
          "status_at, seq, at, actor, year) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
          "?11, ?12, ?13)");
      statement.Bind(1, c.id).Bind(2, c.text).Bind(3, c.claimant).Bind(4, c.status);
      statement.Bind(5, c.verdict ? std::optional<std::string>(c.verdict->rating) : std::nullopt);
      statement.Bind(6, c.date).Bind(7, c.context).Bind(8, c.ref).Bind(9, c.origin.made_at);
      BindOrigin(statement, 10, c.origin);
      statement.Bind(13, ClaimYear(c.date ? *c.date : c.origin.at)).Run();
    }
    if (schema_ == "main") {
      const std::int64_t rowid = sqlite3_last_insert_rowid(connection_->db);
      connection_->Prepare("INSERT INTO claims_fts(rowid, text) VALUES (?1, ?2)")
          .Bind(1, rowid)
          .Bind(2, c.text)
          .Run();
      // Written at commit, sorted: random-key inserts one by one cost a third of a bulk load.
      for (std::int64_t bucket : LshBuckets(c.text)) pending_buckets_.emplace_back(bucket, rowid);
    }
    for (const std::string& tag : c.tags) {
      Prepare("INSERT OR IGNORE INTO $S.claim_tags(claim, tag) VALUES (?1, ?2)")
          .Bind(1, c.id)
          .Bind(2, tag)
          .Run();
    }
    for (const Quote& quote : c.appearances) {
      Statement statement = Prepare(
          "INSERT OR IGNORE INTO $S.appearances(claim, snapshot, exact, prefix, suffix, "
          "quote_start, quote_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      statement.Bind(1, c.id);
      BindQuote(statement, 2, quote).Run();
    }
  }
  void PutEvidence(const Evidence& e) override {
    Statement statement = Prepare(
        "INSERT INTO $S.evidence(id, claim, snapshot, exact, prefix, suffix, quote_start, "
        "quote_end, stance, note, credibility, seq, at, actor) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    statement.Bind(1, e.id).Bind(2, e.claim);
    BindQuote(statement, 3, e.quote).Bind(9, e.stance).Bind(10, e.note).Bind(11, e.credibility);
    BindOrigin(statement, 12, e.origin).Run();
  }
  // The current verdict is the one made last (made_at, then seq), so that desks merged
  // in either order agree on it.
  void AddVerdict(const Verdict& v) override {
    {
      Statement statement = Prepare(
          "INSERT INTO $S.verdicts(seq, claim, rating, rationale, evidence, at, actor, made_at, "
          "from_ledger) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      statement.Bind(1, v.origin.seq).Bind(2, v.claim).Bind(3, v.rating).Bind(4, v.rationale);
      statement.Bind(5, CanonicalJson(v.evidence)).Bind(6, v.origin.at).Bind(7, v.origin.actor);
      statement.Bind(8, v.origin.made_at).Bind(9, v.origin.from_ledger).Run();
    }
    Prepare(
        "UPDATE $S.claims SET rating = (SELECT rating FROM $S.verdicts WHERE claim = ?1 "
        "ORDER BY made_at DESC, seq DESC LIMIT 1) WHERE id = ?1")
        .Bind(1, v.claim)
        .Run();
  }
  void SetClaimStatus(const std::string& claim, const std::string& status,
                      const std::string& made_at) override {
    Prepare("UPDATE $S.claims SET status = ?2, status_at = ?3 WHERE id = ?1 AND status_at <= ?3")
        .Bind(1, claim)
        .Bind(2, status)
        .Bind(3, made_at)
        .Run();
  }
  void AddSourceRating(const SourceRating& r) override {
    {
      Statement statement = Prepare(
          "INSERT INTO $S.source_ratings(seq, source, grade, rationale, at, actor) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      statement.Bind(1, r.origin.seq).Bind(2, r.source).Bind(3, r.grade).Bind(4, r.rationale);
      statement.Bind(5, r.origin.at).Bind(6, r.origin.actor).Run();
    }
    Prepare(
        "UPDATE $S.sources SET reliability = ?2, reliability_at = ?3 WHERE id = ?1 "
        "AND (reliability_at IS NULL OR reliability_at <= ?3)")
        .Bind(1, r.source)
        .Bind(2, r.grade)
        .Bind(3, r.origin.made_at)
        .Run();
  }

  // --- projections: reads -------------------------------------------------------------
  bool HasSource(const std::string& id) override {
    Statement statement = Prepare("SELECT 1 FROM $S.sources WHERE id = ?1");
    return statement.Bind(1, id).Step();
  }
  std::optional<Source> GetSource(const std::string& id) override {
    Statement statement = Prepare(std::string(kSourceColumns) + " WHERE id = ?1");
    if (!statement.Bind(1, id).Step()) return std::nullopt;
    return ReadSource(statement);
  }
  std::vector<Source> ListSources() override {
    Statement statement = Prepare(std::string(kSourceColumns) + " ORDER BY seq");
    std::vector<Source> sources;
    while (statement.Step()) sources.push_back(ReadSource(statement));
    return sources;
  }
  std::optional<Snapshot> GetSnapshot(const std::string& hash) override {
    Statement statement = Prepare(std::string(kSnapshotColumns) + " WHERE hash = ?1");
    if (!statement.Bind(1, hash).Step()) return std::nullopt;
    return ReadSnapshot(statement);
  }
  std::vector<Snapshot> ListSnapshots() override {
    Statement statement = Prepare(std::string(kSnapshotColumns) + " ORDER BY seq");
    std::vector<Snapshot> snapshots;
    while (statement.Step()) snapshots.push_back(ReadSnapshot(statement));
    return snapshots;
  }
  std::optional<Claim> GetClaim(const std::string& id) override {
    Claim claim;
    {
      Statement statement = Prepare(
          "SELECT c.id, c.text, c.claimant, c.status, e.data, c.date, c.context, c.ref, c.seq, "
          "c.at, c.actor FROM $S.claims c JOIN events e ON e.seq = c.seq WHERE c.id = ?1");
      if (!statement.Bind(1, id).Step()) return std::nullopt;
      claim.id = statement.Text(0);
      claim.text = statement.Text(1);
      claim.claimant = statement.OptionalText(2);
      claim.status = statement.Text(3);
      const nlohmann::json data = nlohmann::json::parse(statement.View(4));
      for (const auto& quantity : data.at("quantities")) {
        claim.quantities.push_back(QuantityFromJson(quantity));
      }
      claim.provenance = data.value("provenance", nlohmann::json());
      claim.date = statement.OptionalText(5);
      claim.context = statement.OptionalText(6);
      claim.ref = statement.OptionalText(7);
      claim.origin = ReadOrigin(statement, 8);
    }
    {
      Statement statement = Prepare("SELECT tag FROM $S.claim_tags WHERE claim = ?1 ORDER BY tag");
      statement.Bind(1, id);
      while (statement.Step()) claim.tags.push_back(statement.Text(0));
    }
    {
      Statement statement = Prepare(
          "SELECT snapshot, exact, prefix, suffix, quote_start, quote_end FROM $S.appearances "
          "WHERE claim = ?1 ORDER BY snapshot, quote_start");
      statement.Bind(1, id);
      while (statement.Step()) claim.appearances.push_back(ReadQuote(statement, 0));
    }
    {
      Statement statement = Prepare(std::string(kVerdictColumns) +
                                    " WHERE claim = ?1 ORDER BY made_at DESC, seq DESC LIMIT 1");
      if (statement.Bind(1, id).Step()) claim.verdict = ReadVerdict(statement);
    }
    return claim;
  }
  std::vector<Claim> ListClaims(const ClaimFilter& filter) override {
    std::vector<std::string> ids;
    {
      Statement statement = Prepare(
          "SELECT id FROM $S.claims c WHERE (?1 IS NULL OR status = ?1) "
          "AND (?2 IS NULL OR rating = ?2) AND (?3 IS NULL OR claimant = ?3) "
          "AND (?4 IS NULL OR EXISTS (SELECT 1 FROM $S.claim_tags t "
          "WHERE t.claim = c.id AND t.tag = ?4)) ORDER BY seq LIMIT ?5");
      statement.Bind(1, filter.status).Bind(2, filter.rating).Bind(3, filter.claimant);
      statement.Bind(4, filter.tag).Bind(5, filter.limit);
      while (statement.Step()) ids.push_back(statement.Text(0));
    }
    std::vector<Claim> claims;
    claims.reserve(ids.size());
    for (const std::string& id : ids) claims.push_back(*GetClaim(id));
    return claims;
  }
  std::optional<Evidence> GetEvidence(const std::string& id) override {
    Statement statement = Prepare(std::string(kEvidenceColumns) + " WHERE id = ?1");
    if (!statement.Bind(1, id).Step()) return std::nullopt;
    return ReadEvidence(statement);
  }
  std::vector<Evidence> EvidenceFor(const std::string& claim) override {
    Statement statement = Prepare(std::string(kEvidenceColumns) + " WHERE claim = ?1 ORDER BY seq");
    statement.Bind(1, claim);
    std::vector<Evidence> evidence;
    while (statement.Step()) evidence.push_back(ReadEvidence(statement));
    return evidence;
  }
  std::vector<Evidence> EvidenceOn(const std::string& hash) override {
    Statement statement =
        Prepare(std::string(kEvidenceColumns) + " WHERE snapshot = ?1 ORDER BY seq");
    statement.Bind(1, hash);
    std::vector<Evidence> evidence;
    while (statement.Step()) evidence.push_back(ReadEvidence(statement));
    return evidence;
  }
  std::vector<std::pair<std::string, Quote>> AppearancesIn(const std::string& hash) override {
    Statement statement = Prepare(
        "SELECT a.snapshot, a.exact, a.prefix, a.suffix, a.quote_start, a.quote_end, a.claim "
        "FROM $S.appearances a JOIN $S.claims c ON c.id = a.claim WHERE a.snapshot = ?1 "
        "ORDER BY c.seq, a.quote_start");
    statement.Bind(1, hash);
    std::vector<std::pair<std::string, Quote>> found;
    while (statement.Step()) found.emplace_back(statement.Text(6), ReadQuote(statement, 0));
    return found;
  }
  std::vector<Verdict> VerdictsFor(const std::string& claim) override {
    Statement statement = Prepare(std::string(kVerdictColumns) + " WHERE claim = ?1 ORDER BY seq");
    statement.Bind(1, claim);
    std::vector<Verdict> verdicts;
    while (statement.Step()) verdicts.push_back(ReadVerdict(statement));
    return verdicts;
  }
  std::vector<SourceRating> RatingsFor(const std::string& source) override {
    Statement statement = Prepare(
        "SELECT source, grade, rationale, seq, at, actor FROM $S.source_ratings "
        "WHERE source = ?1 ORDER BY seq");
    statement.Bind(1, source);
    std::vector<SourceRating> ratings;
    while (statement.Step()) {
      ratings.push_back(
          {statement.Text(0), statement.Text(1), statement.Text(2), ReadOrigin(statement, 3)});
    }
    return ratings;
  }

  std::optional<std::string> SourceIdByRef(const std::string& ref) override {
    Statement statement = Prepare("SELECT id FROM $S.sources WHERE ref = ?1");
    if (!statement.Bind(1, ref).Step()) return std::nullopt;
    return statement.Text(0);
  }
  std::optional<std::string> ClaimIdByRef(const std::string& ref) override {
    Statement statement = Prepare("SELECT id FROM $S.claims WHERE ref = ?1");
    if (!statement.Bind(1, ref).Step()) return std::nullopt;
    return statement.Text(0);
  }
  std::vector<RatingCount> RatingCounts(const std::optional<std::string>& source,
                                        bool by_year) override {
    // Plain statements rather than one with optional filters, so that SQLite answers them
    // from the (claimant, rating, year) index alone: one source reads only its own claims.
    const std::string where = source ? "claimant = ?1 AND rating IS NOT NULL"
                                     : "claimant IS NOT NULL AND rating IS NOT NULL";
    Statement statement =
        Prepare(by_year ? "SELECT claimant, rating, year, count(*) FROM $S.claims WHERE " + where +
                              " GROUP BY claimant, rating, year ORDER BY claimant, year, rating"
                        : "SELECT claimant, rating, 0, count(*) FROM $S.claims WHERE " + where +
                              " GROUP BY claimant, rating ORDER BY claimant, rating");
    if (source) statement.Bind(1, *source);
    std::vector<RatingCount> counts;
    while (statement.Step()) {
      counts.push_back({statement.Text(0), statement.Text(1), static_cast<int>(statement.Int(2)),
                        statement.Int(3)});
    }
    return counts;
  }

  // --- verification -------------------------------------------------------------------
  std::unique_ptr<ProjectionWriter> NewScratch(Scratch kind) override {
    if (kind == Scratch::kDigests) return std::make_unique<DigestScratch>();
    const std::string name = "replay" + std::to_string(++scratch_count_);
    connection_->Exec("ATTACH DATABASE '' AS " + name);
    // The replay is private and thrown away: a larger cache, no journal.
    connection_->Exec("PRAGMA " + name + ".cache_size = -131072; PRAGMA " + name +
                      ".journal_mode = OFF; PRAGMA " + name + ".synchronous = OFF");
    auto scratch = std::make_unique<SqliteStore>(connection_, name);
    connection_->Exec(WithSchema(kProjectionSchema, name));
    return scratch;
  }
  std::unique_ptr<ProjectionWriter> NewLaterDigests(ProjectionWriter& first) override {
    return DigestScratch::AfterSplit(dynamic_cast<DigestScratch&>(first));
  }
  bool MergeLaterDigests(ProjectionWriter& first, ProjectionWriter& later) override {
    return dynamic_cast<DigestScratch&>(later).MergeInto(dynamic_cast<DigestScratch&>(first));
  }
  std::unique_ptr<Store> OpenSameSnapshot() override {
    const char* file = sqlite3_db_filename(connection_->db, "main");
    if (schema_ != "main" || !file || !*file) return nullptr;  // a private ledger
    auto other = std::make_shared<Connection>();
    const int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(file, &other->db, flags, nullptr) != SQLITE_OK) return nullptr;
    sqlite3_extended_result_codes(other->db, 1);
    // The other connection reads the snapshot this one reads when nothing was committed
    // between its first look (before this read transaction began) and its own read
    // transaction (after): its data_version is then the same, and so is the head.
    try {
      const int before = other->PragmaInt("data_version");
      const auto head = Head(*connection_);  // begins this read transaction
      other->Exec("BEGIN DEFERRED");
      if (other->PragmaInt("data_version") != before || Head(*other) != head) return nullptr;
    } catch (const Error&) {
      return nullptr;
    }
    return std::make_unique<SqliteStore>(std::move(other), "main");
  }
  std::vector<StoredPiece> StoredPieces() override { return StoredPiecesOf(*connection_, schema_); }
  void DigestStoredPiece(ProjectionWriter& replay, const StoredPiece& piece) override {
    auto& digests = dynamic_cast<DigestScratch&>(replay);
    if (!digests.stored()) digests.stored().emplace();
    claimledger::DigestStoredPiece(*connection_, schema_, digests.key(), piece, *digests.stored());
  }
  void AddStoredDigests(ProjectionWriter& into, ProjectionWriter& from) override {
    dynamic_cast<DigestScratch&>(into).AddStored(dynamic_cast<DigestScratch&>(from));
  }
  std::vector<ProjectionDiff> DiffProjections(ProjectionWriter& replay) override {
    if (auto* digests = dynamic_cast<DigestScratch*>(&replay)) return DiffDigests(*digests);
    return DiffRows(dynamic_cast<SqliteStore&>(replay));
  }
  void ClearLedger() override {
    ClearProjections();
    connection_->Exec("DELETE FROM events; DELETE FROM contents");
  }
  void ClearProjections() override {
    for (const ProjectionTable& table : ProjectionTables()) {
      connection_->Exec("DELETE FROM " + schema_ + "." + table.name);
    }
    if (schema_ == "main") {
      connection_->Exec("INSERT INTO claims_fts(claims_fts) VALUES('delete-all')");
      connection_->Exec("DELETE FROM claim_lsh; DELETE FROM snapshots_fts");
      pending_buckets_.clear();
    }
  }

  std::vector<std::pair<std::string, std::string>> SimilarCandidates(
      const std::vector<std::int64_t>& buckets, std::int64_t per_bucket,
      std::int64_t limit) override {
    // Count in C++ how many of the buckets each claim shares, reading at most `per_bucket`
    // rows of each (one index range each), then fetch the texts of the best `limit` only.
    // A bucket read whole counts before any that was cut off: the rows read of a crowded
    // bucket are merely the first ids, and would otherwise outrank a claim that shares
    // several rare buckets with the text (kWhole outweighs every cut-off bucket together).
    constexpr int kWhole = 64;
    std::unordered_map<std::int64_t, int> shared;  // claim rowid -> weight
    std::vector<std::int64_t> distinct = buckets;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    std::vector<std::int64_t> claims;
    for (std::int64_t bucket : distinct) {
      Statement rows = Prepare("SELECT claim FROM claim_lsh WHERE bucket = ?1 LIMIT ?2");
      rows.Bind(1, bucket).Bind(2, per_bucket);
      claims.clear();
      while (rows.Step()) claims.push_back(rows.Int(0));
      const int weight = static_cast<std::int64_t>(claims.size()) < per_bucket ? kWhole : 1;
      for (std::int64_t claim : claims) shared[claim] += weight;
    }
    std::vector<std::pair<int, std::int64_t>> ranked;
    ranked.reserve(shared.size());
    for (const auto& [claim, count] : shared) ranked.emplace_back(count, claim);
    const auto best =
        ranked.begin() + std::min<std::size_t>(ranked.size(), std::max<std::int64_t>(limit, 0));
    std::partial_sort(ranked.begin(), best, ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::pair<std::string, std::string>> candidates;
    for (auto it = ranked.begin(); it != best; ++it) {
      Statement text = Prepare("SELECT id, text FROM claims WHERE rowid = ?1");
      if (text.Bind(1, it->second).Step()) candidates.emplace_back(text.Text(0), text.Text(1));
    }
    return candidates;
  }

  std::vector<std::pair<std::string, std::string>> FullTextCandidates(
      const std::vector<std::string>& terms, std::int64_t per_term, std::int64_t limit) override {
    std::string match;
    for (const std::string& term : terms) {
      Statement count = Prepare(
          "SELECT count(*) FROM (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 "
          "LIMIT ?2)");
      count.Bind(1, term).Bind(2, per_term).Step();
      if (count.Int(0) < per_term) match += (match.empty() ? "" : " OR ") + term;
    }
    std::vector<std::pair<std::string, std::string>> candidates;
    if (match.empty()) return candidates;
    Statement statement = Prepare(
        "SELECT c.id, c.text FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
        "WHERE claims_fts MATCH ?1 ORDER BY bm25(claims_fts) LIMIT ?2");
    statement.Bind(1, match).Bind(2, limit);
    while (statement.Step()) candidates.emplace_back(statement.Text(0), statement.Text(1));
    return candidates;
  }

  std::vector<SearchHit> Search(const std::string& match, const ClaimFilter& filter,
                                const std::optional<std::string>& since,
                                const std::optional<std::string>& until) override {
    Statement statement = connection_->Prepare(
        "SELECT c.id, -bm25(claims_fts), snippet(claims_fts, 0, '[', ']', '…', 12) "
        "FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
        "WHERE claims_fts MATCH ?1 AND (?2 IS NULL OR c.status = ?2) "
        "AND (?3 IS NULL OR c.rating = ?3) AND (?4 IS NULL OR c.claimant = ?4) "
        "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim = c.id "
        "AND t.tag = ?5)) AND (?6 IS NULL OR coalesce(c.date, c.at) >= ?6) "
        "AND (?7 IS NULL OR coalesce(c.date, c.at) <= ?7) "
        "ORDER BY bm25(claims_fts) LIMIT ?8");
    statement.Bind(1, match).Bind(2, filter.status).Bind(3, filter.rating);
    statement.Bind(4, filter.claimant).Bind(5, filter.tag).Bind(6, since).Bind(7, until);
    statement.Bind(8, filter.limit);
    std::vector<SearchHit> hits;
    while (statement.Step()) {
      hits.push_back(
          {statement.Text(0), sqlite3_column_double(statement.raw(), 1), statement.Text(2)});
    }
    return hits;
  }

  std::vector<SnapshotHit> SearchSnapshots(const std::string& match, std::int64_t limit) override {
    Statement statement = connection_->Prepare(
        "SELECT s.hash, -bm25(snapshots_fts), snippet(snapshots_fts, 0, '[', ']', '…', 16) "
        "FROM snapshots_fts JOIN snapshots s ON s.rowid = snapshots_fts.rowid "
        "WHERE snapshots_fts MATCH ?1 ORDER BY bm25(snapshots_fts) LIMIT ?2");
    statement.Bind(1, match).Bind(2, limit);
    std::vector<SnapshotHit> hits;
    while (statement.Step()) {
      hits.push_back(
          {statement.Text(0), sqlite3_column_double(statement.raw(), 1), statement.Text(2)});
    }
    return hits;
  }

  // --- opening ------------------------------------------------------------------------
  void OpenSchema(const std::string& path, bool create, bool read_only) {
    // Read the header first: nothing is written to a file that is not a ledger.
    int application_id, version, objects;
    try {
      application_id = connection_->PragmaInt("application_id");
      version = connection_->PragmaInt("user_version");
      objects = connection_->PragmaInt("schema_version");
    } catch (const Error& error) {
      throw Error(Code::kStorage, "claimledger.store.not_a_ledger",
                  "\"" + path + "\" is not a claimledger ledger (" + error.detail() + ")");
    }
    const bool empty = application_id == 0 && version == 0 && objects == 0;
    if (!empty && application_id != kApplicationId) {
      throw Error(Code::kStorage, "claimledger.store.not_a_ledger",
                  "\"" + path +
                      "\" is a SQLite database but not a claimledger ledger; "
                      "open a ledger file or a path that does not exist yet");
    }
    if (version > kSchemaVersion) {
      throw Error(Code::kStorage, "claimledger.store.newer_schema",
                  "\"" + path + "\" was written with ledger schema version " +
                      std::to_string(version) + "; this claimledger reads versions up to " +
                      std::to_string(kSchemaVersion) + ": upgrade claimledger to open it");
    }
    if (empty && !create) {
      throw Error(Code::kNotFound, "claimledger.store.missing",
                  "\"" + path + "\" holds no ledger and create=False was given");
    }
    if (!read_only) {
      if (path != ":memory:") connection_->Exec("PRAGMA journal_mode=WAL");
      Migrate(version);
    }
  }

 private:
  static constexpr const char* kSourceColumns =
      "SELECT id, name, kind, url, affiliation, reliability, ref, attributes, seq, at, actor "
      "FROM $S.sources";
  static constexpr const char* kSnapshotColumns =
      "SELECT hash, sha256, size, url, title, publisher, published, retrieved, seq, at, actor "
      "FROM $S.snapshots";
  static constexpr const char* kEvidenceColumns =
      "SELECT id, claim, snapshot, exact, prefix, suffix, quote_start, quote_end, stance, note, "
      "credibility, seq, at, actor FROM $S.evidence";
  static constexpr const char* kVerdictColumns =
      "SELECT claim, rating, rationale, evidence, seq, at, actor, made_at, from_ledger "
      "FROM $S.verdicts";

  // Names the tables whose stored digests differ from the replay's: digested here unless
  // they were taken beforehand (DigestStoredPiece).
  std::vector<ProjectionDiff> DiffDigests(DigestScratch& replay) {
    const TableDigests replayed = replay.Digests();
    const TableDigests stored = replay.stored()
                                    ? *replay.stored()
                                    : DigestStoredTables(*connection_, schema_, replay.key());
    std::vector<ProjectionDiff> diffs;
    for (int table = 0; table < kDigestTables; ++table) {
      if (!(stored[table] == replayed[table])) {
        diffs.push_back({DigestLayouts()[table].table, "", "differs"});
      }
    }
    return diffs;
  }
  // Walks both copies of each table in primary-key order side by side, so the cost is
  // one pass over each (no sorting, no temporary tables). Reports up to 1000 rows a table.
  std::vector<ProjectionDiff> DiffRows(SqliteStore& other) {
    std::vector<ProjectionDiff> diffs;
    for (const ProjectionTable& table : ProjectionTables()) {
      const std::string sql =
          "SELECT " + table.key + ", * FROM $S." + table.name + " ORDER BY " + table.key;
      Statement stored = Prepare(sql);
      Statement replayed = other.Prepare(sql);
      const int columns = stored.ColumnCount();
      std::size_t reported = 0;
      const auto report = [&](const Statement& row, const char* detail) {
        if (++reported > 1000) return;
        std::string key;
        for (int k = 0; k < table.key_columns; ++k) key += (k ? " " : "") + row.Text(k);
        diffs.push_back({table.name, key, detail});
      };
      bool has_stored = stored.Step(), has_replayed = replayed.Step();
      while (has_stored || has_replayed) {
        int order = 0;
        for (int k = 0; k < table.key_columns && order == 0 && has_stored && has_replayed; ++k) {
          order = Statement::Compare(stored, k, replayed, k);
        }
        if (!has_replayed || (has_stored && order < 0)) {
          report(stored, "unexpected");
          has_stored = stored.Step();
        } else if (!has_stored || order > 0) {
          report(replayed, "missing");
          has_replayed = replayed.Step();
        } else {
          for (int c = table.key_columns; c < columns; ++c) {
            if (Statement::Compare(stored, c, replayed, c) != 0) {
              report(stored, "differs");
              break;
            }
          }
          has_stored = stored.Step();
          has_replayed = replayed.Step();
        }
      }
    }
    return diffs;
  }
  // Brings the schema from `version` up to kSchemaVersion, one step per version, in one
  // transaction. Version 0 is an empty file.
  void Migrate(int version) {
    if (version == kSchemaVersion) return;
    connection_->Exec("BEGIN IMMEDIATE");
    try {
      // Re-read under the write lock: another process may have migrated meanwhile.
      version = connection_->PragmaInt("user_version");
      if (version < 1) {
        connection_->Exec(kLogSchema);
        connection_->Exec(WithSchema(kProjectionSchema, "main"));
        connection_->Exec(WithSchema(kProjectionIndexes, "main"));
        connection_->Exec(kSearchSchema);
        connection_->Exec(kSnapshotSearchSchema);
        connection_->Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
      } else {
        if (version < 2) UpgradeToVersion2();
        if (version < 3) UpgradeToVersion3();
        // Later versions add their steps here: if (version < 4) { ... }
      }
      connection_->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
      connection_->Exec("COMMIT");
    } catch (...) {
      Rollback();
      throw;
    }
  }

  // Indexes the text of the snapshot at `rowid` for SearchSnapshots, when its content is
  // UTF-8 text (other documents, such as PDFs, have no words to index).
  void IndexSnapshotText(std::int64_t rowid, const std::string& hash) {
    Statement content = connection_->Prepare("SELECT bytes FROM contents WHERE hash = ?1");
    if (!content.Bind(1, hash).Step()) return;
    const std::string_view text = content.View(0);
    if (FirstInvalidUtf8(text) != std::string::npos) return;
    connection_->Prepare("INSERT INTO snapshots_fts(rowid, text) VALUES (?1, ?2)")
        .Bind(1, rowid)
        .Bind(2, text)
        .Run();
  }

  // Version 3 adds the full-text index of snapshot texts, filled from the stored snapshots.
  void UpgradeToVersion3() {
    connection_->Exec(kSnapshotSearchSchema);
    Statement snapshots = connection_->Prepare("SELECT rowid, hash FROM snapshots ORDER BY rowid");
    while (snapshots.Step()) IndexSnapshotText(snapshots.Int(0), snapshots.Text(1));
  }

  // Version 2 writes fewer bytes per claim: the events' hash index holds 16 hex digits
  // instead of the whole text, near-duplicate buckets name the claim by rowid instead of
  // its text id, three indexes that no query used are gone, and a claim's quantities and
  // provenance are no longer copied out of its event. Claims gain their year, so that
  // track records are counted from the claimant index alone; evidence and appearances are
  // indexed by snapshot (re-anchoring). Rows keep their rowids (the
  // search index refers to them).
  void UpgradeToVersion2() {
    connection_->Exec(R"sql(
DROP INDEX events_hash;
CREATE INDEX events_hash_prefix ON events(substr(hash, 8, 16));
DROP INDEX claims_status;
DROP INDEX claims_rating;
DROP INDEX claim_tags_tag;
DROP INDEX claims_claimant;
ALTER TABLE claims DROP COLUMN quantities;
ALTER TABLE claims DROP COLUMN provenance;
ALTER TABLE claims ADD COLUMN year INTEGER;
UPDATE claims SET year = CAST(substr(coalesce(date, at), 1, 4) AS INTEGER);
CREATE INDEX claims_claimant ON claims(claimant, rating, year);
CREATE INDEX evidence_snapshot ON evidence(snapshot);
CREATE INDEX appearances_snapshot ON appearances(snapshot);
CREATE TABLE claim_lsh_v2(bucket INTEGER NOT NULL, claim INTEGER NOT NULL,
  PRIMARY KEY(bucket, claim)) WITHOUT ROWID;
INSERT INTO claim_lsh_v2(bucket, claim)
  SELECT l.bucket, c.rowid FROM claim_lsh l JOIN claims c ON c.id = l.claim ORDER BY 1, 2;
DROP TABLE claim_lsh;
ALTER TABLE claim_lsh_v2 RENAME TO claim_lsh;
)sql");
  }

  // Statements by their SQL as written (with "$S."), so a hit costs one hash lookup.
  Statement Prepare(const std::string& sql) {
    auto found = statements_.find(sql);
    if (found == statements_.end()) {
      Statement prepared = connection_->Prepare(WithSchema(sql, schema_));
      found = statements_.emplace(sql, prepared.raw()).first;
    }
    return Statement(connection_->db, found->second);
  }

  std::optional<Event> OneEvent(const char* sql, std::optional<std::int64_t> seq) {
    Statement statement = connection_->Prepare(sql);
    if (seq) statement.Bind(1, *seq);
    if (!statement.Step()) return std::nullopt;
    Event event;
    ReadEvent(statement, true, &event);
    return event;
  }
  // The seq and hash of the last event that `connection` sees; (0, "") when none.
  static std::pair<std::int64_t, std::string> Head(Connection& connection) {
    Statement last = connection.Prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
    if (!last.Step()) return {0, ""};
    return {last.Int(0), last.Text(1)};
  }
  static void ReadEvent(const Statement& s, bool parse_data, Event* event) {
    // assign: a scan reuses one Event, and so the strings' memory.
    event->seq = s.Int(0);
    event->prev.assign(s.View(1));
    event->type.assign(s.View(2));
    event->at.assign(s.View(3));
    event->actor.assign(s.View(4));
    event->data = parse_data ? nlohmann::json::parse(s.View(5), nullptr, false) : nlohmann::json();
    event->hash.assign(s.View(6));
  }
  static Statement& BindOrigin(Statement& s, int first, const Origin& origin) {
    return s.Bind(first, origin.seq).Bind(first + 1, origin.at).Bind(first + 2, origin.actor);
  }
  static Statement& BindQuote(Statement& s, int first, const Quote& quote) {
    s.Bind(first, quote.snapshot).Bind(first + 1, quote.exact).Bind(first + 2, quote.prefix);
    s.Bind(first + 3, quote.suffix).Bind(first + 4, static_cast<std::int64_t>(quote.start));
    return s.Bind(first + 5, static_cast<std::int64_t>(quote.end));
  }
  static Origin ReadOrigin(const Statement& s, int first) {
    return {s.Int(first), s.Text(first + 1), s.Text(first + 2), s.Text(first + 1), std::nullopt};
  }
  static Quote ReadQuote(const Statement& s, int first) {
    Quote quote;
    quote.snapshot = s.Text(first);
    quote.exact = s.Text(first + 1);
    quote.prefix = s.Text(first + 2);
    quote.suffix = s.Text(first + 3);
    quote.start = static_cast<std::size_t>(s.Int(first + 4));
    quote.end = static_cast<std::size_t>(s.Int(first + 5));
    return quote;
  }
  static Source ReadSource(const Statement& s) {
    return {s.Text(0),         s.Text(1),         s.Text(2),         s.OptionalText(3),
            s.OptionalText(4), s.OptionalText(5), s.OptionalText(6), ParseJsonColumn(s.Text(7)),
            ReadOrigin(s, 8)};
  }
  static Snapshot ReadSnapshot(const Statement& s) {
    return {s.Text(0),         s.Text(1),         s.Int(2),
            s.OptionalText(3), s.OptionalText(4), s.OptionalText(5),
            s.OptionalText(6), s.OptionalText(7), ReadOrigin(s, 8)};
  }
  static Evidence ReadEvidence(const Statement& s) {
    return {s.Text(0),         s.Text(1),          ReadQuote(s, 2),  s.Text(8),
            s.OptionalText(9), s.OptionalText(10), ReadOrigin(s, 11)};
  }
  static Verdict ReadVerdict(const Statement& s) {
    Verdict verdict{s.Text(0), s.Text(1), s.Text(2), {}, ReadOrigin(s, 4)};
    verdict.origin.made_at = s.Text(7);
    verdict.origin.from_ledger = s.OptionalText(8);
    for (const auto& id : ParseJsonColumn(s.Text(3))) verdict.evidence.push_back(id);
    return verdict;
  }

  // The near-duplicate bucket rows of the claims added in this transaction (see PutClaim).
  void WritePendingBuckets() {
    if (pending_buckets_.empty()) return;
    std::sort(pending_buckets_.begin(), pending_buckets_.end());
    Statement insert =
        connection_->Prepare("INSERT OR IGNORE INTO claim_lsh(bucket, claim) VALUES (?1, ?2)");
    for (const auto& [bucket, rowid] : pending_buckets_) {
      insert.Bind(1, bucket).Bind(2, rowid).Run();
      insert.Reset();
    }
    pending_buckets_.clear();
  }

  std::shared_ptr<Connection> connection_;
  std::string schema_;
  std::vector<std::pair<std::int64_t, std::int64_t>> pending_buckets_;  // (bucket, rowid)
  std::unordered_map<std::string, sqlite3_stmt*> statements_;           // owned by connection_
  int scratch_count_ = 0;
};

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  auto connection = std::make_shared<Connection>();
  // NOMUTEX: a store is used by one thread at a time (the workbench serialises its calls).
  int flags =
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  const int rc = sqlite3_open_v2(path.c_str(), &connection->db, flags, nullptr);
  if (rc != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_CANTOPEN && !options.create) {
      throw Error(Code::kNotFound, "claimledger.store.missing",
                  "no ledger at \"" + path + "\" (pass create=True to make one)");
    }
    ThrowSqlite(connection->db, rc, "cannot open \"" + path + "\"");
  }
  sqlite3_extended_result_codes(connection->db, 1);
  sqlite3_busy_timeout(connection->db, options.busy_timeout_ms);
  auto store = std::make_unique<SqliteStore>(connection, "main");
  store->OpenSchema(path, options.create, options.read_only);
  // A 64 MB page cache: bulk loads and imports touch large indexes (claims, search, LSH).
  connection->Exec(
      "PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA temp_store=FILE; "
      "PRAGMA cache_size=-65536");
  return store;
}

}  // namespace claimledger
