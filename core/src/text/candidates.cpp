// Candidates: a sentence splitter and an explainable check-worthiness score (see
// candidates.h). One pass over the bytes finds the sentences; one pass over the words of each
// sentence finds its features, with a single table lookup per word; quantities come from
// ParseQuantities on the sentences that may hold a number. Everything is linear in the text's
// length.
#include "claimledger/candidates.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_set>

#include "text/sentences.h"
#include "text/utf8.h"
#include "text/word_flags.h"

namespace claimledger {
namespace {

bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsAsciiLetter(char c) { return IsAsciiUpper(c) || IsAsciiLower(c); }
bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

unsigned char At(std::string_view text, std::size_t i) {
  return i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
}

// Length of the white space character at `i` (ASCII, NBSP, U+2000-U+200A, U+202F, U+3000), or 0.
std::size_t SpaceLength(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (c == 0xC2 && At(text, i + 1) == 0xA0) return 2;
  if (c == 0xE2 && At(text, i + 1) == 0x80) {
    const unsigned char d = At(text, i + 2);
    if ((d >= 0x80 && d <= 0x8A) || d == 0xAF) return 3;
  }
  if (c == 0xE3 && At(text, i + 1) == 0x80 && At(text, i + 2) == 0x80) return 3;
  return 0;
}

// Length of a sentence terminator at `i` (". ! ?" or the ellipsis "…"), or 0.
std::size_t TerminatorLength(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c == '.' || c == '!' || c == '?') return 1;
  if (c == 0xE2 && At(text, i + 1) == 0x80 && At(text, i + 2) == 0xA6) return 3;
  return 0;
}

// Length of a closing quote or bracket at `i` (" ' ) ] } ’ ” »), or 0.
std::size_t CloserLength(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}') return 1;
  if (c == 0xE2 && At(text, i + 1) == 0x80 && (At(text, i + 2) == 0x99 || At(text, i + 2) == 0x9D))
    return 3;
  if (c == 0xC2 && At(text, i + 1) == 0xBB) return 2;
  return 0;
}

// Length of an opening quote or bracket at `i` (" ' ( [ ‘ “ «), or 0.
std::size_t OpenerLength(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c == '"' || c == '\'' || c == '(' || c == '[') return 1;
  if (c == 0xE2 && At(text, i + 1) == 0x80 && (At(text, i + 2) == 0x98 || At(text, i + 2) == 0x9C))
    return 3;
  if (c == 0xC2 && At(text, i + 1) == 0xAB) return 2;
  return 0;
}

// Whether the splitter must look closer at a byte: white space, a terminator, or the first
// byte of a multi-byte character (which may be a space or an ellipsis). Any other byte is
// simply part of the current sentence.
bool IsSpecial(char c) {
  static const auto kTable = [] {
    std::array<bool, 256> table{};
    for (int b = 0x80; b < 0x100; ++b) table[b] = true;
    for (unsigned char b : {' ', '\t', '\n', '\r', '\f', '\v', '.', '!', '?'}) table[b] = true;
    return table;
  }();
  return kTable[static_cast<unsigned char>(c)];
}

// What a full stop after a word means.
enum class Abbreviation { kNone, kAlways, kMaybe };

std::string Lower(std::string_view word) {
  std::string out(word);
  for (char& c : out) {
    if (IsAsciiUpper(c)) c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Classifies the word (ASCII letters and inner dots) that ends right before a full stop.
Abbreviation Classify(std::string_view token) {
  // Titles and abbreviations that are always followed by more of the sentence.
  static const std::unordered_set<std::string_view> kAlways = {
      "mr",  "mrs", "ms",  "dr",  "prof",   "gen",  "lt",   "col",  "sgt",  "capt", "cpl",
      "maj", "adm", "gov", "sen", "rep",    "rev",  "hon",  "st",   "mt",   "ft",   "fig",
      "vs",  "cf",  "e.g", "i.e", "approx", "pres", "supt", "cmdr", "brig", "pvt"};
  // Abbreviations that may also end a sentence.
  static const std::unordered_set<std::string_view> kMaybe = {
      "jan",  "feb", "mar", "apr",  "jun",  "jul", "aug", "sep", "sept", "oct",  "nov", "dec",
      "inc",  "ltd", "co",  "corp", "jr",   "sr",  "etc", "al",  "bros", "dept", "est", "govt",
      "univ", "a.m", "p.m", "ave",  "blvd", "mon", "tue", "wed", "thu",  "fri",  "sat", "sun"};
  if (token.empty()) return Abbreviation::kNone;
  if (token == "No" || token == "Nos") return Abbreviation::kAlways;  // "No. 5"; "no." ends
  const std::string lower = Lower(token);
  if (kAlways.count(lower)) return Abbreviation::kAlways;
  if (kMaybe.count(lower)) return Abbreviation::kMaybe;
  if (token.size() == 1 && IsAsciiUpper(token[0])) return Abbreviation::kMaybe;  // initial
  if (token.find('.') != std::string_view::npos) return Abbreviation::kMaybe;    // "U.S"
  return Abbreviation::kNone;
}

// The ASCII word (letters and inner dots) that ends at `end`, or "" when the word there is
// longer than an abbreviation can be or is not ASCII.
std::string_view TokenBefore(std::string_view text, std::size_t end) {
  constexpr std::size_t kLongest = 12;
  std::size_t begin = end;
  while (begin > 0 && end - begin <= kLongest &&
         (IsAsciiLetter(text[begin - 1]) || text[begin - 1] == '.')) {
    --begin;
  }
  if (end - begin > kLongest) return {};
  if (begin > 0 && static_cast<unsigned char>(text[begin - 1]) >= 0x80) return {};
  if (begin > 0 && IsAsciiDigit(text[begin - 1])) return {};
  while (begin < end && text[begin] == '.') ++begin;
  return text.substr(begin, end - begin);
}

// True when the word at `i` is one that commonly opens a sentence.
bool IsSentenceOpener(std::string_view text, std::size_t i) {
  static const std::unordered_set<std::string_view> kOpeners = {
      "The",   "A",     "An",      "He",        "She",   "It",    "They", "We",    "I",
      "You",   "This",  "That",    "These",     "Those", "There", "Here", "But",   "And",
      "Or",    "So",    "Yet",     "In",        "On",    "At",    "For",  "If",    "When",
      "While", "After", "Before",  "As",        "Its",   "His",   "Her",  "Their", "Our",
      "My",    "Then",  "However", "Meanwhile", "Still", "Also",  "Now",  "Some",  "Many",
      "Most",  "What",  "Why",     "How",       "Who",   "Where", "One",  "Both",  "Each"};
  std::size_t end = i;
  while (end < text.size() && IsAsciiLetter(text[end])) ++end;
  return kOpeners.count(text.substr(i, end - i)) > 0;
}

// Where the paragraph break starting at the '\n' at `i` ends, or npos when there is none.
std::size_t ParagraphBreakEnd(std::string_view text, std::size_t i) {
  std::size_t j = i + 1;
  while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
  return j < text.size() && text[j] == '\n' ? j + 1 : std::string_view::npos;
}

// Feature classes of a word, looked up once per word (lower case).
enum WordClass : std::uint32_t {
  kComparison = 1u << 0,       // "largest", "doubled", "compared"
  kThan = 1u << 1,             // "than": a comparison unless after "rather"
  kAttribution = 1u << 2,      // "said", "told", "reported"
  kDescribe = 1u << 3,         // "described": an attribution when "as" follows
  kHedge = 1u << 4,            // "may", "reportedly"
  kOpinion = 1u << 5,          // "seems", "remarkable"
  kFirstPersonView = 1u << 6,  // "think", "believe", "feel": opinion after "I" or "we"
  kCalendar = 1u << 7,         // month and day names: dates, not named things
  kNotSuperlative = 1u << 8,   // "interest", "protest": end in -est but compare nothing
  kNumber = 1u << 9,           // a word ParseQuantities may read as (part of) a number: "seventy"
};

const WordFlags& WordClasses() {
  static const auto* classes = [] {
    auto* map = new WordFlags();
    auto add = [map](std::uint32_t cls, std::initializer_list<std::string_view> words) {
      for (std::string_view word : words) map->Add(word, cls);
    };
    add(kComparison,
        {"most", "least", "best", "worst", "doubled", "tripled", "quadrupled", "halved", "twice",
         "compared", "outnumber", "outnumbers", "outnumbered", "surpassed", "exceeded", "exceeds"});
    add(kThan, {"than"});
    add(kAttribution,
        {"said",     "says",    "say",       "told",      "tells",  "claimed",   "claims",
         "reported", "stated",  "announced", "confirmed", "denied", "deny",      "denies",
         "insisted", "alleged", "accused",   "testified", "wrote",  "estimated", "according"});
    add(kDescribe, {"described", "describes", "describe", "describing", "called"});
    add(kHedge, {"may", "might", "could", "reportedly", "perhaps", "possibly", "allegedly",
                 "apparently", "probably", "likely", "unlikely", "maybe", "suggests"});
    add(kOpinion,
        {"seems",         "seem",        "seemed",    "seemingly", "theatrical",  "remarkable",
         "extraordinary", "astonishing", "shocking",  "stunning",  "disgraceful", "absurd",
         "ridiculous",    "outrageous",  "wonderful", "terrible",  "awful",       "brilliant",
         "shameful",      "impression",  "arguably",  "should",    "ought",       "frankly",
         "surely",        "opinion"});
    add(kFirstPersonView, {"think", "believe", "feel", "view"});
    add(kCalendar, {"january", "february", "march", "april", "may", "june", "july", "august",
                    "september", "october", "november", "december", "monday", "tuesday",
                    "wednesday", "thursday", "friday", "saturday", "sunday"});
    add(kNotSuperlative,
        {"interest", "protest", "contest", "arrest",    "request",   "suggest",  "invest",
         "honest",   "modest",  "forest",  "digest",    "harvest",   "manifest", "conquest",
         "attest",   "detest",  "midwest", "southwest", "northwest", "bequest",  "unrest",
         "latest",   "earnest", "inquest", "dishonest", "priest",    "behest",   "tempest"});
    // Every word the quantity parser reads as a number without digits (quantities.cpp):
    // sentences with none of these and no digit are not given to ParseQuantities.
    add(kNumber,
        {"zero",      "one",      "two",      "three",     "four",     "five",     "six",
         "seven",     "eight",    "nine",     "ten",       "eleven",   "twelve",   "thirteen",
         "fourteen",  "fifteen",  "sixteen",  "seventeen", "eighteen", "nineteen", "twenty",
         "thirty",    "forty",    "fifty",    "sixty",     "seventy",  "eighty",   "ninety",
         "hundred",   "thousand", "million",  "billion",   "trillion", "dozen",    "hundreds",
         "thousands", "millions", "billions", "trillions", "dozens",   "tens",     "several",
         "few",       "half",     "third",    "quarter",   "fourth",   "fifth",    "sixth",
         "seventh",   "eighth",   "ninth",    "tenth",     "halves",   "thirds",   "quarters",
         "fourths",   "fifths",   "sixths",   "sevenths",  "eighths",  "ninths",   "tenths"});
    return map;
  }();
  return *classes;
}

// Length of a word character at `i`: an ASCII letter or digit, or a non-ASCII character
// that is not white space or punctuation we know; 0 otherwise.
std::size_t WordCharLength(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c < 0x80) return IsAsciiLetter(static_cast<char>(c)) || IsAsciiDigit(static_cast<char>(c));
  if (c == 0xE2 && At(text, i + 1) == 0x80) return 0;  // spaces, dashes, quotes, ellipsis
  if (c == 0xC2 && (At(text, i + 1) == 0xA0 || At(text, i + 1) == 0xAB || At(text, i + 1) == 0xBB))
    return 0;
  return 1;  // a byte of some other character (or an invalid byte): part of a word
}

// Whether the word ends in "est", ignoring case.
bool EndsWithEst(std::string_view raw) {
  const std::size_t n = raw.size();
  return (raw[n - 3] | 0x20) == 'e' && (raw[n - 2] | 0x20) == 's' && (raw[n - 1] | 0x20) == 't';
}

// The features of a sentence found from its words.
struct WordFeatures {
  bool numeric = false;  // a digit or a number word: worth giving to ParseQuantities
  bool comparison = false, attribution = false, named = false, hedge = false;
  bool opinion = false, question = false;
};

WordFeatures ScanWords(std::string_view s) {
  WordFeatures f;
  bool& comparison = f.comparison;
  bool& attribution = f.attribution;
  bool& named = f.named;
  bool& hedge = f.hedge;
  bool& opinion = f.opinion;
  const WordFlags& classes = WordClasses();
  // The word and the one before it in lower case, in two buffers used in turn; a word longer
  // than WordFlags::kLongest bytes is left empty (no rule below looks at such a word's
  // letters).
  char buffers[2][WordFlags::kLongest];
  std::string_view prev, word;
  bool describe = false;
  std::size_t index = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    while (i < s.size()) {
      const std::size_t n = WordCharLength(s, i);
      if (n == 0) break;
      i += n;
    }
    if (i == start) {
      ++i;
      continue;
    }
    const std::string_view raw = s.substr(start, i - start);
    char* lower = buffers[index % 2];
    const std::uint32_t cls = classes.FindLower(raw, lower);
    word = raw.size() <= WordFlags::kLongest ? std::string_view(lower, raw.size()) : "";
    if ((cls & kNumber) || IsAsciiDigit(raw.front()) || IsAsciiDigit(raw.back())) {
      f.numeric = true;
    }
    if ((cls & kComparison) && !((word == "least" || word == "most") && prev == "at")) {
      comparison = true;  // but "at least", "at most" only qualify a number
    }
    if ((cls & kThan) && prev != "rather" && prev != "other") comparison = true;
    if ((cls & kAttribution) && !(word == "according" && s.substr(i, 3) != " to"))
      attribution = true;
    if (cls & kDescribe) describe = true;
    if (describe && word == "as") attribution = true;
    if ((cls & kHedge) && !(word == "may" && IsAsciiUpper(raw[0]) && index > 0)) hedge = true;
    if (cls & kOpinion) opinion = true;
    if ((cls & kFirstPersonView) && (prev == "i" || prev == "we" || prev == "my" || prev == "our"))
      opinion = true;
    // "-est" superlatives: "clearest", "largest" (not "interest" or "Budapest").
    if (raw.size() >= 6 && EndsWithEst(raw) && !(cls & kNotSuperlative) &&
        (IsAsciiLower(raw[0]) || index == 0)) {
      comparison = true;
    }
    // Named things: a capitalised word after the first, or an acronym anywhere.
    const bool capitalised = IsAsciiUpper(raw[0]) || (At(raw, 0) == 0xC3 && At(raw, 1) < 0x9F);
    if (capitalised && !named) {
      bool acronym = raw.size() >= 2 && IsAsciiUpper(raw[0]);
      for (char c : raw) acronym = acronym && (IsAsciiUpper(c) || IsAsciiDigit(c));
      if (acronym || (index > 0 && raw != "I" && !(cls & kCalendar))) named = true;
    }
    prev = word;
    ++index;
  }
  // A question: the last terminator, before any closing quotes or brackets, is "?".
  std::size_t end = s.size();
  while (end > 0) {
    if (end >= 3 && CloserLength(s, end - 3) == 3) {
      end -= 3;
    } else if (end >= 2 && CloserLength(s, end - 2) == 2) {
      end -= 2;
    } else if (CloserLength(s, end - 1) == 1) {
      end -= 1;
    } else {
      break;
    }
  }
  f.question = end > 0 && s[end - 1] == '?';
  return f;
}

// A quantity written with digits, as a range, or of ten or more ("seventy years", "hundreds of
// thousands") counts fully; a small count in words ("two leaders", "a quarter") a little.
bool IsSubstantial(const Quantity& q) {
  if (!q.value) return true;
  if (*q.value >= 10) return true;
  for (char c : q.text) {
    if (IsAsciiDigit(c)) return true;
  }
  return false;
}

// Scores a candidate from its word features and its quantities.
void Score(const WordFeatures& f, Candidate& candidate) {
  bool quantity = false, count = false, date = false;
  for (const Quantity& q : candidate.quantities) {
    if (q.unit == "date" || q.unit == "year") {
      date = true;
    } else if (IsSubstantial(q)) {
      quantity = true;
    } else {
      count = true;
    }
  }
  const struct {
    bool present;
    std::string_view name;
    double weight;
  } all[] = {
      {quantity, "quantity", kQuantityWeight},
      {count && !quantity, "count", kCountWeight},
      {date, "date", kDateWeight},
      {f.comparison, "comparison", kComparisonWeight},
      {f.attribution, "attribution", kAttributionWeight},
      {f.named, "named", kNamedWeight},
      {f.hedge, "hedge", kHedgeWeight},
      {f.opinion, "opinion", kOpinionWeight},
      {f.question, "question", kQuestionWeight},
  };
  std::size_t present = 0;
  for (const auto& feature : all) present += feature.present;
  candidate.features.reserve(present);
  double sum = 0;
  for (const auto& feature : all) {
    if (!feature.present) continue;
    candidate.features.push_back({feature.name, feature.weight});
    sum += feature.weight;
  }
  candidate.score = std::clamp(sum, 0.0, 1.0);
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> spans;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t start = kNone;  // first byte of the current sentence
  std::size_t last = 0;       // one past its last non-space byte so far
  auto close = [&] {
    if (start != kNone) spans.push_back({start, last});
    start = kNone;
  };
  std::size_t i = 0;
  while (i < text.size()) {
    if (!IsSpecial(text[i])) {  // most bytes: part of the sentence, nothing more to check
      if (start == kNone) start = i;
      last = ++i;
      continue;
    }
    if (text[i] == '\n') {
      const std::size_t after = ParagraphBreakEnd(text, i);
      if (after != kNone) {
        close();
        i = after;
        continue;
      }
    }
    if (const std::size_t space = SpaceLength(text, i)) {
      i += space;
      continue;
    }
    if (start == kNone) start = i;
    if (TerminatorLength(text, i) == 0) {
      last = ++i;
      continue;
    }
    // A run of terminators ("?!", "...") and the closing quotes or brackets after it.
    std::size_t j = i;
    while (const std::size_t n = TerminatorLength(text, j)) j += n;
    const bool lone_stop = j == i + 1 && text[i] == '.';
    std::size_t k = j;
    while (const std::size_t n = CloserLength(text, k)) k += n;
    last = k;
    const std::size_t terminator = i;
    i = k;
    if (k == text.size()) break;
    if (SpaceLength(text, k) == 0) continue;  // "3.5", "U.S.A", "word.Next"
    // The next word, past white space and opening quotes; a paragraph break always ends.
    std::size_t next = k;
    while (next < text.size()) {
      if (text[next] == '\n' && ParagraphBreakEnd(text, next) != kNone) break;
      const std::size_t n = SpaceLength(text, next);
      if (n == 0) break;
      next += n;
    }
    if (next < text.size() && text[next] == '\n') continue;  // the break closes it
    while (const std::size_t n = OpenerLength(text, next)) next += n;
    if (next < text.size() && IsAsciiLower(text[next])) continue;  // "e.g. this", "? he said"
    if (lone_stop) {
      const Abbreviation kind = Classify(TokenBefore(text, terminator));
      if (kind == Abbreviation::kAlways) continue;
      if (kind == Abbreviation::kMaybe && !IsSentenceOpener(text, next)) continue;
    }
    close();
  }
  close();
  return spans;
}

std::vector<Candidate> FindCandidates(std::string_view text) {
  const std::vector<SentenceSpan> spans = SplitSentences(text);
  std::vector<Candidate> candidates(spans.size());
  std::size_t byte = 0, points = 0;  // a byte offset and the code points before it
  for (std::size_t n = 0; n < spans.size(); ++n) {
    const SentenceSpan& span = spans[n];
    Candidate& candidate = candidates[n];
    const std::string_view sentence = text.substr(span.begin, span.end - span.begin);
    candidate.begin = span.begin;
    candidate.end = span.end;
    candidate.text.assign(sentence);
    points += CodePointCount(text.substr(byte, span.begin - byte));
    candidate.code_point_begin = points;
    points += CodePointCount(sentence);
    candidate.code_point_end = points;
    byte = span.end;
    const WordFeatures features = ScanWords(sentence);
    // The quantity parser is the slow part: only sentences that may hold a number see it.
    if (features.numeric) {
      candidate.quantities = ParseQuantities(sentence);
      for (Quantity& q : candidate.quantities) {
        q.begin += span.begin;
        q.end += span.begin;
      }
    }
    Score(features, candidate);
  }
  return candidates;
}

}  // namespace claimledger
