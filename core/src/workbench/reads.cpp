// The workbench's reads (claimledger/workbench.h): each in one read transaction; an unknown
// id throws Error(kNotFound).
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "claimledger/error.h"
#include "claimledger/quantities.h"
#include "claimledger/vocabulary.h"
#include "codec/events.h"
#include "store/tables.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {

void RequireFilterStatus(const std::string& status) {
  std::vector<std::string> statuses = ClaimStatuses();
  statuses.push_back("retracted");
  RequireChoice("status.unknown", "status", status, statuses);
}

bool MatchesFilter(const Claim& claim, const ClaimFilter& filter) {
  const auto& tags = claim.tags;
  return (!filter.status || claim.status == *filter.status) &&
         (!filter.rating || (claim.verdict && claim.verdict->rating == *filter.rating)) &&
         (!filter.claimant || claim.claimant == filter.claimant) &&
         (!filter.tag || std::find(tags.begin(), tags.end(), *filter.tag) != tags.end());
}

namespace {

// A source and its aliases: the ids whose claims and ratings count for `kept`.
std::vector<std::string> GroupOf(const std::string& kept,
                                 const std::map<std::string, std::string>& aliases) {
  std::vector<std::string> group = {kept};
  for (const auto& [alias, to] : aliases) {
    if (to == kept) group.push_back(alias);
  }
  return group;
}

bool MadeBefore(const Origin& a, const Origin& b) {
  return std::tie(a.made_at, a.seq) < std::tie(b.made_at, b.seq);
}

// Adds `delta` to the count of (source, rating, year).
void Count(std::map<std::tuple<std::string, std::string, int>, std::int64_t>& counts,
           const std::string& source, const std::string& rating, int year, std::int64_t delta) {
  counts[{source, rating, year}] += delta;
}

// The ratings of a source and its aliases, in the order they were made.
std::vector<SourceRating> GroupRatings(Store& store, const std::vector<std::string>& group) {
  std::vector<SourceRating> ratings;
  for (const std::string& member : group) {
    for (SourceRating& rating : store.RatingsFor(member)) ratings.push_back(std::move(rating));
  }
  std::stable_sort(
      ratings.begin(), ratings.end(),
      [](const SourceRating& a, const SourceRating& b) { return MadeBefore(a.origin, b.origin); });
  return ratings;
}

// `source` as reads show it: alias_of filled in; a source with aliases takes its reliability
// from the rating made last among theirs and its own.
Source ShownSource(Store& store, Source source, const std::map<std::string, std::string>& aliases) {
  source = WithAlias(std::move(source), aliases);
  if (source.alias_of) return source;
  const std::vector<std::string> group = GroupOf(source.id, aliases);
  if (group.size() > 1) {
    const std::vector<SourceRating> ratings = GroupRatings(store, group);
    if (!ratings.empty()) source.reliability = ratings.back().grade;
  }
  return source;
}

}  // namespace

// The current verdicts counted by claimant (the source each stands for), rating and year
// (0 unless `by_year`), for the sources of `group` or all: the store's counts of the claims as
// first recorded, then moved for corrected claimants and taken out for retracted claims.
std::vector<RatingCount> Workbench::Impl::CountVerdicts(const std::optional<std::string>& kept,
                                                        bool by_year) {
  const std::map<std::string, std::string> aliases = SourceAliases();
  std::map<std::tuple<std::string, std::string, int>, std::int64_t> counts;
  const auto stands_for = [&](const std::string& id) {
    const auto found = aliases.find(id);
    return found == aliases.end() ? id : found->second;
  };
  std::vector<std::optional<std::string>> asked;
  if (kept) {
    for (const std::string& member : GroupOf(*kept, aliases)) asked.emplace_back(member);
  } else {
    asked.emplace_back(std::nullopt);
  }
  for (const auto& source : asked) {
    for (const RatingCount& c : store->RatingCounts(source, by_year)) {
      Count(counts, stands_for(c.source), c.rating, c.year, c.count);
    }
  }
  // The claims counted otherwise than as first recorded.
  std::map<std::string, ClaimCorrected> corrections = Corrections();
  std::set<std::string> moved;
  for (const auto& [id, correction] : corrections) {
    if (correction.claimant != correction.old_claimant) moved.insert(id);
  }
  for (const Event& event : store->EventsAbout(kRetractedEntity)) {
    const Claim claim = *store->GetClaim(ReadClaimRetractedEvent(event).claim);
    if (claim.status == "retracted") moved.insert(claim.id);  // not reopened since
  }
  for (const std::string& id : moved) {
    Claim claim = *store->GetClaim(id);
    if (!claim.verdict) continue;
    const int year =
        by_year ? static_cast<int>(ClaimYear(claim.date ? *claim.date : claim.origin.at)) : 0;
    const std::string& rating = claim.verdict->rating;
    if (claim.claimant) Count(counts, stands_for(*claim.claimant), rating, year, -1);
    const auto correction = corrections.find(id);
    ApplyCorrection(claim, correction == corrections.end() ? nullptr : &correction->second,
                    aliases);
    if (claim.claimant && claim.status != "retracted") {
      Count(counts, *claim.claimant, rating, year, 1);
    }
  }
  std::vector<RatingCount> out;
  for (const auto& [key, count] : counts) {
    const auto& [source, rating, year] = key;
    if (count <= 0 || (kept && source != *kept)) continue;
    out.push_back(RatingCount{source, rating, year, count});
  }
  return out;
}

Claim Workbench::GetClaim(const std::string& id) { return GetClaims({id}).front(); }

std::vector<Claim> Workbench::GetClaims(const std::vector<std::string>& ids) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  Store& store = *impl_->store;
  const std::map<std::string, std::string> aliases = impl_->SourceAliases();
  std::map<std::string, std::int64_t> conflicts;  // claim -> the event of its open conflict
  for (const auto& [id, seq] : store.OpenConflicts(std::nullopt)) conflicts[id] = seq;
  std::vector<std::optional<Claim>> found = store.GetClaims(ids);
  const std::map<std::string, ClaimCorrected> last = impl_->LastCorrections(ids);
  std::vector<Claim> claims;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (!found[i]) impl_->RequireClaim(ids[i]);  // throws NotFound
    Claim& claim = *found[i];
    const auto correction = last.find(claim.id);
    Impl::ApplyCorrection(claim, correction == last.end() ? nullptr : &correction->second, aliases);
    if (const auto conflict = conflicts.find(claim.id); conflict != conflicts.end()) {
      claim.conflict = ReadMergeConflict(*store.EventAt(conflict->second));
    }
    claims.push_back(std::move(claim));
  }
  return claims;
}

Source Workbench::GetSource(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return ShownSource(*impl_->store, impl_->RequireSource(id), impl_->SourceAliases());
}

Snapshot Workbench::GetSnapshot(const std::string& hash) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return impl_->RequireSnapshot(hash);
}

std::string Workbench::SnapshotContent(const std::string& hash) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  impl_->RequireSnapshot(hash);
  return *impl_->store->GetContent(hash);
}

Evidence Workbench::GetEvidence(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  if (auto evidence = impl_->store->GetEvidence(id)) {
    const std::map<std::string, std::string> unlinked = impl_->UnlinkedEvidence();
    if (const auto found = unlinked.find(id); found != unlinked.end()) {
      evidence->unlinked = found->second;
    }
    return *evidence;
  }
  throw Error(Code::kNotFound, "claimledger.evidence.not_found",
              "no evidence with id " + Shown(id) + " in this ledger");
}

std::vector<Claim> Workbench::Claims(const ClaimFilter& given) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ClaimFilter filter = given;
  if (filter.status) RequireFilterStatus(*filter.status);
  if (filter.rating) impl_->RequireRating(*filter.rating);
  ReadScope read(*impl_->store);
  Store& store = *impl_->store;
  if (filter.claimant) filter.claimant = impl_->ResolveSource(*filter.claimant);
  const std::map<std::string, std::string> aliases = impl_->SourceAliases();
  const std::map<std::string, ClaimCorrected> corrections = impl_->Corrections();
  // The claims as first recorded match the filter as they are, unless corrections or aliases
  // change them: then each source's first limit + (corrected claims) are listed (the store
  // lists by seq; a correction takes at most one of them out), the corrected claims added,
  // and all matched as corrected.
  const std::vector<std::string> group =
      filter.claimant ? GroupOf(*filter.claimant, aliases) : std::vector<std::string>{};
  const bool corrected = !corrections.empty() || group.size() > 1;
  std::vector<Claim> claims;
  const auto conflicts = store.OpenConflicts(std::nullopt);
  if (filter.conflict) {
    for (const auto& [id, seq] : conflicts) claims.push_back(*store.GetClaim(id));
  } else if (!corrected) {
    claims = store.ListClaims(filter);
  } else {
    ClaimFilter wide = filter;
    if (wide.limit >= 0) wide.limit += static_cast<std::int64_t>(corrections.size());
    for (const std::string& member : group.empty() ? std::vector<std::string>{""} : group) {
      if (!member.empty()) wide.claimant = member;
      for (Claim& claim : store.ListClaims(wide)) claims.push_back(std::move(claim));
    }
    for (const auto& [id, _] : corrections) claims.push_back(*store.GetClaim(id));
  }
  if (filter.conflict || corrected) {
    std::set<std::string> seen;
    std::vector<Claim> kept;
    for (Claim& claim : claims) {
      if (!seen.insert(claim.id).second) continue;
      const auto correction = corrections.find(claim.id);
      Impl::ApplyCorrection(claim, correction == corrections.end() ? nullptr : &correction->second,
                            aliases);
      if (MatchesFilter(claim, filter)) kept.push_back(std::move(claim));
    }
    claims = std::move(kept);
    std::sort(claims.begin(), claims.end(),
              [](const Claim& a, const Claim& b) { return a.origin.seq < b.origin.seq; });
    if (filter.limit >= 0 && static_cast<std::int64_t>(claims.size()) > filter.limit) {
      claims.resize(filter.limit);
    }
  } else if (!aliases.empty()) {
    for (Claim& claim : claims) Impl::ApplyCorrection(claim, nullptr, aliases);
  }
  if (conflicts.empty()) return claims;
  const std::map<std::string, std::int64_t> open(conflicts.begin(), conflicts.end());
  for (Claim& claim : claims) {
    if (const auto found = open.find(claim.id); found != open.end()) {
      claim.conflict = ReadMergeConflict(*store.EventAt(found->second));
    }
  }
  return claims;
}

std::vector<Source> Workbench::Sources(const std::optional<std::string>& name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  const std::map<std::string, std::string> aliases = impl_->SourceAliases();
  std::vector<Source> sources;
  const std::string wanted = name ? FoldedName(*name) : "";
  for (Source& source : impl_->store->ListSources()) {
    if (name && FoldedName(source.name) != wanted) continue;
    sources.push_back(ShownSource(*impl_->store, std::move(source), aliases));
  }
  return sources;
}

Source Workbench::FindSource(const std::string& id_or_name) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return ShownSource(*impl_->store, impl_->RequireSource(impl_->ResolveSource(id_or_name)),
                     impl_->SourceAliases());
}

std::vector<Snapshot> Workbench::Snapshots() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return impl_->store->ListSnapshots();
}

std::vector<Evidence> Workbench::EvidenceFor(const std::string& claim) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  impl_->RequireClaim(claim);
  return impl_->LinkedEvidence(claim);
}

std::vector<QuantityComparison> Workbench::CompareQuantities(const std::string& claim) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  const Claim found = impl_->RequireClaim(claim);
  const std::vector<Evidence> evidence = impl_->LinkedEvidence(claim);
  std::vector<std::vector<Quantity>> quoted;
  quoted.reserve(evidence.size());
  for (const Evidence& e : evidence) quoted.push_back(ParseQuantities(e.quote.exact));
  std::vector<QuantityComparison> out;
  for (const Quantity& q : found.quantities) {
    for (std::size_t k = 0; k < evidence.size(); ++k) {
      std::optional<QuantityComparison> best = BestComparison(q, quoted[k]);
      if (!best) continue;
      best->evidence = evidence[k].id;
      best->stance = evidence[k].stance;
      out.push_back(std::move(*best));
    }
  }
  return out;
}

std::vector<Verdict> Workbench::Verdicts(const std::string& claim) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  impl_->RequireClaim(claim);
  return impl_->store->VerdictsFor(claim);
}

std::vector<SourceRating> Workbench::SourceRatings(const std::string& source) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  impl_->RequireSourceExists(source);
  const std::string kept = impl_->KeptSource(source);
  return GroupRatings(*impl_->store, GroupOf(kept, impl_->SourceAliases()));
}

std::vector<Event> Workbench::History(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  std::vector<Event> events = impl_->store->EventsAbout(id);
  if (events.empty()) {
    throw Error(Code::kNotFound, "claimledger.history.not_found",
                "no event names " + Shown(id) +
                    "; give a claim, source, evidence id or a snapshot hash from this ledger");
  }
  return events;
}

std::vector<Event> Workbench::Events(std::int64_t from, std::int64_t to) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  std::vector<Event> events;
  impl_->store->ScanEvents(from, to, [&](const Event& event) {
    events.push_back(event);
    return true;
  });
  return events;
}

std::int64_t Workbench::EventCount() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return impl_->store->EventCount();
}

TrackRecord Workbench::GetTrackRecord(const std::string& source) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  impl_->RequireSourceExists(source);
  const std::string kept = impl_->KeptSource(source);  // an alias's record is its source's
  return ComputeTrackRecord(kept, impl_->ledger->scale(), impl_->CountVerdicts(kept, true));
}

std::vector<TrackRecord> Workbench::TrackRecords() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  std::vector<TrackRecord> records;
  std::vector<RatingCount> counts;
  const auto flush = [&] {
    if (!counts.empty()) {
      records.push_back(ComputeTrackRecord(counts.front().source, impl_->ledger->scale(), counts));
    }
    counts.clear();
  };
  for (RatingCount& count : impl_->CountVerdicts(std::nullopt, false)) {
    if (!counts.empty() && counts.front().source != count.source) flush();
    counts.push_back(std::move(count));
  }
  flush();
  return records;
}

}  // namespace claimledger
