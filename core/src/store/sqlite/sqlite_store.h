// The SQLite store: the embedded default implementation of Store, a ledger in one file.
//
// One connection per store, WAL mode, a busy timeout, synchronous=FULL, and BEGIN IMMEDIATE
// for writers, so that several processes appending to one file keep one linear chain and a
// committed change survives a crash. In a batch of several records, the rows of the claims,
// sources and events are written on a thread of their own (SettledConnection) while the next
// records are prepared. Its definitions are spread by concern: sqlite_store.cpp
// (opening, transactions, events, contents, writes), sqlite_reads.cpp (the tables of current
// state), sqlite_search.cpp (full-text and near-duplicate search), stored_tables.cpp (reading
// the tables back for verify()); the schema is in schema.h.
#ifndef CLAIMLEDGER_STORE_SQLITE_SQLITE_STORE_H_
#define CLAIMLEDGER_STORE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/sqlite/settled_connection.h"
#include "store/sqlite/wal_checkpointer.h"
#include "store/store.h"

namespace claimledger {

// Opens (or creates) a SQLite ledger file (see OpenStore, store/open_store.h); ":memory:" gives a
// private in-memory ledger.
std::unique_ptr<Store> OpenSqliteStore(const std::string& path, const StoreOptions& options);

class SqliteStore final : public Store {
 public:
  // With `copy_log_beside`, the write-ahead log of a file is copied into it on a thread of its
  // own (WalCheckpointer) rather than by the commits.
  explicit SqliteStore(std::unique_ptr<Connection> connection, bool copy_log_beside = false);

  // --- transactions (sqlite_store.cpp) ----------------------------------------------------
  void BeginWrite() override;
  void BeginRead() override;
  void Commit() override;
  void Rollback() noexcept override;
  // From the first record of a batch on, the rows of events, claims, sources, verdicts, event
  // references and the tree are written on the connection's thread, a record at a time.
  void BetweenRecords() override;

  // --- events and contents (sqlite_store.cpp) ---------------------------------------------
  std::optional<Event> LastEvent() override;
  std::optional<Event> EventAt(std::int64_t seq) override;
  std::int64_t EventCount() override;
  std::int64_t LastSeqAt(const std::string& time) override;
  void AppendEvent(const Event& event) override;
  void ScanEvents(std::int64_t from, std::int64_t to,
                  const std::function<bool(const Event&)>& visit) override;
  std::vector<Event> EventsAbout(const std::string& entity) override;
  bool KnowsEvent(const std::string& hash, const std::string& at) override;
  bool HasContent(const std::string& hash) override;
  void PutContent(const std::string& hash, std::string_view bytes) override;
  std::optional<std::string> GetContent(const std::string& hash) override;
  void ScanContents(
      const std::function<void(const std::string&, std::string_view)>& visit) override;

  // --- tables of current state: writes (sqlite_store.cpp) ---------------------------------
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

  // --- the Merkle tree's stored nodes (sqlite_store.cpp) -----------------------------------
  void PutTreeNodes(const std::vector<std::pair<TreeNodeId, TreeHash>>& nodes) override;
  std::vector<std::optional<TreeHash>> GetTreeNodes(const std::vector<TreeNodeId>& nodes) override;
  void ScanTreeNodes(const std::function<void(const TreeNodeId&, const TreeHash&)>& visit) override;
  void ClearTree() override;

  // --- tables of current state: reads (sqlite_reads.cpp) ----------------------------------
  bool HasSource(const std::string& id) override;
  std::unordered_set<std::string> SourcesAmong(const std::vector<std::string>& ids) override;
  std::optional<Source> GetSource(const std::string& id) override;
  std::vector<Source> ListSources() override;
  std::optional<Snapshot> GetSnapshot(const std::string& hash) override;
  std::vector<Snapshot> ListSnapshots() override;
  std::optional<Claim> GetClaim(const std::string& id) override;
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

  // --- search (sqlite_search.cpp) ----------------------------------------------------------
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

  // --- verification (stored_tables.cpp, sqlite_store.cpp) ----------------------------------
  std::unique_ptr<StoredTables> OpenStoredTables() override;
  std::unique_ptr<Store> OpenSameSnapshot() override;

 private:
  // Adds a claim (its row at `rowid`) to the search indexes (sqlite_search.cpp): the full-text
  // row of its searchable text (store.h; kept in claim_parted_texts when its characters were
  // parted, schema.cpp) now, or on the connection's thread when it queues; the near-duplicate
  // buckets of its text at commit (WritePendingBuckets), or, while the connection queues, a few
  // thousand claims' at a time (WriteBuckets).
  void IndexClaim(std::int64_t rowid, const std::string& text,
                  const std::optional<std::string>& context);
  // Writes the bucket rows of the claims added in this transaction into claim_lsh_recent,
  // sorted (random-key inserts one by one cost a third of a bulk load), and after a large batch
  // moves them into claim_lsh when they are many. Returns the first claim of claim_lsh_recent
  // once the transaction commits (first_recent_claim_).
  std::int64_t WritePendingBuckets();
  // Writes the bucket rows not yet written (pending_buckets_) into claim_lsh_recent, sorted: on
  // the connection's thread when it queues.
  void WriteBuckets();
  // Drops and creates again every search index: a rebuild must not depend on the state of a
  // damaged index.
  void RecreateSearchIndexes();
  // Fills a claim's quantities and provenance from the data of the event that added it.
  static void ReadClaimDetails(std::string_view added_data, Claim* claim);
  // The rowid of claim `id`'s row, which its tags, verdicts and event references name (schema
  // version 8); nothing when there is no such claim. The claim added last is remembered: its
  // verdict and references follow it.
  std::optional<std::int64_t> ClaimRowid(const std::string& id);
  // The rowid of this transaction's next row of `table` (claims, sources): the table's last
  // rowid and one, as SQLite would give it, but known before the row is written (on the
  // connection's thread); `next` keeps it, read at the transaction's first row (0: not yet).
  std::int64_t NextRowid(const char* table, std::int64_t& next);
  // The rowid of source `id`'s row, which the references to it (source_refs) and its claims
  // (claims.claimant) name (schema version 11); nothing when there is no such source. Remembered
  // for the transaction, with the rowids its own sources are given (PutSource), so that a batch's
  // references need not wait for the connection's thread.
  std::optional<std::int64_t> SourceRowid(const std::string& id);
  // Forgets what the store remembers of its transaction's rows (it ended, or the tables were
  // cleared).
  void ForgetTransaction();

  SettledConnection connection_;
  std::vector<std::pair<std::int64_t, std::int64_t>> pending_buckets_;  // (bucket, rowid)
  std::size_t bucket_rows_ = 0;        // written in this transaction, pending_buckets_ aside
  std::int64_t next_claim_rowid_ = 0;  // NextRowid's, for claims and sources
  std::int64_t next_source_rowid_ = 0;
  std::unordered_map<std::string, std::int64_t> source_rowids_;  // SourceRowid's
  // The claim added last in this transaction, its rowid (ClaimRowid) and its state
  // (FindClaimState), which its verdict and status, following it in a batch, read and set.
  std::string last_claim_;
  std::int64_t last_claim_rowid_ = 0;
  ClaimState last_claim_state_;
  // While the connection queues: the claim row added last, until its write is handed to the
  // connection's thread (the hand-over count then was last_claim_hand_overs_). Its verdict and
  // status, set in the same record, change its state there rather than update the row after
  // it (an UPDATE that rewrote the row and its claimant index entry, every claim of a load).
  struct ClaimRow {
    Claim claim;
    std::int64_t rowid = 0;
    std::optional<std::int64_t> claimant;  // the rowid of its claimant's source, if any
    ClaimState state;
  };
  std::shared_ptr<ClaimRow> last_claim_row_;
  std::uint64_t last_claim_hand_overs_ = 0;
  // The first claim whose buckets are in claim_lsh_recent, as this store last saw it (0: not
  // known), so that a large batch's commit need not read the whole table to decide whether to
  // move it (MoveRecentBucketsWhenMany, sqlite_search.cpp); set by each commit. Another
  // process's move leaves it too small, which makes a move come sooner, never a row lost.
  std::int64_t first_recent_claim_ = 0;
  // Copies the write-ahead log into the file beside the writes (a writable file only); declared
  // after connection_, so that it stops before the connection closes.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_SQLITE_STORE_H_
