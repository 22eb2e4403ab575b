// The words of claim texts: for near-duplicate matching (min_hash.h, similarity.h) and for
// searching (the workbench splits a query into words; the store matches them). Pure.
#ifndef CLAIMLEDGER_TEXT_WORDS_H_
#define CLAIMLEDGER_TEXT_WORDS_H_

#include <cstddef>
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
  const auto is_digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) visit(std::string_view(word));
    word.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c >= 'a' && c <= 'z') || is_digit(c) || c >= 0x80) {
      word.push_back(static_cast<char>(c));
    } else if (c >= 'A' && c <= 'Z') {
      word.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c == ',' || c == '.') && !word.empty() &&
               is_digit(static_cast<unsigned char>(word.back())) && i + 1 < text.size() &&
               is_digit(static_cast<unsigned char>(text[i + 1]))) {
      // A comma or point between digits belongs to the number.
      if (c == '.') word.push_back('.');
    } else {
      flush();
    }
  }
  flush();
}

// The digits of a number word from one to ten ("two" -> "2"), else the word itself.
std::string_view AsDigits(std::string_view word);

// The content words of `text` (ForEachWord without the stop words), in order:
// "About 28,500 US troops" -> about 28500 us troops.
std::vector<std::string> ContentWords(std::string_view text);

// The words of a search query as they are matched: `text` split at every ASCII character
// other than a letter, a digit, an apostrophe or a hyphen (so no word holds a double quote);
// letters keep their case (matching ignores case and accents). Empty when it has no word.
std::vector<std::string> SearchWords(std::string_view text);

// The `count` longest of `words` (those holding a letter or a digit first; ties in their
// order), for looking up a claim of the same text: it holds every one of them, and long words
// are rare ones, so a full-text query of these few reads short lists where one of every word
// reads the long lists of its common words.
std::vector<std::string> LongestWords(std::vector<std::string> words, std::size_t count);

// How many of a text's words (LongestWords) the stores look up a claim of the same text by.
inline constexpr std::size_t kLookupWords = 3;

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_WORDS_H_
