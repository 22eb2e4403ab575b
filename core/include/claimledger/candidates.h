// Candidates: the check-worthy sentences of a document, found by pure functions (no I/O).
//
// The text is cut into sentences (text/sentences.h); FindCandidates scores each sentence from a
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

// Every sentence of `text` (as SplitSentences cuts it, text/sentences.h) as a candidate, in
// document order (sort by score for the most check-worthy first).
std::vector<Candidate> FindCandidates(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CANDIDATES_H_
