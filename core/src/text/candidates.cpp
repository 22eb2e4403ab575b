// Candidates: a sentence splitter and an explainable check-worthiness score (see
// candidates.h). One pass over the bytes finds the sentences; one pass over the words of each
// sentence finds its features, with a single table lookup per word; quantities come from
// ParseQuantities on the sentences that may hold a number. Everything is linear in the text's
// length.
#include "claimledger/candidates.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "text/candidate_model.h"
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

// Whether the character at `i` is a full stop, exclamation or question mark of Chinese and
// Japanese ("。", "！", "？"), which ends a sentence with no space after it.
bool IsIdeographicTerminator(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c == 0xE3) return At(text, i + 1) == 0x80 && At(text, i + 2) == 0x82;
  return c == 0xEF && At(text, i + 1) == 0xBC &&
         (At(text, i + 2) == 0x81 || At(text, i + 2) == 0x9F);
}

// Length of a sentence terminator at `i`, or 0: ". ! ?", the ellipsis "…", the ideographic
// "。！？", the Devanagari danda "।" and double danda "॥", the Arabic question mark "؟" and
// full stop "۔".
std::size_t TerminatorLength(std::string_view text, std::size_t i) {
  const unsigned char c = At(text, i);
  if (c == '.' || c == '!' || c == '?') return 1;
  if (c == 0xE2 && At(text, i + 1) == 0x80 && At(text, i + 2) == 0xA6) return 3;
  if (IsIdeographicTerminator(text, i)) return 3;
  if (c == 0xE0 && At(text, i + 1) == 0xA5 && (At(text, i + 2) == 0xA4 || At(text, i + 2) == 0xA5))
    return 3;
  if ((c == 0xD8 && At(text, i + 1) == 0x9F) || (c == 0xDB && At(text, i + 1) == 0x94)) return 2;
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
  kChange = 1u << 10,          // "rose", "cut", "doubled": a change over time
  kRecord = 1u << 11,          // "voted", "signed", "vetoed": a public record
  kFirstPerson = 1u << 12,     // "i", "we": promises and views are theirs
  kWill = 1u << 13,            // "will", "ll", "shall": a promise after "I" or "we"
  kWent = 1u << 14,            // "went", "gone", "go", "goes": a change when "up" or "down" follows
  kNotName = 1u << 15,         // capitalised words that do not name who said something
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
        {"said",      "says",      "say",        "told",       "tells",      "claimed",
         "claims",    "reported",  "stated",     "announced",  "announces",  "confirmed",
         "confirms",  "denied",    "deny",       "denies",     "insisted",   "insists",
         "alleged",   "alleges",   "accused",    "testified",  "wrote",      "writes",
         "estimated", "according", "identifies", "identified", "noted",      "added",
         "explained", "argued",    "argues",     "warned",     "warns",      "acknowledged",
         "admitted",  "asserted",  "asserts",    "declared",   "maintained", "revealed",
         "disclosed"});
    add(kChange,
        {"rose",       "risen",   "rise",      "rises",    "rising",    "fell",      "fallen",
         "falls",      "falling", "increased", "increase", "increases", "decreased", "decrease",
         "decreases",  "cut",     "cuts",      "doubled",  "tripled",   "halved",    "dropped",
         "drop",       "drops",   "grew",      "grown",    "grows",     "declined",  "decline",
         "declines",   "raised",  "raise",     "raises",   "lowered",   "jumped",    "soared",
         "plunged",    "surged",  "reduced",   "reduce",   "lost",      "gained",    "created",
         "eliminated", "slashed", "shrank",    "shrunk",   "expanded",  "quadrupled"});
    add(kRecord,
        {"voted",     "vote",     "votes",      "signed",   "passed",      "vetoed",    "veto",
         "sponsored", "proposed", "introduced", "enacted",  "appointed",   "supported", "opposed",
         "ratified",  "repealed", "funded",     "approved", "rejected",    "endorsed",  "nominated",
         "elected",   "spent",    "borrowed",   "balanced", "legislation", "bill"});
    add(kFirstPerson, {"i", "we"});
    add(kWill, {"will", "ll", "shall"});
    add(kWent, {"went", "gone", "go", "goes", "going"});
    add(kNotName,
        {"he",    "she", "they", "it",    "we",   "i",    "you",   "this",     "that", "these",
         "those", "the", "a",    "an",    "but",  "and",  "or",    "so",       "then", "as",
         "in",    "on",  "at",   "for",   "if",   "when", "while", "his",      "her",  "their",
         "our",   "my",  "its",  "there", "here", "who",  "what",  "officials"});
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
  bool comparison = false, change = false, record = false, attribution = false, named = false;
  bool hedge = false, opinion = false, question = false, promise = false;
  std::size_t words = 0;
  int cue_points = 0;                // the cue words' points, added up
  std::vector<const CueWord*> cues;  // the cue words found, each once, in order
  std::string_view said_by;          // the name an attribution gives ("Chun In-bum")
};

// The cue word `word` (lower case), or nullptr.
const CueWord* FindCue(std::string_view word) {
  static const auto* const cues = [] {
    const CandidateModel& model = FittedCandidateModel();
    auto* map = new std::unordered_map<std::string_view, const CueWord*>();
    map->reserve(model.cue_count);
    for (std::size_t i = 0; i < model.cue_count; ++i) {
      map->emplace(model.cues[i].word, &model.cues[i]);
    }
    return map;
  }();
  if (cues->empty()) return nullptr;
  const auto found = cues->find(word);
  return found == cues->end() ? nullptr : found->second;
}

// A run of capitalised words ("Chun In-bum", "Mr. Trump", "The Pentagon") as a byte range of
// the sentence; `first_skippable` when its first word names no one ("The", "He").
struct NameRun {
  std::size_t begin = 0, end = 0;
  std::size_t words = 0;
  bool first_skippable = false;
  std::size_t second = 0;  // where its second word begins
};

// The name a run gives, without a first word that names no one; empty when nothing is left.
std::string_view NameOf(std::string_view s, const NameRun& run) {
  if (run.words == 0) return {};
  if (run.first_skippable) {
    if (run.words == 1) return {};
    return s.substr(run.second, run.end - run.second);
  }
  return s.substr(run.begin, run.end - run.begin);
}

// Whether the bytes between two words may join them into one name: " ", "-", ". " or ".".
bool JoinsName(std::string_view between) {
  return between == " " || between == "-" || between == ". " || between == "." ||
         between == "\xC2\xA0";
}

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
  std::size_t last_first_person = static_cast<std::size_t>(-10);  // word index
  std::size_t prev_end = 0;                                       // end of the previous word
  bool prev_went = false;
  NameRun run;             // the current run of capitalised words (words == 0: none)
  NameRun last_run;        // the run that ended right before the current word
  bool want_next = false;  // an attribution whose name comes after it ("according to X")
  const auto take = [&](const NameRun& r) {
    if (f.said_by.empty()) f.said_by = NameOf(s, r);
  };
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
    const bool attributing =
        (cls & kAttribution) && !(word == "according" && s.substr(i, 3) != " to");
    if (attributing) attribution = true;
    if (cls & kDescribe) describe = true;
    if (describe && word == "as") attribution = true;
    if ((cls & kChange) && !(word == "cut" && prev == "a")) f.change = true;
    if (prev_went && (word == "up" || word == "down")) f.change = true;
    prev_went = (cls & kWent) != 0;
    if (cls & kRecord) f.record = true;
    if (cls & kFirstPerson) last_first_person = index;
    if ((cls & kWill) && index == last_first_person + 1) f.promise = true;
    if (word == "going" && s.substr(i, 3) == " to" && index <= last_first_person + 2) {
      f.promise = true;
    }
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
    // Runs of capitalised words, for the name an attribution gives; a lower-case part after a
    // hyphen ("Chun In-bum") goes on with the name.
    const std::string_view between = s.substr(prev_end, start - prev_end);
    const bool name_word = capitalised && !(cls & kCalendar) && !attributing;
    if (run.words > 0 && ((name_word && JoinsName(between)) || (between == "-" && !attributing))) {
      if (run.words == 1) run.second = start;
      run.end = i;
      ++run.words;
    } else {
      if (run.words > 0) {
        last_run = run;
        if (want_next) {
          take(run);
          want_next = false;
        }
      }
      run = {};
      if (name_word) run = {start, i, 1, (cls & kNotName) != 0, 0};
    }
    if (attributing) {
      // "Chun In-bum said": the run just before; "said Chun", "according to Chun": the next.
      if (last_run.words > 0 && last_run.end == prev_end && index > 0) take(last_run);
      // Only these put the name after them ("told reporters" names who was told).
      if (f.said_by.empty() && (word == "said" || word == "says" || word == "according" ||
                                word == "added" || word == "wrote")) {
        want_next = true;
      }
    } else if (want_next && run.words == 0 && !(word == "to" && prev == "according") &&
               word != "the") {
      want_next = false;  // "said that ...": no name follows
    }
    if (const CueWord* cue = FindCue(word)) {
      if (std::find(f.cues.begin(), f.cues.end(), cue) == f.cues.end()) {
        f.cues.push_back(cue);
        f.cue_points += cue->points;
      }
    }
    prev = word;
    prev_end = i;
    ++index;
  }
  if (run.words > 0 && want_next) take(run);
  f.words = index;
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

// Scores a candidate from its word features and its quantities: the fitted model's points
// (candidate_model.h), an exact integer sum, through the logistic function.
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
  const CandidateModel& model = FittedCandidateModel();
  const bool present[kFeatureCount_] = {quantity,   count && !quantity, date,          f.comparison,
                                        f.change,   f.record,           f.attribution, f.named,
                                        f.hedge,    f.opinion,          f.question,    f.promise,
                                        f.words < 6};
  std::size_t count_present = f.cues.size();
  for (bool p : present) count_present += p;
  candidate.features.reserve(count_present);
  int points = model.bias;
  for (int k = 0; k < kFeatureCount_; ++k) {
    if (!present[k]) continue;
    candidate.features.push_back({kFeatureNames[k], model.points[k] / 1000.0});
    points += model.points[k];
  }
  for (const CueWord* cue : f.cues) {
    candidate.features.push_back({cue->name, cue->points / 1000.0});
  }
  points += f.cue_points;
  candidate.points = points;
  candidate.score = 1.0 / (1.0 + std::exp(-points / 1000.0));
}

// The lower-case ASCII of the first `n` bytes of `s` (other bytes as they are).
std::string LowerPrefix(std::string_view s, std::size_t n) {
  return Lower(s.substr(0, std::min(n, s.size())));
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// Whether a sentence is page furniture rather than something the page says: share and
// comment prompts, newsletter and follow lines, bylines and reporting credits ("Reporting by
// ..."), photo credits, copyright footers.
bool IsFurniture(std::string_view sentence, std::size_t words) {
  const std::string lower = LowerPrefix(sentence, 48);
  if (sentence.find("\xC2\xA9") != std::string_view::npos) return true;  // ©
  if (Lower(sentence).find("all rights reserved") != std::string::npos) return true;
  // A credit line names several people and agencies: "Reporting by ... with AFP and Reuters".
  static constexpr std::string_view kCredits[] = {"reporting by", "additional reporting",
                                                  "editing by", "writing by", "compiled by"};
  for (std::string_view prefix : kCredits) {
    if (words <= 24 && StartsWith(lower, prefix)) return true;
  }
  if (words > 12) return false;
  static constexpr std::string_view kPrefixes[] = {
      "share this",       "share on ",       "share via",     "share:",     "share ",
      "follow us",        "follow @",        "sign up",       "subscribe",  "leave a comment",
      "comments",         "comment",         "read more",     "read next",  "related:",
      "related articles", "related stories", "advertisement", "click here", "print this",
      "email this",       "posted by",       "photo:",        "image:",     "photograph:",
      "skip to",          "jump to",         "back to top",   "copyright",  "tweet",
      "more from",        "most read",       "recommended",   "newsletter", "listen to this",
      "watch:",           "video:",          "updated:",      "published:"};
  for (std::string_view prefix : kPrefixes) {
    if (StartsWith(lower, prefix)) return true;
  }
  // A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters".
  if (StartsWith(sentence, "By ") && words <= 8) {
    bool names = true;
    std::size_t i = 3;
    while (i < sentence.size()) {
      while (i < sentence.size() && (sentence[i] == ' ' || sentence[i] == ',')) ++i;
      if (i >= sentence.size()) break;
      const std::size_t word = i;
      while (i < sentence.size() && sentence[i] != ' ' && sentence[i] != ',') ++i;
      const std::string_view w = sentence.substr(word, i - word);
      if (w != "and" && !IsAsciiUpper(w[0]) && static_cast<unsigned char>(w[0]) < 0x80) {
        names = false;
      }
    }
    if (names) return true;
  }
  return false;
}

// Length of a speaker label at `i` ("HOLT: ", "Mr. Trump: ", "Chun In-bum:"): one to four
// capitalised words, at most 40 bytes, then ":" and white space (or the end); 0 when there is
// none. `*name_end` is set to the end of the name.
std::size_t SpeakerLabel(std::string_view text, std::size_t i, std::size_t* name_end) {
  static const std::unordered_set<std::string_view> kNotSpeakers = {
      "note",       "update",        "updated",  "source",    "sources",  "photo",   "image",
      "correction", "editor",        "related",  "read",      "watch",    "listen",  "share",
      "warning",    "disclaimer",    "summary",  "caption",   "credit",   "credits", "tags",
      "topics",     "category",      "posted",   "published", "filed",    "by",      "see",
      "also",       "contact",       "email",    "tel",       "phone",    "fax",     "title",
      "subject",    "date",          "time",     "location",  "keywords", "video",   "audio",
      "transcript", "advertisement", "comments", "follow",    "when",     "where",   "what",
      "why",        "how",           "who",      "tip",       "hint",     "example", "question",
      "answer",     "the",           "a",        "an",        "this",     "that",    "here",
      "there"};
  const std::size_t begin = i;
  std::size_t words = 0;
  std::string_view first;
  while (true) {
    if (i >= text.size() || !IsAsciiUpper(text[i])) return 0;
    const std::size_t word = i;
    while (i < text.size() &&
           (IsAsciiLetter(text[i]) || text[i] == '.' || text[i] == '\'' || text[i] == '-')) {
      ++i;
    }
    if (words++ == 0) first = text.substr(word, i - word);
    if (i - begin > 40 || words > 4) return 0;
    if (i < text.size() && text[i] == ':') break;
    if (i + 1 < text.size() && text[i] == ' ' && IsAsciiUpper(text[i + 1])) {
      ++i;
      continue;
    }
    return 0;
  }
  const std::size_t apostrophe = first.find('\'');
  if (apostrophe != std::string_view::npos) first = first.substr(0, apostrophe);
  while (!first.empty() && first.back() == '.') first.remove_suffix(1);
  if (kNotSpeakers.count(Lower(first))) return 0;
  *name_end = i;
  ++i;  // the colon
  if (i < text.size() && text[i] != ' ' && text[i] != '\t' && text[i] != '\n' && text[i] != '\r') {
    return 0;
  }
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i - begin;
}

// Where the line starting at `i` begins its text (past spaces and tabs).
std::size_t LineText(std::string_view text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) ++i;
  return i;
}

// Whether a transcript's "NAME:" turns are read: two lines or more start with a speaker label.
bool HasSpeakerTurns(std::string_view text) {
  int labels = 0;
  std::size_t name_end = 0;
  for (std::size_t i = 0; i < text.size();) {
    if (SpeakerLabel(text, LineText(text, i), &name_end) && ++labels >= 2) return true;
    const std::size_t next = text.find('\n', i);
    if (next == std::string_view::npos) break;
    i = next + 1;
  }
  return false;
}

// Whether the line [begin, end) that starts a paragraph is a heading of the text after it: short,
// with no sentence end or continuing punctuation at its end, and shorter than the line after.
bool IsHeading(std::string_view text, std::size_t begin, std::size_t end) {
  const std::string_view line = TrimSpace(text.substr(begin, end - begin));
  if (line.empty() || line.size() > 150) return false;
  const char last = line.back();
  if (last == '.' || last == '!' || last == '?' || last == ',' || last == ';' || last == ':' ||
      last == '-' || last == '"' || last == '(' || IsAsciiLower(line.front())) {
    return false;
  }
  std::size_t next_end = text.find('\n', end + 1);
  if (next_end == std::string_view::npos) next_end = text.size();
  const std::string_view next = TrimSpace(text.substr(end + 1, next_end - end - 1));
  return next.size() * 4 >= line.size() * 5 && !next.empty() && !IsAsciiLower(next.front()) &&
         !IsAsciiDigit(next.front());
}

}  // namespace

std::vector<SentenceSpan> SplitSentences(std::string_view text) {
  std::vector<SentenceSpan> spans;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t start = kNone;                       // first byte of the current sentence
  std::size_t last = 0;                            // one past its last non-space byte so far
  std::size_t speaker_begin = 0, speaker_end = 0;  // the current turn's speaker
  auto close = [&] {
    if (start != kNone) spans.push_back({start, last, speaker_begin, speaker_end});
    start = kNone;
  };
  const bool turns = HasSpeakerTurns(text);
  // Reads a speaker label at line start `at`: true when there was one (the turn begins).
  std::size_t i = 0;
  const auto speaker_at = [&](std::size_t at) {
    std::size_t name_end = 0;
    const std::size_t n = turns ? SpeakerLabel(text, at, &name_end) : 0;
    if (n == 0) return false;
    close();
    speaker_begin = at;
    speaker_end = name_end;
    i = at + n;
    return true;
  };
  std::size_t line_start = 0;  // first byte of the current line
  bool paragraph_line = true;  // whether the current line starts a paragraph
  bool line_has_text = false;  // whether it holds more than white space so far
  speaker_at(LineText(text, 0));
  while (i < text.size()) {
    if (!IsSpecial(text[i])) {  // most bytes: part of the sentence, nothing more to check
      if (start == kNone) start = i;
      last = ++i;
      line_has_text = true;
      continue;
    }
    if (text[i] == '\n') {
      const std::size_t after = ParagraphBreakEnd(text, i);
      const bool paragraph_break = after != kNone;
      // A heading: a short first line of a paragraph, without a full stop, above a longer one.
      if (paragraph_break ||
          (paragraph_line && line_has_text && start != kNone && IsHeading(text, line_start, i))) {
        close();
      }
      const bool next_starts_paragraph = paragraph_break || !line_has_text;
      i = paragraph_break ? after : i + 1;
      line_start = i;
      paragraph_line = next_starts_paragraph;
      line_has_text = false;
      if (speaker_at(LineText(text, i))) paragraph_line = true;
      continue;
    }
    if (const std::size_t space = SpaceLength(text, i)) {
      i += space;
      continue;
    }
    line_has_text = true;
    if (start == kNone) start = i;
    if (TerminatorLength(text, i) == 0) {
      last = ++i;
      continue;
    }
    // A run of terminators ("?!", "...") and the closing quotes or brackets after it.
    std::size_t j = i;
    bool ideographic = false;
    while (const std::size_t n = TerminatorLength(text, j)) {
      ideographic = ideographic || IsIdeographicTerminator(text, j);
      j += n;
    }
    const bool lone_stop = j == i + 1 && text[i] == '.';
    std::size_t k = j;
    while (const std::size_t n = CloserLength(text, k)) k += n;
    last = k;
    const std::size_t terminator = i;
    i = k;
    if (k == text.size()) break;
    if (ideographic) {  // Chinese and Japanese put no space after a sentence
      close();
      continue;
    }
    if (SpaceLength(text, k) == 0) continue;  // "3.5", "U.S.A", "word.Next"
    // The next word, past white space and opening quotes; a paragraph break always ends.
    std::size_t next = k;
    while (next < text.size()) {
      if (text[next] == '\n') break;
      const std::size_t n = SpaceLength(text, next);
      if (n == 0) break;
      next += n;
    }
    if (next < text.size() && text[next] == '\n') {
      // The line ends here: the break, or the next line's speaker label, closes it; a
      // sentence may also go on after a single line break (wrapped text).
      if (ParagraphBreakEnd(text, next) != kNone) continue;
      std::size_t after = next + 1;
      while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
      next = after;
    }
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
  std::vector<Candidate> candidates;
  candidates.reserve(spans.size());
  std::size_t byte = 0, points = 0;  // a byte offset and the code points before it
  for (const SentenceSpan& span : spans) {
    const std::string_view sentence = text.substr(span.begin, span.end - span.begin);
    points += CodePointCount(text.substr(byte, span.begin - byte));
    const std::size_t code_point_begin = points;
    points += CodePointCount(sentence);
    byte = span.end;
    const WordFeatures features = ScanWords(sentence);
    if (IsFurniture(sentence, features.words)) continue;
    Candidate& candidate = candidates.emplace_back();
    candidate.begin = span.begin;
    candidate.end = span.end;
    candidate.text.assign(sentence);
    candidate.code_point_begin = code_point_begin;
    candidate.code_point_end = points;
    candidate.speaker.assign(
        text.substr(span.speaker_begin, span.speaker_end - span.speaker_begin));
    candidate.said_by =
        features.said_by.empty() ? candidate.speaker : std::string(features.said_by);
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
