// Rare shared words (text/rarity.h): the weights, the overlap and the words compared.
#include "text/rarity.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace claimledger {
namespace {

// A query weighed as given, each claim word it lacks weighing `unshared`.
WeightedQuery Query(const std::string& text, const std::vector<double>& weights,
                    double unshared = 1.0) {
  return WeightedQuery(DistinctWords(text), weights, unshared);
}

TEST(RarityTest, TheFewerClaimsHoldAWordTheMoreItWeighs) {
  double before = RarityWeight(0, 1000);
  for (const std::int64_t holding : {1, 10, 100, 500, 999, 1000}) {
    const double weight = RarityWeight(holding, 1000);
    EXPECT_LT(weight, before) << holding;
    EXPECT_GT(weight, 0.0);
    before = weight;
  }
  EXPECT_LT(RarityWeight(1000, 1000), 0.001);  // a word every claim holds says nearly nothing
  // A desk counted up to fewer than hold the word: as if every claim held it.
  EXPECT_DOUBLE_EQ(RarityWeight(50, 10), RarityWeight(50, 50));
}

TEST(RarityTest, DistinctWordsArePartedByPunctuationOutsideAscii) {
  EXPECT_EQ(DistinctWords("McDonald\u2019s fries \u2014 two for $1 \U0001F35F McDonald's"),
            (std::vector<std::string>{"mcdonald", "s", "fries", "2", "for", "1"}));
  EXPECT_EQ(DistinctWords("\u201CAbout 28,500 troops\u201D\u2026"),
            (std::vector<std::string>{"about", "28500", "troops"}));
  // Letters of other scripts stay words.
  EXPECT_EQ(DistinctWords("सेना की संख्या"), (std::vector<std::string>{"सेना", "की", "संख्या"}));
}

TEST(RarityTest, TheSameTextOverlapsWhollyAndAnotherNotAtAll) {
  const WeightedQuery query = Query("Amphibious tanks crossed the river", {5, 4, 3, 0, 2});
  EXPECT_DOUBLE_EQ(query.Overlap("amphibious TANKS crossed the river.", std::nullopt), 1.0);
  EXPECT_DOUBLE_EQ(query.Overlap("Prices of rice fell", std::nullopt), 0.0);
}

TEST(RarityTest, ARareSharedWordCountsMoreThanCommonOnes) {
  // "teleprompter" is rare; "the", "government" and "said" are common.
  const WeightedQuery query =
      Query("the government said the teleprompter failed", {0, 0.1, 0.1, 20, 0.1});
  const double rare = query.Overlap("A teleprompter broke", std::nullopt);
  const double common = query.Overlap("The government said the plan failed", std::nullopt);
  EXPECT_GT(rare, common);
}

TEST(RarityTest, AClaimInsideALongerQueryIsWhollyThere) {
  // The claim's share (kClaimShare) is whole when every word of the claim is in the query.
  const WeightedQuery query =
      Query("breaking the dam at Kakhovka burst today share now", {1, 0, 5, 1, 8, 4, 1, 1, 1});
  const double inside = query.Overlap("The dam at Kakhovka burst", std::nullopt);
  const double query_share = (5 + 1 + 8 + 4) / 22.0;
  EXPECT_NEAR(inside, kClaimShare + (1 - kClaimShare) * query_share, 1e-12);
}

TEST(RarityTest, AClaimsContextIsComparedWithItsText) {
  const WeightedQuery query = Query("anaconda ten meters long", {9, 2, 3, 1}, 0.5);
  const double without = query.Overlap("A video shows a huge snake", std::nullopt);
  const double with = query.Overlap("A video shows a huge snake",
                                    std::string("Does video show a 10-meter-long anaconda?"));
  EXPECT_EQ(without, 0.0);
  EXPECT_GT(with, 0.5);
}

}  // namespace
}  // namespace claimledger
