// The events' types and data (events.h). Writers fill nlohmann objects key by key; readers
// look keys up in canonical (sorted) order, which JsonView finds fastest.
#include "codec/events.h"

#include <array>

#include "codec/canonical_json.h"
#include "codec/records_json.h"

namespace claimledger {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, kEventTypeCount> kTypeNames = {
    "ledger.created",    "source.added",     "snapshot.added",  "claim.added",
    "evidence.linked",   "verdict.set",      "status.set",      "source.rated",
    "checkpoint.signed", "verdict.conflict", "claim.retracted", "evidence.unlinked",
    "claim.corrected",   "source.merged"};

json Optional(const std::optional<std::string>& value) { return OptionalToJson(value); }

// A member that must be an object, as its canonical text; `absent` when it is missing.
std::string ObjectText(const JsonValue& data, std::string_view key, const char* absent) {
  const std::optional<JsonValue> found = data.Find(key);
  return found ? std::string(found->text()) : absent;
}

json SideToJson(const ConflictSide& side) {
  return {{"rating", side.rating},
          {"rationale", side.rationale},
          {"actor", side.actor},
          {"at", side.at}};
}

ConflictSide ReadSide(const JsonValue& side) {
  ConflictSide d;
  d.actor = side.StringAt("actor");
  d.at = side.StringAt("at");
  d.rating = side.StringAt("rating");
  d.rationale = side.StringAt("rationale");
  return d;
}

// The merge origin in an event's data.
std::optional<MergeOrigin> EventOrigin(const Event& event) {
  JsonView view;
  std::string canonical;
  return ReadMergeOrigin(ParseCanonical(event.data, view, canonical));
}

}  // namespace

std::string_view EventTypeName(EventType type) { return kTypeNames[static_cast<int>(type)]; }

std::optional<EventType> ParseEventType(std::string_view name) {
  for (int i = 0; i < kEventTypeCount; ++i) {
    if (kTypeNames[i] == name) return static_cast<EventType>(i);
  }
  return std::nullopt;
}

std::optional<MergeOrigin> ReadMergeOrigin(const JsonValue& data) {
  const std::optional<JsonValue> found = data.Find("origin");
  if (!found || !found->is_object()) return std::nullopt;
  return MergeOrigin{found->StringAt("ledger"), found->StringAt("hash"), found->StringAt("at")};
}

std::string CreatorHash(const Event& event) {
  const std::optional<MergeOrigin> origin = EventOrigin(event);
  return origin ? origin->hash : event.hash;
}

std::string MadeAt(const Event& event) {
  const std::optional<MergeOrigin> origin = EventOrigin(event);
  return origin ? origin->at : event.at;
}

json WithMergeOrigin(json data, const std::string& ledger, const std::string& hash,
                     const std::string& at, const std::string& actor,
                     const std::string& merged_by) {
  if (!data.contains("origin")) {
    data["origin"] = {{"ledger", ledger}, {"hash", hash}, {"at", at}, {"actor", actor}};
  }
  data["origin"]["merged_by"] = merged_by;
  return data;
}

// --- writing --------------------------------------------------------------------------------

json ToJson(const LedgerCreated& d) {
  json data = {{"format", "claimledger"},
               {"version", d.version},
               {"scale", json::parse(d.scale)},
               {"nonce", d.nonce}};
  if (d.origin) data["origin"] = *d.origin;
  return data;
}

json ToJson(const SourceAdded& d) {
  return {{"name", d.name},         {"kind", d.kind},
          {"url", Optional(d.url)}, {"affiliation", Optional(d.affiliation)},
          {"ref", Optional(d.ref)}, {"attributes", json::parse(d.attributes)}};
}

json ToJson(const SnapshotAdded& d) {
  return {{"hash", d.hash},
          {"sha256", d.sha256},
          {"size", d.size},
          {"url", Optional(d.url)},
          {"title", Optional(d.title)},
          {"publisher", Optional(d.publisher)},
          {"published", Optional(d.published)},
          {"retrieved", Optional(d.retrieved)}};
}

std::string CanonicalData(const ClaimAdded& d) {
  CanonicalWriter writer;
  writer.BeginObject().Key("appears_in");
  if (d.appears_in) {
    WriteQuote(writer, *d.appears_in);
  } else {
    writer.Null();
  }
  writer.Key("claimant").OptionalString(d.claimant);
  writer.Key("context").OptionalString(d.context);
  writer.Key("date").OptionalString(d.date);
  writer.Key("provenance").Json(d.provenance);
  writer.Key("quantities").BeginArray();
  for (const Quantity& quantity : d.quantities) WriteQuantity(writer, quantity);
  writer.EndArray();
  writer.Key("ref").OptionalString(d.ref);
  writer.Key("tags").BeginArray();
  for (const std::string& tag : d.tags) writer.String(tag);
  writer.EndArray();
  writer.Key("text").String(d.text);
  return writer.EndObject().Take();
}

json ToJson(const EvidenceLinked& d) {
  return {{"claim", d.claim},
          {"quote", QuoteToJson(d.quote)},
          {"stance", d.stance},
          {"note", Optional(d.note)},
          {"credibility", Optional(d.credibility)}};
}

std::string CanonicalData(const VerdictSet& d) {
  CanonicalWriter writer;
  writer.BeginObject().Key("claim").String(d.claim);
  writer.Key("evidence").BeginArray();
  for (const std::string& evidence : d.evidence) writer.String(evidence);
  writer.EndArray();
  writer.Key("rating").String(d.rating);
  writer.Key("rationale").String(d.rationale);
  return writer.EndObject().Take();
}

json ToJson(const StatusSet& d) {
  json data = {{"claim", d.claim}, {"status", d.status}};
  if (d.from) data["from"] = *d.from;
  if (d.verdict) data["verdict"] = *d.verdict;
  if (d.reason) data["reason"] = *d.reason;
  return data;
}

json ToJson(const SourceRated& d) {
  return {{"source", d.source}, {"grade", d.grade}, {"rationale", d.rationale}};
}

json ToJson(const CheckpointSigned& d) {
  return {{"origin", d.origin},
          {"size", d.size},
          {"root", d.root},
          {"signed_by", d.signed_by},
          {"checkpoint", d.checkpoint}};
}

json ToJson(const VerdictConflict& d) {
  return {{"claim", d.claim},
          {"ledger", d.ledger},
          {"local", SideToJson(d.local)},
          {"other", SideToJson(d.other)}};
}

json ToJson(const ClaimRetracted& d) {
  return {{"claim", d.claim}, {"from", d.from}, {"reason", d.reason}};
}

json ToJson(const EvidenceUnlinked& d) {
  return {{"evidence", d.evidence}, {"claim", d.claim}, {"reason", d.reason}};
}

json ToJson(const ClaimCorrected& d) {
  json quantities = json::array();
  for (const Quantity& quantity : d.quantities) quantities.push_back(QuantityToJson(quantity));
  json data = {{"claim", d.claim},
               {"text", d.text},
               {"claimant", Optional(d.claimant)},
               {"from", {{"text", d.old_text}, {"claimant", Optional(d.old_claimant)}}},
               {"quantities", std::move(quantities)},
               {"reason", d.reason}};
  if (d.appears_in) data["appears_in"] = QuoteToJson(*d.appears_in);
  return data;
}

json ToJson(const SourceMerged& d) {
  return {{"source", d.source}, {"into", d.into}, {"reason", d.reason}};
}

MergeConflict ToMergeConflict(const VerdictConflict& conflict) {
  return MergeConflict{conflict.claim,           conflict.local.rating,    conflict.other.rating,
                       conflict.local.rationale, conflict.other.rationale, conflict.local.actor,
                       conflict.other.actor,     conflict.local.at,        conflict.other.at,
                       conflict.ledger};
}

MergeConflict ReadMergeConflict(const Event& event) {
  JsonView view;
  std::string canonical;
  return ToMergeConflict(ReadVerdictConflict(ParseCanonical(event.data, view, canonical)));
}

// --- reading --------------------------------------------------------------------------------

LedgerCreated ReadLedgerCreated(const JsonValue& data) {
  LedgerCreated d;
  d.nonce = data.StringAt("nonce");
  d.origin = data.OptionalString("origin");
  d.scale = std::string(data.At("scale").text());
  d.version = data.At("version").Int();
  return d;
}

SourceAdded ReadSourceAdded(const JsonValue& data) {
  SourceAdded d;
  d.affiliation = data.OptionalString("affiliation");
  d.attributes = ObjectText(data, "attributes", "{}");
  d.kind = data.StringAt("kind");
  d.name = data.StringAt("name");
  d.ref = data.OptionalString("ref");
  d.url = data.OptionalString("url");
  return d;
}

SnapshotAdded ReadSnapshotAdded(const JsonValue& data) {
  SnapshotAdded d;
  d.hash = data.StringAt("hash");
  d.published = data.OptionalString("published");
  d.publisher = data.OptionalString("publisher");
  d.retrieved = data.OptionalString("retrieved");
  d.sha256 = data.StringAt("sha256");
  d.size = data.At("size").Int();
  d.title = data.OptionalString("title");
  d.url = data.OptionalString("url");
  return d;
}

ClaimAdded ReadClaimAdded(const JsonValue& data, bool quantities) {
  ClaimAdded d;
  const JsonValue appears_in = data.At("appears_in");
  d.claimant = data.OptionalString("claimant");
  d.context = data.OptionalString("context");
  d.date = data.OptionalString("date");
  d.provenance = ObjectText(data, "provenance", "null");
  for (const JsonValue& quantity : data.At("quantities").Elements()) {
    if (quantities) {
      d.quantities.push_back(QuantityFromJson(quantity));
    } else {
      CheckQuantityJson(quantity);
    }
  }
  d.ref = data.OptionalString("ref");
  d.tags = data.At("tags").Strings();
  d.text = data.StringAt("text");
  if (!appears_in.is_null()) d.appears_in = QuoteFromJson(appears_in);
  return d;
}

EvidenceLinked ReadEvidenceLinked(const JsonValue& data) {
  EvidenceLinked d;
  d.claim = data.StringAt("claim");
  d.credibility = data.OptionalString("credibility");
  d.note = data.OptionalString("note");
  d.quote = QuoteFromJson(data.At("quote"));
  d.stance = data.StringAt("stance");
  return d;
}

VerdictSet ReadVerdictSet(const JsonValue& data) {
  VerdictSet d;
  d.claim = data.StringAt("claim");
  d.evidence = data.At("evidence").Strings();
  d.rating = data.StringAt("rating");
  d.rationale = data.StringAt("rationale");
  return d;
}

StatusSet ReadStatusSet(const JsonValue& data) {
  StatusSet d;
  d.claim = data.StringAt("claim");
  d.from = data.OptionalString("from");
  d.reason = data.OptionalString("reason");
  d.status = data.StringAt("status");
  d.verdict = data.OptionalString("verdict");
  return d;
}

SourceRated ReadSourceRated(const JsonValue& data) {
  SourceRated d;
  d.grade = data.StringAt("grade");
  d.rationale = data.StringAt("rationale");
  d.source = data.StringAt("source");
  return d;
}

CheckpointSigned ReadCheckpointSigned(const JsonValue& data) {
  CheckpointSigned d;
  d.checkpoint = data.StringAt("checkpoint");
  d.origin = data.StringAt("origin");
  d.root = data.StringAt("root");
  d.signed_by = data.At("signed_by").Strings();
  d.size = data.At("size").Int();
  return d;
}

VerdictConflict ReadVerdictConflict(const JsonValue& data) {
  VerdictConflict d;
  d.claim = data.StringAt("claim");
  d.ledger = data.StringAt("ledger");
  d.local = ReadSide(data.At("local"));
  d.other = ReadSide(data.At("other"));
  return d;
}

ClaimRetracted ReadClaimRetracted(const JsonValue& data) {
  ClaimRetracted d;
  d.claim = data.StringAt("claim");
  d.from = data.StringAt("from");
  d.reason = data.StringAt("reason");
  return d;
}

EvidenceUnlinked ReadEvidenceUnlinked(const JsonValue& data) {
  EvidenceUnlinked d;
  d.claim = data.StringAt("claim");
  d.evidence = data.StringAt("evidence");
  d.reason = data.StringAt("reason");
  return d;
}

ClaimCorrected ReadClaimCorrected(const JsonValue& data) {
  ClaimCorrected d;
  if (const std::optional<JsonValue> appears_in = data.Find("appears_in")) {
    d.appears_in = QuoteFromJson(*appears_in);
  }
  d.claim = data.StringAt("claim");
  d.claimant = data.OptionalString("claimant");
  const JsonValue from = data.At("from");
  d.old_claimant = from.OptionalString("claimant");
  d.old_text = from.StringAt("text");
  for (const JsonValue& quantity : data.At("quantities").Elements()) {
    d.quantities.push_back(QuantityFromJson(quantity));
  }
  d.reason = data.StringAt("reason");
  d.text = data.StringAt("text");
  return d;
}

SourceMerged ReadSourceMerged(const JsonValue& data) {
  SourceMerged d;
  d.into = data.StringAt("into");
  d.reason = data.StringAt("reason");
  d.source = data.StringAt("source");
  return d;
}

namespace {

// Reads an event's data with `read`.
template <typename Read>
auto ReadEventData(const Event& event, Read read) {
  JsonView view;
  std::string canonical;
  return read(ParseCanonical(event.data, view, canonical));
}

}  // namespace

ClaimRetracted ReadClaimRetractedEvent(const Event& event) {
  return ReadEventData(event, [](const JsonValue& data) { return ReadClaimRetracted(data); });
}

ClaimCorrected ReadClaimCorrectedEvent(const Event& event) {
  return ReadEventData(event, [](const JsonValue& data) { return ReadClaimCorrected(data); });
}

SourceMerged ReadSourceMergedEvent(const Event& event) {
  return ReadEventData(event, [](const JsonValue& data) { return ReadSourceMerged(data); });
}

EvidenceUnlinked ReadEvidenceUnlinkedEvent(const Event& event) {
  return ReadEventData(event, [](const JsonValue& data) { return ReadEvidenceUnlinked(data); });
}

}  // namespace claimledger
