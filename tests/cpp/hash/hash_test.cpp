// Golden vectors for the hash layer: XXH3-128 content ids and SHA-256, checked against
// tests/data/golden.json (computed independently with Python's xxhash and hashlib).
#include "claimledger/hash.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace claimledger {
namespace {

TEST(HashTest, ContentIdsMatchGoldenVectors) {
  const auto golden = testing_util::Golden();
  ASSERT_GE(golden["contents"].size(), 5u);
  for (const auto& item : golden["contents"]) {
    const std::string bytes = testing_util::FromHex(item["hex"]);
    EXPECT_EQ(ContentId(bytes), item["xxh3_128"].get<std::string>()) << item["name"];
    EXPECT_EQ(Sha256(bytes), item["sha256"].get<std::string>()) << item["name"];
  }
}

TEST(HashTest, TextFormsAreRecognised) {
  EXPECT_TRUE(IsContentId(ContentId("x")));
  EXPECT_TRUE(IsSha256(Sha256("x")));
  EXPECT_TRUE(IsSha256(GenesisPrev()));
  EXPECT_EQ(GenesisPrev(), "sha256:" + std::string(64, '0'));
  EXPECT_FALSE(IsContentId("xxh3-128:ABCDEF"));
  EXPECT_FALSE(IsContentId("sha256:" + std::string(32, 'a')));
  EXPECT_FALSE(IsSha256("sha256:" + std::string(64, 'G')));
}

TEST(HashTest, RandomHexIsFreshEachTime) {
  const std::string a = RandomHex(16);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, RandomHex(16));
}

}  // namespace
}  // namespace claimledger
