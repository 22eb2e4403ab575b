// Rating scales and reliability grades (scale.h): pure data.
#include "claimledger/scale.h"

#include <algorithm>
#include <cmath>

#include "claimledger/error.h"
#include "codec/canonical_json.h"

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

std::string RatingScale::ToJson() const {
  nlohmann::json levels = nlohmann::json::array();
  for (const Rating& rating : ratings) {
    levels.push_back({{"label", rating.label},
                      {"rank", rating.rank ? nlohmann::json(*rating.rank) : nlohmann::json()}});
  }
  return CanonicalJson({{"name", name}, {"ratings", levels}});
}

RatingScale RatingScale::FromJson(std::string_view text) {
  const auto invalid = [](const std::string& why) {
    return Error(Code::kInvalidInput, "claimledger.scale.invalid",
                 "a rating scale is {\"name\": text, \"ratings\": [{\"label\": text, \"rank\": "
                 "integer or null}, ...]}: " +
                     why);
  };
  const nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) throw invalid("not JSON");
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

namespace {

int TruthRatingCount(const RatingScale& scale) {
  int count = 0;
  for (const Rating& rating : scale.ratings) count += rating.rank.has_value();
  return count;
}

}  // namespace

std::vector<RatingMapping> MapScale(const RatingScale& from, const RatingScale& to) {
  std::vector<const Rating*> off_axis;
  for (const Rating& rating : to.ratings) {
    if (!rating.rank) off_axis.push_back(&rating);
  }
  const bool fewer_levels = TruthRatingCount(to) < TruthRatingCount(from);
  std::vector<RatingMapping> mappings;
  for (const Rating& rating : from.ratings) {
    RatingMapping mapping{rating.label, std::nullopt, false, ""};
    if (const auto score = from.TruthScore(rating.label)) {
      double best_distance = 2.0;
      for (const Rating& target : to.ratings) {
        const auto target_score = to.TruthScore(target.label);
        if (target_score && std::abs(*target_score - *score) < best_distance) {
          best_distance = std::abs(*target_score - *score);
          mapping.to = target.label;
        }
      }
      if (!mapping.to) {
        mapping.lossy = true;
        mapping.note = "scale \"" + to.name + "\" has no truth ratings";
      } else if (best_distance > 1e-9) {
        mapping.lossy = true;
        mapping.note = "truth score " + std::to_string(*score).substr(0, 4) +
                       " has no equal on \"" + to.name + "\"; nearest taken";
      } else if (fewer_levels) {
        mapping.lossy = true;
        mapping.note = "\"" + to.name + "\" has fewer truth ratings than \"" + from.name + "\"";
      }
    } else if (to.Find(rating.label) != nullptr) {
      mapping.to = rating.label;
    } else if (off_axis.size() == 1) {
      mapping.to = off_axis.front()->label;
      mapping.lossy = true;
      mapping.note = "off the truth axis; the label changes";
    } else {
      mapping.lossy = true;
      mapping.note = "off the truth axis and \"" + to.name + "\" has no single such rating";
    }
    mappings.push_back(mapping);
  }
  return mappings;
}

ClaimReviewRating ToClaimReviewRating(const RatingScale& scale, const std::string& label) {
  ClaimReviewRating result;
  result.alternate_name = label;
  result.best_rating = std::max(1, TruthRatingCount(scale));
  result.worst_rating = 1;
  if (const auto score = scale.TruthScore(label)) {
    result.rating_value =
        1 + static_cast<int>(std::lround(*score * (result.best_rating - result.worst_rating)));
  }
  return result;
}

namespace {

// The built-in scales, in the order BuiltinScaleNames() lists them.
const std::vector<RatingScale>& BuiltinScales() {
  static const std::vector<RatingScale> kScales = {
      {"default",
       {{"true", 0},
        {"mostly-true", 1},
        {"mixed", 2},
        {"mostly-false", 3},
        {"false", 4},
        {"unproven", std::nullopt},
        {"misleading", std::nullopt}}},
      {"politifact",
       {{"true", 0},
        {"mostly-true", 1},
        {"half-true", 2},
        {"barely-true", 3},
        {"false", 4},
        {"pants-fire", 5}}},
      {"fever", {{"supports", 0}, {"refutes", 1}, {"not-enough-info", std::nullopt}}},
      {"claimskg", {{"true", 0}, {"mixture", 1}, {"false", 2}, {"other", std::nullopt}}},
  };
  return kScales;
}

}  // namespace

const std::vector<std::string>& BuiltinScaleNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const RatingScale& scale : BuiltinScales()) names.push_back(scale.name);
    return names;
  }();
  return kNames;
}

const RatingScale& BuiltinScale(const std::string& name) {
  for (const RatingScale& scale : BuiltinScales()) {
    if (scale.name == name) return scale;
  }
  std::string known;
  for (const std::string& each : BuiltinScaleNames()) known += (known.empty() ? "" : ", ") + each;
  throw Error(Code::kInvalidInput, "claimledger.scale.unknown",
              "unknown rating scale \"" + name + "\"; built-in scales are " + known);
}

}  // namespace claimledger
