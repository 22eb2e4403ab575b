// Quotes (claimledger/workbench.h): anchoring a quote in a snapshot for a write, and
// re-anchoring a document's quotes in a new version of it.
#include <algorithm>
#include <map>

#include "claimledger/anchor.h"
#include "claimledger/error.h"
#include "text/utf8.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {

Quote Workbench::Impl::Anchor(const std::string& snapshot, const Quote& selector, bool match_case,
                              bool claim_text) {
  RequireSnapshot(snapshot);
  const std::string text = SnapshotText(snapshot, "nothing can be quoted from it");
  if (TrimSpace(selector.exact).empty()) {
    throw Error(Code::kAnchor, "claimledger.anchor.empty",
                "the quote is empty; give the exact words from the snapshot");
  }
  AnchorOptions options;
  options.match_case = match_case;
  AnchorResult found = LocateQuote(text, selector, options);
  const std::string searched =
      claim_text ? "the claim's text " + Shown(selector.exact) +
                       " (no quote was given, so the claim's text itself was looked for) in "
                       "snapshot " +
                       snapshot
                 : "quote " + Shown(selector.exact) + " in snapshot " + snapshot;
  const std::string give_quote =
      claim_text ? "; give the quote (the snapshot's own words) where the claim appears" : "";
  if (found.status == AnchorStatus::kAmbiguous) {
    std::string places;
    for (std::size_t i = 0; i < found.places.size() && i < 5; ++i) {
      places += (i ? ", " : "") + std::to_string(found.places[i]);
    }
    if (found.places.size() > 5) places += ", …";
    throw Error(Code::kAnchor, "claimledger.anchor.ambiguous",
                searched + " occurs " + std::to_string(found.occurrences) +
                    " times (at code points " + places +
                    ") and nothing tells which one is meant; quote more words, or give the "
                    "text just before it (prefix) or after it (suffix)" +
                    give_quote);
  }
  if (found.status == AnchorStatus::kNotFound) {
    std::string rule = match_case ? "; a quote must match the snapshot's words exactly, except "
                                    "for white space, quote marks and dashes"
                                  : "; a quote must match the snapshot's words exactly, except "
                                    "for white space, quote marks, dashes and case";
    if (match_case) {
      AnchorOptions any_case;
      any_case.match_case = false;
      if (LocateQuote(text, selector, any_case).occurrences > 0) {
        rule +=
            "; it occurs with different capital letters: quote them as they are, or ask "
            "for matching in any case (match_case false)";
      }
    }
    throw Error(Code::kAnchor, "claimledger.anchor.not_found",
                searched + " does not occur" + rule + give_quote);
  }
  found.quote.snapshot = snapshot;
  return found.quote;
}

ReanchorReport Workbench::Reanchor(const std::string& old_snapshot,
                                   const std::string& new_snapshot) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Store& store = *impl_->store;
  ReadScope read(store);
  ReanchorReport report;
  report.old_snapshot = old_snapshot;
  report.new_snapshot = new_snapshot;
  report.old_url = impl_->RequireSnapshot(old_snapshot).url;
  report.new_url = impl_->RequireSnapshot(new_snapshot).url;
  impl_->SnapshotText(old_snapshot, "it has no quotes to re-anchor");
  const std::string text = impl_->SnapshotText(new_snapshot, "no quote can be re-anchored in it");

  for (const Evidence& evidence : store.EvidenceOn(old_snapshot)) {
    report.quotes.push_back({evidence.claim, evidence.id, evidence.quote, {}});
  }
  for (const auto& [claim, quote] : store.AppearancesIn(old_snapshot)) {
    report.quotes.push_back({claim, std::nullopt, quote, {}});
  }
  std::stable_sort(report.quotes.begin(), report.quotes.end(),
                   [](const QuoteReanchor& a, const QuoteReanchor& b) {
                     return a.old_quote.start < b.old_quote.start;
                   });
  std::vector<Quote> old_quotes;
  for (const QuoteReanchor& quote : report.quotes) old_quotes.push_back(quote.old_quote);
  std::vector<Reanchored> results = ReanchorQuotes(text, old_quotes);
  for (std::size_t i = 0; i < results.size(); ++i) {
    report.quotes[i].result = std::move(results[i]);
    if (report.quotes[i].result.quote) report.quotes[i].result.quote->snapshot = new_snapshot;
  }

  std::map<std::string, std::size_t> review_of;  // claim id -> index in needs_review
  std::vector<std::vector<std::string>> cited;   // evidence its current verdict cites
  for (const QuoteReanchor& quote : report.quotes) {
    const ReanchorStatus status = quote.result.status;
    if (status != ReanchorStatus::kChanged && status != ReanchorStatus::kOrphaned) continue;
    const auto [at, added] = review_of.emplace(quote.claim, report.needs_review.size());
    if (added) {
      ReviewNeeded review;
      review.claim = quote.claim;
      cited.emplace_back();
      if (const auto claim = store.GetClaim(quote.claim); claim && claim->verdict) {
        review.rating = claim->verdict->rating;
        cited.back() = claim->verdict->evidence;
      }
      report.needs_review.push_back(review);
    }
    ReviewNeeded& review = report.needs_review[at->second];
    if (!quote.evidence) {
      review.appearance = true;
    } else {
      review.evidence.push_back(*quote.evidence);
      const std::vector<std::string>& relied = cited[at->second];
      if (std::find(relied.begin(), relied.end(), *quote.evidence) != relied.end()) {
        review.verdict_cites = true;
      }
    }
  }
  return report;
}

}  // namespace claimledger
