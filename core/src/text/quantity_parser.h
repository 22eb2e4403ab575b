// The quantity parser's rules (quantities.cpp tells how it works): a Parser reads the tokens of
// one text and tries, token by token, a fixed list of small rules (dates, ranges, fractions,
// vague amounts, decades, plain amounts), each looking at a bounded number of tokens. Its
// members are defined in quantity_parser.cpp (the rules) and quantity_amounts.cpp (amounts and
// units). Pure; internal to the text layer.
#ifndef CLAIMLEDGER_TEXT_QUANTITY_PARSER_H_
#define CLAIMLEDGER_TEXT_QUANTITY_PARSER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/quantities.h"
#include "text/quantity_tokens.h"
#include "text/quantity_words.h"

namespace claimledger::quantity_parsing {

// What a rule found: tokens [first, next) and what they mean.
struct Match {
  std::size_t first = 0;
  std::size_t next = 0;
  std::optional<double> value;
  std::optional<double> low;
  std::optional<double> high;
  std::string unit;
  std::string qualifier;
  bool reported = true;  // false for spans that are consumed but are not quantities
};

// A number with what is written straight around it: "$1.2 billion", "-4", "5km", "two million".
struct Amount {
  std::size_t next = 0;      // the token after the amount
  double value = 0;          // scale included
  double scale = 1;          // the multiplier written after the number: "million", "bn"
  std::string currency;      // from a prefix: "$" -> "USD"
  std::string glued_unit;    // "km" in "5km", "year" in "10-year"
  bool year_shaped = false;  // a plain four-digit 1000..2100 with nothing attached: "1953"
  bool lone_one = false;     // just the word "one", often a pronoun
  bool grouped = false;      // written with thousands separators: "240,000"
};

// One end of a range, with its own qualifier: "about 240,000", "3.5 million", "several hundred
// thousand", "millions". Either an amount (its unit not read yet) or a vague amount.
struct RangeEnd {
  std::optional<Amount> amount;
  std::optional<Match> vague;  // "several hundred thousand": low, high, unit, next
  std::string qualifier;
  std::size_t next = 0;  // the token after the amount (before its unit) or the vague amount
};

struct WordNumber {
  double value = 0;
  std::size_t next = 0;
  bool lone_one = false;
};

struct UnitMatch {
  std::string unit;
  std::size_t next = 0;
};

struct Qualifier {
  std::string text;  // normalised: lower case, single spaces
  std::size_t next = 0;
};

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text), tokens_(Tokenize(text)) {}

  std::vector<Quantity> Run() const;

 private:
  // --- Token tests -------------------------------------------------------------------------

  bool Exists(std::size_t k) const { return k < tokens_.size(); }
  bool IsWord(std::size_t k) const { return Exists(k) && tokens_[k].kind == Kind::kWord; }
  bool IsNumber(std::size_t k) const { return Exists(k) && tokens_[k].kind == Kind::kNumber; }
  bool IsSymbol(std::size_t k, char32_t cp) const {
    return Exists(k) && tokens_[k].kind == Kind::kSymbol && tokens_[k].symbol == cp;
  }
  // The token follows the previous one with no space in between.
  bool Glued(std::size_t k) const { return Exists(k) && !tokens_[k].spaced; }
  std::string_view Text(std::size_t k) const {
    return Exists(k) ? text_.substr(tokens_[k].begin, tokens_[k].end - tokens_[k].begin)
                     : std::string_view();
  }
  bool WordIs(std::size_t k, std::string_view word) const {
    return IsWord(k) && EqualsIgnoreCase(Text(k), word);
  }
  template <typename List>
  bool WordIn(std::size_t k, const List& list) const {
    return IsWord(k) && InList(list, Text(k));
  }
  bool IsCapitalised(std::size_t k) const { return IsWord(k) && IsAsciiUpper(Text(k)[0]); }
  std::optional<int> MonthAt(std::size_t k) const;
  // A hyphen with no space on either side: "twenty-five", "1950-1953", "10-year".
  bool IsTightHyphen(std::size_t k) const { return IsSymbol(k, '-') && Glued(k) && Glued(k + 1); }
  bool IsRangeDash(std::size_t k) const {
    return IsTightHyphen(k) || IsSymbol(k, kEnDash) || (IsSymbol(k, kEmDash) && Glued(k + 1));
  }
  bool IsMinusSign(std::size_t k) const {
    if (!(IsSymbol(k, '-') || IsSymbol(k, kMinusSign))) return false;
    if (!IsNumber(k + 1) || !Glued(k + 1)) return false;
    return k == 0 || tokens_[k].spaced || tokens_[k - 1].kind == Kind::kSymbol;
  }

  // A number glued to what comes before it is part of a name or code: "COVID-19", "F16", "#1".
  bool IsAttached(std::size_t k) const;

  Quantity ToQuantity(const Match& match) const;

  // --- Rules -------------------------------------------------------------------------------

  std::optional<Match> MatchAt(std::size_t i) const;

  // Quantities start at a number, a currency sign, a minus sign or one of the words some rule
  // begins with (StartsQuantity); the other tokens (most words, punctuation, junk bytes) are
  // passed over without trying every rule.
  bool CanStartQuantity(std::size_t i) const;

  // "more than", "an estimated", "about". Returns next == i when there is none.
  Qualifier MatchQualifier(std::size_t i) const;

  // "2024-10-21", "21 October 2024", "October 21, 2024" -> unit "date", value 20241021;
  // "June 2024" -> the range of its days, 20240601..20240630. A day and a month without a year
  // is consumed and not reported.
  std::optional<Match> MatchDate(std::size_t k) const;

  // The year of a date ends at k: k is not a word or a dash glued to it ("2024s", "2024-25");
  // punctuation may follow ("on 19 June 2024, his first visit").
  bool YearEndsDate(std::size_t k) const { return !(Glued(k) && (IsWord(k) || IsRangeDash(k))); }

  bool IsTwoDigits(std::size_t k) const {
    return IsNumber(k) && IsPlainInteger(tokens_[k], 2) && tokens_[k].int_digits == 2;
  }

  // A day of the month, "21" or "21st". Returns the token after it.
  std::optional<std::size_t> DayAt(std::size_t k, int* day) const;

  // "between 1950 and 1953", "between 10 and 20 million", "between about 2,000 and 3,000".
  std::optional<Match> MatchBetween(std::size_t k) const;

  // "from 1950 to 1953" is a range of years, and "from about 240,000 to 3.5 million" a range
  // with its qualifier; "rose from 3 to 5" is a change, not a range (a word of change comes
  // within three words before "from"), so it gives two quantities, unless a word of range
  // comes just before "from": "prices ranging from $2 to $3 billion".
  std::optional<Match> MatchFromTo(std::size_t k) const;

  // A word of change ("rose", "cut", "down", ...) among the three words before "from" at k.
  bool ChangeBefore(std::size_t k) const;

  // One end of a range at p: a qualifier, then a vague amount or an amount.
  std::optional<RangeEnd> RangeEndAt(std::size_t p) const;

  // The token after a range's first end where its joining word ("to", "and") should be: a
  // per-cent sign glued to an amount, or "percent" / "per cent" after it, is passed over ("3%
  // to 5%", "40 per cent to 45 per cent").
  std::size_t AfterFirstEnd(const RangeEnd& end) const;

  // Two ends read as one range from `first`, with the unit after the second end and the first
  // end's qualifier (else the second's): "several hundred thousand to several million",
  // "from 240,000 to as many as 3.5 million".
  std::optional<Match> JoinEnds(std::size_t first, const RangeEnd& low, const RangeEnd& high) const;

  // Two amounts read as one range, with the unit after the second.
  std::optional<Match> RangeOf(std::size_t first, const Amount& a, const Amount& b) const;

  // "half", "a third", "two-thirds", "three quarters", "one in five", "half a million people".
  std::optional<Match> MatchFraction(std::size_t k) const;

  std::optional<double> FractionNumerator(std::size_t k) const;

  // "one in five", "1 in 10", "one out of every four" -> 0.2, 0.1, 0.25 (unit "fraction").
  std::optional<Match> MatchOneIn(std::size_t k) const;

  // A whole number in digits ("5", "1,000") or words ("five", "a hundred").
  std::optional<WordNumber> WholeNumberAt(std::size_t k) const;

  // "several hundred troops" -> 300..900, "a few thousand" -> 2000..4000, "several dozen" ->
  // 36..108, "a few hundred thousand" -> 200,000..400,000: "several" is 3 to 9 times the
  // scale, "a few" 2 to 4 times; the phrase is the qualifier.
  std::optional<Match> MatchSeveral(std::size_t k) const;

  // "dozens", "thousands", "tens of thousands", "hundreds of millions of dollars".
  std::optional<Match> MatchVague(std::size_t k) const;

  // A vague amount ("several hundred", "thousands") at k, joined by "to" to a second end when
  // no unit comes between ("a few hundred thousand to about one million", "thousands to tens
  // of thousands"); not after "from", which MatchFromTo reads. `start` is where the quantity
  // begins, qualifier included.
  std::optional<Match> MatchVagueRange(std::size_t k, std::size_t start) const;

  // The start of a decade: "1990s", "1990's". Returns the token after it.
  std::optional<std::size_t> DecadeAt(std::size_t k, double* year) const;

  std::optional<Match> MatchDecade(std::size_t k) const {
    if (IsAttached(k)) return std::nullopt;
    return DecadeSpan(k);
  }

  // "1990s" -> 1990..1999; "1800s" -> 1800..1899 (a century).
  std::optional<Match> DecadeSpan(std::size_t k) const;

  // "early 1990s" -> 1990..1993, "mid-1990s" -> 1993..1996, "late 1990s" -> 1996..1999.
  std::optional<Match> MatchModifiedDecade(std::size_t i) const;

  // A single amount, a dashed range ("1950-1953", "10-20%") or a year ("in 2024").
  std::optional<Match> MatchAmount(std::size_t k, std::size_t start) const;

  // "11,000 to 12,000 troops", "3 to 5 percent", "$2 to $3 billion": two amounts joined by a
  // spaced "to", the first one smaller, make one range. After "from" they are a change
  // ("rose from 3 to 5 percent"), left to MatchFromTo; `start` is where the quantity begins,
  // qualifier included.
  std::optional<Match> MatchToRange(std::size_t k, std::size_t start, const Amount& low) const;

  // Three or more numbers joined by tight hyphens. Returns the end of the chain.
  std::optional<std::size_t> DashChainEnd(std::size_t k) const;

  // "1950-1953", "1950–53", "10–20%", "$5-10 million".
  std::optional<Match> MatchDashRange(std::size_t k, const Amount& low) const;

  // --- Amounts -----------------------------------------------------------------------------

  // `after_dash` is set for the second number of "1950-1953", which is glued to the hyphen.
  std::optional<Amount> ParseAmount(std::size_t k, bool after_dash = false) const;

  static std::optional<double> GluedScaleWithoutCurrency(std::string_view suffix);

  bool AndAHalf(std::size_t k) const {
    return WordIs(k, "and") && WordIs(k + 1, "a") && WordIs(k + 2, "half");
  }

  // "m", "k", "b" glued to a number without a currency are a scale before a plural noun
  // ("3.5m deaths", "12k troops"), and "k" anywhere else too ("up from 9k"); never after "a"
  // or "an" ("a 40m wall", "a 5k race"). `number` is the number's token, `next` the token
  // after the letters.
  bool BareScaleBeforeCount(std::size_t number, std::size_t next) const;

  // A scale word after the number: "2 million", "3 dozen", "$5 bn", "$40 m".
  std::optional<double> SpacedScaleAt(std::size_t p, bool has_currency) const;

  // "$", "€", "US$", "USD " before a number. Returns the index after the prefix.
  std::size_t ParseCurrencyPrefix(std::size_t k, std::string* currency) const;

  // Number words: "three", "twenty-five", "one hundred and five", "two million", "a dozen".
  std::optional<WordNumber> ParseNumberWords(std::size_t k) const;

  // --- Units -------------------------------------------------------------------------------

  // The unit after an amount: its currency or glued unit, "%", "percent", "percentage points",
  // a currency code, else the noun after it (NounUnit).
  UnitMatch ParseUnit(std::size_t p, const std::string& currency,
                      const std::string& glued_unit) const;

  // The noun after a number, past up to two capitalised words: "28,500 US troops" -> "troops".
  // A currency word gives its code: "5 million dollars", "5 million US dollars" -> "USD".
  UnitMatch NounUnit(std::size_t p, bool skip_capitalised) const;

  std::string_view text_;
  std::vector<Token> tokens_;
};

}  // namespace claimledger::quantity_parsing

#endif  // CLAIMLEDGER_TEXT_QUANTITY_PARSER_H_
