// Track-record arithmetic: Beta posterior over truth scores and its quantiles.
// Pure functions; the workbench supplies the counts from the store.
#include "claimledger/track_record.h"

#include <cmath>

#include "credibility/beta.h"

namespace claimledger {
namespace {

double PosteriorMean(double successes, double failures) {
  return (kPriorAlpha + successes) / (kPriorAlpha + kPriorBeta + successes + failures);
}

}  // namespace

TrackRecord ComputeTrackRecord(const std::string& source, const RatingScale& scale,
                               const std::vector<RatingCount>& counts) {
  TrackRecord record;
  record.source = source;
  double successes = 0, failures = 0;
  std::map<int, std::pair<double, double>> years;  // year -> (successes, failures)
  std::map<int, std::int64_t> rated_by_year;
  for (const RatingCount& count : counts) {
    record.counts[count.rating] += count.count;
    record.verdicts += count.count;
    const auto truth = scale.TruthScore(count.rating);
    if (!truth) continue;
    record.rated += count.count;
    successes += *truth * count.count;
    failures += (1.0 - *truth) * count.count;
    if (count.year != 0) {
      years[count.year].first += *truth * count.count;
      years[count.year].second += (1.0 - *truth) * count.count;
      rated_by_year[count.year] += count.count;
    }
  }
  record.alpha = kPriorAlpha + successes;
  record.beta = kPriorBeta + failures;
  record.score = PosteriorMean(successes, failures);
  const double tail = (1.0 - kCredibleMass) / 2.0;
  record.low = BetaQuantile(tail, record.alpha, record.beta);
  record.high = BetaQuantile(1.0 - tail, record.alpha, record.beta);
  for (const auto& [year, outcome] : years) {
    record.by_year.push_back(
        {year, rated_by_year[year], PosteriorMean(outcome.first, outcome.second)});
  }
  return record;
}

}  // namespace claimledger
