// Track records: how a source's claims have fared, as verdict counts and a smoothed
// truth score with a credible interval. Pure arithmetic (the credibility layer).
//
// Each current verdict whose rating is on the scale's truth axis counts as a partial
// success equal to its truth score (true = 1, false = 0, mostly-true = 0.75 on the
// default scale) and a partial failure of 1 minus that. With the prior Beta(1, 1)
// (uniform: no opinion before any verdict), the posterior is
// Beta(1 + successes, 1 + failures); the score is its mean and the interval its central
// 95%. A source with one true claim scores 0.67 with the interval 0.16–0.99, not 1.0.
#ifndef CLAIMLEDGER_TRACK_RECORD_H_
#define CLAIMLEDGER_TRACK_RECORD_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "claimledger/model.h"
#include "claimledger/scale.h"

namespace claimledger {

inline constexpr double kPriorAlpha = 1.0;
inline constexpr double kPriorBeta = 1.0;
inline constexpr double kCredibleMass = 0.95;

struct YearScore {
  int year = 0;
  std::int64_t rated = 0;  // verdicts on the truth axis that year
  double score = 0.5;      // posterior mean for that year alone
};

struct TrackRecord {
  std::string source;
  std::map<std::string, std::int64_t> counts;  // current verdicts by rating
  std::int64_t verdicts = 0;                   // claims with a current verdict
  std::int64_t rated = 0;                      // of which on the truth axis
  double alpha = kPriorAlpha;                  // posterior Beta parameters
  double beta = kPriorBeta;
  double score = 0.5;  // posterior mean truth score
  double low = 0.0;    // central 95% credible interval
  double high = 1.0;
  std::vector<YearScore> by_year;  // oldest first; empty when counted without years
};

// Builds a track record from counts of current verdicts. Counts with year 0 feed only
// the totals; counts with a year also feed by_year.
TrackRecord ComputeTrackRecord(const std::string& source, const RatingScale& scale,
                               const std::vector<RatingCount>& counts);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TRACK_RECORD_H_
