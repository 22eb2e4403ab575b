// Candidates: the check-worthy sentences of a document, found by pure functions (no I/O).
//
// SplitSentences cuts UTF-8 text into sentences; FindCandidates scores each sentence from a
// few explainable features with fixed weights (below), so a fact-checker sees why a
// sentence was ranked where it is. Part of the text layer: it builds on the quantity parser
// (quantities.h) and depends on nothing but the standard library. Both run in time linear
// in the length of the text and never throw on any input (invalid UTF-8 bytes are treated
// as letters; the workbench rejects non-UTF-8 snapshots before calling them).
#ifndef CLAIMLEDGER_CANDIDATES_H_
#define CLAIMLEDGER_CANDIDATES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/quantities.h"

namespace claimledger {

// A sentence as a byte range [begin, end) of the text, without surrounding white space.
struct SentenceSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Splits `text` into sentences, in order. A sentence ends
// - at ".", "!", "?" or "…" (and any closing quotes or brackets right after it) that is
//   followed by white space and then not by a lower-case ASCII letter;
// - at a blank line (a paragraph break): so a title line without a full stop is a unit of
//   its own. A single line break is white space (wrapped text);
// - at the end of the text.
// A full stop does not end a sentence inside a number ("3.5") or a word ("U.S.A"), nor
// after a title or other abbreviation that is always followed by more ("Mr.", "Dr.", "Gen.",
// "Lt.", "No.", "e.g.", "vs."). After an abbreviation that may end a sentence (months such
// as "Jan.", "Inc.", "etc.", dotted acronyms such as "U.S.") or an initial ("Kim J. Un",
// "J. R. R. Tolkien"), the sentence ends only when the next word is a common sentence
// opener ("The", "He", "It", "But", ...). Text of white space only gives no sentence.
std::vector<SentenceSpan> SplitSentences(std::string_view text);

// One feature of a candidate and what it added to (or took from) the score.
struct CandidateFeature {
  std::string_view name;  // one of the names below, in static storage
  double weight = 0;
};

// The features and their fixed weights. Each counts once per sentence, when present:
inline constexpr double kQuantityWeight = 0.30;     // "quantity": a count, amount, percent or
                                                    //   measure (ParseQuantities, not a date)
                                                    //   with digits, a range, or of 10 or more
inline constexpr double kCountWeight = 0.10;        // "count": only small counts in words
                                                    //   ("two leaders", "a quarter")
inline constexpr double kDateWeight = 0.15;         // "date": a date, year or decade
inline constexpr double kComparisonWeight = 0.15;   // "comparison": "more than", "largest",
                                                    //   "-est", "doubled", "compared with"
inline constexpr double kAttributionWeight = 0.20;  // "attribution": "said", "according to",
                                                    //   "told", "described ... as", "reported"
inline constexpr double kNamedWeight = 0.10;        // "named": a capitalised word not first
                                                    //   in the sentence, or an acronym
inline constexpr double kHedgeWeight = -0.15;       // "hedge": "may", "might", "could",
                                                    //   "reportedly", "perhaps", ...
inline constexpr double kOpinionWeight = -0.30;     // "opinion": "I think", "seems",
                                                    //   "theatrical", "remarkable", ...
inline constexpr double kQuestionWeight = -0.40;    // "question": the sentence ends with "?"

// A sentence of the text with its check-worthiness.
struct Candidate {
  std::string text;                        // the sentence, byte for byte as in the input
  std::size_t begin = 0;                   // byte offset of the sentence in the input
  std::size_t end = 0;                     // one past its last byte
  std::size_t code_point_begin = 0;        // the same span counted in code points (Python's
  std::size_t code_point_end = 0;          //   str indices), for valid UTF-8 input
  double score = 0;                        // sum of the feature weights, clamped to [0, 1]
  std::vector<CandidateFeature> features;  // the features present, in the order listed above
  // ParseQuantities of the sentence, offsets moved to be into the whole input.
  std::vector<Quantity> quantities;
};

// Every sentence of `text` (as SplitSentences) as a candidate, in document order (sort by
// score for the most check-worthy first).
std::vector<Candidate> FindCandidates(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CANDIDATES_H_
