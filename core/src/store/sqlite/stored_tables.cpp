// The SQLite store's tables as verify() reads them (StoredTables, store.h).
//
// The tables of current state are digested in parts: each WITHOUT ROWID table whole, each
// other table in ranges of rowids, so that two threads end together. The search indexes are
// checked against the texts they index (search_checks.h), also in parts.
#include <algorithm>
#include <limits>
#include <optional>
#include <unordered_map>

#include "claimledger/error.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/search_checks.h"
#include "store/sqlite/sqlite_store.h"

namespace claimledger {
namespace {

// The parts besides the tables of current state (StoredPart::index kTableCount + these).
enum Derived : int {
  kClaimTokens,      // the tokens of the claims' texts: ranges of claim rowids
  kClaimTokensKept,  // the tokens claims_fts holds: term ranges
  kSnapshotTokens,   // the tokens of the texts snapshots_fts keeps: ranges of its rowids
  kSnapshotTokensKept,
  kSnapshotTexts,  // the texts snapshots_fts keeps against the snapshots: one part
  kPartedTexts,    // the texts claim_parted_texts keeps against the claims: one part
  kBuckets,        // the buckets of the claims' texts: ranges of claim rowids
  kBucketsKept,    // the rows of claim_lsh: ranges of bucket keys
};
// StoredReading::derived: each derived table as the texts give it, then as kept.
enum DerivedDigest : int {
  kClaimTokensExpected,
  kClaimTokensHeld,
  kSnapshotTokensExpected,
  kSnapshotTokensHeld,
  kSnapshotTextsExpected,
  kSnapshotTextsHeld,
  kPartedTextsExpected,
  kPartedTextsHeld,
  kBucketsExpected,
  kBucketsHeld,
  kDerivedDigests,
};

// Parts a large table is cut into: small enough for two threads to end together.
constexpr std::int64_t kPartsPerTable = 32;

// Adds the value of a column to the row being hashed, by its storage type.
void HashValue(RowHasher& hasher, sqlite3_value* value) {
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL:
      hasher.Null();
      break;
    case SQLITE_INTEGER:
      hasher.Int(sqlite3_value_int64(value));
      break;
    case SQLITE_FLOAT: {
      const double number = sqlite3_value_double(value);
      hasher.Other('r', std::string_view(reinterpret_cast<const char*>(&number), sizeof number));
      break;
    }
    case SQLITE_TEXT:
      hasher.Text(Statement::ViewOf(value));
      break;
    default:
      hasher.Other('b', Statement::ViewOf(value));
  }
}

// A claim's text id from `column` of a row keyed by the claim (schema version 8): the id of the
// claims row whose rowid it holds, or the text it holds when that names no claim (a verdict on a
// claim id the ledger does not hold). Anything else, an edit, gives NULL, which differs from
// every row the events give.
std::string ClaimIdOf(const std::string& column) {
  return "coalesce((SELECT id FROM claims WHERE rowid = " + column + "), (SELECT " + column +
         " WHERE typeof(" + column +
         ") = 'text' AND NOT EXISTS (SELECT 1 FROM claims WHERE id = " + column + ")))";
}

// The SELECT of a table's digested columns: `columns`, then `updated` (whose first column
// repeats the key). The rows keyed by a claim's rowid give its text id, as the events do.
std::string DigestSelect(const TableLayout& layout) {
  switch (layout.table) {
    case Table::kClaimTags:
      return "SELECT " + ClaimIdOf("t.claim") + ", t.tag FROM claim_tags t";
    case Table::kVerdicts:
      return "SELECT v.seq, " + ClaimIdOf("v.claim") +
             ", v.rating, v.rationale, v.evidence, v.at, v.actor, v.made_at, v.from_ledger "
             "FROM verdicts v";
    case Table::kEventRefs:
      // A source's references by its rowid, which the reader turns into its text id
      // (SourceColumn).
      return "SELECT entity, seq FROM event_refs UNION ALL SELECT " + ClaimIdOf("r.claim") +
             ", r.seq FROM claim_refs r UNION ALL SELECT source, seq FROM source_refs";
    default:
      break;
  }
  const std::string updated = *layout.updated ? std::string(", ") + layout.updated : "";
  return std::string("SELECT ") + layout.columns + updated + " FROM " + layout.name;
}

// The column of a table's digest that names a source by the rowid of its row (schema version 11)
// or by its text id: the claims' claimant, the entity of a source's references (an integer there
// comes only from source_refs: event_refs keeps text). -1: none. The reader digests the text id
// a rowid names (a rowid that names no source as NULL, which differs from every row the events
// give), so that the digests are those of the replay; read in SQL instead, one lookup a row, it
// made verify 4-7% slower at 1,000,000 claims.
int SourceColumn(Table table) {
  switch (table) {
    case Table::kClaims:
      return 2;  // "id, text, claimant, ..."
    case Table::kEventRefs:
      return 0;
    default:
      return -1;
  }
}

// How many of a table's columns come first, before the updated ones.
int FirstUpdated(const TableLayout& layout, int columns) {
  const std::string_view updated = layout.updated;
  if (updated.empty()) return columns;
  return columns - 1 - static_cast<int>(std::count(updated.begin(), updated.end(), ','));
}

bool IsWithoutRowid(Table table) {
  return table == Table::kClaimTags || table == Table::kAppearances || table == Table::kEventRefs;
}

// Cuts [low, high] into at most kPartsPerTable ranges (64-bit values anywhere in their range:
// the arithmetic avoids overflow).
void AddRanges(int index, std::int64_t low, std::int64_t high, std::vector<StoredPart>& parts) {
  const auto span = static_cast<std::uint64_t>(high) - static_cast<std::uint64_t>(low);
  const std::uint64_t step = span / kPartsPerTable + 1;
  for (std::uint64_t offset = 0;; offset += step) {
    const auto first = static_cast<std::int64_t>(static_cast<std::uint64_t>(low) + offset);
    if (span - offset < step) {
      parts.push_back({index, first, high});
      return;
    }
    parts.push_back({index, first, first + static_cast<std::int64_t>(step) - 1});
  }
}

class SqliteStoredTables final : public StoredTables {
 public:
  explicit SqliteStoredTables(Connection& connection) : connection_(connection) {}

  std::vector<StoredPart> Parts(bool derived) override {
    // The parts that are not cut first, so that the ranges even the threads out at the end.
    std::vector<StoredPart> parts;
    if (derived) {
      parts.push_back({kTableCount + kSnapshotTexts});
      parts.push_back({kTableCount + kPartedTexts});
    }
    for (const TableLayout& layout : TableLayouts()) {
      if (IsWithoutRowid(layout.table)) parts.push_back({static_cast<int>(layout.table)});
    }
    for (const TableLayout& layout : TableLayouts()) {
      if (IsWithoutRowid(layout.table)) continue;
      // Each bound in a query of its own, which SQLite answers from the ends of the b-tree.
      const std::string from = std::string(" FROM ") + layout.name;
      AddBounds(static_cast<int>(layout.table),
                "SELECT (SELECT min(rowid)" + from + "), (SELECT max(rowid)" + from + ")", parts);
    }
    if (!derived) return parts;
    AddBounds(kTableCount + kClaimTokens, ClaimsFullText().all_rowids, parts);
    AddBounds(kTableCount + kSnapshotTokens, SnapshotsFullText().all_rowids, parts);
    AddBounds(kTableCount + kBuckets, ClaimsFullText().all_rowids, parts);
    for (int range = 0; range < TermRangeCount(); ++range) {
      parts.push_back({kTableCount + kClaimTokensKept, range, range});
      parts.push_back({kTableCount + kSnapshotTokensKept, range, range});
    }
    AddRanges(kTableCount + kBucketsKept, std::numeric_limits<std::int64_t>::min(),
              std::numeric_limits<std::int64_t>::max(), parts);
    return parts;
  }

  void Read(const StoredPart& part, const RowDigestKey& key, StoredReading& reading) override {
    if (reading.derived.size() < kDerivedDigests) reading.derived.resize(kDerivedDigests);
    if (part.index < kTableCount) {
      ReadTable(part, key, reading.tables[part.index]);
      return;
    }
    try {
      ReadDerived(part, key, reading);
    } catch (const Error& error) {
      // A damaged index: reported, not thrown (rebuild() makes it again).
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
    const FullTextIndex& claims = ClaimsFullText();
    const FullTextIndex& snapshots = SnapshotsFullText();
    if (differ(kClaimTokensExpected, kClaimTokensHeld)) {
      report.Name(claims.table, [&](std::vector<std::string>& problems) {
        NameTokenProblems(connection_, claims, explained, problems);
      });
    }
    if (differ(kSnapshotTextsExpected, kSnapshotTextsHeld)) {
      report.Name(snapshots.table, [&](std::vector<std::string>& problems) {
        NameSnapshotTextProblems(connection_, problems);
      });
    }
    if (differ(kSnapshotTokensExpected, kSnapshotTokensHeld)) {
      report.Name(snapshots.table, [&](std::vector<std::string>& problems) {
        NameTokenProblems(connection_, snapshots, explained, problems);
      });
    }
    if (differ(kPartedTextsExpected, kPartedTextsHeld)) {
      report.Name("claim_parted_texts", [&](std::vector<std::string>& problems) {
        NamePartedTextProblems(connection_, explained, problems);
      });
    }
    if (differ(kBucketsExpected, kBucketsHeld)) {
      report.Name("claim_lsh", [&](std::vector<std::string>& problems) {
        NameBucketProblems(connection_, explained, problems);
      });
    }
    return report.problems();
  }

  void ScanRows(Table table, const RowDigestKey& key,
                const std::function<void(RowKey, const TableDigest&,
                                         const std::vector<std::uint64_t>&)>& visit) override {
    const TableLayout& layout = LayoutOf(table);
    Statement rows = connection_.Prepare(DigestSelect(layout));
    const int columns = rows.ColumnCount();
    const int first_updated = FirstUpdated(layout, columns);
    const int source_column = SourceColumn(table);
    RowHasher hasher(key);
    std::vector<std::uint64_t> values;
    while (rows.Step()) {
      RowKey row_key;
      for (int k = 0; k < layout.key_columns; ++k) {
        if (sqlite3_value_type(rows.Value(k)) != SQLITE_INTEGER) {
          row_key.emplace_back(rows.Text(k));
        } else if (k != source_column) {
          row_key.emplace_back(rows.Int(k));
        } else {
          const std::string* id = SourceId(rows.Int(k));
          row_key.emplace_back(id ? *id : std::string());
        }
      }
      hasher.Part('r');
      for (int c = 0; c < first_updated; ++c) {
        HashColumn(hasher, rows.Value(c), c == source_column);
      }
      TableDigest digest = hasher.Digest();
      values.clear();
      hasher.ValueHashes(values);
      if (first_updated < columns) {
        hasher.Part('u');
        for (int c = first_updated; c < columns; ++c) HashValue(hasher, rows.Value(c));
        digest += hasher.Digest();
        hasher.ValueHashes(values);
      }
      visit(std::move(row_key), digest, values);
    }
  }

 private:
  void ReadDerived(const StoredPart& part, const RowDigestKey& key, StoredReading& reading) {
    std::vector<TableDigest>& derived = reading.derived;
    switch (part.index - kTableCount) {
      case kClaimTokens:
        DigestTokensOfTexts(connection_, ClaimsFullText(), part.first, part.last, key,
                            derived[kClaimTokensExpected]);
        break;
      case kClaimTokensKept:
        DigestTokensKept(connection_, ClaimsFullText(), static_cast<int>(part.first), key,
                         derived[kClaimTokensHeld]);
        break;
      case kSnapshotTokens:
        DigestTokensOfTexts(connection_, SnapshotsFullText(), part.first, part.last, key,
                            derived[kSnapshotTokensExpected]);
        break;
      case kSnapshotTokensKept:
        DigestTokensKept(connection_, SnapshotsFullText(), static_cast<int>(part.first), key,
                         derived[kSnapshotTokensHeld]);
        break;
      case kSnapshotTexts:
        DigestSnapshotTexts(connection_, key, derived[kSnapshotTextsExpected],
                            derived[kSnapshotTextsHeld]);
        break;
      case kPartedTexts:
        DigestPartedTexts(connection_, key, derived[kPartedTextsExpected],
                          derived[kPartedTextsHeld]);
        break;
      case kBuckets:
        DigestBucketsOfTexts(connection_, part.first, part.last, key, derived[kBucketsExpected]);
        break;
      case kBucketsKept:
        DigestBucketsKept(connection_, part.first, part.last, key, derived[kBucketsHeld]);
        break;
    }
  }

  // The table a derived part reads, for messages.
  static const char* DerivedTable(const StoredPart& part) {
    switch (part.index - kTableCount) {
      case kClaimTokens:
      case kClaimTokensKept:
        return ClaimsFullText().table;
      case kSnapshotTokens:
      case kSnapshotTokensKept:
      case kSnapshotTexts:
        return SnapshotsFullText().table;
      case kPartedTexts:
        return "claim_parted_texts";
      default:
        return "claim_lsh";
    }
  }

  // Adds the ranges of rowids that `bounds` (a query of the least and the greatest) spans.
  void AddBounds(int index, const std::string& bounds, std::vector<StoredPart>& parts) {
    Statement statement = connection_.Prepare(bounds);
    if (!statement.Step() || statement.IsNull(0)) return;
    AddRanges(index, statement.Int(0), statement.Int(1), parts);
  }

  // Adds the digests of a part of a table of current state, after checking that its layout
  // covers all its columns (a column added to the schema but not to the layout would go
  // unchecked).
  void ReadTable(const StoredPart& part, const RowDigestKey& key, TableDigest& digest) {
    const TableLayout& layout = TableLayouts()[part.index];
    const bool whole = IsWithoutRowid(layout.table);
    Statement rows =
        connection_.Prepare(DigestSelect(layout) + (whole ? "" : " WHERE rowid BETWEEN ?1 AND ?2"));
    const int columns = rows.ColumnCount();
    const int first_updated = FirstUpdated(layout, columns);
    const int distinct = first_updated < columns ? columns - 1 : columns;
    // main.: a file older than version 8 read-only shows some tables through views (schema.h).
    if (distinct !=
        connection_.Prepare(std::string("SELECT * FROM main.") + layout.name).ColumnCount()) {
      throw Error(
          Code::kStorage, "claimledger.store.digest_layout",
          std::string("the digest of table ") + layout.name + " does not cover all its columns");
    }
    if (!whole) rows.Bind(1, part.first).Bind(2, part.last);
    const int source_column = SourceColumn(layout.table);
    RowHasher hasher(key);
    while (rows.Step()) {
      hasher.Part('r');
      for (int c = 0; c < first_updated; ++c) {
        HashColumn(hasher, rows.Value(c), c == source_column);
      }
      hasher.AddTo(digest);
      if (first_updated == columns) continue;
      hasher.Part('u');
      for (int c = first_updated; c < columns; ++c) HashValue(hasher, rows.Value(c));
      hasher.AddTo(digest);
    }
  }

  // The text id of the source whose row is `rowid`; nothing when there is none. The sources are
  // read once, the first time.
  const std::string* SourceId(std::int64_t rowid) {
    if (!source_ids_) source_ids_ = SourceIdsByRowid(connection_);
    const auto found = source_ids_->find(rowid);
    return found == source_ids_->end() ? nullptr : &found->second;
  }

  // HashValue, but a source's rowid in the column that names a source (SourceColumn) is hashed
  // as its text id.
  void HashColumn(RowHasher& hasher, sqlite3_value* value, bool names_source) {
    if (!names_source || sqlite3_value_type(value) != SQLITE_INTEGER) {
      HashValue(hasher, value);
    } else if (const std::string* id = SourceId(sqlite3_value_int64(value))) {
      hasher.Text(*id);
    } else {
      hasher.Null();
    }
  }

  Connection& connection_;
  std::optional<std::unordered_map<std::int64_t, std::string>> source_ids_;
};

}  // namespace

std::unique_ptr<StoredTables> SqliteStore::OpenStoredTables() {
  return std::make_unique<SqliteStoredTables>(*connection_);
}

}  // namespace claimledger
