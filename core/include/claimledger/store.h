// The store: the only code that speaks SQL. Events, content bytes and the projections
// (tables of current state) live here; the ledger and the workbench reach them only
// through this interface, so a second implementation (a shared PostgreSQL server) can
// slot in without touching them. Today's implementation is SQLite (OpenSqliteStore).
#ifndef CLAIMLEDGER_STORE_H_
#define CLAIMLEDGER_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "claimledger/model.h"

namespace claimledger {

// A difference between the stored projections and a replay of the events.
struct ProjectionDiff {
  std::string table;
  std::string key;     // the row's primary key, as text
  std::string detail;  // "missing", "unexpected" or "differs"
};

// A part of the stored projection tables whose digest is taken apart from the rest
// (Store::StoredPieces): a whole table, or its rows with row numbers first..last.
struct StoredPiece {
  int table = 0;  // in the store's own order of its tables
  bool whole_table = true;
  std::int64_t first = 0;
  std::int64_t last = 0;
};

// What the ledger writes as it applies each event to the projections (Ledger::Apply):
// a store's own tables, or a scratch replay of them for verification.
class ProjectionWriter {
 public:
  virtual ~ProjectionWriter() = default;

  virtual void PutSource(const Source& source) = 0;
  virtual void PutSnapshot(const Snapshot& snapshot) = 0;
  virtual void PutClaim(const Claim& claim) = 0;
  virtual void PutEvidence(const Evidence& evidence) = 0;
  virtual void AddVerdict(const Verdict& verdict) = 0;
  // Sets the status unless a later-made status is already there (see made_at in Origin).
  virtual void SetClaimStatus(const std::string& claim, const std::string& status,
                              const std::string& made_at) = 0;
  virtual void AddSourceRating(const SourceRating& rating) = 0;

  // Records that the event `seq` names `entity` (for EventsAbout).
  virtual void AddEventRef(const std::string& entity, std::int64_t seq) = 0;
};

class Store : public ProjectionWriter {
 public:
  ~Store() override = default;

  // Transactions. BeginWrite takes the write lock before anything is read (BEGIN
  // IMMEDIATE), waiting up to the busy timeout for other writers; BeginRead gives a
  // consistent view until Commit or Rollback. Every read and write happens inside one.
  virtual void BeginWrite() = 0;
  virtual void BeginRead() = 0;
  virtual void Commit() = 0;
  virtual void Rollback() noexcept = 0;

  // Events. `data_text` is the canonical JSON of event.data, stored byte for byte.
  virtual std::optional<Event> LastEvent() = 0;
  virtual std::optional<Event> EventAt(std::int64_t seq) = 0;
  virtual std::int64_t EventCount() = 0;
  // The seq of the last event with at <= `time` (RFC 3339 UTC, microseconds), 0 if none.
  virtual std::int64_t LastSeqAt(const std::string& time) = 0;
  virtual void AppendEvent(const Event& event, std::string_view data_text) = 0;
  // Calls `visit` for every event with from <= seq <= to (to < 0: to the end), in the
  // stored order of seq; stops early when `visit` returns false. `data_text` is the
  // stored data exactly; event.data is left null unless `parse_data` is true.
  virtual void ScanEvents(
      std::int64_t from, std::int64_t to, bool parse_data,
      const std::function<bool(const Event& event, std::string_view data_text)>& visit) = 0;
  // The events that name `entity` (recorded with AddEventRef), oldest first.
  virtual std::vector<Event> EventsAbout(const std::string& entity) = 0;

  // True when this ledger holds the event with `hash`, or merged it from another desk.
  virtual bool KnowsEvent(const std::string& hash) = 0;

  // Content bytes, stored once per content id.
  virtual bool HasContent(const std::string& hash) = 0;
  virtual void PutContent(const std::string& hash, std::string_view bytes) = 0;
  virtual std::optional<std::string> GetContent(const std::string& hash) = 0;
  virtual void ScanContents(
      const std::function<void(const std::string& hash, std::string_view bytes)>& visit) = 0;

  // Projections: reads. Missing ids give nothing (the workbench raises NotFound).
  virtual bool HasSource(const std::string& id) = 0;
  virtual std::optional<Source> GetSource(const std::string& id) = 0;
  virtual std::vector<Source> ListSources() = 0;
  virtual std::optional<Snapshot> GetSnapshot(const std::string& hash) = 0;
  virtual std::vector<Snapshot> ListSnapshots() = 0;
  virtual std::optional<Claim> GetClaim(const std::string& id) = 0;
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
  // Current verdicts of claims with a claimant, counted by claimant and rating (and by
  // the year the claim was made or recorded when `by_year`), for one source or all.
  virtual std::vector<RatingCount> RatingCounts(const std::optional<std::string>& source,
                                                bool by_year) = 0;

  // Verification support: the ledger replays every event into a scratch writer from
  // NewScratch() and then compares it with this store's projection tables.
  // - kDigests keeps no rows: for each table, an order-independent digest of the rows a
  //   replay would write (a keyed hash of each row, summed, and the row count). Cheap.
  // - kRows holds the replayed rows themselves (for SQLite: an attached temporary
  //   database), so that DiffProjections can name each row that differs.
  // DiffProjections against a kDigests replay gives one diff per table whose stored rows
  // differ (key empty, detail "differs"); against a kRows replay, one per row ("missing",
  // "unexpected" or "differs", up to 1000 a table). REQUIRES: `replay` came from
  // this->NewScratch(), which is called outside a transaction.
  enum class Scratch { kDigests, kRows };
  virtual std::unique_ptr<ProjectionWriter> NewScratch(Scratch kind) = 0;
  virtual std::vector<ProjectionDiff> DiffProjections(ProjectionWriter& replay) = 0;
  // A kDigests replay of the events after a split point, to fill on another thread beside
  // the replay of those up to it into `first` (from NewScratch(kDigests)); same key.
  virtual std::unique_ptr<ProjectionWriter> NewLaterDigests(ProjectionWriter& first) = 0;
  // Adds `later` (from NewLaterDigests(first), every event after the split applied) to
  // `first`, once `first` holds every event up to the split; `later` put off its updates of
  // claims and sources it did not hold, and they are applied to `first` now, in order. False,
  // with `first` unchanged, when an id was put on both sides of the split or an update came
  // before its entity in `later`: the caller then applies those events to `first` itself.
  // (The stored digests taken into `later` are not moved: see AddStoredDigests.)
  virtual bool MergeLaterDigests(ProjectionWriter& first, ProjectionWriter& later) = 0;
  // For work on another thread: a read-only store that reads the same snapshot of the
  // ledger as this store's read transaction, in its own read transaction that lasts
  // until it is destroyed. Nothing when there can be none (a private in-memory ledger) or
  // when the same snapshot cannot be made sure of (another process committed at that
  // moment). REQUIRES: called first in a read transaction, before anything is read in it.
  virtual std::unique_ptr<Store> OpenSameSnapshot() = 0;
  // The stored projection tables in pieces whose digests can be taken apart, so that
  // threads can share the work (whole tables first, then ranges of rows); the same on
  // every store that reads the same snapshot.
  virtual std::vector<StoredPiece> StoredPieces() = 0;
  // Adds the digests of `piece` of the stored tables to those kept with `replay` (a kDigests
  // replay, or a later one merged into it), for a DiffProjections(replay) on the store this
  // one shares its snapshot with; that then compares them with the replay's, instead of
  // digesting the tables itself. REQUIRES: every piece of StoredPieces() is added once, to
  // `replay` or to a later replay merged into it, before that DiffProjections.
  virtual void DigestStoredPiece(ProjectionWriter& replay, const StoredPiece& piece) = 0;
  // Adds the stored digests taken into `from` (DigestStoredPiece) to those of `into`; both
  // kDigests replays of one NewScratch and NewLaterDigests.
  virtual void AddStoredDigests(ProjectionWriter& into, ProjectionWriter& from) = 0;
  // Full-text search over claim texts. `match` is an FTS5 query; the filter's fields and
  // the date range (on the date a claim was made, else recorded) narrow it; best first.
  virtual std::vector<SearchHit> Search(const std::string& match, const ClaimFilter& filter,
                                        const std::optional<std::string>& since,
                                        const std::optional<std::string>& until) = 0;
  // Full-text search over the texts of the snapshots that are UTF-8 text (`match` an FTS5
  // query), best first, at most `limit`.
  virtual std::vector<SnapshotHit> SearchSnapshots(const std::string& match,
                                                   std::int64_t limit) = 0;

  // The `limit` claims sharing the most of `buckets` (LSH bucket keys), most shared first
  // (ties by id): (id, text). At most `per_bucket` claims of each bucket are looked at, so
  // a bucket that very many claims share (common words) costs no more than a rare one; the
  // buckets read whole rank a claim before those cut off.
  virtual std::vector<std::pair<std::string, std::string>> SimilarCandidates(
      const std::vector<std::int64_t>& buckets, std::int64_t per_bucket, std::int64_t limit) = 0;
  // The `limit` claims that best match any of `terms` (FTS5 query terms) by BM25, best
  // first: (id, text). Only the terms fewer than `per_term` claims contain are used (the
  // rare words, which tell claims apart), so common words cost no more than a count.
  virtual std::vector<std::pair<std::string, std::string>> FullTextCandidates(
      const std::vector<std::string>& terms, std::int64_t per_term, std::int64_t limit) = 0;

  // Empties every projection table (for rebuilding them from the events).
  virtual void ClearProjections() = 0;
  // Empties the whole ledger: events, contents and projections (used only to replace a
  // new ledger's own first event with an imported bundle, inside one transaction).
  virtual void ClearLedger() = 0;
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

struct StoreOptions {
  bool create = true;           // create the file when it does not exist
  bool read_only = false;       // open without write access
  int busy_timeout_ms = 30000;  // how long a writer waits for another one
};

// Opens (or creates) a SQLite ledger file; ":memory:" gives a private in-memory ledger.
// Throws Error(kStorage) when the file is not a claimledger ledger (it is left untouched)
// or was written by a newer schema version, and Error(kNotFound) when it does not exist
// and options.create is false.
std::unique_ptr<Store> OpenSqliteStore(const std::string& path, const StoreOptions& options);

// The schema version this build writes and the newest it can read.
inline constexpr int kSchemaVersion = 3;

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_H_
