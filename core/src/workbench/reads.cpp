// The workbench's reads (claimledger/workbench.h): each in one read transaction; an unknown
// id throws Error(kNotFound).
#include <algorithm>
#include <map>

#include "claimledger/error.h"
#include "claimledger/quantities.h"
#include "claimledger/vocabulary.h"
#include "codec/events.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {
namespace {

// Whether `claim` passes the filter's fields (what the stores' ListClaims selects).
bool Matches(const Claim& claim, const ClaimFilter& filter) {
  const auto& tags = claim.tags;
  return (!filter.status || claim.status == *filter.status) &&
         (!filter.rating || (claim.verdict && claim.verdict->rating == *filter.rating)) &&
         (!filter.claimant || claim.claimant == filter.claimant) &&
         (!filter.tag || std::find(tags.begin(), tags.end(), *filter.tag) != tags.end());
}

}  // namespace

Claim Workbench::GetClaim(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  Claim claim = impl_->RequireClaim(id);
  for (const auto& [_, seq] : impl_->store->OpenConflicts(id)) {
    claim.conflict = ReadMergeConflict(*impl_->store->EventAt(seq));
  }
  return claim;
}

Source Workbench::GetSource(const std::string& id) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return impl_->RequireSource(id);
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
  if (auto evidence = impl_->store->GetEvidence(id)) return *evidence;
  throw Error(Code::kNotFound, "claimledger.evidence.not_found",
              "no evidence with id " + Shown(id) + " in this ledger");
}

std::vector<Claim> Workbench::Claims(const ClaimFilter& filter) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (filter.status) RequireChoice("status.unknown", "status", *filter.status, ClaimStatuses());
  if (filter.rating) impl_->RequireRating(*filter.rating);
  ReadScope read(*impl_->store);
  Store& store = *impl_->store;
  std::vector<Claim> claims;
  const auto conflicts = store.OpenConflicts(std::nullopt);
  if (filter.conflict) {
    for (const auto& [id, seq] : conflicts) {
      Claim claim = *store.GetClaim(id);
      if (Matches(claim, filter)) claims.push_back(std::move(claim));
    }
    std::sort(claims.begin(), claims.end(),
              [](const Claim& a, const Claim& b) { return a.origin.seq < b.origin.seq; });
    if (filter.limit >= 0 && static_cast<std::int64_t>(claims.size()) > filter.limit) {
      claims.resize(filter.limit);
    }
  } else {
    claims = store.ListClaims(filter);
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

std::vector<Source> Workbench::Sources() {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return impl_->store->ListSources();
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
  return impl_->store->EvidenceFor(claim);
}

std::vector<QuantityComparison> Workbench::CompareQuantities(const std::string& claim) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  const Claim found = impl_->RequireClaim(claim);
  const std::vector<Evidence> evidence = impl_->store->EvidenceFor(claim);
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
  return impl_->store->RatingsFor(source);
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
  return ComputeTrackRecord(source, impl_->ledger->scale(),
                            impl_->store->RatingCounts(source, true));
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
  for (RatingCount& count : impl_->store->RatingCounts(std::nullopt, false)) {
    if (!counts.empty() && counts.front().source != count.source) flush();
    counts.push_back(std::move(count));
  }
  flush();
  return records;
}

}  // namespace claimledger
