// Comparing quantities (claimledger/quantities.h): a quantity found in evidence set beside one a
// claim asserts. The claim's figure and qualifier give an interval of what it allows; the
// found figure is an interval too (a value is a point); the outcome is whether the second lies
// in the first. Units are matched first: the same, a conversion (lengths, areas, masses,
// shares), a count noun's other forms and synonyms, or time (years and yyyymmdd dates, as
// spans of days or years). Part of the text layer: pure, nothing but the standard library.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "claimledger/quantities.h"

namespace claimledger {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kApproximate = 0.10;      // "about": 10% either way
constexpr double kFractionRounding = 0.5;  // "two-thirds": what rounds to it as a whole per cent

// How a qualifier reads (quantities.h lists the words of each).
enum class Reading { kAsWritten, kApproximate, kJustUnder, kJustOver, kAtMost, kAtLeast };

Reading ReadingOf(std::string_view qualifier) {
  static constexpr std::string_view kApproximately[] = {"about",    "approximately", "around",
                                                        "roughly",  "some",          "circa",
                                                        "close to", "an estimated",  "estimated"};
  static constexpr std::string_view kUnder[] = {
      "nearly",         "almost",        "just under", "just below", "slightly less than",
      "slightly under", "a little under"};
  static constexpr std::string_view kOver[] = {"just over", "just above", "slightly more than",
                                               "slightly over", "a little over"};
  static constexpr std::string_view kAtMost[] = {
      "up to",      "as many as", "as much as", "as high as", "no more than", "at most",
      "fewer than", "less than",  "under",      "well under", "well below"};
  static constexpr std::string_view kAtLeast[] = {
      "more than",  "over",         "at least",  "no fewer than", "no less than",
      "upwards of", "upward of",    "well over", "well above",    "in excess of",
      "as few as",  "as little as", "as low as"};
  const auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), qualifier) != std::end(list);
  };
  if (in(kApproximately)) return Reading::kApproximate;
  if (in(kUnder)) return Reading::kJustUnder;
  if (in(kOver)) return Reading::kJustOver;
  if (in(kAtMost)) return Reading::kAtMost;
  if (in(kAtLeast)) return Reading::kAtLeast;
  return Reading::kAsWritten;
}

struct Interval {
  double low = 0;
  double high = 0;
};

Interval Stated(const Quantity& q) {
  if (q.value) return {*q.value, *q.value};
  return {q.low.value_or(0), q.high.value_or(0)};
}

bool HasFigure(const Quantity& q) { return q.value.has_value() || (q.low && q.high); }

// --- units ---------------------------------------------------------------------------------

struct Measure {
  std::string_view unit;
  std::string_view dimension;
  double factor;  // to the dimension's base: metres, square metres, kilograms, per cent
};

constexpr Measure kMeasures[] = {
    {"m", "length", 1},
    {"metre", "length", 1},
    {"metres", "length", 1},
    {"meter", "length", 1},
    {"meters", "length", 1},
    {"km", "length", 1e3},
    {"kilometre", "length", 1e3},
    {"kilometres", "length", 1e3},
    {"kilometer", "length", 1e3},
    {"kilometers", "length", 1e3},
    {"mile", "length", 1609.344},
    {"miles", "length", 1609.344},
    {"square metres", "area", 1},
    {"square meters", "area", 1},
    {"square kilometres", "area", 1e6},
    {"square kilometers", "area", 1e6},
    {"square miles", "area", 2589988.110336},
    {"kg", "mass", 1},
    {"kilogram", "mass", 1},
    {"kilograms", "mass", 1},
    {"tonne", "mass", 1e3},
    {"tonnes", "mass", 1e3},
    {"percent", "share", 1},
    {"fraction", "share", 100},
};

const Measure* FindMeasure(std::string_view unit) {
  for (const Measure& m : kMeasures) {
    if (m.unit == unit) return &m;
  }
  return nullptr;
}

bool IsCalendarYear(const Quantity& q) {
  if (q.unit != "year") return false;
  const Interval s = Stated(q);
  return s.low >= 1000 && s.high <= 2100 && s.low == std::floor(s.low) &&
         s.high == std::floor(s.high);
}

bool IsTime(const Quantity& q) { return q.unit == "date" || IsCalendarYear(q); }

// A noun that counts things: a lower-case word that no other rule claims.
bool IsCountNoun(std::string_view unit) {
  return !unit.empty() && unit[0] >= 'a' && unit[0] <= 'z' && !FindMeasure(unit) &&
         unit != "date" && unit != "percentage points";
}

// The singular of a count noun, then its synonym group's name: "service members" -> "troop".
std::string CountKind(std::string_view unit) {
  std::string word(unit);
  if (word == "people" || word == "persons") {
    word = "person";
  } else if (word == "men" || word == "servicemen") {
    word = word == "men" ? "man" : "serviceman";
  } else if (word == "women") {
    word = "woman";
  } else if (word == "children") {
    word = "child";
  } else if (word.size() > 3 && word.compare(word.size() - 3, 3, "ies") == 0) {
    word = word.substr(0, word.size() - 3) + "y";
  } else if (word.size() > 2 && word.back() == 's' && word[word.size() - 2] != 's') {
    word.pop_back();
  }
  static constexpr std::string_view kTroops[] = {
      "troop",      "soldier",   "service member",    "servicemember",
      "serviceman", "personnel", "service personnel", "force"};
  static constexpr std::string_view kDeaths[] = {"death", "fatality"};
  static constexpr std::string_view kPeople[] = {"person", "individual"};
  const auto in = [&](const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
  };
  if (in(kTroops)) return "troop";
  if (in(kDeaths)) return "death";
  if (in(kPeople)) return "person";
  return word;
}

// How the found quantity's figures are brought to the claimed one's terms.
struct UnitMatch {
  std::string unit;  // what they are compared in
  double claim_factor = 1;
  double found_factor = 1;
  std::string note;
};

std::optional<UnitMatch> MatchUnits(const std::string& claimed, const std::string& found) {
  const Measure* a = FindMeasure(claimed);
  const Measure* b = FindMeasure(found);
  if (a && b && a->dimension == "share" && b->dimension == "share") {
    // Shares in per cent, however they were written: "two-thirds" is 66.67 percent.
    return UnitMatch{"percent", a->factor, b->factor,
                     claimed != found ? "fraction as percent" : ""};
  }
  if (claimed == found) return UnitMatch{claimed, 1, 1, ""};
  if (a && b && a->dimension == b->dimension) {
    return UnitMatch{claimed, 1, b->factor / a->factor, found + " in " + claimed};
  }
  if (IsCountNoun(claimed) && IsCountNoun(found) && CountKind(claimed) == CountKind(found)) {
    return UnitMatch{claimed, 1, 1, claimed + " ~ " + found};
  }
  if (IsCountNoun(claimed) && found.empty()) {
    return UnitMatch{claimed, 1, 1, "the evidence gives no unit"};
  }
  if (claimed.empty() && IsCountNoun(found)) {
    return UnitMatch{found, 1, 1, "the claim gives no unit"};
  }
  return std::nullopt;
}

// --- time ----------------------------------------------------------------------------------

// A day's number in the Gregorian calendar, counted from 1 January of year 1 (years from 1 on;
// only differences between days are used).
std::int64_t DayNumber(std::int64_t year, unsigned month, unsigned day) {
  static constexpr unsigned kBeforeMonth[] = {0,   31,  59,  90,  120, 151,
                                              181, 212, 243, 273, 304, 334};
  const std::int64_t before = year - 1;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return before * 365 + before / 4 - before / 100 + before / 400 + kBeforeMonth[month - 1] +
         (leap && month > 2 ? 1 : 0) + day - 1;
}

// A yyyymmdd number as days; nothing when it is no date.
std::optional<double> DayOf(double yyyymmdd) {
  if (!(yyyymmdd >= 10000101 && yyyymmdd <= 99991231) || yyyymmdd != std::floor(yyyymmdd)) {
    return std::nullopt;
  }
  const auto n = static_cast<std::int64_t>(yyyymmdd);
  const auto month = static_cast<unsigned>(n / 100 % 100);
  const auto day = static_cast<unsigned>(n % 100);
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return static_cast<double>(DayNumber(n / 10000, month, day));
}

// A time quantity as an interval of days: a year from its 1 January to its 31 December.
std::optional<Interval> DaySpan(const Quantity& q) {
  const Interval s = Stated(q);
  if (q.unit == "year") {
    return Interval{static_cast<double>(DayNumber(static_cast<std::int64_t>(s.low), 1, 1)),
                    static_cast<double>(DayNumber(static_cast<std::int64_t>(s.high), 12, 31))};
  }
  const std::optional<double> low = DayOf(s.low);
  const std::optional<double> high = DayOf(s.high);
  if (!low || !high) return std::nullopt;
  return Interval{*low, *high};
}

// A time quantity's years: 1990 for "1990" and for "30 September 1990".
Interval YearSpan(const Quantity& q) {
  const Interval s = Stated(q);
  if (q.unit == "year") return s;
  return {std::floor(s.low / 10000), std::floor(s.high / 10000)};
}

// --- the comparison ------------------------------------------------------------------------

// What the claim allows: its stated interval read with its qualifier. `tolerance` is the
// absolute allowance for time, or 0 to use kApproximate of each end.
Interval Allowed(const Interval& s, Reading reading, double tolerance) {
  const auto below = [&](double x) {
    return tolerance > 0 ? tolerance : kApproximate * std::abs(x);
  };
  switch (reading) {
    case Reading::kApproximate:
      return {s.low - below(s.low), s.high + below(s.high)};
    case Reading::kJustUnder:
      return {s.low - below(s.low), s.high};
    case Reading::kJustOver:
      return {s.low, s.high + below(s.high)};
    case Reading::kAtMost:
      return {-kInfinity, s.high};
    case Reading::kAtLeast:
      return {s.low, kInfinity};
    case Reading::kAsWritten:
      break;
  }
  return s;
}

bool Same(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

// Fills outcome, difference and relative from the stated claim, what it allows and the found
// interval (all in the same terms). `relative_allowed` is false for time.
void Judge(const Interval& stated, const Interval& allowed, const Interval& found,
           bool relative_allowed, QuantityComparison* out) {
  const auto inside = [&](double x) {
    return (x >= allowed.low || Same(x, allowed.low)) &&
           (x <= allowed.high || Same(x, allowed.high));
  };
  if (Same(found.low, stated.low) && Same(found.high, stated.high)) {
    out->outcome = "equal";
  } else if (inside(found.low) && inside(found.high)) {
    out->outcome = "within";
  } else if (found.low <= allowed.high && found.high >= allowed.low) {
    out->outcome = "overlaps";
  } else {
    out->outcome = "off";
    const bool above = found.low > allowed.high;
    const double base = above ? stated.high : stated.low;
    out->difference = above ? found.low - base : found.high - base;
    if (relative_allowed && base != 0) out->relative = out->difference / std::abs(base);
  }
}

int Rank(const std::string& outcome) {
  if (outcome == "equal") return 0;
  if (outcome == "within") return 1;
  if (outcome == "overlaps") return 2;
  return 3;
}

// Whether comparison a is a better match than b.
bool Better(const QuantityComparison& a, const QuantityComparison& b) {
  if (Rank(a.outcome) != Rank(b.outcome)) return Rank(a.outcome) < Rank(b.outcome);
  if (a.relative && b.relative) return std::abs(*a.relative) < std::abs(*b.relative);
  return std::abs(a.difference) < std::abs(b.difference);
}

}  // namespace

std::optional<QuantityComparison> CompareQuantity(const Quantity& claimed, const Quantity& found) {
  if (!HasFigure(claimed) || !HasFigure(found)) return std::nullopt;
  QuantityComparison out;
  out.claimed = claimed;
  out.found = found;
  const Reading reading = ReadingOf(claimed.qualifier);
  if (IsTime(claimed) || IsTime(found)) {
    // Spans of days, so that a date lies within its year and a year overlaps a month of it;
    // a difference in years when either side is a year.
    if (!IsTime(claimed) || !IsTime(found)) return std::nullopt;
    const std::optional<Interval> stated = DaySpan(claimed);
    const std::optional<Interval> span = DaySpan(found);
    if (!stated || !span) return std::nullopt;
    const bool in_years = claimed.unit == "year" || found.unit == "year";
    out.unit = in_years ? "years" : "days";
    if (claimed.unit != found.unit) out.note = found.unit + " against " + claimed.unit;
    const Interval allowed = Allowed(*stated, reading, claimed.unit == "year" ? 366 : 31);
    Judge(*stated, allowed, *span, false, &out);
    if (out.outcome == "off" && in_years) {
      const Interval claimed_years = YearSpan(claimed);
      const Interval found_years = YearSpan(found);
      out.difference = span->low > allowed.high ? found_years.low - claimed_years.high
                                                : found_years.high - claimed_years.low;
    }
    return out;
  }
  const std::optional<UnitMatch> units = MatchUnits(claimed.unit, found.unit);
  if (!units) return std::nullopt;
  out.unit = units->unit;
  out.note = units->note;
  Interval stated = Stated(claimed);
  stated.low *= units->claim_factor;
  stated.high *= units->claim_factor;
  Interval span = Stated(found);
  span.low *= units->found_factor;
  span.high *= units->found_factor;
  Interval allowed = Allowed(stated, reading, 0);
  if (reading == Reading::kAsWritten && claimed.unit == "fraction") {
    allowed = {stated.low - kFractionRounding, stated.high + kFractionRounding};
  }
  Judge(stated, allowed, span, true, &out);
  return out;
}

std::optional<QuantityComparison> BestComparison(const Quantity& claimed,
                                                 const std::vector<Quantity>& found) {
  std::optional<QuantityComparison> best;
  for (const Quantity& q : found) {
    std::optional<QuantityComparison> c = CompareQuantity(claimed, q);
    if (c && (!best || Better(*c, *best))) best = std::move(c);
  }
  return best;
}

}  // namespace claimledger
