// The SQLite ledger file's tables and their upgrades (schema.h).
#include "store/sqlite/schema.h"

#include <algorithm>

#include "claimledger/error.h"
#include "codec/canonical_json.h"
#include "store/store.h"
#include "text/min_hash.h"
#include "text/utf8.h"
#include "text/words.h"

namespace claimledger {
namespace {

// The event log and the content store.
constexpr const char* kLogSchema = R"sql(
CREATE TABLE events(
  seq INTEGER PRIMARY KEY, prev TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX events_at ON events(at);
-- No index of the events' hashes since version 10: their keys are random, so each batch wrote
-- nearly every page of one. A merge finds an event by its time instead (KnowsEvent).
CREATE TABLE contents(hash TEXT PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID;
)sql";

// The Merkle tree over the events: the hashes of its complete subtrees of kStoredTreeLevel
// and up (store.h), each named by its level and index (32 bytes and a short key a row, about
// one row for every eight events).
constexpr const char* kTreeSchema = R"sql(
CREATE TABLE tree_nodes(level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
  PRIMARY KEY(level, idx)) WITHOUT ROWID;
)sql";

// The tables of current state (store/tables.h lists their digested columns).
// A claim's quantities and provenance never change: they are read from its event (seq).
// `year` is the year it was made (date), else recorded (at), which track records count by;
// `verdict_seq` names its current verdict (the one made last).
// Since version 8 the rows that belong to a claim (its tags, its verdicts, and the references
// of events to it, in claim_refs rather than event_refs) name it by the rowid of its claims row
// instead of its text id: a new claim's rows then go at the end of their b-trees instead of at
// random places (verify reads them back with the text id: stored_tables.cpp). Since version 11
// the references of events to a source likewise go to source_refs, by the rowid of its sources
// row: small integer keys, where a text id made every batch of a load rewrite most of
// event_refs. event_refs keeps the other entities', and an id that names no claim or source.
// So does a claim's claimant (claims.claimant, an integer column since version 11), which the
// index of claimants orders: a source's rowid, or its text id when the claim came before the
// source (SourceIdOf, schema.h). The claims table itself is ClaimsTable, below.
constexpr const char* kProjectionSchema = R"sql(
CREATE TABLE event_refs(entity TEXT NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(entity, seq)) WITHOUT ROWID;
CREATE TABLE claim_refs(claim INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(claim, seq)) WITHOUT ROWID;
CREATE TABLE source_refs(source INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(source, seq)) WITHOUT ROWID;
CREATE TABLE sources(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, url TEXT, affiliation TEXT,
  reliability TEXT, reliability_at TEXT, ref TEXT, attributes TEXT NOT NULL,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE snapshots(
  hash TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL, url TEXT, title TEXT,
  publisher TEXT, published TEXT, retrieved TEXT,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE claim_tags(claim INTEGER NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY(claim, tag)) WITHOUT ROWID;
CREATE TABLE appearances(
  claim TEXT NOT NULL, snapshot TEXT NOT NULL, exact TEXT NOT NULL, prefix TEXT NOT NULL,
  suffix TEXT NOT NULL, quote_start INTEGER NOT NULL, quote_end INTEGER NOT NULL,
  PRIMARY KEY(claim, snapshot, quote_start)) WITHOUT ROWID;
CREATE TABLE evidence(
  id TEXT PRIMARY KEY, claim TEXT NOT NULL, snapshot TEXT NOT NULL, exact TEXT NOT NULL,
  prefix TEXT NOT NULL, suffix TEXT NOT NULL, quote_start INTEGER NOT NULL,
  quote_end INTEGER NOT NULL, stance TEXT NOT NULL, note TEXT, credibility TEXT,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE verdicts(
  seq INTEGER PRIMARY KEY, claim INTEGER NOT NULL, rating TEXT NOT NULL,
  rationale TEXT NOT NULL, evidence TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
  made_at TEXT NOT NULL, from_ledger TEXT);
CREATE TABLE source_ratings(
  seq INTEGER PRIMARY KEY, source TEXT NOT NULL, grade TEXT NOT NULL, rationale TEXT NOT NULL,
  at TEXT NOT NULL, actor TEXT NOT NULL);
)sql";

// The columns of the claims table (kProjectionSchema's comment), which the upgrade to version 11
// writes again: ClaimsTable.
constexpr const char* kClaimsColumns = R"sql(
  id TEXT PRIMARY KEY, text TEXT NOT NULL, claimant INTEGER, status TEXT NOT NULL, rating TEXT,
  date TEXT, context TEXT, ref TEXT, status_at TEXT NOT NULL,
  seq INTEGER NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, year INTEGER,
  verdict_seq INTEGER)sql";

std::string ClaimsTable(const std::string& name) {
  return "CREATE TABLE " + name + "(" + kClaimsColumns + ")";
}

// Secondary indexes. Each one is used by a query of the store (EXPLAIN QUERY PLAN); every
// index costs writes per claim.
constexpr const char* kProjectionIndexes = R"sql(
-- Track records are counted from this index alone.
CREATE INDEX claims_claimant ON claims(claimant, rating, year);
CREATE INDEX claims_ref ON claims(ref) WHERE ref IS NOT NULL;
CREATE INDEX sources_ref ON sources(ref) WHERE ref IS NOT NULL;
CREATE INDEX evidence_claim ON evidence(claim);
-- Re-anchoring asks which quotes rest on a snapshot.
CREATE INDEX evidence_snapshot ON evidence(snapshot);
CREATE INDEX appearances_snapshot ON appearances(snapshot);
CREATE INDEX source_ratings_source ON source_ratings(source, seq);
-- A claim's verdicts, oldest first.
CREATE INDEX verdicts_claim ON verdicts(claim, made_at, seq);
)sql";

// The full-text index of claims (version 7): FTS5 with external content, a view of each claim's
// searchable text (SearchableText, store.h: the text, then a newline and the context when
// there is one, with Chinese and Japanese characters parted), so that the index keeps no copy
// of the texts but of the few whose characters were parted (claim_parted_texts, keyed by the
// claim's rowid); snippets are cut from the view. Version 6 joined the text and context alone;
// version 5 and older index the claims table's text column alone.
constexpr const char* kClaimPartedTexts =
    "CREATE TABLE claim_parted_texts(claim INTEGER PRIMARY KEY, text TEXT NOT NULL)";
constexpr const char* kClaimsSearchableView = R"sql(
CREATE VIEW claims_searchable AS
  SELECT c.rowid AS rowid, coalesce(p.text, c.text || coalesce(char(10) || c.context, ''))
    AS text FROM claims c LEFT JOIN claim_parted_texts p ON p.claim = c.rowid;
)sql";
constexpr const char* kClaimsFullTextIndex = R"sql(
CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claims_searchable',
  content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
)sql";

// The view of version 6, which its upgrade indexed (version 7 replaces it).
constexpr const char* kClaimsSearchableViewV6 = R"sql(
CREATE VIEW claims_searchable AS
  SELECT rowid AS rowid, text || coalesce(char(10) || context, '') AS text FROM claims;
)sql";

// The other search indexes, kept in the same transaction as each claim and snapshot (as the
// full-text index of claims is): the MinHash/LSH buckets of each claim's text for
// near-duplicate matching (text/min_hash.h), keyed by the claim's rowid (as the FTS rows are:
// 16 rows a claim, so each is kept to two integers), in two tables since version 9: a claim's
// rows go into claim_lsh_recent, small enough for the page cache, and a large batch moves them
// into claim_lsh once they are as many as its own (MoveRecentBucketsWhenMany,
// sqlite_search.cpp): a batch of random buckets would otherwise rewrite nearly every page of
// claim_lsh. Every claim of claim_lsh_recent was added after every claim of claim_lsh (rowids
// grow). And FTS5 over the text of every snapshot that is UTF-8 text, keyed by the snapshot
// row's rowid, with its own copy of the text (the bytes live in `contents`, a table without
// rowids; the copy has its Chinese and Japanese characters parted since version 7:
// SeparateCharacters, text/words.h), which snippets are cut from.
constexpr const char* kSearchSchema = R"sql(
CREATE TABLE claim_lsh(bucket INTEGER NOT NULL, claim INTEGER NOT NULL,
  PRIMARY KEY(bucket, claim)) WITHOUT ROWID;
CREATE TABLE claim_lsh_recent(bucket INTEGER NOT NULL, claim INTEGER NOT NULL,
  PRIMARY KEY(bucket, claim)) WITHOUT ROWID;
CREATE VIRTUAL TABLE snapshots_fts USING fts5(
  text, tokenize='unicode61 remove_diacritics 2');
)sql";

// Version 2 writes fewer bytes per claim: the events' hash index holds 16 hex digits
// instead of the whole text, near-duplicate buckets name the claim by rowid instead of its
// text id, three indexes that no query used are gone, and a claim's quantities and
// provenance are no longer copied out of its event. Claims gain their year, so that track
// records are counted from the claimant index alone; evidence and appearances are indexed by
// snapshot (re-anchoring). Rows keep their rowids (the search index refers to them).
constexpr const char* kUpgradeToVersion2 = R"sql(
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
)sql";

// Version 3 adds the full-text index of snapshot texts (filled from the stored snapshots).
constexpr const char* kSnapshotSearchSchema = R"sql(
CREATE VIRTUAL TABLE snapshots_fts USING fts5(
  text, tokenize='unicode61 remove_diacritics 2');
)sql";

// Version 4: a claim's row names its current verdict, the one made last (made_at, then seq),
// so that the projection rules read it from the row (ledger/projection.h).
constexpr const char* kUpgradeToVersion4 = R"sql(
ALTER TABLE claims ADD COLUMN verdict_seq INTEGER;
UPDATE claims SET verdict_seq = (SELECT v.seq FROM verdicts v WHERE v.claim = claims.id
  ORDER BY v.made_at DESC, v.seq DESC LIMIT 1) WHERE rating IS NOT NULL;
)sql";

void UpgradeToVersion4(Connection& connection) {
  connection.Exec(kUpgradeToVersion4);
  connection.Exec("DELETE FROM claim_lsh");
  std::vector<std::pair<std::int64_t, std::int64_t>> rows;
  Statement claims = connection.Prepare("SELECT rowid, text FROM claims");
  while (claims.Step()) {
    for (std::int64_t bucket : LshBuckets(claims.View(1))) rows.emplace_back(bucket, claims.Int(0));
  }
  WriteBucketRows(connection, "claim_lsh", rows);
}

// Version 5: the Merkle tree of the events already in the ledger, built in the upgrade's
// transaction from each event's canonical text (the bytes its hash is over).
void UpgradeToVersion5(Connection& connection) {
  connection.Exec(kTreeSchema);
  TreeWriter tree;
  Statement insert =
      connection.Prepare("INSERT INTO tree_nodes(level, idx, hash) VALUES (?1, ?2, ?3)");
  Statement events = connection.Prepare(std::string(kEventSelect) + " ORDER BY seq");
  Event event;
  while (events.Step()) {
    ReadEvent(events, &event);
    tree.AddLeaf(CanonicalEventText(event));
    for (const auto& [node, hash] : tree.TakeNodes()) {
      insert.Bind(1, static_cast<std::int64_t>(node.level)).Bind(2, node.index);
      insert.BindBlob(3, BytesOf(hash)).Run();
      insert.Reset();
    }
  }
}

// Version 6: claims are searched by their context too. The index of their texts alone is
// dropped and made again over the view, from the stored claims (FTS5's 'rebuild').
void UpgradeToVersion6(Connection& connection) {
  connection.Exec("DROP TABLE IF EXISTS claims_fts");
  connection.Exec(kClaimsSearchableViewV6);
  connection.Exec(kClaimsFullTextIndex);
  connection.Exec("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')");
}

// Version 7: Chinese and Japanese characters are words of their own (text/words.h). The claims
// and snapshots that hold such characters (few, found by a scan) are indexed again: the tokens of
// version 6 deleted, those of SearchableText added and kept in claim_parted_texts; their
// near-duplicate buckets are made again from the words of version 7.
void UpgradeToVersion7(Connection& connection) {
  connection.Exec("DROP VIEW claims_searchable");
  connection.Exec(kClaimPartedTexts);
  connection.Exec(kClaimsSearchableView);
  Statement claims = connection.Prepare("SELECT rowid, text, context FROM claims");
  Statement set = connection.Prepare("INSERT INTO claim_parted_texts(claim, text) VALUES (?1, ?2)");
  Statement unindex = connection.Prepare(
      "INSERT INTO claims_fts(claims_fts, rowid, text) VALUES ('delete', ?1, ?2)");
  Statement index = connection.Prepare("INSERT INTO claims_fts(rowid, text) VALUES (?1, ?2)");
  Statement unbucket = connection.Prepare("DELETE FROM claim_lsh WHERE bucket = ?1 AND claim = ?2");
  std::vector<std::pair<std::int64_t, std::int64_t>> buckets;
  while (claims.Step()) {
    const std::int64_t rowid = claims.Int(0);
    const std::string text = claims.Text(1);
    const std::optional<std::string> context = claims.OptionalText(2);
    const bool text_holds = HoldsCharacterWords(text);
    if (!text_holds && !(context && HoldsCharacterWords(*context))) continue;
    if (const std::optional<std::string> parted = PartedSearchableText(text, context)) {
      set.Bind(1, rowid).Bind(2, *parted).Run();
      set.Reset();
      unindex.Bind(1, rowid).Bind(2, SearchableText(text, context, false)).Run();
      unindex.Reset();
      index.Bind(1, rowid).Bind(2, *parted).Run();
      index.Reset();
    }
    if (!text_holds) continue;
    for (const std::int64_t bucket : DistinctLshBuckets(text, /*character_words=*/false)) {
      unbucket.Bind(1, bucket).Bind(2, rowid).Run();
      unbucket.Reset();
    }
    for (const std::int64_t bucket : LshBuckets(text)) buckets.emplace_back(bucket, rowid);
  }
  WriteBucketRows(connection, "claim_lsh", buckets);
  Statement snapshots = connection.Prepare("SELECT rowid, text FROM snapshots_fts");
  Statement unindex_snapshot = connection.Prepare("DELETE FROM snapshots_fts WHERE rowid = ?1");
  Statement index_snapshot =
      connection.Prepare("INSERT INTO snapshots_fts(rowid, text) VALUES (?1, ?2)");
  std::vector<std::pair<std::int64_t, std::string>> separated;
  while (snapshots.Step()) {
    std::string text = SeparateCharacters(snapshots.View(1));
    if (text.size() != snapshots.View(1).size()) separated.emplace_back(snapshots.Int(0), text);
  }
  for (const auto& [rowid, text] : separated) {
    unindex_snapshot.Bind(1, rowid).Run();
    unindex_snapshot.Reset();
    index_snapshot.Bind(1, rowid).Bind(2, text).Run();
    index_snapshot.Reset();
  }
}

// Version 8: a claim's tags, verdicts and event references name it by its rowid (see
// kProjectionSchema). A row naming a claim id that has no claims row (an edit) keeps the text,
// which no rowid matches: verify reports it as before.
constexpr const char* kUpgradeToVersion8 = R"sql(
CREATE TABLE claim_refs(claim INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(claim, seq)) WITHOUT ROWID;
INSERT INTO claim_refs(claim, seq)
  SELECT c.rowid, r.seq FROM event_refs r JOIN claims c ON c.id = r.entity ORDER BY 1, 2;
DELETE FROM event_refs WHERE entity IN (SELECT id FROM claims);
CREATE TABLE claim_tags_v8(claim INTEGER NOT NULL, tag TEXT NOT NULL,
  PRIMARY KEY(claim, tag)) WITHOUT ROWID;
INSERT INTO claim_tags_v8(claim, tag)
  SELECT coalesce(c.rowid, t.claim), t.tag FROM claim_tags t LEFT JOIN claims c ON c.id = t.claim
  ORDER BY 1, 2;
DROP TABLE claim_tags;
ALTER TABLE claim_tags_v8 RENAME TO claim_tags;
CREATE TABLE verdicts_v8(
  seq INTEGER PRIMARY KEY, claim INTEGER NOT NULL, rating TEXT NOT NULL,
  rationale TEXT NOT NULL, evidence TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL,
  made_at TEXT NOT NULL, from_ledger TEXT);
INSERT INTO verdicts_v8(seq, claim, rating, rationale, evidence, at, actor, made_at, from_ledger)
  SELECT v.seq, coalesce(c.rowid, v.claim), v.rating, v.rationale, v.evidence, v.at, v.actor,
    v.made_at, v.from_ledger FROM verdicts v LEFT JOIN claims c ON c.id = v.claim ORDER BY v.seq;
DROP TABLE verdicts;
ALTER TABLE verdicts_v8 RENAME TO verdicts;
CREATE INDEX verdicts_claim ON verdicts(claim, made_at, seq);
)sql";

// A file older than version 8 opened read-only (it cannot be upgraded): views in the
// connection's temporary schema, which unqualified names find first, show its text-keyed tables
// as version 8 keeps them, so that the store's reads and verify() run unchanged (event_refs:
// kVersion11Views).
constexpr const char* kVersion8Views = R"sql(
CREATE TEMP VIEW claim_refs AS
  SELECT c.rowid AS claim, r.seq AS seq FROM main.event_refs r JOIN main.claims c
  ON c.id = r.entity;
CREATE TEMP VIEW claim_tags AS
  SELECT coalesce(c.rowid, t.claim) AS claim, t.tag AS tag FROM main.claim_tags t
  LEFT JOIN main.claims c ON c.id = t.claim;
CREATE TEMP VIEW verdicts AS
  SELECT v.rowid AS rowid, v.seq AS seq, coalesce(c.rowid, v.claim) AS claim,
    v.rating AS rating, v.rationale AS rationale, v.evidence AS evidence, v.at AS at,
    v.actor AS actor, v.made_at AS made_at, v.from_ledger AS from_ledger
  FROM main.verdicts v LEFT JOIN main.claims c ON c.id = v.claim;
)sql";

// Version 9: the near-duplicate buckets of the claims added since the last move go into a table
// of their own, which a large batch moves into claim_lsh now and then (kSearchSchema). Every row
// of an older file stays in claim_lsh.
constexpr const char* kUpgradeToVersion9 = R"sql(
CREATE TABLE claim_lsh_recent(bucket INTEGER NOT NULL, claim INTEGER NOT NULL,
  PRIMARY KEY(bucket, claim)) WITHOUT ROWID;
)sql";

// Version 10: the index of the events' hashes is dropped (kLogSchema).
constexpr const char* kUpgradeToVersion10 = "DROP INDEX IF EXISTS events_hash_prefix";

// Version 11: the references of events to a source go to source_refs, and a claim's claimant
// into claims.claimant, by the rowid of its sources row (see kProjectionSchema); a reference or
// claimant naming no source keeps its text. The claims table is written again with the
// claimant as an integer column (rowids kept: the search indexes name claims by them); the
// view the full-text index reads is made again after it (UpgradeToVersion11).
constexpr const char* kSourceRefsOfVersion11 = R"sql(
CREATE TABLE source_refs(source INTEGER NOT NULL, seq INTEGER NOT NULL,
  PRIMARY KEY(source, seq)) WITHOUT ROWID;
INSERT INTO source_refs(source, seq)
  SELECT s.rowid, r.seq FROM event_refs r JOIN sources s ON s.id = r.entity ORDER BY 1, 2;
DELETE FROM event_refs WHERE entity IN (SELECT id FROM sources);
DROP VIEW claims_searchable;
)sql";
constexpr const char* kClaimsOfVersion11 = R"sql(
INSERT INTO claims_v11(rowid, id, text, claimant, status, rating, date, context, ref, status_at,
    seq, at, actor, year, verdict_seq)
  SELECT c.rowid, c.id, c.text, coalesce((SELECT s.rowid FROM sources s WHERE s.id = c.claimant),
    c.claimant), c.status, c.rating, c.date, c.context, c.ref, c.status_at, c.seq, c.at, c.actor,
    c.year, c.verdict_seq FROM claims c ORDER BY c.rowid;
DROP TABLE claims;
ALTER TABLE claims_v11 RENAME TO claims;
CREATE INDEX claims_claimant ON claims(claimant, rating, year);
CREATE INDEX claims_ref ON claims(ref) WHERE ref IS NOT NULL;
)sql";

// A file older than version 11 opened read-only: its references to sources shown as
// source_refs, and event_refs without them (nor, older than version 8, those to claims).
constexpr const char* kVersion11Views = R"sql(
CREATE TEMP VIEW source_refs AS
  SELECT s.rowid AS source, r.seq AS seq FROM main.event_refs r JOIN main.sources s
  ON s.id = r.entity;
)sql";
constexpr const char* kVersion11EventRefs = R"sql(
CREATE TEMP VIEW event_refs AS
  SELECT entity, seq FROM main.event_refs r
  WHERE NOT EXISTS (SELECT 1 FROM main.sources s WHERE s.id = r.entity)
)sql";
constexpr const char* kVersion8EventRefs =
    " AND NOT EXISTS (SELECT 1 FROM main.claims c WHERE c.id = r.entity)";

// A file older than version 9 opened read-only: it has no recent buckets.
constexpr const char* kVersion9Views = R"sql(
CREATE TEMP VIEW claim_lsh_recent AS SELECT 0 AS bucket, 0 AS claim WHERE 0;
)sql";

void UpgradeToVersion11(Connection& connection) {
  connection.Exec(kSourceRefsOfVersion11);
  connection.Exec(ClaimsTable("claims_v11"));
  connection.Exec(kClaimsOfVersion11);
  connection.Exec(kClaimsSearchableView);
}

void UpgradeToVersion3(Connection& connection) {
  connection.Exec(kSnapshotSearchSchema);
  Statement snapshots = connection.Prepare("SELECT rowid, hash FROM snapshots ORDER BY rowid");
  while (snapshots.Step()) IndexSnapshotText(connection, snapshots.Int(0), snapshots.Text(1));
}

// Brings the schema from `version` up to kSchemaVersion, one step per version, in one
// transaction. Version 0 is an empty file.
void Migrate(Connection& connection, int version) {
  if (version == kSchemaVersion) return;
  connection.Exec("BEGIN IMMEDIATE");
  try {
    // Read again under the write lock: another process may have migrated meanwhile.
    version = static_cast<int>(connection.PragmaInt("user_version"));
    if (version < 1) {
      connection.Exec(kLogSchema);
      connection.Exec(kTreeSchema);
      connection.Exec(kProjectionSchema);
      connection.Exec(ClaimsTable("claims"));
      connection.Exec(kProjectionIndexes);
      CreateSearchIndexes(connection);
      connection.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    } else {
      if (version < 2) connection.Exec(kUpgradeToVersion2);
      if (version < 3) UpgradeToVersion3(connection);
      if (version < 4) UpgradeToVersion4(connection);
      if (version < 5) UpgradeToVersion5(connection);
      if (version < 6) UpgradeToVersion6(connection);
      if (version < 7) UpgradeToVersion7(connection);
      if (version < 8) connection.Exec(kUpgradeToVersion8);
      if (version < 9) connection.Exec(kUpgradeToVersion9);
      if (version < 10) connection.Exec(kUpgradeToVersion10);
      if (version < 11) UpgradeToVersion11(connection);
      // Later versions add their steps here: if (version < 12) { ... }
    }
    connection.Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion));
    connection.Exec("COMMIT");
  } catch (...) {
    if (connection.InTransaction())
      sqlite3_exec(connection.db(), "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

}  // namespace

void CreateSearchIndexes(Connection& connection) {
  connection.Exec(kClaimPartedTexts);
  connection.Exec(kClaimsSearchableView);
  connection.Exec(kClaimsFullTextIndex);
  connection.Exec(kSearchSchema);
}

std::optional<std::string> PartedSearchableText(const std::string& text,
                                                const std::optional<std::string>& context) {
  std::string searchable = SearchableText(text, context);
  if (searchable.size() == text.size() + (context ? context->size() + 1 : 0)) return std::nullopt;
  return searchable;
}

void ReadEvent(const Statement& s, Event* event) {
  event->seq = s.Int(0);
  event->prev.assign(s.View(1));
  event->type.assign(s.View(2));
  event->at.assign(s.View(3));
  event->actor.assign(s.View(4));
  event->data.assign(s.View(5));
  event->hash.assign(s.View(6));
}

void WriteBucketRows(Connection& connection, const char* table,
                     std::vector<std::pair<std::int64_t, std::int64_t>>& rows) {
  std::sort(rows.begin(), rows.end());
  // 64 rows a statement: one statement a row spent as long starting and ending each statement
  // as inserting its row.
  constexpr std::size_t kRowsAStatement = 64;
  const std::string insert =
      std::string("INSERT OR IGNORE INTO ") + table + "(bucket, claim) VALUES ";
  std::size_t next = 0;
  if (rows.size() >= kRowsAStatement) {
    std::string values;
    for (std::size_t i = 0; i < kRowsAStatement; ++i) values += i ? ", (?, ?)" : "(?, ?)";
    Statement many = connection.Prepare(insert + values);
    for (; next + kRowsAStatement <= rows.size(); next += kRowsAStatement) {
      for (std::size_t i = 0; i < kRowsAStatement; ++i) {
        const int index = static_cast<int>(2 * i + 1);
        many.Bind(index, rows[next + i].first).Bind(index + 1, rows[next + i].second);
      }
      many.Run();
      many.Reset();
    }
  }
  Statement one = connection.Prepare(insert + "(?1, ?2)");
  for (; next < rows.size(); ++next) {
    one.Bind(1, rows[next].first).Bind(2, rows[next].second);
    one.Run();
    one.Reset();
  }
}

void IndexSnapshotText(Connection& connection, std::int64_t rowid, const std::string& hash) {
  Statement content = connection.Prepare("SELECT bytes FROM contents WHERE hash = ?1");
  if (!content.Bind(1, hash).Step()) return;
  const std::string_view text = content.View(0);
  if (FirstInvalidUtf8(text) != std::string::npos) return;
  connection.Prepare("INSERT INTO snapshots_fts(rowid, text) VALUES (?1, ?2)")
      .Bind(1, rowid)
      .Bind(2, SeparateCharacters(text))
      .Run();
}

std::string SourceIdOf(const std::string& column) {
  return "CASE WHEN typeof(" + column +
         ") = 'integer' THEN (SELECT id FROM sources WHERE rowid = " + column + ") ELSE " + column +
         " END";
}

std::string ClaimantIs(const std::string& column, const std::string& id) {
  return column + " IN (" + id + ", (SELECT rowid FROM sources WHERE id = " + id + "))";
}

std::unordered_map<std::int64_t, std::string> SourceIdsByRowid(Connection& connection) {
  std::unordered_map<std::int64_t, std::string> ids;
  Statement sources = connection.Prepare("SELECT rowid, id FROM sources");
  while (sources.Step()) ids.emplace(sources.Int(0), sources.Text(1));
  return ids;
}

void ShowOlderFileAsCurrent(Connection& connection) {
  const std::int64_t version = connection.PragmaInt("user_version");
  if (version >= 1 && version < 8) connection.Exec(kVersion8Views);
  if (version >= 1 && version < 9) connection.Exec(kVersion9Views);
  if (version >= 1 && version < 11) {
    connection.Exec(kVersion11Views);
    connection.Exec(std::string(kVersion11EventRefs) + (version < 8 ? kVersion8EventRefs : ""));
  }
}

void OpenSchema(Connection& connection, const std::string& path, bool create, bool read_only) {
  // Read the header first: nothing is written to a file that is not a ledger.
  std::int64_t application_id, version, objects;
  try {
    application_id = connection.PragmaInt("application_id");
    version = connection.PragmaInt("user_version");
    objects = connection.PragmaInt("schema_version");
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
                "\"" + path + "\" holds no ledger; create a desk there with: claimledger init \"" +
                    path + "\" (or claimledger.open(path) in Python)");
  }
  if (!read_only) {
    if (path != ":memory:") connection.Exec("PRAGMA journal_mode=WAL");
    Migrate(connection, static_cast<int>(version));
  }
}

}  // namespace claimledger
