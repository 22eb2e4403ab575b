// The events of the ledger, one owner for their names and data: the event types, and for
// each type the struct of its data with its JSON encoding. The workbench writes events with
// these structs, the ledger applies them, the store reads a claim's quantities from its
// event and bundles read snapshot bytes against theirs. vocabulary.h lists the type names.
//
// Each struct's JSON is the object an event's data holds, every key present (null for an
// empty optional), as claimledger has always written it: the hashes of existing events
// depend on it. Reading takes the data as a JsonView (json_view.h) and accepts what older
// versions wrote (a missing optional key reads as empty); a missing required key or a value
// of another type throws JsonFieldError.
//
// A change merged from another desk carries, besides its own keys, "origin": the desk it was
// made on, the hash and time of the event there, who made it and who merged it.
#ifndef CLAIMLEDGER_CODEC_EVENTS_H_
#define CLAIMLEDGER_CODEC_EVENTS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/anchor.h"
#include "claimledger/model.h"
#include "claimledger/quantities.h"
#include "codec/canonical_json.h"
#include "codec/json_view.h"

namespace claimledger {

enum class EventType : std::uint8_t {
  kLedgerCreated,     // "ledger.created": the first event, the ledger's settings
  kSourceAdded,       // "source.added"
  kSnapshotAdded,     // "snapshot.added"
  kClaimAdded,        // "claim.added"
  kEvidenceLinked,    // "evidence.linked"
  kVerdictSet,        // "verdict.set"
  kStatusSet,         // "status.set"
  kSourceRated,       // "source.rated"
  kCheckpointSigned,  // "checkpoint.signed": a signed checkpoint of this desk, recorded
  kVerdictConflict,   // "verdict.conflict": two merged desks' verdicts on a claim differ
  // Corrections (README, "Corrections"): each says why.
  kClaimRetracted,    // "claim.retracted": the claim is withdrawn (status retracted)
  kEvidenceUnlinked,  // "evidence.unlinked": the evidence stops counting for its claim
  kClaimCorrected,    // "claim.corrected": the claim's text or claimant is corrected
  kSourceMerged,      // "source.merged": a source is the same as another, now its alias
};
inline constexpr int kEventTypeCount = 14;

// "claim.added" for kClaimAdded.
std::string_view EventTypeName(EventType type);
// The type named `name`; nothing for a name no version of claimledger writes.
std::optional<EventType> ParseEventType(std::string_view name);

// Where a merged change was made: the other desk's identity, and the hash and time of the
// event there ("origin" in the data; it also names who made and who merged it).
struct MergeOrigin {
  std::string ledger;
  std::string hash;
  std::string at;
};
// The origin of a merged change; nothing for a change made on this desk.
std::optional<MergeOrigin> ReadMergeOrigin(const JsonValue& data);
// The hash of the event that first made the change `event` records: the original's on the desk
// it was made on for a merged change, else its own. Throws Error(kIntegrity) for data that is
// not canonical JSON.
std::string CreatorHash(const Event& event);
// When that change was made: the original's time for a merged change, else the event's.
std::string MadeAt(const Event& event);
// `data` of an event of desk `ledger` as this desk records it when merging it: with its
// "origin" (hash, time and actor of the event there), or, when it was merged there from a
// third desk, with the origin it has; `merged_by` names who merged it here.
nlohmann::json WithMergeOrigin(nlohmann::json data, const std::string& ledger,
                               const std::string& hash, const std::string& at,
                               const std::string& actor, const std::string& merged_by);

// --- the data of each type ----------------------------------------------------------------

struct LedgerCreated {
  static constexpr EventType kType = EventType::kLedgerCreated;
  std::int64_t version = 1;  // the ledger format
  std::string scale;         // the rating scale, its canonical JSON (RatingScale::ToJson)
  std::string nonce;         // random hex: no two ledgers share an identity
  // The desk's origin, the first line of the checkpoints it signs, when one was chosen at
  // creation (the key is then written; without one it is absent, and the origin is derived
  // from the ledger's identity).
  std::optional<std::string> origin;
};

struct SourceAdded {
  static constexpr EventType kType = EventType::kSourceAdded;
  std::string name;
  std::string kind;
  std::optional<std::string> url;
  std::optional<std::string> affiliation;
  std::optional<std::string> ref;
  std::string attributes = "{}";  // canonical JSON: an object of text and integer values
};

struct SnapshotAdded {
  static constexpr EventType kType = EventType::kSnapshotAdded;
  std::string hash;    // content id, "xxh3-128:…"
  std::string sha256;  // "sha256:…" of the same bytes
  std::int64_t size = 0;
  std::optional<std::string> url;
  std::optional<std::string> title;
  std::optional<std::string> publisher;  // a source id
  std::optional<std::string> published;
  std::optional<std::string> retrieved;
};

struct ClaimAdded {
  static constexpr EventType kType = EventType::kClaimAdded;
  std::string text;
  std::optional<std::string> claimant;  // a source id
  std::optional<Quote> appears_in;
  std::vector<std::string> tags;
  std::vector<Quantity> quantities;
  std::optional<std::string> date;
  std::optional<std::string> context;
  std::optional<std::string> ref;
  std::string provenance = "null";  // canonical JSON: an object, or null
};

struct EvidenceLinked {
  static constexpr EventType kType = EventType::kEvidenceLinked;
  std::string claim;
  Quote quote;
  std::string stance;
  std::optional<std::string> note;
  std::optional<std::string> credibility;
};

struct VerdictSet {
  static constexpr EventType kType = EventType::kVerdictSet;
  std::string claim;
  std::string rating;
  std::string rationale;
  std::vector<std::string> evidence;  // evidence ids relied on
};

struct StatusSet {
  static constexpr EventType kType = EventType::kStatusSet;
  std::string claim;
  std::string status;
  std::optional<std::string> from;  // the status before (written since the first version)
  // reviewed and published approve the verdict current at that moment: the hash of the event
  // that made it (of the original event for a verdict merged from another desk). Absent in
  // older events and for other statuses.
  std::optional<std::string> verdict;
  std::optional<std::string> reason;  // why, when the desk made the change itself
};

struct SourceRated {
  static constexpr EventType kType = EventType::kSourceRated;
  std::string source;
  std::string grade;
  std::string rationale;
};

// A signed checkpoint recorded in the desk (who signed which size): the note verbatim, what it
// says, and the verifier keys whose signatures were checked when it was recorded. Public keys
// and signatures only; a signer key is never recorded.
struct CheckpointSigned {
  static constexpr EventType kType = EventType::kCheckpointSigned;
  std::string origin;
  std::int64_t size = 0;
  std::string root;  // base64
  std::vector<std::string> signed_by;
  std::string checkpoint;  // the signed note's text
};

// One side of a verdict conflict: a desk's current verdict on the claim when two desks merged.
struct ConflictSide {
  std::string rating;
  std::string rationale;
  std::string actor;
  std::string at;  // when it was made
};

// Merging another desk found that the two desks' current verdicts on a claim differ. The claim
// shows the conflict until a verdict is made after it.
struct VerdictConflict {
  static constexpr EventType kType = EventType::kVerdictConflict;
  std::string claim;
  std::string ledger;  // the other desk's identity
  ConflictSide local;  // this desk's verdict before the merge
  ConflictSide other;  // the other desk's
};

// A claim withdrawn: its status becomes "retracted" (from `from`), and exports leave it out.
struct ClaimRetracted {
  static constexpr EventType kType = EventType::kClaimRetracted;
  std::string claim;
  std::string from;  // the status before
  std::string reason;
};

// Evidence that no longer counts for its claim: not among the claim's evidence, not citable by
// a new verdict. Verdicts that cited it keep it in their history.
struct EvidenceUnlinked {
  static constexpr EventType kType = EventType::kEvidenceUnlinked;
  std::string evidence;
  std::string claim;
  std::string reason;
};

// A claim's text and claimant as corrected (both written, changed or not), with those they
// replace; the quantities parsed from the new text and, for a claim whose appears_in quote was
// its own text, that quote anchored again on the new text (absent otherwise).
struct ClaimCorrected {
  static constexpr EventType kType = EventType::kClaimCorrected;
  std::string claim;
  std::string text;
  std::optional<std::string> claimant;
  std::string old_text;
  std::optional<std::string> old_claimant;
  std::vector<Quantity> quantities;
  std::optional<Quote> appears_in;
  std::string reason;
};

// Source `source` is the same as `into`: it becomes an alias of it (its id still resolves), and
// its claims, ratings and track record count for `into`.
struct SourceMerged {
  static constexpr EventType kType = EventType::kSourceMerged;
  std::string source;
  std::string into;
  std::string reason;
};

// The conflict as the public model shows it.
MergeConflict ToMergeConflict(const VerdictConflict& conflict);
// The conflict a verdict.conflict event records.
MergeConflict ReadMergeConflict(const Event& event);

nlohmann::json ToJson(const LedgerCreated& data);
nlohmann::json ToJson(const SourceAdded& data);
nlohmann::json ToJson(const SnapshotAdded& data);
nlohmann::json ToJson(const EvidenceLinked& data);
nlohmann::json ToJson(const StatusSet& data);
nlohmann::json ToJson(const SourceRated& data);
nlohmann::json ToJson(const CheckpointSigned& data);
nlohmann::json ToJson(const VerdictConflict& data);
nlohmann::json ToJson(const ClaimRetracted& data);
nlohmann::json ToJson(const EvidenceUnlinked& data);
nlohmann::json ToJson(const ClaimCorrected& data);
nlohmann::json ToJson(const SourceMerged& data);

// The canonical text of an event's data (what its hash covers, with the event's other fields):
// written directly (CanonicalWriter) for the two events a load writes by the million, a claim's
// and its verdict's, else CanonicalJson of the type's ToJson.
std::string CanonicalData(const ClaimAdded& data);
std::string CanonicalData(const VerdictSet& data);
template <typename Data>
std::string CanonicalData(const Data& data) {
  return CanonicalJson(ToJson(data));
}

LedgerCreated ReadLedgerCreated(const JsonValue& data);
SourceAdded ReadSourceAdded(const JsonValue& data);
SnapshotAdded ReadSnapshotAdded(const JsonValue& data);
// With `quantities` false the quantities are checked (a malformed one throws) but not read:
// a replay leaves them in the event.
ClaimAdded ReadClaimAdded(const JsonValue& data, bool quantities = true);
EvidenceLinked ReadEvidenceLinked(const JsonValue& data);
VerdictSet ReadVerdictSet(const JsonValue& data);
StatusSet ReadStatusSet(const JsonValue& data);
SourceRated ReadSourceRated(const JsonValue& data);
CheckpointSigned ReadCheckpointSigned(const JsonValue& data);
VerdictConflict ReadVerdictConflict(const JsonValue& data);
ClaimRetracted ReadClaimRetracted(const JsonValue& data);
EvidenceUnlinked ReadEvidenceUnlinked(const JsonValue& data);
ClaimCorrected ReadClaimCorrected(const JsonValue& data);
SourceMerged ReadSourceMerged(const JsonValue& data);
// The same from an event's canonical data (Error(kIntegrity) when it cannot be read).
ClaimRetracted ReadClaimRetractedEvent(const Event& event);
ClaimCorrected ReadClaimCorrectedEvent(const Event& event);
SourceMerged ReadSourceMergedEvent(const Event& event);
EvidenceUnlinked ReadEvidenceUnlinkedEvent(const Event& event);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_EVENTS_H_
