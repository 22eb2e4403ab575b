// Quantity parser: finds the numbers a claim asserts ("about 28,500 troops", "the 1990s",
// "$1.2 billion", "two-thirds") and returns each one with its exact byte span, its value or
// range, its unit and its qualifier. Part of the text layer of the core: pure functions over a
// string_view, no I/O, no state, nothing but the standard library.
//
// How it works: a hand-written tokenizer splits the input into words, numbers and symbols in
// one pass, keeping byte offsets. Then, token by token, a fixed list of small rules is tried
// (dates, ranges, fractions, vague amounts, decades, plain amounts). Each rule looks at a
// bounded number of tokens, so the parse is linear in the size of the input. Bytes that are
// not well-formed UTF-8 become tokens of their own that no rule accepts, so a span never
// contains them.
//
// Choices (the tests pin each one down):
// - Vague amounts cover one order of magnitude: "hundreds" 100-999, "thousands" 1000-9999,
//   "tens of thousands" 10000-99999, "hundreds of thousands" 100000-999999, and likewise for
//   "millions", "billions", "trillions" and "tens of"/"hundreds of" each; "dozens" is 24-99
//   (at least two dozen, fewer than a hundred); "tens of" alone is 10-99.
// - "several" and "a few" before a scale word ("dozen", "hundred", "thousand", "million",
//   "billion", "trillion", or "hundred thousand" and the like) give a range of multiples of
//   it: "several" is 3 to 9 times ("several hundred" 300-900, "several dozen" 36-108), "a few"
//   2 to 4 times ("a few thousand" 2000-4000, "a few hundred thousand" 200000-400000). The
//   phrase is the qualifier ("several", "a few"); the unit is the noun after the scale. Alone
//   ("a few days") they are not quantities.
// - Ranges: "10-20", "10–20%", "between 10 and 20", and two amounts joined by a spaced "to"
//   ("11,000 to 12,000 troops", "3 to 5 percent", "two to three weeks") are one range, with
//   the unit after the second amount. A scale or currency written once applies to both ends:
//   "$5-10 million", "$2 to $3 billion", "€2 to 3 million". An "A to B" with A >= B is not a
//   range ("ruled 5 to 4", "a 2 to 2 draw") and gives two quantities.
// - Decades: "1990s" is 1990-1999. A year ending in 00 before 2000 names a century: "1800s"
//   is 1800-1899. "early", "mid" and "late" narrow the span to its first, middle and last
//   part (1990-1993, 1993-1996, 1996-1999) and become the qualifier. The span is the decade
//   itself: "1990s" in "in the 1990s".
// - Years: a plain four-digit number 1000-2100 is a year (unit "year") after "in", "since",
//   "from", "until", "till", "during", "before", "after", "by", "year" or a month name, and
//   at both ends of a range unless a noun follows ("between 1500 and 2000 troops").
//   "1950-53" is 1950-1953. "from A to B" (also "until", "through", "till" or a dash) is a
//   range of years, span "from" included. Otherwise "from A to B" is a change ("rose from 3 to
//   5 percent", "fell from 12,000 to 11,000 troops") and gives two quantities, A and "B unit",
//   unless a word of range comes just before "from" ("range(s|d)", "ranging", "vary",
//   "varies", "varied", "varying", "anywhere"): "ranging from $2 to $3 billion" is one range.
// - Dates: "21 October 2024", "October 21, 2024" and "2024-10-21" give unit "date" and the
//   value yyyymmdd (20241021). A day and month without a year ("21 October") is skipped.
// - Units: a currency symbol, code or word gives the ISO code ("USD", "EUR", "GBP", ...);
//   "%", "percent", "per cent" give "percent"; fractions give "fraction". Otherwise the unit
//   is the next word when it is a plain lower-case noun: not a stop word, not a number word,
//   not a past tense ("killed"). Up to two capitalised words before that noun are skipped and
//   kept in the span: "28,500 US troops" -> "troops". Letters glued to the digits are the
//   unit ("5km" -> "km"), as is a hyphenated word ("10-year" -> "year").
// - Thousands separators: commas ("28,500"), or a space between groups of digits ("28 500",
//   "28\u202F500"): one ASCII space, U+00A0 (no-break), U+2009 (thin) or U+202F (narrow
//   no-break), the same one throughout. The first group has 1 to 3 digits and does not start
//   with 0, every later group exactly 3 digits, ending at neither a letter, a digit, nor a
//   comma, colon or slash before a digit ("5 100km", "28 500,5" are not merged); a decimal point
//   may follow ("1 234.5"). At most five groups (15 digits). Because an ASCII space between
//   numbers is ambiguous, a spaced grouping is read only when it stands apart: no digit run
//   right before or after it across one space ("in 2024 500 people", "in 2024 500 000 people",
//   "555 123 4567" stay separate numbers), and not glued to a word or code ("COVID-19 500
//   cases"); after a currency sign, a bracket, a minus sign or the dash of a range ("10 000-12
//   000") it is read.
// - Scale abbreviations: "bn", "mn", "tn", "trn" always; "m", "k", "b" only after a currency
//   ("$40m"), since "40m" alone is more likely metres (unit "m").
// - Not quantities: ordinals ("first", "21st"); a lone "one" with no unit ("one of them");
//   numbers glued to letters ("COVID-19", "G7", "5G"); codes ("1.2.3", "10:30", "3/4");
//   runs of more than 15 digits; chains of three or more dashed numbers (phone numbers).
#include "claimledger/quantities.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/text.h"

namespace claimledger {
namespace {

// ---------------------------------------------------------------------------------------------
// Characters

constexpr char32_t kEnDash = 0x2013;
constexpr char32_t kEmDash = 0x2014;
constexpr char32_t kRightSingleQuote = 0x2019;
constexpr char32_t kMinusSign = 0x2212;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiLetter(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char ToLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

bool EndsWith(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

bool IsUnicodeSpace(char32_t cp) {
  return cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000;
}

// A rough letter test for non-ASCII code points: everything outside the punctuation and symbol
// blocks counts as a letter, so "cafés" or "Zürich" stay one word.
bool IsUnicodeLetter(char32_t cp) {
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 signs: £ ¥ ° « × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // punctuation, currency, arrows, maths
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
  if (cp >= 0x1F000) return false;                          // emoji and pictographs
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tokens

enum class Kind { kWord, kNumber, kSymbol, kJunk };

constexpr int kMaxDigits = 15;  // longer digit runs are identifiers, and would not be exact

struct Token {
  Kind kind = Kind::kJunk;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool spaced = true;   // whitespace or the start of the text comes right before the token
  char32_t symbol = 0;  // kSymbol: its code point
  // kNumber only: "28,500.75" has mantissa 2850075, int_digits 5, decimals 2, grouped.
  bool well_formed = false;  // false for "1.2.3", "10:30", "3/4", "1,23", over-long runs
  bool grouped = false;      // written with thousands separators
  int int_digits = 0;
  int decimals = 0;
  double mantissa = 0;
};

bool IsNumberSeparator(char c) { return c == ',' || c == '.' || c == ':' || c == '/'; }

constexpr char32_t kNoBreakSpace = 0xA0;
constexpr char32_t kThinSpace = 0x2009;
constexpr char32_t kNarrowNoBreakSpace = 0x202F;
constexpr int kMaxSpacedGroups = 4;  // "1 234 567 890 123": 15 digits, the most kept exact

bool IsDash(char32_t cp) { return cp == '-' || cp == kEnDash || cp == kEmDash; }

// A space that may separate digit groups ("28 500", "28\u202F500"): one ASCII space, a
// no-break space, a thin space or a narrow no-break space. Returns its length in bytes, or 0.
std::size_t GroupSpaceAt(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == ' ') return 1;
  if (static_cast<unsigned char>(text[i]) < 0x80) return 0;
  char32_t cp = 0;
  const std::size_t length = DecodeUtf8At(text, i, &cp);
  return cp == kNoBreakSpace || cp == kThinSpace || cp == kNarrowNoBreakSpace ? length : 0;
}

// A group after a space: exactly three digits, then neither a letter nor another digit, nor a
// comma, colon or slash before a digit ("28 500,5" and "5 100km" are not grouped numbers).
// A decimal point may follow: "1 234.5".
bool SpacedGroupAt(std::string_view text, std::size_t i) {
  if (i + 3 > text.size()) return false;
  for (std::size_t k = i; k < i + 3; ++k) {
    if (!IsAsciiDigit(text[k])) return false;
  }
  const std::size_t after = i + 3;
  if (after == text.size()) return true;
  const char c = text[after];
  if (IsAsciiDigit(c) || IsAsciiLetter(c)) return false;
  if (c != '.' && IsNumberSeparator(c) && after + 1 < text.size() &&
      IsAsciiDigit(text[after + 1])) {
    return false;
  }
  char32_t cp = 0;
  if (static_cast<unsigned char>(c) >= 0x80 && DecodeUtf8At(text, after, &cp) != 0 &&
      IsUnicodeLetter(cp)) {
    return false;
  }
  return true;
}

// Reads digits joined by separators ("28,500", "3.5", "10:30") as one token and checks that
// they form a plain number: commas in groups of three, at most one decimal point after them.
// With `space_groups`, single spaces between groups of three are read as thousands separators
// too ("28 500", "1 234 567.5"), when the first group has one to three digits (not starting
// with 0), every later group exactly three, all the spaces are the same character, and no digit
// run follows across one more space.
Token ReadNumber(std::string_view text, std::size_t begin, bool space_groups) {
  Token token;
  token.kind = Kind::kNumber;
  token.begin = begin;
  bool ok = true;
  bool after_point = false;
  bool first_group = true;
  char separator = 0;
  int spaced_groups = 0;
  std::string_view group_space;  // the first space between groups; the others must match it
  std::size_t i = begin;
  while (true) {
    int run = 0;
    for (; i < text.size() && IsAsciiDigit(text[i]); ++i, ++run) {
      if (token.int_digits + token.decimals < kMaxDigits) {
        token.mantissa = token.mantissa * 10 + (text[i] - '0');
      } else {
        ok = false;
      }
      ++(after_point ? token.decimals : token.int_digits);
    }
    if (separator == ',' && run != 3) ok = false;
    if (space_groups && separator == 0 && spaced_groups < kMaxSpacedGroups &&
        (first_group ? run <= 3 && text[begin] != '0' : run == 3)) {
      const std::size_t space = GroupSpaceAt(text, i);
      if (space != 0 && SpacedGroupAt(text, i + space) &&
          (group_space.empty() || text.substr(i, space) == group_space)) {
        group_space = text.substr(i, space);
        i += space;
        ++spaced_groups;
        token.grouped = true;
        first_group = false;
        continue;
      }
    }
    const bool more =
        i + 1 < text.size() && IsNumberSeparator(text[i]) && IsAsciiDigit(text[i + 1]);
    if (first_group && more && text[i] == ',' && run > 3) ok = false;
    first_group = false;
    if (!more) break;
    separator = text[i++];
    if (separator == ',') {
      token.grouped = true;
      if (after_point) ok = false;
    } else if (separator == '.') {
      if (after_point) ok = false;
      after_point = true;
    } else {
      ok = false;  // ':' or '/': a time, ratio or date such as 10:30 or 3/4
    }
  }
  if (spaced_groups > 0) {
    // "555 123 4567", "1 2 3": a run of numbers with spaces, not one grouped number.
    const std::size_t space = GroupSpaceAt(text, i);
    if (space != 0 && i + space < text.size() && IsAsciiDigit(text[i + space])) {
      return ReadNumber(text, begin, /*space_groups=*/false);
    }
  }
  token.end = i;
  token.well_formed = ok;
  return token;
}

// "U.S." and "U.K.": two or more single capitals, each followed by a dot. Returns the end of
// such a run starting at i, or i when there is none.
std::size_t InitialismEnd(std::string_view text, std::size_t i) {
  std::size_t j = i;
  int pairs = 0;
  while (j + 1 < text.size() && IsAsciiUpper(text[j]) && text[j + 1] == '.') {
    j += 2;
    ++pairs;
  }
  if (pairs >= 2 && (j >= text.size() || !IsAsciiLetter(text[j]))) return j;
  return i;
}

std::size_t WordEnd(std::string_view text, std::size_t i) {
  if (const std::size_t end = InitialismEnd(text, i); end != i) return end;
  while (i < text.size()) {
    if (IsAsciiLetter(text[i])) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length =
        static_cast<unsigned char>(text[i]) >= 0x80 ? DecodeUtf8At(text, i, &cp) : 0;
    if (length == 0 || !IsUnicodeLetter(cp)) break;
    i += length;
  }
  return i;
}

// Whether a number starting at `begin` may have spaces between its digit groups: it must stand
// apart from other digit runs ("0123 456 789" is not 456,789) and from words and codes
// ("COVID-19 500 cases"). Glued to a symbol, only a currency sign, a bracket or quote, a minus
// sign or the dash of a range ("10 000-12 000") lets it. `tokens` are those before it.
bool SpaceGroupsMayStart(std::string_view text, const std::vector<Token>& tokens, std::size_t begin,
                         bool spaced) {
  if (tokens.empty()) return true;
  const Token& previous = tokens.back();
  if (spaced) {
    return previous.kind != Kind::kNumber ||
           GroupSpaceAt(text, previous.end) != begin - previous.end;
  }
  if (previous.kind != Kind::kSymbol) return false;
  switch (previous.symbol) {
    case '.':
    case ',':
    case ':':
    case '/':
    case '#':
    case '@':
    case '_':
    case '&':
      return false;
    default:
      break;
  }
  if (!IsDash(previous.symbol) || previous.spaced) return true;  // "$28 500", "(28 500", "-28 500"
  return tokens.size() >= 2 && tokens[tokens.size() - 2].kind == Kind::kNumber;  // a range
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 1);  // about one token per word and punctuation mark
  bool spaced = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    char32_t cp = static_cast<unsigned char>(c);
    std::size_t length = 1;
    if (cp >= 0x80) length = DecodeUtf8At(text, i, &cp);
    Token token;
    if (length == 0) {  // not UTF-8: a junk byte that no rule accepts
      token.begin = i;
      token.end = i + 1;
    } else if (IsAsciiSpace(c) || IsUnicodeSpace(cp)) {
      spaced = true;
      i += length;
      continue;
    } else if (IsAsciiDigit(c)) {
      token = ReadNumber(text, i, SpaceGroupsMayStart(text, tokens, i, spaced));
    } else if (IsAsciiLetter(c) || IsUnicodeLetter(cp)) {
      token.kind = Kind::kWord;
      token.begin = i;
      token.end = WordEnd(text, i);
    } else {
      token.kind = Kind::kSymbol;
      token.symbol = cp;
      token.begin = i;
      token.end = i + length;
    }
    token.spaced = spaced;
    spaced = false;
    i = token.end;
    tokens.push_back(token);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Word lists. Lookups ignore case; the lists are short and each token is looked up a bounded
// number of times.

struct Named {
  std::string_view name;
  double value;
};

struct NamedCode {
  std::string_view name;
  std::string_view code;
};

template <typename List>
bool InList(const List& list, std::string_view word) {
  for (std::string_view entry : list) {
    if (EqualsIgnoreCase(entry, word)) return true;
  }
  return false;
}

template <typename List>
std::optional<double> LookUpValue(const List& list, std::string_view word) {
  for (const Named& entry : list) {
    if (EqualsIgnoreCase(entry.name, word)) return entry.value;
  }
  return std::nullopt;
}

template <typename List>
std::optional<std::string_view> LookUpCode(const List& list, std::string_view word) {
  for (const NamedCode& entry : list) {
    if (EqualsIgnoreCase(entry.name, word)) return entry.code;
  }
  return std::nullopt;
}

constexpr Named kUnitWords[] = {
    {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
    {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}};

constexpr Named kTensWords[] = {{"twenty", 20}, {"thirty", 30},  {"forty", 40},  {"fifty", 50},
                                {"sixty", 60},  {"seventy", 70}, {"eighty", 80}, {"ninety", 90}};

constexpr Named kScaleWords[] = {
    {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};

// Words that multiply the number before them: "2 million", "3 dozen", "$5 bn".
constexpr Named kSpacedScales[] = {
    {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12},
    {"dozen", 12},    {"bn", 1e9},       {"mn", 1e6},      {"tn", 1e12},     {"trn", 1e12}};

// Abbreviations that are scales even without a currency: "3bn people".
constexpr std::string_view kBareScaleAbbreviations[] = {"bn", "mn", "tn", "trn"};

// Abbreviations that are scales only after a currency: "$40m", "£5k", "$3b".
constexpr Named kCurrencyScales[] = {{"k", 1e3},  {"m", 1e6},   {"mn", 1e6},  {"b", 1e9},
                                     {"bn", 1e9}, {"tn", 1e12}, {"trn", 1e12}};

// Vague plural amounts: "thousands" is 1000..9999; "dozens" is special-cased to 24..99.
constexpr Named kVaguePlurals[] = {{"dozens", 12},    {"hundreds", 1e2}, {"thousands", 1e3},
                                   {"millions", 1e6}, {"billions", 1e9}, {"trillions", 1e12}};

constexpr Named kSingularDenominators[] = {
    {"half", 2},  {"third", 3},   {"quarter", 4}, {"fourth", 4}, {"fifth", 5},
    {"sixth", 6}, {"seventh", 7}, {"eighth", 8},  {"ninth", 9},  {"tenth", 10}};

constexpr Named kPluralDenominators[] = {
    {"halves", 2}, {"thirds", 3},   {"quarters", 4}, {"fourths", 4}, {"fifths", 5},
    {"sixths", 6}, {"sevenths", 7}, {"eighths", 8},  {"ninths", 9},  {"tenths", 10}};

constexpr Named kMonths[] = {{"January", 1},   {"Jan", 1},    {"February", 2},  {"Feb", 2},
                             {"March", 3},     {"Mar", 3},    {"April", 4},     {"Apr", 4},
                             {"May", 5},       {"June", 6},   {"Jun", 6},       {"July", 7},
                             {"Jul", 7},       {"August", 8}, {"Aug", 8},       {"September", 9},
                             {"Sept", 9},      {"Sep", 9},    {"October", 10},  {"Oct", 10},
                             {"November", 11}, {"Nov", 11},   {"December", 12}, {"Dec", 12}};

constexpr NamedCode kCurrencySymbols[] = {
    {"$", "USD"}, {"\u20AC", "EUR"}, {"\u00A3", "GBP"}, {"\u00A5", "JPY"}, {"\u20B9", "INR"}};

// Letters written straight before "$": "US$", "A$", "HK$".
constexpr NamedCode kDollarPrefixes[] = {{"US", "USD"}, {"A", "AUD"},  {"AU", "AUD"}, {"C", "CAD"},
                                         {"CA", "CAD"}, {"NZ", "NZD"}, {"HK", "HKD"}, {"S", "SGD"}};

constexpr std::string_view kCurrencyCodes[] = {"USD", "EUR", "GBP", "JPY", "CHF",
                                               "CNY", "INR", "AUD", "CAD"};

constexpr NamedCode kCurrencyWords[] = {{"dollars", "USD"}, {"dollar", "USD"}, {"euros", "EUR"},
                                        {"euro", "EUR"},    {"yen", "JPY"},    {"rupees", "INR"}};

// Capitalised words that may stand between "5 million" and "dollars" and keep it "USD".
constexpr std::string_view kUsWords[] = {"US", "U.S.", "American"};

// Phrases before a number that say how exact it is. The normalised phrase is the qualifier.
constexpr std::string_view kQualifiers[] = {
    "as many as",   "as much as",    "as few as",  "as little as", "no more than", "no fewer than",
    "no less than", "more than",     "fewer than", "less than",    "at least",     "at most",
    "up to",        "an estimated",  "close to",   "upwards of",   "just over",    "just under",
    "well over",    "approximately", "about",      "around",       "roughly",      "nearly",
    "almost",       "some",          "over",       "under",        "estimated",    "circa",
    "exactly"};

// A plain four-digit number right after one of these is a year: "in 2024", "by 2030".
constexpr std::string_view kYearTriggers[] = {"in",     "since",  "from",  "until", "till",
                                              "during", "before", "after", "by",    "year"};

// Words before "from" that make "from A to B" a range rather than a change.
constexpr std::string_view kRangeWords[] = {"range",  "ranges",  "ranged", "ranging", "vary",
                                            "varies", "varying", "varied", "anywhere"};

// Words before "half" that make it a part of something, not a fraction: "the second half".
constexpr std::string_view kHalfOrdinals[] = {"the",  "first",  "second", "other",
                                              "last", "latter", "final"};

// Words before a lone "one" that make it a pronoun: "no one", "this one".
constexpr std::string_view kPronounOneContext[] = {"no",  "any",  "every", "some", "each",
                                                   "the", "this", "that",  "which"};

// Words after a number that are never its unit: function words, auxiliaries, adverbs and a few
// frequent verbs.
constexpr std::string_view kStopWords[] = {"a",
                                           "an",
                                           "the",
                                           "of",
                                           "in",
                                           "on",
                                           "at",
                                           "to",
                                           "for",
                                           "from",
                                           "by",
                                           "with",
                                           "and",
                                           "or",
                                           "but",
                                           "nor",
                                           "as",
                                           "than",
                                           "that",
                                           "this",
                                           "these",
                                           "those",
                                           "which",
                                           "who",
                                           "whom",
                                           "whose",
                                           "what",
                                           "when",
                                           "where",
                                           "why",
                                           "how",
                                           "while",
                                           "is",
                                           "are",
                                           "was",
                                           "were",
                                           "be",
                                           "been",
                                           "being",
                                           "am",
                                           "has",
                                           "have",
                                           "had",
                                           "do",
                                           "does",
                                           "did",
                                           "will",
                                           "would",
                                           "shall",
                                           "should",
                                           "can",
                                           "could",
                                           "may",
                                           "might",
                                           "must",
                                           "not",
                                           "no",
                                           "so",
                                           "if",
                                           "then",
                                           "there",
                                           "here",
                                           "it",
                                           "its",
                                           "they",
                                           "them",
                                           "their",
                                           "he",
                                           "him",
                                           "his",
                                           "she",
                                           "her",
                                           "we",
                                           "us",
                                           "our",
                                           "you",
                                           "your",
                                           "me",
                                           "my",
                                           "each",
                                           "every",
                                           "such",
                                           "more",
                                           "most",
                                           "less",
                                           "least",
                                           "fewer",
                                           "many",
                                           "much",
                                           "few",
                                           "other",
                                           "another",
                                           "also",
                                           "only",
                                           "just",
                                           "even",
                                           "still",
                                           "yet",
                                           "already",
                                           "almost",
                                           "nearly",
                                           "about",
                                           "above",
                                           "across",
                                           "after",
                                           "against",
                                           "along",
                                           "among",
                                           "around",
                                           "before",
                                           "behind",
                                           "below",
                                           "between",
                                           "beyond",
                                           "during",
                                           "into",
                                           "onto",
                                           "out",
                                           "over",
                                           "per",
                                           "since",
                                           "through",
                                           "under",
                                           "until",
                                           "up",
                                           "upon",
                                           "via",
                                           "within",
                                           "without",
                                           "off",
                                           "down",
                                           "again",
                                           "ago",
                                           "alone",
                                           "apiece",
                                           "respectively",
                                           "reportedly",
                                           "roughly",
                                           "approximately",
                                           "annually",
                                           "too",
                                           "very",
                                           "said",
                                           "says",
                                           "say",
                                           "died",
                                           "according",
                                           "including",
                                           "remaining",
                                           "vs",
                                           "versus",
                                           "plus",
                                           "minus",
                                           "times",
                                           "s"};

bool IsNumberWord(std::string_view word) {
  return LookUpValue(kUnitWords, word) || LookUpValue(kTensWords, word) ||
         LookUpValue(kSpacedScales, word) || LookUpValue(kVaguePlurals, word) ||
         LookUpValue(kSingularDenominators, word) || LookUpValue(kPluralDenominators, word) ||
         EqualsIgnoreCase(word, "zero") || EqualsIgnoreCase(word, "tens") ||
         EqualsIgnoreCase(word, "percent");
}

// The unit rule: a plain lower-case ASCII word of two letters or more that is not a stop word,
// not a number word and not a past tense ("killed", "reported"; short words such as "bed" stay).
bool IsUnitNoun(std::string_view word) {
  if (word.size() < 2) return false;
  for (char c : word) {
    if (!IsAsciiLower(c)) return false;
  }
  if (word.size() > 4 && EndsWith(word, "ed")) return false;
  static const auto* const kStops = [] {
    auto* words = new WordFlags();
    for (std::string_view stop : kStopWords) words->Add(stop, 1);
    return words;
  }();
  return kStops->Find(word) == 0 && !IsNumberWord(word);
}

bool IsOrdinalSuffix(std::string_view word) {
  return EqualsIgnoreCase(word, "st") || EqualsIgnoreCase(word, "nd") ||
         EqualsIgnoreCase(word, "rd") || EqualsIgnoreCase(word, "th");
}

double Pow10(int n) {
  double result = 1;
  for (int i = 0; i < n; ++i) result *= 10;
  return result;
}

bool IsYearToken(const Token& t) {
  return t.kind == Kind::kNumber && t.well_formed && !t.grouped && t.decimals == 0 &&
         t.int_digits == 4 && t.mantissa >= 1000 && t.mantissa <= 2100;
}

bool IsPlainInteger(const Token& t, int max_digits) {
  return t.kind == Kind::kNumber && t.well_formed && !t.grouped && t.decimals == 0 &&
         t.int_digits <= max_digits;
}

// Whether a rule may begin at this word (ignoring case): the first word of a qualifier, of a
// modified decade ("early 1990s"), of a range ("between", "from"), of a date (a month), of a
// fraction, vague or approximate amount, or of a number in words, or a currency prefix ("US$",
// "USD 5"). Any other word is passed over at once: one hash lookup instead of every rule.
// Keep it in step with the rules below (MatchAt and what it calls).
bool StartsQuantity(std::string_view word) {
  static const auto* const kStarts = [] {
    auto* words = new WordFlags();
    for (std::string_view start : {"early", "mid", "late", "between", "from", "half", "several",
                                   "a", "an", "zero", "tens"}) {
      words->Add(start, 1);
    }
    for (std::string_view phrase : kQualifiers) words->Add(phrase.substr(0, phrase.find(' ')), 1);
    for (const Named& entry : kUnitWords) words->Add(entry.name, 1);
    for (const Named& entry : kTensWords) words->Add(entry.name, 1);
    for (const Named& entry : kVaguePlurals) words->Add(entry.name, 1);
    for (const Named& entry : kMonths) words->Add(entry.name, 1);
    for (const NamedCode& entry : kDollarPrefixes) words->Add(entry.name, 1);
    for (std::string_view code : kCurrencyCodes) words->Add(code, 1);
    return words;
  }();
  return kStarts->Find(word) != 0;
}

// ---------------------------------------------------------------------------------------------
// Matching

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

  std::vector<Quantity> Run() const {
    std::vector<Quantity> found;
    std::size_t i = 0;
    while (i < tokens_.size()) {
      const std::optional<Match> match = MatchAt(i);
      if (!match) {
        ++i;
        continue;
      }
      if (match->reported) found.push_back(ToQuantity(*match));
      i = match->next > i ? match->next : i + 1;
    }
    return found;
  }

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
  std::optional<int> MonthAt(std::size_t k) const {
    if (!IsCapitalised(k)) return std::nullopt;
    const std::optional<double> month = LookUpValue(kMonths, Text(k));
    if (!month) return std::nullopt;
    return static_cast<int>(*month);
  }
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
  bool IsAttached(std::size_t k) const {
    if (k == 0 || !Exists(k) || tokens_[k].spaced) return false;
    const Token& previous = tokens_[k - 1];
    if (previous.kind != Kind::kSymbol) return true;
    switch (previous.symbol) {
      case '#':
      case '.':
      case '/':
      case ':':
      case '@':
      case '_':
      case '&':
        return true;
      case '-':
        return k >= 2 && !previous.spaced && tokens_[k - 2].kind != Kind::kSymbol;
      default:
        return false;
    }
  }

  Quantity ToQuantity(const Match& match) const {
    Quantity q;
    q.begin = tokens_[match.first].begin;
    q.end = tokens_[match.next - 1].end;
    q.text = std::string(text_.substr(q.begin, q.end - q.begin));
    q.value = match.value;
    q.low = match.low;
    q.high = match.high;
    q.unit = match.unit;
    q.qualifier = match.qualifier;
    return q;
  }

  // --- Rules -------------------------------------------------------------------------------

  std::optional<Match> MatchAt(std::size_t i) const {
    if (!CanStartQuantity(i)) return std::nullopt;
    if (std::optional<Match> match = MatchModifiedDecade(i)) return match;
    const Qualifier qualifier = MatchQualifier(i);
    const std::size_t k = qualifier.next;
    std::optional<Match> match = MatchDate(k);
    if (!match) match = MatchBetween(k);
    if (!match) match = MatchFromTo(k);
    if (!match) match = MatchFraction(k);
    if (!match) match = MatchSeveral(k);
    if (!match) match = MatchVague(k);
    if (!match) match = MatchDecade(k);
    if (!match) match = MatchAmount(k, i);
    if (match && !qualifier.text.empty()) {
      match->first = i;
      match->qualifier = qualifier.text;
    }
    return match;
  }

  // Quantities start at a number, a currency sign, a minus sign or one of the words some rule
  // begins with (StartsQuantity); the other tokens (most words, punctuation, junk bytes) are
  // passed over without trying every rule.
  bool CanStartQuantity(std::size_t i) const {
    const Token& token = tokens_[i];
    if (token.kind == Kind::kNumber) return true;
    if (token.kind == Kind::kWord) return StartsQuantity(Text(i));
    return token.kind == Kind::kSymbol &&
           (IsMinusSign(i) || LookUpCode(kCurrencySymbols, Text(i)).has_value());
  }

  // "more than", "an estimated", "about". Returns next == i when there is none.
  Qualifier MatchQualifier(std::size_t i) const {
    static const auto* const kFirstWords = [] {
      auto* words = new WordFlags();
      for (std::string_view phrase : kQualifiers) words->Add(phrase.substr(0, phrase.find(' ')), 1);
      return words;
    }();
    if (!IsWord(i) || kFirstWords->Find(Text(i)) == 0) return {"", i};  // not how one starts
    for (const std::string_view phrase : kQualifiers) {
      std::size_t k = i;
      std::string_view rest = phrase;
      bool matched = true;
      while (matched && !rest.empty()) {
        const std::size_t space = rest.find(' ');
        matched = WordIs(k++, rest.substr(0, space));
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
      if (matched) return {std::string(phrase), k};
    }
    return {"", i};
  }

  // "2024-10-21", "21 October 2024", "October 21, 2024" -> unit "date", value 20241021.
  // A day and a month without a year is consumed and not reported.
  std::optional<Match> MatchDate(std::size_t k) const {
    Match match;
    match.first = k;
    match.unit = "date";
    if (IsNumber(k) && IsYearToken(tokens_[k]) && !IsAttached(k) && IsTightHyphen(k + 1) &&
        IsTwoDigits(k + 2) && IsTightHyphen(k + 3) && IsTwoDigits(k + 4) && !IsTightHyphen(k + 5)) {
      const int month = static_cast<int>(tokens_[k + 2].mantissa);
      const int day = static_cast<int>(tokens_[k + 4].mantissa);
      if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
      match.value = tokens_[k].mantissa * 10000 + month * 100 + day;
      match.next = k + 5;
      return match;
    }
    int day = 0;
    int month = 0;
    std::size_t p = k;
    if (const std::optional<std::size_t> after_day = DayAt(k, &day)) {  // 21 October 2024
      const std::optional<int> m = MonthAt(*after_day);
      if (!m || !tokens_[*after_day].spaced) return std::nullopt;
      month = *m;
      p = *after_day + 1;
    } else if (const std::optional<int> m = MonthAt(k)) {  // October 21, 2024
      std::size_t q = k + 1;
      if (IsSymbol(q, '.') && Glued(q)) ++q;
      if (!Exists(q) || !tokens_[q].spaced) return std::nullopt;
      const std::optional<std::size_t> after_day = DayAt(q, &day);
      if (!after_day) return std::nullopt;
      month = *m;
      p = *after_day;
    } else {
      return std::nullopt;
    }
    std::size_t q = p;
    if (IsSymbol(q, '.') && Glued(q)) ++q;
    if (IsSymbol(q, ',') && Glued(q)) ++q;
    if (IsNumber(q) && tokens_[q].spaced && IsYearToken(tokens_[q]) && !Glued(q + 1)) {
      match.value = tokens_[q].mantissa * 10000 + month * 100 + day;
      match.next = q + 1;
    } else {
      match.next = p;
      match.reported = false;
    }
    return match;
  }

  bool IsTwoDigits(std::size_t k) const {
    return IsNumber(k) && IsPlainInteger(tokens_[k], 2) && tokens_[k].int_digits == 2;
  }

  // A day of the month, "21" or "21st". Returns the token after it.
  std::optional<std::size_t> DayAt(std::size_t k, int* day) const {
    if (!IsNumber(k) || !IsPlainInteger(tokens_[k], 2) || IsAttached(k)) return std::nullopt;
    const double value = tokens_[k].mantissa;
    if (value < 1 || value > 31) return std::nullopt;
    *day = static_cast<int>(value);
    if (IsWord(k + 1) && Glued(k + 1)) {
      if (!IsOrdinalSuffix(Text(k + 1))) return std::nullopt;
      return k + 2;
    }
    return k + 1;
  }

  // "between 1950 and 1953", "between 10 and 20 million".
  std::optional<Match> MatchBetween(std::size_t k) const {
    if (!WordIs(k, "between")) return std::nullopt;
    const std::optional<Amount> low = ParseAmount(k + 1);
    if (!low) return std::nullopt;
    std::size_t p = low->next;
    if (IsSymbol(p, '%')) ++p;  // "between 10% and 20%"
    if (!WordIs(p, "and")) return std::nullopt;
    const std::optional<Amount> high = ParseAmount(p + 1);
    if (!high) return std::nullopt;
    return RangeOf(k, *low, *high);
  }

  // "from 1950 to 1953" is a range of years; "rose from 3 to 5" is a change, not a range, so it
  // gives two quantities, unless a word of range comes first: "ranging from 3 to 5 percent".
  std::optional<Match> MatchFromTo(std::size_t k) const {
    if (!WordIs(k, "from")) return std::nullopt;
    const std::optional<Amount> low = ParseAmount(k + 1);
    if (!low) return std::nullopt;
    if (std::optional<Match> range = MatchRangingFrom(k, *low)) return range;
    if (!low->year_shaped) return std::nullopt;
    const std::size_t p = low->next;
    if (!(WordIs(p, "to") || WordIs(p, "until") || WordIs(p, "through") || WordIs(p, "till") ||
          IsRangeDash(p))) {
      return std::nullopt;
    }
    const std::optional<Amount> high = ParseAmount(p + 1, /*after_dash=*/IsRangeDash(p));
    if (!high || !high->year_shaped || high->value < low->value) return std::nullopt;
    Match match;
    match.first = k;
    match.next = high->next;
    match.low = low->value;
    match.high = high->value;
    match.unit = "year";
    return match;
  }

  // "ranging from 3 to 5 percent", "anywhere from $2 to $3 billion": "from" at k, after a word
  // that says a range follows.
  std::optional<Match> MatchRangingFrom(std::size_t k, const Amount& low) const {
    if (k == 0 || !WordIn(k - 1, kRangeWords)) return std::nullopt;
    std::size_t p = low.next;
    if (IsSymbol(p, '%') && Glued(p)) ++p;
    if (!WordIs(p, "to")) return std::nullopt;
    const std::optional<Amount> high = ParseAmount(p + 1);
    if (!high) return std::nullopt;
    return RangeOf(k, low, *high);
  }

  // Two amounts read as one range, with the unit after the second.
  std::optional<Match> RangeOf(std::size_t first, const Amount& a, const Amount& b) const {
    double low = a.value;
    if (a.scale == 1 && b.scale != 1) low *= b.scale;  // "10-20 million": both in millions
    if (low > b.value) return std::nullopt;
    Match match;
    match.first = first;
    match.low = low;
    match.high = b.value;
    if (a.year_shaped && b.year_shaped) {
      // Years, unless a noun follows at once: "between 1500 and 2000 troops".
      const UnitMatch noun = NounUnit(b.next, /*skip_capitalised=*/false);
      match.unit = noun.unit.empty() ? "year" : noun.unit;
      match.next = noun.unit.empty() ? b.next : noun.next;
      return match;
    }
    const UnitMatch unit =
        ParseUnit(b.next, b.currency.empty() ? a.currency : b.currency, b.glued_unit);
    match.unit = unit.unit;
    match.next = unit.next;
    return match;
  }

  // "half", "a third", "two-thirds", "three quarters", "one in five", "half a million people".
  std::optional<Match> MatchFraction(std::size_t k) const {
    if (std::optional<Match> one_in = MatchOneIn(k)) return one_in;
    double fraction = 0;
    std::size_t p = k;
    if (WordIs(k, "half")) {
      if (k > 0 && WordIn(k - 1, kHalfOrdinals)) return std::nullopt;
      fraction = 0.5;
      p = k + 1;
    } else {
      const std::optional<double> numerator = FractionNumerator(k);
      if (!numerator) return std::nullopt;
      std::size_t d = k + 1;
      if (IsTightHyphen(d)) ++d;
      const auto& denominators = *numerator == 1 ? kSingularDenominators : kPluralDenominators;
      const std::optional<double> denominator =
          IsWord(d) ? LookUpValue(denominators, Text(d)) : std::nullopt;
      if (!denominator) return std::nullopt;
      // "a third term", "one fifth grader": an ordinal, unless "of" or no word follows.
      const bool ordinal_shaped = *denominator != 2 && *denominator != 4;
      if (*numerator == 1 && ordinal_shaped && IsWord(d + 1) && !WordIs(d + 1, "of")) {
        return std::nullopt;
      }
      fraction = *numerator / *denominator;
      p = d + 1;
    }
    Match match;
    match.first = k;
    // "half a million people", "a quarter of a million": a fraction of a scale is an amount.
    std::size_t q = WordIs(p, "of") ? p + 1 : p;
    if ((WordIs(q, "a") || WordIs(q, "an")) && IsWord(q + 1)) {
      if (const std::optional<double> scale = LookUpValue(kSpacedScales, Text(q + 1))) {
        const UnitMatch unit = ParseUnit(q + 2, "", "");
        match.value = fraction * *scale;
        match.unit = unit.unit;
        match.next = unit.next;
        return match;
      }
    }
    match.value = fraction;
    match.unit = "fraction";
    match.next = p;
    return match;
  }

  std::optional<double> FractionNumerator(std::size_t k) const {
    if (WordIs(k, "a") || WordIs(k, "an")) return 1;
    if (!IsWord(k)) return std::nullopt;
    const std::optional<double> n = LookUpValue(kUnitWords, Text(k));
    if (n && *n <= 10) return n;
    return std::nullopt;
  }

  // "one in five", "1 in 10", "one out of every four" -> 0.2, 0.1, 0.25 (unit "fraction").
  std::optional<Match> MatchOneIn(std::size_t k) const {
    const std::optional<WordNumber> numerator = WholeNumberAt(k);
    if (!numerator) return std::nullopt;
    std::size_t p = numerator->next;
    if (WordIs(p, "in")) {
      ++p;
    } else if (WordIs(p, "out") && WordIs(p + 1, "of")) {
      p += 2;
    } else {
      return std::nullopt;
    }
    if (WordIs(p, "every")) ++p;
    if (IsNumber(p) && IsYearToken(tokens_[p])) return std::nullopt;  // "10 in 2024"
    const std::optional<WordNumber> denominator = WholeNumberAt(p);
    if (!denominator || numerator->value < 1 || denominator->value <= numerator->value) {
      return std::nullopt;
    }
    Match match;
    match.first = k;
    match.next = denominator->next;
    match.value = numerator->value / denominator->value;
    match.unit = "fraction";
    return match;
  }

  // A whole number in digits ("5", "1,000") or words ("five", "a hundred").
  std::optional<WordNumber> WholeNumberAt(std::size_t k) const {
    if (IsNumber(k)) {
      const Token& t = tokens_[k];
      if (!t.well_formed || t.decimals != 0 || IsAttached(k) || (IsWord(k + 1) && Glued(k + 1))) {
        return std::nullopt;
      }
      return WordNumber{t.mantissa, k + 1, false};
    }
    return ParseNumberWords(k);
  }

  // "several hundred troops" -> 300..900, "a few thousand" -> 2000..4000, "several dozen" ->
  // 36..108, "a few hundred thousand" -> 200,000..400,000: "several" is 3 to 9 times the
  // scale, "a few" 2 to 4 times; the phrase is the qualifier.
  std::optional<Match> MatchSeveral(std::size_t k) const {
    Match match;
    double least = 0;
    double most = 0;
    std::size_t p = k;
    if (WordIs(k, "several")) {
      least = 3;
      most = 9;
      match.qualifier = "several";
      p = k + 1;
    } else if (WordIs(k, "a") && WordIs(k + 1, "few")) {
      least = 2;
      most = 4;
      match.qualifier = "a few";
      p = k + 2;
    } else {
      return std::nullopt;
    }
    double scale = 0;
    if (WordIs(p, "dozen")) {
      scale = 12;
      ++p;
    } else if (WordIs(p, "hundred")) {
      scale = 100;
      ++p;
      if (IsWord(p)) {  // "several hundred thousand"
        if (const std::optional<double> larger = LookUpValue(kScaleWords, Text(p))) {
          scale *= *larger;
          ++p;
        }
      }
    } else if (IsWord(p)) {
      scale = LookUpValue(kScaleWords, Text(p)).value_or(0);
      ++p;
    }
    if (scale == 0) return std::nullopt;
    const UnitMatch unit = ParseUnit(p, "", "");
    match.first = k;
    match.low = least * scale;
    match.high = most * scale;
    match.unit = unit.unit;
    match.next = unit.next;
    return match;
  }

  // "dozens", "thousands", "tens of thousands", "hundreds of millions of dollars".
  std::optional<Match> MatchVague(std::size_t k) const {
    if (!IsWord(k)) return std::nullopt;
    const double multiple = WordIs(k, "tens") ? 10 : WordIs(k, "hundreds") ? 100 : 0;
    const double of_base = multiple != 0 && WordIs(k + 1, "of") && IsWord(k + 2)
                               ? LookUpValue(kVaguePlurals, Text(k + 2)).value_or(0)
                               : 0;
    double magnitude = 0;
    std::size_t p = k + 1;
    if (of_base >= 1000) {  // "tens of thousands": 10,000..99,999
      magnitude = multiple * of_base;
      p = k + 3;
    } else if (multiple == 10 && WordIs(k + 1, "of")) {  // "tens of people": 10..99
      magnitude = 10;
    } else {
      magnitude = LookUpValue(kVaguePlurals, Text(k)).value_or(0);
      if (magnitude == 0) return std::nullopt;
    }
    const bool dozens = magnitude == 12;
    Match match;
    match.first = k;
    match.low = dozens ? 24 : magnitude;
    match.high = dozens ? 99 : magnitude * 10 - 1;
    match.next = p;
    if (WordIs(p, "of")) {
      const UnitMatch unit = NounUnit(p + 1, /*skip_capitalised=*/true);
      if (!unit.unit.empty()) {
        match.unit = unit.unit;
        match.next = unit.next;
      }
    }
    return match;
  }

  // The start of a decade: "1990s", "1990's". Returns the token after it.
  std::optional<std::size_t> DecadeAt(std::size_t k, double* year) const {
    if (!IsNumber(k) || !IsYearToken(tokens_[k])) return std::nullopt;
    const double value = tokens_[k].mantissa;
    if (static_cast<std::int64_t>(value) % 10 != 0) return std::nullopt;
    std::size_t p = k + 1;
    if ((IsSymbol(p, '\'') || IsSymbol(p, kRightSingleQuote)) && Glued(p)) ++p;
    if (!WordIs(p, "s") || !Glued(p)) return std::nullopt;
    *year = value;
    return p + 1;
  }

  std::optional<Match> MatchDecade(std::size_t k) const {
    if (IsAttached(k)) return std::nullopt;
    return DecadeSpan(k);
  }

  // "1990s" -> 1990..1999; "1800s" -> 1800..1899 (a century).
  std::optional<Match> DecadeSpan(std::size_t k) const {
    double year = 0;
    const std::optional<std::size_t> next = DecadeAt(k, &year);
    if (!next) return std::nullopt;
    const bool century = static_cast<std::int64_t>(year) % 100 == 0 && year < 2000;
    Match match;
    match.first = k;
    match.next = *next;
    match.low = year;
    match.high = year + (century ? 99 : 9);
    match.unit = "year";
    return match;
  }

  // "early 1990s" -> 1990..1993, "mid-1990s" -> 1993..1996, "late 1990s" -> 1996..1999.
  std::optional<Match> MatchModifiedDecade(std::size_t i) const {
    const bool early = WordIs(i, "early");
    const bool mid = WordIs(i, "mid");
    const bool late = WordIs(i, "late");
    if (!early && !mid && !late) return std::nullopt;
    std::size_t k = i + 1;
    if (IsTightHyphen(k)) {
      ++k;
    } else if (!Exists(k) || !tokens_[k].spaced) {
      return std::nullopt;
    }
    std::optional<Match> match = DecadeSpan(k);  // "mid-1990s" is glued to its hyphen: allowed
    if (!match) return std::nullopt;
    const double start = *match->low;
    const double length = *match->high - start + 1;  // 10 or 100
    const double third = length * 3 / 10;
    match->first = i;
    match->low = early ? start : mid ? start + third : start + 2 * third;
    match->high = early ? start + third : mid ? start + 2 * third : start + length - 1;
    match->qualifier = early ? "early" : mid ? "mid" : "late";
    return match;
  }

  // A single amount, a dashed range ("1950-1953", "10-20%") or a year ("in 2024").
  std::optional<Match> MatchAmount(std::size_t k, std::size_t start) const {
    if (const std::optional<std::size_t> chain_end = DashChainEnd(k)) {
      Match skipped;  // "555-123-4567": an identifier, not three numbers
      skipped.first = k;
      skipped.next = *chain_end;
      skipped.reported = false;
      return skipped;
    }
    const std::optional<Amount> amount = ParseAmount(k);
    if (!amount) return std::nullopt;
    if (std::optional<Match> range = MatchDashRange(k, *amount)) return range;
    if (std::optional<Match> range = MatchToRange(k, start, *amount)) return range;
    Match match;
    match.first = k;
    match.value = amount->value;
    if (amount->year_shaped && start > 0 &&
        (WordIn(start - 1, kYearTriggers) || MonthAt(start - 1))) {
      match.unit = "year";
      match.next = amount->next;
      return match;
    }
    const UnitMatch unit = ParseUnit(amount->next, amount->currency, amount->glued_unit);
    if (amount->lone_one && (unit.unit.empty() || (k > 0 && WordIn(k - 1, kPronounOneContext)))) {
      return std::nullopt;
    }
    match.unit = unit.unit;
    match.next = unit.next;
    return match;
  }

  // "11,000 to 12,000 troops", "3 to 5 percent", "$2 to $3 billion": two amounts joined by a
  // spaced "to", the first one smaller, make one range. After "from" they are a change
  // ("rose from 3 to 5 percent"), left to MatchFromTo; `start` is where the quantity begins,
  // qualifier included.
  std::optional<Match> MatchToRange(std::size_t k, std::size_t start, const Amount& low) const {
    if (start > 0 && WordIs(start - 1, "from")) return std::nullopt;
    std::size_t p = low.next;
    if (IsSymbol(p, '%') && Glued(p)) ++p;  // "3% to 5%"
    if (!WordIs(p, "to") || !tokens_[p].spaced || !Exists(p + 1) || !tokens_[p + 1].spaced) {
      return std::nullopt;
    }
    const std::optional<Amount> high = ParseAmount(p + 1);
    if (!high) return std::nullopt;
    std::optional<Match> range = RangeOf(k, low, *high);
    if (!range || *range->low == *range->high) return std::nullopt;  // "a 2 to 2 draw"
    return range;
  }

  // Three or more numbers joined by tight hyphens. Returns the end of the chain.
  std::optional<std::size_t> DashChainEnd(std::size_t k) const {
    if (!IsNumber(k)) return std::nullopt;
    std::size_t p = k + 1;
    int numbers = 1;
    while (IsTightHyphen(p) && IsNumber(p + 1)) {
      p += 2;
      ++numbers;
    }
    if (numbers < 3) return std::nullopt;
    return p;
  }

  // "1950-1953", "1950–53", "10–20%", "$5-10 million".
  std::optional<Match> MatchDashRange(std::size_t k, const Amount& low) const {
    std::size_t d = low.next;
    if (IsSymbol(d, '%') && Glued(d)) ++d;  // "10%-20%"
    if (!IsRangeDash(d)) return std::nullopt;
    const std::size_t h = d + 1;
    if (low.year_shaped && IsTwoDigits(h) && !(IsWord(h + 1) && Glued(h + 1))) {  // "1950–53"
      const double century = low.value - static_cast<std::int64_t>(low.value) % 100;
      const double high = century + tokens_[h].mantissa;
      if (high <= low.value) return std::nullopt;
      Match match;
      match.first = k;
      match.next = h + 1;
      match.low = low.value;
      match.high = high;
      match.unit = "year";
      return match;
    }
    const std::optional<Amount> high = ParseAmount(h, /*after_dash=*/true);
    if (!high) return std::nullopt;
    return RangeOf(k, low, *high);
  }

  // --- Amounts -----------------------------------------------------------------------------

  // `after_dash` is set for the second number of "1950-1953", which is glued to the hyphen.
  std::optional<Amount> ParseAmount(std::size_t k, bool after_dash = false) const {
    Amount amount;
    std::size_t p = ParseCurrencyPrefix(k, &amount.currency);
    double sign = 1;
    if (amount.currency.empty() && IsMinusSign(p)) {
      sign = -1;
      ++p;
    }
    if (!IsNumber(p)) {
      if (sign < 0 || !amount.currency.empty()) return std::nullopt;
      const std::optional<WordNumber> words = ParseNumberWords(p);
      if (!words) return std::nullopt;
      amount.value = words->value;
      amount.lone_one = words->lone_one;
      amount.next = words->next;
      if (AndAHalf(amount.next)) {  // "two and a half million"
        amount.lone_one = false;
        amount.next += 3;
        amount.scale = SpacedScaleAt(amount.next, false).value_or(1);
        if (amount.scale != 1) ++amount.next;
        amount.value = (amount.value + 0.5) * amount.scale;
      }
      return amount;
    }
    const Token& number = tokens_[p];
    if (!number.well_formed || (IsAttached(p) && !after_dash)) return std::nullopt;
    const bool has_currency = !amount.currency.empty();
    double scale = 1;
    ++p;
    if (IsWord(p) && Glued(p)) {  // letters written straight after the digits
      const std::string_view suffix = Text(p);
      if (IsOrdinalSuffix(suffix) || EqualsIgnoreCase(suffix, "s")) return std::nullopt;
      const std::optional<double> glued_scale =
          has_currency ? LookUpValue(kCurrencyScales, suffix) : GluedScaleWithoutCurrency(suffix);
      if (glued_scale) {
        scale = *glued_scale;
      } else if (suffix.size() == 1 && IsAsciiUpper(suffix[0])) {
        return std::nullopt;  // "5G", "3D", "4K": names, not measurements
      } else {
        amount.glued_unit = std::string(suffix);
      }
      ++p;
    } else if (IsTightHyphen(p) && IsWord(p + 1) && IsUnitNoun(Text(p + 1))) {  // "10-year"
      amount.glued_unit = std::string(Text(p + 1));
      p += 2;
    }
    const std::size_t after_number = p;
    double half = 0;
    if (scale == 1 && amount.glued_unit.empty()) {
      if (AndAHalf(p)) {  // "2 and a half million"
        half = 0.5;
        p += 3;
      }
      if (const std::optional<double> spaced_scale = SpacedScaleAt(p, has_currency)) {
        scale = *spaced_scale;
        ++p;
      }
    }
    // From the integer mantissa, so that "1.2 billion" is exactly 12e9 / 10.
    const double digits = half == 0 ? number.mantissa * scale / Pow10(number.decimals)
                                    : (number.mantissa / Pow10(number.decimals) + half) * scale;
    amount.value = sign * digits;
    amount.scale = scale;
    amount.next = p;
    amount.year_shaped = sign > 0 && !has_currency && p == after_number &&
                         amount.glued_unit.empty() && scale == 1 && IsYearToken(number);
    return amount;
  }

  static std::optional<double> GluedScaleWithoutCurrency(std::string_view suffix) {
    for (const std::string_view abbreviation : kBareScaleAbbreviations) {
      if (suffix == abbreviation) return LookUpValue(kSpacedScales, suffix);
    }
    return std::nullopt;
  }

  bool AndAHalf(std::size_t k) const {
    return WordIs(k, "and") && WordIs(k + 1, "a") && WordIs(k + 2, "half");
  }

  // A scale word after the number: "2 million", "3 dozen", "$5 bn", "$40 m".
  std::optional<double> SpacedScaleAt(std::size_t p, bool has_currency) const {
    if (!IsWord(p) || !tokens_[p].spaced) return std::nullopt;
    const std::optional<double> scale = LookUpValue(kSpacedScales, Text(p));
    if (scale || !has_currency) return scale;
    return LookUpValue(kCurrencyScales, Text(p));
  }

  // "$", "€", "US$", "USD " before a number. Returns the index after the prefix.
  std::size_t ParseCurrencyPrefix(std::size_t k, std::string* currency) const {
    if (Exists(k) && tokens_[k].kind == Kind::kSymbol && IsNumber(k + 1)) {
      if (const auto code = LookUpCode(kCurrencySymbols, Text(k))) {
        *currency = std::string(*code);
        return k + 1;
      }
    }
    if (IsWord(k) && IsSymbol(k + 1, '$') && Glued(k + 1) && IsNumber(k + 2)) {
      for (const NamedCode& prefix : kDollarPrefixes) {
        if (Text(k) == prefix.name) {
          *currency = std::string(prefix.code);
          return k + 2;
        }
      }
    }
    if (IsWord(k) && IsNumber(k + 1) && tokens_[k + 1].spaced) {
      for (std::string_view code : kCurrencyCodes) {
        if (Text(k) == code) {
          *currency = std::string(code);
          return k + 1;
        }
      }
    }
    return k;
  }

  // Number words: "three", "twenty-five", "one hundred and five", "two million", "a dozen".
  std::optional<WordNumber> ParseNumberWords(std::size_t k) const {
    if (WordIs(k, "zero")) return WordNumber{0, k + 1, false};
    double total = 0;         // finished groups: the "two million" of "two million five"
    std::int64_t group = 0;   // the group being read, below 10,000: "three hundred and five"
    double last_scale = 0;    // scales must decrease: "two million three thousand"
    bool after_tens = false;  // the last word was "twenty".."ninety"
    int words = 0;
    std::size_t p = k;
    if ((WordIs(p, "a") || WordIs(p, "an")) &&
        (WordIs(p + 1, "hundred") || WordIs(p + 1, "dozen") ||
         (IsWord(p + 1) && LookUpValue(kScaleWords, Text(p + 1))))) {
      group = 1;  // "a hundred", "a dozen", "a million"
      ++p;
    }
    while (IsWord(p)) {
      const std::string_view word = Text(p);
      if (const std::optional<double> units = LookUpValue(kUnitWords, word)) {
        const bool completes_tens = after_tens && *units < 10;  // "twenty five"
        if (group % 100 != 0 && !completes_tens) break;
        group += static_cast<std::int64_t>(*units);
        after_tens = false;
      } else if (const std::optional<double> tens = LookUpValue(kTensWords, word)) {
        if (group % 100 != 0) break;
        group += static_cast<std::int64_t>(*tens);
        after_tens = true;
      } else if (EqualsIgnoreCase(word, "hundred")) {
        if (group < 1 || group > 99) break;
        group *= 100;
        after_tens = false;
      } else if (const std::optional<double> scale = LookUpValue(kScaleWords, word)) {
        if (group == 0 || (last_scale != 0 && *scale >= last_scale)) break;
        total += static_cast<double>(group) * *scale;
        group = 0;
        last_scale = *scale;
        after_tens = false;
      } else if (EqualsIgnoreCase(word, "dozen")) {
        if (total != 0 || group < 1 || group > 99) break;
        group *= 12;  // "two dozen" ends the number
        ++p;
        ++words;
        break;
      } else {
        break;
      }
      ++p;
      ++words;
      if (after_tens && IsTightHyphen(p) && IsWord(p + 1)) {  // "twenty-five"
        const std::optional<double> units = LookUpValue(kUnitWords, Text(p + 1));
        if (units && *units < 10) ++p;
      } else if (WordIs(p, "and") && group % 100 == 0 && (group >= 100 || total > 0) &&
                 IsWord(p + 1) &&
                 (LookUpValue(kUnitWords, Text(p + 1)) || LookUpValue(kTensWords, Text(p + 1)))) {
        ++p;  // "one hundred and five"
      }
    }
    if (words == 0) return std::nullopt;
    const double value = total + static_cast<double>(group);
    return WordNumber{value, p, words == 1 && WordIs(k, "one")};
  }

  // --- Units -------------------------------------------------------------------------------

  UnitMatch ParseUnit(std::size_t p, const std::string& currency,
                      const std::string& glued_unit) const {
    if (!currency.empty()) return {currency, p};
    if (!glued_unit.empty()) return {glued_unit, p};
    if (IsSymbol(p, '%')) return {"percent", p + 1};
    if (!IsWord(p) || !tokens_[p].spaced) return {"", p};
    if (WordIs(p, "percent") || WordIs(p, "pct")) return {"percent", p + 1};
    if (WordIs(p, "per") && WordIs(p + 1, "cent")) return {"percent", p + 2};
    if (WordIs(p, "percentage") && (WordIs(p + 1, "point") || WordIs(p + 1, "points"))) {
      return {"percentage points", p + 2};
    }
    for (std::string_view code : kCurrencyCodes) {
      if (Text(p) == code) return {std::string(code), p + 1};  // "5 million USD"
    }
    return NounUnit(p, /*skip_capitalised=*/true);
  }

  // The noun after a number, past up to two capitalised words: "28,500 US troops" -> "troops".
  // A currency word gives its code: "5 million dollars", "5 million US dollars" -> "USD".
  UnitMatch NounUnit(std::size_t p, bool skip_capitalised) const {
    std::size_t k = p;
    int skipped = 0;
    while (skip_capitalised && skipped < 2 && IsCapitalised(k) && tokens_[k].spaced) {
      ++k;
      ++skipped;
    }
    if (!IsWord(k) || !tokens_[k].spaced) return {"", p};
    const std::string_view word = Text(k);
    if (const auto code = LookUpCode(kCurrencyWords, word)) {
      if (IsAsciiLower(word[0]) && (skipped == 0 || (skipped == 1 && WordIn(p, kUsWords)))) {
        return {std::string(*code), k + 1};
      }
    }
    if (IsUnitNoun(word)) return {std::string(word), k + 1};
    return {"", p};
  }

  std::string_view text_;
  std::vector<Token> tokens_;
};

}  // namespace

std::vector<Quantity> ParseQuantities(std::string_view text) {
  try {
    return Parser(text).Run();
  } catch (...) {  // only std::bad_alloc can get here; the contract is to never throw
    return {};
  }
}

}  // namespace claimledger
