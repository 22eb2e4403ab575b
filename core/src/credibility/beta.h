// The Beta distribution, for track records' credible intervals (claimledger/track_record.h).
// Pure arithmetic.
#ifndef CLAIMLEDGER_CREDIBILITY_BETA_H_
#define CLAIMLEDGER_CREDIBILITY_BETA_H_

namespace claimledger {

// The regularized incomplete beta function I_x(a, b), the CDF of Beta(a, b) at x.
double BetaCdf(double x, double a, double b);
// The p-quantile of Beta(a, b). REQUIRES: 0 <= p <= 1, a > 0, b > 0.
double BetaQuantile(double p, double a, double b);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CREDIBILITY_BETA_H_
