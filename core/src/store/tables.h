// The tables of current state that every store keeps: their names, keys and columns, and
// how a row of each is digested for verify().
//
// The tables are projections of the events: the ledger writes them (ledger/projection.h,
// through the ProjectionWriter of store.h) and verify() compares them with a replay of the
// events. Both sides digest a row the same way: its columns in the order its TableLayout
// lists them, each as a typed value (hash/row_digest.h). A replay hashes the records it
// writes with the Hash* functions below; a store hashes its stored rows by reading the same
// columns in the same order. Tables whose rows later events update (claims, sources) are
// digested in two parts: the columns written once ('r'), and the key with the updated
// columns ('u'), so that a replay can digest a row when it is written.
#ifndef CLAIMLEDGER_STORE_TABLES_H_
#define CLAIMLEDGER_STORE_TABLES_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "claimledger/model.h"
#include "hash/row_digest.h"

namespace claimledger {

// The tables, in the order verify() reports them.
enum class Table : int {
  kSources,
  kSnapshots,
  kClaims,
  kClaimTags,
  kAppearances,
  kEvidence,
  kVerdicts,
  kSourceRatings,
  kEventRefs,
};
inline constexpr int kTableCount = 9;

struct TableLayout {
  Table table;
  const char* name;     // "claim_tags"
  const char* key;      // the primary key's columns: "claim, tag"
  int key_columns;      // how many
  const char* columns;  // the columns written once, in digest order (the key first)
  const char* updated;  // the key, then the columns later events update; "" when none
};

// Every table's layout, in the order of Table.
const std::array<TableLayout, kTableCount>& TableLayouts();
inline const TableLayout& LayoutOf(Table table) { return TableLayouts()[static_cast<int>(table)]; }

// The SELECT of each kind of record's columns, in the order both stores read them back.
inline constexpr const char* kSourceSelect =
    "SELECT id, name, kind, url, affiliation, reliability, ref, attributes, seq, at, actor "
    "FROM sources";
inline constexpr const char* kSnapshotSelect =
    "SELECT hash, sha256, size, url, title, publisher, published, retrieved, seq, at, actor "
    "FROM snapshots";
inline constexpr const char* kEvidenceSelect =
    "SELECT id, claim, snapshot, exact, prefix, suffix, quote_start, quote_end, stance, note, "
    "credibility, seq, at, actor FROM evidence";
// (A ledger file names a verdict's claim by its row, so its reads give these columns from a join
// with claims: kVerdictWithIdSelect in store/sqlite/sqlite_reads.cpp.)
inline constexpr const char* kVerdictSelect =
    "SELECT claim, rating, rationale, evidence, seq, at, actor, made_at, from_ledger "
    "FROM verdicts";
inline constexpr const char* kEventSelect =
    "SELECT seq, prev, type, at, actor, data, hash FROM events";

// The digest of every table, in the order of Table.
using TableDigests = std::array<TableDigest, kTableCount>;

// A row's primary key, its values in key order: integers before texts, integers by value and
// texts bytewise, as SQL orders them.
using RowKey = std::vector<std::variant<std::int64_t, std::string>>;
// "clm_… korea": the key's values joined by spaces, for messages.
std::string KeyText(const RowKey& key);

// What the projection rules read and update of a claim (ledger/projection.h): its status
// and when that status was made, and its current verdict (the one made last).
struct ClaimState {
  std::string status;
  std::string status_at;
  std::optional<std::string> rating;        // the current verdict's rating
  std::optional<std::int64_t> verdict_seq;  // the current verdict's event
  std::string verdict_made_at;              // when it was made; empty without a verdict
};

// What the projection rules read and update of a source: its current reliability grade
// (the rating made last) and when that rating was made.
struct SourceState {
  std::optional<std::string> reliability;
  std::optional<std::string> reliability_at;
};

// A claim's `year` column: the year it was made (its date), else recorded (its time); the
// integer the first four characters start with, 0 when none. The same as SQL's
// CAST(substr(coalesce(date, at), 1, 4) AS INTEGER).
std::int64_t ClaimYear(std::string_view date_or_at);

// The digests a replay adds for each row it writes: hasher.Part('r') and the columns of
// TableLayout::columns, or for updated columns hasher.Part('u') and TableLayout::updated.
RowHasher& HashSourceRow(RowHasher& hasher, const Source& source);
RowHasher& HashSourceUpdates(RowHasher& hasher, std::string_view id, const SourceState& state);
RowHasher& HashSnapshotRow(RowHasher& hasher, const Snapshot& snapshot);
RowHasher& HashClaimRow(RowHasher& hasher, const Claim& claim);
RowHasher& HashClaimUpdates(RowHasher& hasher, std::string_view id, const ClaimState& state);
RowHasher& HashTagRow(RowHasher& hasher, std::string_view claim, std::string_view tag);
RowHasher& HashAppearanceRow(RowHasher& hasher, std::string_view claim, const Quote& quote);
RowHasher& HashEvidenceRow(RowHasher& hasher, const Evidence& evidence);
RowHasher& HashVerdictRow(RowHasher& hasher, const Verdict& verdict);
RowHasher& HashSourceRatingRow(RowHasher& hasher, const SourceRating& rating);
RowHasher& HashEventRefRow(RowHasher& hasher, std::string_view entity, std::int64_t seq);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_TABLES_H_
