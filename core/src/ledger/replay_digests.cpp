// Replays of the events for verify() (replay_digests.h).
#include "ledger/replay_digests.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "claimledger/error.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "hash/row_digest.h"
#include "ledger/chain.h"

namespace claimledger {
namespace {

[[noreturn]] void Repeated(const char* table, const std::string& key) {
  throw Error(Code::kIntegrity, "claimledger.projection.repeated_key",
              std::string(table) + " row " + key + " is there already");
}

// A slot holds the high half of its claim's hash and its entry's index + 1, so that a probe
// reads an entry (elsewhere in memory) only when the halves match; 0 when empty.
constexpr std::uint64_t kHashHalf = 0xffffffff00000000u;
std::uint64_t SlotValue(std::uint64_t hash, std::size_t index) {
  return (hash & kHashHalf) | (index + 1);
}
std::size_t EntryOf(std::uint64_t value) { return (value & ~kHashHalf) - 1; }

}  // namespace

// --- ReplayedClaims ---------------------------------------------------------------------------

ReplayedClaims::ReplayedClaims() {
  const RowDigestKey random = RowDigestKey::Random();
  std::memcpy(&seed_, random.bytes, sizeof seed_);
}

std::uint64_t ReplayedClaims::HashOf(std::string_view id) const {
  return XXH3_64bits_withSeed(id.data(), id.size(), seed_);
}

std::uint64_t ReplayedClaims::Prefetch(std::string_view id) const {
  const std::uint64_t hash = HashOf(id);
  if (!slots_.empty()) __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]);
  return hash;
}

bool ReplayedClaims::Add(std::string_view id, std::uint64_t hash, std::string_view status,
                         std::string_view status_at) {
  if (entries_.size() + 1 >= (std::uint64_t{1} << 32)) {
    throw Error(Code::kStorage, "claimledger.verify.too_many_claims",
                "a verification keeps at most 2^32 - 1 claims in memory");
  }
  if (2 * (entries_.size() + 1) > slots_.size()) Grow();
  const std::size_t slot = Probe(id, hash);
  if (slots_[slot] != 0) return false;
  entries_.push_back({hash, arena_.size(), id.size(), status.size(), status_at.size(), kNone});
  arena_.append(id).append(status).append(status_at);
  slots_[slot] = SlotValue(hash, entries_.size() - 1);
  return true;
}

bool ReplayedClaims::Contains(std::string_view id) const {
  return !slots_.empty() && slots_[Probe(id, HashOf(id))] != 0;
}

ClaimState* ReplayedClaims::Find(std::string_view id) {
  if (slots_.empty()) return nullptr;
  const std::uint64_t value = slots_[Probe(id, HashOf(id))];
  if (value == 0) return nullptr;
  Entry& entry = entries_[EntryOf(value)];
  if (entry.updated == kNone) {
    const auto text = [&](std::size_t from, std::size_t size) {
      return std::string(arena_, entry.offset + from, size);
    };
    ClaimState state;
    state.status = text(entry.id_size, entry.status_size);
    state.status_at = text(entry.id_size + entry.status_size, entry.status_at_size);
    entry.updated = updated_.size();
    updated_.push_back(std::move(state));
  }
  return &updated_[entry.updated];
}

std::size_t ReplayedClaims::Probe(std::string_view id, std::uint64_t hash) const {
  const std::size_t mask = slots_.size() - 1;
  std::size_t slot = hash & mask;
  for (; slots_[slot] != 0; slot = (slot + 1) & mask) {
    if ((slots_[slot] & kHashHalf) != (hash & kHashHalf)) continue;
    const Entry& entry = entries_[EntryOf(slots_[slot])];
    if (entry.hash == hash && std::string_view(arena_).substr(entry.offset, entry.id_size) == id) {
      break;
    }
  }
  return slot;
}

void ReplayedClaims::Grow() {
  slots_.assign(std::max<std::size_t>(1024, 2 * slots_.size()), 0);
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t index = 0; index < entries_.size(); ++index) {
    std::size_t slot = entries_[index].hash & mask;
    while (slots_[slot] != 0) slot = (slot + 1) & mask;
    slots_[slot] = SlotValue(entries_[index].hash, index);
  }
}

// --- ReplayDigests ----------------------------------------------------------------------------

void ReplayDigests::PutSource(const Source& s) {
  if (!sources_.try_emplace(s.id, SourceState{s.reliability, std::nullopt}).second) {
    Repeated("sources", s.id);
  }
  HashSourceRow(hasher_, s).AddTo(digests_[static_cast<int>(Table::kSources)]);
}

void ReplayDigests::PutSnapshot(const Snapshot& s) {
  if (!snapshots_.insert(s.hash).second) Repeated("snapshots", s.hash);
  HashSnapshotRow(hasher_, s).AddTo(digests_[static_cast<int>(Table::kSnapshots)]);
}

void ReplayDigests::PutClaim(const Claim& c) {
  // The claim's slot is fetched from memory while its row is encoded.
  const std::uint64_t id_hash = claims_.Prefetch(c.id);
  HashClaimRow(hasher_, c);
  if (!claims_.Add(c.id, id_hash, c.status, c.origin.made_at)) Repeated("claims", c.id);
  TableDigest& claims = digests_[static_cast<int>(Table::kClaims)];
  hasher_.AddTo(claims);
  ClaimState state;
  state.status = c.status;
  state.status_at = c.origin.made_at;
  HashClaimUpdates(hasher_, c.id, state).AddTo(claims);
  for (const std::string& tag : c.tags) {
    HashTagRow(hasher_, c.id, tag).AddTo(digests_[static_cast<int>(Table::kClaimTags)]);
  }
  for (const Quote& quote : c.appearances) {
    HashAppearanceRow(hasher_, c.id, quote).AddTo(digests_[static_cast<int>(Table::kAppearances)]);
  }
}

void ReplayDigests::PutEvidence(const Evidence& e) {
  if (!evidence_.insert(e.id).second) Repeated("evidence", e.id);
  HashEvidenceRow(hasher_, e).AddTo(digests_[static_cast<int>(Table::kEvidence)]);
}

void ReplayDigests::PutVerdict(const Verdict& v) {
  // Events are replayed in increasing seq order, so increasing keys are unique keys.
  if (last_verdict_seq_ && v.origin.seq <= *last_verdict_seq_) {
    Repeated("verdicts", std::to_string(v.origin.seq));
  }
  last_verdict_seq_ = v.origin.seq;
  HashVerdictRow(hasher_, v).AddTo(digests_[static_cast<int>(Table::kVerdicts)]);
}

void ReplayDigests::PutSourceRating(const SourceRating& r) {
  if (last_rating_seq_ && r.origin.seq <= *last_rating_seq_) {
    Repeated("source_ratings", std::to_string(r.origin.seq));
  }
  last_rating_seq_ = r.origin.seq;
  HashSourceRatingRow(hasher_, r).AddTo(digests_[static_cast<int>(Table::kSourceRatings)]);
}

void ReplayDigests::PutEventRef(const std::string& entity, std::int64_t seq) {
  HashEventRefRow(hasher_, entity, seq).AddTo(digests_[static_cast<int>(Table::kEventRefs)]);
}

std::optional<ClaimState> ReplayDigests::FindClaimState(const std::string& claim) {
  const ClaimState* state = claims_.Find(claim);
  if (!state) return std::nullopt;
  return *state;
}

void ReplayDigests::SetClaimState(const std::string& claim, const ClaimState& state) {
  ClaimState* current = claims_.Find(claim);
  TableDigest& claims = digests_[static_cast<int>(Table::kClaims)];
  HashClaimUpdates(hasher_, claim, *current).RemoveFrom(claims);
  *current = state;
  HashClaimUpdates(hasher_, claim, *current).AddTo(claims);
}

std::optional<SourceState> ReplayDigests::FindSourceState(const std::string& source) {
  const auto found = sources_.find(source);
  if (found == sources_.end()) return std::nullopt;
  return found->second;
}

void ReplayDigests::SetSourceState(const std::string& source, const SourceState& state) {
  sources_[source] = state;  // digested at the end (Digests)
}

TableDigests ReplayDigests::Digests() {
  TableDigests digests = digests_;
  for (const auto& [id, state] : sources_) {
    HashSourceUpdates(hasher_, id, state).AddTo(digests[static_cast<int>(Table::kSources)]);
  }
  return digests;
}

bool ReplayDigests::Holds(const Update& update) const {
  return update.kind == Update::kReliability ? sources_.count(update.target) > 0
                                             : claims_.Contains(update.target);
}

bool ReplayDigests::Merge(ReplayDigests& later, const std::vector<Update>& deferred) {
  const auto shared = [](const auto& ids, const auto& earlier) {
    return std::any_of(ids.begin(), ids.end(), [&](const auto& item) {
      if constexpr (std::is_same_v<std::decay_t<decltype(item)>, std::string>) {
        return earlier.count(item) > 0;
      } else {
        return earlier.count(item.first) > 0;
      }
    });
  };
  bool claims_shared = false;
  later.claims_.ForEachId([&](std::string_view id) { claims_shared |= claims_.Contains(id); });
  if (claims_shared || shared(later.sources_, sources_) || shared(later.snapshots_, snapshots_) ||
      shared(later.evidence_, evidence_)) {
    return false;
  }
  // An update put off by `later`, of an entity it put after it: in one replay it would have
  // found nothing.
  if (std::any_of(deferred.begin(), deferred.end(),
                  [&](const Update& update) { return later.Holds(update); })) {
    return false;
  }
  for (int table = 0; table < kTableCount; ++table) digests_[table] += later.digests_[table];
  sources_.merge(later.sources_);  // their updated columns go into Digests()
  if (later.last_verdict_seq_) last_verdict_seq_ = later.last_verdict_seq_;
  if (later.last_rating_seq_) last_rating_seq_ = later.last_rating_seq_;
  for (const Update& update : deferred) ApplyUpdate(*this, update);
  return true;
}

// --- EventReplay ----------------------------------------------------------------------------

void EventReplay::operator()(const Event& event) {
  try {
    const JsonValue data = Read(event);
    if (const std::optional<Update> update = PutRows(digests_, event, data)) {
      if (after_split_ && !digests_.Holds(*update)) {
        deferred.push_back(*update);
      } else {
        ApplyUpdate(digests_, *update);
      }
    }
    if (event.type == EventTypeName(EventType::kSnapshotAdded)) {
      snapshot_sha256[data.StringAt("hash")] = data.StringAt("sha256");
    }
  } catch (const Error& error) {
    unapplied.insert(event.seq);
    if (error.id() == "claimledger.json.not_json") {
      // Reported as a hash mismatch unless the hash is of these very bytes.
      if (EventHash(event) == event.hash) {
        problems.push_back({event.seq, "invalid-event", "the stored data is not JSON"});
      }
      return;
    }
    problems.push_back(
        {event.seq,
         error.id() == "claimledger.ledger.unknown_event" ? "unknown-event" : "invalid-event",
         error.what()});
  } catch (const std::exception& error) {
    unapplied.insert(event.seq);
    problems.push_back({event.seq, "invalid-event", error.what()});
  }
}

JsonValue EventReplay::Read(const Event& event) {
  try {
    return ParseCanonical(event.data, view_, canonical_);
  } catch (const Error& error) {
    if (error.id() == "claimledger.json.not_json") throw;
    throw InvalidEvent(event, "has data that is not canonical JSON: " + error.detail());
  }
}

// --- KeyedRows --------------------------------------------------------------------------------

void KeyedRows::Keep(Table table, RowKey key, const RowHasher& row) {
  if (tables_.count(table) == 0) return;
  KeyedRow kept{row.Digest(), {}};
  row.ValueHashes(kept.values);
  std::map<RowKey, KeyedRow>& rows = rows_[table];
  if (!rows.emplace(key, std::move(kept)).second) Repeated(LayoutOf(table).name, KeyText(key));
}

void KeyedRows::PutSource(const Source& s) {
  if (!sources_.emplace(s.id, SourceState{s.reliability, std::nullopt}).second) {
    Repeated("sources", s.id);
  }
  RowHasher hasher(key_);
  Keep(Table::kSources, {s.id}, HashSourceRow(hasher, s));
}

void KeyedRows::PutSnapshot(const Snapshot& s) {
  if (!snapshots_.insert(s.hash).second) Repeated("snapshots", s.hash);
  RowHasher hasher(key_);
  Keep(Table::kSnapshots, {s.hash}, HashSnapshotRow(hasher, s));
}

void KeyedRows::PutClaim(const Claim& c) {
  ClaimState state;
  state.status = c.status;
  state.status_at = c.origin.made_at;
  if (!claims_.emplace(c.id, state).second) Repeated("claims", c.id);
  RowHasher hasher(key_);
  Keep(Table::kClaims, {c.id}, HashClaimRow(hasher, c));
  for (const std::string& tag : c.tags) {
    Keep(Table::kClaimTags, {c.id, tag}, HashTagRow(hasher, c.id, tag));
  }
  for (const Quote& quote : c.appearances) {
    Keep(Table::kAppearances, {c.id, quote.snapshot, static_cast<std::int64_t>(quote.start)},
         HashAppearanceRow(hasher, c.id, quote));
  }
}

void KeyedRows::PutEvidence(const Evidence& e) {
  if (!evidence_.insert(e.id).second) Repeated("evidence", e.id);
  RowHasher hasher(key_);
  Keep(Table::kEvidence, {e.id}, HashEvidenceRow(hasher, e));
}

void KeyedRows::PutVerdict(const Verdict& v) {
  RowHasher hasher(key_);
  Keep(Table::kVerdicts, {v.origin.seq}, HashVerdictRow(hasher, v));
}

void KeyedRows::PutSourceRating(const SourceRating& r) {
  RowHasher hasher(key_);
  Keep(Table::kSourceRatings, {r.origin.seq}, HashSourceRatingRow(hasher, r));
}

void KeyedRows::PutEventRef(const std::string& entity, std::int64_t seq) {
  RowHasher hasher(key_);
  Keep(Table::kEventRefs, {entity, seq}, HashEventRefRow(hasher, entity, seq));
}

std::optional<ClaimState> KeyedRows::FindClaimState(const std::string& claim) {
  const auto found = claims_.find(claim);
  if (found == claims_.end()) return std::nullopt;
  return found->second;
}

void KeyedRows::SetClaimState(const std::string& claim, const ClaimState& state) {
  claims_[claim] = state;
}

std::optional<SourceState> KeyedRows::FindSourceState(const std::string& source) {
  const auto found = sources_.find(source);
  if (found == sources_.end()) return std::nullopt;
  return found->second;
}

void KeyedRows::SetSourceState(const std::string& source, const SourceState& state) {
  sources_[source] = state;
}

std::map<RowKey, KeyedRow> KeyedRows::Rows(Table table) {
  std::map<RowKey, KeyedRow> rows = rows_[table];
  // The updated columns, as they ended.
  RowHasher hasher(key_);
  const auto add = [&](KeyedRow& row, const RowHasher& updates) {
    row.digest += updates.Digest();
    updates.ValueHashes(row.values);
  };
  if (table == Table::kClaims) {
    for (auto& [key, row] : rows) {
      const std::string& id = std::get<std::string>(key.front());
      add(row, HashClaimUpdates(hasher, id, claims_[id]));
    }
  } else if (table == Table::kSources) {
    for (auto& [key, row] : rows) {
      const std::string& id = std::get<std::string>(key.front());
      add(row, HashSourceUpdates(hasher, id, sources_[id]));
    }
  }
  return rows;
}

}  // namespace claimledger
