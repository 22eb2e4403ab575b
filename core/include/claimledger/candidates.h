// Candidates: the check-worthy sentences of a document, found by pure functions (no I/O).
//
// The text is cut into sentences (text/sentences.h); FindCandidates scores each sentence from
// explainable features: a logistic model over a few sentence features (below) and a short
// list of cue words, with weights fitted on the training debates of the ClaimBuster benchmark
// by bench/fit_candidates.py, so a fact-checker sees why a sentence was ranked where it is.
// Part of the text layer: it builds on the quantity parser (quantities.h) and depends on
// nothing but the standard library. Both run in time linear in the length of the text and
// never throw on any input (invalid UTF-8 bytes are treated as letters; the workbench rejects
// non-UTF-8 snapshots before calling them).
#ifndef CLAIMLEDGER_CANDIDATES_H_
#define CLAIMLEDGER_CANDIDATES_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/quantities.h"

namespace claimledger {

// One feature of a candidate and what it added to (or took from) the score's points.
//
// Sentence features, each counted once per sentence when present:
//   "quantity"     a count, amount, percent or measure (ParseQuantities, not a date) with
//                  digits, a range, or of 10 or more
//   "count"        only small counts in words ("two leaders", "a quarter")
//   "date"         a date, year or decade
//   "comparison"   "more than", "largest", "-est", "doubled", "compared with"
//   "change"       a change over time: "rose", "cut", "doubled", "went up", "declined"
//   "record"       a public record: "voted", "signed", "vetoed", "sponsored", "bill"
//   "attribution"  a reporting verb: "said", "told", "according to", "claimed", "identifies"
//                  (an adverb such as "reportedly" is a hedge, not an attribution)
//   "named"        a capitalised word not first in the sentence, or an acronym
//   "hedge"        "may", "might", "could", "reportedly", "perhaps", ...
//   "opinion"      "I think", "I believe", "seems", "theatrical", "should", ...
//   "question"     the sentence ends with "?"
//   "promise"      "I will", "we'll", "I'm going to": a promise, not a fact
//   "short"        fewer than six words
// Cue words, named "word:" and the word ("word:percent", "word:uh"), each counted once.
struct CandidateFeature {
  std::string_view name;  // in static storage
  double weight = 0;      // its points / 1000
};

// The score from which a sentence counts as check-worthy (points >= 0). On the held-out
// ClaimBuster debates, bench/README.md gives the share of the sentences at or above it that
// are check-worthy.
inline constexpr double kCheckWorthyScore = 0.5;

// A sentence of the text with its check-worthiness.
struct Candidate {
  std::string text;                  // the sentence, byte for byte as in the input
  std::size_t begin = 0;             // byte offset of the sentence in the input
  std::size_t end = 0;               // one past its last byte
  std::size_t code_point_begin = 0;  // the same span counted in code points (Python's
  std::size_t code_point_end = 0;    //   str indices), for valid UTF-8 input
  // The model's bias plus the weights of the features present, in thousandths: an exact
  // integer sum, so sentences with the same features tie exactly.
  int points = 0;
  double score = 0;                        // 1 / (1 + exp(-points / 1000)), in (0, 1)
  std::vector<CandidateFeature> features;  // the features present: sentence features in the
                                           //   order listed above, then cue words
  // ParseQuantities of the sentence, offsets moved to be into the whole input.
  std::vector<Quantity> quantities;
  // The speaker of the transcript turn the sentence is in ("HOLT"), or empty.
  std::string speaker;
  // Who the sentence says said it: the name an attribution gives ("Chun In-bum said ...",
  // "according to the Pentagon" -> "Pentagon"), else the speaker, else empty.
  std::string said_by;
};

// Every sentence of `text` (as SplitSentences cuts it, text/sentences.h) as a candidate, in
// document order (sort by score for the most check-worthy first), except page furniture:
// share, follow, subscribe and comment prompts, "Read more", bylines ("By Jane Doe",
// "Reporting by ..."), photo credits and copyright lines ("©", "All rights reserved").
std::vector<Candidate> FindCandidates(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CANDIDATES_H_
