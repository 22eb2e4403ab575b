// Text: UTF-8 checks, decoding and trimming, pure functions (no I/O), and WordFlags, a table
// of word lists looked up at every word of a text (candidates, quantities). Quote anchoring,
// which builds on them, is in anchor.h.
#ifndef CLAIMLEDGER_TEXT_H_
#define CLAIMLEDGER_TEXT_H_

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace claimledger {

// True when `text` is well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
bool IsValidUtf8(std::string_view text);

// Byte offset of the first invalid UTF-8 sequence in `text`, or npos when it is valid.
std::size_t FirstInvalidUtf8(std::string_view text);

// Number of code points in valid UTF-8 `text`.
std::size_t CodePointCount(std::string_view text);

// Trims ASCII and Unicode white space (as UTF-8) from both ends.
std::string_view TrimSpace(std::string_view text);

// Decodes the UTF-8 sequence at text[i] into *cp. Returns its length in bytes, or 0 when
// the bytes there are not well-formed UTF-8 (then *cp is left alone).
std::size_t DecodeUtf8At(std::string_view text, std::size_t i, char32_t* cp);

// True for ASCII white space (tab to carriage return, space) and the Unicode spaces: U+0085,
// U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and U+3000.
bool IsSpaceCodePoint(char32_t cp);

// Byte offset after stepping back (forward) up to `count` code points from byte `pos` of
// valid UTF-8 `text`; stops at the start (end).
std::size_t StepBackCodePoints(std::string_view text, std::size_t pos, std::size_t count);
std::size_t StepForwardCodePoints(std::string_view text, std::size_t pos, std::size_t count);

// A fixed set of short words, each with a set of flags, looked up ignoring ASCII case with one
// cheap hash and usually one comparison: for word lists consulted at every word of a text.
class WordFlags {
 public:
  static constexpr std::size_t kLongest = 16;  // longest word the table holds, in bytes
  static constexpr std::size_t kCapacity = 512;

  // Adds `flags` to those of `word` (ASCII case ignored). Throws std::length_error for a
  // word longer than kLongest or when the table already holds kCapacity words.
  void Add(std::string_view word, std::uint32_t flags);

  // The flags of `word`, ignoring ASCII case; 0 for a word not in the table.
  std::uint32_t Find(std::string_view word) const;

  // The same, and writes `word` in lower case (ASCII letters only) to `lower`, which must have
  // room for kLongest bytes; a word longer than that gives 0 and writes nothing.
  std::uint32_t FindLower(std::string_view word, char* lower) const;

 private:
  static constexpr std::size_t kSlots = 2 * kCapacity;  // a power of two
  struct Slot {
    std::array<char, kLongest> word{};  // lower case
    std::uint8_t size = 0;              // 0: an empty slot
    std::uint32_t flags = 0;
  };
  // Which (length, first byte, last byte) the words have, the bytes in lower case and cut to
  // their low five bits: most words of a text are passed over on one bit, without the hash.
  static std::size_t FilterBit(std::size_t size, char first, char last) {
    return (size * 32 + (first & 31)) * 32 + (last & 31);
  }
  std::bitset<(kLongest + 1) * 32 * 32> seen_;
  std::size_t words_ = 0;
  std::array<Slot, kSlots> slots_{};
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_H_
