// The tables of current state (tables.h): each layout beside the function that digests a
// replayed row of it, column by column in the same order.
#include "store/tables.h"

#include "codec/canonical_json.h"

namespace claimledger {

const std::array<TableLayout, kTableCount>& TableLayouts() {
  static const std::array<TableLayout, kTableCount> kLayouts = {{
      {Table::kSources, "sources", "id", 1,
       "id, name, kind, url, affiliation, ref, attributes, seq, at, actor",
       "id, reliability, reliability_at"},
      {Table::kSnapshots, "snapshots", "hash", 1,
       "hash, sha256, size, url, title, publisher, published, retrieved, seq, at, actor", ""},
      {Table::kClaims, "claims", "id", 1,
       "id, text, claimant, date, context, ref, year, seq, at, actor",
       "id, status, rating, status_at, verdict_seq"},
      {Table::kClaimTags, "claim_tags", "claim, tag", 2, "claim, tag", ""},
      {Table::kAppearances, "appearances", "claim, snapshot, quote_start", 3,
       "claim, snapshot, exact, prefix, suffix, quote_start, quote_end", ""},
      {Table::kEvidence, "evidence", "id", 1,
       "id, claim, snapshot, exact, prefix, suffix, quote_start, quote_end, stance, note, "
       "credibility, seq, at, actor",
       ""},
      {Table::kVerdicts, "verdicts", "seq", 1,
       "seq, claim, rating, rationale, evidence, at, actor, made_at, from_ledger", ""},
      {Table::kSourceRatings, "source_ratings", "seq", 1,
       "seq, source, grade, rationale, at, actor", ""},
      {Table::kEventRefs, "event_refs", "entity, seq", 2, "entity, seq", ""},
  }};
  return kLayouts;
}

std::string KeyText(const RowKey& key) {
  std::string text;
  for (const auto& value : key) {
    if (!text.empty()) text += ' ';
    text += std::holds_alternative<std::int64_t>(value)
                ? std::to_string(std::get<std::int64_t>(value))
                : std::get<std::string>(value);
  }
  return text;
}

std::int64_t ClaimYear(std::string_view date_or_at) {
  std::string_view head = date_or_at.substr(0, 4);
  while (!head.empty() && (head.front() == ' ' || head.front() == '\t')) head.remove_prefix(1);
  const bool negative = !head.empty() && head.front() == '-';
  if (!head.empty() && (head.front() == '-' || head.front() == '+')) head.remove_prefix(1);
  std::int64_t year = 0;
  for (char c : head) {
    if (c < '0' || c > '9') break;
    year = year * 10 + (c - '0');
  }
  return negative ? -year : year;
}

namespace {

// The seq, at and actor columns that end most rows.
RowHasher& HashOrigin(RowHasher& hasher, const Origin& origin) {
  return hasher.Int(origin.seq).Text(origin.at).Text(origin.actor);
}

// The exact, prefix, suffix, quote_start and quote_end columns of a quote (after its snapshot).
RowHasher& HashQuoteAfterSnapshot(RowHasher& hasher, const Quote& quote) {
  hasher.Text(quote.exact).Text(quote.prefix).Text(quote.suffix);
  return hasher.Int(static_cast<std::int64_t>(quote.start))
      .Int(static_cast<std::int64_t>(quote.end));
}

}  // namespace

RowHasher& HashSourceRow(RowHasher& hasher, const Source& s) {
  hasher.Part('r').Text(s.id).Text(s.name).Text(s.kind).Text(s.url).Text(s.affiliation);
  return HashOrigin(hasher.Text(s.ref).Text(s.attributes), s.origin);
}

RowHasher& HashSourceUpdates(RowHasher& hasher, std::string_view id, const SourceState& state) {
  return hasher.Part('u').Text(id).Text(state.reliability).Text(state.reliability_at);
}

RowHasher& HashSnapshotRow(RowHasher& hasher, const Snapshot& s) {
  hasher.Part('r').Text(s.hash).Text(s.sha256).Int(s.size).Text(s.url).Text(s.title);
  return HashOrigin(hasher.Text(s.publisher).Text(s.published).Text(s.retrieved), s.origin);
}

RowHasher& HashClaimRow(RowHasher& hasher, const Claim& c) {
  hasher.Part('r').Text(c.id).Text(c.text).Text(c.claimant).Text(c.date).Text(c.context);
  hasher.Text(c.ref).Int(ClaimYear(c.date ? *c.date : c.origin.at));
  return HashOrigin(hasher, c.origin);
}

RowHasher& HashClaimUpdates(RowHasher& hasher, std::string_view id, const ClaimState& state) {
  hasher.Part('u').Text(id).Text(state.status).Text(state.rating).Text(state.status_at);
  return hasher.Int(state.verdict_seq);
}

RowHasher& HashTagRow(RowHasher& hasher, std::string_view claim, std::string_view tag) {
  return hasher.Part('r').Text(claim).Text(tag);
}

RowHasher& HashAppearanceRow(RowHasher& hasher, std::string_view claim, const Quote& quote) {
  return HashQuoteAfterSnapshot(hasher.Part('r').Text(claim).Text(quote.snapshot), quote);
}

RowHasher& HashEvidenceRow(RowHasher& hasher, const Evidence& e) {
  hasher.Part('r').Text(e.id).Text(e.claim).Text(e.quote.snapshot);
  HashQuoteAfterSnapshot(hasher, e.quote).Text(e.stance).Text(e.note).Text(e.credibility);
  return HashOrigin(hasher, e.origin);
}

RowHasher& HashVerdictRow(RowHasher& hasher, const Verdict& v) {
  hasher.Part('r').Int(v.origin.seq).Text(v.claim).Text(v.rating).Text(v.rationale);
  hasher.Text(CanonicalJson(v.evidence)).Text(v.origin.at).Text(v.origin.actor);
  return hasher.Text(v.origin.made_at).Text(v.origin.from_ledger);
}

RowHasher& HashSourceRatingRow(RowHasher& hasher, const SourceRating& r) {
  hasher.Part('r').Int(r.origin.seq).Text(r.source).Text(r.grade).Text(r.rationale);
  return hasher.Text(r.origin.at).Text(r.origin.actor);
}

RowHasher& HashEventRefRow(RowHasher& hasher, std::string_view entity, std::int64_t seq) {
  return hasher.Part('r').Text(entity).Int(seq);
}

}  // namespace claimledger
