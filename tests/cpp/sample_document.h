// A short news text that the anchoring tests of the text layer and of the workbench quote
// from and edit (written for these tests).
#ifndef CLAIMLEDGER_TESTS_CPP_SAMPLE_DOCUMENT_H_
#define CLAIMLEDGER_TESTS_CPP_SAMPLE_DOCUMENT_H_

#include <string>
#include <string_view>

namespace claimledger::testing_util {

inline constexpr char kOld[] =
    "SEOUL (Reuters) - The United States keeps approximately 28,500 troops in South Korea, "
    "a legacy of the 1950-1953 Korean War. Officials said the number would not change.";

// kOld with the first `from` replaced by `to`: the source's edit.
inline std::string Edited(std::string_view from, std::string_view to) {
  std::string edited = kOld;
  edited.replace(edited.find(from), from.size(), to);
  return edited;
}

}  // namespace claimledger::testing_util

#endif  // CLAIMLEDGER_TESTS_CPP_SAMPLE_DOCUMENT_H_
