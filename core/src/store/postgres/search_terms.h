// What the PostgreSQL store's search tables hold of a text, and how a query is matched and
// ranked there so that the hits are those of SQLite's FTS5 index for the same desk.
//
// A text's tokens are those of FTS5's unicode61 tokenizer (store/sqlite/fts_tokenizer.h), of the
// text with its Chinese and Japanese characters parted (SeparateCharacters, text/words.h: the
// same again for a text parted already), as SQLite's indexes hold them. Its
// row holds their distinct terms as a tsvector (no positions), which a GIN index searches;
// whether a text matches a query, and its BM25 score, are then decided here from its tokens,
// by FTS5's own rules: each query word is a phrase (its tokens in a row); a word without
// tokens is left out; the score sums, for each phrase,
//   idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average length)),
// with k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)) (1e-6 when not positive), N
// the texts indexed and n those holding the phrase.
#ifndef CLAIMLEDGER_STORE_POSTGRES_SEARCH_TERMS_H_
#define CLAIMLEDGER_STORE_POSTGRES_SEARCH_TERMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/fts_tokenizer.h"

namespace claimledger {

// The most bytes of terms one tsvector holds here (PostgreSQL's limit is 1 MB): a text with
// more keeps only the first terms, and its row says so (all_terms false); such a row is a
// candidate for every query, decided by its tokens.
inline constexpr std::size_t kMaxTermBytes = 900 * 1024;

// The search row of one text.
struct TextTerms {
  std::vector<std::string> terms;  // its distinct terms kept, in PostgreSQL's order
  std::string tsvector;            // their tsvector literal
  bool all_terms = true;           // false when kMaxTermBytes cut the terms short
  std::int64_t length = 0;         // its tokens
};
TextTerms TermsOf(FtsTokenizer& tokenizer, std::string_view text);

// The near-duplicate buckets of `text` (text/min_hash.h) as the literal of a bigint[] value:
// "{-12,40,...}", distinct and in increasing order.
std::string BucketArray(std::string_view text);

// The term a token is kept as: the token, or for a token too long for a tsvector lexeme, its
// first bytes and a hash of the whole.
std::string TermOf(std::string_view token);

// A query: its phrases (the tokens of each word that has any).
struct TermQuery {
  std::vector<std::vector<std::string>> phrases;
  bool match_any = false;
  bool Empty() const { return phrases.empty(); }
  // The tsquery literal that finds every text that may match: the terms of all phrases (or,
  // with match_any, of any phrase).
  std::string Tsquery() const;
  // The tsquery literal of phrase `index` alone.
  std::string PhraseTsquery(std::size_t index) const;
};
TermQuery QueryOf(FtsTokenizer& tokenizer, const std::vector<std::string>& words, bool match_any);

// How often each phrase of `query` occurs in `text` (tf), and its token count.
struct TextMatch {
  std::vector<std::int64_t> counts;
  std::int64_t length = 0;
  // True when the text matches the query (every phrase occurs, or one with match_any).
  bool Matches(bool match_any) const;
};
TextMatch MatchText(FtsTokenizer& tokenizer, const TermQuery& query, std::string_view text);

// The BM25 score of a match (positive: higher is better), given how many texts are indexed,
// their tokens, and how many hold each phrase.
double Bm25(const TextMatch& match, std::int64_t rows, std::int64_t tokens,
            const std::vector<std::int64_t>& holding);

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_POSTGRES_SEARCH_TERMS_H_
