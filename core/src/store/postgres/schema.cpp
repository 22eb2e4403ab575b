// A desk's tables on a PostgreSQL server (schema.h).
#include "store/postgres/schema.h"

#include <functional>
#include <optional>

#include "claimledger/error.h"
#include "store/postgres/search_terms.h"
#include "store/store.h"
#include "text/words.h"

namespace claimledger {
namespace {

// The tables, as store/sqlite/schema.cpp has them (the same columns in the same order, which
// store/tables.h digests), with PostgreSQL's types. Every TEXT column compares bytewise
// (COLLATE "C", added by Ddl below), as SQLite's do, so that orderings and key checks do not
// depend on the database's locale. A claim's and a snapshot's seq (of the event that added
// it) is unique: the search tables name claims and snapshots by it.
constexpr const char* kTables = R"sql(
CREATE TABLE desk(version integer NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE events(
  seq bigint PRIMARY KEY, prev TEXT NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, hash TEXT NOT NULL);
CREATE INDEX events_at ON events(at);
CREATE TABLE contents(hash TEXT PRIMARY KEY, bytes bytea NOT NULL);
-- The Merkle tree's stored subtree hashes (ledger/merkle_log.h).
CREATE TABLE tree_nodes(level integer NOT NULL, idx bigint NOT NULL, hash bytea NOT NULL,
  PRIMARY KEY(level, idx));
CREATE TABLE event_refs(entity TEXT NOT NULL, seq bigint NOT NULL, PRIMARY KEY(entity, seq));
CREATE TABLE sources(
  id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, url TEXT, affiliation TEXT,
  reliability TEXT, reliability_at TEXT, ref TEXT, attributes TEXT NOT NULL,
  seq bigint NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE snapshots(
  hash TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size bigint NOT NULL, url TEXT, title TEXT,
  publisher TEXT, published TEXT, retrieved TEXT,
  seq bigint NOT NULL UNIQUE, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE claims(
  id TEXT PRIMARY KEY, text TEXT NOT NULL, claimant TEXT, status TEXT NOT NULL, rating TEXT,
  date TEXT, context TEXT, ref TEXT, status_at TEXT NOT NULL,
  seq bigint NOT NULL UNIQUE, at TEXT NOT NULL, actor TEXT NOT NULL, year bigint,
  verdict_seq bigint);
CREATE TABLE claim_tags(claim TEXT NOT NULL, tag TEXT NOT NULL, PRIMARY KEY(claim, tag));
CREATE TABLE appearances(
  claim TEXT NOT NULL, snapshot TEXT NOT NULL, exact TEXT NOT NULL, prefix TEXT NOT NULL,
  suffix TEXT NOT NULL, quote_start bigint NOT NULL, quote_end bigint NOT NULL,
  PRIMARY KEY(claim, snapshot, quote_start));
CREATE TABLE evidence(
  id TEXT PRIMARY KEY, claim TEXT NOT NULL, snapshot TEXT NOT NULL, exact TEXT NOT NULL,
  prefix TEXT NOT NULL, suffix TEXT NOT NULL, quote_start bigint NOT NULL,
  quote_end bigint NOT NULL, stance TEXT NOT NULL, note TEXT, credibility TEXT,
  seq bigint NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE TABLE verdicts(
  seq bigint PRIMARY KEY, claim TEXT NOT NULL, rating TEXT NOT NULL, rationale TEXT NOT NULL,
  evidence TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, made_at TEXT NOT NULL,
  from_ledger TEXT);
CREATE TABLE source_ratings(
  seq bigint PRIMARY KEY, source TEXT NOT NULL, grade TEXT NOT NULL, rationale TEXT NOT NULL,
  at TEXT NOT NULL, actor TEXT NOT NULL);
CREATE INDEX claims_claimant ON claims(claimant, rating, year);
CREATE INDEX claims_ref ON claims(ref) WHERE ref IS NOT NULL;
CREATE INDEX sources_ref ON sources(ref) WHERE ref IS NOT NULL;
CREATE INDEX evidence_claim ON evidence(claim);
CREATE INDEX evidence_snapshot ON evidence(snapshot);
CREATE INDEX appearances_snapshot ON appearances(snapshot);
CREATE INDEX source_ratings_source ON source_ratings(source, seq);
CREATE INDEX verdicts_claim ON verdicts(claim, made_at, seq);
)sql";

// The search tables (pg_search.cpp). A claim's row holds the distinct terms of its searchable
// text (its text and context, SearchableText in store/store.h: the tokens of FTS5's unicode61
// tokenizer, store/sqlite/fts_tokenizer.h, as SQLite's index holds them) as a tsvector and its
// token count, and the near-duplicate buckets of its text alone (text/min_hash.h);
// GIN indexes find the claims holding terms or buckets. A snapshot that is UTF-8 text has a
// row of its terms and token count. A text whose terms are more than a tsvector holds keeps the
// first (all_terms false) and is looked at for every query (search_terms.h). search_totals keeps
// the row and token counts of each, which BM25 ranks by (as FTS5 keeps them).
constexpr const char* kSearchTables = R"sql(
CREATE TABLE claims_search(
  claim bigint PRIMARY KEY, terms tsvector NOT NULL, all_terms boolean NOT NULL,
  length bigint NOT NULL, buckets bigint[] NOT NULL);
CREATE INDEX claims_search_terms ON claims_search USING gin(terms);
CREATE INDEX claims_search_some_terms ON claims_search(claim) WHERE NOT all_terms;
CREATE INDEX claims_search_buckets ON claims_search USING gin(buckets);
CREATE TABLE snapshots_search(
  snapshot bigint PRIMARY KEY, terms tsvector NOT NULL, all_terms boolean NOT NULL,
  length bigint NOT NULL);
CREATE INDEX snapshots_search_terms ON snapshots_search USING gin(terms);
CREATE TABLE search_totals(name TEXT PRIMARY KEY, rows bigint NOT NULL, tokens bigint NOT NULL);
INSERT INTO search_totals(name, rows, tokens) VALUES ('claims', 0, 0), ('snapshots', 0, 0);
)sql";

// How many claims hold each term (of the search rows holding all their terms), which similar()
// weighs a word by and BM25 ranks by: one row to read where the GIN index would read a common
// term's whole list. The store adds each batch's counts with its search rows (one statement);
// a count left at 0 stays. Desk version 4.
constexpr const char* kClaimTerms =
    "CREATE TABLE claim_terms(term TEXT PRIMARY KEY, claims bigint NOT NULL)";

// The events and contents are append-only whoever asks, the table's owner included: a trigger
// refuses every UPDATE, DELETE and TRUNCATE, but for deleting a new desk's one event (and then
// its contents), which an import replaces with the imported chain (Store::ClearLedger).
// SQLSTATE CL001 is claimledger's own (connection.cpp reads it). OLD.seq is read only for an
// event: a content's row has no seq, and reading it would fail with another error.
constexpr const char* kAppendOnly = R"sql(
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
  IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
    IF TG_TABLE_NAME = 'events' THEN
      IF OLD.seq = 1 AND NOT EXISTS (SELECT 1 FROM @.events WHERE seq <> 1) THEN
        RETURN OLD;
      END IF;
    ELSIF NOT EXISTS (SELECT 1 FROM @.events) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'the % of a claimledger desk are append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'CL001';
END
$body$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER contents_append_only BEFORE UPDATE OR DELETE ON contents
  FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER contents_no_truncate BEFORE TRUNCATE ON contents
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
)sql";

// The tables a writer may update and delete rows of: every table but the events and contents
// (rebuild() empties and fills them again).
constexpr const char* kRewritable =
    "sources, snapshots, claims, claim_tags, appearances, evidence, verdicts, source_ratings, "
    "event_refs, claims_search, snapshots_search, search_totals, claim_terms, tree_nodes";

std::string Quoted(const std::string& identifier) { return "\"" + identifier + "\""; }

// `sql` made ready to run in `schema`: TEXT columns compare bytewise, and "@" names the schema.
std::string Ddl(std::string sql, const std::string& schema) {
  for (std::size_t at = 0; (at = sql.find(" TEXT", at)) != std::string::npos; at += 5) {
    sql.insert(at + 5, " COLLATE \"C\"");
  }
  for (std::size_t at = 0; (at = sql.find('@', at)) != std::string::npos;) {
    sql.replace(at, 1, Quoted(schema));
    at += schema.size() + 2;
  }
  return sql;
}

bool SchemaExists(PgConnection& connection, const std::string& schema) {
  return connection.Run("SELECT 1 FROM pg_namespace WHERE nspname = $1", PgParams().Text(schema))
             .Rows() > 0;
}

// The desk's version, or nothing when its schema has no desk table.
std::optional<int> DeskVersion(PgConnection& connection, const std::string& schema) {
  const PgResult table = connection.Run(
      "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relname = 'desk'",
      PgParams().Text(schema));
  if (table.Rows() == 0) return std::nullopt;
  const PgResult version = connection.Run("SELECT version FROM " + Quoted(schema) + ".desk");
  if (version.Rows() != 1) return std::nullopt;
  return static_cast<int>(version.Int(0, 0));
}

void CreateDesk(PgConnection& connection, const std::string& schema) {
  connection.Exec("CREATE SCHEMA " + Quoted(schema));
  connection.Exec("SET LOCAL search_path = " + Quoted(schema));
  connection.Exec(Ddl(kTables, schema));
  connection.Exec(Ddl(kSearchTables, schema));
  connection.Exec(Ddl(kClaimTerms, schema));
  connection.Exec(Ddl(kAppendOnly, schema));
  connection.Run("INSERT INTO desk(version, created_at) VALUES ($1, now()::text)",
                 PgParams().Int(kPgSchemaVersion));
}

// Makes the search rows of the claims that condition `which` (SQL over `c`, the claims table)
// selects, and `changes` keeps, again as this core makes them (the terms and token count of the
// searchable text, the buckets of the text), a thousand claims a statement; the claims' token
// total follows.
void RewriteClaimSearchRows(
    PgConnection& connection, const std::string& which,
    const std::function<bool(const std::string&, const std::optional<std::string>&)>& changes) {
  constexpr int kClaimsAStatement = 1000;
  FtsTokenizer tokenizer;
  std::int64_t after = -1;
  std::int64_t added_tokens = 0;
  for (;;) {
    const PgResult claims = connection.Run(
        "SELECT c.seq, c.text, c.context, x.length FROM claims c JOIN claims_search x "
        "ON x.claim = c.seq WHERE (" +
            which + ") AND c.seq > $1 ORDER BY c.seq LIMIT $2",
        PgParams().Int(after).Int(kClaimsAStatement));
    if (claims.Rows() == 0) break;
    std::vector<std::int64_t> seqs, lengths;
    std::vector<std::string> terms, all_terms, buckets;
    for (int row = 0; row < claims.Rows(); ++row) {
      const std::string text = claims.Text(row, 1);
      const std::optional<std::string> context =
          claims.IsNull(row, 2) ? std::nullopt : std::optional<std::string>(claims.Text(row, 2));
      if (!changes(text, context)) continue;
      const TextTerms searchable = TermsOf(tokenizer, SearchableText(text, context));
      seqs.push_back(claims.Int(row, 0));
      terms.push_back(searchable.tsvector);
      all_terms.push_back(searchable.all_terms ? "t" : "f");
      lengths.push_back(searchable.length);
      buckets.push_back(BucketArray(text));
      added_tokens += searchable.length - claims.Int(row, 3);
    }
    after = claims.Int(claims.Rows() - 1, 0);
    if (seqs.empty()) continue;
    connection.Run(
        "UPDATE claims_search s SET terms = u.terms::tsvector, all_terms = u.all_terms::boolean, "
        "length = u.length, buckets = u.buckets::bigint[] FROM unnest($1::bigint[], $2::text[], "
        "$3::text[], $4::bigint[], $5::text[]) AS u(claim, terms, all_terms, length, buckets) "
        "WHERE s.claim = u.claim",
        PgParams()
            .Text(IntArray(seqs))
            .Text(TextArray(terms))
            .Text(TextArray(all_terms))
            .Text(IntArray(lengths))
            .Text(TextArray(buckets)));
  }
  connection.Run("UPDATE search_totals SET tokens = tokens + $1 WHERE name = 'claims'",
                 PgParams().Int(added_tokens));
}

// Version 2: a claim's context is searched with its text. The search rows of the claims that
// have a context are made again (their buckets, those of the text alone, are the same).
void UpgradeToVersion2(PgConnection& connection) {
  RewriteClaimSearchRows(
      connection, "c.context IS NOT NULL",
      [](const std::string&, const std::optional<std::string>&) { return true; });
}

// Version 3: Chinese and Japanese characters are words of their own (text/words.h). The search
// rows of the claims that hold them are made again (a regular expression of their Unicode blocks
// finds the claims that may; HoldsCharacterWords decides), and those of the snapshots that hold
// them; the token totals follow.
void UpgradeToVersion3(PgConnection& connection) {
  // The blocks of CJK punctuation to half-width forms, and the supplementary ideographs.
  const std::string may_hold = R"re('[\u3000-\uffef]|[\U00020000-\U0003ffff]')re";
  RewriteClaimSearchRows(connection, "c.text ~ " + may_hold + " OR c.context ~ " + may_hold,
                         [](const std::string& text, const std::optional<std::string>& context) {
                           return HoldsCharacterWords(text) ||
                                  (context && HoldsCharacterWords(*context));
                         });
  FtsTokenizer tokenizer;
  std::int64_t added_tokens = 0;
  // Snapshots: their bytes are UTF-8 text wherever they have a search row (read whole: a desk
  // has few snapshots next to its claims).
  const PgResult snapshots = connection.Run(
      "SELECT x.snapshot, b.bytes, x.length FROM snapshots_search x JOIN snapshots s "
      "ON s.seq = x.snapshot JOIN contents b ON b.hash = s.hash");
  for (int row = 0; row < snapshots.Rows(); ++row) {
    const std::string text = snapshots.Bytes(row, 1);
    if (!HoldsCharacterWords(text)) continue;
    const TextTerms searchable = TermsOf(tokenizer, text);
    connection.Run(
        "UPDATE snapshots_search SET terms = $2::tsvector, all_terms = $3, length = $4 "
        "WHERE snapshot = $1",
        PgParams()
            .Int(snapshots.Int(row, 0))
            .Text(searchable.tsvector)
            .Text(searchable.all_terms ? "t" : "f")
            .Int(searchable.length));
    added_tokens += searchable.length - snapshots.Int(row, 2);
  }
  connection.Run("UPDATE search_totals SET tokens = tokens + $1 WHERE name = 'snapshots'",
                 PgParams().Int(added_tokens));
}

// Version 4: claim_terms counts the claims holding each term, from the search rows there are,
// and the roles granted claims_search get the same grants on it (a writer that adds search rows
// adds to it).
void UpgradeToVersion4(PgConnection& connection, const std::string& schema) {
  connection.Exec(Ddl(kClaimTerms, schema));
  connection.Exec(std::string("INSERT INTO claim_terms(term, claims) ") + ClaimTermsCounted());
  const PgResult grants = connection.Run(
      "SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END, "
      "a.privilege_type FROM pg_class c, aclexplode(c.relacl) a "
      "WHERE c.oid = 'claims_search'::regclass AND a.grantee <> c.relowner");
  for (int row = 0; row < grants.Rows(); ++row) {
    connection.Exec("GRANT " + grants.Text(row, 1) + " ON claim_terms TO " + grants.Text(row, 0));
  }
}

// Brings the desk from `version` to kPgSchemaVersion under the desk's lock (no writer appends
// meanwhile), one step per version, in one transaction. A role that may not write the desk's
// tables (an auditor, or a writer: the desk table is its owner's) gets a permission error
// saying that the desk's owner must open it once.
void UpgradeDesk(PgConnection& connection, const std::string& schema, int version,
                 const std::string& where) {
  connection.Exec("BEGIN");
  try {
    connection.Run("SELECT pg_advisory_xact_lock($1)", PgParams().Int(DeskLockKey(schema)));
    connection.Exec("SET LOCAL search_path = " + Quoted(schema));
    // Read again under the lock: another process may have upgraded it meanwhile.
    version = *DeskVersion(connection, schema);
    if (version < 2) UpgradeToVersion2(connection);
    if (version < 3) UpgradeToVersion3(connection);
    if (version < 4) UpgradeToVersion4(connection, schema);
    // Version 5: no index of the events' hash prefixes, which no query has used since a merge
    // asks whether the desk holds an event by its time (Store::KnowsEvent).
    if (version < 5) connection.Exec("DROP INDEX IF EXISTS events_hash_prefix");
    // Version 6: a large batch writes its claims' search rows through a second connection,
    // committed before the batch (PgStore::SendClaimSearchRows), and reads leave out the rows
    // of claims after the desk's last (kClaimHeld). Nothing changes in the tables: the version
    // keeps older cores, which would count a batch's rows before its commit, from the desk.
    // Later versions add their steps here: if (version < 7) { ... }
    connection.Run("UPDATE desk SET version = $1", PgParams().Int(kPgSchemaVersion));
    connection.Exec("COMMIT");
  } catch (const Error& error) {
    connection.Abort();
    if (error.id() != "claimledger.store.permission") throw;
    throw Error(Code::kStorage, "claimledger.store.permission",
                "the " + where + " has desk version " + std::to_string(version) +
                    ", which this claimledger upgrades to " + std::to_string(kPgSchemaVersion) +
                    " when it opens it; the upgrade failed, nothing was changed (open the desk "
                    "once as its owner, the role that created it): " +
                    error.detail());
  } catch (...) {
    connection.Abort();
    throw;
  }
}

}  // namespace

namespace {

// FNV-1a of `name`: the same key in every process, whatever its build.
std::int64_t LockKey(const std::string& name) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return static_cast<std::int64_t>(hash);
}

}  // namespace

std::int64_t DeskLockKey(const std::string& schema) { return LockKey("claimledger:" + schema); }

std::int64_t ClaimSearchLockKey(const std::string& schema) {
  return LockKey("claimledger search rows:" + schema);
}

std::vector<std::string> ListPgDesks(PgConnection& connection) {
  const PgResult desks = connection.Run(
      "SELECT substr(n.nspname, 13) FROM pg_namespace n JOIN pg_class c "
      "ON c.relnamespace = n.oid AND c.relname = 'desk' "
      "WHERE n.nspname LIKE 'claimledger\\_%' ORDER BY 1");
  std::vector<std::string> names;
  for (int row = 0; row < desks.Rows(); ++row) names.push_back(desks.Text(row, 0));
  return names;
}

// `desk "korea" of the PostgreSQL server at ...`, for messages.
std::string DeskWhere(const PostgresLocation& location) {
  return "desk \"" + location.desk + "\" of the PostgreSQL server at " + location.server;
}

void OpenPgSchema(PgConnection& connection, bool create, int busy_timeout_ms) {
  const PostgresLocation& location = connection.location();
  const std::string& schema = location.schema;
  const std::string where = DeskWhere(location);
  std::optional<int> version;
  bool exists = SchemaExists(connection, schema);
  if (exists) version = DeskVersion(connection, schema);
  if (!exists && create) {
    // Created under the desk's lock: two processes creating it at once make one desk.
    connection.Exec("BEGIN");
    try {
      connection.Run("SELECT pg_advisory_xact_lock($1)", PgParams().Int(DeskLockKey(schema)));
      if (!SchemaExists(connection, schema)) CreateDesk(connection, schema);
      connection.Exec("COMMIT");
      exists = true;
    } catch (...) {
      connection.Abort();
      throw;
    }
    version = DeskVersion(connection, schema);
  }
  if (!exists) {
    const std::vector<std::string> desks = ListPgDesks(connection);
    std::string there;
    for (const std::string& desk : desks) there += (there.empty() ? "" : ", ") + desk;
    throw Error(Code::kNotFound, "claimledger.store.missing",
                "there is no " + where + " (the database holds " +
                    (desks.empty() ? std::string("no desk") : "the desks " + there) +
                    "); create it with: claimledger init URL (or claimledger.open(URL) in Python)");
  }
  if (!version) {
    throw Error(Code::kStorage, "claimledger.store.not_a_ledger",
                "the schema " + schema + " for the " + where +
                    " exists but is not a claimledger desk; nothing was written to it");
  }
  if (*version > kPgSchemaVersion) {
    throw Error(Code::kStorage, "claimledger.store.newer_schema",
                "the " + where + " was written with desk schema version " +
                    std::to_string(*version) + "; this claimledger reads versions up to " +
                    std::to_string(kPgSchemaVersion) + ": upgrade claimledger to open it");
  }
  if (*version < kPgSchemaVersion) UpgradeDesk(connection, schema, *version, where);
  // Every (re)connection: the desk's tables by their plain names, the busy timeout for the
  // write lock, and commits that wait for the server's disk whatever its configuration.
  connection.SetSetup("SET search_path = " + Quoted(schema) + "; SET lock_timeout = '" +
                      std::to_string(busy_timeout_ms) + "ms'; SET synchronous_commit = on");
  connection.Exec(connection.setup());
}

void DropEmptyPgDesk(PgConnection& connection) {
  const std::string& schema = connection.location().schema;
  connection.Exec("BEGIN");
  try {
    connection.Run("SELECT pg_advisory_xact_lock($1)", PgParams().Int(DeskLockKey(schema)));
    const std::int64_t events =
        connection.Run("SELECT count(*) FROM " + Quoted(schema) + ".events").Int(0, 0);
    if (events > 1) {
      throw Error(Code::kInvalidInput, "claimledger.store.not_empty",
                  "the " + DeskWhere(connection.location()) + " holds " + std::to_string(events) +
                      " events; only a desk holding nothing but its first event is removed");
    }
    connection.Exec("DROP SCHEMA " + Quoted(schema) + " CASCADE");
    connection.Exec("COMMIT");
  } catch (...) {
    connection.Abort();
    throw;
  }
}

void GrantPgDeskAccess(PgConnection& connection, const std::string& role, bool writer) {
  const std::string schema = Quoted(connection.location().schema);
  if (connection.Run("SELECT 1 FROM pg_roles WHERE rolname = $1", PgParams().Text(role)).Rows() ==
      0) {
    throw Error(Code::kNotFound, "claimledger.store.no_role",
                "the PostgreSQL server at " + connection.location().server + " has no role \"" +
                    role + "\"; create it first (CREATE ROLE name LOGIN PASSWORD '...')");
  }
  std::string who = "\"";
  for (const char c : role) who.append(c == '"' ? 2 : 1, c);  // a quote is doubled
  who += '"';
  connection.Exec("BEGIN");
  try {
    connection.Exec("GRANT USAGE ON SCHEMA " + schema + " TO " + who);
    connection.Exec("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + who);
    if (writer) {
      connection.Exec("GRANT INSERT ON ALL TABLES IN SCHEMA " + schema + " TO " + who);
      std::string tables;
      for (std::string_view rest = kRewritable; !rest.empty();) {
        const std::size_t comma = rest.find(", ");
        tables += (tables.empty() ? "" : ", ") + schema + "." + std::string(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 2);
      }
      connection.Exec("GRANT UPDATE, DELETE ON " + tables + " TO " + who);
    }
    connection.Exec("COMMIT");
  } catch (...) {
    connection.Abort();
    throw;
  }
}

}  // namespace claimledger
