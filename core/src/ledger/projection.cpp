// The projection rules (projection.h).
#include "ledger/projection.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "codec/canonical_json.h"
#include "codec/events.h"
#include "ledger/chain.h"

namespace claimledger {
namespace {

// What every event's projection needs besides its own data: who made it, when, and for a
// merged change where; and the references it records.
class EventContext {
 public:
  EventContext(const Event& event, const JsonValue& data)
      : event_(event), merged_(ReadMergeOrigin(data)) {}

  // The creating event's hash, which ids are derived from: the original's for a merged change.
  const std::string& CreatorHash() const { return merged_ ? merged_->hash : event_.hash; }
  std::string IdOf(const char* prefix) const { return EntityId(prefix, CreatorHash()); }

  Origin origin() const {
    Origin origin{event_.seq, event_.at, event_.actor, event_.at, std::nullopt};
    if (merged_) {
      origin.made_at = merged_->at;
      origin.from_ledger = merged_->ledger;
    }
    return origin;
  }

  // Names `entity` (once) among the entities this event refers to.
  void Refer(const std::string& entity) {
    if (std::find(refs_.begin(), refs_.end(), entity) == refs_.end()) refs_.push_back(entity);
  }
  void Refer(const std::optional<std::string>& entity) {
    if (entity) Refer(*entity);
  }
  // Writes the references; a merged change also refers to its original event.
  void WriteRefs(ProjectionWriter& writer) {
    if (merged_) Refer(merged_->hash);
    for (const std::string& entity : refs_) writer.PutEventRef(entity, event_.seq);
  }

 private:
  const Event& event_;
  std::optional<MergeOrigin> merged_;
  std::vector<std::string> refs_;
};

std::optional<Update> PutSourceAdded(ProjectionWriter& writer, EventContext& context,
                                     const JsonValue& data) {
  SourceAdded added = ReadSourceAdded(data);
  Source source;
  source.id = context.IdOf("src");
  source.name = std::move(added.name);
  source.kind = std::move(added.kind);
  source.url = std::move(added.url);
  source.affiliation = std::move(added.affiliation);
  source.ref = std::move(added.ref);
  source.attributes = std::move(added.attributes);
  source.origin = context.origin();
  writer.PutSource(source);
  context.Refer(source.id);
  return std::nullopt;
}

std::optional<Update> PutSnapshotAdded(ProjectionWriter& writer, EventContext& context,
                                       const JsonValue& data) {
  SnapshotAdded added = ReadSnapshotAdded(data);
  Snapshot snapshot;
  snapshot.hash = std::move(added.hash);
  snapshot.sha256 = std::move(added.sha256);
  snapshot.size = added.size;
  snapshot.url = std::move(added.url);
  snapshot.title = std::move(added.title);
  snapshot.publisher = std::move(added.publisher);
  snapshot.published = std::move(added.published);
  snapshot.retrieved = std::move(added.retrieved);
  snapshot.origin = context.origin();
  writer.PutSnapshot(snapshot);
  context.Refer(snapshot.hash);
  context.Refer(snapshot.publisher);
  return std::nullopt;
}

std::optional<Update> PutClaimAdded(ProjectionWriter& writer, EventContext& context,
                                    const JsonValue& data) {
  // The quantities stay in the event (the store reads them from there): only checked here.
  ClaimAdded added = ReadClaimAdded(data, /*quantities=*/false);
  Claim claim;
  claim.id = context.IdOf("clm");
  claim.text = std::move(added.text);
  claim.claimant = std::move(added.claimant);
  claim.status = "new";
  claim.tags = std::move(added.tags);
  std::sort(claim.tags.begin(), claim.tags.end());
  claim.tags.erase(std::unique(claim.tags.begin(), claim.tags.end()), claim.tags.end());
  if (added.appears_in) claim.appearances.push_back(std::move(*added.appears_in));
  claim.date = std::move(added.date);
  claim.context = std::move(added.context);
  claim.ref = std::move(added.ref);
  claim.origin = context.origin();
  writer.PutClaim(claim);
  context.Refer(claim.id);
  context.Refer(claim.claimant);
  for (const Quote& quote : claim.appearances) context.Refer(quote.snapshot);
  return std::nullopt;
}

std::optional<Update> PutEvidenceLinked(ProjectionWriter& writer, EventContext& context,
                                        const JsonValue& data) {
  EvidenceLinked linked = ReadEvidenceLinked(data);
  Evidence evidence;
  evidence.id = context.IdOf("evd");
  evidence.claim = std::move(linked.claim);
  evidence.quote = std::move(linked.quote);
  evidence.stance = std::move(linked.stance);
  evidence.note = std::move(linked.note);
  evidence.credibility = std::move(linked.credibility);
  evidence.origin = context.origin();
  writer.PutEvidence(evidence);
  context.Refer(evidence.id);
  context.Refer(evidence.claim);
  context.Refer(evidence.quote.snapshot);
  return std::nullopt;
}

std::optional<Update> PutVerdictSet(ProjectionWriter& writer, EventContext& context,
                                    const JsonValue& data) {
  VerdictSet set = ReadVerdictSet(data);
  Verdict verdict{std::move(set.claim), std::move(set.rating), std::move(set.rationale),
                  std::move(set.evidence), context.origin()};
  writer.PutVerdict(verdict);
  context.Refer(verdict.claim);
  for (const std::string& evidence : verdict.evidence) context.Refer(evidence);
  return Update{Update::kVerdict, verdict.claim, verdict.origin.made_at, verdict.origin.seq,
                verdict.rating};
}

std::optional<Update> PutStatusSet(ProjectionWriter&, EventContext& context,
                                   const JsonValue& data) {
  StatusSet set = ReadStatusSet(data);
  context.Refer(set.claim);
  const Origin origin = context.origin();
  return Update{Update::kStatus, set.claim, origin.made_at, origin.seq, set.status};
}

std::optional<Update> PutSourceRated(ProjectionWriter& writer, EventContext& context,
                                     const JsonValue& data) {
  SourceRated rated = ReadSourceRated(data);
  SourceRating rating{std::move(rated.source), std::move(rated.grade), std::move(rated.rationale),
                      context.origin()};
  writer.PutSourceRating(rating);
  context.Refer(rating.source);
  return Update{Update::kReliability, rating.source, rating.origin.made_at, rating.origin.seq,
                rating.grade};
}

// No rows: the event is found among the events about the checkpoint's origin (History(origin)).
std::optional<Update> PutCheckpointSigned(EventContext& context, const JsonValue& data) {
  context.Refer(ReadCheckpointSigned(data).origin);
  return std::nullopt;
}

// A conflict changes no row: the claim shows it from its history until a verdict follows it.
std::optional<Update> PutVerdictConflict(ProjectionWriter&, EventContext& context,
                                         const JsonValue& data) {
  context.Refer(ReadVerdictConflict(data).claim);
  context.Refer(std::string(kConflictsEntity));
  return std::nullopt;
}

// A retraction is a status: "retracted", made when the event was. The event also refers to
// kRetractedEntity, so that track records find the retracted claims without a scan.
std::optional<Update> PutClaimRetracted(EventContext& context, const JsonValue& data) {
  const ClaimRetracted retracted = ReadClaimRetracted(data);
  context.Refer(retracted.claim);
  context.Refer(std::string(kRetractedEntity));
  const Origin origin = context.origin();
  return Update{Update::kStatus, retracted.claim, origin.made_at, origin.seq, "retracted"};
}

// The other corrections change no row: reads apply them to the rows as written (the events
// that refer to their type's entity), so that the rows stay what the creating events wrote.
std::optional<Update> PutEvidenceUnlinked(EventContext& context, const JsonValue& data) {
  const EvidenceUnlinked unlinked = ReadEvidenceUnlinked(data);
  context.Refer(unlinked.evidence);
  context.Refer(unlinked.claim);
  context.Refer(std::string(kUnlinkedEntity));
  return std::nullopt;
}

std::optional<Update> PutClaimCorrected(EventContext& context, const JsonValue& data) {
  const ClaimCorrected corrected = ReadClaimCorrected(data);
  context.Refer(corrected.claim);
  context.Refer(corrected.claimant);
  context.Refer(corrected.old_claimant);
  context.Refer(std::string(kCorrectedEntity));
  return std::nullopt;
}

std::optional<Update> PutSourceMerged(EventContext& context, const JsonValue& data) {
  const SourceMerged merged = ReadSourceMerged(data);
  context.Refer(merged.source);
  context.Refer(merged.into);
  context.Refer(std::string(kMergedSourcesEntity));
  return std::nullopt;
}

}  // namespace

Error InvalidEvent(const Event& event, const std::string& why) {
  return Error(Code::kIntegrity, "claimledger.ledger.invalid_event",
               "event " + std::to_string(event.seq) + " (" + event.type + ") " + why);
}

std::optional<Update> PutRows(ProjectionWriter& writer, const Event& event, const JsonValue& data) {
  const std::optional<EventType> type = ParseEventType(event.type);
  if (!type) {
    throw Error(Code::kIntegrity, "claimledger.ledger.unknown_event",
                "unknown event type \"" + event.type + "\" at seq " + std::to_string(event.seq));
  }
  try {
    EventContext context(event, data);
    std::optional<Update> update;
    switch (*type) {
      case EventType::kLedgerCreated:
        return std::nullopt;  // settings only: no rows
      case EventType::kSourceAdded:
        update = PutSourceAdded(writer, context, data);
        break;
      case EventType::kSnapshotAdded:
        update = PutSnapshotAdded(writer, context, data);
        break;
      case EventType::kClaimAdded:
        update = PutClaimAdded(writer, context, data);
        break;
      case EventType::kEvidenceLinked:
        update = PutEvidenceLinked(writer, context, data);
        break;
      case EventType::kVerdictSet:
        update = PutVerdictSet(writer, context, data);
        break;
      case EventType::kStatusSet:
        update = PutStatusSet(writer, context, data);
        break;
      case EventType::kSourceRated:
        update = PutSourceRated(writer, context, data);
        break;
      case EventType::kCheckpointSigned:
        update = PutCheckpointSigned(context, data);
        break;
      case EventType::kVerdictConflict:
        update = PutVerdictConflict(writer, context, data);
        break;
      case EventType::kClaimRetracted:
        update = PutClaimRetracted(context, data);
        break;
      case EventType::kEvidenceUnlinked:
        update = PutEvidenceUnlinked(context, data);
        break;
      case EventType::kClaimCorrected:
        update = PutClaimCorrected(context, data);
        break;
      case EventType::kSourceMerged:
        update = PutSourceMerged(context, data);
        break;
    }
    context.WriteRefs(writer);
    return update;
  } catch (const JsonFieldError& error) {
    throw InvalidEvent(event,
                       std::string("does not have the fields its type needs: ") + error.what());
  }
}

void ApplyUpdate(ProjectionWriter& writer, const Update& update) {
  if (update.kind == Update::kReliability) {
    std::optional<SourceState> state = writer.FindSourceState(update.target);
    if (!state || (state->reliability_at && *state->reliability_at > update.made_at)) return;
    state->reliability = update.value;
    state->reliability_at = update.made_at;
    writer.SetSourceState(update.target, *state);
    return;
  }
  std::optional<ClaimState> state = writer.FindClaimState(update.target);
  if (!state) return;
  if (update.kind == Update::kStatus) {
    if (state->status_at > update.made_at) return;
    state->status = update.value;
    state->status_at = update.made_at;
  } else {
    if (state->verdict_seq && std::tie(state->verdict_made_at, *state->verdict_seq) >
                                  std::tie(update.made_at, update.seq)) {
      return;
    }
    state->rating = update.value;
    state->verdict_seq = update.seq;
    state->verdict_made_at = update.made_at;
  }
  writer.SetClaimState(update.target, *state);
}

void ApplyEvent(ProjectionWriter& writer, const Event& event, const JsonValue& data) {
  if (const std::optional<Update> update = PutRows(writer, event, data)) {
    ApplyUpdate(writer, *update);
  }
}

void ApplyEvent(ProjectionWriter& writer, const Event& event) {
  JsonView view;
  std::string canonical;
  JsonValue data = [&] {
    try {
      return ParseCanonical(event.data, view, canonical);
    } catch (const Error& error) {
      throw InvalidEvent(event, "has data that cannot be read: " + error.detail());
    }
  }();
  ApplyEvent(writer, event, data);
}

}  // namespace claimledger
