// The PostgreSQL store's tables as verify() reads them (StoredTables, store.h).
//
// Every table is read in ranges of its blocks (PostgreSQL's TID range scans), so that two
// threads, each on a connection of its own reading the same exported snapshot, share the
// work. Rows are hashed by their columns' types (integers as integers, texts as texts), as the
// replay hashes the records it writes. The search tables are checked against the texts they
// index: each claim's and text snapshot's row (its terms and token count, of a claim's text and
// context, and a claim's buckets, of its text) as search_terms.h and text/min_hash.h make it,
// the totals that BM25 ranks by, and claim_terms (the claims holding each term).
#include <algorithm>
#include <map>
#include <tuple>

#include "claimledger/error.h"
#include "store/postgres/pg_store.h"
#include "store/postgres/schema.h"
#include "store/postgres/search_terms.h"
#include "text/utf8.h"

namespace claimledger {
namespace {

// The parts besides the tables of current state (StoredPart::index kTableCount + these).
enum Derived : int {
  kClaimRows,         // the search rows the claims' texts give: block ranges of claims
  kClaimRowsKept,     // the rows of claims_search: its block ranges
  kSnapshotRows,      // the search rows the snapshots' texts give: block ranges of snapshots
  kSnapshotRowsKept,  // the rows of snapshots_search
  kTotalsKept,        // the rows of search_totals: one part
  kTermsKept,         // the rows of claim_terms: its block ranges
};
// StoredReading::derived: each derived table as the texts give it, then as kept. The totals
// are plain counts (sum[0] the tokens, rows the texts), not hashes.
enum DerivedDigest : int {
  kClaimRowsExpected,
  kClaimRowsHeld,
  kSnapshotRowsExpected,
  kSnapshotRowsHeld,
  kClaimTotalsExpected,
  kClaimTotalsHeld,
  kSnapshotTotalsExpected,
  kSnapshotTotalsHeld,
  kClaimTermsExpected,  // one digest of each term for each claim whose text holds it
  kClaimTermsHeld,      // the same, from claim_terms' counts
  kDerivedDigests,
};

// Parts a large table is cut into: small enough for two threads to end together.
constexpr std::int64_t kPartsPerTable = 32;
// Blocks read at a time by ScanRows.
constexpr std::int64_t kScanBlocks = 2000;

// The condition selecting blocks [first, last] of a table (last < 0: to the end), with its
// bounds as parameters $1 and $2.
constexpr const char* kBlockRange =
    " WHERE ctid >= $1::tid AND ($2::tid IS NULL OR ctid < $2::tid)";

PgParams BlockParams(std::int64_t first, std::int64_t last) {
  PgParams params;
  params.Text("(" + std::to_string(first) + ",0)");
  if (last < 0) return params.Null();
  return params.Text("(" + std::to_string(last + 1) + ",0)");
}

// Adds a column's value to the row being hashed, by its type.
void HashValue(RowHasher& hasher, const PgResult& r, int row, int column) {
  if (r.IsNull(row, column)) {
    hasher.Null();
  } else if (r.IsIntegerColumn(column)) {
    hasher.Int(r.Int(row, column));
  } else if (r.IsTextColumn(column)) {
    hasher.Text(r.View(row, column));
  } else {
    hasher.Other('o', r.View(row, column));  // a type the tables never hold unless altered
  }
}

std::string DigestSelect(const TableLayout& layout) {
  const std::string updated = *layout.updated ? std::string(", ") + layout.updated : "";
  return std::string("SELECT ") + layout.columns + updated + " FROM " + layout.name;
}

int FirstUpdated(const TableLayout& layout, int columns) {
  const std::string_view updated = layout.updated;
  if (updated.empty()) return columns;
  return columns - 1 - static_cast<int>(std::count(updated.begin(), updated.end(), ','));
}

// The digest of one search row: what names it, its terms, whether they are all there, its
// token count and (for claims) its buckets.
TableDigest SearchRowDigest(const RowDigestKey& key, std::int64_t seq, std::string_view terms,
                            bool all_terms, std::int64_t length, std::string_view buckets) {
  const std::uint64_t row[5] = {static_cast<std::uint64_t>(seq), FastTextHash(key, terms),
                                all_terms ? 1u : 0u, static_cast<std::uint64_t>(length),
                                FastTextHash(key, buckets)};
  return FastRowDigest(key, row, sizeof row);
}

// A count of texts and their tokens, as a digest (not a hash: the totals are counts).
TableDigest Count(std::int64_t rows, std::int64_t tokens) {
  TableDigest count;
  count.sum[0] = static_cast<std::uint64_t>(tokens);
  count.rows = rows;
  return count;
}

class PgStoredTables final : public StoredTables {
 public:
  PgStoredTables(PgConnection& connection, FtsTokenizer& tokenizer)
      : connection_(connection), tokenizer_(tokenizer) {}

  std::vector<StoredPart> Parts(bool derived) override {
    std::vector<StoredPart> parts;
    if (derived) parts.push_back({kTableCount + kTotalsKept, 0, -1});
    for (const TableLayout& layout : TableLayouts()) {
      AddBlockRanges(static_cast<int>(layout.table), layout.name, parts);
    }
    if (!derived) return parts;
    AddBlockRanges(kTableCount + kClaimRows, "claims", parts);
    AddBlockRanges(kTableCount + kClaimRowsKept, "claims_search", parts);
    AddBlockRanges(kTableCount + kSnapshotRows, "snapshots", parts);
    AddBlockRanges(kTableCount + kSnapshotRowsKept, "snapshots_search", parts);
    AddBlockRanges(kTableCount + kTermsKept, "claim_terms", parts);
    return parts;
  }

  void Read(const StoredPart& part, const RowDigestKey& key, StoredReading& reading) override {
    if (reading.derived.size() < kDerivedDigests) reading.derived.resize(kDerivedDigests);
    if (part.index < kTableCount) {
      ReadTable(part, key, reading.tables[part.index]);
      return;
    }
    try {
      ReadDerived(part, key, reading.derived);
    } catch (const Error& error) {
      reading.derived_problems.push_back(
          DerivedProblemReport::Unreadable(DerivedTable(part), error.detail()));
    }
  }

  std::vector<std::string> DerivedProblems(const StoredReading& reading,
                                           const std::set<std::string>& explained) override {
    DerivedProblemReport report(reading.derived_problems);
    if (reading.derived.size() < kDerivedDigests) return report.problems();
    const auto differ = [&](DerivedDigest expected, DerivedDigest held) {
      return reading.derived[expected] != reading.derived[held];
    };
    if (differ(kClaimRowsExpected, kClaimRowsHeld)) {
      report.Name("claims_search", [&](std::vector<std::string>& problems) {
        NameClaimRowProblems(explained, problems);
      });
    }
    if (differ(kSnapshotRowsExpected, kSnapshotRowsHeld)) {
      report.Name("snapshots_search",
                  [&](std::vector<std::string>& problems) { NameSnapshotRowProblems(problems); });
    }
    if (differ(kClaimTermsExpected, kClaimTermsHeld)) {
      report.Name("claim_terms", [&](std::vector<std::string>& problems) {
        NameClaimTermProblems(explained, problems);
      });
    }
    report.Name("search_totals", [&](std::vector<std::string>& problems) {
      for (const auto& [what, expected, held] :
           {std::tuple("claims", kClaimTotalsExpected, kClaimTotalsHeld),
            std::tuple("text snapshots", kSnapshotTotalsExpected, kSnapshotTotalsHeld)}) {
        const TableDigest& want = reading.derived[expected];
        const TableDigest& have = reading.derived[held];
        if (want == have) continue;
        problems.push_back("search index search_totals (the counts BM25 ranks by): it counts " +
                           std::to_string(have.rows) + " " + what + " of " +
                           std::to_string(have.sum[0]) + " tokens; the " + what + " hold " +
                           std::to_string(want.rows) + " of " + std::to_string(want.sum[0]));
      }
    });
    return report.problems();
  }

  void ScanRows(Table table, const RowDigestKey& key,
                const std::function<void(RowKey, const TableDigest&,
                                         const std::vector<std::uint64_t>&)>& visit) override {
    const TableLayout& layout = LayoutOf(table);
    const std::int64_t blocks = Blocks(layout.name);
    RowHasher hasher(key);
    std::vector<std::uint64_t> values;
    for (std::int64_t first = 0; first < blocks || first == 0; first += kScanBlocks) {
      const bool last_range = first + kScanBlocks >= blocks;
      const PgResult r =
          connection_.Run(DigestSelect(layout) + kBlockRange,
                          BlockParams(first, last_range ? -1 : first + kScanBlocks - 1));
      const int columns = r.Columns();
      const int first_updated = FirstUpdated(layout, columns);
      for (int row = 0; row < r.Rows(); ++row) {
        RowKey row_key;
        for (int k = 0; k < layout.key_columns; ++k) {
          if (r.IsIntegerColumn(k) && !r.IsNull(row, k)) {
            row_key.emplace_back(r.Int(row, k));
          } else {
            row_key.emplace_back(r.Text(row, k));
          }
        }
        hasher.Part('r');
        for (int c = 0; c < first_updated; ++c) HashValue(hasher, r, row, c);
        TableDigest digest = hasher.Digest();
        values.clear();
        hasher.ValueHashes(values);
        if (first_updated < columns) {
          hasher.Part('u');
          for (int c = first_updated; c < columns; ++c) HashValue(hasher, r, row, c);
          digest += hasher.Digest();
          hasher.ValueHashes(values);
        }
        visit(std::move(row_key), digest, values);
      }
      if (last_range) break;
    }
  }

 private:
  // How many blocks `table` has now (rows of this snapshot are in none beyond).
  std::int64_t Blocks(const char* table) {
    return connection_
        .Run("SELECT pg_relation_size($1::regclass) / current_setting('block_size')::bigint",
             PgParams().Text(table))
        .Int(0, 0);
  }

  // Adds the parts of `table`: ranges of its blocks, the last open-ended.
  void AddBlockRanges(int index, const char* table, std::vector<StoredPart>& parts) {
    const std::int64_t blocks = Blocks(table);
    const std::int64_t step =
        std::max<std::int64_t>(1, (blocks + kPartsPerTable - 1) / kPartsPerTable);
    for (std::int64_t first = 0;; first += step) {
      if (first + step >= blocks) {
        parts.push_back({index, first, -1});
        return;
      }
      parts.push_back({index, first, first + step - 1});
    }
  }

  void ReadTable(const StoredPart& part, const RowDigestKey& key, TableDigest& digest) {
    const TableLayout& layout = TableLayouts()[part.index];
    const PgResult r =
        connection_.Run(DigestSelect(layout) + kBlockRange, BlockParams(part.first, part.last));
    const int columns = r.Columns();
    const int first_updated = FirstUpdated(layout, columns);
    const int distinct = first_updated < columns ? columns - 1 : columns;
    const std::int64_t stored =
        connection_
            .Run(
                "SELECT count(*) FROM pg_attribute WHERE attrelid = $1::regclass "
                "AND attnum > 0 AND NOT attisdropped",
                PgParams().Text(layout.name))
            .Int(0, 0);
    if (distinct != stored) {
      throw Error(
          Code::kStorage, "claimledger.store.digest_layout",
          std::string("the digest of table ") + layout.name + " does not cover all its columns");
    }
    RowHasher hasher(key);
    for (int row = 0; row < r.Rows(); ++row) {
      hasher.Part('r');
      for (int c = 0; c < first_updated; ++c) HashValue(hasher, r, row, c);
      hasher.AddTo(digest);
      if (first_updated == columns) continue;
      hasher.Part('u');
      for (int c = first_updated; c < columns; ++c) HashValue(hasher, r, row, c);
      hasher.AddTo(digest);
    }
  }

  void ReadDerived(const StoredPart& part, const RowDigestKey& key,
                   std::vector<TableDigest>& derived) {
    const PgParams blocks = BlockParams(part.first, part.last);
    switch (part.index - kTableCount) {
      case kClaimRows: {
        const PgResult r = connection_.Run(
            std::string("SELECT seq, text, context FROM claims") + kBlockRange, blocks);
        for (int row = 0; row < r.Rows(); ++row) {
          const std::string_view text = r.View(row, 1);
          const TextTerms terms = ClaimTerms(r, row, 1);
          derived[kClaimRowsExpected] += SearchRowDigest(
              key, r.Int(row, 0), terms.tsvector, terms.all_terms, terms.length, BucketArray(text));
          derived[kClaimTotalsExpected] += Count(1, terms.length);
          if (!terms.all_terms) continue;
          for (const std::string& term : terms.terms) {
            derived[kClaimTermsExpected] += FastRowDigest(key, term.data(), term.size());
          }
        }
        break;
      }
      case kClaimRowsKept: {
        const PgResult r = connection_.Run(
            std::string("SELECT claim, terms::text, all_terms, length, buckets::text "
                        "FROM claims_search") +
                kBlockRange + " AND " + kClaimHeld,
            blocks);
        for (int row = 0; row < r.Rows(); ++row) {
          derived[kClaimRowsHeld] +=
              SearchRowDigest(key, r.Int(row, 0), r.View(row, 1), r.View(row, 2) == "t",
                              r.Int(row, 3), r.View(row, 4));
        }
        break;
      }
      case kSnapshotRows: {
        const PgResult r = connection_.Run(
            std::string("SELECT s.seq, b.bytes FROM snapshots s JOIN contents b "
                        "ON b.hash = s.hash") +
                " WHERE s.ctid >= $1::tid AND ($2::tid IS NULL OR s.ctid < $2::tid)",
            blocks);
        for (int row = 0; row < r.Rows(); ++row) {
          const std::string bytes = r.Bytes(row, 1);
          if (FirstInvalidUtf8(bytes) != std::string::npos) continue;  // not text: no row
          const TextTerms terms = TermsOf(tokenizer_, bytes);
          derived[kSnapshotRowsExpected] += SearchRowDigest(key, r.Int(row, 0), terms.tsvector,
                                                            terms.all_terms, terms.length, "");
          derived[kSnapshotTotalsExpected] += Count(1, terms.length);
        }
        break;
      }
      case kSnapshotRowsKept: {
        const PgResult r = connection_.Run(
            std::string("SELECT snapshot, terms::text, all_terms, length FROM snapshots_search") +
                kBlockRange,
            blocks);
        for (int row = 0; row < r.Rows(); ++row) {
          derived[kSnapshotRowsHeld] += SearchRowDigest(key, r.Int(row, 0), r.View(row, 1),
                                                        r.View(row, 2) == "t", r.Int(row, 3), "");
        }
        break;
      }
      case kTermsKept: {
        const PgResult r = connection_.Run(
            std::string("SELECT term, claims FROM claim_terms") + kBlockRange, blocks);
        for (int row = 0; row < r.Rows(); ++row) {
          // A term held by n claims: its digest n times, as the claims' texts give it.
          const std::string_view term = r.View(row, 0);
          TableDigest held = FastRowDigest(key, term.data(), term.size());
          const std::int64_t claims = r.Int(row, 1);
          held.sum[0] *= static_cast<std::uint64_t>(claims);
          held.sum[1] *= static_cast<std::uint64_t>(claims);
          held.rows = claims;
          derived[kClaimTermsHeld] += held;
        }
        break;
      }
      case kTotalsKept: {
        const PgResult r = connection_.Run("SELECT name, rows, tokens FROM search_totals");
        for (int row = 0; row < r.Rows(); ++row) {
          const TableDigest count = Count(r.Int(row, 1), r.Int(row, 2));
          if (r.View(row, 0) == "claims") derived[kClaimTotalsHeld] += count;
          if (r.View(row, 0) == "snapshots") derived[kSnapshotTotalsHeld] += count;
        }
        break;
      }
    }
  }

  static const char* DerivedTable(const StoredPart& part) {
    switch (part.index - kTableCount) {
      case kClaimRows:
      case kClaimRowsKept:
        return "claims_search";
      case kSnapshotRows:
      case kSnapshotRowsKept:
        return "snapshots_search";
      case kTermsKept:
        return "claim_terms";
      default:
        return "search_totals";
    }
  }

  // Names (up to ten) the terms that claim_terms counts otherwise than claims_search's rows
  // (those holding all their terms) hold them, counted on the server. When it counts as they
  // do, the claims' texts differ: explained by the claims named in `explained` (rows of the
  // claims table that differ from the events) if there are any.
  void NameClaimTermProblems(const std::set<std::string>& explained,
                             std::vector<std::string>& problems) {
    const PgResult r = connection_.Run(
        std::string("WITH held AS (") + ClaimTermsCounted() +
        "), kept AS (SELECT term, claims FROM claim_terms WHERE claims <> 0) "
        "SELECT coalesce(k.term, h.term), coalesce(k.claims, 0), coalesce(h.claims, 0), "
        "count(*) OVER () FROM held h FULL JOIN kept k ON k.term = h.term "
        "WHERE h.claims IS DISTINCT FROM k.claims ORDER BY 1 LIMIT 10");
    if (r.Rows() == 0) {
      if (!explained.empty()) return;
      problems.push_back(
          "search index claim_terms (how many claims hold each term, which similar() and "
          "search() rank by): its counts differ from those the claims' texts give");
      return;
    }
    std::string named;
    for (int row = 0; row < r.Rows(); ++row) {
      named += std::string(row ? "; " : "") + "\"" + r.Text(row, 0) + "\" counted for " +
               std::to_string(r.Int(row, 1)) + ", held by " + std::to_string(r.Int(row, 2));
    }
    problems.push_back(
        "search index claim_terms (how many claims hold each term, which similar() and search() "
        "rank by): " +
        std::to_string(r.Int(0, 3)) +
        " term(s) counted otherwise than the search rows hold them: " + named);
  }

  // The terms of a claim's searchable text (store.h): its text in column `column` of `r`, its
  // context (or NULL) in the next.
  TextTerms ClaimTerms(const PgResult& r, int row, int column) {
    if (r.IsNull(row, column + 1)) return TermsOf(tokenizer_, r.View(row, column));
    return TermsOf(tokenizer_, SearchableText(r.Text(row, column), r.Text(row, column + 1)));
  }

  // Names (up to 1000) the claims whose search rows differ from what their texts give.
  void NameClaimRowProblems(const std::set<std::string>& explained,
                            std::vector<std::string>& problems) {
    const RowDigestKey key = RowDigestKey::Random();
    std::map<std::int64_t, TableDigest> kept;
    const PgResult held =
        connection_.Run(std::string("SELECT claim, terms::text, all_terms, length, buckets::text "
                                    "FROM claims_search WHERE ") +
                        kClaimHeld);
    for (int row = 0; row < held.Rows(); ++row) {
      kept[held.Int(row, 0)] +=
          SearchRowDigest(key, held.Int(row, 0), held.View(row, 1), held.View(row, 2) == "t",
                          held.Int(row, 3), held.View(row, 4));
    }
    DerivedProblemList list(
        problems,
        "search index claims_search (the search terms and near-duplicate buckets of "
        "claims): ");
    const PgResult claims =
        connection_.Run("SELECT seq, id, text, context FROM claims ORDER BY seq");
    for (int row = 0; row < claims.Rows(); ++row) {
      const std::int64_t seq = claims.Int(row, 0);
      const std::string_view text = claims.View(row, 2);
      const TextTerms terms = ClaimTerms(claims, row, 2);
      const TableDigest expected = SearchRowDigest(key, seq, terms.tsvector, terms.all_terms,
                                                   terms.length, BucketArray(text));
      const auto found = kept.find(seq);
      const TableDigest have = found == kept.end() ? TableDigest() : found->second;
      if (found != kept.end()) kept.erase(found);
      if (have == expected) continue;
      const std::string id = claims.Text(row, 1);
      if (explained.count(id)) {
        list.Skip();
      } else {
        list.Add("the search row of claim " + id + " differs from what its text gives");
      }
    }
    for (const auto& entry : kept) {
      list.Add("a row names claim seq " + std::to_string(entry.first) + ", which holds no claim");
    }
    list.AddIfNone("its rows differ from those the claims' texts give");
  }

  // Names (up to 1000) the snapshots whose search rows differ from what their bytes give.
  void NameSnapshotRowProblems(std::vector<std::string>& problems) {
    const RowDigestKey key = RowDigestKey::Random();
    std::map<std::int64_t, TableDigest> kept;
    const PgResult held =
        connection_.Run("SELECT snapshot, terms::text, all_terms, length FROM snapshots_search");
    for (int row = 0; row < held.Rows(); ++row) {
      kept[held.Int(row, 0)] += SearchRowDigest(key, held.Int(row, 0), held.View(row, 1),
                                                held.View(row, 2) == "t", held.Int(row, 3), "");
    }
    DerivedProblemList list(problems,
                            "search index snapshots_search (the search terms of snapshots): ");
    const PgResult snapshots = connection_.Run(
        "SELECT s.seq, s.hash, b.bytes FROM snapshots s JOIN contents b ON b.hash = s.hash "
        "ORDER BY s.seq");
    for (int row = 0; row < snapshots.Rows(); ++row) {
      const std::int64_t seq = snapshots.Int(row, 0);
      const std::string bytes = snapshots.Bytes(row, 2);
      TableDigest expected;
      if (FirstInvalidUtf8(bytes) == std::string::npos) {
        const TextTerms terms = TermsOf(tokenizer_, bytes);
        expected = SearchRowDigest(key, seq, terms.tsvector, terms.all_terms, terms.length, "");
      }
      const auto found = kept.find(seq);
      const TableDigest have = found == kept.end() ? TableDigest() : found->second;
      if (found != kept.end()) kept.erase(found);
      if (have != expected) {
        list.Add("the search row of snapshot " + snapshots.Text(row, 1) +
                 " differs from what its bytes give");
      }
    }
    for (const auto& entry : kept) {
      list.Add("a row names snapshot seq " + std::to_string(entry.first) +
               ", which holds no snapshot");
    }
    list.AddIfNone("its rows differ from those the snapshots' texts give");
  }

  PgConnection& connection_;
  FtsTokenizer& tokenizer_;
};

}  // namespace

std::unique_ptr<StoredTables> PgStore::OpenStoredTables() {
  Flush();
  return std::make_unique<PgStoredTables>(*connection_, tokenizer_);
}

}  // namespace claimledger
