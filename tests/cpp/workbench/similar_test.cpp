// "Checked before?" through the workbench: Similar finds a reworded claim among many others,
// through its near-duplicate buckets or, when they give nothing good, its rare words.
#include <gtest/gtest.h>

#include <algorithm>

#include "claimledger/workbench.h"
#include "test_util.h"
#include "text/min_hash.h"

namespace claimledger {
namespace {

TEST(SimilarityTest, SimilarFindsARewordedClaimAmongManyOthers) {
  auto wb = Workbench::Open(":memory:");
  std::vector<NewClaim> claims;
  const char* topics[] = {"budget", "vaccine", "border", "tariff", "harvest", "election"};
  for (int i = 0; i < 600; ++i) {
    claims.push_back({"The " + std::string(topics[i % 6]) + " rose by " + std::to_string(i) +
                          " percent in region " + std::to_string(i / 6),
                      {},
                      {},
                      {},
                      {}});
  }
  claims.push_back({"About 28,500 US troops are stationed in South Korea.", {}, {}, {}, {}});
  const std::string target = wb->AddClaims(claims).back();
  const auto hits = wb->Similar("US troops stationed in South Korea number about 28500", 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().claim, target);
  EXPECT_GT(hits.front().score, 0.5);
  for (std::size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i].score, hits[i - 1].score);
  EXPECT_TRUE(wb->Similar("quantum chromodynamics lattice gauge", 5).empty());
  EXPECT_THROW(wb->Similar("x", 0), std::exception);
  wb->Rebuild();  // the index is rebuilt with the tables
  EXPECT_EQ(wb->Similar("troops South Korea 28,500", 1).front().claim, target);
}

TEST(SimilarityTest, SimilarFindsAClaimWhoseCommonWordsManyClaimsShare) {
  // 3,000 claims share "US troops stationed" (so the LSH buckets of those words hold
  // thousands of claims, more than are read of each); the reworded claim is still found
  // through the words it does not share with them.
  auto wb = Workbench::Open(":memory:");
  std::vector<NewClaim> claims;
  for (int i = 0; i < 3000; ++i) {
    claims.push_back(
        {"US troops stationed overseas number " + std::to_string(1000 + i), {}, {}, {}, {}});
  }
  claims.push_back({"About 28,500 US troops are stationed in South Korea.", {}, {}, {}, {}});
  const std::string target = wb->AddClaims(claims).back();
  const auto hits = wb->Similar("South Korea hosts about 28500 US troops", 5);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(hits.front().claim, target);
  EXPECT_EQ(wb->Similar("US troops stationed overseas number 2345", 1).front().score, 1.0);
}

// A ledger file keeps the buckets of the claims added since the last large batch in
// claim_lsh_recent (schema version 9); similar() reads both tables, and a large batch moves the
// recent rows into claim_lsh once they are as many as claim_lsh's.
TEST(SimilarityTest, SimilarFindsClaimsOfBothBucketTablesAndALargeBatchMovesTheRecentOnes) {
  testing_util::TempLedgerPath path;
  const auto rows = [&](const char* table) {
    return testing_util::SqlNumber(path.str(), std::string("SELECT count(*) FROM ") + table);
  };
  const auto batch = [](const std::string& topic) {
    std::vector<NewClaim> claims;
    for (int i = 0; i < 300; ++i) {
      claims.push_back({"The " + topic + " grew by " + std::to_string(i) + " percent in area " +
                            std::to_string(i / 10),
                        {},
                        {},
                        {},
                        {}});
    }
    return claims;
  };
  std::string batched, alone;
  {
    auto wb = Workbench::Open(path.str(), {});
    std::vector<NewClaim> claims = batch("harvest");
    claims.push_back({"About 28,500 US troops are stationed in South Korea.", {}, {}, {}, {}});
    batched = wb->AddClaims(claims).back();
  }
  const std::int64_t merged = rows("claim_lsh");
  EXPECT_GT(merged, 300 * 8);
  EXPECT_EQ(rows("claim_lsh_recent"), 0);
  {
    auto wb = Workbench::Open(path.str(), {});
    alone = wb->AddClaim({"The ferry carried 41,000 passengers last winter.", {}, {}, {}, {}}).id;
    wb->AddClaim({"Rents in the old town rose 9% in 2024.", {}, {}, {}, {}});
  }
  EXPECT_EQ(rows("claim_lsh"), merged);
  EXPECT_GT(rows("claim_lsh_recent"), 0);
  {
    auto wb = Workbench::Open(path.str(), {});
    EXPECT_EQ(wb->Similar("South Korea hosts about 28500 US troops", 1).front().claim, batched);
    EXPECT_EQ(wb->Similar("Last winter the ferry carried 41,000 passengers", 1).front().claim,
              alone);
    EXPECT_TRUE(wb->Verify().ok);
    wb->AddClaims(batch("tariff"));  // as many rows as claim_lsh holds: all are moved
  }
  EXPECT_EQ(rows("claim_lsh_recent"), 0);
  EXPECT_GT(rows("claim_lsh"), 2 * merged);
  auto wb = Workbench::Open(path.str(), {});
  EXPECT_EQ(wb->Similar("Last winter the ferry carried 41,000 passengers", 1).front().claim, alone);
  EXPECT_TRUE(wb->Verify().ok);
  // Large batches of fewer claims than claim_lsh holds (603) stay in claim_lsh_recent until they
  // are as many: 300, 600, then 900 claims.
  const std::int64_t moved = rows("claim_lsh");
  for (const char* topic : {"vaccine", "border"}) {
    wb->AddClaims(batch(topic));
    EXPECT_EQ(rows("claim_lsh"), moved) << topic;
  }
  EXPECT_GT(rows("claim_lsh_recent"), 600 * 8);
  const std::string last = wb->AddClaims(batch("election")).back();
  EXPECT_EQ(rows("claim_lsh_recent"), 0);
  EXPECT_EQ(wb->Similar("The election grew by 299 percent in area 29", 1).front().claim, last);
  wb->AddClaims(batch("budget"));  // after a move, the next batch starts the recent table again
  EXPECT_GT(rows("claim_lsh_recent"), 300 * 8);
  EXPECT_TRUE(wb->Verify().ok);
}

bool ShareABucket(const std::string& a, const std::string& b) {
  const std::vector<std::int64_t> x = LshBuckets(a), y = LshBuckets(b);
  for (std::int64_t bucket : x) {
    if (std::find(y.begin(), y.end(), bucket) != y.end()) return true;
  }
  return false;
}

TEST(SimilarityTest, SimilarFindsARewordedClaimThatSharesNoLshBucket) {
  // Most words of a short claim replaced: the variant and its source share no LSH bucket,
  // and the claims that do share one with the variant are weak matches, so the full-text
  // candidates of the variant's words are re-ranked with them.
  const std::string source = "The Big Country is a river in Wyoming.";
  const std::string variant = "The Large Nation is a stream in Wyoming.";
  ASSERT_FALSE(ShareABucket(source, variant));
  auto wb = Workbench::Open(":memory:");
  std::vector<NewClaim> claims;
  const char* places[] = {"Idaho", "Ohio", "Texas"};
  const char* things[] = {"wildfires burned", "floods reached", "storms damaged"};
  bool weak_lsh_candidate = false;
  for (int i = 0; i < 300; ++i) {
    const std::string text = std::string(places[i % 3]) + " " + things[i / 3 % 3] + " " +
                             std::to_string(100 + i) + " homes near a stream";
    weak_lsh_candidate = weak_lsh_candidate || ShareABucket(text, variant);
    claims.push_back({text, {}, {}, {}, {}});
  }
  ASSERT_TRUE(weak_lsh_candidate);  // the LSH candidates are not empty, only weak
  claims.push_back({source, {}, {}, {}, {}});
  const std::string target = wb->AddClaims(claims).back();
  const auto hits = wb->Similar(variant, 1);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits.front().claim, target);
  EXPECT_EQ(wb->Similar(variant, 5).front().claim, target);
}

}  // namespace
}  // namespace claimledger
