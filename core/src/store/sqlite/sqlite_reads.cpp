// The SQLite store's reads of the tables of current state (sqlite_store.h).
#include <nlohmann/json.hpp>

#include "codec/canonical_json.h"
#include "codec/events.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_store.h"

namespace claimledger {
namespace {

Origin ReadOrigin(const Statement& s, int first) {
  return {s.Int(first), s.Text(first + 1), s.Text(first + 2), s.Text(first + 1), std::nullopt};
}

Quote ReadQuote(const Statement& s, int first) {
  Quote quote;
  quote.snapshot = s.Text(first);
  quote.exact = s.Text(first + 1);
  quote.prefix = s.Text(first + 2);
  quote.suffix = s.Text(first + 3);
  quote.start = static_cast<std::size_t>(s.Int(first + 4));
  quote.end = static_cast<std::size_t>(s.Int(first + 5));
  return quote;
}

Source ReadSource(const Statement& s) {
  return {s.Text(0),         s.Text(1),         s.Text(2), s.OptionalText(3), s.OptionalText(4),
          s.OptionalText(5), s.OptionalText(6), s.Text(7), ReadOrigin(s, 8)};
}

Snapshot ReadSnapshot(const Statement& s) {
  return {s.Text(0),         s.Text(1),         s.Int(2),
          s.OptionalText(3), s.OptionalText(4), s.OptionalText(5),
          s.OptionalText(6), s.OptionalText(7), ReadOrigin(s, 8)};
}

Evidence ReadEvidence(const Statement& s) {
  return {s.Text(0),         s.Text(1),          ReadQuote(s, 2),  s.Text(8),
          s.OptionalText(9), s.OptionalText(10), ReadOrigin(s, 11)};
}

// The SELECT of verdicts as ReadVerdict reads them (kVerdictSelect's columns): the claim's text
// id from its row, which verdicts name by rowid (schema version 8).
constexpr const char* kVerdictWithIdSelect =
    "SELECT c.id, v.rating, v.rationale, v.evidence, v.seq, v.at, v.actor, v.made_at, "
    "v.from_ledger FROM verdicts v JOIN claims c ON c.rowid = v.claim";

Verdict ReadVerdict(const Statement& s) {
  Verdict verdict{s.Text(0), s.Text(1), s.Text(2), {}, ReadOrigin(s, 4)};
  verdict.origin.made_at = s.Text(7);
  verdict.origin.from_ledger = s.OptionalText(8);
  for (const auto& id : nlohmann::json::parse(s.View(3))) verdict.evidence.push_back(id);
  return verdict;
}

template <typename Record, typename Read>
std::vector<Record> ReadAll(Statement& statement, Read read) {
  std::vector<Record> records;
  while (statement.Step()) records.push_back(read(statement));
  return records;
}

}  // namespace

void SqliteStore::ReadClaimDetails(std::string_view added_data, Claim* claim) {
  JsonView view;
  std::string canonical;
  const ClaimAdded added = ReadClaimAdded(ParseCanonical(added_data, view, canonical));
  claim->quantities = added.quantities;
  claim->provenance = added.provenance;
}

bool SqliteStore::HasSource(const std::string& id) {
  Statement statement = connection_->Prepare("SELECT 1 FROM sources WHERE id = ?1");
  return statement.Bind(1, id).Step();
}

std::optional<Source> SqliteStore::GetSource(const std::string& id) {
  Statement statement = connection_->Prepare(std::string(kSourceSelect) + " WHERE id = ?1");
  if (!statement.Bind(1, id).Step()) return std::nullopt;
  return ReadSource(statement);
}

std::vector<Source> SqliteStore::ListSources() {
  Statement statement = connection_->Prepare(std::string(kSourceSelect) + " ORDER BY seq");
  return ReadAll<Source>(statement, ReadSource);
}

std::optional<Snapshot> SqliteStore::GetSnapshot(const std::string& hash) {
  Statement statement = connection_->Prepare(std::string(kSnapshotSelect) + " WHERE hash = ?1");
  if (!statement.Bind(1, hash).Step()) return std::nullopt;
  return ReadSnapshot(statement);
}

std::vector<Snapshot> SqliteStore::ListSnapshots() {
  Statement statement = connection_->Prepare(std::string(kSnapshotSelect) + " ORDER BY seq");
  return ReadAll<Snapshot>(statement, ReadSnapshot);
}

std::optional<Claim> SqliteStore::GetClaim(const std::string& id) {
  Claim claim;
  std::optional<std::int64_t> verdict_seq;
  std::int64_t rowid = 0;
  {
    Statement statement = connection_->Prepare(
        "SELECT c.id, c.text, " + SourceIdOf("c.claimant") +
        ", c.status, e.data, c.date, c.context, c.ref, c.seq, c.at, c.actor, c.verdict_seq, "
        "c.rowid FROM claims c JOIN events e ON e.seq = c.seq WHERE c.id = ?1");
    if (!statement.Bind(1, id).Step()) return std::nullopt;
    claim.id = statement.Text(0);
    claim.text = statement.Text(1);
    claim.claimant = statement.OptionalText(2);
    claim.status = statement.Text(3);
    ReadClaimDetails(statement.View(4), &claim);
    claim.date = statement.OptionalText(5);
    claim.context = statement.OptionalText(6);
    claim.ref = statement.OptionalText(7);
    claim.origin = ReadOrigin(statement, 8);
    verdict_seq = statement.OptionalInt(11);
    rowid = statement.Int(12);
  }
  {
    Statement statement =
        connection_->Prepare("SELECT tag FROM claim_tags WHERE claim = ?1 ORDER BY tag");
    statement.Bind(1, rowid);
    while (statement.Step()) claim.tags.push_back(statement.Text(0));
  }
  {
    Statement statement = connection_->Prepare(
        "SELECT snapshot, exact, prefix, suffix, quote_start, quote_end FROM appearances "
        "WHERE claim = ?1 ORDER BY snapshot, quote_start");
    statement.Bind(1, id);
    while (statement.Step()) claim.appearances.push_back(ReadQuote(statement, 0));
  }
  if (verdict_seq) {
    Statement statement =
        connection_->Prepare(std::string(kVerdictWithIdSelect) + " WHERE v.seq = ?1");
    if (statement.Bind(1, *verdict_seq).Step()) claim.verdict = ReadVerdict(statement);
  }
  return claim;
}

std::vector<Claim> SqliteStore::ListClaims(const ClaimFilter& filter) {
  std::vector<std::string> ids;
  {
    // A claimant's condition plain, without "?3 IS NULL OR": SQLite then reads a source's claims
    // from the index of claimants instead of all claims in order until enough of them match.
    const std::string claimant = filter.claimant ? ClaimantIs("claimant", "?3") : "?3 IS NULL";
    Statement statement = connection_->Prepare(
        "SELECT id FROM claims c WHERE (?1 IS NULL OR status = ?1) "
        "AND (?2 IS NULL OR rating = ?2) AND " +
        claimant +
        " AND (?4 IS NULL OR EXISTS (SELECT 1 FROM claim_tags t "
        "WHERE t.claim = c.rowid AND t.tag = ?4)) ORDER BY seq LIMIT ?5");
    statement.Bind(1, filter.status).Bind(2, filter.rating).Bind(3, filter.claimant);
    statement.Bind(4, filter.tag).Bind(5, filter.limit);
    while (statement.Step()) ids.push_back(statement.Text(0));
  }
  std::vector<Claim> claims;
  claims.reserve(ids.size());
  for (const std::string& id : ids) claims.push_back(*GetClaim(id));
  return claims;
}

std::optional<Evidence> SqliteStore::GetEvidence(const std::string& id) {
  Statement statement = connection_->Prepare(std::string(kEvidenceSelect) + " WHERE id = ?1");
  if (!statement.Bind(1, id).Step()) return std::nullopt;
  return ReadEvidence(statement);
}

std::vector<Evidence> SqliteStore::EvidenceFor(const std::string& claim) {
  Statement statement =
      connection_->Prepare(std::string(kEvidenceSelect) + " WHERE claim = ?1 ORDER BY seq");
  statement.Bind(1, claim);
  return ReadAll<Evidence>(statement, ReadEvidence);
}

std::vector<Evidence> SqliteStore::EvidenceOn(const std::string& hash) {
  Statement statement =
      connection_->Prepare(std::string(kEvidenceSelect) + " WHERE snapshot = ?1 ORDER BY seq");
  statement.Bind(1, hash);
  return ReadAll<Evidence>(statement, ReadEvidence);
}

std::vector<std::pair<std::string, Quote>> SqliteStore::AppearancesIn(const std::string& hash) {
  Statement statement = connection_->Prepare(
      "SELECT a.snapshot, a.exact, a.prefix, a.suffix, a.quote_start, a.quote_end, a.claim "
      "FROM appearances a JOIN claims c ON c.id = a.claim WHERE a.snapshot = ?1 "
      "ORDER BY c.seq, a.quote_start");
  statement.Bind(1, hash);
  std::vector<std::pair<std::string, Quote>> found;
  while (statement.Step()) found.emplace_back(statement.Text(6), ReadQuote(statement, 0));
  return found;
}

std::vector<Verdict> SqliteStore::VerdictsFor(const std::string& claim) {
  Statement statement =
      connection_->Prepare(std::string(kVerdictWithIdSelect) + " WHERE c.id = ?1 ORDER BY v.seq");
  statement.Bind(1, claim);
  return ReadAll<Verdict>(statement, ReadVerdict);
}

std::vector<SourceRating> SqliteStore::RatingsFor(const std::string& source) {
  Statement statement = connection_->Prepare(
      "SELECT source, grade, rationale, seq, at, actor FROM source_ratings "
      "WHERE source = ?1 ORDER BY seq");
  statement.Bind(1, source);
  return ReadAll<SourceRating>(statement, [](const Statement& s) {
    return SourceRating{s.Text(0), s.Text(1), s.Text(2), ReadOrigin(s, 3)};
  });
}

std::optional<std::string> SqliteStore::SourceIdByRef(const std::string& ref) {
  Statement statement = connection_->Prepare("SELECT id FROM sources WHERE ref = ?1");
  if (!statement.Bind(1, ref).Step()) return std::nullopt;
  return statement.Text(0);
}

std::optional<std::string> SqliteStore::ClaimIdByRef(const std::string& ref) {
  Statement statement = connection_->Prepare("SELECT id FROM claims WHERE ref = ?1");
  if (!statement.Bind(1, ref).Step()) return std::nullopt;
  return statement.Text(0);
}

std::unordered_map<std::string, std::string> SqliteStore::SourceIdsByRef(
    const std::vector<std::string>& refs) {
  std::unordered_map<std::string, std::string> found;
  for (const std::string& ref : refs) {
    if (auto id = SourceIdByRef(ref)) found.emplace(ref, std::move(*id));
  }
  return found;
}

std::unordered_map<std::string, std::string> SqliteStore::ClaimIdsByRef(
    const std::vector<std::string>& refs) {
  std::unordered_map<std::string, std::string> found;
  for (const std::string& ref : refs) {
    if (auto id = ClaimIdByRef(ref)) found.emplace(ref, std::move(*id));
  }
  return found;
}

std::vector<std::pair<std::string, std::int64_t>> SqliteStore::OpenConflicts(
    const std::optional<std::string>& claim) {
  // An event whose data was damaged (not JSON) names no claim here; verify reports it.
  Statement statement = connection_->Prepare(
      OpenConflictsSql(claim ? std::optional<std::string>("?1") : std::nullopt,
                       "CASE WHEN json_valid(e.data) THEN json_extract(e.data, '$.claim') END"));
  if (claim) statement.Bind(1, *claim);
  return ReadAll<std::pair<std::string, std::int64_t>>(
      statement, [](const Statement& s) { return std::make_pair(s.Text(0), s.Int(1)); });
}

std::vector<RatingCount> SqliteStore::RatingCounts(const std::optional<std::string>& source,
                                                   bool by_year) {
  // Plain statements rather than one with optional filters, so that SQLite answers them from
  // the (claimant, rating, year) index alone: one source reads only its own claims. A claimant
  // is a source's rowid, or a text id (schema.h, SourceIdOf): the rowids are turned into ids
  // here, from one read of the sources, and a source may come in two rows of the same rating
  // and year (its claims of either kind), which the caller adds up.
  const std::string where = source ? ClaimantIs("claimant", "?1") + " AND rating IS NOT NULL"
                                   : "claimant IS NOT NULL AND rating IS NOT NULL";
  Statement statement =
      connection_->Prepare(by_year ? "SELECT claimant, rating, year, count(*) FROM claims WHERE " +
                                         where + " GROUP BY claimant, rating, year"
                                   : "SELECT claimant, rating, 0, count(*) FROM claims WHERE " +
                                         where + " GROUP BY claimant, rating");
  if (source) statement.Bind(1, *source);
  const std::unordered_map<std::int64_t, std::string> ids =
      source ? std::unordered_map<std::int64_t, std::string>() : SourceIdsByRowid(*connection_);
  return ReadAll<RatingCount>(statement, [&](const Statement& s) {
    std::string claimant;
    if (sqlite3_value_type(s.Value(0)) != SQLITE_INTEGER) {
      claimant = s.Text(0);
    } else if (source) {
      claimant = *source;
    } else if (const auto found = ids.find(s.Int(0)); found != ids.end()) {
      claimant = found->second;
    }
    return RatingCount{std::move(claimant), s.Text(1), static_cast<int>(s.Int(2)), s.Int(3)};
  });
}

}  // namespace claimledger
