// The quantity parser's rules (quantity_parser.h): where a quantity starts, and dates, ranges,
// fractions, vague amounts and decades.
#include "text/quantity_parser.h"

#include "text/word_flags.h"

namespace claimledger::quantity_parsing {

std::vector<Quantity> Parser::Run() const {
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

std::optional<int> Parser::MonthAt(std::size_t k) const {
  if (!IsCapitalised(k)) return std::nullopt;
  const std::optional<double> month = LookUpValue(kMonths, Text(k));
  if (!month) return std::nullopt;
  return static_cast<int>(*month);
}

bool Parser::IsAttached(std::size_t k) const {
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

Quantity Parser::ToQuantity(const Match& match) const {
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

std::optional<Match> Parser::MatchAt(std::size_t i) const {
  if (!CanStartQuantity(i)) return std::nullopt;
  if (std::optional<Match> match = MatchModifiedDecade(i)) return match;
  const Qualifier qualifier = MatchQualifier(i);
  const std::size_t k = qualifier.next;
  std::optional<Match> match = MatchDate(k);
  if (!match) match = MatchBetween(k);
  if (!match) match = MatchFromTo(k);
  if (!match) match = MatchFraction(k);
  if (!match) match = MatchVagueRange(k, i);
  if (!match) match = MatchDecade(k);
  if (!match) match = MatchAmount(k, i);
  if (match && !qualifier.text.empty()) {
    match->first = i;
    match->qualifier = qualifier.text;
  }
  return match;
}

bool Parser::CanStartQuantity(std::size_t i) const {
  const Token& token = tokens_[i];
  if (token.kind == Kind::kNumber) return true;
  if (token.kind == Kind::kWord) return StartsQuantity(Text(i));
  return token.kind == Kind::kSymbol &&
         (IsMinusSign(i) || LookUpCode(kCurrencySymbols, Text(i)).has_value());
}

Qualifier Parser::MatchQualifier(std::size_t i) const {
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

std::optional<Match> Parser::MatchDate(std::size_t k) const {
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
    if (IsNumber(q) && IsYearToken(tokens_[q]) && YearEndsDate(q + 1)) {
      // "June 2024": a month, the range of its days.
      const int year = static_cast<int>(tokens_[q].mantissa);
      const double first_day = year * 10000.0 + *m * 100;
      match.low = first_day + 1;
      match.high = first_day + DaysInMonth(year, *m);
      match.next = q + 1;
      return match;
    }
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
  if (IsNumber(q) && tokens_[q].spaced && IsYearToken(tokens_[q]) && YearEndsDate(q + 1)) {
    match.value = tokens_[q].mantissa * 10000 + month * 100 + day;
    match.next = q + 1;
  } else {
    match.next = p;
    match.reported = false;
  }
  return match;
}

std::optional<std::size_t> Parser::DayAt(std::size_t k, int* day) const {
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

std::optional<Match> Parser::MatchBetween(std::size_t k) const {
  if (!WordIs(k, "between")) return std::nullopt;
  const std::optional<RangeEnd> low = RangeEndAt(k + 1);
  if (!low) return std::nullopt;
  const std::size_t p = AfterFirstEnd(*low);
  if (!WordIs(p, "and")) return std::nullopt;
  const std::optional<RangeEnd> high = RangeEndAt(p + 1);
  if (!high) return std::nullopt;
  return JoinEnds(k, *low, *high);
}

std::optional<Match> Parser::MatchFromTo(std::size_t k) const {
  if (!WordIs(k, "from")) return std::nullopt;
  // Years: "from 1950 to 1953", "from 1950 until 1953", unless a noun follows the second
  // ("from 1500 to 2000 troops", read below).
  if (const std::optional<Amount> low = ParseAmount(k + 1); low && low->year_shaped) {
    const std::size_t p = low->next;
    if (WordIs(p, "to") || WordIs(p, "until") || WordIs(p, "through") || WordIs(p, "till") ||
        IsRangeDash(p)) {
      const std::optional<Amount> high = ParseAmount(p + 1, /*after_dash=*/IsRangeDash(p));
      if (high && high->year_shaped && high->value >= low->value &&
          NounUnit(high->next, /*skip_capitalised=*/false).unit.empty()) {
        Match match;
        match.first = k;
        match.next = high->next;
        match.low = low->value;
        match.high = high->value;
        match.unit = "year";
        return match;
      }
    }
  }
  if (!(k > 0 && WordIn(k - 1, kRangeWords)) && ChangeBefore(k)) return std::nullopt;
  const std::optional<RangeEnd> low = RangeEndAt(k + 1);
  if (!low) return std::nullopt;
  const std::size_t p = AfterFirstEnd(*low);
  if (!WordIs(p, "to")) return std::nullopt;
  const std::optional<RangeEnd> high = RangeEndAt(p + 1);
  if (!high) return std::nullopt;
  std::optional<Match> range = JoinEnds(k, *low, *high);
  if (!range || *range->low == *range->high) return std::nullopt;  // "from 2 to 2"
  return range;
}

bool Parser::ChangeBefore(std::size_t k) const {
  static const auto* const kChanges = [] {
    auto* words = new WordFlags();
    for (std::string_view word : kChangeWords) words->Add(word, 1);
    return words;
  }();
  for (std::size_t back = 1; back <= 3 && back <= k; ++back) {
    if (!IsWord(k - back)) return false;  // a comma, a number: another clause
    if (kChanges->Find(Text(k - back)) != 0) return true;
  }
  return false;
}

std::optional<RangeEnd> Parser::RangeEndAt(std::size_t p) const {
  const Qualifier qualifier = MatchQualifier(p);
  const std::size_t k = qualifier.next;
  RangeEnd end;
  end.qualifier = qualifier.text;
  std::optional<Match> vague = MatchSeveral(k);
  if (!vague) vague = MatchVague(k);
  if (vague) {
    if (end.qualifier.empty()) end.qualifier = vague->qualifier;
    end.next = vague->next;
    end.vague = std::move(vague);
    return end;
  }
  end.amount = ParseAmount(k);
  if (!end.amount) return std::nullopt;
  end.next = end.amount->next;
  return end;
}

std::size_t Parser::AfterFirstEnd(const RangeEnd& end) const {
  if (!end.amount) return end.next;
  if (IsSymbol(end.next, '%') && Glued(end.next)) return end.next + 1;
  if (WordIs(end.next, "percent")) return end.next + 1;
  if (WordIs(end.next, "per") && WordIs(end.next + 1, "cent")) return end.next + 2;
  return end.next;
}

std::optional<Match> Parser::JoinEnds(std::size_t first, const RangeEnd& low,
                                      const RangeEnd& high) const {
  std::optional<Match> match;
  if (low.amount && high.amount) {
    match = RangeOf(first, *low.amount, *high.amount);
  } else {
    // A unit after the first end makes "to" a preposition: "several hundred troops to 12 bases".
    if (low.vague && !low.vague->unit.empty()) return std::nullopt;
    match.emplace();
    match->first = first;
    match->low = low.amount ? low.amount->value : *low.vague->low;
    if (high.amount) {
      const std::string& currency = high.amount->currency.empty() && low.amount
                                        ? low.amount->currency
                                        : high.amount->currency;
      const UnitMatch unit = ParseUnit(high.amount->next, currency, high.amount->glued_unit);
      match->high = high.amount->value;
      match->unit = unit.unit;
      match->next = unit.next;
    } else {
      match->high = *high.vague->high;
      match->unit = high.vague->unit;
      match->next = high.vague->next;
    }
    if (*match->low >= *match->high) return std::nullopt;
  }
  if (!match) return std::nullopt;
  match->qualifier = !low.qualifier.empty() ? low.qualifier : high.qualifier;
  return match;
}

std::optional<Match> Parser::RangeOf(std::size_t first, const Amount& a, const Amount& b) const {
  double low = a.value;
  // "10-20 million": both in millions, unless the first is written in full ("between 240,000
  // and 3.5 million") or would then pass the second ("between 500 and 3 million").
  if (a.scale == 1 && b.scale != 1 && !a.grouped && a.value * b.scale <= b.value) low *= b.scale;
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

std::optional<Match> Parser::MatchFraction(std::size_t k) const {
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

std::optional<double> Parser::FractionNumerator(std::size_t k) const {
  if (WordIs(k, "a") || WordIs(k, "an")) return 1;
  if (!IsWord(k)) return std::nullopt;
  const std::optional<double> n = LookUpValue(kUnitWords, Text(k));
  if (n && *n <= 10) return n;
  return std::nullopt;
}

std::optional<Match> Parser::MatchOneIn(std::size_t k) const {
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

std::optional<WordNumber> Parser::WholeNumberAt(std::size_t k) const {
  if (IsNumber(k)) {
    const Token& t = tokens_[k];
    if (!t.well_formed || t.decimals != 0 || IsAttached(k) || (IsWord(k + 1) && Glued(k + 1))) {
      return std::nullopt;
    }
    return WordNumber{t.mantissa, k + 1, false};
  }
  return ParseNumberWords(k);
}

std::optional<Match> Parser::MatchSeveral(std::size_t k) const {
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

std::optional<Match> Parser::MatchVague(std::size_t k) const {
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

std::optional<std::size_t> Parser::DecadeAt(std::size_t k, double* year) const {
  if (!IsNumber(k) || !IsYearToken(tokens_[k])) return std::nullopt;
  const double value = tokens_[k].mantissa;
  if (static_cast<std::int64_t>(value) % 10 != 0) return std::nullopt;
  std::size_t p = k + 1;
  if ((IsSymbol(p, '\'') || IsSymbol(p, kRightSingleQuote)) && Glued(p)) ++p;
  if (!WordIs(p, "s") || !Glued(p)) return std::nullopt;
  *year = value;
  return p + 1;
}

std::optional<Match> Parser::DecadeSpan(std::size_t k) const {
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

std::optional<Match> Parser::MatchModifiedDecade(std::size_t i) const {
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

std::optional<Match> Parser::MatchAmount(std::size_t k, std::size_t start) const {
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

std::optional<Match> Parser::MatchToRange(std::size_t k, std::size_t start,
                                          const Amount& low) const {
  if (start > 0 && WordIs(start - 1, "from")) return std::nullopt;
  RangeEnd first;
  first.amount = low;
  first.next = low.next;
  const std::size_t p = AfterFirstEnd(first);  // "3% to 5%"
  if (!WordIs(p, "to") || !tokens_[p].spaced || !Exists(p + 1) || !tokens_[p + 1].spaced) {
    return std::nullopt;
  }
  const std::optional<RangeEnd> high = RangeEndAt(p + 1);
  if (!high) return std::nullopt;
  std::optional<Match> range = JoinEnds(k, first, *high);
  if (!range || *range->low == *range->high) return std::nullopt;  // "a 2 to 2 draw"
  return range;
}

std::optional<Match> Parser::MatchVagueRange(std::size_t k, std::size_t start) const {
  std::optional<Match> match = MatchSeveral(k);
  if (!match) match = MatchVague(k);
  if (!match || !match->unit.empty()) return match;
  if (start > 0 && WordIs(start - 1, "from")) return match;  // MatchFromTo's to read
  const std::size_t p = match->next;
  if (!WordIs(p, "to") || !Exists(p + 1) || !tokens_[p + 1].spaced) return match;
  const std::optional<RangeEnd> high = RangeEndAt(p + 1);
  if (!high) return match;
  RangeEnd first;
  first.vague = match;
  first.qualifier = match->qualifier;
  first.next = match->next;
  if (std::optional<Match> range = JoinEnds(k, first, *high)) return range;
  return match;
}

std::optional<std::size_t> Parser::DashChainEnd(std::size_t k) const {
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

std::optional<Match> Parser::MatchDashRange(std::size_t k, const Amount& low) const {
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

}  // namespace claimledger::quantity_parsing
