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
//   the unit after the second amount; a per-cent unit may stand after both ("3% to 5%", "40
//   per cent to 45 per cent"). A scale or currency written once applies to both ends:
//   "$5-10 million", "$2 to $3 billion", "€2 to 3 million"; but not to a number written in
//   full or one that would then pass the other end: "between 240,000 and 3.5 million" is
//   240000-3500000, "between 500 and 3 million" 500-3000000. An "A to B" with A >= B is not a
//   range ("ruled 5 to 4", "a 2 to 2 draw") and gives two quantities. Each end may have its
//   own qualifier, and the range takes the first end's (else the second's): "between about
//   2,000 and 3,000" and "from 240,000 to as many as 3.5 million" are one range each, with
//   qualifier "about" and "as many as". A vague end joins too when no unit comes between:
//   "a few hundred thousand to about one million" is 200000-1000000 (qualifier "a few"),
//   "thousands to tens of thousands of people" 1000-99999 people; "several hundred troops to
//   12 bases" stays two quantities.
// - Decades: "1990s" is 1990-1999. A year ending in 00 before 2000 names a century: "1800s"
//   is 1800-1899. "early", "mid" and "late" narrow the span to its first, middle and last
//   part (1990-1993, 1993-1996, 1996-1999) and become the qualifier. The span is the decade
//   itself: "1990s" in "in the 1990s".
// - Years: a plain four-digit number 1000-2100 is a year (unit "year") after "in", "since",
//   "from", "until", "till", "during", "before", "after", "by", "year" or a month name, and
//   at both ends of a range unless a noun follows ("between 1500 and 2000 troops").
//   "1950-53" is 1950-1953. "from A to B" (also "until", "through", "till" or a dash) is a
//   range of years, span "from" included.
// - "from A to B" otherwise is one range too, span "from" included, with the qualifier after
//   "from": "from about 240,000 to 3.5 million deaths", "from 2 to 3 per cent". It is a change
//   instead, giving two quantities (A, and B with the unit), when a word of change comes within
//   the three words before "from" ("rose", "fell", "cut", "went", "up", "down", ...:
//   kChangeWords): "rose from 3 to 5 percent", "climbed steadily from 3 to 5 percent"; unless a
//   word of range comes just before "from" ("range(s|d)", "ranging", "vary", "varies",
//   "varied", "varying", "anywhere"): "prices ranging from $2 to $3 billion" is one range.
// - Dates: the unit is "date" and the number is written yyyymmdd, so that a date's precision is
//   its span. A day, "30 September 1990", "October 21, 2024" or "2024-10-21", is a value
//   (19900930, 20241021); a month, "June 2024" or "Sept. 2024", is the range of its days
//   (20240601-20240630; February counts 29 days in leap years); a year alone is unit "year"
//   (above). Punctuation may follow the year ("on 19 June 2024, the"); a word or dash glued to
//   it may not. A day and month without a year ("21 October") is skipped.
// - Units: a currency symbol, code or word gives the ISO code ("USD", "EUR", "GBP", ...);
//   "%", "percent", "per cent" give "percent"; fractions give "fraction". Otherwise the unit
//   is the next word when it is a plain lower-case noun: not a stop word, not a number word,
//   not a past tense ("killed"). Up to two capitalised words before that noun are skipped and
//   kept in the span: "28,500 US troops" -> "troops". A few units have two words
//   (kTwoWordUnits): "28,500 service members", "1,000 square kilometres". Letters glued to the
//   digits are the unit ("5km" -> "km"; "5pc" and "5pct" are "percent"), as is a hyphenated
//   word ("10-year" -> "year").
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
// - Scale abbreviations: "bn", "mn", "tn", "trn" always; "m", "k", "b" after a currency
//   ("$40m", "£300m"), or in lower case before a plural noun ("3.5m deaths", "12k troops",
//   "1.2m US voters", "3.5m people"); a lower-case "k" is a thousand anywhere ("up from 9k");
//   but none of them when "a" or "an" comes before the number. Otherwise they are the unit:
//   "a 40m wall", "rose 3.5m overnight" (metres), "a 5k race".
// - Qualifiers are phrases before the amount (kQualifiers), kept in lower case with single
//   spaces: "about", "roughly", "nearly", "up to", "as many as", "more than", "in excess of",
//   "slightly more than", "a little over", ....
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
