// The workbench's searches (claimledger/workbench.h): full text over claims and snapshots,
// "checked before?" (Similar) and check-worthy sentences (Candidates). The words of a query
// are split here (text/words.h); the store matches them.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "claimledger/error.h"
#include "claimledger/similarity.h"
#include "claimledger/vocabulary.h"
#include "text/min_hash.h"
#include "text/quantity_tokens.h"
#include "text/rarity.h"
#include "text/words.h"
#include "workbench/impl.h"
#include "workbench/input.h"

namespace claimledger {
namespace {

// The words of a user's search text, which must be UTF-8 and hold a word.
std::vector<std::string> QueryWords(const std::string& query) {
  RequireUtf8("query", query);
  std::vector<std::string> words = SearchWords(query);
  if (words.empty()) {
    throw Invalid("search.empty", "the search query has no words; give one or more words");
  }
  return words;
}

// `word` with its ASCII letters in lower case.
std::string Folded(std::string word) {
  for (char& c : word) c = quantity_parsing::ToLower(c);
  return word;
}

}  // namespace

std::vector<SearchHit> Workbench::Search(const std::string& query, const ClaimFilter& filter,
                                         const std::optional<std::string>& since,
                                         const std::optional<std::string>& until, bool match_any) {
  ClaimQuery search;
  search.words = QueryWords(query);
  search.match_any = match_any;
  search.filter = filter;
  if (search.filter.limit < 0) search.filter.limit = 10;
  if (filter.status) RequireFilterStatus(*filter.status);
  if (filter.rating) impl_->RequireRating(*filter.rating);
  search.since = OptionalDate("since", since);
  search.until = OptionalDate("until", until);
  // A date includes its whole day.
  if (search.until && search.until->size() == 10) *search.until += "T23:59:59.999999Z";
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  if (search.filter.claimant)
    search.filter.claimant = impl_->ResolveSource(*search.filter.claimant);
  const std::map<std::string, ClaimCorrected> corrections = impl_->Corrections();
  if (corrections.empty()) return impl_->store->SearchClaims(search);
  // The index holds the texts as first recorded: a corrected claim is matched here by its
  // new words instead, and found ranks with the best hit.
  const std::int64_t limit = search.filter.limit;
  search.filter.limit += static_cast<std::int64_t>(corrections.size());
  std::vector<SearchHit> hits;
  for (SearchHit& hit : impl_->store->SearchClaims(search)) {
    if (!corrections.count(hit.claim)) hits.push_back(std::move(hit));
  }
  const double best = hits.empty() ? 1.0 : hits.front().score;
  std::vector<SearchHit> found;
  for (const auto& [id, correction] : corrections) {
    const Claim claim = impl_->RequireClaim(id);
    // Matched as the index matches the others: the new text and the claim's context, ignoring
    // the case of ASCII letters; Chinese and Japanese characters side by side in it.
    const std::string searchable = Folded(SearchableText(correction.text, claim.context, false));
    std::set<std::string> has;
    for (const std::string& word : SearchWords(searchable)) has.insert(word);
    const auto in_text = [&](const std::string& word) {
      const std::string folded = Folded(word);
      return has.count(folded) > 0 ||
             (HoldsCharacterWords(folded) && searchable.find(folded) != std::string::npos);
    };
    const bool match = match_any ? std::any_of(search.words.begin(), search.words.end(), in_text)
                                 : std::all_of(search.words.begin(), search.words.end(), in_text);
    if (!match) continue;
    ClaimFilter one = search.filter;
    one.limit = -1;
    const std::string when = claim.date ? *claim.date : claim.origin.at;
    if (!MatchesFilter(claim, one) || (search.since && when < *search.since) ||
        (search.until && when > *search.until)) {
      continue;
    }
    found.push_back({id, best, correction.text});
  }
  hits.insert(hits.begin(), found.begin(), found.end());
  if (static_cast<std::int64_t>(hits.size()) > limit) hits.resize(limit);
  return hits;
}

std::vector<SnapshotHit> Workbench::SearchSnapshots(const std::string& query, int limit,
                                                    bool match_any) {
  const std::vector<std::string> words = QueryWords(query);
  if (limit < 1) {
    throw Invalid("search.limit", "limit must be 1 or more, not " + std::to_string(limit));
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  ReadScope read(*impl_->store);
  return impl_->store->SearchSnapshots(words, match_any, limit);
}

std::vector<SimilarHit> Workbench::Similar(const std::string& text, int k) {
  // Rows read per LSH bucket and candidates re-ranked. On reworded FEVER and LIAR claims
  // among 1,000,000 (bench/bench_similar.py), 64 candidates put the source among the first
  // five for 98.9% of them (32: 97.7%, 100: 99.0%); more rows per bucket found no more.
  constexpr std::int64_t kRowsPerBucket = 128;
  constexpr std::int64_t kCandidates = 64;
  // The query's words weigh by how rare they are among the desk's claims (text/rarity.h), each
  // counted up to kCountedUpTo claims (a common word costs no more than that); stop words are
  // not counted and weigh nothing, and a claim's words that the query lacks weigh half as much
  // as a word no claim holds. A candidate's score is kLikeness times TextSimilarity plus the
  // rest times the overlap of rare words. Chosen on CheckThat! 2A's development tweets
  // (bench/bench_benchmarks.py; 300 counted words ranked as well as 1,000 and costs a third).
  constexpr std::int64_t kCountedUpTo = 300;
  constexpr double kUnsharedShare = 0.5;
  constexpr double kLikeness = 0.4;
  // When the best candidate of the LSH buckets scores under kWeak (or there are fewer than k),
  // the kFullText best full-text matches (BM25) of the query's rare words (those fewer than
  // kCountedUpTo claims hold) join them: a reworded claim seldom needs them, a text that was
  // never checked or a long post holding a claim often does.
  constexpr double kWeak = 0.5;
  constexpr std::int64_t kFullText = 32;
  const std::string clean = RequireText("text", text);
  if (k < 1) throw Invalid("similar.k", "k must be 1 or more, not " + std::to_string(k));
  const std::vector<std::int64_t> buckets = LshBuckets(clean);
  if (buckets.empty()) return {};
  const SimilarityProfile query(clean);
  std::vector<SimilarHit> hits;
  std::set<std::string> seen;
  // Corrected claims are ranked by their new text, and always among the candidates (the
  // buckets and the full-text index hold the texts as first recorded).
  std::map<std::string, ClaimCorrected> corrections;
  std::optional<WeightedQuery> weighted;
  const auto rank = [&](const std::vector<ClaimText>& candidates) {
    for (const ClaimText& candidate : candidates) {
      if (seen.insert(candidate.id).second) {
        const auto correction = corrections.find(candidate.id);
        const std::string& now =
            correction == corrections.end() ? candidate.text : correction->second.text;
        const double alike = query.Similarity(SimilarityProfile(now));
        const double shared = weighted->Overlap(now, candidate.context);
        hits.push_back({candidate.id, kLikeness * alike + (1 - kLikeness) * shared});
      }
    }
    std::sort(hits.begin(), hits.end(), [](const SimilarHit& a, const SimilarHit& b) {
      return a.score != b.score ? a.score > b.score : a.claim < b.claim;
    });
  };
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    Store& store = *impl_->store;
    ReadScope read(store);
    // The query's words, weighed by how many claims hold them.
    const std::vector<std::string> words = DistinctWords(clean);
    std::vector<std::string> counted;
    for (const std::string& word : words) {
      if (!IsStopWord(word)) counted.push_back(word);
    }
    const std::vector<std::int64_t> holding = store.ClaimsHolding(counted, kCountedUpTo);
    const std::int64_t claims = store.ClaimCount();
    std::vector<double> weights;
    std::vector<std::string> rare;
    for (std::size_t i = 0, c = 0; i < words.size(); ++i) {
      if (c < counted.size() && counted[c] == words[i]) {
        const std::int64_t held = holding[c++];
        if (held < kCountedUpTo) rare.push_back(words[i]);
        weights.push_back(RarityWeight(held, claims));
      } else {
        weights.push_back(0.0);  // a stop word
      }
    }
    weighted.emplace(words, weights, kUnsharedShare * RarityWeight(0, claims));
    corrections = impl_->Corrections();
    std::vector<ClaimText> corrected;
    for (const auto& [id, correction] : corrections) {
      corrected.push_back({id, correction.text, impl_->RequireClaim(id).context});
    }
    rank(corrected);
    rank(store.SimilarCandidates(buckets, kRowsPerBucket, std::max<std::int64_t>(kCandidates, k)));
    if (hits.size() < static_cast<std::size_t>(k) || hits.front().score < kWeak) {
      rank(store.FullTextCandidates(rare, std::max<std::int64_t>(kFullText, k)));
    }
  }
  if (hits.size() > static_cast<std::size_t>(k)) hits.resize(k);
  return hits;
}

std::vector<Candidate> Workbench::Candidates(const std::string& snapshot_hash) {
  std::string text;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    ReadScope read(*impl_->store);
    impl_->RequireSnapshot(snapshot_hash);
    text = impl_->SnapshotText(snapshot_hash, "it has no sentences to check");
  }
  return FindCandidates(text);
}

}  // namespace claimledger
