// Dates: what users may give and the clock's format.
#include "codec/dates.h"

#include <gtest/gtest.h>

namespace claimledger {
namespace {

TEST(DatesTest, AcceptsCalendarDatesAsGiven) {
  EXPECT_EQ(NormaliseDate("2024-10-21"), "2024-10-21");
  EXPECT_EQ(NormaliseDate("2024-02-29"), "2024-02-29");
}

TEST(DatesTest, NormalisesRfc3339ToUtcMicroseconds) {
  EXPECT_EQ(NormaliseDate("2024-10-22T08:15:00Z"), "2024-10-22T08:15:00.000000Z");
  EXPECT_EQ(NormaliseDate("2024-10-22T10:15:00.5+02:00"), "2024-10-22T08:15:00.500000Z");
  EXPECT_EQ(NormaliseDate("2024-12-31T23:30:00-01:00"), "2025-01-01T00:30:00.000000Z");
}

TEST(DatesTest, WritesEveryFieldWithItsLeadingZeros) {
  EXPECT_EQ(NormaliseDate("0001-02-03T04:05:06.000007Z"), "0001-02-03T04:05:06.000007Z");
  EXPECT_EQ(NormaliseDate("9999-12-31T23:59:59.999999Z"), "9999-12-31T23:59:59.999999Z");
  EXPECT_EQ(NormaliseDate("0000-01-01T00:30:00+00:30"), "0000-01-01T00:00:00.000000Z");
}

TEST(DatesTest, RefusesATimeThatAnOffsetMovesOutOfFourDigitYears) {
  EXPECT_FALSE(NormaliseDate("0000-01-01T00:30:00+01:00"));
  EXPECT_FALSE(NormaliseDate("9999-12-31T23:30:00-01:00"));
}

TEST(DatesTest, RefusesWhatIsNotADate) {
  for (const char* bad : {"", "21/10/2024", "2024-13-01", "2023-02-29", "2024-10-21T25:00:00Z",
                          "2024-10-21T08:15:00", "2024-10-21x", "yesterday", "2024-1-1"}) {
    EXPECT_FALSE(NormaliseDate(bad)) << bad;
  }
}

TEST(DatesTest, NowIsRfc3339UtcWithMicroseconds) {
  const std::string now = UtcNow();
  ASSERT_EQ(now.size(), 27u);
  EXPECT_EQ(now[10], 'T');
  EXPECT_EQ(now[19], '.');
  EXPECT_EQ(now.back(), 'Z');
  EXPECT_EQ(NormaliseDate(now), now);
}

}  // namespace
}  // namespace claimledger
