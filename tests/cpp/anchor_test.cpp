// Quote anchoring: the folded view, tolerant search, the choice among several places, and
// re-anchoring in an edited document (exact, moved, changed, orphaned); then the same
// through the workbench (link_evidence, appears_in, Reanchor).
#include "claimledger/anchor.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "claimledger/text.h"
#include "claimledger/workbench.h"

namespace claimledger {
namespace {

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

const char kOld[] =
    "SEOUL (Reuters) - The United States keeps approximately 28,500 troops in South Korea, "
    "a legacy of the 1950-1953 Korean War. Officials said the number would not change.";

// kOld with the first `from` replaced by `to`: the source's edit.
std::string Edited(std::string_view from, std::string_view to) {
  std::string edited = kOld;
  edited.replace(edited.find(from), from.size(), to);
  return edited;
}

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

// --- through the workbench -------------------------------------------------------------------

struct Desk {
  std::unique_ptr<Workbench> wb = Workbench::Open(":memory:");
  std::string v1;
  std::string v2;
  std::string claim;
  std::string other;
};

Desk MakeDesk(const std::string& edited) {
  Desk d;
  d.v1 = d.wb->AddSnapshot({kOld, "https://example.com/a"}).hash;
  d.v2 = d.wb->AddSnapshot({edited, "https://example.com/a"}).hash;
  d.claim = d.wb->AddClaim({"The US keeps approximately 28,500 troops in South Korea.",
                            {},
                            d.v1,
                            "approximately 28,500 troops"})
                .id;
  d.other = d.wb->AddClaim({"The Korean War lasted from 1950 to 1953."}).id;
  return d;
}

TEST(WorkbenchAnchorTest, LinkEvidenceToleratesTypingAndKeepsTheSnapshotsText) {
  Desk d = MakeDesk(kOld);
  const std::string doc = "The force \u2014 \u201Croughly 28,500\u201D \u2014 stays.";
  const std::string hash = d.wb->AddSnapshot({doc}).hash;
  const Evidence e = d.wb->LinkEvidence({d.claim, hash, "\"roughly  28,500\" - stays", "supports"});
  EXPECT_EQ(e.quote.exact, "\u201Croughly 28,500\u201D \u2014 stays");
  EXPECT_EQ(e.quote.snapshot, hash);
  EXPECT_EQ(e.quote.start, 12u);
}

TEST(WorkbenchAnchorTest, CaseIsIgnoredOnlyWhenAsked) {
  Desk d = MakeDesk(kOld);
  NewEvidence e{d.claim, d.v1, "APPROXIMATELY 28,500 TROOPS", "supports"};
  try {
    d.wb->LinkEvidence(e);
    FAIL() << "expected an anchor error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kAnchor);
    EXPECT_EQ(error.id(), "claimledger.anchor.not_found");
    EXPECT_NE(error.detail().find("different capital letters"), std::string::npos);
  }
  e.match_case = false;
  EXPECT_EQ(d.wb->LinkEvidence(e).quote.exact, "approximately 28,500 troops");
  NewClaim claim{"the 1950-1953 korean war", {}, d.v1};
  EXPECT_THROW(d.wb->AddClaim(claim), Error);
  claim.match_case = false;
  EXPECT_EQ(d.wb->AddClaim(claim).appearances.at(0).exact, "the 1950-1953 Korean War");
}

TEST(WorkbenchAnchorTest, AmbiguousQuoteIsAnErrorUntilContextPicksOne) {
  Desk d = MakeDesk(kOld);
  const std::string doc = "In 2018: 28,500 troops. In 2024: 28,500 troops.";
  const std::string hash = d.wb->AddSnapshot({doc}).hash;
  const std::int64_t events = d.wb->EventCount();
  NewEvidence e{d.claim, hash, "28,500 troops", "supports"};
  try {
    d.wb->LinkEvidence(e);
    FAIL() << "expected an anchor error";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.anchor.ambiguous");
    EXPECT_NE(error.detail().find("2 times (at code points 9, 33)"), std::string::npos)
        << error.detail();
  }
  EXPECT_EQ(d.wb->EventCount(), events);  // nothing written
  e.prefix = "In 2024: ";
  EXPECT_EQ(d.wb->LinkEvidence(e).quote.start, 33u);
}

TEST(WorkbenchAnchorTest, ReanchorReportsEveryQuoteAndWhatNeedsReview) {
  std::string edited = Edited("28,500", "28,000");
  edited = "UPDATED. " + edited;
  Desk d = MakeDesk(edited);
  const Evidence war = d.wb->LinkEvidence({d.other, d.v1, "the 1950-1953 Korean War", "supports"});
  const Evidence number =
      d.wb->LinkEvidence({d.claim, d.v1, "28,500 troops in South Korea", "supports"});
  const Evidence gone =
      d.wb->LinkEvidence({d.other, d.v1, "Officials said the number would not change", "context"});
  d.wb->SetVerdict(d.claim, "true", "USFK says so", {number.id});
  // Drop the officials' sentence from the new version.
  edited.erase(edited.find(" Officials said"));
  d.v2 = d.wb->AddSnapshot({edited, "https://example.com/a"}).hash;
  const std::int64_t events = d.wb->EventCount();

  const ReanchorReport report = d.wb->Reanchor(d.v1, d.v2);
  EXPECT_EQ(d.wb->EventCount(), events);  // read-only
  EXPECT_EQ(report.old_url, report.new_url);
  ASSERT_EQ(report.quotes.size(), 4u);      // in the order of their old position
  EXPECT_FALSE(report.quotes[0].evidence);  // the claim's own appears_in quote
  EXPECT_EQ(report.quotes[0].claim, d.claim);
  EXPECT_EQ(report.quotes[0].result.status, ReanchorStatus::kChanged);
  EXPECT_EQ(report.quotes[1].evidence, number.id);
  EXPECT_EQ(report.quotes[1].result.status, ReanchorStatus::kChanged);
  EXPECT_EQ(report.quotes[1].result.quote->exact, "28,000 troops in South Korea");
  EXPECT_EQ(report.quotes[1].result.quote->snapshot, d.v2);
  EXPECT_EQ(report.quotes[1].old_quote.snapshot, d.v1);
  EXPECT_EQ(report.quotes[2].evidence, war.id);
  EXPECT_EQ(report.quotes[2].result.status, ReanchorStatus::kMoved);
  EXPECT_EQ(report.quotes[3].evidence, gone.id);
  EXPECT_EQ(report.quotes[3].result.status, ReanchorStatus::kOrphaned);

  ASSERT_EQ(report.needs_review.size(), 2u);
  EXPECT_EQ(report.needs_review[0].claim, d.claim);
  EXPECT_EQ(report.needs_review[0].rating, "true");
  EXPECT_TRUE(report.needs_review[0].appearance);
  EXPECT_EQ(report.needs_review[0].evidence, std::vector<std::string>{number.id});
  EXPECT_TRUE(report.needs_review[0].verdict_cites);
  EXPECT_EQ(report.needs_review[1].claim, d.other);
  EXPECT_FALSE(report.needs_review[1].rating);
  EXPECT_FALSE(report.needs_review[1].appearance);
  EXPECT_EQ(report.needs_review[1].evidence, std::vector<std::string>{gone.id});
  EXPECT_FALSE(report.needs_review[1].verdict_cites);
}

TEST(WorkbenchAnchorTest, ReanchorAgainstItselfIsAllExact) {
  Desk d = MakeDesk(kOld);
  d.wb->LinkEvidence({d.other, d.v1, "the 1950-1953 Korean War", "supports"});
  const ReanchorReport report = d.wb->Reanchor(d.v1, d.v1);
  ASSERT_EQ(report.quotes.size(), 2u);
  for (const QuoteReanchor& q : report.quotes) {
    EXPECT_EQ(q.result.status, ReanchorStatus::kExact);
  }
  EXPECT_TRUE(report.needs_review.empty());
}

TEST(WorkbenchAnchorTest, ReanchorErrors) {
  Desk d = MakeDesk(kOld);
  const std::string unknown = "xxh3-128:" + std::string(32, '0');
  try {
    d.wb->Reanchor(unknown, d.v2);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kNotFound);
    EXPECT_EQ(error.id(), "claimledger.snapshot.not_found");
  }
  EXPECT_THROW(d.wb->Reanchor(d.v1, unknown), Error);
  const std::string binary = d.wb->AddSnapshot({std::string("\xFF\xFE\x00\x01", 4)}).hash;
  try {
    d.wb->Reanchor(d.v1, binary);
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kAnchor);
    EXPECT_EQ(error.id(), "claimledger.anchor.not_text");
  }
  // A snapshot with no quotes gives an empty report.
  const std::string unquoted = d.wb->AddSnapshot({"Nothing quoted from here."}).hash;
  const ReanchorReport empty = d.wb->Reanchor(unquoted, d.v1);
  EXPECT_TRUE(empty.quotes.empty());
  EXPECT_TRUE(empty.needs_review.empty());
}

}  // namespace
}  // namespace claimledger
