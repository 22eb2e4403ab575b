// Track-record arithmetic: Beta posterior over truth scores and its quantiles.
// Pure functions; the workbench supplies the counts from the store.
#include "claimledger/track_record.h"

#include <cmath>

namespace claimledger {
namespace {

// The continued fraction of the incomplete beta function (modified Lentz evaluation).
double BetaContinuedFraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEpsilon = 1e-14;
  double c = 1.0;
  double d = 1.0 - (a + b) * x / (a + 1.0);
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double fraction = d;
  for (int m = 1; m <= 500; ++m) {
    // Even step.
    double numerator = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
    d = 1.0 + numerator * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + numerator / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    fraction *= d * c;
    // Odd step.
    numerator = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
    d = 1.0 + numerator * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + numerator / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double step = d * c;
    fraction *= step;
    if (std::fabs(step - 1.0) < kEpsilon) break;
  }
  return fraction;
}

double PosteriorMean(double successes, double failures) {
  return (kPriorAlpha + successes) / (kPriorAlpha + kPriorBeta + successes + failures);
}

}  // namespace

double BetaCdf(double x, double a, double b) {
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  // The fraction converges fast below the mean; above it, use I_x(a,b) = 1 - I_{1-x}(b,a).
  if (x < (a + 1.0) / (a + b + 2.0)) {
    return std::exp(log_front) * BetaContinuedFraction(x, a, b) / a;
  }
  return 1.0 - std::exp(log_front) * BetaContinuedFraction(1.0 - x, b, a) / b;
}

double BetaQuantile(double p, double a, double b) {
  if (p <= 0.0) return 0.0;
  if (p >= 1.0) return 1.0;
  double low = 0.0, high = 1.0;
  for (int i = 0; i < 100; ++i) {  // bisection: the CDF is monotone
    const double middle = 0.5 * (low + high);
    (BetaCdf(middle, a, b) < p ? low : high) = middle;
  }
  return 0.5 * (low + high);
}

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
