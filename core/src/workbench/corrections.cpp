// Corrections (claimledger/workbench.h; README, "Corrections"): retracting a claim, unlinking
// evidence, correcting a claim's text or claimant, merging two sources that are the same, and
// finding a source by name. Each correction is one event with its reason. A retraction is a
// status (the projection sets it); the others leave the rows as their creating events wrote
// them, and the reads here apply them: the events that refer to their type's entity
// (store/store.h) say which evidence was unlinked, which claims were corrected and which
// sources are aliases.
#include <algorithm>

#include "claimledger/error.h"
#include "claimledger/quantities.h"
#include "ledger/chain.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {
namespace {

std::string RequireReason(const std::string& reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw Invalid("correction.no_reason",
                  "a correction needs a reason: a non-empty text saying why (it is recorded with "
                  "the change and shown in the history)");
  }
  return RequireText("reason", reason);
}

// "Reuters (src_…, outlet)" for the lists of candidates in messages.
std::string Described(const Source& source) {
  std::string text = Shown(source.name) + " (" + source.id + ", " + source.kind;
  if (source.alias_of) text += ", an alias of " + *source.alias_of;
  return text + ")";
}

}  // namespace

// --- what reads apply ----------------------------------------------------------------------

std::map<std::string, std::string> Workbench::Impl::SourceAliases() {
  if (batch_aliases) return *batch_aliases;
  // Each merge in the order recorded; one that would make a source the alias of two sources
  // or close a loop (possible after merging desks) is left out: the earlier merge stands.
  std::map<std::string, std::string> direct;
  const auto end_of = [&](std::string id) {
    for (auto found = direct.find(id); found != direct.end(); found = direct.find(id)) {
      id = found->second;
    }
    return id;
  };
  for (const Event& event : store->EventsAbout(kMergedSourcesEntity)) {
    const SourceMerged merged = ReadSourceMergedEvent(event);
    if (direct.count(merged.source) || end_of(merged.into) == merged.source) continue;
    direct[merged.source] = merged.into;
  }
  std::map<std::string, std::string> aliases;
  for (const auto& [alias, _] : direct) aliases[alias] = end_of(alias);
  return aliases;
}

std::string Workbench::Impl::KeptSource(const std::string& id) {
  const std::map<std::string, std::string> aliases = SourceAliases();
  const auto found = aliases.find(id);
  return found == aliases.end() ? id : found->second;
}

Source WithAlias(Source source, const std::map<std::string, std::string>& aliases) {
  if (const auto found = aliases.find(source.id); found != aliases.end()) {
    source.alias_of = found->second;
  }
  return source;
}

std::string Workbench::Impl::ResolveSource(const std::string& id_or_name) {
  if (sources_in_batch.count(id_or_name) || store->HasSource(id_or_name)) {
    return KeptSource(id_or_name);
  }
  const std::map<std::string, std::string> aliases = SourceAliases();
  const std::string wanted = FoldedName(id_or_name);
  std::vector<Source> named;
  std::vector<Source> near;
  for (const Source& source : store->ListSources()) {
    const std::string name = FoldedName(source.name);
    if (name == wanted) {
      named.push_back(WithAlias(source, aliases));
    } else if (!wanted.empty() && name.find(wanted) != std::string::npos) {
      near.push_back(WithAlias(source, aliases));
    }
  }
  std::vector<std::string> kept;
  for (const Source& source : named) kept.push_back(source.alias_of.value_or(source.id));
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.size() == 1) return kept.front();
  const auto list = [](const std::vector<Source>& sources) {
    std::vector<std::string> shown;
    for (std::size_t i = 0; i < sources.size() && i < 10; ++i) {
      shown.push_back(Described(sources[i]));
    }
    if (sources.size() > 10)
      shown.push_back("and " + std::to_string(sources.size() - 10) + " more");
    return Join(shown);
  };
  if (kept.size() > 1) {
    throw Invalid("source.ambiguous", std::to_string(kept.size()) + " sources are named " +
                                          Shown(id_or_name) + ": " + list(named) +
                                          "; give the id of the one meant (or merge them if they "
                                          "are the same)");
  }
  throw Error(
      Code::kNotFound, "claimledger.source.not_found",
      "no source with id or name " + Shown(id_or_name) +
          " in this ledger (give a source id, src_ followed by 16 hex digits, or the "
          "exact name of one source" +
          (near.empty() ? std::string(")") : "; names that contain it: " + list(near) + ")"));
}

std::map<std::string, std::string> Workbench::Impl::UnlinkedEvidence() {
  std::map<std::string, std::string> unlinked;
  for (const Event& event : store->EventsAbout(kUnlinkedEntity)) {
    EvidenceUnlinked read = ReadEvidenceUnlinkedEvent(event);
    unlinked.emplace(std::move(read.evidence), std::move(read.reason));  // the first stays
  }
  return unlinked;
}

std::vector<Evidence> Workbench::Impl::LinkedEvidence(const std::string& claim) {
  std::vector<Evidence> evidence = store->EvidenceFor(claim);
  const std::map<std::string, std::string> unlinked = UnlinkedEvidence();
  evidence.erase(std::remove_if(evidence.begin(), evidence.end(),
                                [&](const Evidence& e) { return unlinked.count(e.id) > 0; }),
                 evidence.end());
  return evidence;
}

std::map<std::string, ClaimCorrected> Workbench::Impl::Corrections() {
  std::map<std::string, ClaimCorrected> last;
  for (const Event& event : store->EventsAbout(kCorrectedEntity)) {
    ClaimCorrected corrected = ReadClaimCorrectedEvent(event);
    last[corrected.claim] = std::move(corrected);
  }
  return last;
}

void Workbench::Impl::ApplyCorrection(Claim& claim, const ClaimCorrected* correction,
                                      const std::map<std::string, std::string>& aliases) {
  if (correction) {
    claim.text = correction->text;
    claim.claimant = correction->claimant;
    claim.quantities = correction->quantities;
    if (correction->appears_in) claim.appearances = {*correction->appears_in};
  }
  if (claim.claimant) {
    if (const auto found = aliases.find(*claim.claimant); found != aliases.end()) {
      claim.claimant = found->second;
    }
  }
}

std::map<std::string, ClaimCorrected> Workbench::Impl::LastCorrections(
    const std::vector<std::string>& claims) {
  std::map<std::string, ClaimCorrected> last;
  const std::string type(EventTypeName(EventType::kClaimCorrected));
  for (const Event& event : store->EventsOfTypeAbout(claims, type)) {
    ClaimCorrected corrected = ReadClaimCorrectedEvent(event);
    last[corrected.claim] = std::move(corrected);  // oldest first: the last one stays
  }
  return last;
}

void Workbench::Impl::RequireNotRetracted(const Claim& claim, const std::string& what) {
  if (claim.status != "retracted") return;
  throw Invalid("claim.retracted", "claim " + claim.id + " is retracted; " + what +
                                       " needs it reopened first: set its status to in-progress");
}

// --- the corrections -------------------------------------------------------------------------

Claim Workbench::Retract(const std::string& claim, const std::string& reason) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  const Claim current = impl_->RequireClaim(claim);
  const std::string why = RequireReason(reason);
  if (current.status == "retracted") return current;  // retracted already: nothing to record
  transaction.Append(impl_->actor, ClaimRetracted{claim, current.status, why});
  Claim retracted = impl_->RequireClaim(claim);
  transaction.Commit();
  return retracted;
}

Evidence Workbench::UnlinkEvidence(const std::string& evidence, const std::string& reason) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  std::optional<Evidence> found = impl_->store->GetEvidence(evidence);
  if (!found) {
    throw Error(Code::kNotFound, "claimledger.evidence.not_found",
                "no evidence with id " + Shown(evidence) +
                    " in this ledger (evidence ids look like evd_ followed by 16 hex digits)");
  }
  const std::string why = RequireReason(reason);
  const std::map<std::string, std::string> unlinked = impl_->UnlinkedEvidence();
  if (const auto before = unlinked.find(evidence); before != unlinked.end()) {
    found->unlinked = before->second;  // unlinked already: nothing to record
    return *found;
  }
  transaction.Append(impl_->actor, EvidenceUnlinked{evidence, found->claim, why});
  transaction.Commit();
  found->unlinked = why;
  return *found;
}

Claim Workbench::CorrectClaim(const std::string& claim, const std::optional<std::string>& text,
                              const std::optional<std::string>& claimant, const std::string& reason,
                              const std::optional<std::string>& quote) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  const Claim current = impl_->RequireClaim(claim);
  const std::string why = RequireReason(reason);
  if (!text && !claimant) {
    throw Invalid("correction.nothing",
                  "a correction of claim " + claim + " needs a new text, a new claimant or both");
  }
  impl_->RequireNotRetracted(current, "a correction");
  ClaimCorrected corrected;
  corrected.claim = claim;
  corrected.reason = why;
  corrected.old_text = current.text;
  corrected.old_claimant = current.claimant;
  corrected.text = text ? RequireText("claim text", *text) : current.text;
  corrected.claimant = claimant ? impl_->ResolveSource(*claimant) : current.claimant;
  if (corrected.text == current.text && corrected.claimant == current.claimant && !quote) {
    return current;  // the claim says this already: nothing to record
  }
  if (!current.appearances.empty()) {
    const Quote& appearance = current.appearances.front();
    const bool own_text = appearance.exact == current.text;
    if (quote || (own_text && corrected.text != current.text)) {
      Quote selector;
      selector.exact = quote ? *quote : corrected.text;
      RequireUtf8("quote", selector.exact);
      try {
        corrected.appears_in = impl_->Anchor(appearance.snapshot, selector, true);
      } catch (const Error& error) {
        if (quote || error.code() != Code::kAnchor) throw;
        throw Error(Code::kAnchor, error.id(),
                    "claim " + claim + " appears in snapshot " + appearance.snapshot +
                        " quoted as its own text, and the corrected text is not found there to "
                        "quote (" +
                        error.detail() +
                        "); give quote= the snapshot's words the "
                        "claim stands on (its old text keeps the old place)");
      }
    }
  } else if (quote) {
    throw Invalid("claim.quote_without_snapshot",
                  "claim " + claim + " appears in no snapshot: there is nothing to quote from");
  }
  corrected.quantities = ParseQuantities(corrected.text);
  transaction.Append(impl_->actor, corrected);
  Claim updated = impl_->RequireClaim(claim);
  transaction.Commit();
  return updated;
}

Source Workbench::MergeSources(const std::string& source, const std::string& into,
                               const std::string& reason) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  impl_->RequireSourceExists(source);
  impl_->RequireSourceExists(into);
  const std::string why = RequireReason(reason);
  if (source == into) {
    throw Invalid("source.merge_self", "source " + source +
                                           " cannot be merged into itself; give two different "
                                           "sources that are the same");
  }
  const std::map<std::string, std::string> aliases = impl_->SourceAliases();
  if (const auto found = aliases.find(into); found != aliases.end()) {
    throw Invalid("source.merge_alias", "source " + into + " is an alias of " + found->second +
                                            "; merge into " + found->second + " instead");
  }
  if (const auto found = aliases.find(source); found != aliases.end()) {
    throw Invalid(
        "source.merge_alias",
        "source " + source + " is an alias of " + found->second + " already" +
            (found->second == into ? std::string()
                                   : "; merge " + found->second + " into " + into + " instead"));
  }
  transaction.Append(impl_->actor, SourceMerged{source, into, why});
  Source merged = WithAlias(impl_->RequireSource(source), impl_->SourceAliases());
  transaction.Commit();
  return merged;
}

}  // namespace claimledger
