// The vocabularies (vocabulary.h); the event types are those of codec/events.h.
#include "claimledger/vocabulary.h"

#include "claimledger/anchor.h"
#include "codec/events.h"

namespace claimledger {

const std::vector<std::string>& ClaimStatuses() {
  static const std::vector<std::string> kStatuses = {"new", "published-elsewhere", "in-progress",
                                                     "reviewed", "published"};
  return kStatuses;
}

const std::vector<std::string>& Stances() {
  static const std::vector<std::string> kStances = {"supports", "refutes", "context"};
  return kStances;
}

const std::vector<std::string>& SourceKinds() {
  static const std::vector<std::string> kKinds = {"outlet", "person", "organisation",
                                                  "official-record", "dataset"};
  return kKinds;
}

const std::vector<Grade>& ReliabilityGrades() {
  static const std::vector<Grade> kGrades = {
      {"A", "completely reliable"}, {"B", "usually reliable"},
      {"C", "fairly reliable"},     {"D", "not usually reliable"},
      {"E", "unreliable"},          {"F", "reliability cannot be judged"}};
  return kGrades;
}

const std::vector<Grade>& CredibilityGrades() {
  static const std::vector<Grade> kGrades = {{"1", "confirmed"},     {"2", "probably true"},
                                             {"3", "possibly true"}, {"4", "doubtful"},
                                             {"5", "improbable"},    {"6", "cannot be judged"}};
  return kGrades;
}

std::optional<std::string> GradeMeaning(const std::vector<Grade>& grades, std::string_view code) {
  for (const Grade& grade : grades) {
    if (grade.code == code) return grade.meaning;
  }
  return std::nullopt;
}

const std::vector<std::string>& ReanchorStatuses() {
  static const std::vector<std::string> kStatuses = [] {
    std::vector<std::string> names;
    for (ReanchorStatus status : {ReanchorStatus::kExact, ReanchorStatus::kMoved,
                                  ReanchorStatus::kChanged, ReanchorStatus::kOrphaned}) {
      names.emplace_back(ReanchorStatusName(status));
    }
    return names;
  }();
  return kStatuses;
}

const std::vector<std::string>& EventTypeNames() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> names;
    for (int type = 0; type < kEventTypeCount; ++type) {
      names.emplace_back(EventTypeName(static_cast<EventType>(type)));
    }
    return names;
  }();
  return kTypes;
}

}  // namespace claimledger
