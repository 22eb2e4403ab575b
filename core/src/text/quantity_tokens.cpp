// The quantity parser's tokenizer (quantity_tokens.h).
#include "text/quantity_tokens.h"

#include "text/utf8.h"

namespace claimledger::quantity_parsing {

namespace {

bool IsNumberSeparator(char c) { return c == ',' || c == '.' || c == ':' || c == '/'; }

constexpr char32_t kNoBreakSpace = 0xA0;
constexpr char32_t kThinSpace = 0x2009;
constexpr char32_t kNarrowNoBreakSpace = 0x202F;
constexpr int kMaxSpacedGroups = 4;  // "1 234 567 890 123": 15 digits, the most kept exact

bool IsDash(char32_t cp) { return cp == '-' || cp == kEnDash || cp == kEmDash; }

// A space that may separate digit groups ("28 500", "28\u202F500"): one ASCII space, a
// no-break space, a thin space or a narrow no-break space. Returns its length in bytes, or 0.
std::size_t GroupSpaceAt(std::string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  if (text[i] == ' ') return 1;
  if (static_cast<unsigned char>(text[i]) < 0x80) return 0;
  char32_t cp = 0;
  const std::size_t length = DecodeUtf8At(text, i, &cp);
  return cp == kNoBreakSpace || cp == kThinSpace || cp == kNarrowNoBreakSpace ? length : 0;
}

// A group after a space: exactly three digits, then neither a letter nor another digit, nor a
// comma, colon or slash before a digit ("28 500,5" and "5 100km" are not grouped numbers).
// A decimal point may follow: "1 234.5".
bool SpacedGroupAt(std::string_view text, std::size_t i) {
  if (i + 3 > text.size()) return false;
  for (std::size_t k = i; k < i + 3; ++k) {
    if (!IsAsciiDigit(text[k])) return false;
  }
  const std::size_t after = i + 3;
  if (after == text.size()) return true;
  const char c = text[after];
  if (IsAsciiDigit(c) || IsAsciiLetter(c)) return false;
  if (c != '.' && IsNumberSeparator(c) && after + 1 < text.size() &&
      IsAsciiDigit(text[after + 1])) {
    return false;
  }
  char32_t cp = 0;
  if (static_cast<unsigned char>(c) >= 0x80 && DecodeUtf8At(text, after, &cp) != 0 &&
      IsUnicodeLetter(cp)) {
    return false;
  }
  return true;
}

// Reads digits joined by separators ("28,500", "3.5", "10:30") as one token and checks that
// they form a plain number: commas in groups of three, at most one decimal point after them.
// With `space_groups`, single spaces between groups of three are read as thousands separators
// too ("28 500", "1 234 567.5"), when the first group has one to three digits (not starting
// with 0), every later group exactly three, all the spaces are the same character, and no digit
// run follows across one more space.
Token ReadNumber(std::string_view text, std::size_t begin, bool space_groups) {
  Token token;
  token.kind = Kind::kNumber;
  token.begin = begin;
  bool ok = true;
  bool after_point = false;
  bool first_group = true;
  char separator = 0;
  int spaced_groups = 0;
  std::string_view group_space;  // the first space between groups; the others must match it
  std::size_t i = begin;
  while (true) {
    int run = 0;
    for (; i < text.size() && IsAsciiDigit(text[i]); ++i, ++run) {
      if (token.int_digits + token.decimals < kMaxDigits) {
        token.mantissa = token.mantissa * 10 + (text[i] - '0');
      } else {
        ok = false;
      }
      ++(after_point ? token.decimals : token.int_digits);
    }
    if (separator == ',' && run != 3) ok = false;
    if (space_groups && separator == 0 && spaced_groups < kMaxSpacedGroups &&
        (first_group ? run <= 3 && text[begin] != '0' : run == 3)) {
      const std::size_t space = GroupSpaceAt(text, i);
      if (space != 0 && SpacedGroupAt(text, i + space) &&
          (group_space.empty() || text.substr(i, space) == group_space)) {
        group_space = text.substr(i, space);
        i += space;
        ++spaced_groups;
        token.grouped = true;
        first_group = false;
        continue;
      }
    }
    const bool more =
        i + 1 < text.size() && IsNumberSeparator(text[i]) && IsAsciiDigit(text[i + 1]);
    if (first_group && more && text[i] == ',' && run > 3) ok = false;
    first_group = false;
    if (!more) break;
    separator = text[i++];
    if (separator == ',') {
      token.grouped = true;
      if (after_point) ok = false;
    } else if (separator == '.') {
      if (after_point) ok = false;
      after_point = true;
    } else {
      ok = false;  // ':' or '/': a time, ratio or date such as 10:30 or 3/4
    }
  }
  if (spaced_groups > 0) {
    // "555 123 4567", "1 2 3": a run of numbers with spaces, not one grouped number.
    const std::size_t space = GroupSpaceAt(text, i);
    if (space != 0 && i + space < text.size() && IsAsciiDigit(text[i + space])) {
      return ReadNumber(text, begin, /*space_groups=*/false);
    }
  }
  token.end = i;
  token.well_formed = ok;
  return token;
}

// "U.S." and "U.K.": two or more single capitals, each followed by a dot. Returns the end of
// such a run starting at i, or i when there is none.
std::size_t InitialismEnd(std::string_view text, std::size_t i) {
  std::size_t j = i;
  int pairs = 0;
  while (j + 1 < text.size() && IsAsciiUpper(text[j]) && text[j + 1] == '.') {
    j += 2;
    ++pairs;
  }
  if (pairs >= 2 && (j >= text.size() || !IsAsciiLetter(text[j]))) return j;
  return i;
}

std::size_t WordEnd(std::string_view text, std::size_t i) {
  if (const std::size_t end = InitialismEnd(text, i); end != i) return end;
  while (i < text.size()) {
    if (IsAsciiLetter(text[i])) {
      ++i;
      continue;
    }
    char32_t cp = 0;
    const std::size_t length =
        static_cast<unsigned char>(text[i]) >= 0x80 ? DecodeUtf8At(text, i, &cp) : 0;
    if (length == 0 || !IsUnicodeLetter(cp)) break;
    i += length;
  }
  return i;
}

// Whether a number starting at `begin` may have spaces between its digit groups: it must stand
// apart from other digit runs ("0123 456 789" is not 456,789) and from words and codes
// ("COVID-19 500 cases"). Glued to a symbol, only a currency sign, a bracket or quote, a minus
// sign or the dash of a range ("10 000-12 000") lets it. `tokens` are those before it.
bool SpaceGroupsMayStart(std::string_view text, const std::vector<Token>& tokens, std::size_t begin,
                         bool spaced) {
  if (tokens.empty()) return true;
  const Token& previous = tokens.back();
  if (spaced) {
    return previous.kind != Kind::kNumber ||
           GroupSpaceAt(text, previous.end) != begin - previous.end;
  }
  if (previous.kind != Kind::kSymbol) return false;
  switch (previous.symbol) {
    case '.':
    case ',':
    case ':':
    case '/':
    case '#':
    case '@':
    case '_':
    case '&':
      return false;
    default:
      break;
  }
  if (!IsDash(previous.symbol) || previous.spaced) return true;  // "$28 500", "(28 500", "-28 500"
  return tokens.size() >= 2 && tokens[tokens.size() - 2].kind == Kind::kNumber;  // a range
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 4 + 1);  // about one token per word and punctuation mark
  bool spaced = true;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    char32_t cp = static_cast<unsigned char>(c);
    std::size_t length = 1;
    if (cp >= 0x80) length = DecodeUtf8At(text, i, &cp);
    Token token;
    if (length == 0) {  // not UTF-8: a junk byte that no rule accepts
      token.begin = i;
      token.end = i + 1;
    } else if (IsAsciiSpace(c) || IsSpaceCodePoint(cp)) {
      spaced = true;
      i += length;
      continue;
    } else if (IsAsciiDigit(c)) {
      token = ReadNumber(text, i, SpaceGroupsMayStart(text, tokens, i, spaced));
    } else if (IsAsciiLetter(c) || IsUnicodeLetter(cp)) {
      token.kind = Kind::kWord;
      token.begin = i;
      token.end = WordEnd(text, i);
    } else {
      token.kind = Kind::kSymbol;
      token.symbol = cp;
      token.begin = i;
      token.end = i + length;
    }
    token.spaced = spaced;
    spaced = false;
    i = token.end;
    tokens.push_back(token);
  }
  return tokens;
}

}  // namespace claimledger::quantity_parsing
