// Replays of the events for verify(): the tables of current state that the events imply,
// written as digests (ReplayDigests, cheap: the whole ledger in a few hundred bytes per table
// plus what later events read; EventReplay feeds it and collects the events' problems) or as
// rows with their keys (KeyedRows, to name each row that differs from the stored tables). Both are
// ProjectionWriters: the events go through the same rules as into a store (projection.h), and each
// row is digested as a store digests its stored rows (store/tables.h).
#ifndef CLAIMLEDGER_LEDGER_REPLAY_DIGESTS_H_
#define CLAIMLEDGER_LEDGER_REPLAY_DIGESTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "hash/row_digest.h"
#include "ledger/projection.h"
#include "store/store.h"

namespace claimledger {

// The claims a replay has put, by id, with the columns that later events update. A ledger can
// hold millions of claims and most are never updated, so the columns a claim was put with
// sit in one arena of text, found through an open-addressing index keyed by a seeded hash of
// the id; a claim gets a ClaimState of its own when first updated.
class ReplayedClaims {
 public:
  ReplayedClaims();
  // Starts fetching the slot of claim `id` from memory, for an Add soon after; returns the
  // hash of `id` that Add takes.
  std::uint64_t Prefetch(std::string_view id) const;
  // Adds claim `id` (`hash` from Prefetch(id)) with its first state (status and status_at;
  // no verdict); false when a claim with that id is there.
  bool Add(std::string_view id, std::uint64_t hash, std::string_view status,
           std::string_view status_at);
  bool Contains(std::string_view id) const;
  // The state of claim `id`, to read or update; nullptr when there is no such claim.
  ClaimState* Find(std::string_view id);
  // Calls `visit` with the id of every claim.
  template <typename Visit>
  void ForEachId(Visit visit) const {
    for (const Entry& entry : entries_) {
      visit(std::string_view(arena_).substr(entry.offset, entry.id_size));
    }
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Entry {
    std::uint64_t hash;
    std::size_t offset;  // the id, then status and status_at, in arena_
    std::size_t id_size, status_size, status_at_size;
    std::size_t updated;  // its ClaimState in updated_, or kNone
  };
  std::uint64_t HashOf(std::string_view id) const;
  std::size_t Probe(std::string_view id, std::uint64_t hash) const;
  void Grow();

  std::uint64_t seed_;
  std::string arena_;
  std::vector<Entry> entries_;  // fewer than 2^32: a slot keeps 32 bits of the index
  std::vector<std::uint64_t> slots_;
  std::vector<ClaimState> updated_;
};

// The digests of the tables a replay of the events writes, keeping in memory only what the
// rules read (the updated columns of claims and sources) and the keys that must stay unique.
class ReplayDigests final : public ProjectionWriter {
 public:
  explicit ReplayDigests(const RowDigestKey& key) : key_(key), hasher_(key_) {}
  ReplayDigests(const ReplayDigests&) = delete;
  ReplayDigests& operator=(const ReplayDigests&) = delete;

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

  // The digest of every table.
  TableDigests Digests();

  // True when this replay holds the claim or source that `update` updates.
  bool Holds(const Update& update) const;

  // Adds `later`, a replay (with the same key) of the events after those replayed here, to
  // this one; then applies `deferred`, the updates `later` did not hold the target of, in
  // order. False, with this replay unchanged, when that would not give what one replay of all
  // the events gives: an id put on both sides (a repeated key, which one replay refuses), or a
  // deferred update of an entity `later` put after it.
  bool Merge(ReplayDigests& later, const std::vector<Update>& deferred);

 private:
  RowDigestKey key_;
  RowHasher hasher_;
  TableDigests digests_{};
  std::unordered_map<std::string, SourceState> sources_;
  ReplayedClaims claims_;
  std::unordered_set<std::string> snapshots_, evidence_;
  std::optional<std::int64_t> last_verdict_seq_, last_rating_seq_;
};

// Replays events one by one into a ReplayDigests for verify(), keeping what the replay found:
// the problems (in seq order), the events it could not apply, and the SHA-256 that each
// snapshot's event recorded. A replay of the events after a split point (on another thread)
// puts off the updates of claims and sources it does not hold, which may be from before the
// split: ReplayDigests::Merge applies them.
class EventReplay {
 public:
  EventReplay(ReplayDigests& digests, bool after_split)
      : digests_(digests), after_split_(after_split) {}

  void operator()(const Event& event);

  std::vector<Problem> problems;
  std::set<std::int64_t> unapplied;
  std::map<std::string, std::string> snapshot_sha256;  // content id -> sha256 from events
  std::vector<Update> deferred;                        // after a split only

 private:
  // The event's data: as stored when it is canonical JSON (always, unless the file was edited
  // behind the ledger's back), else written canonically first.
  JsonValue Read(const Event& event);

  ReplayDigests& digests_;
  const bool after_split_;
  JsonView view_;          // reused for every event's data
  std::string canonical_;  // data rewritten canonically (only for data that is not)
};

// A row a replay wrote: its digest and the hash of each of its values (RowHasher::ValueHashes).
struct KeyedRow {
  TableDigest digest;
  std::vector<std::uint64_t> values;
};

// A replay that keeps, for the tables asked for, every row's key, digest and value hashes; the
// others are only replayed far enough for the rules to read (claim and source states).
class KeyedRows final : public ProjectionWriter {
 public:
  KeyedRows(const RowDigestKey& key, std::set<Table> tables)
      : key_(key), tables_(std::move(tables)) {}

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

  // Every kept row of `table` by key, with its digest and values (both parts of a table with
  // updates).
  std::map<RowKey, KeyedRow> Rows(Table table);

 private:
  void Keep(Table table, RowKey key, const RowHasher& row);

  RowDigestKey key_;
  std::set<Table> tables_;
  std::map<Table, std::map<RowKey, KeyedRow>> rows_;
  std::map<std::string, ClaimState> claims_;
  std::map<std::string, SourceState> sources_;
  std::unordered_set<std::string> snapshots_, evidence_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_LEDGER_REPLAY_DIGESTS_H_
