// The PostgreSQL store's reads of the tables of current state (pg_store.h). Each sends the
// transaction's pending rows first (Flush), but for the reads a load makes of the rows it is
// writing, answered from them.
#include <nlohmann/json.hpp>

#include "codec/canonical_json.h"
#include "codec/events.h"
#include "store/postgres/pg_store.h"

namespace claimledger {
namespace {

Origin ReadOrigin(const PgResult& r, int row, int first) {
  return {r.Int(row, first), r.Text(row, first + 1), r.Text(row, first + 2), r.Text(row, first + 1),
          std::nullopt};
}

Quote ReadQuote(const PgResult& r, int row, int first) {
  Quote quote;
  quote.snapshot = r.Text(row, first);
  quote.exact = r.Text(row, first + 1);
  quote.prefix = r.Text(row, first + 2);
  quote.suffix = r.Text(row, first + 3);
  quote.start = static_cast<std::size_t>(r.Int(row, first + 4));
  quote.end = static_cast<std::size_t>(r.Int(row, first + 5));
  return quote;
}

Source ReadSource(const PgResult& r, int row) {
  return {r.Text(row, 0),         r.Text(row, 1),         r.Text(row, 2),
          r.OptionalText(row, 3), r.OptionalText(row, 4), r.OptionalText(row, 5),
          r.OptionalText(row, 6), r.Text(row, 7),         ReadOrigin(r, row, 8)};
}

Snapshot ReadSnapshot(const PgResult& r, int row) {
  return {r.Text(row, 0),         r.Text(row, 1),         r.Int(row, 2),
          r.OptionalText(row, 3), r.OptionalText(row, 4), r.OptionalText(row, 5),
          r.OptionalText(row, 6), r.OptionalText(row, 7), ReadOrigin(r, row, 8)};
}

Evidence ReadEvidence(const PgResult& r, int row) {
  return {r.Text(row, 0),         r.Text(row, 1),          ReadQuote(r, row, 2),  r.Text(row, 8),
          r.OptionalText(row, 9), r.OptionalText(row, 10), ReadOrigin(r, row, 11)};
}

Verdict ReadVerdict(const PgResult& r, int row) {
  Verdict verdict{r.Text(row, 0), r.Text(row, 1), r.Text(row, 2), {}, ReadOrigin(r, row, 4)};
  verdict.origin.made_at = r.Text(row, 7);
  verdict.origin.from_ledger = r.OptionalText(row, 8);
  for (const auto& id : nlohmann::json::parse(r.View(row, 3))) verdict.evidence.push_back(id);
  return verdict;
}

template <typename Record, typename Read>
std::vector<Record> ReadAll(const PgResult& r, Read read) {
  std::vector<Record> records;
  records.reserve(r.Rows());
  for (int row = 0; row < r.Rows(); ++row) records.push_back(read(r, row));
  return records;
}

}  // namespace

void PgStore::ReadClaimDetails(std::string_view added_data, Claim* claim) {
  JsonView view;
  std::string canonical;
  const ClaimAdded added = ReadClaimAdded(ParseCanonical(added_data, view, canonical));
  claim->quantities = added.quantities;
  claim->provenance = added.provenance;
}

bool PgStore::HasSource(const std::string& id) {
  if (FindPendingSource(id) || known_sources_.count(id)) return true;
  if (connection_->Run("SELECT 1 FROM sources WHERE id = $1", PgParams().Text(id)).Rows() == 0) {
    return false;
  }
  known_sources_.insert(id);  // a source, once there, stays (ClearProjections forgets them)
  return true;
}

std::unordered_set<std::string> PgStore::SourcesAmong(const std::vector<std::string>& ids) {
  std::unordered_set<std::string> sources;
  std::vector<std::string> asked;
  for (const std::string& id : ids) {
    if (FindPendingSource(id) || known_sources_.count(id)) {
      sources.insert(id);
    } else {
      asked.push_back(id);
    }
  }
  if (asked.empty()) return sources;
  const PgResult r = connection_->RunPlannedOnce(
      "SELECT s.id FROM unnest($1::text[]) AS w(id) JOIN sources s "
      "ON s.id = w.id",
      PgParams().Text(TextArray(asked)));
  for (int row = 0; row < r.Rows(); ++row) {
    known_sources_.insert(r.Text(row, 0));
    sources.insert(r.Text(row, 0));
  }
  return sources;
}

std::optional<Source> PgStore::GetSource(const std::string& id) {
  Flush();
  const PgResult r =
      connection_->Run(std::string(kSourceSelect) + " WHERE id = $1", PgParams().Text(id));
  if (r.Rows() == 0) return std::nullopt;
  return ReadSource(r, 0);
}

std::vector<Source> PgStore::ListSources() {
  Flush();
  return ReadAll<Source>(connection_->Run(std::string(kSourceSelect) + " ORDER BY seq"),
                         ReadSource);
}

std::optional<Snapshot> PgStore::GetSnapshot(const std::string& hash) {
  Flush();
  const PgResult r =
      connection_->Run(std::string(kSnapshotSelect) + " WHERE hash = $1", PgParams().Text(hash));
  if (r.Rows() == 0) return std::nullopt;
  return ReadSnapshot(r, 0);
}

std::vector<Snapshot> PgStore::ListSnapshots() {
  Flush();
  return ReadAll<Snapshot>(connection_->Run(std::string(kSnapshotSelect) + " ORDER BY seq"),
                           ReadSnapshot);
}

std::optional<Claim> PgStore::GetClaim(const std::string& id) { return GetClaims({id}).front(); }

std::vector<std::optional<Claim>> PgStore::GetClaims(const std::vector<std::string>& ids) {
  Flush();
  // Four statements in one round trip for any number of claims: the rows, their tags,
  // appearances and verdicts; each joins the ids given (an index look-up each, however small
  // the table: `= ANY` of an array made the planner scan a small table whole, comparing every
  // row with every id). Each planned once for the connection.
  const PgParams named = PgParams().Text(TextArray(ids));
  const std::vector<PgResult> results = connection_->RunAllPlannedOnce({
      {"SELECT c.id, c.text, c.claimant, c.status, e.data, c.date, c.context, c.ref, c.seq, "
       "c.at, c.actor FROM unnest($1::text[]) AS q(id) JOIN claims c "
       "ON c.id = q.id JOIN events e ON e.seq = c.seq",
       named},
      {"SELECT t.claim, t.tag FROM unnest($1::text[]) AS q(id) JOIN claim_tags t "
       "ON t.claim = q.id ORDER BY t.claim, t.tag",
       named},
      {"SELECT a.claim, a.snapshot, a.exact, a.prefix, a.suffix, a.quote_start, a.quote_end "
       "FROM unnest($1::text[]) AS q(id) JOIN appearances a ON a.claim = q.id "
       "ORDER BY a.claim, a.snapshot, a.quote_start",
       named},
      {std::string(kVerdictSelect) +
           " WHERE seq IN (SELECT c.verdict_seq FROM unnest($1::text[]) AS q(id) "
           "JOIN claims c ON c.id = q.id)",
       named},
  });
  std::unordered_map<std::string, Claim> found;
  const PgResult& rows = results[0];
  for (int row = 0; row < rows.Rows(); ++row) {
    Claim& claim = found[rows.Text(row, 0)];
    claim.id = rows.Text(row, 0);
    claim.text = rows.Text(row, 1);
    claim.claimant = rows.OptionalText(row, 2);
    claim.status = rows.Text(row, 3);
    ReadClaimDetails(rows.View(row, 4), &claim);
    claim.date = rows.OptionalText(row, 5);
    claim.context = rows.OptionalText(row, 6);
    claim.ref = rows.OptionalText(row, 7);
    claim.origin = ReadOrigin(rows, row, 8);
  }
  const PgResult& tags = results[1];
  for (int row = 0; row < tags.Rows(); ++row) {
    found[tags.Text(row, 0)].tags.push_back(tags.Text(row, 1));
  }
  const PgResult& appearances = results[2];
  for (int row = 0; row < appearances.Rows(); ++row) {
    found[appearances.Text(row, 0)].appearances.push_back(ReadQuote(appearances, row, 1));
  }
  const PgResult& verdicts = results[3];
  for (int row = 0; row < verdicts.Rows(); ++row) {
    Verdict verdict = ReadVerdict(verdicts, row);
    found[verdict.claim].verdict = std::move(verdict);
  }
  std::vector<std::optional<Claim>> claims(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto claim = found.find(ids[i]);
    if (claim != found.end()) claims[i] = claim->second;
  }
  return claims;
}

std::vector<Claim> PgStore::ListClaims(const ClaimFilter& filter) {
  Flush();
  const PgResult r = connection_->Run(
      "SELECT id FROM claims c WHERE ($1::text IS NULL OR status = $1) "
      "AND ($2::text IS NULL OR rating = $2) AND ($3::text IS NULL OR claimant = $3) "
      "AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM claim_tags t "
      "WHERE t.claim = c.id AND t.tag = $4)) ORDER BY seq LIMIT $5",
      PgParams()
          .Text(filter.status)
          .Text(filter.rating)
          .Text(filter.claimant)
          .Text(filter.tag)
          // A negative limit is none (LIMIT NULL): PostgreSQL refuses LIMIT -1.
          .Int(filter.limit < 0 ? std::nullopt : std::optional<std::int64_t>(filter.limit)));
  std::vector<std::string> ids;
  ids.reserve(r.Rows());
  for (int row = 0; row < r.Rows(); ++row) ids.push_back(r.Text(row, 0));
  std::vector<Claim> claims;
  claims.reserve(ids.size());
  for (std::optional<Claim>& claim : GetClaims(ids)) claims.push_back(std::move(*claim));
  return claims;
}

std::optional<Evidence> PgStore::GetEvidence(const std::string& id) {
  Flush();
  const PgResult r =
      connection_->Run(std::string(kEvidenceSelect) + " WHERE id = $1", PgParams().Text(id));
  if (r.Rows() == 0) return std::nullopt;
  return ReadEvidence(r, 0);
}

std::vector<Evidence> PgStore::EvidenceFor(const std::string& claim) {
  Flush();
  return ReadAll<Evidence>(
      connection_->Run(std::string(kEvidenceSelect) + " WHERE claim = $1 ORDER BY seq",
                       PgParams().Text(claim)),
      ReadEvidence);
}

std::vector<Evidence> PgStore::EvidenceOn(const std::string& hash) {
  Flush();
  return ReadAll<Evidence>(
      connection_->Run(std::string(kEvidenceSelect) + " WHERE snapshot = $1 ORDER BY seq",
                       PgParams().Text(hash)),
      ReadEvidence);
}

std::vector<std::pair<std::string, Quote>> PgStore::AppearancesIn(const std::string& hash) {
  Flush();
  const PgResult r = connection_->Run(
      "SELECT a.snapshot, a.exact, a.prefix, a.suffix, a.quote_start, a.quote_end, a.claim "
      "FROM appearances a JOIN claims c ON c.id = a.claim WHERE a.snapshot = $1 "
      "ORDER BY c.seq, a.quote_start",
      PgParams().Text(hash));
  std::vector<std::pair<std::string, Quote>> found;
  for (int row = 0; row < r.Rows(); ++row) found.emplace_back(r.Text(row, 6), ReadQuote(r, row, 0));
  return found;
}

std::vector<Verdict> PgStore::VerdictsFor(const std::string& claim) {
  Flush();
  return ReadAll<Verdict>(
      connection_->Run(std::string(kVerdictSelect) + " WHERE claim = $1 ORDER BY seq",
                       PgParams().Text(claim)),
      ReadVerdict);
}

std::vector<SourceRating> PgStore::RatingsFor(const std::string& source) {
  Flush();
  return ReadAll<SourceRating>(
      connection_->Run("SELECT source, grade, rationale, seq, at, actor FROM source_ratings "
                       "WHERE source = $1 ORDER BY seq",
                       PgParams().Text(source)),
      [](const PgResult& r, int row) {
        return SourceRating{r.Text(row, 0), r.Text(row, 1), r.Text(row, 2), ReadOrigin(r, row, 3)};
      });
}

std::optional<std::string> PgStore::SourceIdByRef(const std::string& ref) {
  if (const auto found = pending_.source_refs.find(ref); found != pending_.source_refs.end()) {
    return found->second;
  }
  const PgResult r =
      connection_->Run("SELECT id FROM sources WHERE ref = $1", PgParams().Text(ref));
  if (r.Rows() == 0) return std::nullopt;
  return r.Text(0, 0);
}

std::optional<std::string> PgStore::ClaimIdByRef(const std::string& ref) {
  if (const auto found = pending_.claim_refs.find(ref); found != pending_.claim_refs.end()) {
    return found->second;
  }
  const PgResult r = connection_->Run("SELECT id FROM claims WHERE ref = $1", PgParams().Text(ref));
  if (r.Rows() == 0) return std::nullopt;
  return r.Text(0, 0);
}

std::unordered_map<std::string, std::string> PgStore::IdsByRef(
    const std::vector<std::string>& refs,
    const std::unordered_map<std::string, std::string>& pending, const char* table) {
  std::unordered_map<std::string, std::string> found;
  std::vector<std::string> asked;
  for (const std::string& ref : refs) {
    if (const auto it = pending.find(ref); it != pending.end()) {
      found.emplace(ref, it->second);
    } else {
      asked.push_back(ref);
    }
  }
  if (asked.empty()) return found;
  const PgResult r =
      connection_->Run(std::string("SELECT ref, id FROM ") + table + " WHERE ref = ANY($1::text[])",
                       PgParams().Text(TextArray(asked)));
  for (int row = 0; row < r.Rows(); ++row) found.emplace(r.Text(row, 0), r.Text(row, 1));
  return found;
}

std::unordered_map<std::string, std::string> PgStore::SourceIdsByRef(
    const std::vector<std::string>& refs) {
  return IdsByRef(refs, pending_.source_refs, "sources");
}

std::unordered_map<std::string, std::string> PgStore::ClaimIdsByRef(
    const std::vector<std::string>& refs) {
  return IdsByRef(refs, pending_.claim_refs, "claims");
}

std::vector<std::pair<std::string, std::int64_t>> PgStore::OpenConflicts(
    const std::optional<std::string>& claim) {
  Flush();
  PgParams params;
  if (claim) params.Text(*claim);
  return ReadAll<std::pair<std::string, std::int64_t>>(
      // The claim is the first member of the event's canonical JSON; read without parsing it,
      // so that an event whose data was damaged names no claim here (verify reports it).
      connection_->Run(OpenConflictsSql(claim ? std::optional<std::string>("$1") : std::nullopt,
                                        R"sql(substring(e.data from '^\{"claim":"([^"]*)"'))sql"),
                       params),
      [](const PgResult& r, int row) { return std::make_pair(r.Text(row, 0), r.Int(row, 1)); });
}

std::vector<RatingCount> PgStore::RatingCounts(const std::optional<std::string>& source,
                                               bool by_year) {
  Flush();
  const std::string where = source ? "claimant = $1 AND rating IS NOT NULL"
                                   : "claimant IS NOT NULL AND rating IS NOT NULL";
  const std::string sql =
      by_year ? "SELECT claimant, rating, year, count(*) FROM claims WHERE " + where +
                    " GROUP BY claimant, rating, year ORDER BY claimant, year, rating"
              : "SELECT claimant, rating, 0, count(*) FROM claims WHERE " + where +
                    " GROUP BY claimant, rating ORDER BY claimant, rating";
  PgParams params;
  if (source) params.Text(*source);
  return ReadAll<RatingCount>(connection_->Run(sql, params), [](const PgResult& r, int row) {
    return RatingCount{r.Text(row, 0), r.Text(row, 1), static_cast<int>(r.Int(row, 2)),
                       r.Int(row, 3)};
  });
}

}  // namespace claimledger
