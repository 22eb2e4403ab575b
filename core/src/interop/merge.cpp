// Merging desks (merge.h).
#include "interop/merge.h"

#include <fstream>
#include <map>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "interop/bundle.h"
#include "store/open_store.h"

namespace claimledger {
namespace {

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
    const std::string& creator = merged ? merged->hash : event.hash;
    Store& store = ledger_.store();
    if (store.KnowsEvent(event.hash) || store.KnowsEvent(creator)) {
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
      const VerdictSet verdict = ReadVerdictSet(data);
      if (!local_current_.count(verdict.claim)) {
        const auto current = store.GetClaim(verdict.claim);
        local_current_[verdict.claim] = current && current->verdict
                                            ? std::optional<std::string>(current->verdict->rating)
                                            : std::nullopt;
      }
      other_current_[verdict.claim] = verdict.rating;
    }
    transaction_.Append(*type, event.actor,
                        WithMergeOrigin(nlohmann::json::parse(event.data), report.other, event.hash,
                                        event.at, event.actor, actor_));
    ++report.added;
  }

  // The claims whose current verdicts the two desks disagreed on.
  void ListConflicts() {
    for (const auto& [claim, rating] : other_current_) {
      const auto& local = local_current_[claim];
      if (local && *local != rating) report.conflicts.push_back({claim, *local, rating});
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
  std::map<std::string, std::optional<std::string>> local_current_;  // before the merge
  std::map<std::string, std::string> other_current_;
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
  transaction.Commit();
  merger.ListConflicts();
  return merger.report;
}

}  // namespace claimledger
