// The inside of a Workbench (the pimpl of claimledger/workbench.h): its store, its ledger, who
// is acting, and the look-ups and checks that its operations share. Every Workbench method
// takes `mutex` and works through these. The operations are defined by concern:
// workbench.cpp (opening, audit, moving a desk), writes.cpp, corrections.cpp, reads.cpp,
// search.cpp and quotes.cpp (anchoring quotes, re-anchoring).
#ifndef CLAIMLEDGER_WORKBENCH_IMPL_H_
#define CLAIMLEDGER_WORKBENCH_IMPL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "claimledger/workbench.h"
#include "codec/events.h"
#include "ledger/ledger.h"
#include "store/store.h"

namespace claimledger {

// Throws Error(kInvalidInput) unless a filter's `status` is one of ClaimStatuses() or
// "retracted" (reads.cpp).
void RequireFilterStatus(const std::string& status);
// Whether `claim` passes the filter's fields (what the stores' ListClaims selects; reads.cpp).
bool MatchesFilter(const Claim& claim, const ClaimFilter& filter);

// `source` with alias_of filled in from `aliases` (corrections.cpp).
Source WithAlias(Source source, const std::map<std::string, std::string>& aliases);

struct Workbench::Impl {
  Impl(std::unique_ptr<Store> store, const WorkbenchOptions& options);

  // Throws Error(kReadOnly) for a desk opened read-only or a view of the past (AsOf).
  void RequireWritable() const;
  // Throws Error(kInvalidInput) unless `rating` is on the ledger's scale.
  void RequireRating(const std::string& rating) const;

  // Look-ups that throw Error(kNotFound) with a message saying what ids look like.
  // REQUIRES: a transaction is open. A claim comes with its corrections applied.
  Claim RequireClaim(const std::string& id);
  Source RequireSource(const std::string& id);
  void RequireSourceExists(const std::string& id);  // cheaper when the row is not needed
  Snapshot RequireSnapshot(const std::string& hash);
  // The snapshot's content, or Error(kAnchor) ("claimledger.anchor.not_text") saying `why`
  // text was needed. REQUIRES: the snapshot exists.
  std::string SnapshotText(const std::string& snapshot, const std::string& why);
  // Finds `selector.exact` in the snapshot (LocateQuote) or throws Error(kAnchor): empty,
  // not_found or ambiguous, saying what was searched and why it failed (quotes.cpp);
  // `claim_text`: no quote was given and the claim's own text is looked for (the message says
  // so).
  Quote Anchor(const std::string& snapshot, const Quote& selector, bool match_case,
               bool claim_text = false);

  // Corrections as reads apply them (corrections.cpp). REQUIRES: a transaction is open.
  // Aliases: each alias source -> the source it stands for at the end of its chain.
  std::map<std::string, std::string> SourceAliases();
  // The source `id` stands for: itself, or the source it is an alias of.
  std::string KeptSource(const std::string& id);
  // A source id or unique name (Workbench::FindSource), as the source it stands for.
  std::string ResolveSource(const std::string& id_or_name);
  // The evidence unlinked from its claim: id -> reason.
  std::map<std::string, std::string> UnlinkedEvidence();
  // A claim's evidence that counts (not unlinked), oldest first.
  std::vector<Evidence> LinkedEvidence(const std::string& claim);
  // The last correction of each corrected claim.
  std::map<std::string, ClaimCorrected> Corrections();
  // `claim` as corrected by `correction` (text, claimant, quantities, appearance), with its
  // claimant as the source it stands for.
  static void ApplyCorrection(Claim& claim, const ClaimCorrected* correction,
                              const std::map<std::string, std::string>& aliases);
  // The last correction of each of `claims` that was corrected, read from their events in one
  // query (Store::EventsOfTypeAbout): claim id -> correction.
  std::map<std::string, ClaimCorrected> LastCorrections(const std::vector<std::string>& claims);
  // Current verdicts counted by claimant (the source each stands for), rating and year (0
  // unless `by_year`), with corrected claimants moved and retracted claims left out: of
  // source `kept` (aliases counted with it), or of every source (reads.cpp).
  std::vector<RatingCount> CountVerdicts(const std::optional<std::string>& kept, bool by_year);
  // Throws Error(kInvalidInput) "claimledger.claim.retracted" when `claim` is retracted,
  // saying that `what` needs it reopened.
  void RequireNotRetracted(const Claim& claim, const std::string& what);

  // One record of a batch, inside its transaction (writes.cpp): its id, and whether it was
  // already there (nothing appended).
  struct Added {
    std::string id;
    bool existed = false;
  };
  Added AddSourceIn(Ledger::Transaction& transaction, const NewSource& source);
  Added AddClaimIn(Ledger::Transaction& transaction, const NewClaim& claim);
  // A batch of records in one transaction, each added with `add`: their ids in order (and
  // whether each was there already, when `already_there` is given). A bad record throws with
  // its index in front ("claims[17]: ...") and writes nothing.
  template <typename Record>
  std::vector<std::string> AddBatch(const std::vector<Record>& records, const char* what,
                                    Added (Impl::*add)(Ledger::Transaction&, const Record&),
                                    std::vector<bool>* already_there);

  // The id of the record already holding `ref` (a source's or a claim's): found before the
  // batch began (AddBatch looks up all its records' refs at once), or added earlier in it.
  std::optional<std::string> ExistingByRef(const std::string& ref, bool claim);
  std::unordered_map<std::string, std::string> refs_before_batch;
  std::unordered_set<std::string> refs_in_batch;
  // The batch's sources by name, kind and url ("\x1f"-joined), read once when a source
  // without a ref needs them; sources added by the batch join it.
  std::optional<std::unordered_map<std::string, std::string>> sources_by_name;
  // The source aliases, read once for a batch (SourceAliases gives them while it runs).
  std::optional<std::map<std::string, std::string>> batch_aliases;
  // The claimants of a batch's records that are source ids, looked up at once (ResolveSource
  // asks the store about the others).
  std::unordered_set<std::string> sources_in_batch;
  // The claims the batch added, by text, claimant and appearance (ClaimKey, writes.cpp): an
  // identical record later in the batch is one of them (the store finds those added before).
  std::unordered_map<std::string, std::string> claims_in_batch;

  std::mutex mutex;
  std::unique_ptr<Store> store;
  std::unique_ptr<Ledger> ledger;
  std::string actor;
  std::optional<std::int64_t> as_of;  // set for read-only views of the past
  bool read_only = false;             // opened with WorkbenchOptions::read_only
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_WORKBENCH_IMPL_H_
