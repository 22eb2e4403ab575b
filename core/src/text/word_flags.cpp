// WordFlags (word_flags.h): open addressing on an FNV-1a hash of the lower-case word, behind a
// bit filter on (length, first byte, last byte).
#include "text/word_flags.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace claimledger {
namespace {

constexpr std::uint32_t kFnvBasis = 2166136261u;
constexpr std::uint32_t kFnvPrime = 16777619u;

char LowerAscii(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

void WordFlags::Add(std::string_view word, std::uint32_t flags) {
  if (word.empty() || word.size() > kLongest) {
    throw std::length_error("WordFlags: a word of 1 to 16 bytes expected, not \"" +
                            std::string(word) + "\"");
  }
  char lower[kLongest];
  std::uint32_t hash = kFnvBasis;
  for (std::size_t i = 0; i < word.size(); ++i) {
    lower[i] = LowerAscii(word[i]);
    hash = (hash ^ static_cast<unsigned char>(lower[i])) * kFnvPrime;
  }
  std::size_t k = hash & (kSlots - 1);
  for (;; k = (k + 1) & (kSlots - 1)) {
    Slot& slot = slots_[k];
    if (slot.size == word.size() && std::memcmp(slot.word.data(), lower, word.size()) == 0) {
      slot.flags |= flags;
      return;
    }
    if (slot.size == 0) break;
  }
  if (words_ == kCapacity) throw std::length_error("WordFlags: table full");
  std::memcpy(slots_[k].word.data(), lower, word.size());
  seen_.set(FilterBit(word.size(), lower[0], lower[word.size() - 1]));
  slots_[k].size = static_cast<std::uint8_t>(word.size());
  slots_[k].flags = flags;
  ++words_;
}

std::uint32_t WordFlags::FindLower(std::string_view word, char* lower) const {
  if (word.empty() || word.size() > kLongest) return 0;
  for (std::size_t i = 0; i < word.size(); ++i) lower[i] = LowerAscii(word[i]);
  if (!seen_.test(FilterBit(word.size(), lower[0], lower[word.size() - 1]))) return 0;
  std::uint32_t hash = kFnvBasis;
  for (std::size_t i = 0; i < word.size(); ++i) {
    hash = (hash ^ static_cast<unsigned char>(lower[i])) * kFnvPrime;
  }
  for (std::size_t k = hash & (kSlots - 1); slots_[k].size != 0; k = (k + 1) & (kSlots - 1)) {
    const Slot& slot = slots_[k];
    if (slot.size == word.size() && std::memcmp(slot.word.data(), lower, word.size()) == 0) {
      return slot.flags;
    }
  }
  return 0;
}

std::uint32_t WordFlags::Find(std::string_view word) const {
  char lower[kLongest];
  return FindLower(word, lower);
}

}  // namespace claimledger
