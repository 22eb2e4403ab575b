// Quote anchoring: a tolerant search through a folded view of the document, the choice
// among several places by their context, and re-anchoring in an edited document (where the
// context survives, else the stretch with the fewest edits). Pure functions; the workbench
// records what they find.
#include "claimledger/anchor.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "text/anchor_internal.h"
#include "text/utf8.h"

namespace claimledger {
namespace {

// The small letter of a capital in the Latin, Greek and Cyrillic blocks that have simple
// case pairs; any other code point is returned as it is.
char32_t LowerCase(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE) return cp == 0xD7 ? cp : cp + 32;  // Latin-1 capitals, not the sign ×
  if (cp == 0x130) return 'i';                       // capital I with dot above
  if (cp == 0x178) return 0xFF;                      // Ÿ
  const bool even_capitals = (cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177);
  if (even_capitals) return cp % 2 == 0 ? cp + 1 : cp;
  const bool odd_capitals = (cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E);
  if (odd_capitals) return cp % 2 == 1 ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 32;  // Greek
  if (cp == 0x3C2) return 0x3C3;                                  // final sigma
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;                 // Cyrillic
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;
  return cp;
}

// What a code point (other than white space) becomes in the folded view; 0 drops it.
char32_t FoldCodePoint(char32_t cp, bool match_case) {
  switch (cp) {
    case 0x2018:  // ‘ ’ ‚ ‛
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x02BC:  // modifier letter apostrophe
    case 0x2032:  // prime, reversed prime
    case 0x2035:
      return '\'';
    case 0x201C:  // “ ” „ ‟
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:  // double prime, reversed double prime
    case 0x2036:
    case 0x00AB:  // « »
    case 0x00BB:
      return '"';
    case 0x2010:  // hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:  // minus sign
    case 0xFE58:  // small em dash, small hyphen-minus, fullwidth hyphen-minus
    case 0xFE63:
    case 0xFF0D:
      return '-';
    case 0x00AD:  // soft hyphen
    case 0x200B:  // zero-width space, non-joiner, joiner, word joiner, byte order mark
    case 0x200C:
    case 0x200D:
    case 0x2060:
    case 0xFEFF:
      return 0;
    default:
      return match_case ? cp : LowerCase(cp);
  }
}

// A quote to look for, folded: exact without white space at its ends, and its context.
struct FoldedSelector {
  std::u32string exact;
  std::u32string prefix;
  std::u32string suffix;
};

FoldedSelector FoldSelector(const Quote& quote, const AnchorOptions& options) {
  FoldedSelector s{FoldText(quote.exact, options).text, FoldText(quote.prefix, options).text,
                   FoldText(quote.suffix, options).text};
  // White space trimmed from exact belongs to the context it touched.
  if (!s.exact.empty() && s.exact.front() == ' ') {
    s.exact.erase(0, 1);
    if (s.prefix.empty() || s.prefix.back() != ' ') s.prefix += ' ';
  }
  if (!s.exact.empty() && s.exact.back() == ' ') {
    s.exact.pop_back();
    if (s.suffix.empty() || s.suffix.front() != ' ') s.suffix.insert(0, 1, ' ');
  }
  return s;
}

// A stretch of the folded document, [begin, end) in folded code points, with how many code
// points of the selector's prefix and suffix agree with the text around it.
struct Place {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t before = 0;
  std::size_t after = 0;
  bool identical = false;  // the document's bytes there equal the selector's exact text
};

void ScoreContext(const std::u32string& text, const FoldedSelector& s, Place* place) {
  const std::size_t p = s.prefix.size();
  while (place->before < p && place->before < place->begin &&
         text[place->begin - 1 - place->before] == s.prefix[p - 1 - place->before]) {
    ++place->before;
  }
  while (place->after < s.suffix.size() && place->end + place->after < text.size() &&
         text[place->end + place->after] == s.suffix[place->after]) {
    ++place->after;
  }
}

// Byte range of `document` that a non-empty folded stretch came from.
std::string_view Original(std::string_view document, const FoldedText& folded, const Place& place) {
  const std::size_t at = folded.begin[place.begin];
  return document.substr(at, folded.end[place.end - 1] - at);
}

// Every occurrence of the selector's folded exact text, with its context scored.
std::vector<Place> FindPlaces(std::string_view document, const FoldedText& folded,
                              const FoldedSelector& s, std::string_view exact) {
  std::vector<Place> places;
  const std::string_view trimmed = TrimSpace(exact);
  for (std::size_t at = folded.text.find(s.exact); at != std::u32string::npos;
       at = folded.text.find(s.exact, at + 1)) {
    Place place{at, at + s.exact.size()};
    ScoreContext(folded.text, s, &place);
    place.identical = Original(document, folded, place) == trimmed;
    places.push_back(place);
  }
  return places;
}

// The index of the one place whose context agrees longest (then: the one identical byte for
// byte), or nothing when several places tie.
std::optional<std::size_t> BestPlace(const std::vector<Place>& places) {
  const auto key = [](const Place& p) { return std::make_pair(p.before + p.after, p.identical); };
  std::optional<std::size_t> best;
  bool tied = false;
  for (std::size_t i = 0; i < places.size(); ++i) {
    if (!best || key(places[i]) > key(places[*best])) {
      best = i;
      tied = false;
    } else if (key(places[i]) == key(places[*best])) {
      tied = true;
    }
  }
  if (tied) return std::nullopt;
  return best;
}

Quote QuoteAt(std::string_view document, std::size_t at, std::size_t after) {
  const std::size_t prefix_begin = StepBackCodePoints(document, at, kContextLength);
  const std::size_t suffix_end = StepForwardCodePoints(document, after, kContextLength);
  Quote quote;
  quote.exact = std::string(document.substr(at, after - at));
  quote.prefix = std::string(document.substr(prefix_begin, at - prefix_begin));
  quote.suffix = std::string(document.substr(after, suffix_end - after));
  quote.start = CodePointCount(document.substr(0, at));
  quote.end = quote.start + CodePointCount(quote.exact);
  return quote;
}

Quote QuoteAt(std::string_view document, const FoldedText& folded, const Place& place) {
  const std::string_view text = Original(document, folded, place);
  const std::size_t at = static_cast<std::size_t>(text.data() - document.data());
  return QuoteAt(document, at, at + text.size());
}

std::size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({above + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = above;
    }
  }
  return row[b.size()];
}

double Similarity(const std::u32string& a, const std::u32string& b) {
  const std::size_t longer = std::max(a.size(), b.size());
  if (longer == 0) return 1;
  return 1.0 - static_cast<double>(EditDistance(a, b)) / static_cast<double>(longer);
}

void TrimPlace(const std::u32string& text, Place* place) {
  if (place->begin < place->end && text[place->begin] == ' ') ++place->begin;
  if (place->begin < place->end && text[place->end - 1] == ' ') --place->end;
}

// True when the quote's context survives right before (after) `place`: the nearest
// kAnchorContext code points of the old prefix (suffix), or the document's start (end) for a
// quote that began (ended) the old document.
bool ContextBefore(const FoldedSelector& s, const Place& place) {
  if (s.prefix.empty()) return place.begin == 0;
  return place.before >= std::min(kAnchorContext, s.prefix.size());
}
bool ContextAfter(const FoldedSelector& s, const std::u32string& text, const Place& place) {
  if (s.suffix.empty()) return place.end == text.size();
  return place.after >= std::min(kAnchorContext, s.suffix.size());
}

// The text between the surviving context (see kAnchorContext in anchor.h), when the
// context is found at exactly one pair of places close enough together.
std::optional<Place> BetweenContext(const std::u32string& text, const FoldedSelector& s) {
  const std::u32string before =
      s.prefix.substr(s.prefix.size() - std::min(kAnchorContext, s.prefix.size()));
  const std::u32string after = s.suffix.substr(0, std::min(kAnchorContext, s.suffix.size()));
  const std::size_t window = 2 * s.exact.size() + 32;
  std::vector<std::size_t> starts;
  if (before.empty()) {
    starts.push_back(0);
  } else {
    for (std::size_t at = text.find(before); at != std::u32string::npos;
         at = text.find(before, at + 1)) {
      starts.push_back(at + before.size());
    }
  }
  std::vector<Place> found;
  for (std::size_t from : starts) {
    // Only within the window, so that a common anchor costs no more than its occurrences.
    const std::u32string_view near = std::u32string_view(text).substr(from, window + after.size());
    const std::size_t gap = after.empty() ? text.size() - from : near.find(after);
    if (gap == std::u32string_view::npos || gap > window) continue;
    found.push_back(Place{from, from + gap});
  }
  if (found.size() != 1) return std::nullopt;
  TrimPlace(text, &found[0]);
  return found[0];
}

// The stretches of `text` with the fewest edits from `quote`, when that is at most
// `max_edits` (Sellers' approximate string matching: an edit distance that may start and
// end anywhere in the text, with Ukkonen's cut-off: rows past the last one within
// `max_edits` are not computed). Without overlaps, in document order; their
// `before`/`after` are left for the caller to score.
std::vector<Place> ClosestStretches(const std::u32string& text, const std::u32string& quote,
                                    std::size_t max_edits) {
  const std::size_t m = quote.size();
  const std::size_t over = max_edits + 1;  // stands for any cost above max_edits
  std::vector<std::size_t> cost(m + 2, over), start(m + 2, 0);
  std::vector<std::size_t> prev_cost(m + 2, over), prev_start(m + 2, 0);
  for (std::size_t i = 0; i <= std::min(m, max_edits); ++i) cost[i] = i;
  std::size_t last = std::min(m, max_edits);  // the last row within max_edits
  std::size_t distance = over;
  std::vector<Place> best;
  for (std::size_t j = 1; j <= text.size(); ++j) {
    std::swap(cost, prev_cost);
    std::swap(start, prev_start);
    cost[0] = 0;
    start[0] = j;
    const std::size_t rows = std::min(m, last + 1);
    for (std::size_t i = 1; i <= rows; ++i) {
      const std::size_t diagonal = prev_cost[i - 1] + (quote[i - 1] != text[j - 1]);
      const std::size_t left = prev_cost[i] + 1;  // a character of the text left out
      const std::size_t up = cost[i - 1] + 1;     // a character of the quote missing
      if (diagonal <= left && diagonal <= up) {
        cost[i] = std::min(diagonal, over);
        start[i] = prev_start[i - 1];
      } else if (left <= up) {
        cost[i] = std::min(left, over);
        start[i] = prev_start[i];
      } else {
        cost[i] = std::min(up, over);
        start[i] = start[i - 1];
      }
    }
    cost[rows + 1] = over;
    last = rows;
    while (last > 0 && cost[last] > max_edits) --last;
    if (last < m) continue;
    if (cost[m] < distance) {
      distance = cost[m];
      best.assign(1, Place{start[m], j});
    } else if (cost[m] == distance && start[m] >= best.back().end) {
      best.push_back(Place{start[m], j});
    }
  }
  for (Place& place : best) TrimPlace(text, &place);
  return best;
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }
std::string Percent(double similarity) {
  return std::to_string(static_cast<int>(similarity * 100 + 0.5)) + "%";
}

}  // namespace

FoldedText FoldText(std::string_view text, const AnchorOptions& options) {
  FoldedText folded;
  folded.text.reserve(text.size());
  folded.begin.reserve(text.size());
  folded.end.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0xFFFD;
    std::size_t length = DecodeUtf8At(text, i, &cp);
    if (length == 0) length = 1;  // not UTF-8 (see REQUIRES): the byte stands for itself
    const std::size_t next = i + length;
    char32_t folded_cp = IsSpaceCodePoint(cp) ? U' ' : FoldCodePoint(cp, options.match_case);
    if (folded_cp == U' ' && !folded.text.empty() && folded.text.back() == U' ' &&
        IsSpaceCodePoint(cp)) {
      folded.end.back() = next;  // one space for the whole run
    } else if (folded_cp != 0) {
      folded.text.push_back(folded_cp);
      folded.begin.push_back(i);
      folded.end.push_back(next);
    }
    i = next;
  }
  return folded;
}

AnchorResult LocateQuote(std::string_view document, const Quote& selector,
                         const AnchorOptions& options) {
  AnchorResult result;
  const FoldedSelector s = FoldSelector(selector, options);
  if (s.exact.empty()) return result;
  const FoldedText folded = FoldText(document, options);
  const std::vector<Place> places = FindPlaces(document, folded, s, selector.exact);
  result.occurrences = places.size();
  if (places.empty()) return result;
  if (const auto best = BestPlace(places)) {
    result.status = AnchorStatus::kFound;
    result.quote = QuoteAt(document, folded, places[*best]);
    return result;
  }
  result.status = AnchorStatus::kAmbiguous;
  const auto key = [](const Place& p) { return std::make_pair(p.before + p.after, p.identical); };
  const auto top =
      std::max_element(places.begin(), places.end(),
                       [&](const Place& a, const Place& b) { return key(a) < key(b); });
  std::size_t byte = 0, points = 0;  // places are in document order: count as we go
  for (const Place& place : places) {
    if (key(place) != key(*top)) continue;
    points += CodePointCount(document.substr(byte, folded.begin[place.begin] - byte));
    byte = folded.begin[place.begin];
    result.places.push_back(points);
  }
  return result;
}

std::optional<Quote> AnchorQuote(std::string_view document, std::string_view exact,
                                 const AnchorOptions& options) {
  Quote selector;
  selector.exact = std::string(exact);
  AnchorResult result = LocateQuote(document, selector, options);
  if (result.status != AnchorStatus::kFound) return std::nullopt;
  return std::move(result.quote);
}

double QuoteSimilarity(std::string_view a, std::string_view b) {
  return Similarity(FoldText(a).text, FoldText(b).text);
}

const char* ReanchorStatusName(ReanchorStatus status) {
  switch (status) {
    case ReanchorStatus::kExact:
      return "exact";
    case ReanchorStatus::kMoved:
      return "moved";
    case ReanchorStatus::kChanged:
      return "changed";
    case ReanchorStatus::kOrphaned:
      return "orphaned";
  }
  return "orphaned";
}

namespace {

// ReanchorQuote with the document folded (case counts) once for many quotes.
Reanchored Reanchor(std::string_view document, const FoldedText& folded, const Quote& old) {
  Reanchored result;
  const FoldedSelector s = FoldSelector(old, AnchorOptions{});
  if (s.exact.empty()) {
    result.detail = "the old quote has no text to look for";
    return result;
  }
  const std::u32string& text = folded.text;
  const auto changed = [&](const Place& place, double similarity, const std::string& how) {
    result.status = ReanchorStatus::kChanged;
    result.quote = QuoteAt(document, folded, place);
    result.similarity = similarity;
    result.detail = "only a close match (" + Percent(similarity) + " similar, " + how + "): now " +
                    Quoted(result.quote->exact);
    return result;
  };

  // 1. The same words (after folding), at the one place that the context picks.
  const std::vector<Place> places = FindPlaces(document, folded, s, old.exact);
  const std::optional<std::size_t> best = BestPlace(places);
  const Place* found = best ? &places[*best] : nullptr;

  // 2. Other words where the context survives on both sides: the quote's own place was
  // edited. This wins over the same words found where the context does not survive on both
  // sides (another sentence that happens to use them).
  if (!found || !ContextBefore(s, *found) || !ContextAfter(s, text, *found)) {
    const auto between = BetweenContext(text, s);
    if (between && between->begin < between->end && (!found || between->begin != found->begin)) {
      const double similarity =
          Similarity(s.exact, text.substr(between->begin, between->end - between->begin));
      if (similarity >= kAnchoredSimilarity) {
        return changed(*between, similarity,
                       places.empty() ? "where its context survives"
                                      : "where its context survives; the old words occur "
                                        "elsewhere, out of context");
      }
    }
  }
  if (found) {
    result.quote = QuoteAt(document, folded, *found);
    result.similarity = 1;
    const bool same_context = found->before == s.prefix.size() && found->after == s.suffix.size();
    if (result.quote->start == old.start && same_context) {
      result.status = ReanchorStatus::kExact;
      result.detail = "same text at the same place";
    } else {
      result.status = ReanchorStatus::kMoved;
      result.detail = "same text, now at code point " + std::to_string(result.quote->start) +
                      " (was " + std::to_string(old.start) + ")" +
                      (same_context ? "" : "; its context changed");
    }
    return result;
  }
  if (!places.empty()) {
    result.detail = "the text occurs " + std::to_string(places.size()) +
                    " times and its context does not tell which one is the quote";
    return result;
  }

  // 3. The stretch with the fewest edits, by content alone. A similarity of at least
  // kCloseSimilarity allows d edits with d <= (1 - kCloseSimilarity) * (m + d).
  if (text.size() > kMaxFuzzyCells / s.exact.size()) {
    result.detail = "not found; the document is too long to look for close matches";
    return result;
  }
  const double allowed = (1 - kCloseSimilarity) / kCloseSimilarity;
  const auto max_edits = static_cast<std::size_t>(allowed * static_cast<double>(s.exact.size()));
  std::vector<Place> closest = ClosestStretches(text, s.exact, max_edits);
  for (Place& place : closest) ScoreContext(text, s, &place);
  const auto nearest = BestPlace(closest);
  if (!nearest && closest.size() > 1) {
    result.detail = "not found; " + std::to_string(closest.size()) +
                    " passages are equally close and the context does not tell them apart";
    return result;
  }
  if (nearest) {
    const Place& place = closest[*nearest];
    const double similarity =
        Similarity(s.exact, text.substr(place.begin, place.end - place.begin));
    if (place.begin < place.end && similarity >= kCloseSimilarity) {
      return changed(place, similarity, "by content");
    }
  }
  result.detail = "not found, and nothing at least " + Percent(kCloseSimilarity) + " similar";
  return result;
}

}  // namespace

Reanchored ReanchorQuote(std::string_view document, const Quote& old) {
  return Reanchor(document, FoldText(document), old);
}

std::vector<Reanchored> ReanchorQuotes(std::string_view document,
                                       const std::vector<Quote>& quotes) {
  const FoldedText folded = FoldText(document);  // case counts: a change of case is a change
  std::vector<Reanchored> results;
  results.reserve(quotes.size());
  for (const Quote& quote : quotes) results.push_back(Reanchor(document, folded, quote));
  return results;
}

}  // namespace claimledger
