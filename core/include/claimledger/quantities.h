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

}  // namespace claimledger

#endif  // CLAIMLEDGER_QUANTITIES_H_
