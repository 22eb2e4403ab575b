// The text layer: UTF-8 checks, trimming and quote anchoring.
#include "claimledger/text.h"

#include <gtest/gtest.h>

namespace claimledger {
namespace {

TEST(TextTest, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("Séoul — 한국 ✓ 𝄞"));
  EXPECT_FALSE(IsValidUtf8("\xff"));
  EXPECT_FALSE(IsValidUtf8("abc\xC3"));           // truncated sequence
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_EQ(FirstInvalidUtf8("ok\xffno"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("fine"), std::string_view::npos);
}

TEST(TextTest, CodePointsAndTrim) {
  EXPECT_EQ(CodePointCount("Séoul"), 5u);
  EXPECT_EQ(CodePointCount("𝄞a"), 2u);
  EXPECT_EQ(TrimSpace("  \t claim \n"), "claim");
  EXPECT_EQ(TrimSpace("\xC2\xA0nbsp\xE2\x80\x83"), "nbsp");  // no-break space, em space
  EXPECT_EQ(TrimSpace(" \n "), "");
}

TEST(TextTest, AnchorRecordsPositionAndContext) {
  const std::string document = "Intro. Séoul hosts approximately 28,500 troops today. End.";
  const auto quote = AnchorQuote(document, "approximately 28,500 troops");
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->exact, "approximately 28,500 troops");
  EXPECT_EQ(quote->start, 19u);  // code points: "é" counts once
  EXPECT_EQ(quote->end, 19u + 27u);
  EXPECT_EQ(quote->prefix, "Intro. Séoul hosts ");
  EXPECT_EQ(quote->suffix, " today. End.");
}

TEST(TextTest, AnchorContextIsBoundedAndWholeCharacters) {
  const std::string before(100, 'x');
  const std::string document = before + "é" + "QUOTE" + "é" + before;
  const auto quote = AnchorQuote(document, "QUOTE");
  ASSERT_TRUE(quote);
  EXPECT_EQ(CodePointCount(quote->prefix), kContextLength);
  EXPECT_EQ(quote->prefix.substr(quote->prefix.size() - 2), "é");
  EXPECT_EQ(CodePointCount(quote->suffix), kContextLength);
}

TEST(TextTest, AnchorMissesAreReported) {
  EXPECT_FALSE(AnchorQuote("some text", "other"));
  EXPECT_FALSE(AnchorQuote("some text", ""));
  EXPECT_FALSE(AnchorQuote("Some text", "some text"));  // exact: case matters
}

}  // namespace
}  // namespace claimledger
