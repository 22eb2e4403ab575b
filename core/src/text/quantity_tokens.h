// The quantity parser's tokens (quantities.cpp tells how the parser works): the input split into
// words, numbers, symbols and junk in one pass, with byte offsets, and the character classes
// the tokenizer and the rules share. Pure; internal to the text layer.
#ifndef CLAIMLEDGER_TEXT_QUANTITY_TOKENS_H_
#define CLAIMLEDGER_TEXT_QUANTITY_TOKENS_H_

#include <cstddef>
#include <string_view>
#include <vector>

namespace claimledger::quantity_parsing {

// ---------------------------------------------------------------------------------------------
// Characters

inline constexpr char32_t kEnDash = 0x2013;
inline constexpr char32_t kEmDash = 0x2014;
inline constexpr char32_t kRightSingleQuote = 0x2019;
inline constexpr char32_t kMinusSign = 0x2212;

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsAsciiLetter(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
inline char ToLower(char c) { return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

inline bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

inline bool EndsWith(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && word.substr(word.size() - suffix.size()) == suffix;
}

// A rough letter test for non-ASCII code points: everything outside the punctuation and symbol
// blocks counts as a letter, so "cafés" or "Zürich" stay one word.
inline bool IsUnicodeLetter(char32_t cp) {
  if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7) return false;  // Latin-1 signs: £ ¥ ° « × ÷
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;           // punctuation, currency, arrows, maths
  if (cp >= 0x3000 && cp <= 0x303F) return false;           // CJK punctuation
  if (cp >= 0x1F000) return false;                          // emoji and pictographs
  return true;
}

// ---------------------------------------------------------------------------------------------
// Tokens

enum class Kind { kWord, kNumber, kSymbol, kJunk };

inline constexpr int kMaxDigits = 15;  // longer digit runs are identifiers, and would not be exact

struct Token {
  Kind kind = Kind::kJunk;
  std::size_t begin = 0;
  std::size_t end = 0;
  bool spaced = true;   // whitespace or the start of the text comes right before the token
  char32_t symbol = 0;  // kSymbol: its code point
  // kNumber only: "28,500.75" has mantissa 2850075, int_digits 5, decimals 2, grouped.
  bool well_formed = false;  // false for "1.2.3", "10:30", "3/4", "1,23", over-long runs
  bool grouped = false;      // written with thousands separators
  int int_digits = 0;
  int decimals = 0;
  double mantissa = 0;
};

std::vector<Token> Tokenize(std::string_view text);

}  // namespace claimledger::quantity_parsing

#endif  // CLAIMLEDGER_TEXT_QUANTITY_TOKENS_H_
