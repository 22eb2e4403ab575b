// The credibility layer's rating scales and reliability grades (pure data).
#include "claimledger/scale.h"

#include <map>

#include "claimledger/error.h"

namespace claimledger {

const Rating* RatingScale::Find(const std::string& label) const {
  for (const Rating& rating : ratings) {
    if (rating.label == label) return &rating;
  }
  return nullptr;
}

std::string RatingScale::LabelList() const {
  std::string list;
  for (const Rating& rating : ratings) {
    if (!list.empty()) list += ", ";
    list += rating.label;
  }
  return list;
}

std::optional<double> RatingScale::TruthScore(const std::string& label) const {
  int worst = 0;
  for (const Rating& rating : ratings) {
    if (rating.rank) worst = std::max(worst, *rating.rank);
  }
  const Rating* rating = Find(label);
  if (rating == nullptr || !rating->rank) return std::nullopt;
  return worst == 0 ? 1.0 : 1.0 - static_cast<double>(*rating->rank) / worst;
}

nlohmann::json RatingScale::ToJson() const {
  nlohmann::json levels = nlohmann::json::array();
  for (const Rating& rating : ratings) {
    levels.push_back({{"label", rating.label},
                      {"rank", rating.rank ? nlohmann::json(*rating.rank) : nlohmann::json()}});
  }
  return {{"name", name}, {"ratings", levels}};
}

RatingScale RatingScale::FromJson(const nlohmann::json& json) {
  const auto invalid = [](const std::string& why) {
    return Error(Code::kInvalidInput, "claimledger.scale.invalid",
                 "a rating scale is {\"name\": text, \"ratings\": [{\"label\": text, \"rank\": "
                 "integer or null}, ...]}: " +
                     why);
  };
  if (!json.is_object() || !json.contains("name") || !json["name"].is_string() ||
      !json.contains("ratings") || !json["ratings"].is_array() || json["ratings"].empty()) {
    throw invalid("name or ratings missing");
  }
  RatingScale scale;
  scale.name = json["name"].get<std::string>();
  for (const auto& level : json["ratings"]) {
    if (!level.is_object() || !level.contains("label") || !level["label"].is_string() ||
        level["label"].get<std::string>().empty()) {
      throw invalid("each rating needs a non-empty label");
    }
    Rating rating{level["label"].get<std::string>(), std::nullopt};
    if (level.contains("rank") && !level["rank"].is_null()) {
      if (!level["rank"].is_number_integer() || level["rank"].get<int>() < 0) {
        throw invalid("rank of \"" + rating.label + "\" must be a non-negative integer or null");
      }
      rating.rank = level["rank"].get<int>();
    }
    if (scale.Find(rating.label) != nullptr) throw invalid("label \"" + rating.label + "\" twice");
    scale.ratings.push_back(rating);
  }
  return scale;
}

const RatingScale& BuiltinScale(const std::string& name) {
  static const std::map<std::string, RatingScale> kScales = {
      {"default",
       {"default",
        {{"true", 0},
         {"mostly-true", 1},
         {"mixed", 2},
         {"mostly-false", 3},
         {"false", 4},
         {"unproven", std::nullopt},
         {"misleading", std::nullopt}}}},
      {"politifact",
       {"politifact",
        {{"true", 0},
         {"mostly-true", 1},
         {"half-true", 2},
         {"barely-true", 3},
         {"false", 4},
         {"pants-fire", 5}}}},
      {"fever", {"fever", {{"supports", 0}, {"refutes", 1}, {"not-enough-info", std::nullopt}}}},
      {"claimskg",
       {"claimskg", {{"true", 0}, {"mixture", 1}, {"false", 2}, {"other", std::nullopt}}}},
  };
  const auto found = kScales.find(name);
  if (found == kScales.end()) {
    throw Error(Code::kInvalidInput, "claimledger.scale.unknown",
                "unknown rating scale \"" + name +
                    "\"; built-in scales are default, politifact, fever, claimskg");
  }
  return found->second;
}

std::optional<std::string> AdmiraltyGradeMeaning(const std::string& grade) {
  static const std::map<std::string, std::string> kGrades = {
      {"A", "completely reliable"}, {"B", "usually reliable"},
      {"C", "fairly reliable"},     {"D", "not usually reliable"},
      {"E", "unreliable"},          {"F", "reliability cannot be judged"}};
  const auto found = kGrades.find(grade);
  if (found == kGrades.end()) return std::nullopt;
  return found->second;
}

}  // namespace claimledger
