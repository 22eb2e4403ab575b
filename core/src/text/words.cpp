// Words (words.h).
#include "text/words.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "text/word_flags.h"

namespace claimledger {

std::string_view AsDigits(std::string_view word) {
  static const std::unordered_map<std::string_view, std::string_view> kNumbers = {
      {"one", "1"}, {"two", "2"},   {"three", "3"}, {"four", "4"}, {"five", "5"},
      {"six", "6"}, {"seven", "7"}, {"eight", "8"}, {"nine", "9"}, {"ten", "10"}};
  const auto found = kNumbers.find(word);
  return found == kNumbers.end() ? word : found->second;
}

bool IsStopWord(std::string_view word) {
  // Looked up at every word of every claim added or verified: WordFlags' one cheap hash.
  static const WordFlags* const kStopWords = [] {
    auto* words = new WordFlags();
    for (std::string_view stop :
         {"a",    "an",   "and",  "are",   "as",    "at",   "be",   "been", "by",    "for",
          "from", "had",  "has",  "have",  "in",    "is",   "it",   "its",  "of",    "on",
          "or",   "that", "the",  "their", "there", "this", "to",   "was",  "were",  "which",
          "who",  "with", "will", "would", "said",  "says", "than", "then", "these", "those"}) {
      words->Add(stop, 1);
    }
    return words;
  }();
  return kStopWords->Find(word) != 0;
}

std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> words;
  ForEachWord(text, [&](std::string_view word) {
    if (!IsStopWord(word)) words.emplace_back(word);
  });
  return words;
}

std::vector<std::string> SearchWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80 && !std::isalnum(c) && c != '\'' && c != '-') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(byte);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::vector<std::string> LongestWords(std::vector<std::string> words, std::size_t count) {
  const auto has_alnum = [](const std::string& word) {
    return std::any_of(word.begin(), word.end(), [](char byte) {
      const auto c = static_cast<unsigned char>(byte);
      return c >= 0x80 || std::isalnum(c);
    });
  };
  std::stable_sort(words.begin(), words.end(), [&](const std::string& a, const std::string& b) {
    const bool a_alnum = has_alnum(a);
    if (a_alnum != has_alnum(b)) return a_alnum;
    return a.size() > b.size();
  });
  if (words.size() > count) words.resize(count);
  return words;
}

}  // namespace claimledger
