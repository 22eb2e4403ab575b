// Words (words.h).
#include "text/words.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "text/word_flags.h"

namespace claimledger {

bool IsUnspacedScript(char32_t cp) {
  return (cp >= 0x3005 && cp <= 0x3007) ||                  // 々 〆 〇
         (cp >= 0x3041 && cp <= 0x3098) ||                  // hiragana
         (cp >= 0x309D && cp <= 0x309F) ||                  // hiragana iteration marks, ゟ
         (cp >= 0x30A1 && cp <= 0x30FF && cp != 0x30FB) ||  // katakana but its middle dot
         (cp >= 0x31F0 && cp <= 0x31FF) ||                  // katakana phonetic extensions
         (cp >= 0x3400 && cp <= 0x4DBF) ||                  // CJK extension A
         (cp >= 0x4E00 && cp <= 0x9FFF) ||                  // CJK unified ideographs
         (cp >= 0xF900 && cp <= 0xFAFF) ||                  // CJK compatibility ideographs
         (cp >= 0xFF66 && cp <= 0xFF9F) ||                  // half-width katakana
         (cp >= 0x20000 && cp <= 0x3134F);                  // CJK extensions B to G
}

bool IsWidePunctuation(char32_t cp) {
  return (cp >= 0x3000 && cp <= 0x303F && !(cp >= 0x3005 && cp <= 0x3007)) || cp == 0x30FB ||
         (cp >= 0xFF01 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
         (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65);
}

namespace {

constexpr std::string_view kCharacterSeparator = "\xE2\x80\x8B";  // U+200B ZERO WIDTH SPACE

// Whether `text` has a byte that may start an IsUnspacedScript or IsWidePunctuation character.
bool MayHoldCharacters(std::string_view text) {
  return std::any_of(text.begin(), text.end(), [](char byte) {
    const auto c = static_cast<unsigned char>(byte);
    return c >= 0xE3 && c <= 0xF0;
  });
}

}  // namespace

std::string SeparateCharacters(std::string_view text) {
  if (!MayHoldCharacters(text)) return std::string(text);
  std::string separated;
  separated.reserve(text.size() + text.size() / 2);
  constexpr char32_t kSeparator = 0x200B;
  char32_t before = kSeparator;  // the code point before (none at the start)
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8At(text, i, &cp);
    if (length == 0) {  // not UTF-8 there: the byte as it is
      separated.push_back(text[i++]);
      before = kSeparator;
      continue;
    }
    if ((IsUnspacedScript(cp) || IsUnspacedScript(before)) && cp != kSeparator &&
        before != kSeparator) {
      separated.append(kCharacterSeparator);
    }
    separated.append(text.substr(i, length));
    before = cp;
    i += length;
  }
  return separated;
}

std::string WithoutCharacterSeparators(std::string_view snippet) {
  std::string out;
  out.reserve(snippet.size());
  for (std::size_t at = 0; at < snippet.size();) {
    const std::size_t found = snippet.find(kCharacterSeparator, at);
    out.append(snippet.substr(at, found - at));
    if (found == std::string_view::npos) break;
    at = found + kCharacterSeparator.size();
  }
  return out;
}

bool HoldsCharacterWords(std::string_view text) {
  if (!MayHoldCharacters(text)) return false;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t length = DecodeUtf8At(text, i, &cp);
    if (length > 0 && (IsUnspacedScript(cp) || IsWidePunctuation(cp))) return true;
    i += length == 0 ? 1 : length;
  }
  return false;
}

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
