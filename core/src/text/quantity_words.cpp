// The quantity parser's word tests (quantity_words.h).
#include "text/quantity_words.h"

#include "text/word_flags.h"

namespace claimledger::quantity_parsing {

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

bool IsPluralCount(std::string_view word) {
  if (InList(kUncountedPlurals, word)) return true;
  return word.size() >= 3 && EndsWith(word, "s") && !EndsWith(word, "ss") &&
         !EndsWith(word, "us") && !EndsWith(word, "is");
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
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

}  // namespace claimledger::quantity_parsing
