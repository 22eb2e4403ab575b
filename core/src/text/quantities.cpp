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
#include "claimledger/quantities.h"

#include "text/quantity_parser.h"

namespace claimledger {

std::vector<Quantity> ParseQuantities(std::string_view text) {
  try {
    return quantity_parsing::Parser(text).Run();
  } catch (...) {  // only std::bad_alloc can get here; the contract is to never throw
    return {};
  }
}

}  // namespace claimledger
