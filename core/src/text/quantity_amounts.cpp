// The quantity parser's amounts and units (quantity_parser.h): a number with its currency,
// scale and glued unit, numbers in words, and the noun that names the unit.
#include "text/quantity_parser.h"

namespace claimledger::quantity_parsing {

std::optional<Amount> Parser::ParseAmount(std::size_t k, bool after_dash) const {
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
    std::optional<double> glued_scale =
        has_currency ? LookUpValue(kCurrencyScales, suffix) : GluedScaleWithoutCurrency(suffix);
    if (!glued_scale && !has_currency && BareScaleBeforeCount(p - 1, p + 1)) {
      glued_scale = LookUpValue(kCurrencyScales, suffix);  // "3.5m deaths", "12k troops"
    }
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
  amount.grouped = number.grouped;
  amount.next = p;
  amount.year_shaped = sign > 0 && !has_currency && p == after_number &&
                       amount.glued_unit.empty() && scale == 1 && IsYearToken(number);
  return amount;
}

std::optional<double> Parser::GluedScaleWithoutCurrency(std::string_view suffix) {
  for (const std::string_view abbreviation : kBareScaleAbbreviations) {
    if (suffix == abbreviation) return LookUpValue(kSpacedScales, suffix);
  }
  return std::nullopt;
}

bool Parser::BareScaleBeforeCount(std::size_t number, std::size_t next) const {
  const std::string_view suffix = Text(number + 1);
  if (suffix != "m" && suffix != "k" && suffix != "b") return false;
  if (number > 0 && (WordIs(number - 1, "a") || WordIs(number - 1, "an"))) return false;
  if (suffix == "k") return true;  // "up from 9k last year": a thousand; "a 5k race" above
  const UnitMatch noun = NounUnit(next, /*skip_capitalised=*/true);
  return !noun.unit.empty() && IsPluralCount(noun.unit);
}

std::optional<double> Parser::SpacedScaleAt(std::size_t p, bool has_currency) const {
  if (!IsWord(p) || !tokens_[p].spaced) return std::nullopt;
  const std::optional<double> scale = LookUpValue(kSpacedScales, Text(p));
  if (scale || !has_currency) return scale;
  return LookUpValue(kCurrencyScales, Text(p));
}

std::size_t Parser::ParseCurrencyPrefix(std::size_t k, std::string* currency) const {
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

std::optional<WordNumber> Parser::ParseNumberWords(std::size_t k) const {
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

UnitMatch Parser::NounUnit(std::size_t p, bool skip_capitalised) const {
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
  if (!IsUnitNoun(word)) return {"", p};
  if (IsWord(k + 1) && tokens_[k + 1].spaced) {
    const std::string pair = std::string(word) + " " + std::string(Text(k + 1));
    for (const std::string_view unit : kTwoWordUnits) {
      if (pair == unit) return {pair, k + 2};
    }
  }
  return {std::string(word), k + 1};
}

UnitMatch Parser::ParseUnit(std::size_t p, const std::string& currency,
                            const std::string& glued_unit) const {
  if (!currency.empty()) return {currency, p};
  if (glued_unit == "pc" || glued_unit == "pct") return {"percent", p};  // "5pc"
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

}  // namespace claimledger::quantity_parsing
