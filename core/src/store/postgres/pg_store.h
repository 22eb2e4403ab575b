// The PostgreSQL store: a desk on a database server, shared by many writers on many machines,
// implementing the same Store as SQLite (store/store.h) with the same rows, so that a desk
// holds byte for byte the same ledger wherever it lives.
//
// - One connection per store (libpq, connection.h), to the desk's schema (schema.h).
// - Writers take the desk's transaction-level advisory lock first (BeginWrite): one writer at
//   a time appends, so seq has no gaps and prev names the event before. Waiting longer than
//   the busy timeout raises the "busy" error, as SQLite's does. Readers read a snapshot
//   (REPEATABLE READ) and never wait.
// - Rows written in a transaction are kept here and sent to the server together (COPY) before
//   anything reads the tables they belong to, and at commit; the few reads a load makes of
//   the rows it is writing (a claim's state, a ref, a source, a content) are answered from
//   them. A writer that dies leaves nothing: the server rolls its transaction back.
// - A lost connection fails the operation with Error(kStorage) "claimledger.store.connection";
//   the next transaction connects again.
// Its definitions are spread by concern as SQLite's are: pg_store.cpp (opening, transactions,
// events, contents, writes), pg_reads.cpp, pg_search.cpp, pg_stored_tables.cpp.
#ifndef CLAIMLEDGER_STORE_POSTGRES_PG_STORE_H_
#define CLAIMLEDGER_STORE_POSTGRES_PG_STORE_H_

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/postgres/connection.h"
#include "store/sqlite/fts_query.h"
#include "store/sqlite/fts_tokenizer.h"
#include "store/store.h"

namespace claimledger {

// Opens (or creates, with options.create) the desk at `location`, a postgresql:// URL.
std::unique_ptr<Store> OpenPgStore(const std::string& location, const StoreOptions& options);

class PgStore final : public Store {
 public:
  PgStore(std::unique_ptr<PgConnection> connection, bool read_only);

  // --- transactions (pg_store.cpp) --------------------------------------------------------
  // The round trips to the server so far (PgConnection::round_trips), for tests and profiles.
  std::int64_t round_trips() const { return connection_->round_trips(); }
  void BeginWrite() override;
  void BeginRead() override;
  void Commit() override;
  void Rollback() noexcept override;
  void BetweenRecords() override;

  // --- events and contents (pg_store.cpp) -------------------------------------------------
  std::optional<Event> LastEvent() override;
  std::optional<Event> EventAt(std::int64_t seq) override;
  std::int64_t EventCount() override;
  std::int64_t LastSeqAt(const std::string& time) override;
  void AppendEvent(const Event& event) override;
  void ScanEvents(std::int64_t from, std::int64_t to,
                  const std::function<bool(const Event&)>& visit) override;
  std::vector<Event> EventsAbout(const std::string& entity) override;
  std::vector<Event> EventsOfTypeAbout(const std::vector<std::string>& entities,
                                       const std::string& type) override;
  bool KnowsEvent(const std::string& hash, const std::string& at) override;
  bool HasContent(const std::string& hash) override;
  void PutContent(const std::string& hash, std::string_view bytes) override;
  std::optional<std::string> GetContent(const std::string& hash) override;
  void ScanContents(
      const std::function<void(const std::string&, std::string_view)>& visit) override;

  // --- tables of current state: writes (pg_store.cpp) -------------------------------------
  void PutSource(const Source& source) override;
  void PutSnapshot(const Snapshot& snapshot) override;
  void PutClaim(const Claim& claim) override;
  void PutEvidence(const Evidence& evidence) override;
  void PutVerdict(const Verdict& verdict) override;
  void PutSourceRating(const SourceRating& rating) override;
  void PutEventRef(const std::string& entity, std::int64_t seq) override;
  std::optional<ClaimState> FindClaimState(const std::string& claim) override;
  void SetClaimState(const std::string& claim, const ClaimState& state) override;
  std::optional<SourceState> FindSourceState(const std::string& source) override;
  void SetSourceState(const std::string& source, const SourceState& state) override;
  void ClearProjections() override;
  void ClearLedger() override;

  // --- tables of current state: reads (pg_reads.cpp) --------------------------------------
  bool HasSource(const std::string& id) override;
  std::unordered_set<std::string> SourcesAmong(const std::vector<std::string>& ids) override;
  std::optional<Source> GetSource(const std::string& id) override;
  std::vector<Source> ListSources() override;
  std::optional<Snapshot> GetSnapshot(const std::string& hash) override;
  std::vector<Snapshot> ListSnapshots() override;
  std::optional<Claim> GetClaim(const std::string& id) override;
  std::vector<std::optional<Claim>> GetClaims(const std::vector<std::string>& ids) override;
  std::vector<Claim> ListClaims(const ClaimFilter& filter) override;
  std::optional<Evidence> GetEvidence(const std::string& id) override;
  std::vector<Evidence> EvidenceFor(const std::string& claim) override;
  std::vector<Evidence> EvidenceOn(const std::string& hash) override;
  std::vector<std::pair<std::string, Quote>> AppearancesIn(const std::string& hash) override;
  std::vector<Verdict> VerdictsFor(const std::string& claim) override;
  std::vector<SourceRating> RatingsFor(const std::string& source) override;
  std::optional<std::string> SourceIdByRef(const std::string& ref) override;
  std::optional<std::string> ClaimIdByRef(const std::string& ref) override;
  std::unordered_map<std::string, std::string> SourceIdsByRef(
      const std::vector<std::string>& refs) override;
  std::unordered_map<std::string, std::string> ClaimIdsByRef(
      const std::vector<std::string>& refs) override;
  std::vector<std::pair<std::string, std::int64_t>> OpenConflicts(
      const std::optional<std::string>& claim) override;
  std::vector<RatingCount> RatingCounts(const std::optional<std::string>& source,
                                        bool by_year) override;

  // --- search (pg_search.cpp) --------------------------------------------------------------
  std::vector<SearchHit> SearchClaims(const ClaimQuery& query) override;
  std::vector<SnapshotHit> SearchSnapshots(const std::vector<std::string>& words, bool match_any,
                                           std::int64_t limit) override;
  std::vector<ClaimText> SimilarCandidates(const std::vector<std::int64_t>& buckets,
                                           std::int64_t per_bucket, std::int64_t limit) override;
  std::optional<std::string> IdenticalClaim(const std::string& text,
                                            const std::optional<std::string>& claimant,
                                            const std::optional<Quote>& appearance) override;
  std::vector<ClaimText> FullTextCandidates(const std::vector<std::string>& words,
                                            std::int64_t limit) override;
  std::vector<std::int64_t> ClaimsHolding(const std::vector<std::string>& words,
                                          std::int64_t at_most) override;
  std::int64_t ClaimCount() override;

  // --- the Merkle tree's stored nodes (pg_store.cpp) ----------------------------------------
  void PutTreeNodes(const std::vector<std::pair<TreeNodeId, TreeHash>>& nodes) override;
  std::vector<std::optional<TreeHash>> GetTreeNodes(const std::vector<TreeNodeId>& nodes) override;
  void ScanTreeNodes(const std::function<void(const TreeNodeId&, const TreeHash&)>& visit) override;
  void ClearTree() override;

  // --- verification (pg_stored_tables.cpp, pg_store.cpp) -----------------------------------
  std::unique_ptr<StoredTables> OpenStoredTables() override;
  std::unique_ptr<Store> OpenSameSnapshot() override;

 private:
  // A claim or source written in this transaction and not yet sent, with its state as later
  // events of the transaction leave it.
  struct PendingClaim {
    Claim claim;
    ClaimState state;
  };
  struct PendingSource {
    Source source;
    SourceState state;
  };
  // The rows of this transaction not yet sent: COPY text per table, and what reads of them
  // need.
  struct Pending {
    std::string events, contents, event_refs, snapshots, claim_tags, appearances, evidence,
        verdicts, source_ratings, claims_search, snapshots_search;
    std::vector<PendingClaim> claims;
    std::vector<PendingSource> sources;
    std::unordered_map<std::string, std::size_t> claim_at, source_at;      // id -> index
    std::unordered_map<std::string, std::string> claim_refs, source_refs;  // ref -> id
    std::unordered_map<std::string, std::string> content_bytes;            // hash -> bytes
    std::unordered_set<std::string> known;  // event hashes, and entities of event refs
    std::int64_t first_event = 0;           // the seq of the first pending event (0: none)
    // States set on claims and sources already sent (sent at Flush as one UPDATE each).
    std::unordered_map<std::string, ClaimState> claim_states;
    std::unordered_map<std::string, SourceState> source_states;
    std::map<TreeNodeId, TreeHash> tree_nodes;  // written or replaced
    std::int64_t rows = 0;
    std::size_t bytes = 0;
    // What the search totals gain: claims and their tokens, snapshots and theirs.
    std::int64_t claim_rows = 0, claim_tokens = 0, snapshot_rows = 0, snapshot_tokens = 0;
    // What claim_terms gains: the claims holding each term, of the rows holding all their terms.
    std::unordered_map<std::string, std::int64_t> claim_terms;
    bool Empty() const {
      return rows == 0 && claim_rows == 0 && snapshot_rows == 0 && claim_states.empty() &&
             source_states.empty() && tree_nodes.empty();
    }
  };

  // Sends the pending rows to the server (in the open transaction), after the rows sent in the
  // background; returns when the server has them all. With `commit`, the transaction's COMMIT
  // goes with the last of them (one round trip for both).
  void Flush(bool commit = false);
  // Sends the pending rows in the background (PgConnection::SendInBackground), but for the
  // search totals and term counts, which wait for Flush; the claims' search rows go through
  // the second connection (SendClaimSearchRows).
  void SendPending();
  // Sends `sent`'s claims' search rows through the second connection, in the background, and
  // takes them out of `sent`; does nothing unless this transaction sends them there
  // (claim_search_rows_). The second connection's transaction holds a lock of its own
  // (ClaimSearchLockKey) that every writer waits for before it deletes the rows of claims after
  // the desk's last: those of a batch whose own commit failed after this connection's
  // (docs/ARCHITECTURE.md, "A large batch's search rows on a second connection").
  // While that connection is still busy with what it was sent before (the merge after the
  // last batch, most often), the rows are held, to go with the next part or with the `last`:
  // the caller goes on preparing the batch (it waited for the merge, about 0.2 s a batch of
  // 10,000 claims).
  void SendClaimSearchRows(Pending& sent, bool last = false);
  // Commits the second connection's transaction, when this transaction sent rows through it:
  // before the transaction's own commit, so that the claims it commits have their search rows.
  void CommitClaimSearchRows();
  // Drops the claims' search rows held or sent through the second connection in this
  // transaction (its rollback, or the removal of every search row); never throws.
  void AbortClaimSearchRows() noexcept;
  // Takes the pending rows to send (the transaction has then sent rows).
  std::shared_ptr<Pending> TakePending();
  // Sends `sent` in the background: its claims' search rows by SendClaimSearchRows (with
  // `last`), the rest through the first connection.
  void SendInBackground(std::shared_ptr<Pending> sent, bool last);
  // Moves the entries that the GIN indexes of the search tables keep in their pending lists
  // (fastupdate) into the indexes proper, when this role owns them (PostgreSQL allows no one
  // else; a writer's are left to autovacuum). Every search reads a pending list whole: after a
  // load of 14,231 fact-checks, similar() took 49 ms of server time a call with them, 11 ms
  // without. Run after a commit, in the background, on connection `on` (the one that wrote the
  // claims' search rows): the server merges while the caller prepares its next batch, and that
  // connection's next call waits for it.
  void MergePendingSearchEntries(PgConnection& on) noexcept;
  // Gathers the planner's statistics of the desk's tables (ANALYZE, of those this role owns,
  // skipping any that autovacuum holds). Run after a commit that took the desk's head past a
  // power of two (from kAnalyzeFrom events on), in the background as the merge above: a desk
  // that grows faster than autovacuum looks at it (once a minute) was planned by the figures
  // of a far smaller table, and read every row of claims_search for a few near-duplicate
  // buckets (bench/README.md, "Statistics of a growing desk").
  void AnalyzeTables() noexcept;
  // Writes `sent` through `connection`: its rows (as INSERTs when they are few, else a COPY a
  // table), then the updates of rows sent before, then, with `commit`, the COMMIT.
  static void WriteRows(PgConnection& connection, const Pending& sent, bool commit = false);
  // Sends the pending rows in the background when they have grown large (a long rebuild or
  // import).
  void FlushIfLarge();
  // Counts a pending row of `bytes` bytes.
  void Added(std::size_t bytes);
  // Forgets what BeginWrite read (begun_head_, begun_merges_): the transaction changed rows.
  void ForgetBegun();
  // A pending claim or source by id; nullptr when there is none.
  PendingClaim* FindPendingClaim(const std::string& id);
  PendingSource* FindPendingSource(const std::string& id);
  // Fills a claim's quantities and provenance from the data of the event that added it.
  static void ReadClaimDetails(std::string_view added_data, Claim* claim);
  // The bytes of content `hash`: pending or stored.
  std::optional<std::string> ContentBytes(const std::string& hash);
  // Starts a transaction with `begin` and its `opening` statements (PgConnection::Begin),
  // connecting again first when the connection was lost (or turns out lost at once: nothing
  // was done yet, so once more is safe).
  void Begin(const std::string& begin, PgConnection::Statements opening = {},
             std::function<void(const std::vector<PgResult>&)> read_opening = {});
  void RequireWritable() const;
  // SourceIdsByRef and ClaimIdsByRef: the pending rows' refs, then one query of `table`.
  std::unordered_map<std::string, std::string> IdsByRef(
      const std::vector<std::string>& refs,
      const std::unordered_map<std::string, std::string>& pending, const char* table);

  std::unique_ptr<PgConnection> connection_;
  // The second connection, made at the first large batch (SendClaimSearchRows): a second
  // server backend writes the claims' search rows and merges their GIN entries while the first
  // writes the rest of the batch.
  std::unique_ptr<PgConnection> search_connection_;
  bool read_only_;
  Pending pending_;
  std::unordered_set<std::string> known_sources_;  // sources seen on the server (HasSource)
  bool sent_rows_ = false;  // this transaction sent rows (its sources are seen on the server)
  FtsTokenizer tokenizer_;
  std::unique_ptr<FtsSnippets> snippets_;  // made on the first search
  // How many claims hold each phrase (by its tsquery) that ClaimsHolding counted exactly (under
  // its cap), for FullTextCandidates to rank by without counting again: Workbench::Similar asks
  // for both in one transaction. Emptied when a transaction begins and when rows are written.
  std::unordered_map<std::string, std::int64_t> counted_phrases_;
  // Read with a write transaction's lock (BeginWrite), for LastEvent and EventsAbout(
  // kMergedSourcesEntity) to answer until the transaction adds a row.
  std::optional<std::optional<Event>> begun_head_;
  std::optional<std::vector<Event>> begun_merges_;
  // Also read with the lock, for the transaction's first tree leaf (ScanEvents, GetTreeNodes):
  // the events of the head's last chunk of 2^kStoredTreeLevel and the edge's nodes before it.
  std::vector<Event> begun_chunk_;
  std::map<TreeNodeId, TreeHash> begun_edge_;
  // Whether this transaction sent rows in parts (a large batch, rebuild or import): after its
  // commit the search indexes' pending entries are merged (MergePendingSearchEntries).
  bool sent_in_parts_ = false;
  // Where this transaction's claim search rows go: with the rest until it sends rows in parts,
  // then through search_connection_; with the rest throughout once it removed search rows
  // (rebuild, import: the second connection's rows would wait for that removal, which waits for
  // them), or when the server refused a second connection. And whether the second connection's
  // transaction is open.
  enum class ClaimSearchRows { kWithTheRest, kBeside, kWithTheRestThroughout };
  ClaimSearchRows claim_search_rows_ = ClaimSearchRows::kWithTheRest;
  bool claim_search_begun_ = false;
  // The claims' search rows held while the second connection was busy (SendClaimSearchRows).
  std::string held_claim_search_;
  // The seqs of the first and last events this transaction appended (0: none yet).
  std::int64_t first_appended_ = 0, last_appended_ = 0;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_POSTGRES_PG_STORE_H_
