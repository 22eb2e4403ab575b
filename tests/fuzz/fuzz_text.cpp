// Fuzz target: the text layer's readers of outside input: UTF-8 checks, trimming, dates and
// quote anchoring. The input is split at NUL bytes into a document, a quote and (if there
// is a third part) an edited version of the document, which the quote is re-anchored in.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claimledger/anchor.h"
#include "text/anchor_internal.h"
#include "codec/dates.h"
#include "text/utf8.h"

namespace {

using namespace claimledger;

// The code points [start, end) of valid UTF-8 `text`.
std::string_view CodePoints(std::string_view text, std::size_t start, std::size_t end) {
  const std::size_t begin = StepForwardCodePoints(text, 0, start);
  return text.substr(begin, StepForwardCodePoints(text, begin, end - start) - begin);
}

// A quote must be the document's own text at its position, inside its context.
void CheckQuote(std::string_view document, const Quote& quote) {
  if (quote.exact.empty() || CodePoints(document, quote.start, quote.end) != quote.exact ||
      document.find(quote.prefix + quote.exact + quote.suffix) == std::string_view::npos) {
    __builtin_trap();
  }
}

std::u32string FoldedTrimmed(std::string_view text, bool match_case) {
  std::u32string folded = FoldText(text, {match_case}).text;
  if (!folded.empty() && folded.front() == U' ') folded.erase(0, 1);
  if (!folded.empty() && folded.back() == U' ') folded.pop_back();
  return folded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(bytes), size);
  const bool valid = IsValidUtf8(input);
  if (valid != (FirstInvalidUtf8(input) == std::string_view::npos)) __builtin_trap();

  if (auto date = NormaliseDate(input)) {
    // A normalised date is its own normal form.
    if (NormaliseDate(*date) != *date) __builtin_trap();
  }
  if (!valid) return 0;

  const std::string_view trimmed = TrimSpace(input);
  if (!IsValidUtf8(trimmed) || trimmed.size() > input.size()) __builtin_trap();

  const std::size_t cut = input.find('\0');
  if (cut == std::string_view::npos) return 0;
  const std::string_view document = input.substr(0, cut);
  std::string_view quote = input.substr(cut + 1);
  std::string_view edited;
  if (const std::size_t second = quote.find('\0'); second != std::string_view::npos) {
    edited = quote.substr(second + 1);
    quote = quote.substr(0, second);
  }
  const FoldedText folded = FoldText(document);
  if (folded.begin.size() != folded.text.size() || folded.end.size() != folded.text.size()) {
    __builtin_trap();
  }

  for (const bool match_case : {true, false}) {
    Quote selector;
    selector.exact = std::string(quote);
    const AnchorResult found = LocateQuote(document, selector, {match_case});
    const bool searchable = !FoldedTrimmed(quote, match_case).empty();
    if (found.status == AnchorStatus::kFound) {
      CheckQuote(document, found.quote);
      // What was found reads the same as the quote, after folding.
      if (FoldedTrimmed(found.quote.exact, match_case) != FoldedTrimmed(quote, match_case)) {
        __builtin_trap();
      }
      // Re-anchored in the same document, a quote is exactly where it was.
      if (match_case && ReanchorQuote(document, found.quote).status != ReanchorStatus::kExact) {
        __builtin_trap();
      }
      if (!edited.empty()) {
        const Reanchored again = ReanchorQuote(edited, found.quote);
        if (again.quote) CheckQuote(edited, *again.quote);
        if (again.quote.has_value() == (again.status == ReanchorStatus::kOrphaned)) {
          __builtin_trap();
        }
        const bool same =
            again.status == ReanchorStatus::kExact || again.status == ReanchorStatus::kMoved;
        if (same &&
            FoldedTrimmed(again.quote->exact, true) != FoldedTrimmed(found.quote.exact, true)) {
          __builtin_trap();  // exact or moved must be the same words
        }
        if (again.status == ReanchorStatus::kChanged && again.similarity < kAnchoredSimilarity) {
          __builtin_trap();
        }
      }
    } else if (found.status == AnchorStatus::kAmbiguous) {
      if (found.occurrences < 2 || found.places.size() < 2) __builtin_trap();
    } else if (searchable && document.find(quote) != std::string_view::npos) {
      __builtin_trap();  // the quote's exact bytes are there: it must be found
    }
  }
  return 0;
}
