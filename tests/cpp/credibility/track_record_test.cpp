// Track-record arithmetic against hand-computed cases, and the Beta functions under it.
#include "claimledger/track_record.h"

#include <gtest/gtest.h>

#include <cmath>

#include "credibility/beta.h"

namespace claimledger {
namespace {

TEST(BetaTest, CdfAndQuantileOfKnownDistributions) {
  // Beta(1, 1) is uniform; Beta(2, 1) has CDF x^2; Beta(1, 2) has CDF 1 - (1 - x)^2.
  for (double x : {0.1, 0.25, 0.5, 0.9}) {
    EXPECT_NEAR(BetaCdf(x, 1, 1), x, 1e-12);
    EXPECT_NEAR(BetaCdf(x, 2, 1), x * x, 1e-12);
    EXPECT_NEAR(BetaCdf(x, 1, 2), 1 - (1 - x) * (1 - x), 1e-12);
  }
  EXPECT_NEAR(BetaQuantile(0.25, 2, 1), 0.5, 1e-9);
  EXPECT_NEAR(BetaQuantile(0.975, 1, 1), 0.975, 1e-9);
  // Symmetric: the median of Beta(a, a) is 1/2.
  EXPECT_NEAR(BetaQuantile(0.5, 7.5, 7.5), 0.5, 1e-9);
  // Beta(3, 2): CDF 4x^3 - 3x^4, so CDF(0.5) = 0.3125.
  EXPECT_NEAR(BetaCdf(0.5, 3, 2), 0.3125, 1e-12);
}

TEST(TrackRecordTest, HandComputedPolitifactCase) {
  // Two "true" (score 1.0), one "false" (0.2), one "pants-fire" (0.0), one off-axis-free
  // scale: successes 2.2, failures 1.8 -> posterior Beta(3.2, 2.8), mean 3.2 / 6.
  const RatingScale& scale = BuiltinScale("politifact");
  const TrackRecord record = ComputeTrackRecord(
      "src_a", scale,
      {{"src_a", "true", 2019, 2}, {"src_a", "false", 2020, 1}, {"src_a", "pants-fire", 2020, 1}});
  EXPECT_EQ(record.verdicts, 4);
  EXPECT_EQ(record.rated, 4);
  EXPECT_EQ(record.counts.at("true"), 2);
  EXPECT_NEAR(record.alpha, 3.2, 1e-12);
  EXPECT_NEAR(record.beta, 2.8, 1e-12);
  EXPECT_NEAR(record.score, 3.2 / 6.0, 1e-12);
  EXPECT_NEAR(BetaCdf(record.low, 3.2, 2.8), 0.025, 1e-9);
  EXPECT_NEAR(BetaCdf(record.high, 3.2, 2.8), 0.975, 1e-9);
  ASSERT_EQ(record.by_year.size(), 2u);
  EXPECT_EQ(record.by_year[0].year, 2019);
  EXPECT_NEAR(record.by_year[0].score, 3.0 / 4.0, 1e-12);  // Beta(1 + 2, 1 + 0)
  EXPECT_EQ(record.by_year[1].rated, 2);
  EXPECT_NEAR(record.by_year[1].score, 1.2 / 4.0, 1e-12);  // Beta(1 + 0.2, 1 + 1.8)
}

TEST(TrackRecordTest, FewClaimsGiveWideIntervalsNotExtremeScores) {
  const RatingScale& scale = BuiltinScale("default");
  const TrackRecord one = ComputeTrackRecord("s", scale, {{"s", "true", 0, 1}});
  EXPECT_NEAR(one.score, 2.0 / 3.0, 1e-12);
  EXPECT_LT(one.low, 0.2);
  EXPECT_GT(one.high, 0.95);
  const TrackRecord many = ComputeTrackRecord("s", scale, {{"s", "true", 0, 200}});
  EXPECT_GT(many.score, 0.99);
  EXPECT_GT(many.low, 0.95);
  EXPECT_LT(many.high - many.low, one.high - one.low);
}

TEST(TrackRecordTest, RatingsOffTheTruthAxisAreCountedButNotScored) {
  const RatingScale& scale = BuiltinScale("default");
  const TrackRecord record =
      ComputeTrackRecord("s", scale, {{"s", "unproven", 0, 3}, {"s", "mostly-true", 0, 1}});
  EXPECT_EQ(record.verdicts, 4);
  EXPECT_EQ(record.rated, 1);
  EXPECT_NEAR(record.score, (1 + 0.75) / 3.0, 1e-12);
  const TrackRecord none = ComputeTrackRecord("s", scale, {});
  EXPECT_EQ(none.score, 0.5);
  EXPECT_NEAR(none.low, 0.025, 1e-9);
}

TEST(ScaleMappingTest, MappingsAreExplicitAboutLoss) {
  const auto politifact_to_default = MapScale(BuiltinScale("politifact"), BuiltinScale("default"));
  ASSERT_EQ(politifact_to_default.size(), 6u);
  EXPECT_EQ(politifact_to_default[0].to, "true");
  EXPECT_TRUE(politifact_to_default[0].lossy);      // six truth levels onto five
  EXPECT_EQ(politifact_to_default[5].to, "false");  // pants-fire
  const auto default_to_default = MapScale(BuiltinScale("default"), BuiltinScale("default"));
  for (const RatingMapping& mapping : default_to_default) {
    EXPECT_EQ(mapping.to, mapping.from);
    EXPECT_FALSE(mapping.lossy) << mapping.from;
  }
  const auto fever_to_claimskg = MapScale(BuiltinScale("fever"), BuiltinScale("claimskg"));
  EXPECT_EQ(fever_to_claimskg[0].to, "true");   // supports
  EXPECT_EQ(fever_to_claimskg[1].to, "false");  // refutes
  EXPECT_EQ(fever_to_claimskg[2].to, "other");  // not-enough-info
  EXPECT_TRUE(fever_to_claimskg[2].lossy);
}

TEST(ScaleMappingTest, ClaimReviewRatings) {
  const RatingScale& politifact = BuiltinScale("politifact");
  const ClaimReviewRating pants = ToClaimReviewRating(politifact, "pants-fire");
  EXPECT_EQ(pants.rating_value, 1);
  EXPECT_EQ(pants.best_rating, 6);
  EXPECT_EQ(pants.worst_rating, 1);
  EXPECT_EQ(pants.alternate_name, "pants-fire");
  EXPECT_EQ(ToClaimReviewRating(politifact, "true").rating_value, 6);
  EXPECT_EQ(ToClaimReviewRating(politifact, "half-true").rating_value, 4);
  const ClaimReviewRating unproven = ToClaimReviewRating(BuiltinScale("default"), "unproven");
  EXPECT_FALSE(unproven.rating_value);
  EXPECT_EQ(unproven.best_rating, 5);
}

}  // namespace
}  // namespace claimledger
