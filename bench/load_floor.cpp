// The floor for a bulk load: the SQLite writes a synthetic load makes, and the SHA-256 of
// each event, nothing else (no JSON building, no quantity parsing, no Python, no checks).
// bench/bench_load.py runs it beside the real load and the sqlite-utils peer, so that what
// the ledger's rows alone cost is measured on the same machine in the same run.
//
// The file is created by the core (its exact schema and settings: WAL, synchronous=FULL, a
// 64 MB page cache); then, per claim, in transactions of BATCH claims (default 10,000, as the
// benchmark's batches): a claim.added event (about 600 bytes of data) and a verdict.set event, each
// hashed and chained; the claim row; and, by variant:
//
//   layout    everything the core wrote at schema version 7 (version 8 keys a claim's tags,
//             verdicts and references by its rowid, as intkeys does; version 9 keeps the
//             buckets of recent claims in a table of their own): the claim's full-text row, its
//             16 near-duplicate bucket rows (sorted at commit), 0-3 tag rows, its event
//             references (claim and claimant), the verdict row and the claim's current verdict
//             (its rating and verdict_seq: the rows the projection writes, not its rules)
//   nolsh     layout without the near-duplicate bucket rows
//   intkeys   nolsh with tags, verdicts and event references keyed by integers (the claim's
//             rowid or an event's seq) instead of text ids: a layout the core does not have
//   minimal   the ledger's least: the two events (with the events table's two indexes), the
//             claim row (keyed by its hash-derived id) and the verdict row; no other index
//
//   load_floor FILE CLAIMS VARIANT [BATCH]
//       prints {"variant": ..., "claims": N, "batch": B, "seconds": S}
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "claimledger/hash.h"
#include "claimledger/workbench.h"

namespace {

constexpr int kClaimants = 5000;

void Fail(sqlite3* db, const char* what) {
  std::fprintf(stderr, "load_floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "error");
  std::exit(1);
}

void Exec(sqlite3* db, const std::string& sql) {
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) Fail(db, "exec");
}

// A prepared statement that binds by position and resets after each run.
class Insert {
 public:
  Insert(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr) != SQLITE_OK)
      Fail(db, sql);
  }
  ~Insert() { sqlite3_finalize(stmt_); }
  Insert& Text(int i, const std::string& value) {
    sqlite3_bind_text(stmt_, i, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Insert& Int(int i, std::int64_t value) {
    sqlite3_bind_int64(stmt_, i, value);
    return *this;
  }
  void Run() {
    if (sqlite3_step(stmt_) != SQLITE_DONE) Fail(db_, sqlite3_sql(stmt_));
    sqlite3_reset(stmt_);
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: load_floor FILE CLAIMS layout|nolsh|intkeys|minimal [BATCH]\n");
    return 2;
  }
  const std::string path = argv[1];
  const long claims = std::atol(argv[2]);
  const std::string variant = argv[3];
  const long batch = argc == 5 ? std::atol(argv[4]) : 10000;
  if (claims < 1 || batch < 1) {
    std::fprintf(stderr, "load_floor: CLAIMS and BATCH must be positive\n");
    return 2;
  }
  if (variant != "layout" && variant != "nolsh" && variant != "intkeys" && variant != "minimal") {
    std::fprintf(stderr, "load_floor: unknown variant %s\n", variant.c_str());
    return 2;
  }
  if (FILE* existing = std::fopen(path.c_str(), "rb")) {  // never write into a real ledger
    std::fclose(existing);
    std::fprintf(stderr, "load_floor: %s exists; give the path of a new file\n", path.c_str());
    return 2;
  }
  const bool minimal = variant == "minimal";
  const bool integer_keys = variant == "intkeys";
  const bool buckets = variant == "layout";

  {  // The core creates the file: its schema, its genesis event, its settings.
    claimledger::WorkbenchOptions options;
    options.actor = "bench";
    options.scale = "politifact";
    claimledger::Workbench::Open(path, options);
  }
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK)
    Fail(db, "open");
  Exec(db, "PRAGMA synchronous=FULL; PRAGMA cache_size=-65536");
  if (minimal)
    Exec(db, "DROP INDEX claims_claimant; DROP INDEX claims_ref; DROP INDEX verdicts_claim");
  if (integer_keys) {
    Exec(db,
         "DROP TABLE claim_tags; DROP TABLE event_refs; DROP TABLE verdicts;"
         "CREATE TABLE claim_tags(claim INTEGER NOT NULL, tag TEXT NOT NULL,"
         "  PRIMARY KEY(claim, tag)) WITHOUT ROWID;"
         "CREATE TABLE event_refs(entity INTEGER NOT NULL, seq INTEGER NOT NULL,"
         "  PRIMARY KEY(entity, seq)) WITHOUT ROWID;"
         "CREATE TABLE verdicts(seq INTEGER PRIMARY KEY, claim INTEGER NOT NULL,"
         "  rating TEXT NOT NULL, rationale TEXT NOT NULL, evidence TEXT NOT NULL,"
         "  at TEXT NOT NULL, actor TEXT NOT NULL, made_at TEXT NOT NULL, from_ledger TEXT);"
         "CREATE INDEX verdicts_claim ON verdicts(claim, made_at, seq)");
  }
  std::int64_t seq = 0;
  std::string prev;
  {
    sqlite3_stmt* head = nullptr;
    sqlite3_prepare_v2(db, "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1", -1, &head,
                       nullptr);
    if (sqlite3_step(head) != SQLITE_ROW) Fail(db, "no genesis event");
    seq = sqlite3_column_int64(head, 0);
    prev = reinterpret_cast<const char*>(sqlite3_column_text(head, 1));
    sqlite3_finalize(head);
  }

  Insert event(db,
               "INSERT INTO events(seq, prev, type, at, actor, data, hash) "
               "VALUES (?1, ?2, ?3, ?4, 'bench', ?5, ?6)");
  Insert claim(db,
               "INSERT INTO claims(id, text, claimant, status, rating, date, context, ref, "
               "status_at, seq, at, actor, year) "
               "VALUES (?1, ?2, ?3, 'new', NULL, ?4, 'a tweet', ?5, ?6, ?7, ?6, 'bench', ?8)");
  Insert search(db, "INSERT INTO claims_fts(rowid, text) VALUES (?1, ?2)");
  Insert bucket(db, "INSERT OR IGNORE INTO claim_lsh(bucket, claim) VALUES (?1, ?2)");
  Insert tag(db, "INSERT INTO claim_tags(claim, tag) VALUES (?1, ?2)");
  Insert ref(db, "INSERT INTO event_refs(entity, seq) VALUES (?1, ?2)");
  Insert verdict(db,
                 "INSERT INTO verdicts(seq, claim, rating, rationale, evidence, at, actor, "
                 "made_at) VALUES (?1, ?2, ?3, ?4, '[]', ?5, 'bench', ?5)");
  // The claim's current verdict, as the projection writes it (the claim has only this one).
  Insert rating(db, integer_keys
                        ? "UPDATE claims SET rating = ?2, verdict_seq = ?3 WHERE rowid = ?1"
                        : "UPDATE claims SET rating = ?2, verdict_seq = ?3 WHERE id = ?1");

  // Appends one event: canonical text (keys in order), SHA-256, chained to the one before.
  auto append = [&](const char* type, const std::string& data, const std::string& at) {
    ++seq;
    const std::string text = "{\"actor\":\"bench\",\"at\":\"" + at + "\",\"data\":" + data +
                             ",\"prev\":\"" + prev + "\",\"seq\":" + std::to_string(seq) +
                             ",\"type\":\"" + type + "\"}";
    std::string hash = claimledger::Sha256(text);
    event.Int(1, seq).Text(2, prev).Text(3, type).Text(4, at).Text(5, data).Text(6, hash).Run();
    prev = hash;
    return hash;
  };

  std::mt19937_64 random(7);
  std::vector<std::string> claimants;  // ids as the core makes them: a prefix and 16 hex digits
  for (int i = 0; i < kClaimants; ++i) {
    char id[24];
    std::snprintf(id, sizeof id, "src_%016llx", static_cast<unsigned long long>(random()));
    claimants.push_back(id);
  }
  const char* kTags[] = {"economy", "elections", "energy", "health", "jobs", "taxes"};
  const char* kRatings[] = {"true",        "mostly-true", "half-true",
                            "barely-true", "false",       "pants-fire"};
  // About the size of a synthetic claim.added event's quantities.
  const std::string quantities =
      "[{\"begin\":30,\"end\":56,\"high\":null,\"low\":null,\"qualifier\":\"at least\","
      "\"text\":\"at least 4.7 million acres\",\"unit\":\"acres\",\"value\":\"4700000\"},"
      "{\"begin\":94,\"end\":97,\"high\":null,\"low\":null,\"qualifier\":\"\",\"text\":\"16%\","
      "\"unit\":\"percent\",\"value\":\"16\"},{\"begin\":101,\"end\":105,\"high\":null,"
      "\"low\":null,\"qualifier\":\"\",\"text\":\"1993\",\"unit\":\"\",\"value\":\"1993\"}]";

  std::vector<std::pair<std::int64_t, std::int64_t>> pending;  // (bucket, claim rowid)
  const auto start = std::chrono::steady_clock::now();
  for (long done = 0; done < claims;) {
    Exec(db, "BEGIN IMMEDIATE");
    for (long i = 0; i < batch && done < claims; ++i, ++done) {
      char at[32];
      std::snprintf(at, sizeof at, "2026-11-29T%02ld:%02ld:%02ld.%06ldZ", done / 3600000000 % 24,
                    done / 60000000 % 60, done / 1000000 % 60, done % 1000000);
      char text_buffer[160];
      std::snprintf(text_buffer, sizeof text_buffer,
                    "The governor created at least %llu nurses along the border, up %llu%% on "
                    "%llu (claim %ld).",
                    static_cast<unsigned long long>(random() % 100000),
                    static_cast<unsigned long long>(random() % 99),
                    static_cast<unsigned long long>(1990 + random() % 30), done);
      const std::string text = text_buffer;
      const std::string& claimant = claimants[random() % kClaimants];
      const std::string ref_text = "syn:" + std::to_string(done);
      std::vector<std::string> tags;
      for (int t = static_cast<int>(random() % 4); t > 0; --t) {
        tags.push_back(kTags[random() % std::size(kTags)]);
      }
      std::sort(tags.begin(), tags.end());
      tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
      std::string tag_json = "[";
      for (const std::string& t : tags) tag_json += (tag_json.size() > 1 ? ",\"" : "\"") + t + "\"";
      tag_json += "]";

      const std::string hash =
          append("claim.added",
                 "{\"appears_in\":null,\"claimant\":\"" + claimant +
                     "\",\"context\":\"a tweet\",\"date\":\"2019-01-04\",\"provenance\":null,"
                     "\"quantities\":" +
                     quantities + ",\"ref\":\"" + ref_text + "\",\"tags\":" + tag_json +
                     ",\"text\":\"" + text + "\"}",
                 at);
      const std::string id = "clm_" + hash.substr(7, 16);
      const std::int64_t claim_seq = seq;
      claim.Text(1, id).Text(2, text).Text(3, claimant).Text(4, "2019-01-04").Text(5, ref_text);
      claim.Text(6, at).Int(7, claim_seq).Int(8, 2019).Run();
      const std::int64_t rowid = sqlite3_last_insert_rowid(db);
      // Binds the claim as tags, verdicts and the rating update name it.
      const auto claim_key = [&](Insert& statement, int i) -> Insert& {
        return integer_keys ? statement.Int(i, rowid) : statement.Text(i, id);
      };

      const char* rated = kRatings[random() % std::size(kRatings)];
      const std::int64_t verdict_seq = seq + 1;
      append("verdict.set",
             "{\"claim\":\"" + id + "\",\"evidence\":[],\"rating\":\"" + rated +
                 "\",\"rationale\":\"synthetic: " + rated + "\"}",
             at);
      verdict.Int(1, seq).Text(3, rated).Text(4, std::string("synthetic: ") + rated).Text(5, at);
      claim_key(verdict, 2).Run();
      if (minimal) continue;

      search.Int(1, rowid).Text(2, text).Run();
      if (buckets) {
        for (int b = 0; b < 16; ++b)
          pending.emplace_back(static_cast<std::int64_t>(random()), rowid);
      }
      for (const std::string& t : tags) claim_key(tag, 1).Text(2, t).Run();
      if (integer_keys) {  // entities named by the seq of the event that made them
        ref.Int(1, claim_seq).Int(2, claim_seq).Run();
        ref.Int(1, 2 + static_cast<std::int64_t>(std::hash<std::string>()(claimant) % kClaimants))
            .Int(2, claim_seq)
            .Run();
        ref.Int(1, claim_seq).Int(2, seq).Run();
      } else {
        ref.Text(1, id).Int(2, claim_seq).Run();
        ref.Text(1, claimant).Int(2, claim_seq).Run();
        ref.Text(1, id).Int(2, seq).Run();
      }
      claim_key(rating, 1).Text(2, rated).Int(3, verdict_seq).Run();
    }
    std::sort(pending.begin(), pending.end());
    for (const auto& [key, rowid] : pending) bucket.Int(1, key).Int(2, rowid).Run();
    pending.clear();
    Exec(db, "COMMIT");
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  sqlite3_close(db);
  std::printf("{\"variant\": \"%s\", \"claims\": %ld, \"batch\": %ld, \"seconds\": %.3f}\n",
              variant.c_str(), claims, batch, seconds);
  return 0;
}
