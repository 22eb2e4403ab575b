// The text layer's UTF-8 handling and quote anchoring. Pure functions: the workbench
// calls them to check input and to record where a quote sits in a snapshot.
#include "claimledger/text.h"

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

// Byte offset after stepping back up to `count` code points from `pos`.
std::size_t StepBack(std::string_view text, std::size_t pos, std::size_t count) {
  while (count > 0 && pos > 0) {
    --pos;
    while (pos > 0 && IsContinuation(static_cast<unsigned char>(text[pos]))) --pos;
    --count;
  }
  return pos;
}

// Byte offset after stepping forward up to `count` code points from `pos`.
std::size_t StepForward(std::string_view text, std::size_t pos, std::size_t count) {
  while (count > 0 && pos < text.size()) {
    ++pos;
    while (pos < text.size() && IsContinuation(static_cast<unsigned char>(text[pos]))) ++pos;
    --count;
  }
  return pos;
}

bool IsSpaceAt(std::string_view text, std::size_t pos, std::size_t* length) {
  const unsigned char c = static_cast<unsigned char>(text[pos]);
  if (c == ' ' || (c >= '\t' && c <= '\r')) {
    *length = 1;
    return true;
  }
  // U+00A0 no-break space, U+2000..U+200A spaces, U+202F, U+205F, U+3000.
  static const std::string_view kWide[] = {"\xC2\xA0", "\xE2\x80\xAF", "\xE2\x81\x9F",
                                           "\xE3\x80\x80"};
  for (std::string_view space : kWide) {
    if (text.substr(pos, space.size()) == space) {
      *length = space.size();
      return true;
    }
  }
  if (text.substr(pos, 2) == "\xE2\x80" && pos + 2 < text.size()) {
    const unsigned char third = static_cast<unsigned char>(text[pos + 2]);
    if (third >= 0x80 && third <= 0x8A) {
      *length = 3;
      return true;
    }
  }
  return false;
}

}  // namespace

std::size_t FirstInvalidUtf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
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

std::string_view TrimSpace(std::string_view text) {
  std::size_t length = 0;
  while (!text.empty() && IsSpaceAt(text, 0, &length)) text.remove_prefix(length);
  while (!text.empty()) {
    const std::size_t last = StepBack(text, text.size(), 1);
    if (!IsSpaceAt(text, last, &length) || last + length != text.size()) break;
    text.remove_suffix(length);
  }
  return text;
}

std::optional<Quote> AnchorQuote(std::string_view document, std::string_view quote) {
  const std::size_t at = document.find(quote);
  if (quote.empty() || at == std::string_view::npos) return std::nullopt;
  const std::size_t after = at + quote.size();
  const std::size_t prefix_begin = StepBack(document, at, kContextLength);
  const std::size_t suffix_end = StepForward(document, after, kContextLength);
  Quote anchored;
  anchored.exact = std::string(quote);
  anchored.prefix = std::string(document.substr(prefix_begin, at - prefix_begin));
  anchored.suffix = std::string(document.substr(after, suffix_end - after));
  anchored.start = CodePointCount(document.substr(0, at));
  anchored.end = anchored.start + CodePointCount(quote);
  return anchored;
}

}  // namespace claimledger
