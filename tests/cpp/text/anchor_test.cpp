// Quote anchoring: the folded view, tolerant search, the choice among several places, and
// re-anchoring in an edited document (exact, moved, changed, orphaned). The same through the
// workbench is in workbench/quotes_test.cpp.
#include "claimledger/anchor.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "sample_document.h"
#include "text/anchor_internal.h"
#include "text/utf8.h"

namespace claimledger {
namespace {

using testing_util::Edited;
using testing_util::kOld;

std::string Folded(std::string_view text, bool match_case = true) {
  std::string out;
  for (char32_t cp : FoldText(text, {match_case}).text) {
    out += cp < 0x80 ? static_cast<char>(cp) : '?';
  }
  return out;
}

Quote Selector(std::string exact, std::string prefix = "", std::string suffix = "") {
  Quote quote;
  quote.exact = std::move(exact);
  quote.prefix = std::move(prefix);
  quote.suffix = std::move(suffix);
  return quote;
}

// --- the folded view ------------------------------------------------------------------------

TEST(FoldTest, WhiteSpaceRunsBecomeOneSpace) {
  EXPECT_EQ(Folded("a \t\n b\u00A0c\u2009\u2009d\u3000e"), "a b c d e");
  EXPECT_EQ(Folded("  lead"), " lead");
}

TEST(FoldTest, QuotesDashesAndInvisibles) {
  EXPECT_EQ(Folded("\u201Cyes\u201D \u2018no\u2019 \u00ABoui\u00BB it\u02BCs 5\u2032"),
            "\"yes\" 'no' \"oui\" it's 5'");
  EXPECT_EQ(Folded("1950\u20131953 \u2014 \u22125 non\u2011stop"), "1950-1953 - -5 non-stop");
  EXPECT_EQ(Folded("co\u00ADop\u200Beration"), "cooperation");  // soft hyphen, zero width
}

TEST(FoldTest, CaseOnlyWhenAsked) {
  EXPECT_EQ(Folded("South KOREA"), "South KOREA");
  EXPECT_EQ(Folded("South KOREA", false), "south korea");
  EXPECT_EQ(FoldText("ÉTÉ ŽIVOT ΑΘΗΝΑ МОСКВА", {false}).text,
            FoldText("été život αθηνα москва").text);
  EXPECT_EQ(FoldText("×", {false}).text, U"×");  // a sign, not a letter
}

TEST(FoldTest, MapsBackToTheOriginalBytes) {
  const std::string text = "a\u00A0\u00A0\u201Cb";
  const FoldedText folded = FoldText(text);
  ASSERT_EQ(folded.text, U"a \"b");
  EXPECT_EQ(folded.begin[1], 1u);  // the space run: both no-break spaces
  EXPECT_EQ(folded.end[1], 5u);
  EXPECT_EQ(folded.begin[2], 5u);  // the curly quote, three bytes
  EXPECT_EQ(folded.end[2], 8u);
  EXPECT_EQ(folded.end[3], text.size());
}

// --- finding a quote ------------------------------------------------------------------------

TEST(AnchorTest, RecordsPositionAndContext) {
  const std::string document = "Intro. Séoul hosts approximately 28,500 troops today. End.";
  const auto quote = AnchorQuote(document, "approximately 28,500 troops");
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->exact, "approximately 28,500 troops");
  EXPECT_EQ(quote->start, 19u);  // code points: "é" counts once
  EXPECT_EQ(quote->end, 19u + 27u);
  EXPECT_EQ(quote->prefix, "Intro. Séoul hosts ");
  EXPECT_EQ(quote->suffix, " today. End.");
}

TEST(AnchorTest, ContextIsBoundedAndWholeCharacters) {
  const std::string before(100, 'x');
  const std::string document = before + "é" + "QUOTE" + "é" + before;
  const auto quote = AnchorQuote(document, "QUOTE");
  ASSERT_TRUE(quote);
  EXPECT_EQ(CodePointCount(quote->prefix), kContextLength);
  EXPECT_EQ(quote->prefix.substr(quote->prefix.size() - 2), "é");
  EXPECT_EQ(CodePointCount(quote->suffix), kContextLength);
}

TEST(AnchorTest, MissesAreReported) {
  EXPECT_FALSE(AnchorQuote("some text", "other"));
  EXPECT_FALSE(AnchorQuote("some text", ""));
  EXPECT_FALSE(AnchorQuote("some text", " \n"));
  EXPECT_FALSE(AnchorQuote("Some text", "some text"));  // case counts by default
  EXPECT_FALSE(AnchorQuote("28,500 troops", "28,000 troops"));
}

TEST(AnchorTest, StraightQuotesFindTypographicOnesAndKeepTheDocumentsText) {
  const std::string document = "He called it \u201Ca good deal\u201D \u2014 twice.";
  const auto quote = AnchorQuote(document, "\"a good deal\" - twice");
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->exact, "\u201Ca good deal\u201D \u2014 twice");
  EXPECT_EQ(quote->start, 13u);
  EXPECT_EQ(quote->end, 13u + CodePointCount(quote->exact));
  EXPECT_EQ(quote->prefix, "He called it ");
}

TEST(AnchorTest, SpacingDashesAndLineBreaksAreTolerated) {
  const std::string document = "the war\nlasted from 1950\u20131953, with\u00A028,500  troops.";
  const auto quote = AnchorQuote(document, "war lasted from 1950-1953, with 28,500 troops");
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->exact, "war\nlasted from 1950\u20131953, with\u00A028,500  troops");
  const auto trimmed = AnchorQuote(document, "  28,500 troops ");  // ends' spaces ignored
  ASSERT_TRUE(trimmed);
  EXPECT_EQ(trimmed->exact, "28,500  troops");
}

TEST(AnchorTest, CaseIsIgnoredOnlyWhenAsked) {
  const std::string document = "Troops in SOUTH KOREA number 28,500.";
  EXPECT_FALSE(AnchorQuote(document, "troops in South Korea"));
  const auto quote = AnchorQuote(document, "troops in South Korea", {false});
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->exact, "Troops in SOUTH KOREA");
}

TEST(AnchorTest, ContextChoosesAmongSeveralPlaces) {
  const std::string document =
      "In Korea, the US keeps 28,500 troops. In Japan, the US keeps 28,500 troops too.";
  AnchorResult by_prefix =
      LocateQuote(document, Selector("28,500 troops", "In Japan, the US keeps "));
  ASSERT_EQ(by_prefix.status, AnchorStatus::kFound);
  EXPECT_EQ(by_prefix.occurrences, 2u);
  EXPECT_EQ(by_prefix.quote.start, document.find("28,500 troops too"));
  AnchorResult by_suffix = LocateQuote(document, Selector("28,500 troops", "", ". In Japan"));
  ASSERT_EQ(by_suffix.status, AnchorStatus::kFound);
  EXPECT_EQ(by_suffix.quote.start, document.find("28,500 troops"));
}

TEST(AnchorTest, AmbiguousPlacesAreNeverChosen) {
  const std::string document = "one 28,500 troops, two 28,500 troops.";
  AnchorResult found = LocateQuote(document, Selector("28,500 troops"));
  EXPECT_EQ(found.status, AnchorStatus::kAmbiguous);
  EXPECT_EQ(found.occurrences, 2u);
  EXPECT_EQ(found.places, (std::vector<std::size_t>{4, 23}));
  EXPECT_FALSE(AnchorQuote(document, "28,500 troops"));
  // Context that does not tell them apart leaves it ambiguous.
  EXPECT_EQ(LocateQuote(document, Selector("28,500 troops", "x ")).status,
            AnchorStatus::kAmbiguous);
}

TEST(AnchorTest, ByteForByteBreaksATieBetweenQuoteForms) {
  const std::string document = "he said \u201Cno\u201D and then \"no\" again";
  const auto quote = AnchorQuote(document, "\"no\"");
  ASSERT_TRUE(quote);
  EXPECT_EQ(quote->exact, "\"no\"");
  EXPECT_EQ(quote->start, CodePointCount("he said \u201Cno\u201D and then "));
  EXPECT_FALSE(AnchorQuote(document, "\u201Fno\u201F"));  // neither form exactly: ambiguous
}

TEST(AnchorTest, Similarity) {
  EXPECT_DOUBLE_EQ(QuoteSimilarity("abc", "abc"), 1.0);
  EXPECT_DOUBLE_EQ(QuoteSimilarity("", ""), 1.0);
  EXPECT_DOUBLE_EQ(QuoteSimilarity("28,500", "28,000"), 1.0 - 1.0 / 6.0);
  EXPECT_DOUBLE_EQ(QuoteSimilarity("28,500", "29,000"), 1.0 - 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(QuoteSimilarity("a \u201Cb\u201D", "a  \"b\""), 1.0);  // folded first
  EXPECT_DOUBLE_EQ(QuoteSimilarity("abc", ""), 0.0);
}

// --- re-anchoring in an edited document -----------------------------------------------------

Quote OldQuote(std::string_view exact) {
  auto quote = AnchorQuote(kOld, exact);
  EXPECT_TRUE(quote) << exact;
  return quote ? *quote : Quote{};
}

TEST(ReanchorTest, ExactWhenNothingChanged) {
  const Reanchored r = ReanchorQuote(kOld, OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kExact);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "approximately 28,500 troops");
  EXPECT_EQ(r.similarity, 1.0);
  EXPECT_STREQ(ReanchorStatusName(r.status), "exact");
}

TEST(ReanchorTest, WhiteSpaceAndQuoteFormEditsStayExact) {
  std::string edited = Edited("28,500 troops", "28,500\u00A0troops");
  edited.replace(edited.find("1950-1953"), 9, "1950\u20131953");
  const Reanchored r = ReanchorQuote(edited, OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kExact);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "approximately 28,500\u00A0troops");  // the new document's text
}

TEST(ReanchorTest, MovedWhenTextBeforeItChanged) {
  const std::string edited = std::string("UPDATED: ") + kOld;
  const Quote old = OldQuote("approximately 28,500 troops");
  const Reanchored r = ReanchorQuote(edited, old);
  EXPECT_EQ(r.status, ReanchorStatus::kMoved);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->start, old.start + 9);
  EXPECT_EQ(r.quote->exact, old.exact);
}

TEST(ReanchorTest, MovedToAnotherParagraph) {
  const std::string edited =
      "Officials said the number would not change. Background: the country hosts "
      "approximately 28,500 troops.";
  const Reanchored r =
      ReanchorQuote(edited, OldQuote("Officials said the number would not change"));
  EXPECT_EQ(r.status, ReanchorStatus::kMoved);
  EXPECT_NE(r.detail.find("context changed"), std::string::npos);
}

TEST(ReanchorTest, ChangedNumberIsNeverExactOrMoved) {
  std::string edited = Edited("28,500", "28,000");
  const Reanchored r = ReanchorQuote(edited, OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "approximately 28,000 troops");
  EXPECT_EQ(r.quote->start, std::string(kOld).find("approximately"));
  EXPECT_NEAR(r.similarity, 1.0 - 1.0 / 27.0, 1e-9);
  EXPECT_NE(r.detail.find("28,000"), std::string::npos);
}

TEST(ReanchorTest, ChangedShortQuoteWhereItsContextSurvives) {
  std::string edited = Edited("28,500", "29,000");
  const Reanchored r = ReanchorQuote(edited, OldQuote("28,500"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);  // 67% similar, but in the same place
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "29,000");
  EXPECT_DOUBLE_EQ(r.similarity, 1.0 - 2.0 / 6.0);
  // The same edit without the surviving context is too far from the old text.
  EXPECT_EQ(ReanchorQuote("The number is now 29,000.", OldQuote("28,500")).status,
            ReanchorStatus::kOrphaned);
}

TEST(ReanchorTest, ChangedByContentWhenTheContextIsGone) {
  const std::string edited =
      "A different opening. Washington keeps approximately 28,500 soldiers in South Korea, "
      "officials say.";
  const Reanchored r =
      ReanchorQuote(edited, OldQuote("keeps approximately 28,500 troops in South Korea"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "keeps approximately 28,500 soldiers in South Korea");
  EXPECT_GE(r.similarity, kCloseSimilarity);
}

TEST(ReanchorTest, CaseChangeIsAChange) {
  std::string edited = Edited("South Korea", "south korea");
  const Reanchored r = ReanchorQuote(edited, OldQuote("troops in South Korea"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);
}

TEST(ReanchorTest, WordsElsewhereOutOfContextDoNotHideAnEdit) {
  // The quote's own sentence now says 28,000; "approximately 28,500 troops" survives only in
  // an unrelated sentence. Calling that "moved" would be a silent wrong match.
  std::string edited = Edited("28,500", "28,000");
  edited += " In 2019 there were approximately 28,500 troops, a report said.";
  const Reanchored r = ReanchorQuote(edited, OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "approximately 28,000 troops");
}

TEST(ReanchorTest, WordsWithContextOnOneSideDoNotHideAnEditEither) {
  std::string edited = Edited("28,500", "28,000");
  edited += " In 2019 the United States keeps approximately 28,500 troops in Japan.";
  const Reanchored r = ReanchorQuote(edited, OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "approximately 28,000 troops");
}

TEST(ReanchorTest, EditedPlaceWinsOverAmbiguousCopies) {
  std::string edited = Edited("28,500", "28,000");
  edited += " Once 28,500 troops. Twice 28,500 troops.";
  const Reanchored r = ReanchorQuote(edited, OldQuote("28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kChanged);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->exact, "28,000 troops");
}

TEST(ReanchorTest, OrphanedWhenGone) {
  const Reanchored r = ReanchorQuote("An entirely different article about farming in Iowa.",
                                     OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kOrphaned);
  EXPECT_FALSE(r.quote);
  EXPECT_NE(r.detail.find("not found"), std::string::npos);
}

TEST(ReanchorTest, OrphanedWhenRewrittenBeyondRecognition) {
  std::string edited = Edited("approximately 28,500 troops", "a force whose size is secret");
  // The context survives, but the text between is not close to the old quote.
  const Reanchored r = ReanchorQuote(edited, OldQuote("approximately 28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kOrphaned);
}

TEST(ReanchorTest, OrphanedWhenDeletedAndContextJoined) {
  std::string edited = kOld;
  edited.erase(edited.find(" a legacy of the 1950-1953 Korean War."), 38);
  const Reanchored r = ReanchorQuote(edited, OldQuote("a legacy of the 1950-1953 Korean War"));
  EXPECT_EQ(r.status, ReanchorStatus::kOrphaned);
}

TEST(ReanchorTest, OrphanedWhenAmbiguous) {
  const std::string edited = "Other 28,500 troops here. More 28,500 troops there.";
  const Reanchored r = ReanchorQuote(edited, OldQuote("28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kOrphaned);
  EXPECT_FALSE(r.quote);
  EXPECT_NE(r.detail.find("2 times"), std::string::npos);
}

TEST(ReanchorTest, DuplicatedTextIsResolvedByContext) {
  const std::string edited = std::string(kOld) + " Elsewhere, 28,500 troops is a round figure.";
  const Reanchored r = ReanchorQuote(edited, OldQuote("28,500 troops"));
  EXPECT_EQ(r.status, ReanchorStatus::kExact);
  ASSERT_TRUE(r.quote);
  EXPECT_EQ(r.quote->start, std::string(kOld).find("28,500"));
}

TEST(ReanchorTest, QuoteAtTheStartOrEndUsesTheDocumentsEdge) {
  const std::string old = "Troops: 28,500. Source: USFK.";
  const Quote first = *AnchorQuote(old, "Troops: 28,500");
  const Quote last = *AnchorQuote(old, "Source: USFK.");
  EXPECT_EQ(ReanchorQuote(old, first).status, ReanchorStatus::kExact);
  EXPECT_EQ(ReanchorQuote(old, last).status, ReanchorStatus::kExact);
  const std::string edited = "Troops: 28,900. Source: USFK, 2024.";
  const Reanchored changed_first = ReanchorQuote(edited, first);
  EXPECT_EQ(changed_first.status, ReanchorStatus::kChanged);
  EXPECT_EQ(changed_first.quote->exact, "Troops: 28,900");
}

TEST(ReanchorTest, ManyQuotesAtOnceGiveTheSameAsOneByOne) {
  std::string edited = Edited("28,500", "28,000");
  const std::vector<Quote> quotes = {OldQuote("approximately 28,500 troops"),
                                     OldQuote("the 1950-1953 Korean War"),
                                     OldQuote("Officials said")};
  const std::vector<Reanchored> all = ReanchorQuotes(edited, quotes);
  ASSERT_EQ(all.size(), quotes.size());
  for (std::size_t i = 0; i < quotes.size(); ++i) {
    const Reanchored one = ReanchorQuote(edited, quotes[i]);
    EXPECT_EQ(all[i].status, one.status) << i;
    EXPECT_EQ(all[i].detail, one.detail) << i;
  }
  EXPECT_EQ(all[0].status, ReanchorStatus::kChanged);
  EXPECT_EQ(all[1].status, ReanchorStatus::kExact);
}

TEST(ReanchorTest, EmptyNewDocument) {
  EXPECT_EQ(ReanchorQuote("", OldQuote("28,500 troops")).status, ReanchorStatus::kOrphaned);
}

}  // namespace
}  // namespace claimledger
