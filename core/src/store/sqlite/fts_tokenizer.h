// The tokenizer of the full-text indexes (FTS5's unicode61 with remove_diacritics 2, as
// schema.cpp creates them), for code that must read texts as the indexes do: verify()'s
// search-index checks, and the PostgreSQL store, whose full-text search gives the same hits
// as SQLite's because it indexes the same tokens.
#ifndef CLAIMLEDGER_STORE_SQLITE_FTS_TOKENIZER_H_
#define CLAIMLEDGER_STORE_SQLITE_FTS_TOKENIZER_H_

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string_view>

namespace claimledger {

class FtsTokenizer {
 public:
  // The tokenizer of connection `db`, or, with nullptr, of a private in-memory database kept
  // for this tokenizer's life. Throws Error(kStorage) when SQLite has no FTS5.
  explicit FtsTokenizer(sqlite3* db = nullptr);
  ~FtsTokenizer();
  FtsTokenizer(const FtsTokenizer&) = delete;
  FtsTokenizer& operator=(const FtsTokenizer&) = delete;

  // Calls `visit(token, position)` for each token of `text`: its folded form (lower case,
  // without diacritics) and its position (0 for the first).
  template <typename Visit>
  void Tokens(std::string_view text, Visit visit) {
    Tokenize(text, &visit, [](void* context, std::string_view token, std::int64_t position) {
      (*static_cast<Visit*>(context))(token, position);
    });
  }

 private:
  using Sink = void (*)(void* context, std::string_view token, std::int64_t position);
  void Tokenize(std::string_view text, void* context, Sink sink);

  struct Methods;
  std::unique_ptr<Methods> methods_;
  void* tokenizer_ = nullptr;
  sqlite3* own_db_ = nullptr;  // the private database, when not given one
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_FTS_TOKENIZER_H_
