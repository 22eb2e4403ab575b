// Quote anchoring after the W3C Web Annotation model, pure functions (no I/O).
//
// A quote is kept as its exact text, a little context before and after it (the
// TextQuoteSelector's prefix and suffix) and its position (the TextPositionSelector's start
// and end), counted in Unicode code points from the start of the document, so that any tool
// can find it again. Finding a quote tolerates what copying text by hand changes: runs of
// white space, typographic quotes and dashes, invisible soft hyphens and zero-width spaces,
// and (when asked) letter case. What is recorded is always the document's own text.
//
// When a document is edited, ReanchorQuote says where a quote went: exact, moved, changed
// (only a close match, with the new text) or orphaned. A quote whose words differ is never
// reported as exact or moved, and an ambiguous place is never chosen silently.
#ifndef CLAIMLEDGER_ANCHOR_H_
#define CLAIMLEDGER_ANCHOR_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace claimledger {

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

struct AnchorOptions {
  // false: letters match whatever their case (ASCII, Latin-1, Latin Extended-A, Greek and
  // Cyrillic capitals fold to small letters).
  bool match_case = true;
};

enum class AnchorStatus { kFound, kNotFound, kAmbiguous };

struct AnchorResult {
  AnchorStatus status = AnchorStatus::kNotFound;
  Quote quote;                      // kFound: the place, with the document's own text
  std::size_t occurrences = 0;      // places holding the quote's text (after folding)
  std::vector<std::size_t> places;  // kAmbiguous: code point starts of the tied places
};

// Finds `selector.exact` in `document` tolerantly (white space, quote marks and dashes may
// differ, and case unless options.match_case); white space at either end
// of exact is ignored. When the text occurs more than once, the place whose surroundings
// agree longest with selector.prefix (just before it) plus selector.suffix (just after it)
// wins, and among places that agree equally one holding exact byte for byte; when that
// still leaves a tie (say a quote without prefix and suffix that occurs twice), the result
// is kAmbiguous and nothing is chosen. selector.start, end and snapshot are not used; the
// returned quote's snapshot is empty.
// REQUIRES: `document` is valid UTF-8.
AnchorResult LocateQuote(std::string_view document, const Quote& selector,
                         const AnchorOptions& options = {});

enum class ReanchorStatus {
  kExact,     // same text (after folding) at the same offset, with the same context
  kMoved,     // same text (after folding) at one other place, chosen by its context
  kChanged,   // only a close match: see kCloseSimilarity and kAnchoredSimilarity
  kOrphaned,  // gone, or the text is found at several places the context cannot tell apart
};

// "exact", "moved", "changed" or "orphaned".
const char* ReanchorStatusName(ReanchorStatus status);

// A changed quote is the text found in one of two ways:
// - where its context survives: the last kAnchorContext code points of the old prefix and
//   the first kAnchorContext of the old suffix (or the document's start or end, when the
//   quote began or ended the old document) occur at exactly one pair of places no more
//   than twice the quote's length (+ 32) apart; the text between them counts when its
//   QuoteSimilarity to the old text is at least kAnchoredSimilarity;
// - else by content alone: the one stretch of the new document with the fewest edits from
//   the old text (ties broken by context), when its similarity is at least
//   kCloseSimilarity.
inline constexpr std::size_t kAnchorContext = 16;
inline constexpr double kAnchoredSimilarity = 0.5;
inline constexpr double kCloseSimilarity = 0.8;
// The content-only search may compare every code point of the document with every code
// point of the quote (it stops early on rows that are already too far off); when the
// document's length times the quote's is above this, it is skipped (the quote is
// orphaned, and the detail says why).
inline constexpr std::size_t kMaxFuzzyCells = 200'000'000;

struct Reanchored {
  ReanchorStatus status = ReanchorStatus::kOrphaned;
  std::optional<Quote> quote;  // where it is now (all but orphaned); snapshot left empty
  double similarity = 0;       // 1 for exact and moved, QuoteSimilarity for changed
  std::string detail;          // in words: why this status
};

// Where each quote of `quotes` (anchored in an earlier version of a document) is in
// `document`, in order. Case counts; white space, quote and dash forms do not (they are
// folded as LocateQuote folds them).
// REQUIRES: `document` is valid UTF-8; no quote's exact is empty.
std::vector<Reanchored> ReanchorQuotes(std::string_view document, const std::vector<Quote>& quotes);

}  // namespace claimledger

#endif  // CLAIMLEDGER_ANCHOR_H_
