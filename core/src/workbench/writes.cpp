// The workbench's writes (claimledger/workbench.h): each checks its input, runs as one
// transaction and appends its events, or writes nothing and throws.
#include <map>
#include <set>
#include <type_traits>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "claimledger/quantities.h"
#include "claimledger/vocabulary.h"
#include "ledger/chain.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {

namespace {

// Throws Error(kInvalidInput) unless a claim (`who`: "claim clm_…") may go from `from` to `status`:
// forward through ClaimStatuses() or back to in-progress; published-elsewhere, reviewed and
// published need a verdict.
void RequireStatusChange(const std::string& who, const std::string& from, const std::string& status,
                         bool has_verdict) {
  const std::vector<std::string>& statuses = ClaimStatuses();
  RequireChoice("status.unknown", "status", status, statuses);
  const auto rank = [&](const std::string& s) {
    return std::find(statuses.begin(), statuses.end(), s) - statuses.begin();
  };
  const bool forward = rank(status) > rank(from);
  const bool reopen = status == "in-progress" && rank(from) > rank(status);
  if (!forward && !reopen) {
    throw Invalid("status.transition", who + " cannot go from " + from + " to " + status +
                                           "; a claim moves forward through " + Join(statuses) +
                                           " or back to in-progress");
  }
  const bool needs_verdict =
      status == "published-elsewhere" || status == "reviewed" || status == "published";
  if (needs_verdict && !has_verdict) {
    throw Invalid("status.needs_verdict",
                  who + " has no verdict yet; set one before marking it " + status);
  }
}

// reviewed and published approve the verdict current when they are set.
bool Approves(const std::string& status) { return status == "reviewed" || status == "published"; }

}  // namespace

template <typename Record>
std::vector<std::string> Workbench::Impl::AddBatch(
    const std::vector<Record>& records, const char* what,
    Added (Impl::*add)(Ledger::Transaction&, const Record&), std::vector<bool>* already_there) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex);
  Ledger::Transaction transaction(*ledger);
  // The records' refs, looked up at once (a record with a bad ref fails in its turn).
  std::vector<std::string> refs;
  for (const Record& record : records) {
    if (!record.ref) continue;
    try {
      refs.push_back(*OptionalText("ref", record.ref));
    } catch (const Error&) {
    }
  }
  constexpr bool kClaims = std::is_same_v<Record, NewClaim>;
  refs_before_batch = kClaims ? store->ClaimIdsByRef(refs) : store->SourceIdsByRef(refs);
  refs_in_batch.clear();
  batch_aliases = SourceAliases();  // read once: a batch merges no sources
  if constexpr (kClaims) {
    std::vector<std::string> claimants;
    for (const Record& record : records) {
      if (record.claimant) claimants.push_back(*record.claimant);
    }
    sources_in_batch = store->SourcesAmong(claimants);
  }
  struct Forget {
    Impl& impl;
    ~Forget() {
      impl.refs_before_batch.clear();
      impl.refs_in_batch.clear();
      impl.sources_by_name.reset();
      impl.batch_aliases.reset();
      impl.sources_in_batch.clear();
      impl.claims_in_batch.clear();
    }
  } forget{*this};
  std::vector<std::string> ids;
  ids.reserve(records.size());
  std::vector<bool> existed;
  for (std::size_t i = 0; i < records.size(); ++i) {
    try {
      Added added = (this->*add)(transaction, records[i]);
      ids.push_back(std::move(added.id));
      existed.push_back(added.existed);
      store->BetweenRecords();
    } catch (const Error& error) {
      // The store's own errors (a lost connection; rows the server refused when they were sent
      // in the background, between earlier records) are not this record's.
      if (records.size() == 1 || error.id().rfind("claimledger.store.", 0) == 0) throw;
      RethrowAt(error, std::string(what) + "[" + std::to_string(i) + "]");
    }
  }
  transaction.Commit();
  if (already_there) *already_there = std::move(existed);
  return ids;
}

std::optional<std::string> Workbench::Impl::ExistingByRef(const std::string& ref, bool claim) {
  if (const auto found = refs_before_batch.find(ref); found != refs_before_batch.end()) {
    return found->second;
  }
  if (refs_in_batch.insert(ref).second) return std::nullopt;            // the batch's first: new
  return claim ? store->ClaimIdByRef(ref) : store->SourceIdByRef(ref);  // added in this batch
}

namespace {

// A source's name, kind and url as one key: the same three are the same source.
std::string SourceKey(const std::string& name, const std::string& kind,
                      const std::optional<std::string>& url) {
  return name + '\x1f' + kind + '\x1f' + url.value_or("");
}

// A claim's text, claimant and appearance as one key: the same three are the same claim.
std::string ClaimKey(const std::string& text, const std::optional<std::string>& claimant,
                     const std::optional<Quote>& appearance) {
  std::string key = claimant.value_or("") + '\x1f';
  if (appearance) {
    key += appearance->snapshot + ' ' + std::to_string(appearance->start) + ' ' +
           std::to_string(appearance->end);
  }
  return key + '\x1f' + text;
}

}  // namespace

Workbench::Impl::Added Workbench::Impl::AddSourceIn(Ledger::Transaction& transaction,
                                                    const NewSource& source) {
  SourceAdded added;
  added.name = RequireText("source name", source.name);
  RequireChoice("source.unknown_kind", "source kind", source.kind, SourceKinds());
  added.kind = source.kind;
  added.ref = OptionalText("ref", source.ref);
  if (added.ref) {
    if (auto existing = ExistingByRef(*added.ref, false)) return {*existing, true};
  }
  added.url = OptionalText("url", source.url);
  const std::string key = SourceKey(added.name, added.kind, added.url);
  if (!added.ref) {
    if (!sources_by_name) {
      sources_by_name.emplace();
      for (const Source& s : store->ListSources()) {
        sources_by_name->emplace(SourceKey(s.name, s.kind, s.url), s.id);  // the first stays
      }
    }
    if (const auto found = sources_by_name->find(key); found != sources_by_name->end()) {
      return {found->second, true};
    }
  }
  added.affiliation = OptionalText("affiliation", source.affiliation);
  added.attributes = CleanAttributes("attributes", source.attributes, false);
  const std::string id = EntityId("src", transaction.Append(actor, added).hash);
  if (sources_by_name) sources_by_name->emplace(key, id);
  return {id, false};
}

Source Workbench::AddSource(const NewSource& source) {
  const std::string id = AddSources({source}).front();
  return GetSource(id);
}

std::vector<std::string> Workbench::AddSources(const std::vector<NewSource>& sources,
                                               std::vector<bool>* already_there) {
  return impl_->AddBatch(sources, "sources", &Impl::AddSourceIn, already_there);
}

Snapshot Workbench::AddSnapshot(const NewSnapshot& snapshot) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (snapshot.content.empty()) {
    throw Invalid("snapshot.empty",
                  "the snapshot is empty (no text, 0 bytes); capture the document's text or "
                  "bytes");
  }
  SnapshotAdded added;
  added.url = OptionalText("url", snapshot.url);
  added.title = OptionalText("title", snapshot.title);
  added.published = OptionalDate("published", snapshot.published);
  added.retrieved = OptionalDate("retrieved", snapshot.retrieved);
  added.hash = ContentId(snapshot.content);
  Ledger::Transaction transaction(*impl_->ledger);
  Store& store = *impl_->store;
  if (auto existing = store.GetSnapshot(added.hash)) return *existing;  // stored once
  if (snapshot.publisher) impl_->RequireSourceExists(*snapshot.publisher);
  added.publisher = snapshot.publisher;
  added.sha256 = Sha256(snapshot.content);
  added.size = static_cast<std::int64_t>(snapshot.content.size());
  store.PutContent(added.hash, snapshot.content);
  transaction.Append(impl_->actor, added);
  Snapshot stored = *store.GetSnapshot(added.hash);
  transaction.Commit();
  return stored;
}

Workbench::Impl::Added Workbench::Impl::AddClaimIn(Ledger::Transaction& transaction,
                                                   const NewClaim& claim) {
  ClaimAdded added;
  added.text = RequireText("claim text", claim.text);
  added.ref = OptionalText("ref", claim.ref);
  if (added.ref) {
    if (auto existing = ExistingByRef(*added.ref, true)) return {*existing, true};
  }
  // A claimant given by name, or an alias, is recorded as the source it stands for.
  if (claim.claimant) added.claimant = ResolveSource(*claim.claimant);
  if (claim.appears_in) {
    const std::string quote = claim.quote ? *claim.quote : added.text;
    RequireUtf8("quote", quote);
    Quote selector;
    selector.exact = quote;
    selector.prefix = OptionalUtf8("prefix", claim.prefix);
    selector.suffix = OptionalUtf8("suffix", claim.suffix);
    added.appears_in =
        Anchor(*claim.appears_in, selector, claim.match_case, !claim.quote.has_value());
  } else if (claim.quote || claim.prefix || claim.suffix) {
    throw Invalid("claim.quote_without_snapshot",
                  "a quote (and its prefix or suffix) needs appears_in: the hash of the "
                  "snapshot it is taken from");
  }
  const std::string key = ClaimKey(added.text, added.claimant, added.appears_in);
  if (!added.ref) {
    if (const auto found = claims_in_batch.find(key); found != claims_in_batch.end()) {
      return {found->second, true};
    }
    if (auto existing = store->IdenticalClaim(added.text, added.claimant, added.appears_in)) {
      return {*existing, true};
    }
  }
  if (claim.verdict) RequireRating(claim.verdict->rating);
  if (claim.status) {
    RequireStatusChange("a new claim", "new", *claim.status, claim.verdict.has_value());
  }
  added.tags = CleanTags(claim.tags);
  added.quantities = ParseQuantities(added.text);
  added.date = OptionalDate("date", claim.date);
  if (!added.date && added.appears_in) {
    // Not given: when the snapshot it appears in was published, else retrieved (recorded in
    // the event, so replays and as_of read it back); without either, reads fall back on when
    // the claim was recorded.
    const Snapshot snapshot = RequireSnapshot(added.appears_in->snapshot);
    added.date = snapshot.published ? snapshot.published : snapshot.retrieved;
  }
  added.context = OptionalText("context", claim.context);
  added.provenance = CleanAttributes("provenance", claim.provenance, true);
  const std::string id = EntityId("clm", transaction.Append(actor, added).hash);
  claims_in_batch.emplace(key, id);
  std::optional<std::string> verdict_hash;
  if (claim.verdict) {
    VerdictSet verdict;
    verdict.claim = id;
    verdict.rating = claim.verdict->rating;
    verdict.rationale = RequireText("rationale", claim.verdict->rationale);
    verdict_hash = transaction.Append(actor, verdict).hash;
  }
  if (claim.status) {
    StatusSet status{id, *claim.status, "new", std::nullopt, std::nullopt};
    if (Approves(*claim.status)) status.verdict = verdict_hash;
    transaction.Append(actor, status);
  }
  return {id, false};
}

Claim Workbench::AddClaim(const NewClaim& claim) {
  const std::string id = AddClaims({claim}).front();
  return GetClaim(id);
}

std::vector<std::string> Workbench::AddClaims(const std::vector<NewClaim>& claims,
                                              std::vector<bool>* already_there) {
  return impl_->AddBatch(claims, "claims", &Impl::AddClaimIn, already_there);
}

Evidence Workbench::LinkEvidence(const NewEvidence& evidence) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  impl_->RequireNotRetracted(impl_->RequireClaim(evidence.claim), "linking evidence");
  RequireChoice("stance.unknown", "stance", evidence.stance, Stances());
  RequireUtf8("quote", evidence.quote);
  EvidenceLinked linked;
  linked.claim = evidence.claim;
  linked.stance = evidence.stance;
  linked.note = OptionalText("note", evidence.note);
  if (evidence.credibility) {
    std::vector<std::string> codes;
    for (const Grade& grade : CredibilityGrades()) codes.push_back(grade.code);
    RequireChoice("evidence.unknown_credibility", "credibility", *evidence.credibility, codes);
  }
  linked.credibility = evidence.credibility;
  Quote selector;
  selector.exact = evidence.quote;
  selector.prefix = OptionalUtf8("prefix", evidence.prefix);
  selector.suffix = OptionalUtf8("suffix", evidence.suffix);
  linked.quote = impl_->Anchor(evidence.snapshot, selector, evidence.match_case);
  for (const Evidence& existing : impl_->LinkedEvidence(evidence.claim)) {
    const Quote& quote = existing.quote;
    if (quote.snapshot != linked.quote.snapshot || quote.start != linked.quote.start ||
        quote.end != linked.quote.end) {
      continue;
    }
    if (existing.stance == linked.stance) return existing;  // linked before
    const std::set<std::string> stances = {existing.stance, linked.stance};
    if (stances == std::set<std::string>{"refutes", "supports"}) {
      throw Invalid("evidence.contradicts",
                    "this quote already " + existing.stance + " claim " + evidence.claim +
                        " (evidence " + existing.id + "); the same quote cannot also " +
                        (linked.stance == "supports" ? "support" : "refute") +
                        " it: link another quote, or use the stance context");
    }
  }
  const Event event = transaction.Append(impl_->actor, linked);
  Evidence stored = *impl_->store->GetEvidence(EntityId("evd", event.hash));
  transaction.Commit();
  return stored;
}

Verdict Workbench::SetVerdict(const std::string& claim, const std::string& rating,
                              const std::string& rationale,
                              const std::vector<std::string>& evidence) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  const Claim current = impl_->RequireClaim(claim);
  const std::string& status = current.status;
  impl_->RequireNotRetracted(current, "a verdict");
  impl_->RequireRating(rating);
  VerdictSet verdict{claim, rating, RequireText("rationale", rationale), evidence};
  const std::map<std::string, std::string> unlinked = impl_->UnlinkedEvidence();
  for (const std::string& id : evidence) {
    const auto linked = impl_->store->GetEvidence(id);
    if (!linked) {
      throw Error(Code::kNotFound, "claimledger.evidence.not_found",
                  "no evidence with id " + Shown(id) + " in this ledger");
    }
    if (linked->claim != claim) {
      throw Invalid("verdict.foreign_evidence",
                    "evidence " + id + " is linked to claim " + linked->claim + ", not to " +
                        claim + "; a verdict relies on its own claim's evidence");
    }
    if (const auto found = unlinked.find(id); found != unlinked.end()) {
      throw Invalid("verdict.unlinked_evidence",
                    "evidence " + id + " was unlinked from claim " + claim + " (" +
                        Shown(found->second) +
                        "); a verdict cites the evidence linked to its claim (EvidenceFor)");
    }
  }
  const Event event = transaction.Append(impl_->actor, verdict);
  // An approved claim's new verdict is not approved: the claim goes back to in-progress.
  if (Approves(status)) {
    transaction.Append(impl_->actor, StatusSet{claim, "in-progress", status, std::nullopt,
                                               "a new verdict, not yet approved"});
  }
  transaction.Commit();
  return Verdict{claim,
                 rating,
                 verdict.rationale,
                 evidence,
                 {event.seq, event.at, event.actor, event.at, std::nullopt}};
}

Claim Workbench::SetStatus(const std::string& claim, const std::string& status) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  const Claim current = impl_->RequireClaim(claim);
  if (status == current.status) return current;  // already there: nothing to record
  if (current.status == "retracted" && status != "in-progress") {
    throw Invalid("status.retracted", "claim " + claim +
                                          " is retracted; it can only be reopened "
                                          "(status in-progress), then reviewed and published again "
                                          "with an approved verdict");
  }
  RequireStatusChange("claim " + claim, current.status, status, current.verdict.has_value());
  StatusSet set{claim, status, current.status, std::nullopt, std::nullopt};
  if (Approves(status)) {
    set.verdict = CreatorHash(*impl_->store->EventAt(current.verdict->origin.seq));
  }
  transaction.Append(impl_->actor, set);
  Claim updated = impl_->RequireClaim(claim);
  transaction.Commit();
  return updated;
}

SourceRating Workbench::RateSource(const std::string& source, const std::string& grade,
                                   const std::string& rationale) {
  impl_->RequireWritable();
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Ledger::Transaction transaction(*impl_->ledger);
  const std::string kept = impl_->ResolveSource(source);  // an alias's rating is its source's
  if (!GradeMeaning(ReliabilityGrades(), grade)) {
    std::vector<std::string> grades;
    for (const Grade& each : ReliabilityGrades()) {
      grades.push_back(each.code + " (" + each.meaning + ")");
    }
    throw Invalid("rating.unknown_grade", "unknown reliability grade " + Shown(grade) +
                                              "; accepted: the Admiralty grades " + Join(grades));
  }
  const SourceRated rated{kept, grade, RequireText("rationale", rationale)};
  const Event event = transaction.Append(impl_->actor, rated);
  transaction.Commit();
  return SourceRating{
      kept, grade, rated.rationale, {event.seq, event.at, event.actor, event.at, std::nullopt}};
}

}  // namespace claimledger
