// FTS5's query syntax as the store writes it (each word a quoted string, so no user text is
// read as syntax), and FTS5's snippets of single texts, for a store that ranks with an index
// of its own but shows the snippets SQLite's index would (the PostgreSQL store).
#ifndef CLAIMLEDGER_STORE_SQLITE_FTS_QUERY_H_
#define CLAIMLEDGER_STORE_SQLITE_FTS_QUERY_H_

#include <string>
#include <string_view>
#include <vector>

#include "store/sqlite/connection.h"

namespace claimledger {

// An FTS5 query matching every word, or any word with `match_any`: each word a phrase of its
// tokens, its Chinese and Japanese characters parted (SeparateCharacters, text/words.h).
std::string FtsQuery(const std::vector<std::string>& words, bool match_any);

// Cuts snippets with FTS5's snippet(): a private in-memory FTS5 table (the tokenizer of the
// store's indexes) that holds one text at a time.
class FtsSnippets {
 public:
  // Throws Error(kStorage) when SQLite has no FTS5.
  FtsSnippets();
  FtsSnippets(const FtsSnippets&) = delete;
  FtsSnippets& operator=(const FtsSnippets&) = delete;

  // The snippet of `text` (its Chinese and Japanese characters parted as the indexes part
  // them, text/words.h) for FTS5 query `query`: at most `tokens` tokens, the matched words
  // in [brackets], "…" where text was left out, without the separators of SeparateCharacters
  // (text/words.h). Empty when the text does not match.
  std::string Snippet(std::string_view text, const std::string& query, int tokens);

 private:
  Connection connection_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_FTS_QUERY_H_
