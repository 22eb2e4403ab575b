// The words of claim texts: for near-duplicate matching (min_hash.h, similarity.h) and for
// searching (the workbench splits a query into words; the store matches them). Pure.
#ifndef CLAIMLEDGER_TEXT_WORDS_H_
#define CLAIMLEDGER_TEXT_WORDS_H_

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

// True for the common function words that tell claims apart least ("the", "of", "said").
bool IsStopWord(std::string_view word);

// Calls `visit(word)` for each word of `text` (lower case, numbers without thousands
// separators: 28,500 -> 28500, 1.2 stays), in order, stop words included. Bytes of UTF-8
// sequences count as letters. The view is valid during the call only.
template <typename Visit>
void ForEachWord(std::string_view text, Visit&& visit) {
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) visit(std::string_view(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    // A comma or point between digits belongs to the number.
    const bool inside_number = (c == ',' || c == '.') && !word.empty() &&
                               std::isdigit(static_cast<unsigned char>(word.back())) &&
                               i + 1 < text.size() &&
                               std::isdigit(static_cast<unsigned char>(text[i + 1]));
    if (inside_number) {
      if (c == '.') word.push_back('.');
    } else if (std::isalnum(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
}

// The content words of `text` (ForEachWord without the stop words), in order:
// "About 28,500 US troops" -> about 28500 us troops.
std::vector<std::string> ContentWords(std::string_view text);

// The words of a search query as they are matched: `text` split at every ASCII character
// other than a letter, a digit, an apostrophe or a hyphen (so no word holds a double quote);
// letters keep their case (matching ignores case and accents). Empty when it has no word.
std::vector<std::string> SearchWords(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_WORDS_H_
