// Rating scales and reliability grades.
#include "claimledger/scale.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"

namespace claimledger {
namespace {

TEST(ScaleTest, DefaultScaleHasTheDocumentedRatings) {
  const RatingScale& scale = BuiltinScale("default");
  EXPECT_EQ(scale.LabelList(),
            "true, mostly-true, mixed, mostly-false, false, unproven, misleading");
  EXPECT_EQ(scale.TruthScore("true"), 1.0);
  EXPECT_EQ(scale.TruthScore("mixed"), 0.5);
  EXPECT_EQ(scale.TruthScore("false"), 0.0);
  EXPECT_FALSE(scale.TruthScore("unproven"));
}

TEST(ScaleTest, ScalesRoundTripThroughJson) {
  for (const char* name : {"default", "politifact", "fever", "claimskg"}) {
    const RatingScale& scale = BuiltinScale(name);
    const RatingScale back = RatingScale::FromJson(scale.ToJson());
    EXPECT_EQ(back.name, scale.name);
    EXPECT_EQ(back.LabelList(), scale.LabelList());
  }
}

TEST(ScaleTest, UnknownScaleNamesTheKnownOnes) {
  try {
    BuiltinScale("stars");
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kInvalidInput);
    EXPECT_NE(std::string(error.what()).find("default, politifact, fever, claimskg"),
              std::string::npos);
  }
}

}  // namespace
}  // namespace claimledger
