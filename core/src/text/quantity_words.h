// The quantity parser's word lists (quantities.cpp tells how the parser works): number words,
// scales, currencies, months, qualifiers and the words that end a unit, with look-ups that
// ignore case. Pure; internal to the text layer.
#ifndef CLAIMLEDGER_TEXT_QUANTITY_WORDS_H_
#define CLAIMLEDGER_TEXT_QUANTITY_WORDS_H_

#include <optional>
#include <string_view>

#include "text/quantity_tokens.h"

namespace claimledger::quantity_parsing {

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

inline constexpr Named kUnitWords[] = {
    {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},      {"five", 5},
    {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},      {"ten", 10},
    {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15},
    {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}};

inline constexpr Named kTensWords[] = {{"twenty", 20}, {"thirty", 30}, {"forty", 40},
                                       {"fifty", 50},  {"sixty", 60},  {"seventy", 70},
                                       {"eighty", 80}, {"ninety", 90}};

inline constexpr Named kScaleWords[] = {
    {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12}};

// Words that multiply the number before them: "2 million", "3 dozen", "$5 bn".
inline constexpr Named kSpacedScales[] = {
    {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9}, {"trillion", 1e12},
    {"dozen", 12},    {"bn", 1e9},       {"mn", 1e6},      {"tn", 1e12},     {"trn", 1e12}};

// Abbreviations that are scales even without a currency: "3bn people".
inline constexpr std::string_view kBareScaleAbbreviations[] = {"bn", "mn", "tn", "trn"};

// Abbreviations that are scales only after a currency: "$40m", "£5k", "$3b".
inline constexpr Named kCurrencyScales[] = {{"k", 1e3},  {"m", 1e6},   {"mn", 1e6},  {"b", 1e9},
                                            {"bn", 1e9}, {"tn", 1e12}, {"trn", 1e12}};

// Vague plural amounts: "thousands" is 1000..9999; "dozens" is special-cased to 24..99.
inline constexpr Named kVaguePlurals[] = {{"dozens", 12},     {"hundreds", 1e2},
                                          {"thousands", 1e3}, {"millions", 1e6},
                                          {"billions", 1e9},  {"trillions", 1e12}};

inline constexpr Named kSingularDenominators[] = {
    {"half", 2},  {"third", 3},   {"quarter", 4}, {"fourth", 4}, {"fifth", 5},
    {"sixth", 6}, {"seventh", 7}, {"eighth", 8},  {"ninth", 9},  {"tenth", 10}};

inline constexpr Named kPluralDenominators[] = {
    {"halves", 2}, {"thirds", 3},   {"quarters", 4}, {"fourths", 4}, {"fifths", 5},
    {"sixths", 6}, {"sevenths", 7}, {"eighths", 8},  {"ninths", 9},  {"tenths", 10}};

inline constexpr Named kMonths[] = {
    {"January", 1},   {"Jan", 1},   {"February", 2},  {"Feb", 2},      {"March", 3},
    {"Mar", 3},       {"April", 4}, {"Apr", 4},       {"May", 5},      {"June", 6},
    {"Jun", 6},       {"July", 7},  {"Jul", 7},       {"August", 8},   {"Aug", 8},
    {"September", 9}, {"Sept", 9},  {"Sep", 9},       {"October", 10}, {"Oct", 10},
    {"November", 11}, {"Nov", 11},  {"December", 12}, {"Dec", 12}};

inline constexpr NamedCode kCurrencySymbols[] = {
    {"$", "USD"}, {"\u20AC", "EUR"}, {"\u00A3", "GBP"}, {"\u00A5", "JPY"}, {"\u20B9", "INR"}};

// Letters written straight before "$": "US$", "A$", "HK$".
inline constexpr NamedCode kDollarPrefixes[] = {{"US", "USD"}, {"A", "AUD"},  {"AU", "AUD"},
                                                {"C", "CAD"},  {"CA", "CAD"}, {"NZ", "NZD"},
                                                {"HK", "HKD"}, {"S", "SGD"}};

inline constexpr std::string_view kCurrencyCodes[] = {"USD", "EUR", "GBP", "JPY", "CHF",
                                                      "CNY", "INR", "AUD", "CAD"};

inline constexpr NamedCode kCurrencyWords[] = {{"dollars", "USD"}, {"dollar", "USD"},
                                               {"euros", "EUR"},   {"euro", "EUR"},
                                               {"yen", "JPY"},     {"rupees", "INR"}};

// Units of two words, the first a noun on its own: "28,500 service members".
inline constexpr std::string_view kTwoWordUnits[] = {
    "service members",   "service personnel", "aid workers",    "health workers",
    "police officers",   "civil servants",    "asylum seekers", "square kilometres",
    "square kilometers", "square miles",      "square metres",  "square meters"};

// Capitalised words that may stand between "5 million" and "dollars" and keep it "USD".
inline constexpr std::string_view kUsWords[] = {"US", "U.S.", "American"};

// Phrases before a number that say how exact it is. The normalised phrase is the qualifier.
// A phrase is tried before any shorter one that it begins with ("as many as" before "as").
inline constexpr std::string_view kQualifiers[] = {"as many as",
                                                   "as much as",
                                                   "as few as",
                                                   "as little as",
                                                   "as high as",
                                                   "as low as",
                                                   "no more than",
                                                   "no fewer than",
                                                   "no less than",
                                                   "more than",
                                                   "fewer than",
                                                   "less than",
                                                   "at least",
                                                   "at most",
                                                   "up to",
                                                   "an estimated",
                                                   "close to",
                                                   "upwards of",
                                                   "upward of",
                                                   "in excess of",
                                                   "just over",
                                                   "just under",
                                                   "just below",
                                                   "just above",
                                                   "well over",
                                                   "well under",
                                                   "well above",
                                                   "well below",
                                                   "slightly more than",
                                                   "slightly less than",
                                                   "slightly over",
                                                   "slightly under",
                                                   "a little over",
                                                   "a little under",
                                                   "approximately",
                                                   "about",
                                                   "around",
                                                   "roughly",
                                                   "nearly",
                                                   "almost",
                                                   "some",
                                                   "over",
                                                   "under",
                                                   "estimated",
                                                   "circa",
                                                   "exactly"};

// A plain four-digit number right after one of these is a year: "in 2024", "by 2030".
inline constexpr std::string_view kYearTriggers[] = {"in",     "since",  "from",  "until", "till",
                                                     "during", "before", "after", "by",    "year"};

// Words before "from" that make "from A to B" a range rather than a change.
inline constexpr std::string_view kRangeWords[] = {"range",  "ranges",  "ranged", "ranging", "vary",
                                                   "varies", "varying", "varied", "anywhere"};

// Words that make "from A to B" a change rather than a range when one of them comes within
// the three words before "from": "rose from 3 to 5 percent", "was cut sharply from 12 to 9".
inline constexpr std::string_view kChangeWords[] = {
    "rose",      "risen",      "rise",      "rises",     "rising",    "grew",       "grown",
    "grow",      "grows",      "growing",   "fell",      "fallen",    "fall",       "falls",
    "falling",   "dropped",    "drop",      "drops",     "dropping",  "increased",  "increase",
    "increases", "increasing", "decreased", "decrease",  "decreases", "decreasing", "declined",
    "decline",   "declines",   "declining", "climbed",   "climb",     "climbs",     "climbing",
    "jumped",    "jump",       "jumps",     "jumping",   "soared",    "soar",       "soars",
    "soaring",   "surged",     "surge",     "surges",    "surging",   "plunged",    "plunge",
    "plunges",   "plunging",   "plummeted", "slumped",   "slipped",   "slid",       "shrank",
    "shrunk",    "shrink",     "shrinks",   "shrinking", "swelled",   "swollen",    "doubled",
    "tripled",   "halved",     "expanded",  "expand",    "expands",   "contracted", "cut",
    "cuts",      "cutting",    "raised",    "raise",     "raises",    "raising",    "lowered",
    "lower",     "reduced",    "reduce",    "reduces",   "reducing",  "boosted",    "lifted",
    "trimmed",   "revised",    "changed",   "change",    "changes",   "moved",      "shifted",
    "went",      "gone",       "up",        "down",      "edged",     "inched",     "dipped",
    "spiked",    "widened",    "narrowed",  "improved",  "worsened",  "recovered",  "rebounded",
    "ballooned", "tumbled",    "swung",     "upgraded",  "downgraded"};

// Nouns that count without ending in "s" (IsPluralCount): "3.5m people".
inline constexpr std::string_view kUncountedPlurals[] = {
    "people", "children", "men", "women", "staff", "personnel", "police", "cattle", "livestock"};

// Words before "half" that make it a part of something, not a fraction: "the second half".
inline constexpr std::string_view kHalfOrdinals[] = {"the",  "first",  "second", "other",
                                                     "last", "latter", "final"};

// Words before a lone "one" that make it a pronoun: "no one", "this one".
inline constexpr std::string_view kPronounOneContext[] = {"no",  "any",  "every", "some", "each",
                                                          "the", "this", "that",  "which"};

// Words after a number that are never its unit: function words, auxiliaries, adverbs, words
// of time ("up from 9,000 last year") and a few frequent verbs.
inline constexpr std::string_view kStopWords[] = {
    "a",        "an",        "the",          "of",         "in",      "on",
    "at",       "to",        "for",          "from",       "by",      "with",
    "and",      "or",        "but",          "nor",        "as",      "than",
    "that",     "this",      "these",        "those",      "which",   "who",
    "whom",     "whose",     "what",         "when",       "where",   "why",
    "how",      "while",     "is",           "are",        "was",     "were",
    "be",       "been",      "being",        "am",         "has",     "have",
    "had",      "do",        "does",         "did",        "will",    "would",
    "shall",    "should",    "can",          "could",      "may",     "might",
    "must",     "not",       "no",           "so",         "if",      "then",
    "there",    "here",      "it",           "its",        "they",    "them",
    "their",    "he",        "him",          "his",        "she",     "her",
    "we",       "us",        "our",          "you",        "your",    "me",
    "my",       "each",      "every",        "such",       "more",    "most",
    "less",     "least",     "fewer",        "many",       "much",    "few",
    "other",    "another",   "also",         "only",       "just",    "even",
    "still",    "yet",       "already",      "almost",     "nearly",  "about",
    "above",    "across",    "after",        "against",    "along",   "among",
    "around",   "before",    "behind",       "below",      "between", "beyond",
    "during",   "into",      "onto",         "out",        "over",    "per",
    "since",    "through",   "under",        "until",      "up",      "upon",
    "via",      "within",    "without",      "last",       "next",    "ago",
    "earlier",  "later",     "off",          "down",       "again",   "ago",
    "alone",    "apiece",    "respectively", "reportedly", "roughly", "approximately",
    "annually", "too",       "very",         "said",       "says",    "say",
    "died",     "according", "including",    "remaining",  "vs",      "versus",
    "plus",     "minus",     "times",        "s"};

bool IsNumberWord(std::string_view word);

// The unit rule: a plain lower-case ASCII word of two letters or more that is not a stop word,
// not a number word and not a past tense ("killed", "reported"; short words such as "bed" stay).
bool IsUnitNoun(std::string_view word);

bool IsOrdinalSuffix(std::string_view word);

// A noun that names several things: "deaths", "troops", "casualties", "people" (not "glass",
// "bus", "analysis"). Lower-case ASCII, as IsUnitNoun takes them.
bool IsPluralCount(std::string_view word);

// The number of days in a month of a year (the Gregorian calendar).
int DaysInMonth(int year, int month);

double Pow10(int n);

bool IsYearToken(const Token& t);

bool IsPlainInteger(const Token& t, int max_digits);

// Whether a rule may begin at this word (ignoring case): the first word of a qualifier, of a
// modified decade ("early 1990s"), of a range ("between", "from"), of a date (a month), of a
// fraction, vague or approximate amount, or of a number in words, or a currency prefix ("US$",
// "USD 5"). Any other word is passed over at once: one hash lookup instead of every rule.
// Keep it in step with the rules below (MatchAt and what it calls).
bool StartsQuantity(std::string_view word);

}  // namespace claimledger::quantity_parsing

#endif  // CLAIMLEDGER_TEXT_QUANTITY_WORDS_H_
