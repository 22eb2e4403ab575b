// Rating scales for verdicts (the Admiralty grades of source reliability are in vocabulary.h).
//
// A ledger's verdict scale is fixed in its genesis event. Each rating has a label and,
// when it is a truth rating, a rank on the true-to-false axis (0 = most true); ratings
// such as "unproven" have no rank. Pure data and functions (the credibility layer).
#ifndef CLAIMLEDGER_SCALE_H_
#define CLAIMLEDGER_SCALE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

struct Rating {
  std::string label;
  std::optional<int> rank;  // 0 = most true, larger = less true; empty: not a truth rating
};

struct RatingScale {
  std::string name;
  std::vector<Rating> ratings;

  // The rating with this label, or nullptr.
  const Rating* Find(const std::string& label) const;
  // "true, mostly-true, …": the labels, for error messages.
  std::string LabelList() const;
  // The normalised truth score in [0, 1] of a label (1 = true), or nothing for a rating
  // that is not a truth rating. REQUIRES: Find(label) != nullptr.
  std::optional<double> TruthScore(const std::string& label) const;

  // The scale as canonical JSON: {"name": …, "ratings": [{"label": …, "rank": … or null}, …]},
  // as a ledger's first event records it.
  std::string ToJson() const;
  // Reads ToJson's form. Throws Error(kInvalidInput) when `text` is not a scale.
  static RatingScale FromJson(std::string_view text);
};

// How one rating of a scale reads on another scale.
struct RatingMapping {
  std::string from;
  std::optional<std::string> to;  // empty when nothing on the target scale fits
  bool lossy = false;             // true when the mapping loses information
  std::string note;               // why it is lossy (empty otherwise)
};

// Maps every rating of `from` onto `to`, explicitly: a truth rating goes to the target
// rating nearest in truth score (lossy unless the scores are equal and the target has at
// least as many truth ratings); a rating off the truth axis goes to the target rating
// with the same label, or else to the target's one rating off the axis when there is
// exactly one (lossy), or else nowhere.
std::vector<RatingMapping> MapScale(const RatingScale& from, const RatingScale& to);

// A rating as schema.org ClaimReview writes it: ratingValue from worstRating (1, the
// least true) to bestRating (the number of truth ratings); ratingValue is empty for a
// rating off the truth axis, which has only its alternateName.
struct ClaimReviewRating {
  std::optional<int> rating_value;
  int best_rating = 1;
  int worst_rating = 1;
  std::string alternate_name;
};
// REQUIRES: scale.Find(label) != nullptr.
ClaimReviewRating ToClaimReviewRating(const RatingScale& scale, const std::string& label);

// The built-in scales: "default" (true, mostly-true, mixed, mostly-false, false, plus
// unproven and misleading), "politifact", "fever", "claimskg".
// Throws Error(kInvalidInput) naming the known scales when `name` is none of them.
const RatingScale& BuiltinScale(const std::string& name);
// The names of the built-in scales: default, politifact, fever, claimskg.
const std::vector<std::string>& BuiltinScaleNames();

}  // namespace claimledger

#endif  // CLAIMLEDGER_SCALE_H_
