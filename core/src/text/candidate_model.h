// The fitted weights of the candidates' score (candidates.h): a logistic model over the
// sentence features that FindCandidates finds and a short list of cue words, its weights
// fitted by bench/fit_candidates.py on the training debates of ClaimBuster (and chosen on its
// development debates), which writes candidate_model.cpp. Pure data.
//
// Weights are integers in thousandths, so that a sentence's points are an exact integer sum
// and sentences with the same features get exactly the same score, whatever the order of
// the sum.
#ifndef CLAIMLEDGER_TEXT_CANDIDATE_MODEL_H_
#define CLAIMLEDGER_TEXT_CANDIDATE_MODEL_H_

#include <array>
#include <cstddef>
#include <string_view>

namespace claimledger {

// The sentence features, in the order candidates list them (their names: kFeatureNames).
enum CandidateFeatureId {
  kFeatureQuantity,     // a count, amount, percent or measure with digits, a range, or >= 10
  kFeatureCount,        // only small counts in words ("two leaders")
  kFeatureDate,         // a date, year or decade
  kFeatureComparison,   // "more than", "largest", "-est", "compared with"
  kFeatureChange,       // "rose", "cut", "doubled", "went up": a change over time
  kFeatureRecord,       // "voted", "signed", "vetoed": a public record
  kFeatureAttribution,  // "said", "told", "according to", "claimed", "identifies"
  kFeatureNamed,        // a capitalised word not first in the sentence, or an acronym
  kFeatureHedge,        // "may", "might", "reportedly", "perhaps"
  kFeatureOpinion,      // "I think", "seems", "remarkable", "should"
  kFeatureQuestion,     // ends with "?"
  kFeaturePromise,      // "I will", "we're going to": a promise, not a fact
  kFeatureShort,        // fewer than six words
  kFeatureCount_,       // the number of features
};

inline constexpr std::array<std::string_view, kFeatureCount_> kFeatureNames = {
    "quantity", "count", "date",    "comparison", "change",  "record", "attribution",
    "named",    "hedge", "opinion", "question",   "promise", "short"};

// A word whose presence moves the score ("percent", "billion", "uh"), named "word:percent".
struct CueWord {
  std::string_view word;  // lower case
  std::string_view name;  // "word:" and the word, in static storage
  int points;             // thousandths
};

struct CandidateModel {
  int bias;                                // thousandths
  std::array<int, kFeatureCount_> points;  // per feature, thousandths
  const CueWord* cues;                     // sorted by word
  std::size_t cue_count;
};

// The model that FindCandidates uses (candidate_model.cpp, generated).
const CandidateModel& FittedCandidateModel();

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_CANDIDATE_MODEL_H_
