// The words of claim texts: for near-duplicate matching (min_hash.h, similarity.h) and for
// searching (the workbench splits a query into words; the store matches them). Pure.
#ifndef CLAIMLEDGER_TEXT_WORDS_H_
#define CLAIMLEDGER_TEXT_WORDS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace claimledger {

// True for the characters of scripts written without spaces between words: Chinese characters
// (the CJK unified ideographs, their extensions and compatibility forms) and Japanese kana. A
// word tokenizer cannot tell their words apart, so they are read character by character: the
// search indexes hold each as a word of its own (SeparateCharacters), near-duplicate matching
// takes each two side by side as a word (ForEachWord).
bool IsUnspacedScript(char32_t cp);

// True for the punctuation of Chinese and Japanese text (the CJK symbols and punctuation block
// but its iteration marks, full-width punctuation, the katakana middle dot): it parts words.
bool IsWidePunctuation(char32_t cp);

// `text` with U+200B ZERO WIDTH SPACE before and after each IsUnspacedScript character (but at
// the ends, and where one is already), as the search indexes read it: FTS5's unicode61
// tokenizer parts words there, so each character is a word of the index, a number beside one is
// a word of its own, and a query of several characters is a phrase of them, which matches them
// side by side ("士兵" and "28500" find "约28500名士兵"). The same text when it has none; the
// same again for a text parted already.
std::string SeparateCharacters(std::string_view text);

// `snippet` without U+200B: a snippet cut from a text of SeparateCharacters as it was written.
std::string WithoutCharacterSeparators(std::string_view snippet);

// True when `text` holds a character of IsUnspacedScript or IsWidePunctuation: its words and
// search rows are read differently since ledger schema 7 (desk version 3), which re-reads them.
bool HoldsCharacterWords(std::string_view text);

// True for the common function words that tell claims apart least ("the", "of", "said").
bool IsStopWord(std::string_view word);

// Calls `visit(word)` for each word of `text` (lower case, numbers without thousands
// separators: 28,500 -> 28500, 1.2 stays), in order, stop words included. Bytes of UTF-8
// sequences count as letters, but for Chinese and Japanese text (IsUnspacedScript): each two of
// its characters side by side are a word ("美国军队" -> 美国, 国军, 军队; one alone is a word),
// and its punctuation parts words (IsWidePunctuation). With `character_words` false, a run of
// those characters is one word and their punctuation a letter, as ledgers of schema 6 and older
// (desks of version 2 and older) read them. The view is valid during the call only.
template <typename Visit>
void ForEachWord(std::string_view text, Visit&& visit, bool character_words = true) {
  const auto is_digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) visit(std::string_view(word));
    word.clear();
  };
  std::string_view character;  // the IsUnspacedScript character before, if any
  bool single = false;         // whether it stands alone so far
  const auto end_characters = [&] {
    if (single) visit(character);
    character = {};
    single = false;
  };
  std::string pair;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (character_words && c >= 0xE3 && c <= 0xF0) {  // the lead bytes of U+3000..U+3FFFF
      char32_t cp = 0;
      const std::size_t length = DecodeUtf8At(text, i, &cp);
      if (length > 0 && IsUnspacedScript(cp)) {
        flush();
        const std::string_view next = text.substr(i, length);
        if (character.empty()) {
          single = true;
        } else {
          pair.assign(character).append(next);
          visit(std::string_view(pair));
          single = false;
        }
        character = next;
        i += length - 1;
        continue;
      }
      end_characters();
      if (length > 0 && IsWidePunctuation(cp)) {
        flush();
        i += length - 1;
        continue;
      }
    } else if (!character.empty()) {
      end_characters();
    }
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
  end_characters();
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
