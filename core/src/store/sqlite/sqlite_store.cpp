// The SQLite store (sqlite_store.h): opening, transactions, events, contents, and the writes
// of the tables of current state.
#include "store/sqlite/sqlite_store.h"

#include <cstdio>
#include <limits>

#include "claimledger/error.h"
#include "codec/canonical_json.h"
#include "store/sqlite/schema.h"

namespace claimledger {
namespace {

std::optional<Event> OneEvent(Statement& statement) {
  if (!statement.Step()) return std::nullopt;
  Event event;
  ReadEvent(statement, &event);
  return event;
}

Statement& BindOrigin(Statement& s, int first, const Origin& origin) {
  return s.Bind(first, origin.seq).Bind(first + 1, origin.at).Bind(first + 2, origin.actor);
}

Statement& BindQuote(Statement& s, int first, const Quote& quote) {
  s.Bind(first, quote.snapshot).Bind(first + 1, quote.exact).Bind(first + 2, quote.prefix);
  s.Bind(first + 3, quote.suffix).Bind(first + 4, static_cast<std::int64_t>(quote.start));
  return s.Bind(first + 5, static_cast<std::int64_t>(quote.end));
}

// The seq and hash of the last event that `connection` sees; (0, "") when none.
std::pair<std::int64_t, std::string> Head(Connection& connection) {
  Statement last = connection.Prepare("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1");
  if (!last.Step()) return {0, ""};
  return {last.Int(0), last.Text(1)};
}

// A file: URI naming `path`, with `query`; the characters a URI gives a meaning are escaped.
std::string FileUri(const std::string& path, const std::string& query) {
  std::string uri = "file:";
  static const char kHex[] = "0123456789ABCDEF";
  for (const unsigned char c : path) {
    if (c == '%' || c == '?' || c == '#' || c < 0x20) {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    } else {
      uri += static_cast<char>(c);
    }
  }
  return uri + "?" + query;
}

// Whether `connection` can read its file's header (a WAL-mode file cannot be read where SQLite
// can neither open nor create its -shm file: a folder that cannot be written).
bool CanRead(Connection& connection) {
  try {
    connection.PragmaInt("schema_version");
    return true;
  } catch (const Error&) {
    return false;
  }
}

// Whether the -wal file beside `path` holds changes not yet written into the file itself.
bool WalHoldsChanges(const std::string& path) {
  std::FILE* wal = std::fopen((path + "-wal").c_str(), "rb");
  if (wal == nullptr) return false;
  const bool any = std::fgetc(wal) != EOF;
  std::fclose(wal);
  return any;
}

std::unique_ptr<Connection> OpenConnection(const std::string& path, int flags,
                                           const StoreOptions& options) {
  auto connection = std::make_unique<Connection>();
  int rc = SQLITE_OK;
  if (!connection->Open(path, flags, &rc)) {
    if ((rc & 0xff) == SQLITE_CANTOPEN && !options.create) {
      throw Error(Code::kNotFound, "claimledger.store.missing",
                  "no ledger at \"" + path + "\"; create a desk there with: claimledger init \"" +
                      path + "\" (or claimledger.open(path) in Python)");
    }
    ThrowSqlite(connection->db(), rc, "cannot open \"" + path + "\"");
  }
  return connection;
}

}  // namespace

std::unique_ptr<Store> OpenSqliteStore(const std::string& path, const StoreOptions& options) {
  // NOMUTEX: a store is used by one thread at a time (the workbench serialises its calls).
  int flags =
      (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  if (options.create && !options.read_only) flags |= SQLITE_OPEN_CREATE;
  auto connection = OpenConnection(path, flags, options);
  if (options.read_only && path != ":memory:" && !CanRead(*connection)) {
    // Read-only media: SQLite cannot make the -shm file through which a WAL-mode file is read.
    // A file whose changes are all in it cannot change there, so it is read as immutable
    // (no locks, no -shm); a -wal file still holding changes would be ignored that way.
    if (WalHoldsChanges(path)) {
      throw Error(Code::kStorage, "claimledger.store.read_only",
                  "\"" + path +
                      "\" is on read-only media and its -wal file holds changes not yet "
                      "written into the ledger file; open it once where it can be written "
                      "(copy both files there), then archive it again");
    }
    connection = OpenConnection(FileUri(path, "immutable=1"), flags | SQLITE_OPEN_URI, options);
  }
  if (!options.read_only && path != ":memory:" && sqlite3_db_readonly(connection->db(), "main")) {
    throw Error(Code::kStorage, "claimledger.store.read_only",
                "\"" + path +
                    "\" is read-only (the file or its folder cannot be written); open it with "
                    "read_only=True (the command line's reading commands do) to read it");
  }
  sqlite3_busy_timeout(connection->db(), options.busy_timeout_ms);
  OpenSchema(*connection, path, options.create, options.read_only);
  // A 128 MB page cache: bulk loads and imports touch large indexes with random keys (claim
  // ids, claimants, references, the recent near-duplicate buckets), which at 1,000,000 claims
  // outgrow 64 MB (bench/README.md, "A larger page cache").
  connection->Exec(
      "PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF; PRAGMA temp_store=FILE; "
      "PRAGMA cache_size=-131072");
  // After temp_store, whose change drops the temporary schema.
  if (options.read_only) ShowOlderFileAsCurrent(*connection);
  return std::make_unique<SqliteStore>(std::move(connection), !options.read_only);
}

SqliteStore::SqliteStore(std::unique_ptr<Connection> connection, bool copy_log_beside)
    : connection_(std::move(connection)) {
  const char* file = sqlite3_db_filename(connection_->db(), "main");
  if (copy_log_beside && file && *file) {  // not a private in-memory ledger
    checkpointer_ = std::make_unique<WalCheckpointer>(connection_->db(), file);
  }
}

// --- transactions -------------------------------------------------------------------------

void SqliteStore::BeginWrite() {
  ForgetTransaction();
  connection_->Exec("BEGIN IMMEDIATE");
}

void SqliteStore::BeginRead() { connection_->Exec("BEGIN DEFERRED"); }

void SqliteStore::Commit() {
  const std::int64_t first_recent = WritePendingBuckets();  // after every queued write
  connection_.Stop();
  ForgetTransaction();
  connection_->Exec("COMMIT");
  first_recent_claim_ = first_recent;  // known once committed (a move rolled back is not)
}

void SqliteStore::Rollback() noexcept {
  connection_.Discard();
  ForgetTransaction();
  if (connection_->InTransaction()) {
    sqlite3_exec(connection_->db(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void SqliteStore::BetweenRecords() {
  if (connection_.queuing()) {
    connection_.HandOver();
  } else {
    connection_.Queue();
  }
}

void SqliteStore::ForgetTransaction() {
  pending_buckets_.clear();
  last_claim_.clear();
  last_claim_row_.reset();
  next_claim_rowid_ = 0;
  next_source_rowid_ = 0;
  source_rowids_.clear();
  bucket_rows_ = 0;
}

// --- events -------------------------------------------------------------------------------

std::optional<Event> SqliteStore::LastEvent() {
  Statement statement =
      connection_->Prepare(std::string(kEventSelect) + " ORDER BY seq DESC LIMIT 1");
  return OneEvent(statement);
}

std::optional<Event> SqliteStore::EventAt(std::int64_t seq) {
  Statement statement = connection_->Prepare(std::string(kEventSelect) + " WHERE seq = ?1");
  statement.Bind(1, seq);
  return OneEvent(statement);
}

std::int64_t SqliteStore::EventCount() {
  Statement statement = connection_->Prepare("SELECT coalesce(max(seq), 0) FROM events");
  statement.Step();
  return statement.Int(0);
}

std::int64_t SqliteStore::LastSeqAt(const std::string& time) {
  Statement statement =
      connection_->Prepare("SELECT coalesce(max(seq), 0) FROM events WHERE at <= ?1");
  statement.Bind(1, time).Step();
  return statement.Int(0);
}

void SqliteStore::AppendEvent(const Event& event) {
  connection_.Write(
      [](Connection& connection, const Event& e) {
        Statement statement = connection.Prepare(
            "INSERT INTO events(seq, prev, type, at, actor, data, hash) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        statement.Bind(1, e.seq).Bind(2, e.prev).Bind(3, e.type).Bind(4, e.at);
        statement.Bind(5, e.actor).Bind(6, e.data).Bind(7, e.hash).Run();
      },
      event);
}

void SqliteStore::ScanEvents(std::int64_t from, std::int64_t to,
                             const std::function<bool(const Event&)>& visit) {
  // A plain range, so that the scan stops at `to` (with "?2 < 0 OR seq <= ?2" SQLite read on
  // to the end of the table, filtering).
  Statement statement =
      connection_->Prepare(std::string(kEventSelect) + " WHERE seq BETWEEN ?1 AND ?2 ORDER BY seq");
  statement.Bind(1, from).Bind(2, to < 0 ? std::numeric_limits<std::int64_t>::max() : to);
  Event event;
  while (statement.Step()) {
    ReadEvent(statement, &event);
    if (!visit(event)) break;
  }
}

std::vector<Event> SqliteStore::EventsAbout(const std::string& entity) {
  // A claim's references are in claim_refs (schema version 8), a source's in source_refs
  // (version 11), by the rowid of its row.
  Statement statement = connection_->Prepare(
      std::string(kEventSelect) +
      " WHERE seq IN (SELECT seq FROM event_refs WHERE entity = ?1 UNION ALL SELECT r.seq "
      "FROM claims c JOIN claim_refs r ON r.claim = c.rowid WHERE c.id = ?1 UNION ALL SELECT "
      "r.seq FROM sources s JOIN source_refs r ON r.source = s.rowid WHERE s.id = ?1) "
      "ORDER BY seq");
  statement.Bind(1, entity);
  std::vector<Event> events;
  while (statement.Step()) ReadEvent(statement, &events.emplace_back());
  return events;
}

bool SqliteStore::KnowsEvent(const std::string& hash, const std::string& at) {
  // Through the index of times (events_at), whose keys grow as events are appended; "+hash"
  // keeps SQLite from planning anything else.
  Statement statement = connection_->Prepare(
      "SELECT 1 FROM events WHERE at = ?2 AND +hash = ?1 "
      "UNION ALL "
      "SELECT 1 FROM event_refs WHERE entity = ?1 LIMIT 1");
  return statement.Bind(1, hash).Bind(2, at).Step();
}

// --- contents -----------------------------------------------------------------------------

bool SqliteStore::HasContent(const std::string& hash) {
  Statement statement = connection_->Prepare("SELECT 1 FROM contents WHERE hash = ?1");
  return statement.Bind(1, hash).Step();
}

void SqliteStore::PutContent(const std::string& hash, std::string_view bytes) {
  connection_->Prepare("INSERT OR IGNORE INTO contents(hash, bytes) VALUES (?1, ?2)")
      .Bind(1, hash)
      .BindBlob(2, bytes)
      .Run();
}

std::optional<std::string> SqliteStore::GetContent(const std::string& hash) {
  Statement statement = connection_->Prepare("SELECT bytes FROM contents WHERE hash = ?1");
  if (!statement.Bind(1, hash).Step()) return std::nullopt;
  return statement.Text(0);
}

void SqliteStore::ScanContents(
    const std::function<void(const std::string&, std::string_view)>& visit) {
  Statement statement = connection_->Prepare("SELECT hash, bytes FROM contents ORDER BY hash");
  while (statement.Step()) visit(statement.Text(0), statement.View(1));
}

// --- tables of current state: writes -------------------------------------------------------

void SqliteStore::PutSource(const Source& source) {
  // The rowid is given here, so that the references to the source (source_refs) know it before
  // the row is written on the connection's thread.
  const std::int64_t rowid = NextRowid("sources", next_source_rowid_);
  source_rowids_[source.id] = rowid;
  connection_.Write(
      [](Connection& connection, const Source& s, std::int64_t rowid) {
        Statement statement = connection.Prepare(
            "INSERT INTO sources(rowid, id, name, kind, url, affiliation, reliability, ref, "
            "attributes, seq, at, actor) "
            "VALUES (?12, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        statement.Bind(1, s.id).Bind(2, s.name).Bind(3, s.kind).Bind(4, s.url);
        statement.Bind(5, s.affiliation).Bind(6, s.reliability).Bind(7, s.ref);
        statement.Bind(8, s.attributes).Bind(12, rowid);
        BindOrigin(statement, 9, s.origin).Run();
      },
      source, rowid);
}

void SqliteStore::PutSnapshot(const Snapshot& s) {
  Statement statement = connection_->Prepare(
      "INSERT INTO snapshots(hash, sha256, size, url, title, publisher, published, retrieved, "
      "seq, at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
  statement.Bind(1, s.hash).Bind(2, s.sha256).Bind(3, s.size).Bind(4, s.url);
  statement.Bind(5, s.title).Bind(6, s.publisher).Bind(7, s.published).Bind(8, s.retrieved);
  BindOrigin(statement, 9, s.origin).Run();
  // The content is stored before its snapshot.added event is applied (adding, merging,
  // importing and as_of copies all do so).
  IndexSnapshotText(*connection_, sqlite3_last_insert_rowid(connection_->db()), s.hash);
}

namespace {

// Writes claim `c`'s row at `rowid` with `state`, its claimant by the rowid of its source when
// `claimant` has one, and the rows of its tags and appearances.
void InsertClaim(Connection& connection, const Claim& c, std::int64_t rowid,
                 const std::optional<std::int64_t>& claimant, const ClaimState& state) {
  {
    Statement statement = connection.Prepare(
        "INSERT INTO claims(rowid, id, text, claimant, status, rating, date, context, ref, "
        "status_at, seq, at, actor, year, verdict_seq) "
        "VALUES (?13, ?1, ?2, ?3, ?4, ?14, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?15)");
    statement.Bind(1, c.id).Bind(2, c.text).Bind(4, state.status);
    if (claimant) {
      statement.Bind(3, *claimant);
    } else {
      statement.Bind(3, c.claimant);
    }
    statement.Bind(5, c.date).Bind(6, c.context).Bind(7, c.ref).Bind(8, state.status_at);
    BindOrigin(statement, 9, c.origin);
    statement.Bind(12, ClaimYear(c.date ? *c.date : c.origin.at)).Bind(13, rowid);
    statement.Bind(14, state.rating).Bind(15, state.verdict_seq).Run();
  }
  // Verdicts that came before their claim (merged from another desk) named it by its text id.
  // Looked for first: an UPDATE that may change several rows opens a statement savepoint, which
  // makes the full-text index write out its pending terms: every claim of a load, in one run 20%
  // more time.
  if (connection.Prepare("SELECT 1 FROM verdicts WHERE claim = ?1").Bind(1, c.id).Step()) {
    connection.Prepare("UPDATE verdicts SET claim = ?1 WHERE claim = ?2")
        .Bind(1, rowid)
        .Bind(2, c.id)
        .Run();
  }
  for (const std::string& tag : c.tags) {
    connection.Prepare("INSERT INTO claim_tags(claim, tag) VALUES (?1, ?2)")
        .Bind(1, rowid)
        .Bind(2, tag)
        .Run();
  }
  for (const Quote& quote : c.appearances) {
    Statement statement = connection.Prepare(
        "INSERT INTO appearances(claim, snapshot, exact, prefix, suffix, quote_start, "
        "quote_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    statement.Bind(1, c.id);
    BindQuote(statement, 2, quote).Run();
  }
}

}  // namespace

void SqliteStore::PutClaim(const Claim& claim) {
  const std::int64_t rowid = NextRowid("claims", next_claim_rowid_);
  // A new claim has no verdict; its status was set when it was made.
  const ClaimState state{claim.status, claim.origin.made_at, std::nullopt, std::nullopt, ""};
  const std::optional<std::int64_t> claimant =
      claim.claimant ? SourceRowid(*claim.claimant) : std::nullopt;
  if (connection_.queuing()) {
    last_claim_row_ = std::make_shared<ClaimRow>(ClaimRow{claim, rowid, claimant, state});
    last_claim_hand_overs_ = connection_.hand_overs();
    connection_.Write(
        [](Connection& connection, const std::shared_ptr<ClaimRow>& row) {
          InsertClaim(connection, row->claim, row->rowid, row->claimant, row->state);
        },
        last_claim_row_);
  } else {
    InsertClaim(*connection_, claim, rowid, claimant, state);
    last_claim_row_.reset();
  }
  IndexClaim(rowid, claim.text, claim.context);
  last_claim_ = claim.id;
  last_claim_rowid_ = rowid;
  last_claim_state_ = state;
}

std::int64_t SqliteStore::NextRowid(const char* table, std::int64_t& next) {
  if (next == 0) {
    Statement last =
        connection_->Prepare(std::string("SELECT coalesce(max(rowid), 0) FROM ") + table);
    last.Step();
    next = last.Int(0) + 1;
  }
  return next++;
}

void SqliteStore::PutEvidence(const Evidence& e) {
  Statement statement = connection_->Prepare(
      "INSERT INTO evidence(id, claim, snapshot, exact, prefix, suffix, quote_start, quote_end, "
      "stance, note, credibility, seq, at, actor) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  statement.Bind(1, e.id).Bind(2, e.claim);
  BindQuote(statement, 3, e.quote).Bind(9, e.stance).Bind(10, e.note).Bind(11, e.credibility);
  BindOrigin(statement, 12, e.origin).Run();
}

void SqliteStore::PutVerdict(const Verdict& verdict) {
  connection_.Write(
      [](Connection& connection, const Verdict& v, const std::optional<std::int64_t>& claim,
         const std::string& evidence) {
        Statement statement = connection.Prepare(
            "INSERT INTO verdicts(seq, claim, rating, rationale, evidence, at, actor, made_at, "
            "from_ledger) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        statement.Bind(1, v.origin.seq).Bind(3, v.rating).Bind(4, v.rationale);
        // The claim by its rowid; a verdict on a claim id the ledger does not hold keeps the
        // text.
        if (claim) {
          statement.Bind(2, *claim);
        } else {
          statement.Bind(2, v.claim);
        }
        statement.Bind(5, evidence).Bind(6, v.origin.at).Bind(7, v.origin.actor);
        statement.Bind(8, v.origin.made_at).Bind(9, v.origin.from_ledger).Run();
      },
      verdict, ClaimRowid(verdict.claim), CanonicalJson(verdict.evidence));
}

void SqliteStore::PutSourceRating(const SourceRating& r) {
  Statement statement = connection_->Prepare(
      "INSERT INTO source_ratings(seq, source, grade, rationale, at, actor) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  statement.Bind(1, r.origin.seq).Bind(2, r.source).Bind(3, r.grade).Bind(4, r.rationale);
  statement.Bind(5, r.origin.at).Bind(6, r.origin.actor).Run();
}

void SqliteStore::PutEventRef(const std::string& entity, std::int64_t seq) {
  // A claim's references go to claim_refs and a source's to source_refs, by the rowid of its
  // row; other entities', and an id that names no claim or source, to event_refs by their text.
  const auto write_keyed = [&](const char* insert, std::int64_t key) {
    connection_.Write(
        [](Connection& connection, const char* insert, std::int64_t key, std::int64_t seq) {
          connection.Prepare(insert).Bind(1, key).Bind(2, seq).Run();
        },
        insert, key, seq);
  };
  if (entity.rfind("clm_", 0) == 0) {
    if (const std::optional<std::int64_t> claim = ClaimRowid(entity)) {
      write_keyed("INSERT INTO claim_refs(claim, seq) VALUES (?1, ?2)", *claim);
      return;
    }
  } else if (entity.rfind("src_", 0) == 0) {
    if (const std::optional<std::int64_t> source = SourceRowid(entity)) {
      write_keyed("INSERT INTO source_refs(source, seq) VALUES (?1, ?2)", *source);
      return;
    }
  }
  connection_.Write(
      [](Connection& connection, const std::string& entity, std::int64_t seq) {
        connection.Prepare("INSERT INTO event_refs(entity, seq) VALUES (?1, ?2)")
            .Bind(1, entity)
            .Bind(2, seq)
            .Run();
      },
      entity, seq);
}

std::optional<std::int64_t> SqliteStore::SourceRowid(const std::string& id) {
  if (const auto found = source_rowids_.find(id); found != source_rowids_.end()) {
    return found->second;
  }
  Statement statement = connection_->Prepare("SELECT rowid FROM sources WHERE id = ?1");
  if (!statement.Bind(1, id).Step()) return std::nullopt;
  return source_rowids_[id] = statement.Int(0);
}

std::unordered_set<std::string> SqliteStore::SourcesAmong(const std::vector<std::string>& ids) {
  std::unordered_set<std::string> sources;
  for (const std::string& id : ids) {
    if (SourceRowid(id)) sources.insert(id);
  }
  return sources;
}

std::optional<std::int64_t> SqliteStore::ClaimRowid(const std::string& id) {
  if (!last_claim_.empty() && id == last_claim_) return last_claim_rowid_;
  Statement statement = connection_->Prepare("SELECT rowid FROM claims WHERE id = ?1");
  if (!statement.Bind(1, id).Step()) return std::nullopt;
  return statement.Int(0);
}

// A claim's state is found and set by its rowid: the claim added last (whose verdict follows it
// in a batch) is then found without a look into the index of claim ids, whose keys are random.
std::optional<ClaimState> SqliteStore::FindClaimState(const std::string& claim) {
  if (!last_claim_.empty() && claim == last_claim_) return last_claim_state_;
  const std::optional<std::int64_t> rowid = ClaimRowid(claim);
  if (!rowid) return std::nullopt;
  Statement statement = connection_->Prepare(
      "SELECT c.status, c.status_at, c.rating, c.verdict_seq, v.made_at FROM claims c "
      "LEFT JOIN verdicts v ON v.seq = c.verdict_seq WHERE c.rowid = ?1");
  if (!statement.Bind(1, *rowid).Step()) return std::nullopt;
  return ClaimState{statement.Text(0), statement.Text(1), statement.OptionalText(2),
                    statement.OptionalInt(3), statement.Text(4)};
}

void SqliteStore::SetClaimState(const std::string& claim, const ClaimState& state) {
  const std::optional<std::int64_t> rowid = ClaimRowid(claim);
  if (!rowid) return;
  if (claim == last_claim_) {
    last_claim_state_ = state;
    if (last_claim_row_ && connection_.hand_overs() == last_claim_hand_overs_) {
      last_claim_row_->state = state;  // its row is not written yet: it is written so
      return;
    }
  }
  connection_.Write(
      [](Connection& connection, std::int64_t rowid, const ClaimState& state) {
        connection
            .Prepare(
                "UPDATE claims SET status = ?2, status_at = ?3, rating = ?4, verdict_seq = ?5 "
                "WHERE rowid = ?1")
            .Bind(1, rowid)
            .Bind(2, state.status)
            .Bind(3, state.status_at)
            .Bind(4, state.rating)
            .Bind(5, state.verdict_seq)
            .Run();
      },
      *rowid, state);
}

std::optional<SourceState> SqliteStore::FindSourceState(const std::string& source) {
  Statement statement =
      connection_->Prepare("SELECT reliability, reliability_at FROM sources WHERE id = ?1");
  if (!statement.Bind(1, source).Step()) return std::nullopt;
  return SourceState{statement.OptionalText(0), statement.OptionalText(1)};
}

void SqliteStore::SetSourceState(const std::string& source, const SourceState& state) {
  connection_->Prepare("UPDATE sources SET reliability = ?2, reliability_at = ?3 WHERE id = ?1")
      .Bind(1, source)
      .Bind(2, state.reliability)
      .Bind(3, state.reliability_at)
      .Run();
}

void SqliteStore::ClearProjections() {
  ForgetTransaction();
  for (const TableLayout& layout : TableLayouts()) {
    connection_->Exec(std::string("DELETE FROM ") + layout.name);
  }
  connection_->Exec("DELETE FROM claim_refs; DELETE FROM source_refs");
  RecreateSearchIndexes();
}

void SqliteStore::ClearLedger() {
  ClearProjections();
  connection_->Exec("DELETE FROM events; DELETE FROM contents; DELETE FROM tree_nodes");
}

// --- the Merkle tree's stored nodes -------------------------------------------------------

void SqliteStore::PutTreeNodes(const std::vector<std::pair<TreeNodeId, TreeHash>>& nodes) {
  if (nodes.empty()) return;
  connection_.Write(
      [](Connection& connection, const std::vector<std::pair<TreeNodeId, TreeHash>>& nodes) {
        Statement insert = connection.Prepare(
            "INSERT OR REPLACE INTO tree_nodes(level, idx, hash) VALUES (?1, ?2, ?3)");
        for (const auto& [node, hash] : nodes) {
          insert.Bind(1, static_cast<std::int64_t>(node.level)).Bind(2, node.index);
          insert.BindBlob(3, BytesOf(hash)).Run();
          insert.Reset();
        }
      },
      nodes);
}

std::vector<std::optional<TreeHash>> SqliteStore::GetTreeNodes(
    const std::vector<TreeNodeId>& nodes) {
  std::vector<std::optional<TreeHash>> hashes;
  if (nodes.empty()) return hashes;
  Statement select =
      connection_->Prepare("SELECT hash FROM tree_nodes WHERE level = ?1 AND idx = ?2");
  for (const TreeNodeId& node : nodes) {
    select.Bind(1, static_cast<std::int64_t>(node.level)).Bind(2, node.index);
    hashes.push_back(select.Step() ? TreeHashFrom(select.View(0)) : std::nullopt);
    select.Reset();
  }
  return hashes;
}

void SqliteStore::ScanTreeNodes(
    const std::function<void(const TreeNodeId&, const TreeHash&)>& visit) {
  Statement scan = connection_->Prepare("SELECT level, idx, hash FROM tree_nodes");
  while (scan.Step()) {
    // A hash of the wrong length (an edit) is given as zeros: it differs from any real one.
    visit(TreeNodeId{static_cast<int>(scan.Int(0)), scan.Int(1)},
          TreeHashFrom(scan.View(2)).value_or(TreeHash{}));
  }
}

void SqliteStore::ClearTree() { connection_->Exec("DELETE FROM tree_nodes"); }

// --- verification -------------------------------------------------------------------------

std::unique_ptr<Store> SqliteStore::OpenSameSnapshot() {
  const char* file = sqlite3_db_filename(connection_->db(), "main");
  if (!file || !*file) return nullptr;  // a private in-memory ledger
  auto other = std::make_unique<Connection>();
  int rc = SQLITE_OK;
  if (!other->Open(file, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, &rc)) return nullptr;
  // The other connection reads the snapshot this one reads when nothing was committed
  // between its first look (before this read transaction began) and its own read
  // transaction (after): its data_version is then the same, and so is the head.
  try {
    const std::int64_t before = other->PragmaInt("data_version");
    const auto head = Head(*connection_);  // begins this read transaction
    ShowOlderFileAsCurrent(*other);
    other->Exec("BEGIN DEFERRED");
    if (other->PragmaInt("data_version") != before || Head(*other) != head) return nullptr;
  } catch (const Error&) {
    return nullptr;
  }
  return std::make_unique<SqliteStore>(std::move(other));
}

}  // namespace claimledger
