// Quantities: the numbers a claim asserts, found by a pure parser (no I/O).
//
// "approximately 28,500 troops" -> value 28500, unit "troops", qualifier "approximately".
// A range such as "hundreds of thousands", "1950–1953" or "the 1990s" fills low/high and
// leaves value empty. Dates have unit "date" and are written yyyymmdd, so that their span is
// their precision: "30 September 1990" is the value 19900930, "June 2024" the range
// 20240601-20240630; a year alone ("in 1990") has unit "year". core/src/text/quantities.cpp
// lists every phrasing understood. Part of the text layer: it depends on nothing but the
// standard library.
#ifndef CLAIMLEDGER_QUANTITIES_H_
#define CLAIMLEDGER_QUANTITIES_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

struct Quantity {
  std::string text;             // the matched span, byte for byte as in the input
  std::size_t begin = 0;        // byte offset of the span in the input
  std::size_t end = 0;          // one past the last byte of the span
  std::optional<double> value;  // the single value; empty when the quantity is a range
  std::optional<double> low;    // range bounds, inclusive; empty for a single value
  std::optional<double> high;
  std::string unit;       // "troops", "USD", "percent", "year", "date", "fraction"; "" if none
  std::string qualifier;  // "approximately", "more than", "at least", ...; "" when none
};

// Finds every quantity in `text` (UTF-8), in order of appearance. Never throws on any
// input: text without numbers gives an empty vector; invalid UTF-8 is skipped over.
std::vector<Quantity> ParseQuantities(std::string_view text);

// How a quantity found in evidence stands against one that a claim asserts.
//
// What the claim allows is its figure (a value, or a range from low to high) read with its
// qualifier, bounds included:
//   "about", "approximately", "around", "roughly", "some", "circa", "close to", "(an)
//       estimated": 10% either way;
//   "nearly", "almost", "just under", "just below", "slightly less than", "slightly under",
//       "a little under": up to 10% below, not above;
//   "just over", "just above", "slightly more than", "slightly over", "a little over": up to
//       10% above, not below;
//   "up to", "as many as", "as much as", "as high as", "no more than", "at most", "fewer
//       than", "less than", "under", "well under", "well below": the figure or anything below;
//   "more than", "over", "at least", "no fewer than", "no less than", "upwards of", "upward
//       of", "well over", "well above", "in excess of", "as few as", "as little as", "as low
//       as": the figure or anything above;
//   anything else ("several", "early", none): the figure as written; a fraction ("two-thirds")
//       covers what rounds to it as a whole per cent.
// Years and dates (unit "date", yyyymmdd) compare as spans of days, a year from 1 January to
// 31 December, so that "30 September 1990" lies within "1990" and "2024" overlaps "June 2024";
// a difference is in years when either side is a year, else in days. "about" and the
// "just"/"nearly" kinds allow one year when the claim is a year, else 31 days.
//
// Units match when they are the same, or by a known conversion: a fraction is a share in per
// cent ("two-thirds" against "67%"); lengths (m, km, miles), areas (square metres, square
// kilometres, square miles) and masses (kg, tonnes) convert; a count noun matches its singular
// or plural and a few synonyms (troops, soldiers, service members, personnel, forces; deaths,
// fatalities; people, persons, individuals); a number with no unit matches a count noun.
// Currencies match only themselves.
struct QuantityComparison {
  Quantity claimed;
  Quantity found;
  // "equal": the same figure in the same terms (value, or both ends of a range);
  // "within": not the same, but inside what the claim allows;
  // "overlaps": a range that shares some values with what the claim allows, not all;
  // "off": outside what the claim allows, by `difference`.
  std::string outcome;
  // For "off", the found figure minus the claimed one, from the nearer end of each (in
  // `unit`); 0 otherwise.
  double difference = 0;
  // `difference` over the claimed figure it is measured from; empty for years and dates, and
  // when that figure is 0.
  std::optional<double> relative;
  // What the figures are compared in: the claim's unit, "percent" for shares, "years" or
  // "days" for time.
  std::string unit;
  // How the units were matched: "" for the same unit, else e.g. "troops ~ service members",
  // "fraction as percent", "the evidence gives no unit".
  std::string note;
  // Filled by Workbench::CompareQuantities: the evidence the found quantity is quoted from,
  // and its stance. Empty from CompareQuantity.
  std::string evidence;
  std::string stance;
};

// `found` set beside `claimed`; nothing when their units do not match (above).
std::optional<QuantityComparison> CompareQuantity(const Quantity& claimed, const Quantity& found);

// The comparison of `claimed` with the best match among `found`: equal before within before
// overlaps before off, then the smallest difference (relative when both have one), then the
// first; nothing when no unit matches.
std::optional<QuantityComparison> BestComparison(const Quantity& claimed,
                                                 const std::vector<Quantity>& found);

}  // namespace claimledger

#endif  // CLAIMLEDGER_QUANTITIES_H_
