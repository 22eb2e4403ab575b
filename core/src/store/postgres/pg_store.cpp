// The PostgreSQL store (pg_store.h): opening, transactions, events, contents, and the writes
// of the tables of current state.
#include "store/postgres/pg_store.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "store/postgres/schema.h"
#include "store/postgres/search_terms.h"
#include "text/utf8.h"

namespace claimledger {
namespace {

// Events and contents are read in pages, so that a scan holds no open query while its visitor
// reads or writes (libpq runs one query at a time).
constexpr int kEventPage = 5000;
constexpr int kContentPage = 64;
// Pending rows are sent once they pass either bound (a rebuild or an import of a large desk).
constexpr std::int64_t kFlushRows = 200000;
constexpr std::size_t kFlushBytes = 128u << 20;
// Between the records of a batch, the pending rows are sent in the background once there are
// this many (about 1,100 claims with their verdicts), while the next records are prepared.
constexpr std::int64_t kSendRows = 10000;
// A transaction of at most this many rows (an add_claim's are about ten) sends them as INSERTs
// in the pipeline of the statements after them: one round trip for all, where COPY takes one a
// table.
constexpr std::size_t kInsertedRows = 32;
// The desk's size (its events) from which a commit that doubles it analyses its tables
// (AnalyzeTables): smaller tables are read whole whatever the plan.
constexpr std::int64_t kAnalyzeFrom = 1024;
// A commit that takes the head past a multiple of this many events merges the search indexes'
// pending entries (MergePendingSearchEntries), as a large batch's commit does: similar() reads
// the buckets' pending list once a bucket (8 writers: 268-281 claims/s against 251-265 with
// 1,024).
constexpr std::int64_t kMergeEvery = 128;

// The claims' search rows, as COPY's target.
constexpr const char* kClaimSearchCopy = "claims_search(claim, terms, all_terms, length, buckets)";

// Whether a desk's head that went from seq `before` to `after` passed a power of two of at
// least `from` (reached it, or went beyond it).
bool PassedPowerOfTwo(std::int64_t before, std::int64_t after, std::int64_t from) {
  std::int64_t power = from;
  while (power <= before) power *= 2;
  return power <= after;
}

// `copies` as INSERT statements of one row each, or nothing when they hold more than
// kInsertedRows rows or a NUL character (which a parameter cannot carry: COPY refuses it).
std::vector<std::pair<std::string, PgParams>> AsInserts(
    const std::vector<std::pair<std::string, std::string_view>>& copies) {
  std::vector<std::pair<std::string, PgParams>> inserts;
  for (const auto& [target, data] : copies) {
    for (std::size_t at = 0; at < data.size();) {
      if (inserts.size() == kInsertedRows) return {};  // a large batch: read no further
      const std::size_t end = std::min(data.find('\n', at), data.size());
      const std::string_view row = data.substr(at, end - at);
      if (row.find('\0') != std::string_view::npos) return {};
      PgParams params;
      std::string sql = "INSERT INTO " + target + " VALUES (";
      int n = 0;
      for (const std::optional<std::string>& field : CopyFields(row)) {
        if (n++) sql += ", ";
        sql += "$" + std::to_string(n);
        params.Text(field);
      }
      inserts.emplace_back(sql + ")", std::move(params));
      at = end + 1;
    }
  }
  return inserts;
}

void ReadEvent(const PgResult& r, int row, Event* event) {
  event->seq = r.Int(row, 0);
  event->prev.assign(r.View(row, 1));
  event->type.assign(r.View(row, 2));
  event->at.assign(r.View(row, 3));
  event->actor.assign(r.View(row, 4));
  event->data.assign(r.View(row, 5));
  event->hash.assign(r.View(row, 6));
}

// The events that refer to entity $1, oldest first.
constexpr const char* kEventsAboutSelect =
    "SELECT e.seq, e.prev, e.type, e.at, e.actor, e.data, e.hash FROM event_refs r "
    "JOIN events e ON e.seq = r.seq WHERE r.entity = $1 ORDER BY r.seq";

// The last event.
std::string HeadSelect() { return std::string(kEventSelect) + " ORDER BY seq DESC LIMIT 1"; }

// Deletes the search rows of claims after the desk's last (kClaimHeld) and counts them. The
// first condition, of two maxima read from the indexes' ends, is checked once before any row
// is read: almost always false, so that no row is, whatever the plan (one made while the table
// was small scans it whole).
const std::string& ClaimSearchRowsAfterTheLastDelete() {
  static const std::string sql =
      "WITH gone AS (DELETE FROM claims_search WHERE (SELECT max(claim) FROM claims_search) > "
      "(SELECT coalesce(max(seq), 0) FROM claims) AND NOT " +
      std::string(kClaimHeld) + " RETURNING 1) SELECT count(*) FROM gone";
  return sql;
}

// What the Merkle tree's next leaf reads (TreeAppender::Add), found from the head by the
// server: the events after the head's last multiple of 2^kStoredTreeLevel, and the stored nodes
// of that multiple's edge (MerkleFrontier::Edge: for each bit `level` set in it, node (level,
// (multiple >> level) - 1), from kStoredTreeLevel up). Without parameters, so that the server
// plans each once (with parameters it planned the edge's afresh at every call, 0.16 ms). The
// events' upper bound, the head, changes no row found: with a bound on both sides the planner
// prices few rows and reads the primary key (with the lower alone it priced a third of the
// table and scanned every event: 0.2 s at 600,000 events, at each write's start).
const std::string& ChunkEventsSelect() {
  static const std::string sql =
      std::string(kEventSelect) + " WHERE seq > (SELECT coalesce(max(seq), 0) & ~" +
      std::to_string((std::int64_t{1} << kStoredTreeLevel) - 1) +
      " FROM events) AND seq <= (SELECT max(seq) FROM events) ORDER BY seq";
  return sql;
}
const std::string& TreeEdgeSelect() {
  static const std::string sql =
      "SELECT t.level, t.idx, t.hash FROM (SELECT coalesce(max(seq), 0) & ~" +
      std::to_string((std::int64_t{1} << kStoredTreeLevel) - 1) +
      " AS size FROM events) h CROSS JOIN generate_series(" + std::to_string(kStoredTreeLevel) +
      ", 62) AS l(level) JOIN tree_nodes t ON t.level = l.level AND t.idx = (h.size >> l.level) "
      "- 1 WHERE ((h.size >> l.level) & 1) = 1";
  return sql;
}

std::vector<Event> Events(const PgResult& r) {
  std::vector<Event> events(r.Rows());
  for (int row = 0; row < r.Rows(); ++row) ReadEvent(r, row, &events[row]);
  return events;
}

std::optional<Event> OneEvent(const PgResult& r) {
  if (r.Rows() == 0) return std::nullopt;
  Event event;
  ReadEvent(r, 0, &event);
  return event;
}

CopyLine& Origin3(CopyLine& line, const Origin& origin) {
  return line.Int(origin.seq).Text(origin.at).Text(origin.actor);
}

CopyLine& QuoteColumns(CopyLine& line, const Quote& quote) {
  line.Text(quote.snapshot).Text(quote.exact).Text(quote.prefix).Text(quote.suffix);
  return line.Int(static_cast<std::int64_t>(quote.start)).Int(static_cast<std::int64_t>(quote.end));
}

Error RepeatedKey(const std::string& table, const std::string& key) {
  return Error(Code::kIntegrity, "claimledger.projection.repeated_key",
               "table " + table + " holds " + key + " already");
}

}  // namespace

std::unique_ptr<Store> OpenPgStore(const std::string& location, const StoreOptions& options) {
  auto connection = std::make_unique<PgConnection>(ParsePostgresLocation(location));
  OpenPgSchema(*connection, options.create && !options.read_only, options.busy_timeout_ms);
  if (options.read_only) {
    // The server refuses every write of this session too (after a reconnection as well).
    const std::string read_only = "SET default_transaction_read_only = on";
    const std::string& setup = connection->setup();
    connection->SetSetup(setup.empty() ? read_only : setup + "; " + read_only);
    connection->Exec(read_only);
  }
  return std::make_unique<PgStore>(std::move(connection), options.read_only);
}

PgStore::PgStore(std::unique_ptr<PgConnection> connection, bool read_only)
    : connection_(std::move(connection)), read_only_(read_only) {}

// --- transactions -------------------------------------------------------------------------

void PgStore::Begin(const std::string& begin, PgConnection::Statements opening,
                    std::function<void(const std::vector<PgResult>&)> read_opening) {
  ForgetBegun();
  begun_chunk_.clear();
  begun_edge_.clear();
  sent_rows_ = false;
  counted_phrases_.clear();
  sent_in_parts_ = false;
  AbortClaimSearchRows();
  claim_search_rows_ = ClaimSearchRows::kWithTheRest;
  first_appended_ = last_appended_ = 0;
  connection_->Reconnect();
  // Sent with the first statement.
  connection_->Begin(begin, std::move(opening), std::move(read_opening));
}

void PgStore::RequireWritable() const {
  if (read_only_) {
    throw Error(Code::kStorage, "claimledger.store.read_only",
                "the desk at " + connection_->location().server +
                    " was opened read-only; open it without read_only to write");
  }
}

void PgStore::BeginWrite() {
  RequireWritable();
  // The lock goes with the transaction's first statement (often the workbench's first read: a
  // ref, the identical claim), and every statement after it sees what the writer before
  // committed. With the lock, in the same round trip, what nearly every write reads: the head
  // (Ledger::Transaction) and the merges of sources (the workbench's aliases), which hold until
  // this transaction adds a row, as no other writer appends while the lock is held; and what
  // the tree's next leaf reads, rows that never change once written. Before those, the search
  // rows of claims after the desk's last are deleted (kClaimHeld: a large batch's whose commit
  // failed after its search rows'), once the second connection of the writer before, if any,
  // has ended its transaction (its lock, taken after the desk's and let go at once, in the
  // same select list; SendClaimSearchRows).
  const std::string& schema = connection_->location().schema;
  PgConnection::Statements opening = {
      {"SELECT pg_advisory_xact_lock($1), pg_advisory_lock($2), pg_advisory_unlock($2)",
       PgParams().Int(DeskLockKey(schema)).Int(ClaimSearchLockKey(schema))},
      {ClaimSearchRowsAfterTheLastDelete(), PgParams()},
      {HeadSelect(), PgParams()},
      {kEventsAboutSelect, PgParams().Text(kMergedSourcesEntity)},
      {ChunkEventsSelect(), PgParams()},
      {TreeEdgeSelect(), PgParams()},
  };
  Begin("BEGIN ISOLATION LEVEL READ COMMITTED", std::move(opening),
        [this](const std::vector<PgResult>& r) {
          // The second connection's rows would wait for the rows this transaction deleted.
          if (r[1].Int(0, 0) > 0) claim_search_rows_ = ClaimSearchRows::kWithTheRestThroughout;
          if (!sent_rows_ && pending_.rows == 0) {  // no row added before them
            begun_head_ = OneEvent(r[2]);
            begun_merges_ = Events(r[3]);
          }
          begun_chunk_ = Events(r[4]);
          for (int row = 0; row < r[5].Rows(); ++row) {
            begun_edge_[TreeNodeId{static_cast<int>(r[5].Int(row, 0)), r[5].Int(row, 1)}] =
                TreeHashFrom(r[5].Bytes(row, 2)).value_or(TreeHash{});
          }
        });
}

void PgStore::BeginRead() { Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }

void PgStore::Commit() {
  connection_->Wait();  // the rows sent in the background: their error is not the commit's
  try {
    Flush(/*commit=*/true);
  } catch (const Error& error) {
    // A statement refused (the transaction is left to roll back), or the connection lost
    // once the last rows and the COMMIT went: whether the server committed is not known.
    if (connection_->Ok()) throw;
    throw Error(Code::kStorage, "claimledger.store.connection",
                "lost the connection to the PostgreSQL server at " +
                    connection_->location().server +
                    " while committing: the server may or may not have written the change; "
                    "look at the desk's last events (history) before making it again; the next "
                    "call connects again (" +
                    error.detail() + ")");
  }
  // The head went from `before` to `after` (-1 and 0 when no event was appended: a rebuild).
  // A large batch merges, and leaves the statistics to autovacuum: analysing a desk of 300,000
  // claims takes about 0.8 s, once a doubling of a load (a 300,000-claim load took 35.7 s
  // with it, 30.2 without).
  const bool large = std::exchange(sent_in_parts_, false);
  const std::int64_t before = first_appended_ - 1, after = last_appended_;
  first_appended_ = last_appended_ = 0;
  if (large || after / kMergeEvery > before / kMergeEvery) {
    // Where the claims' search rows went.
    MergePendingSearchEntries(claim_search_rows_ == ClaimSearchRows::kBeside && search_connection_
                                  ? *search_connection_
                                  : *connection_);
  }
  if (!large && PassedPowerOfTwo(before, after, kAnalyzeFrom)) AnalyzeTables();
}

void PgStore::Rollback() noexcept {
  // A source seen on the server after this transaction sent rows may be one of its own.
  if (sent_rows_) known_sources_.clear();
  AbortClaimSearchRows();
  pending_ = Pending();
  connection_->RollbackLater();
}

// --- pending rows -------------------------------------------------------------------------

void PgStore::ForgetBegun() {
  begun_head_.reset();
  begun_merges_.reset();
}

void PgStore::Added(std::size_t bytes) {
  ForgetBegun();
  ++pending_.rows;
  pending_.bytes += bytes;
}

void PgStore::FlushIfLarge() {
  if (pending_.rows >= kFlushRows || pending_.bytes >= kFlushBytes) SendPending();
}

PgStore::PendingClaim* PgStore::FindPendingClaim(const std::string& id) {
  const auto found = pending_.claim_at.find(id);
  return found == pending_.claim_at.end() ? nullptr : &pending_.claims[found->second];
}

PgStore::PendingSource* PgStore::FindPendingSource(const std::string& id) {
  const auto found = pending_.source_at.find(id);
  return found == pending_.source_at.end() ? nullptr : &pending_.sources[found->second];
}

void PgStore::Flush(bool commit) {
  connection_->Wait();
  if (commit && claim_search_rows_ == ClaimSearchRows::kBeside) {
    // The last rows are written while the search rows' transaction, which must commit first,
    // does; then the COMMIT (which waits for those rows).
    SendInBackground(TakePending(), /*last=*/true);
    CommitClaimSearchRows();
    connection_->Exec("COMMIT");
    return;
  }
  if (pending_.Empty()) {
    if (commit) connection_->Exec("COMMIT");
    return;
  }
  const std::shared_ptr<Pending> sent = TakePending();
  SendClaimSearchRows(*sent);
  WriteRows(*connection_, *sent, commit);
}

void PgStore::BetweenRecords() {
  if (pending_.rows >= kSendRows) SendPending();
}

void PgStore::SendPending() {
  // The lock's reads are read on this thread, not the background's (they set members here).
  connection_->Open();
  sent_in_parts_ = true;
  std::shared_ptr<Pending> sent = TakePending();
  // The search totals and the term counts gain once a transaction, at its last flush (each
  // part sent would otherwise update the same rows of the common terms again).
  pending_.claim_terms = std::move(sent->claim_terms);
  sent->claim_terms.clear();
  std::swap(pending_.claim_rows, sent->claim_rows);
  std::swap(pending_.claim_tokens, sent->claim_tokens);
  std::swap(pending_.snapshot_rows, sent->snapshot_rows);
  std::swap(pending_.snapshot_tokens, sent->snapshot_tokens);
  if (claim_search_rows_ == ClaimSearchRows::kWithTheRest) {
    claim_search_rows_ = ClaimSearchRows::kBeside;
  }
  SendInBackground(std::move(sent), /*last=*/false);
}

std::shared_ptr<PgStore::Pending> PgStore::TakePending() {
  counted_phrases_.clear();
  sent_rows_ = true;
  auto sent = std::make_shared<Pending>(std::move(pending_));
  pending_ = Pending();
  return sent;
}

void PgStore::SendInBackground(std::shared_ptr<Pending> sent, bool last) {
  SendClaimSearchRows(*sent, last);
  if (sent->Empty()) return;
  PgConnection* connection = connection_.get();
  connection->SendInBackground([connection, sent] { WriteRows(*connection, *sent); });
}

void PgStore::AbortClaimSearchRows() noexcept {
  held_claim_search_.clear();
  if (std::exchange(claim_search_begun_, false)) search_connection_->Abort();
}

void PgStore::SendClaimSearchRows(Pending& sent, bool last) {
  if (claim_search_rows_ != ClaimSearchRows::kBeside) return;
  held_claim_search_ += sent.claims_search;
  sent.claims_search.clear();
  if (held_claim_search_.empty()) return;
  if (!last && search_connection_ && search_connection_->Busy() &&
      held_claim_search_.size() < kFlushBytes) {
    return;  // sent with the next part, or the last
  }
  if (!search_connection_) {
    try {
      auto search = std::make_unique<PgConnection>(connection_->location());
      search->SetSetup(connection_->setup());
      search->Exec(search->setup());
      search_connection_ = std::move(search);
    } catch (const Error&) {
      // Refused (the role's or the server's connection limit): the rows go with the rest.
      claim_search_rows_ = ClaimSearchRows::kWithTheRestThroughout;
      sent.claims_search = std::move(held_claim_search_);
      held_claim_search_.clear();
      return;
    }
  }
  PgConnection* search = search_connection_.get();
  if (!claim_search_begun_) {
    search->Reconnect();
    // Held until this connection's transaction ends: the next writer waits for it before it
    // deletes the rows of claims after the desk's last (BeginWrite), so that none of these is
    // committed after that (when the writer of this transaction died at its commit).
    search->Begin("BEGIN ISOLATION LEVEL READ COMMITTED",
                  {{"SELECT pg_advisory_xact_lock($1)",
                    PgParams().Int(ClaimSearchLockKey(connection_->location().schema))}});
    claim_search_begun_ = true;
  }
  auto rows = std::make_shared<std::string>(std::move(held_claim_search_));
  held_claim_search_.clear();
  search->SendInBackground([search, rows] { search->CopyAll({{kClaimSearchCopy, *rows}}); });
}

void PgStore::CommitClaimSearchRows() {
  if (!claim_search_begun_) return;
  search_connection_->Wait();
  claim_search_begun_ = false;  // ended, whether the COMMIT succeeds or not
  search_connection_->Exec("COMMIT");
}

void PgStore::MergePendingSearchEntries(PgConnection& on) noexcept {
  // After the commit, in a statement of its own, while the caller goes on: the batch is
  // written whatever becomes of this, so an error here is dropped (a lost connection is the
  // next call's to find, as it would be without it), and a merge that cannot start (no thread
  // to run it) is left to autovacuum; the commit must not be reported as failed.
  PgConnection* connection = &on;
  try {
    connection->SendInBackground([connection] {
      try {
        connection->Exec(
            "SELECT gin_clean_pending_list(c.oid) FROM pg_class c WHERE c.oid IN "
            "('claims_search_terms'::regclass, 'claims_search_buckets'::regclass, "
            "'snapshots_search_terms'::regclass) AND pg_has_role(c.relowner, 'USAGE')");
      } catch (const Error&) {
      }
    });
  } catch (...) {
  }
}

void PgStore::AnalyzeTables() noexcept {
  // As MergePendingSearchEntries: nothing here may report the commit as failed. The contents'
  // bytes are left out (no read plans by them, and reading a sample of them is long).
  PgConnection* connection = connection_.get();
  try {
    connection->SendInBackground([connection] {
      try {
        const PgResult owned = connection->Run(
            "SELECT string_agg(quote_ident(c.relname), ', ') FROM pg_class c JOIN pg_namespace n "
            "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' "
            "AND c.relname <> 'contents' AND pg_has_role(c.relowner, 'USAGE')");
        if (!owned.IsNull(0, 0)) connection->Exec("ANALYZE (SKIP_LOCKED) " + owned.Text(0, 0));
      } catch (const Error&) {
      }
    });
  } catch (...) {
  }
}

void PgStore::WriteRows(PgConnection& c, const Pending& sent, bool commit) {
  // A few rows (one add_claim's) go as INSERTs in the pipeline of the statements after them:
  // one round trip for all. More go by COPY, every table's in one query (a round trip a
  // table), then the statements in one pipeline.
  std::vector<std::pair<std::string, std::string_view>> copies;
  const auto copy = [&](const char* target, std::string_view rows) {
    if (!rows.empty()) copies.emplace_back(target, rows);
  };
  std::vector<std::pair<std::string, PgParams>> statements;
  copy("events(seq, prev, type, at, actor, data, hash)", sent.events);
  copy("contents(hash, bytes)", sent.contents);
  std::string source_rows;
  for (const PendingSource& pending : sent.sources) {
    const Source& s = pending.source;
    CopyLine line(source_rows);
    line.Text(s.id).Text(s.name).Text(s.kind).Text(s.url).Text(s.affiliation);
    line.Text(pending.state.reliability).Text(pending.state.reliability_at).Text(s.ref);
    Origin3(line.Text(s.attributes), s.origin).End();
  }
  copy(
      "sources(id, name, kind, url, affiliation, reliability, reliability_at, ref, attributes, "
      "seq, at, actor)",
      source_rows);
  std::string claim_rows;
  for (const PendingClaim& pending : sent.claims) {
    const Claim& claim = pending.claim;
    const ClaimState& state = pending.state;
    CopyLine line(claim_rows);
    line.Text(claim.id).Text(claim.text).Text(claim.claimant).Text(state.status);
    line.Text(state.rating).Text(claim.date).Text(claim.context).Text(claim.ref);
    Origin3(line.Text(state.status_at), claim.origin);
    line.Int(ClaimYear(claim.date ? *claim.date : claim.origin.at)).Int(state.verdict_seq).End();
  }
  copy(
      "claims(id, text, claimant, status, rating, date, context, ref, status_at, seq, at, actor, "
      "year, verdict_seq)",
      claim_rows);
  copy(
      "snapshots(hash, sha256, size, url, title, publisher, published, retrieved, seq, at, "
      "actor)",
      sent.snapshots);
  copy("claim_tags(claim, tag)", sent.claim_tags);
  copy("appearances(claim, snapshot, exact, prefix, suffix, quote_start, quote_end)",
       sent.appearances);
  copy(
      "evidence(id, claim, snapshot, exact, prefix, suffix, quote_start, quote_end, stance, "
      "note, credibility, seq, at, actor)",
      sent.evidence);
  copy("verdicts(seq, claim, rating, rationale, evidence, at, actor, made_at, from_ledger)",
       sent.verdicts);
  copy("source_ratings(seq, source, grade, rationale, at, actor)", sent.source_ratings);
  copy("event_refs(entity, seq)", sent.event_refs);
  copy(kClaimSearchCopy, sent.claims_search);
  copy("snapshots_search(snapshot, terms, all_terms, length)", sent.snapshots_search);
  // States set on rows sent before, and the Merkle tree's nodes: one statement each, of
  // arrays (a temporary table cost a new file at each TRUNCATE: 2-4 ms a transaction).
  if (!sent.claim_states.empty()) {
    std::vector<std::optional<std::string>> ids, statuses, status_ats, ratings;
    std::vector<std::optional<std::int64_t>> verdict_seqs;
    for (const auto& [id, state] : sent.claim_states) {
      ids.push_back(id);
      statuses.push_back(state.status);
      status_ats.push_back(state.status_at);
      ratings.push_back(state.rating);
      verdict_seqs.push_back(state.verdict_seq);
    }
    statements.emplace_back(
        "UPDATE claims c SET status = s.status, status_at = s.status_at, rating = s.rating, "
        "verdict_seq = s.verdict_seq FROM unnest($1::text[], $2::text[], $3::text[], "
        "$4::text[], $5::bigint[]) AS s(id, status, status_at, rating, verdict_seq) "
        "WHERE c.id = s.id",
        PgParams()
            .Text(TextArray(ids))
            .Text(TextArray(statuses))
            .Text(TextArray(status_ats))
            .Text(TextArray(ratings))
            .Text(IntArray(verdict_seqs)));
  }
  if (!sent.source_states.empty()) {
    std::vector<std::optional<std::string>> ids, reliabilities, reliability_ats;
    for (const auto& [id, state] : sent.source_states) {
      ids.push_back(id);
      reliabilities.push_back(state.reliability);
      reliability_ats.push_back(state.reliability_at);
    }
    statements.emplace_back(
        "UPDATE sources o SET reliability = s.reliability, reliability_at = s.reliability_at "
        "FROM unnest($1::text[], $2::text[], $3::text[]) AS s(id, reliability, reliability_at) "
        "WHERE o.id = s.id",
        PgParams()
            .Text(TextArray(ids))
            .Text(TextArray(reliabilities))
            .Text(TextArray(reliability_ats)));
  }
  if (!sent.tree_nodes.empty()) {
    std::vector<std::int64_t> levels, indexes;
    std::vector<std::string> hashes;
    for (const auto& [node, hash] : sent.tree_nodes) {
      levels.push_back(node.level);
      indexes.push_back(node.index);
      hashes.push_back(HexOf(BytesOf(hash)));
    }
    statements.emplace_back(
        "INSERT INTO tree_nodes(level, idx, hash) SELECT level, idx, decode(hash, 'hex') FROM "
        "unnest($1::integer[], $2::bigint[], $3::text[]) AS n(level, idx, hash) "
        "ON CONFLICT (level, idx) DO UPDATE SET hash = excluded.hash",
        PgParams().Text(IntArray(levels)).Text(IntArray(indexes)).Text(TextArray(hashes)));
  }
  if (!sent.claim_terms.empty()) {
    std::vector<std::string> terms;
    std::vector<std::int64_t> claims;
    for (const auto& [term, count] : sent.claim_terms) {
      terms.push_back(term);
      claims.push_back(count);
    }
    statements.emplace_back(
        "INSERT INTO claim_terms AS t(term, claims) SELECT * FROM unnest($1::text[], "
        "$2::bigint[]) ON CONFLICT (term) DO UPDATE SET claims = t.claims + excluded.claims",
        PgParams().Text(TextArray(terms)).Text(IntArray(claims)));
  }
  if (sent.claim_rows || sent.claim_tokens) {
    statements.emplace_back(
        "UPDATE search_totals SET rows = rows + $1, tokens = tokens + $2 WHERE name = 'claims'",
        PgParams().Int(sent.claim_rows).Int(sent.claim_tokens));
  }
  if (sent.snapshot_rows || sent.snapshot_tokens) {
    statements.emplace_back(
        "UPDATE search_totals SET rows = rows + $1, tokens = tokens + $2 "
        "WHERE name = 'snapshots'",
        PgParams().Int(sent.snapshot_rows).Int(sent.snapshot_tokens));
  }
  if (commit) statements.emplace_back("COMMIT", PgParams());
  std::vector<std::pair<std::string, PgParams>> inserts = AsInserts(copies);
  if (inserts.empty()) {
    c.CopyAll(copies);
  } else {
    statements.insert(statements.begin(), std::make_move_iterator(inserts.begin()),
                      std::make_move_iterator(inserts.end()));
  }
  c.RunAll(statements);
}

// --- events -------------------------------------------------------------------------------

std::optional<Event> PgStore::LastEvent() {
  connection_->Open();  // which reads it
  if (begun_head_) return *begun_head_;
  Flush();
  return OneEvent(connection_->Run(HeadSelect()));
}

std::optional<Event> PgStore::EventAt(std::int64_t seq) {
  if (pending_.first_event && seq >= pending_.first_event) Flush();
  return OneEvent(
      connection_->Run(std::string(kEventSelect) + " WHERE seq = $1", PgParams().Int(seq)));
}

std::int64_t PgStore::EventCount() {
  Flush();
  return connection_->Run("SELECT coalesce(max(seq), 0) FROM events").Int(0, 0);
}

std::int64_t PgStore::LastSeqAt(const std::string& time) {
  Flush();
  return connection_
      ->Run("SELECT coalesce(max(seq), 0) FROM events WHERE at <= $1", PgParams().Text(time))
      .Int(0, 0);
}

void PgStore::AppendEvent(const Event& event) {
  CopyLine line(pending_.events);
  line.Int(event.seq).Text(event.prev).Text(event.type).Text(event.at).Text(event.actor);
  Added(line.Text(event.data).Text(event.hash).End());
  pending_.known.insert(event.hash);
  if (!pending_.first_event) pending_.first_event = event.seq;
  if (!first_appended_) first_appended_ = event.seq;
  last_appended_ = event.seq;
}

void PgStore::ScanEvents(std::int64_t from, std::int64_t to,
                         const std::function<bool(const Event&)>& visit) {
  // Events before the pending ones are on the server: reading them sends nothing (the Merkle
  // tree's leaves of a transaction's first event are those).
  if (pending_.first_event && (to < 0 || to >= pending_.first_event)) Flush();
  if (to >= 0 && from > to) return;
  if (!begun_chunk_.empty() && to >= 0 && from >= begun_chunk_.front().seq &&
      to <= begun_chunk_.back().seq) {
    // Read with the lock (BeginWrite), when they follow each other as they should.
    const std::int64_t first = begun_chunk_.front().seq;
    if (begun_chunk_.back().seq - first + 1 == static_cast<std::int64_t>(begun_chunk_.size())) {
      for (std::int64_t seq = from; seq <= to; ++seq) {
        if (!visit(begun_chunk_[seq - first])) return;
      }
      return;
    }
  }
  Event event;
  // A plain range, so that an index scan stops at `to`.
  const std::int64_t last = to < 0 ? std::numeric_limits<std::int64_t>::max() : to;
  for (std::int64_t next = from;;) {
    const PgResult page = connection_->Run(
        std::string(kEventSelect) + " WHERE seq BETWEEN $1 AND $2 ORDER BY seq LIMIT $3",
        PgParams().Int(next).Int(last).Int(kEventPage));
    for (int row = 0; row < page.Rows(); ++row) {
      ReadEvent(page, row, &event);
      if (!visit(event)) return;
    }
    if (page.Rows() < kEventPage) return;
    next = event.seq + 1;
  }
}

std::vector<Event> PgStore::EventsAbout(const std::string& entity) {
  if (entity == kMergedSourcesEntity) {
    connection_->Open();  // which reads them
    if (begun_merges_) return *begun_merges_;
  }
  Flush();
  return Events(connection_->RunPlannedOnce(kEventsAboutSelect, PgParams().Text(entity)));
}

std::vector<Event> PgStore::EventsOfTypeAbout(const std::vector<std::string>& entities,
                                              const std::string& type) {
  Flush();
  const PgResult r = connection_->RunPlannedOnce(
      std::string(kEventSelect) +
          " WHERE seq IN (SELECT r.seq FROM unnest($1::text[]) AS q(entity) JOIN event_refs r "
          "ON r.entity = q.entity) AND type = $2 ORDER BY seq",
      PgParams().Text(TextArray(entities)).Text(type));
  std::vector<Event> events(r.Rows());
  for (int row = 0; row < r.Rows(); ++row) ReadEvent(r, row, &events[row]);
  return events;
}

bool PgStore::KnowsEvent(const std::string& hash, const std::string& at) {
  if (pending_.known.count(hash)) return true;
  // Through the index of times, as a ledger file does.
  return connection_
             ->Run(
                 "SELECT 1 FROM events WHERE at = $2 AND hash = $1 "
                 "UNION ALL SELECT 1 FROM event_refs WHERE entity = $1 LIMIT 1",
                 PgParams().Text(hash).Text(at))
             .Rows() > 0;
}

// --- contents -----------------------------------------------------------------------------

std::optional<std::string> PgStore::ContentBytes(const std::string& hash) {
  if (const auto found = pending_.content_bytes.find(hash); found != pending_.content_bytes.end()) {
    return found->second;
  }
  const PgResult r =
      connection_->Run("SELECT bytes FROM contents WHERE hash = $1", PgParams().Text(hash));
  if (r.Rows() == 0) return std::nullopt;
  return r.Bytes(0, 0);
}

bool PgStore::HasContent(const std::string& hash) {
  if (pending_.content_bytes.count(hash)) return true;
  return connection_->Run("SELECT 1 FROM contents WHERE hash = $1", PgParams().Text(hash)).Rows() >
         0;
}

void PgStore::PutContent(const std::string& hash, std::string_view bytes) {
  if (HasContent(hash)) return;  // stored once
  Added(CopyLine(pending_.contents).Text(hash).Bytes(bytes).End());
  pending_.content_bytes.emplace(hash, std::string(bytes));
}

std::optional<std::string> PgStore::GetContent(const std::string& hash) {
  return ContentBytes(hash);
}

void PgStore::ScanContents(const std::function<void(const std::string&, std::string_view)>& visit) {
  Flush();
  for (std::string after;;) {  // every hash is longer than ""
    const PgResult page =
        connection_->Run("SELECT hash, bytes FROM contents WHERE hash > $1 ORDER BY hash LIMIT $2",
                         PgParams().Text(after).Int(kContentPage));
    for (int row = 0; row < page.Rows(); ++row) visit(page.Text(row, 0), page.Bytes(row, 1));
    if (page.Rows() < kContentPage) return;
    after = page.Text(page.Rows() - 1, 0);
  }
}

// --- tables of current state: writes -------------------------------------------------------

void PgStore::PutSource(const Source& source) {
  if (FindPendingSource(source.id)) throw RepeatedKey("sources", source.id);
  pending_.source_at.emplace(source.id, pending_.sources.size());
  pending_.sources.push_back({source, SourceState{source.reliability, std::nullopt}});
  if (source.ref) pending_.source_refs.emplace(*source.ref, source.id);
  Added(source.name.size() + source.attributes.size() + 200);
  FlushIfLarge();
}

void PgStore::PutSnapshot(const Snapshot& s) {
  CopyLine line(pending_.snapshots);
  line.Text(s.hash).Text(s.sha256).Int(s.size).Text(s.url).Text(s.title).Text(s.publisher);
  Added(Origin3(line.Text(s.published).Text(s.retrieved), s.origin).End());
  // The content is stored before its snapshot.added event is applied (store.h).
  const std::optional<std::string> bytes = ContentBytes(s.hash);
  if (bytes && FirstInvalidUtf8(*bytes) == std::string::npos) {
    const TextTerms terms = TermsOf(tokenizer_, *bytes);
    CopyLine search(pending_.snapshots_search);
    search.Int(s.origin.seq).Text(terms.tsvector).Bool(terms.all_terms);
    Added(search.Int(terms.length).End());
    ++pending_.snapshot_rows;
    pending_.snapshot_tokens += terms.length;
  }
  FlushIfLarge();
}

void PgStore::PutClaim(const Claim& c) {
  if (FindPendingClaim(c.id)) throw RepeatedKey("claims", c.id);
  pending_.claim_at.emplace(c.id, pending_.claims.size());
  pending_.claims.push_back(
      {c, ClaimState{c.status, c.origin.made_at, std::nullopt, std::nullopt, std::string()}});
  PendingClaim& pending = pending_.claims.back();
  pending.claim.tags.clear();
  pending.claim.appearances.clear();
  if (c.ref) pending_.claim_refs.emplace(*c.ref, c.id);
  Added(c.text.size() + 200);
  for (const std::string& tag : c.tags) {
    Added(CopyLine(pending_.claim_tags).Text(c.id).Text(tag).End());
  }
  for (const Quote& quote : c.appearances) {
    CopyLine line(pending_.appearances);
    Added(QuoteColumns(line.Text(c.id), quote).End());
  }
  // Its terms and token count those of its text and context, its buckets those of its text.
  const TextTerms terms = TermsOf(tokenizer_, SearchableText(c.text, c.context));
  CopyLine search(pending_.claims_search);
  search.Int(c.origin.seq).Text(terms.tsvector).Bool(terms.all_terms).Int(terms.length);
  Added(search.Text(BucketArray(c.text)).End());
  ++pending_.claim_rows;
  pending_.claim_tokens += terms.length;
  if (terms.all_terms) {
    for (const std::string& term : terms.terms) ++pending_.claim_terms[term];
  }
  FlushIfLarge();
}

void PgStore::PutEvidence(const Evidence& e) {
  CopyLine line(pending_.evidence);
  QuoteColumns(line.Text(e.id).Text(e.claim), e.quote);
  line.Text(e.stance).Text(e.note).Text(e.credibility);
  Added(Origin3(line, e.origin).End());
  FlushIfLarge();
}

void PgStore::PutVerdict(const Verdict& v) {
  CopyLine line(pending_.verdicts);
  line.Int(v.origin.seq).Text(v.claim).Text(v.rating).Text(v.rationale);
  line.Text(CanonicalJson(v.evidence)).Text(v.origin.at).Text(v.origin.actor);
  Added(line.Text(v.origin.made_at).Text(v.origin.from_ledger).End());
  FlushIfLarge();
}

void PgStore::PutSourceRating(const SourceRating& r) {
  CopyLine line(pending_.source_ratings);
  line.Int(r.origin.seq).Text(r.source).Text(r.grade).Text(r.rationale);
  Added(line.Text(r.origin.at).Text(r.origin.actor).End());
  FlushIfLarge();
}

void PgStore::PutEventRef(const std::string& entity, std::int64_t seq) {
  Added(CopyLine(pending_.event_refs).Text(entity).Int(seq).End());
  pending_.known.insert(entity);
}

std::optional<ClaimState> PgStore::FindClaimState(const std::string& claim) {
  if (const PendingClaim* pending = FindPendingClaim(claim)) return pending->state;
  if (const auto found = pending_.claim_states.find(claim); found != pending_.claim_states.end()) {
    return found->second;
  }
  const PgResult r = connection_->Run(
      "SELECT c.status, c.status_at, c.rating, c.verdict_seq, v.made_at FROM claims c "
      "LEFT JOIN verdicts v ON v.seq = c.verdict_seq WHERE c.id = $1",
      PgParams().Text(claim));
  if (r.Rows() == 0) return std::nullopt;
  return ClaimState{r.Text(0, 0), r.Text(0, 1), r.OptionalText(0, 2), r.OptionalInt(0, 3),
                    r.Text(0, 4)};
}

void PgStore::SetClaimState(const std::string& claim, const ClaimState& state) {
  if (PendingClaim* pending = FindPendingClaim(claim)) {
    pending->state = state;
    return;
  }
  if (pending_.claim_states.insert_or_assign(claim, state).second) Added(100);
}

std::optional<SourceState> PgStore::FindSourceState(const std::string& source) {
  if (const PendingSource* pending = FindPendingSource(source)) return pending->state;
  if (const auto found = pending_.source_states.find(source);
      found != pending_.source_states.end()) {
    return found->second;
  }
  const PgResult r = connection_->Run(
      "SELECT reliability, reliability_at FROM sources WHERE id = $1", PgParams().Text(source));
  if (r.Rows() == 0) return std::nullopt;
  return SourceState{r.OptionalText(0, 0), r.OptionalText(0, 1)};
}

void PgStore::SetSourceState(const std::string& source, const SourceState& state) {
  if (PendingSource* pending = FindPendingSource(source)) {
    pending->state = state;
    return;
  }
  if (pending_.source_states.insert_or_assign(source, state).second) Added(100);
}

void PgStore::ClearProjections() {
  // The search rows sent through the second connection are removed too: with the rest.
  AbortClaimSearchRows();
  claim_search_rows_ = ClaimSearchRows::kWithTheRestThroughout;
  Flush();
  ForgetBegun();
  known_sources_.clear();
  for (const TableLayout& layout : TableLayouts()) {
    connection_->Exec(std::string("DELETE FROM ") + layout.name);
  }
  connection_->Exec(
      "DELETE FROM claims_search; DELETE FROM snapshots_search; DELETE FROM claim_terms; "
      "UPDATE search_totals SET rows = 0, tokens = 0");
}

void PgStore::ClearLedger() {
  ClearProjections();
  ClearTree();
  begun_chunk_.clear();
  connection_->Exec("DELETE FROM events; DELETE FROM contents");
}

// --- the Merkle tree's stored nodes --------------------------------------------------------

void PgStore::PutTreeNodes(const std::vector<std::pair<TreeNodeId, TreeHash>>& nodes) {
  for (const auto& [node, hash] : nodes) {
    if (pending_.tree_nodes.insert_or_assign(node, hash).second) Added(64);
  }
}

std::vector<std::optional<TreeHash>> PgStore::GetTreeNodes(const std::vector<TreeNodeId>& nodes) {
  std::vector<std::optional<TreeHash>> hashes(nodes.size());
  std::vector<std::int64_t> levels, indexes;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (const auto found = pending_.tree_nodes.find(nodes[i]); found != pending_.tree_nodes.end()) {
      hashes[i] = found->second;
      continue;
    }
    if (const auto found = begun_edge_.find(nodes[i]); found != begun_edge_.end()) {
      hashes[i] = found->second;
      continue;
    }
    levels.push_back(nodes[i].level);
    indexes.push_back(nodes[i].index);
  }
  if (levels.empty()) return hashes;
  // One round trip for a proof's nodes.
  const PgResult r = connection_->Run(
      "SELECT t.level, t.idx, t.hash FROM tree_nodes t JOIN unnest($1::integer[], $2::bigint[]) "
      "AS asked(level, idx) ON t.level = asked.level AND t.idx = asked.idx",
      PgParams().Text(IntArray(levels)).Text(IntArray(indexes)));
  std::map<TreeNodeId, TreeHash> found;
  for (int row = 0; row < r.Rows(); ++row) {
    // A hash of the wrong length (an edit) is given as zeros: it differs from any real one.
    found[TreeNodeId{static_cast<int>(r.Int(row, 0)), r.Int(row, 1)}] =
        TreeHashFrom(r.Bytes(row, 2)).value_or(TreeHash{});
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (hashes[i]) continue;
    if (const auto it = found.find(nodes[i]); it != found.end()) hashes[i] = it->second;
  }
  return hashes;
}

void PgStore::ScanTreeNodes(const std::function<void(const TreeNodeId&, const TreeHash&)>& visit) {
  Flush();
  const PgResult r = connection_->Run("SELECT level, idx, hash FROM tree_nodes");
  for (int row = 0; row < r.Rows(); ++row) {
    visit(TreeNodeId{static_cast<int>(r.Int(row, 0)), r.Int(row, 1)},
          TreeHashFrom(r.Bytes(row, 2)).value_or(TreeHash{}));
  }
}

void PgStore::ClearTree() {
  pending_.tree_nodes.clear();
  begun_edge_.clear();
  connection_->Exec("DELETE FROM tree_nodes");
}

// --- verification -------------------------------------------------------------------------

std::unique_ptr<Store> PgStore::OpenSameSnapshot() {
  try {
    const std::string snapshot = connection_->Run("SELECT pg_export_snapshot()").Text(0, 0);
    auto other = std::make_unique<PgConnection>(connection_->location());
    other->SetSetup(connection_->setup());
    other->Exec(other->setup());
    other->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    other->Exec("SET TRANSACTION SNAPSHOT '" + snapshot + "'");
    return std::make_unique<PgStore>(std::move(other), /*read_only=*/true);
  } catch (const Error&) {
    return nullptr;  // verify reads on one connection instead
  }
}

}  // namespace claimledger
