// Terms, queries and BM25 of the PostgreSQL store's search (search_terms.h).
#include "store/postgres/search_terms.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "text/min_hash.h"
#include "text/words.h"

namespace claimledger {
namespace {

// Longer tokens are kept as a prefix and a hash (a lexeme holds at most 2047 bytes).
constexpr std::size_t kLongToken = 1000;
constexpr std::size_t kLongTokenPrefix = 960;

// Appends `term` as a quoted lexeme of a tsvector or tsquery literal.
void AppendLexeme(std::string& out, const std::string& term) {
  out += '\'';
  for (const char c : term) {
    if (c == '\'' || c == '\\') out += c;  // '' and \\ stand for ' and \ .
    out += c;
  }
  out += '\'';
}

std::string AndOf(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out += " & ";
    AppendLexeme(out, TermOf(term));
  }
  return out;
}

}  // namespace

std::string BucketArray(std::string_view text) {
  std::string array = "{";
  for (const std::int64_t bucket : DistinctLshBuckets(text)) {
    if (array.size() > 1) array += ',';
    array += std::to_string(bucket);
  }
  return array + "}";
}

std::string TermOf(std::string_view token) {
  if (token.size() <= kLongToken) return std::string(token);
  std::size_t cut = kLongTokenPrefix;
  while (cut > 0 && (static_cast<unsigned char>(token[cut]) & 0xC0) == 0x80) --cut;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(token.data(), token.size())));
  return std::string(token.substr(0, cut)) + "#" + hash;
}

TextTerms TermsOf(FtsTokenizer& tokenizer, std::string_view text) {
  TextTerms terms;
  std::set<std::string> distinct;  // bytewise, the order of a tsvector's lexemes
  tokenizer.Tokens(SeparateCharacters(text), [&](std::string_view token, std::int64_t) {
    ++terms.length;
    distinct.insert(TermOf(token));
  });
  std::size_t bytes = 0;
  for (const std::string& term : distinct) {
    bytes += term.size();
    if (bytes > kMaxTermBytes) {
      terms.all_terms = false;
      break;
    }
    if (!terms.tsvector.empty()) terms.tsvector += ' ';
    AppendLexeme(terms.tsvector, term);
    terms.terms.push_back(term);
  }
  return terms;
}

std::string TermQuery::Tsquery() const {
  std::string out;
  if (match_any) {
    for (std::size_t i = 0; i < phrases.size(); ++i) {
      if (!out.empty()) out += " | ";
      out += "( " + AndOf(phrases[i]) + " )";
    }
    return out;
  }
  for (const auto& phrase : phrases) {
    if (!out.empty()) out += " & ";
    out += AndOf(phrase);
  }
  return out;
}

std::string TermQuery::PhraseTsquery(std::size_t index) const { return AndOf(phrases[index]); }

TermQuery QueryOf(FtsTokenizer& tokenizer, const std::vector<std::string>& words, bool match_any) {
  TermQuery query;
  query.match_any = match_any;
  for (const std::string& word : words) {
    std::vector<std::string> phrase;
    tokenizer.Tokens(SeparateCharacters(word),
                     [&](std::string_view token, std::int64_t) { phrase.emplace_back(token); });
    if (!phrase.empty()) query.phrases.push_back(std::move(phrase));
  }
  return query;
}

bool TextMatch::Matches(bool match_any) const {
  if (counts.empty()) return false;
  const auto occurs = [](std::int64_t count) { return count > 0; };
  return match_any ? std::any_of(counts.begin(), counts.end(), occurs)
                   : std::all_of(counts.begin(), counts.end(), occurs);
}

TextMatch MatchText(FtsTokenizer& tokenizer, const TermQuery& query, std::string_view text) {
  TextMatch match;
  const auto one_token = [](const std::vector<std::string>& phrase) { return phrase.size() == 1; };
  if (std::all_of(query.phrases.begin(), query.phrases.end(), one_token)) {
    // Phrases of a token each (similar()'s rare words, most searches): counted as the tokens
    // come, none kept.
    match.counts.assign(query.phrases.size(), 0);
    tokenizer.Tokens(SeparateCharacters(text), [&](std::string_view token, std::int64_t) {
      ++match.length;
      for (std::size_t i = 0; i < query.phrases.size(); ++i) {
        if (token == query.phrases[i][0]) ++match.counts[i];
      }
    });
    return match;
  }
  std::vector<std::string> tokens;
  tokenizer.Tokens(SeparateCharacters(text),
                   [&](std::string_view token, std::int64_t) { tokens.emplace_back(token); });
  match.length = static_cast<std::int64_t>(tokens.size());
  for (const auto& phrase : query.phrases) {
    std::int64_t count = 0;
    for (std::size_t at = 0; at + phrase.size() <= tokens.size(); ++at) {
      if (std::equal(phrase.begin(), phrase.end(), tokens.begin() + at)) ++count;
    }
    match.counts.push_back(count);
  }
  return match;
}

double Bm25(const TextMatch& match, std::int64_t rows, std::int64_t tokens,
            const std::vector<std::int64_t>& holding) {
  constexpr double k1 = 1.2;
  constexpr double b = 0.75;
  const double average = static_cast<double>(tokens) / static_cast<double>(rows);
  double score = 0.0;
  for (std::size_t i = 0; i < match.counts.size(); ++i) {
    const double n = static_cast<double>(holding[i]);
    double idf = std::log((static_cast<double>(rows) - n + 0.5) / (n + 0.5));
    if (idf <= 0.0) idf = 1e-6;
    const double tf = static_cast<double>(match.counts[i]);
    const double numerator = tf * (k1 + 1.0);
    const double denominator =
        tf + k1 * (1.0 - b + b * static_cast<double>(match.length) / average);
    score += idf * (numerator / denominator);
  }
  return score;
}

}  // namespace claimledger
