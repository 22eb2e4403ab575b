// UTF-8 (utf8.h).
#include "text/utf8.h"

#include <cstdint>
#include <cstring>

namespace claimledger {
namespace {

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is invalid.
std::size_t SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return 1;
  std::size_t length;
  unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;   // no overlong forms
    if (lead == 0xED) high = 0x9F;  // no UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;   // no overlong forms
    if (lead == 0xF4) high = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(1) < low || byte(1) > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if (!IsContinuation(byte(k))) return 0;
  }
  return length;
}

}  // namespace
std::size_t FirstInvalidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    // Eight ASCII bytes at a time while there are (most text), then one sequence.
    for (std::uint64_t word; i + 8 <= text.size(); i += 8) {
      std::memcpy(&word, text.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
    }
    if (i == text.size()) break;
    const std::size_t length = SequenceLength(text, i);
    if (length == 0) return i;
    i += length;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view text) { return FirstInvalidUtf8(text) == std::string_view::npos; }

std::size_t CodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if (!IsContinuation(c)) ++count;
  }
  return count;
}

std::size_t DecodeUtf8At(std::string_view text, std::size_t i, char32_t* cp) {
  if (i >= text.size()) return 0;
  const std::size_t length = SequenceLength(text, i);
  if (length == 0) return 0;
  static constexpr unsigned char kLeadMask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
  char32_t value = static_cast<unsigned char>(text[i]) & kLeadMask[length];
  for (std::size_t k = 1; k < length; ++k) {
    value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  *cp = value;
  return length;
}

bool IsSpaceCodePoint(char32_t cp) {
  return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

std::size_t StepBackCodePoints(std::string_view text, std::size_t pos, std::size_t count) {
  while (count > 0 && pos > 0) {
    --pos;
    while (pos > 0 && IsContinuation(static_cast<unsigned char>(text[pos]))) --pos;
    --count;
  }
  return pos;
}

std::size_t StepForwardCodePoints(std::string_view text, std::size_t pos, std::size_t count) {
  while (count > 0 && pos < text.size()) {
    ++pos;
    while (pos < text.size() && IsContinuation(static_cast<unsigned char>(text[pos]))) ++pos;
    --count;
  }
  return pos;
}

std::string_view TrimSpace(std::string_view text) {
  // Trims whole code points; a stray byte that is not UTF-8 stops the trimming.
  const auto space_at = [&](std::size_t i, std::size_t* length) {
    char32_t cp = 0;
    *length = DecodeUtf8At(text, i, &cp);
    return *length != 0 && IsSpaceCodePoint(cp);
  };
  std::size_t length = 0;
  while (!text.empty() && space_at(0, &length)) text.remove_prefix(length);
  while (!text.empty()) {
    const std::size_t last = StepBackCodePoints(text, text.size(), 1);
    if (!space_at(last, &length) || last + length != text.size()) break;
    text.remove_suffix(length);
  }
  return text;
}

}  // namespace claimledger
