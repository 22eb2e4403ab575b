// Tests for the candidates (core/src/candidates.cpp): a table of splitter cases
// (abbreviations, decimals, quotes, initials, paragraphs, headings, transcript turns), the
// features and exact scores of fixture sentences, page furniture, who said a sentence, the
// ranking of the demo article, and robustness on any bytes.
#include "claimledger/candidates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "text/candidate_model.h"
#include "text/sentences.h"
#include "text/utf8.h"
#include "text/word_flags.h"

namespace claimledger {
namespace {

std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  for (const SentenceSpan& s : SplitSentences(text)) {
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

struct SplitRow {
  std::string name;
  std::string text;
  std::vector<std::string> want;
};

TEST(CandidatesSplit, Table) {
  const std::vector<SplitRow> rows = {
      {"plain",
       "One fact. Another fact! A question? Yes.",
       {"One fact.", "Another fact!", "A question?", "Yes."}},
      {"titles",
       "Mr. Smith met Dr. Jones and Gen. Lee. Lt. Col. Park was there.",
       {"Mr. Smith met Dr. Jones and Gen. Lee.", "Lt. Col. Park was there."}},
      {"number sign",
       "He wore No. 5 on his shirt. It was red.",
       {"He wore No. 5 on his shirt.", "It was red."}},
      {"e.g.",
       "Some fruits, e.g. Apples, are red. Others are not.",
       {"Some fruits, e.g. Apples, are red.", "Others are not."}},
      {"dotted acronym inside", "The U.S. Army grew. It did.", {"The U.S. Army grew.", "It did."}},
      {"dotted acronym at the end",
       "He moved to the U.S. The move was costly.",
       {"He moved to the U.S.", "The move was costly."}},
      {"months",
       "On Jan. 5 and Feb. 9 it rained. Then it stopped in Oct. The end came.",
       {"On Jan. 5 and Feb. 9 it rained.", "Then it stopped in Oct.", "The end came."}},
      {"decimals",
       "Growth was 3.5 percent. Inflation was 2.1%.",
       {"Growth was 3.5 percent.", "Inflation was 2.1%."}},
      {"quote inside",
       "He called it \"a significant escalation.\" Then he left.",
       {"He called it \"a significant escalation.\"", "Then he left."}},
      {"typographic quotes",
       "She said: \xE2\x80\x9CWe won.\xE2\x80\x9D The crowd cheered.",
       {"She said: \xE2\x80\x9CWe won.\xE2\x80\x9D", "The crowd cheered."}},
      {"question in quotes then lower case",
       "\"Why?\" he asked. Nobody knew.",
       {"\"Why?\" he asked.", "Nobody knew."}},
      {"initials",
       "Kim J. Un spoke. J. R. R. Tolkien wrote books.",
       {"Kim J. Un spoke.", "J. R. R. Tolkien wrote books."}},
      {"paragraphs and a title",
       "A title without a stop\n\nThe first paragraph.\n  \nThe second\nwraps here.",
       {"A title without a stop", "The first paragraph.", "The second\nwraps here."}},
      {"ellipsis",
       "Wait... and see. Then go\xE2\x80\xA6 Now!",
       {"Wait... and see.", "Then go\xE2\x80\xA6", "Now!"}},
      {"white space only", " \n\n \t ", {}},
      {"empty", "", {}},
      {"no terminator", "  just words  ", {"just words"}},
  };
  for (const SplitRow& row : rows) {
    EXPECT_EQ(Sentences(row.text), row.want) << row.name;
  }
}

std::string ArticleText() {
  std::ifstream in(std::string(CLAIMLEDGER_TEST_DATA) +
                   "/../../python/claimledger/data/article.txt");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const Candidate& Containing(const std::vector<Candidate>& candidates, std::string_view words) {
  for (const Candidate& c : candidates) {
    if (c.text.find(words) != std::string::npos) return c;
  }
  ADD_FAILURE() << "no candidate contains " << words;
  return candidates.front();
}

bool Has(const Candidate& c, std::string_view feature) {
  return std::any_of(c.features.begin(), c.features.end(),
                     [&](const CandidateFeature& f) { return f.name == feature; });
}

TEST(CandidatesScore, ArticleRanksFactsAboveOpinion) {
  const std::string text = ArticleText();
  ASSERT_FALSE(text.empty());
  const std::vector<Candidate> all = FindCandidates(text);
  for (const Candidate& c : all) {
    EXPECT_EQ(text.substr(c.begin, c.end - c.begin), c.text);
    EXPECT_GE(c.score, 0.0);
    EXPECT_LE(c.score, 1.0);
  }
  const Candidate& troops = Containing(all, "approximately 28,500 troops");
  EXPECT_EQ(troops.text,
            "The United States keeps approximately 28,500 troops in South Korea, a commitment "
            "that grew out of the Korean War.");
  EXPECT_TRUE(Has(troops, "quantity"));
  const Candidate& war = Containing(all, "from 1950 to 1953");
  EXPECT_TRUE(Has(war, "date"));
  const Candidate& theatrical = Containing(all, "almost theatrical");
  const Candidate& impression = Containing(all, "hard to shake the impression");
  EXPECT_TRUE(Has(theatrical, "opinion"));
  EXPECT_TRUE(Has(impression, "opinion"));
  for (const Candidate* fact : {&troops, &war}) {
    EXPECT_GT(fact->score, theatrical.score) << fact->text;
    EXPECT_GT(fact->score, impression.score) << fact->text;
  }
  const Candidate& described = Containing(all, "described the move as");
  EXPECT_TRUE(Has(described, "attribution"));
  const Candidate& title = Containing(all, "close ranks");
  EXPECT_EQ(title.text, "North Korean troops train in Russia as Pyongyang and Moscow close ranks");
}

TEST(CandidatesScore, QuantityAndAttributionAboveOpinion) {
  const std::string text =
      "According to the ministry, unemployment fell to 4.2 percent in March. "
      "I think the minister gave a remarkable speech.\n\n"
      "Could this be the start of something?";
  const std::vector<Candidate> all = FindCandidates(text);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_TRUE(Has(all[0], "quantity"));
  EXPECT_TRUE(Has(all[0], "attribution"));
  EXPECT_TRUE(Has(all[1], "opinion"));
  EXPECT_TRUE(Has(all[2], "question"));
  EXPECT_TRUE(Has(all[2], "hedge"));
  EXPECT_GT(all[0].score, all[1].score);
  EXPECT_GT(all[0].score, all[2].score);
  EXPECT_GE(all[0].score, kCheckWorthyScore);
  EXPECT_LT(all[1].score, kCheckWorthyScore);
  EXPECT_LT(all[2].score, kCheckWorthyScore);
  ASSERT_FALSE(all[0].quantities.empty());
  EXPECT_EQ(all[0].quantities[0].text, "4.2 percent");
  EXPECT_EQ(text.substr(all[0].quantities[0].begin, 11), "4.2 percent");
}

struct FeatureRow {
  std::string sentence;
  std::string feature;
  bool present;
};

TEST(CandidatesScore, FeatureTable) {
  const std::vector<FeatureRow> rows = {
      {"Exports doubled last year.", "comparison", true},
      {"It is the largest army in Asia.", "comparison", true},
      {"Sales were higher compared with 2019.", "comparison", true},
      {"More than 300 people came.", "comparison", true},
      {"He chose peace rather than war.", "comparison", false},
      {"At least 300 people came.", "comparison", false},
      {"Their interest grew.", "comparison", false},
      {"The mayor said the bridge is safe.", "attribution", true},
      {"Officials told reporters nothing.", "attribution", true},
      {"She described the plan as reckless.", "attribution", true},
      {"The plan was described.", "attribution", false},
      {"The treaty was signed in 1961.", "date", true},
      {"The treaty was signed in 1961.", "named", false},
      {"Officials from NATO met.", "named", true},
      {"Troops met Putin.", "named", true},
      {"They met in May.", "named", false},
      {"The rebels may attack.", "hedge", true},
      {"It reportedly happened.", "hedge", true},
      {"It seems odd.", "opinion", true},
      {"We think it is wrong.", "opinion", true},
      {"Is it true?", "question", true},
      {"\"Is it true?\"", "question", true},
      {"It is true.", "question", false},
      {"Costs rose by $5 million.", "quantity", true},
      {"Unemployment went up.", "change", true},
      {"They cut taxes.", "change", true},
      {"Exports fell sharply.", "change", true},
      {"He made a cut to the film.", "change", false},
      {"She voted against the bill.", "record", true},
      {"The governor vetoed it.", "record", true},
      {"The report identifies 40 sites.", "attribution", true},
      {"Reportedly, the plant closed.", "attribution", false},
      {"Reportedly, the plant closed.", "hedge", true},
      {"I will cut taxes for everyone in this country.", "promise", true},
      {"We're going to build the wall.", "promise", true},
      {"We are going to build a wall on the border.", "promise", true},
      {"They will cut taxes for everyone in this country.", "promise", false},
      {"Thank you.", "short", true},
      {"I believe 40 percent of them were lost.", "quantity", true},
  };
  for (const FeatureRow& row : rows) {
    const std::vector<Candidate> all = FindCandidates(row.sentence);
    ASSERT_EQ(all.size(), 1u) << row.sentence;
    EXPECT_EQ(Has(all[0], row.feature), row.present) << row.sentence << " / " << row.feature;
  }
}

// A score is an exact integer sum of points, so sentences with the same features tie exactly
// (no "0.2 + 0.1 - 0.3" left over), whatever the order the features were added in.
TEST(CandidatesScore, ExactPoints) {
  const CandidateModel& model = FittedCandidateModel();
  const std::vector<Candidate> all = FindCandidates(
      "Unemployment rose to 4.2 percent in March 2019, the ministry said. "
      "In March 2019, the ministry said, unemployment rose to 4.2 percent.\n\n"
      "Hello there.\n\nOK then.");
  ASSERT_EQ(all.size(), 4u);
  for (const Candidate& c : all) {
    int points = model.bias;
    for (const CandidateFeature& f : c.features) {
      const double thousandths = f.weight * 1000;
      EXPECT_EQ(thousandths, std::round(thousandths)) << f.name;
      points += static_cast<int>(std::lround(thousandths));
    }
    EXPECT_EQ(c.points, points) << c.text;
    EXPECT_EQ(c.score, 1.0 / (1.0 + std::exp(-c.points / 1000.0))) << c.text;
    EXPECT_GT(c.score, 0.0);
    EXPECT_LT(c.score, 1.0);
  }
  // The same words in another order: the same features, the same score to the last bit.
  EXPECT_EQ(all[0].points, all[1].points);
  EXPECT_EQ(all[0].score, all[1].score);
  EXPECT_GE(all[0].score, kCheckWorthyScore);
  EXPECT_LT(all[2].score, kCheckWorthyScore);
}

// A transcript's "NAME:" labels start turns: the label is part of no sentence (so it is not a
// named thing), and each sentence carries its speaker.
TEST(CandidatesTranscript, SpeakerTurns) {
  const std::string text =
      "HOLT: Good evening from Hofstra University.\n"
      "TRUMP: We lost 70,000 factories in 2015. Nobody talks about it.\n"
      "Mr. Clinton: I think that is wrong.\n";
  const std::vector<Candidate> all = FindCandidates(text);
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].text, "Good evening from Hofstra University.");
  EXPECT_EQ(all[0].speaker, "HOLT");
  EXPECT_EQ(all[1].text, "We lost 70,000 factories in 2015.");
  EXPECT_EQ(all[1].speaker, "TRUMP");
  EXPECT_EQ(all[1].said_by, "TRUMP");
  EXPECT_FALSE(Has(all[1], "named"));
  EXPECT_TRUE(Has(all[1], "change"));
  EXPECT_EQ(all[2].speaker, "TRUMP");
  EXPECT_EQ(all[3].text, "I think that is wrong.");
  EXPECT_EQ(all[3].speaker, "Mr. Clinton");
  // One label alone does not make a transcript; "Note:" is never a speaker.
  const std::vector<Candidate> note = FindCandidates("Note: prices rose 5% in 2020.\n");
  ASSERT_EQ(note.size(), 1u);
  EXPECT_EQ(note[0].text, "Note: prices rose 5% in 2020.");
  EXPECT_EQ(note[0].speaker, "");
  const std::vector<Candidate> notes =
      FindCandidates("Note: prices rose.\nSource: the ministry of finance.\n");
  for (const Candidate& c : notes) EXPECT_EQ(c.speaker, "") << c.text;
}

// Sentences in the scripts the ClaimReview corpus brings: Spanish and Portuguese (Latin with
// accents and inverted marks), Hindi (the danda), Arabic (its question mark and full stop),
// Chinese (no space after "。", "！", "？").
TEST(CandidatesText, OtherScripts) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> rows = {
      {"¿Bajó el desempleo? El paro cayó al 12% en 2023.",
       {"¿Bajó el desempleo?", "El paro cayó al 12% en 2023."}},
      {"O governo cortou 30% do orçamento. Ótimo.",
       {"O governo cortou 30% do orçamento.", "Ótimo."}},
      {"भारत में 2021 में दर 60 प्रतिशत थी। यह गलत है॥ अंत",
       {"भारत में 2021 में दर 60 प्रतिशत थी।", "यह गलत है॥", "अंत"}},
      {"هل ارتفع معدل البطالة؟ ارتفع إلى 10 بالمئة۔ نعم",
       {"هل ارتفع معدل البطالة؟", "ارتفع إلى 10 بالمئة۔", "نعم"}},
      {"中国的人口在2022年减少了85万人。这是真的吗？是的！好",
       {"中国的人口在2022年减少了85万人。", "这是真的吗？", "是的！", "好"}},
  };
  for (const auto& [text, want] : rows) EXPECT_EQ(Sentences(text), want) << text;
}

TEST(CandidatesText, HeadingIsItsOwnSentence) {
  const std::vector<Candidate> all = FindCandidates(
      "Troops arrive in Seoul\nThe United States keeps 28,500 troops in South "
      "Korea, a commitment that grew out of the war.\n");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].text, "Troops arrive in Seoul");
  EXPECT_TRUE(Has(all[1], "quantity"));
  // Wrapped text is not a heading: the line ends with a comma, or the next starts lower case.
  EXPECT_EQ(FindCandidates("The United States keeps 28,500 troops,\nthe ministry said.").size(),
            1u);
  EXPECT_EQ(FindCandidates("The United States keeps 28,500 troops in\nSouth Korea today.").size(),
            1u);
}

TEST(CandidatesText, PageFurnitureIsNoCandidate) {
  const std::string text =
      "Share this article\n\nBy Jane Doe and John Roe\n\nThe bridge cost $40 million in "
      "2019.\n\nLeave a comment\n\nSign up for our newsletter\n\n\xC2\xA9 2024 Example "
      "News. All rights reserved.\n\nReporting by the foreign desk in Seoul, with AFP, dpa and "
      "Reuters.\n\nBy 2020 the bridge was closed.";
  const std::vector<Candidate> all = FindCandidates(text);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].text, "The bridge cost $40 million in 2019.");
  EXPECT_EQ(all[1].text, "By 2020 the bridge was closed.");
}

TEST(CandidatesText, WhoSaidIt) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"Chun In-bum said the drills were larger than last year.", "Chun In-bum"},
      {"According to the Pentagon, 28,500 troops are there.", "Pentagon"},
      {"The drills were larger, said Chun In-bum.", "Chun In-bum"},
      {"Reportedly, the drills were larger than last year.", ""},
      {"The drills were larger than last year.", ""},
  };
  for (const auto& [sentence, said_by] : rows) {
    const std::vector<Candidate> all = FindCandidates(sentence);
    ASSERT_EQ(all.size(), 1u) << sentence;
    EXPECT_EQ(all[0].said_by, said_by) << sentence;
  }
}

// Only sentences with a digit or a number word are given to ParseQuantities: no quantity of
// the whole text may be lost by that.
TEST(CandidatesScore, QuantitiesAreThoseOfTheWholeText) {
  const std::string fixtures =
      "Seventy years later. A quarter of a million people. Half the troops left. "
      "Two-thirds agreed. Dozens died. A few thousand came. Several hundred troops. "
      "Tens of thousands fled. One in five voted. It cost $3bn. Ten. Zero people came. "
      "Prices rose 5%. It happened on 21 October 2024. The 1990s were hard.";
  for (const std::string& text : {ArticleText(), fixtures}) {
    std::vector<Quantity> found;
    for (const Candidate& c : FindCandidates(text)) {
      found.insert(found.end(), c.quantities.begin(), c.quantities.end());
    }
    const std::vector<Quantity> want = ParseQuantities(text);
    ASSERT_EQ(found.size(), want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
      EXPECT_EQ(found[i].text, want[i].text);
      EXPECT_EQ(found[i].begin, want[i].begin);
      EXPECT_EQ(found[i].unit, want[i].unit);
    }
  }
}

TEST(CandidatesScore, SpansInCodePoints) {
  // Two-, three- and four-byte characters before, inside and between the sentences.
  const std::string text =
      "\xC2\xAB"
      "Caf\xC3\xA9 prices rose 5%.\xC2\xBB \xF0\x9F\x87\xB0\xF0\x9F\x87\xB7 Retired general Chun "
      "(\xEC\xA0\x84\xEC\x9D\xB8\xEB\xB2\x94) spoke\xE2\x80\xA6\n\nIt was the largest\xC2\xA0rise.";
  const std::vector<Candidate> all = FindCandidates(text);
  ASSERT_EQ(all.size(), 3u);
  for (const Candidate& c : all) {
    EXPECT_EQ(c.code_point_begin, CodePointCount(text.substr(0, c.begin))) << c.text;
    EXPECT_EQ(c.code_point_end - c.code_point_begin, CodePointCount(c.text)) << c.text;
  }
  EXPECT_EQ(all[0].code_point_begin, 0u);
  EXPECT_EQ(all[0].code_point_end, 22u);  // the guillemets and "é" are one code point each
  EXPECT_EQ(all[1].code_point_begin, 23u);
}

TEST(CandidatesRobustness, AnyBytes) {
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    std::string text(random() % 400, '\0');
    for (char& c : text)
      c = static_cast<char>(
          "ab .?!\"\n\xE2\x80\x9D\xC2"
          "A1U"[random() % 16]);
    if (round % 3 == 0) {
      for (char& c : text) c = static_cast<char>(random());
    }
    std::size_t previous_end = 0;
    for (const Candidate& c : FindCandidates(text)) {
      ASSERT_LE(previous_end, c.begin);
      ASSERT_LT(c.begin, c.end);
      ASSERT_LE(c.end, text.size());
      ASSERT_EQ(text.substr(c.begin, c.end - c.begin), c.text);
      previous_end = c.end;
    }
  }
}

TEST(CandidatesRobustness, LargeInputIsLinear) {
  const std::string article = ArticleText();
  std::string big;
  while (big.size() < (8u << 20)) big += article;
  const std::vector<Candidate> all = FindCandidates(big);
  EXPECT_GT(all.size(), 1000u);
  // One long run without terminators or spaces is one sentence.
  const std::string run(1u << 20, 'x');
  EXPECT_EQ(SplitSentences(run).size(), 1u);
}

}  // namespace
}  // namespace claimledger
