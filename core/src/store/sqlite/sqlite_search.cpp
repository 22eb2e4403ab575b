// The SQLite store's search indexes (sqlite_store.h): FTS5 over claim and snapshot texts
// (queries written by FtsQuery, fts_query.h), and the MinHash/LSH buckets of claims for
// near-duplicate matching.
#include <cctype>

#include "store/sqlite/fts_query.h"
#include "store/sqlite/fts_tokenizer.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_store.h"
#include "text/min_hash.h"
#include "text/words.h"

namespace claimledger {
namespace {

// True when the full-text index holds a token of `text`: an ASCII letter or digit is always
// one; a text of other characters alone is read by the index's tokenizer.
bool HasTokens(sqlite3* db, std::string_view text) {
  for (const char byte : text) {
    const auto c = static_cast<unsigned char>(byte);
    if (c < 0x80 && std::isalnum(c)) return true;
  }
  bool any = false;
  FtsTokenizer(db).Tokens(text, [&](std::string_view, std::int64_t) { any = true; });
  return any;
}

// A transaction that writes at least this many bucket rows (256 claims') is a large batch, whose
// commit may move claim_lsh_recent into claim_lsh.
constexpr std::size_t kLargeBatchBucketRows = 256 * kLshBands;
// claim_lsh_recent is moved once it holds the buckets of as many claims as claim_lsh, or of this
// many (2,000,000 rows, about 40 MB, which stay in the page cache while a batch writes into them).
constexpr std::int64_t kMostRecentClaims = 2'000'000 / kLshBands;
// The bucket rows of this many claims are handed to the connection's thread at once, while it
// queues (SqliteStore::IndexClaim).
constexpr std::size_t kBucketRowsHandedOver = 2048 * kLshBands;

// Moves the rows of claim_lsh_recent into claim_lsh when they are those of as many claims as
// claim_lsh's, or of kMostRecentClaims: one pass over claim_lsh's pages for many batches, where
// every batch's random buckets would touch nearly all of them (schema.cpp, kSearchSchema). Claims
// are added in rowid order, so those of claim_lsh_recent are the claims from its first one,
// `first_recent` (0: not known, then found by one pass over the table), to the last. Returns
// the first claim of claim_lsh_recent after this: after a move, the next claim to come.
std::int64_t MoveRecentBucketsWhenMany(Connection& connection, std::int64_t first_recent) {
  std::int64_t last_claim = 0;
  {
    Statement last = connection.Prepare("SELECT coalesce(max(rowid), 0) FROM claims");
    if (last.Step()) last_claim = last.Int(0);
    if (first_recent == 0) {
      Statement first = connection.Prepare("SELECT min(claim) FROM claim_lsh_recent");
      if (!first.Step() || first.IsNull(0)) return 0;
      first_recent = first.Int(0);
    }
  }  // both reset before the rows are moved
  const std::int64_t recent_claims = last_claim - first_recent + 1;
  if (recent_claims < kMostRecentClaims && recent_claims < first_recent - 1) return first_recent;
  connection.Exec(
      "INSERT OR IGNORE INTO claim_lsh(bucket, claim) "
      "SELECT bucket, claim FROM claim_lsh_recent ORDER BY bucket, claim; "
      "DELETE FROM claim_lsh_recent");
  return last_claim + 1;
}

}  // namespace

void SqliteStore::IndexClaim(std::int64_t rowid, const std::string& text,
                             const std::optional<std::string>& context) {
  const std::optional<std::string> parted = PartedSearchableText(text, context);
  connection_.Write(
      [](Connection& connection, std::int64_t rowid, const std::string& searchable, bool parted) {
        connection.Prepare("INSERT INTO claims_fts(rowid, text) VALUES (?1, ?2)")
            .Bind(1, rowid)
            .Bind(2, searchable)
            .Run();
        if (parted) {
          connection.Prepare("INSERT INTO claim_parted_texts(claim, text) VALUES (?1, ?2)")
              .Bind(1, rowid)
              .Bind(2, searchable)
              .Run();
        }
      },
      rowid, parted ? *parted : SearchableText(text, context), parted.has_value());
  for (std::int64_t bucket : LshBuckets(text)) pending_buckets_.emplace_back(bucket, rowid);
  // A large batch's buckets go to the connection's thread as they come, a few thousand claims'
  // at a time (sorted, as at commit), rather than all at its commit.
  if (connection_.queuing() && pending_buckets_.size() >= kBucketRowsHandedOver) WriteBuckets();
}

void SqliteStore::WriteBuckets() {
  if (pending_buckets_.empty()) return;
  bucket_rows_ += pending_buckets_.size();
  connection_.Write(
      [](Connection& connection, std::vector<std::pair<std::int64_t, std::int64_t>>& rows) {
        WriteBucketRows(connection, "claim_lsh_recent", rows);
      },
      std::move(pending_buckets_));
  pending_buckets_.clear();
}

std::int64_t SqliteStore::WritePendingBuckets() {
  WriteBuckets();
  const bool large_batch = bucket_rows_ >= kLargeBatchBucketRows;
  if (!large_batch) return first_recent_claim_;
  return MoveRecentBucketsWhenMany(*connection_, first_recent_claim_);
}

void SqliteStore::RecreateSearchIndexes() {
  pending_buckets_.clear();
  first_recent_claim_ = 0;
  connection_->Exec(
      "DROP TABLE IF EXISTS claims_fts; DROP VIEW IF EXISTS claims_searchable; "
      "DROP TABLE IF EXISTS claim_parted_texts; DROP TABLE IF EXISTS claim_lsh; "
      "DROP TABLE IF EXISTS claim_lsh_recent; "
      "DROP TABLE IF EXISTS snapshots_fts");
  CreateSearchIndexes(*connection_);
}

std::vector<SearchHit> SqliteStore::SearchClaims(const ClaimQuery& query) {
  Statement statement = connection_->Prepare(
      "SELECT c.id, -bm25(claims_fts), snippet(claims_fts, 0, '[', ']', '…', 12) "
      "FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
      "WHERE claims_fts MATCH ?1 AND (?2 IS NULL OR c.status = ?2) "
      "AND (?3 IS NULL OR c.rating = ?3) AND (?4 IS NULL OR " +
      ClaimantIs("c.claimant", "?4") +
      ") "
      "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM claim_tags t WHERE t.claim = c.rowid "
      "AND t.tag = ?5)) AND (?6 IS NULL OR coalesce(c.date, c.at) >= ?6) "
      "AND (?7 IS NULL OR coalesce(c.date, c.at) <= ?7) "
      "ORDER BY bm25(claims_fts) LIMIT ?8");
  const ClaimFilter& filter = query.filter;
  statement.Bind(1, FtsQuery(query.words, query.match_any)).Bind(2, filter.status);
  statement.Bind(3, filter.rating).Bind(4, filter.claimant).Bind(5, filter.tag);
  statement.Bind(6, query.since).Bind(7, query.until).Bind(8, filter.limit);
  std::vector<SearchHit> hits;
  while (statement.Step()) {
    hits.push_back(
        {statement.Text(0), statement.Double(1), WithoutCharacterSeparators(statement.View(2))});
  }
  return hits;
}

std::vector<SnapshotHit> SqliteStore::SearchSnapshots(const std::vector<std::string>& words,
                                                      bool match_any, std::int64_t limit) {
  Statement statement = connection_->Prepare(
      "SELECT s.hash, -bm25(snapshots_fts), snippet(snapshots_fts, 0, '[', ']', '…', 16) "
      "FROM snapshots_fts JOIN snapshots s ON s.rowid = snapshots_fts.rowid "
      "WHERE snapshots_fts MATCH ?1 ORDER BY bm25(snapshots_fts) LIMIT ?2");
  statement.Bind(1, FtsQuery(words, match_any)).Bind(2, limit);
  std::vector<SnapshotHit> hits;
  while (statement.Step()) {
    hits.push_back(
        {statement.Text(0), statement.Double(1), WithoutCharacterSeparators(statement.View(2))});
  }
  return hits;
}

std::vector<ClaimText> SqliteStore::SimilarCandidates(const std::vector<std::int64_t>& buckets,
                                                      std::int64_t per_bucket, std::int64_t limit) {
  // Counted in C++ (RankByBuckets), one index range a bucket: the bucket's first claims in
  // claim_lsh, then, when it holds fewer than `per_bucket`, in claim_lsh_recent (whose claims
  // were all added after those of claim_lsh); then the texts of the best `limit` only.
  const std::vector<std::int64_t> best =
      RankByBuckets(buckets, per_bucket, limit, [&](std::int64_t bucket) {
        std::vector<std::int64_t> claims;
        for (const char* table : kBucketTables) {
          const auto wanted = per_bucket - static_cast<std::int64_t>(claims.size());
          if (wanted <= 0) break;
          Statement rows = connection_->Prepare(std::string("SELECT claim FROM ") + table +
                                                " WHERE bucket = ?1 LIMIT ?2");
          rows.Bind(1, bucket).Bind(2, wanted);
          while (rows.Step()) claims.push_back(rows.Int(0));
        }
        return claims;
      });
  std::vector<ClaimText> candidates;
  Statement text = connection_->Prepare("SELECT id, text, context FROM claims WHERE rowid = ?1");
  for (const std::int64_t rowid : best) {
    if (text.Bind(1, rowid).Step()) {
      candidates.push_back({text.Text(0), text.Text(1), text.OptionalText(2)});
    }
    text.Reset();
  }
  return candidates;
}

std::optional<std::string> SqliteStore::IdenticalClaim(const std::string& text,
                                                       const std::optional<std::string>& claimant,
                                                       const std::optional<Quote>& appearance) {
  // Alongside the batch's writes still queued: a claim added earlier in the transaction may
  // be missed (store.h), and the workbench keeps its batch's own.
  const SettledConnection::Alongside alongside(connection_);
  // A few rows from an index, each compared whole: the claims quoted at the same place of the
  // snapshot (by snapshot); else those holding the text's longest words (the full-text index,
  // unranked: every word of a text of common words would read their long lists); else (no
  // token at all: punctuation alone, rare) the whole table.
  const std::string same =
      "c.text = ?1 AND (c.claimant IS ?2 OR " + ClaimantIs("c.claimant", "?2") +
      ") AND (SELECT count(*) FROM appearances n WHERE n.claim = c.id) = (?3 IS NOT NULL) ";
  std::string sql;
  std::optional<std::string> words;
  if (appearance) {
    sql =
        "SELECT c.id FROM appearances a JOIN claims c ON c.id = a.claim WHERE a.snapshot = ?3 "
        "AND a.quote_start = ?4 AND a.quote_end = ?5 AND " +
        same;
  } else if (HasTokens(connection_->db(), text)) {
    words = FtsQuery(LongestWords(SearchWords(text), kLookupWords), false);
    sql =
        "SELECT c.id FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
        "WHERE claims_fts MATCH ?6 AND " +
        same;
  } else {
    sql = "SELECT c.id FROM claims c WHERE " + same;
  }
  Statement statement = connection_->Prepare(sql + "ORDER BY c.rowid LIMIT 1");
  statement.Bind(1, text).Bind(2, claimant);
  statement.Bind(3, appearance ? std::optional<std::string>(appearance->snapshot) : std::nullopt);
  if (appearance) {  // only the parameters of the statement are bound
    statement.Bind(4, static_cast<std::int64_t>(appearance->start));
    statement.Bind(5, static_cast<std::int64_t>(appearance->end));
  }
  if (words) statement.Bind(6, *words);
  if (!statement.Step()) return std::nullopt;
  return statement.Text(0);
}

std::vector<ClaimText> SqliteStore::FullTextCandidates(const std::vector<std::string>& words,
                                                       std::int64_t limit) {
  std::vector<ClaimText> candidates;
  if (words.empty()) return candidates;
  Statement statement = connection_->Prepare(
      "SELECT c.id, c.text, c.context FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
      "WHERE claims_fts MATCH ?1 ORDER BY bm25(claims_fts) LIMIT ?2");
  statement.Bind(1, FtsQuery(words, /*match_any=*/true)).Bind(2, limit);
  while (statement.Step()) {
    candidates.push_back({statement.Text(0), statement.Text(1), statement.OptionalText(2)});
  }
  return candidates;
}

std::vector<std::int64_t> SqliteStore::ClaimsHolding(const std::vector<std::string>& words,
                                                     std::int64_t at_most) {
  std::vector<std::int64_t> counts;
  Statement count = connection_->Prepare(
      "SELECT count(*) FROM (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?1 LIMIT ?2)");
  for (const std::string& word : words) {
    if (!HasTokens(connection_->db(), word)) {
      counts.push_back(0);
      continue;
    }
    count.Bind(1, FtsQuery({word}, false)).Bind(2, at_most).Step();
    counts.push_back(count.Int(0));
    count.Reset();
  }
  return counts;
}

std::int64_t SqliteStore::ClaimCount() {
  // Claims are added, never removed one by one (ClearProjections empties the table, and its
  // rowids start from 1 again), so the largest rowid is the count, read from the end of the
  // table's B-tree where count(*) would read all of it.
  Statement count = connection_->Prepare("SELECT coalesce(max(rowid), 0) FROM claims");
  count.Step();
  return count.Int(0);
}

}  // namespace claimledger
