// FTS5 queries and snippets (fts_query.h).
#include "store/sqlite/fts_query.h"

#include "text/words.h"

namespace claimledger {

std::string FtsQuery(const std::vector<std::string>& words, bool match_any) {
  std::string query;
  for (const std::string& word : words) {
    if (!query.empty()) query += match_any ? " OR " : " ";
    query += '"';
    // Chinese and Japanese characters parted as the indexes part them: a phrase of them.
    for (const char c : SeparateCharacters(word)) query.append(c == '"' ? 2 : 1, c);
    query += '"';
  }
  return query;
}

FtsSnippets::FtsSnippets() {
  int rc = SQLITE_OK;
  if (!connection_.Open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, &rc)) {
    ThrowSqlite(connection_.db(), rc, "cannot open an in-memory database for snippets");
  }
  connection_.Exec(
      "CREATE VIRTUAL TABLE one_text USING fts5(text, tokenize='unicode61 remove_diacritics 2')");
}

std::string FtsSnippets::Snippet(std::string_view text, const std::string& query, int tokens) {
  connection_.Exec("DELETE FROM one_text");
  connection_.Prepare("INSERT INTO one_text(rowid, text) VALUES (1, ?1)")
      .Bind(1, SeparateCharacters(text))
      .Run();
  Statement snippet = connection_.Prepare(
      "SELECT snippet(one_text, 0, '[', ']', '…', ?2) FROM one_text WHERE one_text MATCH ?1");
  snippet.Bind(1, query).Bind(2, static_cast<std::int64_t>(tokens));
  return snippet.Step() ? WithoutCharacterSeparators(snippet.View(0)) : std::string();
}

}  // namespace claimledger
