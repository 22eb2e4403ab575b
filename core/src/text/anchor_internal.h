// The parts of quote anchoring (claimledger/anchor.h) that its tests check on their own: the
// folded view of a text that tolerant matching compares, finding one exact text, the
// similarity of two quotes and re-anchoring one quote. Defined in anchor.cpp. Pure.
#ifndef CLAIMLEDGER_TEXT_ANCHOR_INTERNAL_H_
#define CLAIMLEDGER_TEXT_ANCHOR_INTERNAL_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/anchor.h"

namespace claimledger {

// The normalised view of a text that tolerant matching compares: each run of white space
// (ASCII and Unicode) becomes one ' '; typographic single quotes, the modifier apostrophe
// and primes become '; typographic double quotes, double primes and guillemets become ";
// the Unicode hyphens, dashes and the minus sign become -; soft hyphens, zero-width spaces
// and joiners and the byte order mark are dropped; letters are lower-cased unless
// options.match_case. `begin[i]` and `end[i]` are the byte range of the original text that
// text[i] came from, so a match maps back to the original's own text.
struct FoldedText {
  std::u32string text;
  std::vector<std::size_t> begin;
  std::vector<std::size_t> end;
};

// REQUIRES: `text` is valid UTF-8.
FoldedText FoldText(std::string_view text, const AnchorOptions& options = {});

// LocateQuote with only an exact text: the quote when found at one place, else nothing.
std::optional<Quote> AnchorQuote(std::string_view document, std::string_view exact,
                                 const AnchorOptions& options = {});

// How alike two texts are, in [0, 1]: 1 - (edit distance between their folded forms, in
// code points) / (the longer one's length). Case counts. 1 for two empty texts.
double QuoteSimilarity(std::string_view a, std::string_view b);

// Where the quote `old` (anchored in an earlier version of a document) is in `document`.
// Case counts; white space, quote and dash forms do not (see FoldText).
// REQUIRES: `document` is valid UTF-8; old.exact is not empty.
Reanchored ReanchorQuote(std::string_view document, const Quote& old);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_ANCHOR_INTERNAL_H_
