// WordFlags: a fixed table of short words, each with a set of flags, for the word lists that
// the candidates and the quantity parser consult at every word of a text. Pure.
#ifndef CLAIMLEDGER_TEXT_WORD_FLAGS_H_
#define CLAIMLEDGER_TEXT_WORD_FLAGS_H_

#include <array>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace claimledger {

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

#endif  // CLAIMLEDGER_TEXT_WORD_FLAGS_H_
