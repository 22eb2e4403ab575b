// Text: UTF-8 checks and quote anchoring, pure functions (no I/O).
//
// A quote is kept after the W3C Web Annotation model: the exact text, a little context
// before and after it (prefix, suffix) and its position, counted in Unicode code points
// from the start of the document, so that any tool can find it again.
#ifndef CLAIMLEDGER_TEXT_H_
#define CLAIMLEDGER_TEXT_H_

#include <cstddef>
#include <optional>
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

// Where a quote sits in a document.
struct Quote {
  std::string snapshot;   // content id of the document
  std::string exact;      // the quote, exactly as in the document
  std::string prefix;     // up to kContextLength code points before it
  std::string suffix;     // up to kContextLength code points after it
  std::size_t start = 0;  // code point offset of the first character of the quote
  std::size_t end = 0;    // code point offset one past its last character
};

inline constexpr std::size_t kContextLength = 32;

// Finds the first occurrence of `quote` in `document` (both valid UTF-8) and returns its
// position and context, or nothing when the document does not contain it.
// REQUIRES: quote is not empty.
std::optional<Quote> AnchorQuote(std::string_view document, std::string_view quote);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_H_
