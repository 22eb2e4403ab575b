// Merging desks (merge.h).
#include "interop/merge.h"

#include <fstream>
#include <map>
#include <set>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "interop/bundle.h"
#include "store/open_store.h"

namespace claimledger {
namespace {

// Who made a merged change on the desk it was made on.
std::string OriginActor(const JsonValue& data) { return data.At("origin").StringAt("actor"); }

// Whether the status in effect on `claim` (reviewed or published: the status.set made last)
// approved its current verdict: named in the status event, or, for a status recorded before
// approvals named their verdict, made after it.
bool ApprovesCurrentVerdict(Store& store, const Claim& claim) {
  std::optional<Event> status_event;
  std::string status_at;
  for (Event& event : store.EventsAbout(claim.id)) {
    if (event.type != EventTypeName(EventType::kStatusSet)) continue;
    const std::string at = MadeAt(event);
    if (!status_event || at >= status_at) {
      status_at = at;
      status_event = std::move(event);
    }
  }
  if (!status_event) return false;
  JsonView view;
  std::string canonical;
  const StatusSet status = ReadStatusSet(ParseCanonical(status_event->data, view, canonical));
  if (!status.verdict) return status_at >= claim.verdict->origin.made_at;
  return *status.verdict == CreatorHash(*store.EventAt(claim.verdict->origin.seq));
}

// Takes the other desk's events one by one into a transaction of this desk.
class Merger {
 public:
  Merger(Ledger& ledger, Ledger::Transaction& transaction, const std::string& actor)
      : ledger_(ledger), transaction_(transaction), actor_(actor) {}

  void Take(const Event& event, const std::optional<std::string>& content) {
    JsonView view;
    std::string canonical;
    const JsonValue data = ParseCanonical(event.data, view, canonical);
    if (event.seq == 1) {
      CheckScale(event, data);
      return;
    }
    const std::optional<MergeOrigin> merged = ReadMergeOrigin(data);
    Store& store = ledger_.store();
    // Known as it is, or as the change it copies (by the original's hash and time).
    if (store.KnowsEvent(event.hash, event.at) ||
        (merged && store.KnowsEvent(merged->hash, merged->at))) {
      ++report.skipped;
      return;
    }
    const std::optional<EventType> type = ParseEventType(event.type);
    if (!type) {
      throw Error(Code::kIntegrity, "claimledger.ledger.unknown_event",
                  "the other desk holds an event of unknown type \"" + event.type + "\" at seq " +
                      std::to_string(event.seq));
    }
    if (*type == EventType::kSnapshotAdded) {
      const std::string hash = ReadSnapshotAdded(data).hash;
      if (store.HasContent(hash)) {  // the same document: stored once
        ++report.skipped;
        return;
      }
      if (!content || ContentId(*content) != hash) {
        throw Error(Code::kIntegrity, "claimledger.merge.content",
                    "the other desk lacks the bytes of snapshot " + hash);
      }
      store.PutContent(hash, *content);
    }
    if (*type == EventType::kVerdictSet) {
      VerdictSet verdict = ReadVerdictSet(data);
      if (!local_current_.count(verdict.claim)) {
        const auto current = store.GetClaim(verdict.claim);
        local_current_[verdict.claim] = current ? current->verdict : std::nullopt;
      }
      touched_.insert(verdict.claim);
      const std::string claim = verdict.claim;
      other_current_[claim] =
          ConflictSide{std::move(verdict.rating), std::move(verdict.rationale),
                       merged ? OriginActor(data) : event.actor, merged ? merged->at : event.at};
    } else if (*type == EventType::kStatusSet) {
      touched_.insert(ReadStatusSet(data).claim);
    }
    transaction_.Append(*type, event.actor,
                        WithMergeOrigin(nlohmann::json::parse(event.data), report.other, event.hash,
                                        event.at, event.actor, actor_));
    ++report.added;
  }

  // Records a verdict.conflict for each claim whose current verdicts the two desks disagreed
  // on, and lists it.
  void RecordConflicts() {
    for (const auto& [claim, other] : other_current_) {
      const std::optional<Verdict>& local = local_current_[claim];
      if (!local || local->rating == other.rating) continue;
      VerdictConflict conflict{
          claim,
          report.other,
          {local->rating, local->rationale, local->origin.actor, local->origin.made_at},
          other};
      transaction_.Append(actor_, conflict);
      report.conflicts.push_back(ToMergeConflict(conflict));
    }
  }

  // Moves back to in-progress each claim the merge touched that is reviewed or published with
  // a current verdict its status did not approve.
  void ReopenUnapproved() {
    Store& store = ledger_.store();
    for (const std::string& claim : touched_) {
      const std::optional<Claim> current = store.GetClaim(claim);
      if (!current || !current->verdict) continue;
      if (current->status != "reviewed" && current->status != "published") continue;
      if (ApprovesCurrentVerdict(store, *current)) continue;
      transaction_.Append(actor_, StatusSet{claim, "in-progress", current->status, std::nullopt,
                                            "a verdict merged from desk " + report.other +
                                                ", not yet approved here"});
      report.reopened.push_back(claim);
    }
  }

  MergeReport report;

 private:
  void CheckScale(const Event& event, const JsonValue& data) {
    std::optional<RatingScale> scale;
    try {
      scale = RatingScale::FromJson(ReadLedgerCreated(data).scale);
    } catch (const std::exception&) {
    }
    if (!scale || scale->LabelList() != ledger_.scale().LabelList()) {
      throw Error(Code::kInvalidInput, "claimledger.merge.scale",
                  "the other desk rates on another scale (" + (scale ? scale->name : "none") +
                      "); only desks with the same ratings can be merged");
    }
    report.other = event.hash;
  }

  Ledger& ledger_;
  Ledger::Transaction& transaction_;
  const std::string& actor_;
  std::map<std::string, std::optional<Verdict>> local_current_;  // before the merge
  std::map<std::string, ConflictSide> other_current_;
  std::set<std::string> touched_;  // claims with a merged verdict or status
};

}  // namespace

MergeReport MergeDesk(Ledger& ledger, const std::string& actor, const std::string& path) {
  if (!IsServerLocation(path) && !std::ifstream(path, std::ios::binary)) {
    throw Error(Code::kNotFound, "claimledger.merge.missing", "cannot read \"" + path + "\"");
  }
  Ledger::Transaction transaction(ledger);
  Merger merger(ledger, transaction, actor);
  if (LooksLikeBundle(path)) {
    std::ifstream in(path, std::ios::binary);
    BundleReader reader(in);
    BundleEntry entry;
    while (reader.Next(&entry)) merger.Take(entry.event, entry.content);
  } else {
    StoreOptions options;
    options.create = false;
    options.read_only = true;
    const std::unique_ptr<Store> other = OpenStore(path, options);
    ReadScope read(*other);
    ScanEventsWithContents(*other, 1, -1,
                           [&](const Event& event, const std::optional<std::string>& content) {
                             merger.Take(event, content);
                             return true;
                           });
  }
  merger.RecordConflicts();
  merger.ReopenUnapproved();
  transaction.Commit();
  return merger.report;
}

}  // namespace claimledger
