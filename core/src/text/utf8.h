// UTF-8: checks, decoding, stepping and trimming, and what counts as white space. Pure
// functions (no I/O): the workbench checks input with them, quote anchoring (anchor.h), the
// candidates and the quantity parser walk documents with them.
#ifndef CLAIMLEDGER_TEXT_UTF8_H_
#define CLAIMLEDGER_TEXT_UTF8_H_

#include <cstddef>
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

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_UTF8_H_
