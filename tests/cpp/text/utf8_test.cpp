// The text layer: UTF-8 checks, decoding, trimming and stepping by code points; WordFlags.
#include "text/utf8.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "text/word_flags.h"

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

TEST(TextTest, DecodesCodePoints) {
  char32_t cp = 0;
  EXPECT_EQ(DecodeUtf8At("a", 0, &cp), 1u);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(DecodeUtf8At("xé", 1, &cp), 2u);
  EXPECT_EQ(cp, U'é');
  EXPECT_EQ(DecodeUtf8At("—", 0, &cp), 3u);
  EXPECT_EQ(cp, U'—');
  EXPECT_EQ(DecodeUtf8At("𝄞", 0, &cp), 4u);
  EXPECT_EQ(cp, U'𝄞');
  cp = 0;
  EXPECT_EQ(DecodeUtf8At("\xC3", 0, &cp), 0u);  // truncated
  EXPECT_EQ(DecodeUtf8At("\x80", 0, &cp), 0u);  // stray continuation byte
  EXPECT_EQ(DecodeUtf8At("a", 1, &cp), 0u);     // past the end
  EXPECT_EQ(cp, 0u);
}

TEST(TextTest, UnicodeSpaces) {
  for (char32_t space : {U' ', U'\t', U'\n', U'\r', U'\u00A0', U'\u2009', U'\u2028', U'\u3000'}) {
    EXPECT_TRUE(IsSpaceCodePoint(space)) << static_cast<int>(space);
  }
  EXPECT_FALSE(IsSpaceCodePoint(U'x'));
  EXPECT_FALSE(IsSpaceCodePoint(U'\u200B'));  // zero-width space is not white space
  EXPECT_EQ(TrimSpace("\xE2\x80\xA8line\xE2\x80\xA9"), "line");  // line/paragraph separators
}

TEST(TextTest, StepsByCodePoints) {
  const std::string text = "aé𝄞b";
  EXPECT_EQ(StepForwardCodePoints(text, 0, 2), 3u);
  EXPECT_EQ(StepForwardCodePoints(text, 0, 10), text.size());
  EXPECT_EQ(StepBackCodePoints(text, text.size(), 2), 3u);
  EXPECT_EQ(StepBackCodePoints(text, 3, 10), 0u);
}

TEST(TextTest, FirstInvalidByteAtAnyPlaceInAsciiRuns) {
  for (std::size_t size = 1; size <= 40; ++size) {
    for (std::size_t at = 0; at < size; ++at) {
      std::string text(size, 'a');
      text[at] = '\xFF';
      EXPECT_EQ(FirstInvalidUtf8(text), at) << size << " " << at;
      text.replace(at, 1, "\xC3\xA9");  // "é": valid
      EXPECT_EQ(FirstInvalidUtf8(text), std::string_view::npos) << size << " " << at;
      text.resize(at + 1);  // "é" cut after its first byte
      EXPECT_EQ(FirstInvalidUtf8(text), at) << size << " " << at;
    }
  }
}

TEST(TextTest, WordFlagsIgnoreCaseAndCombineFlags) {
  WordFlags table;
  table.Add("said", 1);
  table.Add("May", 2);
  table.Add("may", 4);
  EXPECT_EQ(table.Find("said"), 1u);
  EXPECT_EQ(table.Find("SAID"), 1u);
  EXPECT_EQ(table.Find("may"), 6u);
  EXPECT_EQ(table.Find("sai"), 0u);
  EXPECT_EQ(table.Find("saids"), 0u);
  EXPECT_EQ(table.Find(""), 0u);
  EXPECT_EQ(table.Find(std::string(40, 'a')), 0u);
  char lower[WordFlags::kLongest];
  EXPECT_EQ(table.FindLower("Said", lower), 1u);
  EXPECT_EQ(std::string_view(lower, 4), "said");
  EXPECT_EQ(table.FindLower("Caf\xC3\xA9", lower), 0u);
  EXPECT_EQ(std::string_view(lower, 5), "caf\xC3\xA9");  // only ASCII letters change
  EXPECT_EQ(table.FindLower("AT", lower), 0u);  // shorter than every word: still lower-cased
  EXPECT_EQ(std::string_view(lower, 2), "at");
  // Every word added is found, also with hash collisions in a nearly full table.
  WordFlags full;
  for (std::size_t i = 0; i < WordFlags::kCapacity; ++i) full.Add("w" + std::to_string(i), 1);
  for (std::size_t i = 0; i < WordFlags::kCapacity; ++i) {
    EXPECT_EQ(full.Find("W" + std::to_string(i)), 1u) << i;
  }
  EXPECT_EQ(full.Find("w" + std::to_string(WordFlags::kCapacity)), 0u);
  EXPECT_THROW(full.Add("another", 1), std::length_error);
  EXPECT_THROW(table.Add(std::string(WordFlags::kLongest + 1, 'a'), 1), std::length_error);
  EXPECT_THROW(table.Add("", 1), std::length_error);
}

}  // namespace
}  // namespace claimledger
