// Canonical JSON against golden vectors that Python's json.dumps made, and decimal text.
#include "codec/canonical_json.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "test_util.h"

namespace claimledger {
namespace {

TEST(CanonicalJsonTest, CanonicalJsonMatchesPython) {
  const auto golden = testing_util::Golden();
  ASSERT_GE(golden["events"].size(), 2u);
  for (const auto& item : golden["events"]) {
    EXPECT_EQ(CanonicalJson(item["event"]), item["canonical"].get<std::string>());
  }
}

TEST(CanonicalJsonTest, FloatsAreRefused) {
  try {
    CanonicalJson({{"value", 1.5}});
    FAIL() << "a float was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kInvalidInput);
    EXPECT_EQ(error.id(), "claimledger.json.float");
  }
}

TEST(CanonicalJsonTest, DecimalTextIsShortestAndRoundTrips) {
  EXPECT_EQ(DecimalText(28500), "28500");
  EXPECT_EQ(DecimalText(1.2e9), "1200000000");
  EXPECT_EQ(DecimalText(0.5), "0.5");
  EXPECT_EQ(DecimalText(-0.0), "0");
  for (double value : {2.0 / 3, 1e-7, 123456789.125, -4.0}) {
    EXPECT_EQ(ParseDecimal(DecimalText(value)), value);
  }
  EXPECT_FALSE(ParseDecimal("12abc"));
}

}  // namespace
}  // namespace claimledger
