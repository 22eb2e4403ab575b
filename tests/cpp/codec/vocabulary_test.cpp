// The vocabularies: the lists the workbench checks input against, and the event types.
#include "claimledger/vocabulary.h"

#include <gtest/gtest.h>

namespace claimledger {
namespace {

TEST(VocabularyTest, AdmiraltyGrades) {
  EXPECT_EQ(GradeMeaning(ReliabilityGrades(), "A"), "completely reliable");
  EXPECT_EQ(GradeMeaning(ReliabilityGrades(), "F"), "reliability cannot be judged");
  EXPECT_FALSE(GradeMeaning(ReliabilityGrades(), "G"));
  EXPECT_FALSE(GradeMeaning(ReliabilityGrades(), "a"));
}

TEST(VocabularyTest, ListsInTheirOrder) {
  EXPECT_EQ(ClaimStatuses(), (std::vector<std::string>{"new", "published-elsewhere", "in-progress",
                                                       "reviewed", "published"}));
  EXPECT_EQ(Stances(), (std::vector<std::string>{"supports", "refutes", "context"}));
  EXPECT_EQ(CredibilityGrades().front().code, "1");
  EXPECT_EQ(CredibilityGrades().back().code, "6");
  EXPECT_EQ(EventTypeNames().front(), "ledger.created");
  EXPECT_EQ(EventTypeNames().size(), 14u);
  EXPECT_EQ(EventTypeNames()[9], "verdict.conflict");
  EXPECT_EQ(EventTypeNames().back(), "source.merged");
}

}  // namespace
}  // namespace claimledger
