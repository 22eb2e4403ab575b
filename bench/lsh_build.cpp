// The near-duplicate index build on its own: read every claim text of a ledger (with its
// rowid, which claim_lsh keys claims by), compute its LSH bucket keys (LshBuckets), sort the
// (bucket, claim) rows and write them into an empty table of claim_lsh's layout in a fresh database
// file, in one transaction, with the ledger's settings (WAL, synchronous=FULL, 64 MB page cache).
// bench/bench_similar.py reports its time as the index build; the scratch file is removed
// afterwards.
//
//   lsh_build LEDGER   prints {"claims": N, "rows": R, "read_s": ..., "compute_s": ...,
//                      "sort_s": ..., "write_s": ..., "seconds": ...} as JSON
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "text/min_hash.h"

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) == SQLITE_OK) return true;
  std::fprintf(stderr, "lsh_build: %s\n", error ? error : "error");
  sqlite3_free(error);
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: lsh_build LEDGER\n");
    return 2;
  }
  sqlite3* ledger = nullptr;
  if (sqlite3_open_v2(argv[1], &ledger, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "lsh_build: cannot open %s\n", argv[1]);
    return 1;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::pair<std::int64_t, std::string>> claims;  // (rowid, text)
  sqlite3_stmt* rows = nullptr;
  sqlite3_prepare_v2(ledger, "SELECT rowid, text FROM claims", -1, &rows, nullptr);
  while (sqlite3_step(rows) == SQLITE_ROW) {
    claims.emplace_back(sqlite3_column_int64(rows, 0),
                        reinterpret_cast<const char*>(sqlite3_column_text(rows, 1)));
  }
  sqlite3_finalize(rows);
  sqlite3_close(ledger);
  const double read_s = Since(start);

  start = std::chrono::steady_clock::now();
  std::vector<std::pair<std::int64_t, std::int64_t>> buckets;  // (bucket, claim rowid)
  for (const auto& [rowid, text] : claims) {
    for (std::int64_t bucket : claimledger::LshBuckets(text)) buckets.emplace_back(bucket, rowid);
  }
  const double compute_s = Since(start);
  start = std::chrono::steady_clock::now();
  std::sort(buckets.begin(), buckets.end());  // (bucket, claim): the table's key order
  const double sort_s = Since(start);

  const std::string scratch = std::string(argv[1]) + ".lsh-build";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((scratch + suffix).c_str());
  sqlite3* db = nullptr;
  start = std::chrono::steady_clock::now();
  bool ok = sqlite3_open(scratch.c_str(), &db) == SQLITE_OK &&
            Exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA cache_size=-65536; "
                 "CREATE TABLE claim_lsh(bucket INTEGER NOT NULL, claim INTEGER NOT NULL, "
                 "PRIMARY KEY(bucket, claim)) WITHOUT ROWID; BEGIN IMMEDIATE");
  sqlite3_stmt* insert = nullptr;
  ok =
      ok && sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO claim_lsh(bucket, claim) VALUES (?1, ?2)",
                               -1, &insert, nullptr) == SQLITE_OK;
  for (std::size_t i = 0; ok && i < buckets.size(); ++i) {
    sqlite3_bind_int64(insert, 1, buckets[i].first);
    sqlite3_bind_int64(insert, 2, buckets[i].second);
    ok = sqlite3_step(insert) == SQLITE_DONE;
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  ok = ok && Exec(db, "COMMIT");
  sqlite3_close(db);
  const double write_s = Since(start);
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((scratch + suffix).c_str());
  if (!ok) return 1;
  std::printf(
      "{\"claims\": %zu, \"rows\": %zu, \"read_s\": %.6f, \"compute_s\": %.6f, \"sort_s\": %.6f, "
      "\"write_s\": %.6f, \"seconds\": %.6f}\n",
      claims.size(), buckets.size(), read_s, compute_s, sort_s, write_s,
      read_s + compute_s + sort_s + write_s);
  return 0;
}
