// Rating scales for verdicts and the Admiralty grades for source reliability.
//
// A ledger's verdict scale is fixed in its genesis event. Each rating has a label and,
// when it is a truth rating, a rank on the true-to-false axis (0 = most true); ratings
// such as "unproven" have no rank. Pure data and functions (the credibility layer).
#ifndef CLAIMLEDGER_SCALE_H_
#define CLAIMLEDGER_SCALE_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
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

  nlohmann::json ToJson() const;
  // Throws Error(kInvalidInput) when `json` is not a scale.
  static RatingScale FromJson(const nlohmann::json& json);
};

// The built-in scales: "default" (true, mostly-true, mixed, mostly-false, false, plus
// unproven and misleading), "politifact", "fever", "claimskg".
// Throws Error(kInvalidInput) naming the known scales when `name` is none of them.
const RatingScale& BuiltinScale(const std::string& name);

// Source reliability on the Admiralty scale: "A" (completely reliable) to "F" (cannot
// be judged). Returns the grade's meaning, or nothing when `grade` is not A–F.
std::optional<std::string> AdmiraltyGradeMeaning(const std::string& grade);

}  // namespace claimledger

#endif  // CLAIMLEDGER_SCALE_H_
