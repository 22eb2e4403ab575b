// The store: the only code that speaks SQL. Events, content bytes, the tables of current
// state (tables.h) and the search indexes live here; the ledger and the workbench reach them
// only through this interface, so that another implementation (a shared PostgreSQL server)
// slots in without touching them. A store is opened by OpenStore (open_store.h); SQLite's
// implementation is in store/sqlite/.
//
// A store knows no projection rules: the ledger decides which rows an event writes and
// which rows it updates (ledger/projection.h); the store writes them, keeps its search
// indexes in step with them, and for verify() reads its tables back as digests
// (StoredTables).
#ifndef CLAIMLEDGER_STORE_STORE_H_
#define CLAIMLEDGER_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "claimledger/model.h"
#include "hash/merkle.h"
#include "store/tables.h"

namespace claimledger {

// Where the ledger's projection of the events writes: a store's own tables, or a replay of
// them made for verification (ledger/replay_digests.h).
class ProjectionWriter {
 public:
  virtual ~ProjectionWriter() = default;

  // New rows. A row whose primary key its table holds is refused with Error(kIntegrity)
  // "claimledger.projection.repeated_key" (the event that repeats an id is invalid).
  virtual void PutSource(const Source& source) = 0;  // reliability empty
  virtual void PutSnapshot(const Snapshot& snapshot) = 0;
  // The claim's row, with a row per tag and per appearance. REQUIRES: the tags are
  // distinct, the appearances distinct by (snapshot, start), status "new", no verdict.
  virtual void PutClaim(const Claim& claim) = 0;
  virtual void PutEvidence(const Evidence& evidence) = 0;
  virtual void PutVerdict(const Verdict& verdict) = 0;  // the verdict's row only
  virtual void PutSourceRating(const SourceRating& rating) = 0;
  // Records that event `seq` names `entity` (for EventsAbout).
  virtual void PutEventRef(const std::string& entity, std::int64_t seq) = 0;

  // What the projection rules read and update. Nothing when there is no such claim/source.
  virtual std::optional<ClaimState> FindClaimState(const std::string& claim) = 0;
  // REQUIRES: the claim exists.
  virtual void SetClaimState(const std::string& claim, const ClaimState& state) = 0;
  virtual std::optional<SourceState> FindSourceState(const std::string& source) = 0;
  // REQUIRES: the source exists.
  virtual void SetSourceState(const std::string& source, const SourceState& state) = 0;
};

// A part of the stored tables that verification reads apart from the other parts
// (StoredTables::Parts), so that threads can share the work. What a part covers is the
// store's own business.
struct StoredPart {
  int index = 0;
  std::int64_t first = 0;
  std::int64_t last = 0;
};

// What verification read of the stored tables: the digests of the tables of current state
// (compared with a replay of the events), and of what the store derives from them (its
// search indexes, checked by the store itself against the tables they index).
struct StoredReading {
  TableDigests tables{};
  std::vector<TableDigest> derived;  // a store's own pairs: as kept, as the tables imply
  std::vector<std::string> derived_problems;
  // Adds the reading of other parts.
  void Add(const StoredReading& other);
};

// Collects the problems a store names in one derived table (StoredTables::DerivedProblems), up
// to 1000 of them, each with the table's name in front.
class DerivedProblemList {
 public:
  DerivedProblemList(std::vector<std::string>& problems, std::string prefix)
      : problems_(problems), prefix_(std::move(prefix)) {}
  void Add(const std::string& problem) {
    if (++count_ <= 1000) problems_.push_back(prefix_ + problem);
  }
  // A difference that another problem explains.
  void Skip() { ++skipped_; }
  // Adds `problem` when nothing was named or explained (the digests differed all the same).
  void AddIfNone(const std::string& problem) {
    if (count_ == 0 && skipped_ == 0) Add(problem);
  }

 private:
  std::vector<std::string>& problems_;
  std::string prefix_;
  std::size_t count_ = 0;
  std::size_t skipped_ = 0;
};

// The problems of the derived tables as StoredTables::DerivedProblems gives them: those the
// reading found ("search index T cannot be read: ..."), each once, then those named index by
// index.
class DerivedProblemReport {
 public:
  explicit DerivedProblemReport(const std::vector<std::string>& found_reading);
  // Runs `naming` (which adds problems naming rows of index `table`) unless a problem is about
  // `table` already (it cannot be read, or another naming named it); a naming that cannot read
  // it says so instead.
  void Name(const std::string& table,
            const std::function<void(std::vector<std::string>& problems)>& naming);
  // "search index T cannot be read: why".
  static std::string Unreadable(const std::string& table, const std::string& why);
  std::vector<std::string>& problems() { return problems_; }

 private:
  std::vector<std::string> problems_;
};

// A claim as near-duplicate matching compares it: its id, text and context.
struct ClaimText {
  std::string id;
  std::string text;
  std::optional<std::string> context;
};

// The row keys (a store's own integer per claim, increasing in the order the claims were
// added) of the `limit` claims that share the most of `buckets`, as SimilarCandidates ranks
// them (most shared first, ties by key): `read(bucket)` gives at most `per_bucket` keys of a
// bucket, the least first, and a bucket read whole outweighs every bucket that was cut off.
std::vector<std::int64_t> RankByBuckets(
    const std::vector<std::int64_t>& buckets, std::int64_t per_bucket, std::int64_t limit,
    const std::function<std::vector<std::int64_t>(std::int64_t bucket)>& read);

// The stored tables as verify() reads them, in one read transaction of the store that opened
// it (Store::OpenStoredTables); each thread reads through its own.
class StoredTables {
 public:
  virtual ~StoredTables() = default;
  // The parts of the work, those of the derived tables too when `derived`: the same list for
  // every StoredTables of one snapshot.
  virtual std::vector<StoredPart> Parts(bool derived) = 0;
  // Reads one part into `reading`, hashing rows under `key`. Throws Error(kStorage)
  // "claimledger.store.digest_layout" when a table holds a column its layout does not
  // list (it would go unchecked).
  virtual void Read(const StoredPart& part, const RowDigestKey& key, StoredReading& reading) = 0;
  // What is wrong with the derived tables, from the reading of every part: one text per
  // problem, naming the index and, up to 1000 of them, the rows that differ. `explained` are
  // the claims whose stored rows differ from what the events say (reported already): a derived
  // table that differs only for them follows from that, and is not reported again.
  virtual std::vector<std::string> DerivedProblems(const StoredReading& reading,
                                                   const std::set<std::string>& explained) = 0;
  // Every row of `table` with its key, its digest under `key` (the two parts of a table with
  // updated columns added together) and the hash of each value (RowHasher::ValueHashes: the
  // columns, then the updated columns, as its TableLayout lists them), in no particular order.
  virtual void ScanRows(
      Table table, const RowDigestKey& key,
      const std::function<void(RowKey key, const TableDigest& row,
                               const std::vector<std::uint64_t>& values)>& visit) = 0;
};

// What a store's full-text index holds of a claim, and what a claim search matches and ranks:
// its text, then, when it has a context, a newline and the context, with its Chinese and
// Japanese characters separated (SeparateCharacters, text/words.h). Both stores index this one
// string (SQLite's claims_searchable view gives the same: the claim's row of
// claim_parted_texts where the characters were separated, else the text and context joined in
// SQL), and verify checks
// the indexes against it. `separate_characters` false gives what ledgers of schema 6 and older
// index. The near-duplicate buckets come from the text alone.
std::string SearchableText(const std::string& text, const std::optional<std::string>& context,
                           bool separate_characters = true);

// A claim search: its words (text/words.h), all required unless `match_any`; the filter's
// fields and the date range (on the date a claim was made, else recorded) narrow it.
struct ClaimQuery {
  std::vector<std::string> words;
  bool match_any = false;
  ClaimFilter filter;  // limit >= 0
  std::optional<std::string> since;
  std::optional<std::string> until;
};

// The desk's Merkle tree (ledger/merkle_log.h) is kept as the hashes of its complete subtrees
// of this level and up (16 leaves and more): about one hash for every eight events. The hashes
// below it are computed from the events when a proof needs them (at most 15 events a
// subtree), so that appending stays cheap and the tree costs a few bytes an event.
inline constexpr int kStoredTreeLevel = 4;

// Builds the tree leaf by leaf and collects the subtrees a store keeps (kStoredTreeLevel and
// up) as they complete, for the caller to write (PutTreeNodes): the ledger as it appends, and
// a store's upgrade that builds the tree of an existing desk.
class TreeWriter {
 public:
  // An empty tree.
  TreeWriter() = default;
  // A tree continued from `frontier`.
  explicit TreeWriter(MerkleFrontier frontier) : frontier_(std::move(frontier)) {}

  // Adds the leaf with these bytes (an event's CanonicalEventText), or with this hash.
  void AddLeaf(std::string_view leaf) { AddLeafHash(LeafHash(leaf)); }
  void AddLeafHash(const TreeHash& hash);
  // The subtrees to store completed since the last call.
  std::vector<std::pair<TreeNodeId, TreeHash>> TakeNodes() { return std::move(nodes_); }
  const MerkleFrontier& frontier() const { return frontier_; }

 private:
  MerkleFrontier frontier_;
  std::vector<std::pair<TreeNodeId, TreeHash>> nodes_;
};

// The event_refs entity every verdict.conflict event refers to, besides its claim: the index
// OpenConflicts reads.
inline constexpr const char* kConflictsEntity = "verdict.conflict";
// Likewise for the corrections that reads apply to the rows as written (workbench/corrections.cpp):
// every claim.retracted, evidence.unlinked, claim.corrected and source.merged event refers to
// its type's name.
inline constexpr const char* kRetractedEntity = "claim.retracted";
inline constexpr const char* kUnlinkedEntity = "evidence.unlinked";
inline constexpr const char* kCorrectedEntity = "claim.corrected";
inline constexpr const char* kMergedSourcesEntity = "source.merged";

// OpenConflicts' query, the same on both stores but for `claim_in_data`, the store's SQL for the
// "claim" member of a verdict.conflict event's data (the JSON text `e.data`): the conflicts are
// found by their entity in event_refs and their claim read from the event itself, so that the
// query never looks through the references of every event (every read of a claim runs it).
// `claim_placeholder` is the placeholder of the claim id asked for, or nothing for every claim.
std::string OpenConflictsSql(const std::optional<std::string>& claim_placeholder,
                             const char* claim_in_data);

class Store : public ProjectionWriter {
 public:
  ~Store() override = default;

  // Transactions. BeginWrite takes the write lock before anything is read, waiting up to the
  // busy timeout for other writers (PostgreSQL's store sends it with the transaction's first
  // statement, so a busy lock may be reported by the first read); BeginRead gives a consistent view
  // until Commit or Rollback. Every read and write happens inside one.
  virtual void BeginWrite() = 0;
  virtual void BeginRead() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() noexcept = 0;
  // A batch (AddClaims, AddSources) has written one whole record and goes on to the next: a
  // moment when the store may start writing what it holds, so that the next records are
  // prepared meanwhile. PostgreSQL's store sends its pending rows in the background; the
  // default does nothing.
  virtual void BetweenRecords() {}

  // Events, stored byte for byte (event.data is canonical JSON text).
  virtual std::optional<Event> LastEvent() = 0;
  virtual std::optional<Event> EventAt(std::int64_t seq) = 0;
  // The number of events: the seq of the last one, as the chain numbers them 1, 2, ... without
  // gaps (verify checks it), read from the key rather than counted row by row.
  virtual std::int64_t EventCount() = 0;
  // The seq of the last event with at <= `time` (RFC 3339 UTC, microseconds), 0 if none.
  virtual std::int64_t LastSeqAt(const std::string& time) = 0;
  virtual void AppendEvent(const Event& event) = 0;
  // Calls `visit` for every event with from <= seq <= to (to < 0: to the end), in the
  // stored order of seq; stops early when `visit` returns false. The event is valid during
  // the call only.
  virtual void ScanEvents(std::int64_t from, std::int64_t to,
                          const std::function<bool(const Event& event)>& visit) = 0;
  // The events that name `entity` (recorded with PutEventRef), oldest first.
  virtual std::vector<Event> EventsAbout(const std::string& entity) = 0;
  // The events of type `type` that name any of `entities`, oldest first, each once (the
  // corrections of the claims read together); a store may read them in one query (by default,
  // EventsAbout of each).
  virtual std::vector<Event> EventsOfTypeAbout(const std::vector<std::string>& entities,
                                               const std::string& type);
  // True when this ledger holds the event with `hash`, or merged it from another desk. `at` is
  // that event's time (on the desk it was made on), which its hash covers: a file finds the event
  // by it (it keeps no index of the hashes, whose keys are random: schema version 10).
  virtual bool KnowsEvent(const std::string& hash, const std::string& at) = 0;

  // Content bytes, stored once per content id.
  virtual bool HasContent(const std::string& hash) = 0;
  virtual void PutContent(const std::string& hash, std::string_view bytes) = 0;
  virtual std::optional<std::string> GetContent(const std::string& hash) = 0;
  virtual void ScanContents(
      const std::function<void(const std::string& hash, std::string_view bytes)>& visit) = 0;

  // Tables of current state: reads. Missing ids give nothing (the workbench raises NotFound).
  virtual bool HasSource(const std::string& id) = 0;
  // Which of `ids` are sources (a batch looks up its records' claimants at once); a store may
  // read them together (by default, one HasSource each).
  virtual std::unordered_set<std::string> SourcesAmong(const std::vector<std::string>& ids);
  virtual std::optional<Source> GetSource(const std::string& id) = 0;
  virtual std::vector<Source> ListSources() = 0;
  virtual std::optional<Snapshot> GetSnapshot(const std::string& hash) = 0;
  virtual std::vector<Snapshot> ListSnapshots() = 0;
  // A claim with its quantities and provenance (read from the event that added it).
  virtual std::optional<Claim> GetClaim(const std::string& id) = 0;
  // The claims of `ids`, in their order (nothing for a missing id); a store may read them
  // together (by default, one GetClaim each).
  virtual std::vector<std::optional<Claim>> GetClaims(const std::vector<std::string>& ids);
  virtual std::vector<Claim> ListClaims(const ClaimFilter& filter) = 0;
  virtual std::optional<Evidence> GetEvidence(const std::string& id) = 0;
  virtual std::vector<Evidence> EvidenceFor(const std::string& claim) = 0;
  // The evidence quoted from snapshot `hash`, oldest first.
  virtual std::vector<Evidence> EvidenceOn(const std::string& hash) = 0;
  // The claims quoted as appearing in snapshot `hash`, oldest claim first: (claim id, quote).
  virtual std::vector<std::pair<std::string, Quote>> AppearancesIn(const std::string& hash) = 0;
  virtual std::vector<Verdict> VerdictsFor(const std::string& claim) = 0;
  virtual std::vector<SourceRating> RatingsFor(const std::string& source) = 0;
  virtual std::optional<std::string> SourceIdByRef(const std::string& ref) = 0;
  virtual std::optional<std::string> ClaimIdByRef(const std::string& ref) = 0;
  // The same for many refs at once (a batch looks up its records' refs before adding them):
  // ref -> id for those found.
  virtual std::unordered_map<std::string, std::string> SourceIdsByRef(
      const std::vector<std::string>& refs) = 0;
  virtual std::unordered_map<std::string, std::string> ClaimIdsByRef(
      const std::vector<std::string>& refs) = 0;
  // The claims with a verdict conflict from a merge that no verdict has followed yet (the
  // verdict.conflict events, which refer to kConflictsEntity too): (claim id, seq of its last
  // conflict event), by claim id; one claim's only when `claim` is given.
  virtual std::vector<std::pair<std::string, std::int64_t>> OpenConflicts(
      const std::optional<std::string>& claim) = 0;
  // Current verdicts of claims with a claimant, counted by claimant and rating (and by
  // the year the claim was made or recorded when `by_year`), for one source or all, in no
  // particular order; a claimant may come in more than one row of the same rating and year,
  // which the caller adds up.
  virtual std::vector<RatingCount> RatingCounts(const std::optional<std::string>& source,
                                                bool by_year) = 0;

  // Search. Words match whole, ignoring case and accents.
  // Claims whose text holds the query's words, best first (BM25), with a snippet.
  virtual std::vector<SearchHit> SearchClaims(const ClaimQuery& query) = 0;
  // Snapshots (those that are UTF-8 text) holding the words, best first, at most `limit`.
  virtual std::vector<SnapshotHit> SearchSnapshots(const std::vector<std::string>& words,
                                                   bool match_any, std::int64_t limit) = 0;
  // The `limit` claims sharing the most of `buckets` (LSH bucket keys, text/min_hash.h), most
  // shared first (ties by id). At most `per_bucket` claims of each bucket are looked at, so a
  // bucket that very many claims share (common words) costs no more than a rare one; the
  // buckets read whole rank a claim before those cut off.
  virtual std::vector<ClaimText> SimilarCandidates(const std::vector<std::int64_t>& buckets,
                                                   std::int64_t per_bucket, std::int64_t limit) = 0;
  // The oldest claim with exactly this text and claimant (none: no claimant) that appears
  // where `appearance` is (its snapshot, start and end; none: a claim that appears nowhere),
  // and nowhere else; nothing when there is none. Claims added earlier in the open write
  // transaction may be missed (the workbench keeps its batch's own). Found from an index (the
  // appearances of the snapshot, near-duplicate buckets or terms of the text) and compared
  // whole, so that re-running an add costs a lookup, not a scan.
  virtual std::optional<std::string> IdenticalClaim(const std::string& text,
                                                    const std::optional<std::string>& claimant,
                                                    const std::optional<Quote>& appearance) = 0;
  // The `limit` claims that best match any of `words` by BM25, best first.
  virtual std::vector<ClaimText> FullTextCandidates(const std::vector<std::string>& words,
                                                    std::int64_t limit) = 0;
  // How many claims hold each of `words` (in the full-text index: a claim's text and context),
  // each counted up to `at_most` only, so that a common word costs no more than a rare one; 0
  // for a word of no searchable token.
  virtual std::vector<std::int64_t> ClaimsHolding(const std::vector<std::string>& words,
                                                  std::int64_t at_most) = 0;
  // How many claims the desk holds (as the full-text index counts its rows).
  virtual std::int64_t ClaimCount() = 0;

  // The Merkle tree's stored subtree hashes (kStoredTreeLevel and up), written by the ledger
  // as subtrees complete; a store keeps them as given and knows nothing of how they are
  // computed. Writing a node the store holds already replaces its hash.
  virtual void PutTreeNodes(const std::vector<std::pair<TreeNodeId, TreeHash>>& nodes) = 0;
  // The hashes of `nodes`, in their order; nothing for a node the store does not hold.
  virtual std::vector<std::optional<TreeHash>> GetTreeNodes(
      const std::vector<TreeNodeId>& nodes) = 0;
  // Calls `visit` for every stored node, in no particular order (verify() reads them all).
  virtual void ScanTreeNodes(
      const std::function<void(const TreeNodeId& node, const TreeHash& hash)>& visit) = 0;
  // Removes every stored node (before the ledger writes the tree again).
  virtual void ClearTree() = 0;

  // Empties every table of current state and every search index (for rebuilding them from
  // the events), whatever state the indexes are in.
  virtual void ClearProjections() = 0;
  // Empties the whole ledger: events, contents, the tree and projections (used only to replace a
  // new ledger's own first event with an imported chain, inside one transaction).
  virtual void ClearLedger() = 0;

  // Verification. The stored tables, read in this store's read transaction.
  // REQUIRES: a read transaction is open; the result is used before it ends.
  virtual std::unique_ptr<StoredTables> OpenStoredTables() = 0;
  // For work on another thread: a read-only store that reads the same snapshot of the ledger
  // as this store's read transaction, in its own read transaction that lasts until it is
  // destroyed. Nothing when there can be none (a private in-memory ledger, a store that
  // cannot share a snapshot) or when the same snapshot cannot be made sure of (another
  // writer committed at that moment). REQUIRES: called first in a read transaction, before
  // anything is read in it.
  virtual std::unique_ptr<Store> OpenSameSnapshot() = 0;
};

// How a store is opened (OpenStore, open_store.h).
struct StoreOptions {
  bool create = true;           // create the ledger when there is none
  bool read_only = false;       // open without write access
  int busy_timeout_ms = 30000;  // how long a writer waits for another one
};

// Holds a read transaction on `store` for its lifetime (ends it with a rollback: a read
// changes nothing).
class ReadScope {
 public:
  explicit ReadScope(Store& store) : store_(store) { store_.BeginRead(); }
  ~ReadScope() { store_.Rollback(); }
  ReadScope(const ReadScope&) = delete;
  ReadScope& operator=(const ReadScope&) = delete;

 private:
  Store& store_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_STORE_H_
