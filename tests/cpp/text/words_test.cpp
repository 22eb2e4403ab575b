// The words of Chinese and Japanese text (text/words.h): characters side by side as words for
// near-duplicate matching, characters parted for the search indexes, and what changed since
// schema version 7.
#include "text/words.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "claimledger/similarity.h"
#include "text/min_hash.h"
#include "text/rarity.h"

namespace claimledger {
namespace {

std::vector<std::string> Words(const std::string& text, bool character_words = true) {
  std::vector<std::string> words;
  ForEachWord(
      text, [&](std::string_view word) { words.emplace_back(word); }, character_words);
  return words;
}

const std::string kZwsp = "\xE2\x80\x8B";  // U+200B

TEST(WordsTest, ChineseCharactersSideBySideAreWords) {
  // "The US stations about 28,500 soldiers in South Korea."
  EXPECT_EQ(Words("美国驻扎约28500名士兵。"),
            (std::vector<std::string>{"美国", "国驻", "驻扎", "扎约", "28500", "名士", "士兵"}));
  // One character alone is a word; full-width punctuation parts words.
  EXPECT_EQ(Words("水，电"), (std::vector<std::string>{"水", "电"}));
  // Kana too; a katakana middle dot parts them.
  EXPECT_EQ(Words("トランプ・タワー"),
            (std::vector<std::string>{"トラ", "ラン", "ンプ", "タワ", "ワー"}));
  // Latin words beside them keep their rules: case folded, thousands separators dropped.
  EXPECT_EQ(Words("GDP增长2,000亿"), (std::vector<std::string>{"gdp", "增长", "2000", "亿"}));
}

TEST(WordsTest, OtherScriptsAreWordsBetweenSpacesAsBefore) {
  for (const std::string text : {"El desempleo bajó al 3,9 %", "बेरोज़गारी घटकर 3.9% हुई",
                                 "انخفضت البطالة إلى 3.9%", "실업률이 3.9%로 떨어졌다"}) {
    EXPECT_EQ(Words(text), Words(text, false)) << text;
    EXPECT_FALSE(HoldsCharacterWords(text)) << text;
    EXPECT_EQ(SeparateCharacters(text), text) << text;
  }
}

TEST(WordsTest, TheRulesOfSchemaSixReadARunOfCharactersAsOneWord) {
  EXPECT_EQ(Words("美国驻扎约28500名士兵。", false),
            (std::vector<std::string>{"美国驻扎约28500名士兵。"}));
  EXPECT_TRUE(HoldsCharacterWords("美国"));
  EXPECT_TRUE(HoldsCharacterWords("Prices rose！"));  // full-width punctuation alone
  EXPECT_NE(LshBuckets("东京的物价去年上涨了3%。"), LshBuckets("东京的物价去年上涨了3%。", false));
  EXPECT_EQ(LshBuckets("Prices rose 3% in Tokyo."), LshBuckets("Prices rose 3% in Tokyo.", false));
}

TEST(WordsTest, TheIndexesReadEachCharacterAsAWord) {
  EXPECT_EQ(SeparateCharacters("约28500名士兵"),
            "约" + kZwsp + "28500" + kZwsp + "名" + kZwsp + "士" + kZwsp + "兵");
  EXPECT_EQ(SeparateCharacters("2024年6月"), "2024" + kZwsp + "年" + kZwsp + "6" + kZwsp + "月");
  // Parting a parted text changes nothing; the snippet shows the text as written.
  const std::string parted = SeparateCharacters("东京的物价。Tokyo");
  EXPECT_EQ(SeparateCharacters(parted), parted);
  EXPECT_EQ(WithoutCharacterSeparators(parted), "东京的物价。Tokyo");
  EXPECT_EQ(SeparateCharacters("no characters here"), "no characters here");
}

TEST(WordsTest, TheRarityWordsAreTheSameWords) {
  // "People's lives in Tokyo improved": 々 repeats the character before it and is a character of
  // the word, not punctuation, for the weights as for the buckets.
  const std::string text = "東京の人々の暮らし、改善";
  EXPECT_EQ(DistinctWords(text), Words(text));
  EXPECT_EQ(Words("人々"), (std::vector<std::string>{"人々"}));
}

TEST(WordsTest, AChineseClaimReworded) {
  // The same claim with a few characters changed is near; an unrelated one is not.
  const std::string claim = "美国在韩国驻扎约28500名士兵。";
  const double reworded = TextSimilarity(claim, "美国在韩国驻扎了约28500名士兵");
  const double other = TextSimilarity(claim, "东京的物价去年上涨了3%。");
  EXPECT_GT(reworded, 0.6);
  EXPECT_LT(other, 0.1);
}

}  // namespace
}  // namespace claimledger
