// Checks of the search indexes against the texts they index (search_checks.h).
#include "store/sqlite/search_checks.h"

#include <algorithm>
#include <limits>
#include <map>
#include <unordered_map>

#include "claimledger/error.h"
#include "store/sqlite/fts_tokenizer.h"
#include "store/sqlite/schema.h"
#include "store/store.h"
#include "text/min_hash.h"
#include "text/utf8.h"
#include "text/words.h"

namespace claimledger {
namespace {

// The first bytes that start each term range of DigestTokensKept (the last range runs to the
// end): digits, letters in groups, and every term that starts outside ASCII.
constexpr const char* kTermRangeStarts[] = {"",  "3", "6", "a", "c", "e", "g", "i",
                                            "l", "n", "p", "r", "s", "t", "w", "\x80"};
constexpr int kTermRanges = sizeof(kTermRangeStarts) / sizeof(kTermRangeStarts[0]);

// An fts5vocab table of `index`, made in this connection's temp schema: its token instances
// ("instance": term, doc, offset).
std::string VocabularyTable(Connection& connection, const FullTextIndex& index,
                            const std::string& kind) {
  const std::string name = std::string("temp.") + index.table + "_" + kind;
  connection.Exec("CREATE VIRTUAL TABLE IF NOT EXISTS " + name + " USING fts5vocab(main, '" +
                  index.table + "', '" + kind + "')");
  return name;
}
std::string InstancesTable(Connection& connection, const FullTextIndex& index) {
  return VocabularyTable(connection, index, "instance");
}

// The digest of one token of one row: the row, the token (its keyed hash) and its position.
TableDigest TokenDigest(const RowDigestKey& key, std::int64_t rowid, std::uint64_t token,
                        std::int64_t position) {
  const std::uint64_t row[3] = {static_cast<std::uint64_t>(rowid), token,
                                static_cast<std::uint64_t>(position)};
  return FastRowDigest(key, row, sizeof row);
}

// The digest of one bucket row: its key and its claim's rowid.
TableDigest BucketDigest(const RowDigestKey& key, std::int64_t bucket, std::int64_t claim) {
  const std::int64_t row[2] = {bucket, claim};
  return FastRowDigest(key, row, sizeof row);
}

// Whether the file's indexes hold Chinese and Japanese characters as words of their own
// (schema version 7 on: text/words.h); a file of an older version opened read-only does not.
bool HoldsCharacterWordsIndexed(Connection& connection) {
  return connection.PragmaInt("user_version") >= 7;
}

// Reads the texts of `index` (its `texts` query, bound to a range of rowids) as the index holds
// them: with their contexts when it holds those (SearchableText, store.h).
class IndexedTexts {
 public:
  IndexedTexts(Connection& connection, const FullTextIndex& index, std::int64_t first,
               std::int64_t last)
      : with_contexts_(index.with_contexts && connection.Prepare(index.with_contexts).Step()),
        separated_(HoldsCharacterWordsIndexed(connection)),
        texts_(connection.Prepare(index.texts)) {
    texts_.Bind(1, first).Bind(2, last);
  }
  bool Step() { return texts_.Step(); }
  std::int64_t rowid() const { return texts_.Int(0); }
  std::string name() const { return texts_.Text(2); }
  // Valid until the next Step.
  std::string_view text() {
    if (!with_contexts_) return texts_.View(1);
    if (texts_.IsNull(3) && !(separated_ && HoldsCharacterWords(texts_.View(1)))) {
      return texts_.View(1);
    }
    searchable_ = SearchableText(texts_.Text(1), texts_.OptionalText(3), separated_);
    return searchable_;
  }

 private:
  bool with_contexts_;
  bool separated_;
  Statement texts_;
  std::string searchable_;
};

}  // namespace

const FullTextIndex& ClaimsFullText() {
  static const FullTextIndex kIndex = {
      "claims_fts", "the full-text index of claim texts",
      "SELECT rowid, text, 'claim ' || id, context FROM claims WHERE rowid BETWEEN ?1 AND ?2",
      "SELECT (SELECT min(rowid) FROM claims), (SELECT max(rowid) FROM claims)",
      "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'claims_searchable'"};
  return kIndex;
}

const FullTextIndex& SnapshotsFullText() {
  static const FullTextIndex kIndex = {
      "snapshots_fts", "the full-text index of snapshot texts",
      "SELECT rowid, text, 'row ' || rowid, NULL FROM snapshots_fts "
      "WHERE rowid BETWEEN ?1 AND ?2",
      "SELECT (SELECT min(rowid) FROM snapshots_fts), (SELECT max(rowid) FROM snapshots_fts)",
      nullptr};
  return kIndex;
}

int TermRangeCount() { return kTermRanges; }

void DigestTokensOfTexts(Connection& connection, const FullTextIndex& index, std::int64_t first,
                         std::int64_t last, const RowDigestKey& key, TableDigest& digest) {
  FtsTokenizer tokenizer(connection.db());
  IndexedTexts texts(connection, index, first, last);
  while (texts.Step()) {
    const std::int64_t rowid = texts.rowid();
    tokenizer.Tokens(texts.text(), [&](std::string_view token, std::int64_t position) {
      digest += TokenDigest(key, rowid, FastTextHash(key, token), position);
    });
  }
}

void DigestTokensKept(Connection& connection, const FullTextIndex& index, int range,
                      const RowDigestKey& key, TableDigest& digest) {
  const bool last = range + 1 == kTermRanges;
  Statement tokens =
      connection.Prepare("SELECT term, doc, offset FROM " + InstancesTable(connection, index) +
                         " WHERE term >= ?1" + (last ? "" : " AND term < ?2"));
  tokens.Bind(1, kTermRangeStarts[range]);
  if (!last) tokens.Bind(2, kTermRangeStarts[range + 1]);
  // The instances come term by term: each term is hashed once.
  std::string term;
  std::uint64_t term_hash = 0;
  while (tokens.Step()) {
    const std::string_view this_term = tokens.View(0);
    if (this_term != term || term.empty()) {
      term.assign(this_term);
      term_hash = FastTextHash(key, term);
    }
    digest += TokenDigest(key, tokens.Int(1), term_hash, tokens.Int(2));
  }
}

void NameTokenProblems(Connection& connection, const FullTextIndex& index,
                       const std::set<std::string>& explained, std::vector<std::string>& problems) {
  const RowDigestKey key = RowDigestKey::Random();
  std::map<std::int64_t, TableDigest> kept;
  Statement tokens =
      connection.Prepare("SELECT doc, term, offset FROM " + InstancesTable(connection, index));
  while (tokens.Step()) {
    kept[tokens.Int(0)] +=
        TokenDigest(key, tokens.Int(0), FastTextHash(key, tokens.View(1)), tokens.Int(2));
  }
  DerivedProblemList list(problems,
                          std::string("search index ") + index.table + " (" + index.what + "): ");
  FtsTokenizer tokenizer(connection.db());
  IndexedTexts texts(connection, index, std::numeric_limits<std::int64_t>::min(),
                     std::numeric_limits<std::int64_t>::max());
  while (texts.Step()) {
    const std::int64_t rowid = texts.rowid();
    TableDigest expected;
    tokenizer.Tokens(texts.text(), [&](std::string_view token, std::int64_t position) {
      expected += TokenDigest(key, rowid, FastTextHash(key, token), position);
    });
    const auto found = kept.find(rowid);
    const TableDigest held = found == kept.end() ? TableDigest() : found->second;
    if (found != kept.end()) kept.erase(found);
    if (held == expected) continue;
    const std::string name = texts.name();
    if (explained.count(name.substr(name.find(' ') + 1))) {
      list.Skip();
    } else {
      list.Add("the words indexed for " + name + " differ from its text");
    }
  }
  for (const auto& [rowid, digest] : kept) {
    list.Add("words are indexed for row " + std::to_string(rowid) + ", which holds no text");
  }
  list.AddIfNone("the words it holds differ from those of the texts it indexes");
}

void DigestBucketsOfTexts(Connection& connection, std::int64_t first, std::int64_t last,
                          const RowDigestKey& key, TableDigest& digest) {
  const bool character_words = HoldsCharacterWordsIndexed(connection);
  Statement claims =
      connection.Prepare("SELECT rowid, text FROM claims WHERE rowid BETWEEN ?1 AND ?2");
  claims.Bind(1, first).Bind(2, last);
  while (claims.Step()) {
    for (std::int64_t bucket : DistinctLshBuckets(claims.View(1), character_words)) {
      digest += BucketDigest(key, bucket, claims.Int(0));
    }
  }
}

void DigestBucketsKept(Connection& connection, std::int64_t first, std::int64_t last,
                       const RowDigestKey& key, TableDigest& digest) {
  for (const char* table : kBucketTables) {
    Statement rows = connection.Prepare(std::string("SELECT bucket, claim FROM ") + table +
                                        " WHERE bucket BETWEEN ?1 AND ?2");
    rows.Bind(1, first).Bind(2, last);
    while (rows.Step()) {
      // A value stored as another type than an integer must not match one that is.
      if (sqlite3_value_type(rows.Value(0)) != SQLITE_INTEGER ||
          sqlite3_value_type(rows.Value(1)) != SQLITE_INTEGER) {
        const std::uint64_t mismatch[2] = {FastTextHash(key, rows.View(0)), ~0ull};
        digest += FastRowDigest(key, mismatch, sizeof mismatch);
        continue;
      }
      digest += BucketDigest(key, rows.Int(0), rows.Int(1));
    }
  }
}

void NameBucketProblems(Connection& connection, const std::set<std::string>& explained,
                        std::vector<std::string>& problems) {
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> kept;
  for (const char* table : kBucketTables) {
    Statement rows = connection.Prepare(std::string("SELECT claim, bucket FROM ") + table);
    while (rows.Step()) kept[rows.Int(0)].push_back(rows.Int(1));
  }
  DerivedProblemList list(problems,
                          "search index claim_lsh (the near-duplicate buckets of claims, with "
                          "claim_lsh_recent): ");
  const bool character_words = HoldsCharacterWordsIndexed(connection);
  Statement claims = connection.Prepare("SELECT rowid, id, text FROM claims ORDER BY rowid");
  while (claims.Step()) {
    std::vector<std::int64_t> stored;
    if (const auto found = kept.find(claims.Int(0)); found != kept.end()) {
      stored = std::move(found->second);
      kept.erase(found);
    }
    std::sort(stored.begin(), stored.end());
    if (stored == DistinctLshBuckets(claims.View(2), character_words)) continue;
    if (explained.count(claims.Text(1))) {
      list.Skip();
    } else {
      list.Add("the buckets of claim " + claims.Text(1) + " differ from those its text gives");
    }
  }
  std::vector<std::int64_t> strays;
  for (const auto& entry : kept) strays.push_back(entry.first);
  std::sort(strays.begin(), strays.end());
  for (std::int64_t rowid : strays) {
    list.Add("rows name claim row " + std::to_string(rowid) + ", which holds no claim");
  }
  list.AddIfNone("its rows differ from those the claims' texts give");
}

void DigestSnapshotTexts(Connection& connection, const RowDigestKey& key, TableDigest& expected,
                         TableDigest& kept) {
  const auto text_digest = [&](std::int64_t rowid, std::string_view text) {
    const std::uint64_t row[2] = {static_cast<std::uint64_t>(rowid), FastTextHash(key, text)};
    return FastRowDigest(key, row, sizeof row);
  };
  const bool separated = HoldsCharacterWordsIndexed(connection);
  Statement snapshots = connection.Prepare(
      "SELECT s.rowid, c.bytes FROM snapshots s JOIN contents c ON c.hash = s.hash");
  while (snapshots.Step()) {
    const std::string_view text = snapshots.View(1);
    if (FirstInvalidUtf8(text) != std::string::npos) continue;  // not text: not indexed
    expected += text_digest(snapshots.Int(0), separated ? SeparateCharacters(text) : text);
  }
  Statement texts = connection.Prepare("SELECT rowid, text FROM snapshots_fts");
  while (texts.Step()) kept += text_digest(texts.Int(0), texts.View(1));
}

void NameSnapshotTextProblems(Connection& connection, std::vector<std::string>& problems) {
  std::map<std::int64_t, std::string> kept;
  Statement texts = connection.Prepare("SELECT rowid, text FROM snapshots_fts");
  while (texts.Step()) kept[texts.Int(0)] = texts.Text(1);
  DerivedProblemList list(problems,
                          "search index snapshots_fts (the full-text index of snapshot texts): ");
  const bool separated = HoldsCharacterWordsIndexed(connection);
  Statement snapshots = connection.Prepare(
      "SELECT s.rowid, s.hash, c.bytes FROM snapshots s JOIN contents c ON c.hash = s.hash "
      "ORDER BY s.rowid");
  while (snapshots.Step()) {
    const std::string_view text = snapshots.View(2);
    const bool is_text = FirstInvalidUtf8(text) == std::string::npos;
    const auto found = kept.find(snapshots.Int(0));
    const bool indexed = found != kept.end();
    if (is_text != indexed ||
        (indexed && found->second != (separated ? SeparateCharacters(text) : std::string(text)))) {
      list.Add("the text kept for snapshot " + snapshots.Text(1) + " differs from its bytes");
    }
    if (indexed) kept.erase(found);
  }
  for (const auto& entry : kept) {
    list.Add("row " + std::to_string(entry.first) + " keeps a text that no snapshot holds");
  }
  list.AddIfNone("its texts differ from those of the stored snapshots");
}

namespace {

// Calls `visit(rowid, id, searchable)` for each claim whose searchable text has its characters
// parted (none in a file older than version 7, whose indexes do not part them).
template <typename Visit>
void ForEachPartedText(Connection& connection, Visit visit) {
  if (!HoldsCharacterWordsIndexed(connection)) return;
  Statement claims = connection.Prepare("SELECT rowid, id, text, context FROM claims");
  while (claims.Step()) {
    if (!HoldsCharacterWords(claims.View(2)) &&
        (claims.IsNull(3) || !HoldsCharacterWords(claims.View(3)))) {
      continue;
    }
    if (const std::optional<std::string> parted =
            PartedSearchableText(claims.Text(2), claims.OptionalText(3))) {
      visit(claims.Int(0), claims.View(1), *parted);
    }
  }
}

// The digest of one row of claim_parted_texts: the claim's rowid and the text.
TableDigest PartedTextDigest(const RowDigestKey& key, std::int64_t rowid, std::string_view text) {
  const std::uint64_t row[2] = {static_cast<std::uint64_t>(rowid), FastTextHash(key, text)};
  return FastRowDigest(key, row, sizeof row);
}

// The rows claim_parted_texts keeps (none before version 7): a value of another type than the
// table's must not match one that is.
template <typename Visit>
void ForEachPartedTextKept(Connection& connection, Visit visit) {
  if (!HoldsCharacterWordsIndexed(connection)) return;
  Statement rows = connection.Prepare("SELECT claim, text FROM claim_parted_texts");
  while (rows.Step()) {
    const bool typed = sqlite3_value_type(rows.Value(0)) == SQLITE_INTEGER &&
                       sqlite3_value_type(rows.Value(1)) == SQLITE_TEXT;
    visit(rows.Int(0), typed ? rows.Text(1) : std::string("\xFF") + rows.Text(1));
  }
}

}  // namespace

void DigestPartedTexts(Connection& connection, const RowDigestKey& key, TableDigest& expected,
                       TableDigest& kept) {
  ForEachPartedText(connection, [&](std::int64_t rowid, std::string_view, const std::string& text) {
    expected += PartedTextDigest(key, rowid, text);
  });
  ForEachPartedTextKept(connection, [&](std::int64_t rowid, const std::string& text) {
    kept += PartedTextDigest(key, rowid, text);
  });
}

void NamePartedTextProblems(Connection& connection, const std::set<std::string>& explained,
                            std::vector<std::string>& problems) {
  std::map<std::int64_t, std::string> kept;
  ForEachPartedTextKept(connection,
                        [&](std::int64_t rowid, const std::string& text) { kept[rowid] = text; });
  DerivedProblemList list(
      problems,
      "claim_parted_texts (the searchable texts of claims whose characters are parted): ");
  ForEachPartedText(connection,
                    [&](std::int64_t rowid, std::string_view id, const std::string& text) {
                      const auto found = kept.find(rowid);
                      const bool same = found != kept.end() && found->second == text;
                      if (found != kept.end()) kept.erase(found);
                      if (same) return;
                      if (explained.count(std::string(id))) {
                        list.Skip();
                      } else {
                        list.Add("the searchable text kept for claim " + std::string(id) +
                                 " differs from its text and context");
                      }
                    });
  for (const auto& entry : kept) {
    list.Add("row " + std::to_string(entry.first) +
             " keeps a searchable text that no claim of parted characters gives");
  }
  list.AddIfNone("its texts differ from those of the claims");
}

}  // namespace claimledger
