// Near-duplicate matching in the text layer: content words, bucket keys and the similarity
// measure. Finding a reworded claim among many is in workbench/similar_test.cpp.
#include "claimledger/similarity.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "text/min_hash.h"
#include "text/words.h"

namespace claimledger {
namespace {

TEST(SimilarityTest, ContentWords) {
  EXPECT_EQ(ContentWords("About 28,500 US troops are in South Korea."),
            (std::vector<std::string>{"about", "28500", "us", "troops", "south", "korea"}));
  EXPECT_EQ(ContentWords("GDP grew 1.2% in 2024"),
            (std::vector<std::string>{"gdp", "grew", "1.2", "2024"}));
  EXPECT_TRUE(ContentWords("the of and").empty());
  EXPECT_TRUE(LshBuckets("   ").empty());
  EXPECT_EQ(LshBuckets("Troops in Korea").size(), static_cast<std::size_t>(kLshBands));
  EXPECT_EQ(LshBuckets("Korea troops"), LshBuckets("troops, KOREA!"));  // order and case
}

TEST(SimilarityTest, LongestWordsPutsWordsOfLettersOrDigitsFirstThenTheLongest) {
  EXPECT_EQ(LongestWords(SearchWords("About 28,500 US troops are stationed in Korea"), 3),
            (std::vector<std::string>{"stationed", "troops", "About"}));  // ties: text order
  EXPECT_EQ(LongestWords(SearchWords("--- ---- is it"), 3),
            (std::vector<std::string>{"is", "it", "----"}));  // words of no letter come last
  EXPECT_EQ(LongestWords(SearchWords("Ωmega up"), 1), (std::vector<std::string>{"Ωmega"}));
  EXPECT_EQ(LongestWords({"a", "bb"}, 5), (std::vector<std::string>{"bb", "a"}));
  EXPECT_TRUE(LongestWords({}, 3).empty());
}

TEST(SimilarityTest, SimilarityIsBoundedAndOrdersRewordings) {
  const std::string claim = "About 28,500 US troops are stationed in South Korea.";
  EXPECT_DOUBLE_EQ(TextSimilarity(claim, claim), 1.0);
  EXPECT_DOUBLE_EQ(TextSimilarity(claim, "Bananas taste sweet"), 0.0);  // no word in common
  const double reworded =
      TextSimilarity(claim, "South Korea hosts about 28500 American troops stationed there.");
  const double other = TextSimilarity(claim, "About 500 troops are stationed in Japan.");
  EXPECT_GT(reworded, other);
  EXPECT_GT(reworded, 0.4);
}

TEST(SimilarityTest, SimilarityWeighsWordAndTrigramJaccard) {
  // Words {troops, in, korea} against {us, troops, in, korea}: 3/4; trigrams of the content
  // words " troops ", " korea " and " us ": 11 shared of 13.
  const double expected = kWordWeight * 3.0 / 4.0 + (1 - kWordWeight) * 11.0 / 13.0;
  EXPECT_DOUBLE_EQ(TextSimilarity("troops in Korea", "US troops in Korea"), expected);
  const SimilarityProfile query("troops in Korea");  // compared with many, computed once
  EXPECT_DOUBLE_EQ(query.Similarity(SimilarityProfile("US troops in Korea")), expected);
  EXPECT_DOUBLE_EQ(query.Similarity(SimilarityProfile("KOREA: in, troops!")), 1.0);
}

TEST(SimilarityTest, StopWordsAndNumberWordsTellNearTwinsApart) {
  // Both candidates share the content words 2004, spider, man and 2 with the query; only
  // the source also shares "in" and "was", and "two" is the same word as "2".
  const std::string query = "in 2004, spider-man two was";
  const double source = TextSimilarity(query, "In 2004, Spider-Man 2 was released.");
  const double twin = TextSimilarity(query, "In 2004, Spider-Man 2 in 2014.");
  EXPECT_GT(source, twin);
  EXPECT_DOUBLE_EQ(TextSimilarity("two films in 2004", "2 films in 2004"), 1.0);
  EXPECT_LT(TextSimilarity("one of the films", "the films"), 1.0);
}

}  // namespace
}  // namespace claimledger
