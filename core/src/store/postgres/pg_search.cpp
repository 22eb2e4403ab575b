// The PostgreSQL store's search (pg_store.h): full-text search over the GIN indexes of the
// search tables, ranked by FTS5's BM25 (search_terms.h) with FTS5's snippets, and the
// near-duplicate buckets, so that a desk gives the same hits on a server as in a file.
#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <unordered_map>

#include "store/postgres/pg_store.h"
#include "store/postgres/schema.h"
#include "store/postgres/search_terms.h"
#include "store/sqlite/fts_query.h"
#include "text/words.h"

namespace claimledger {
namespace {

// One searchable kind of text: where its rows, texts and totals are.
struct SearchIndex {
  // Selects (seq, name, text) of the rows that may match $1 (a tsquery), and for claims their
  // context, to which a condition may be added with AND.
  const char* candidates;
  // Selects the texts of the rows that may hold phrase $1 (a tsquery) though the GIN index
  // cannot say so alone (and for claims their context): every row when `$2` is true, else those
  // with some terms left out.
  const char* phrase_texts;
  // For each tsquery of $1 (a text[]), its position from 1 and how many rows hold every term
  // of it and all their terms, counted up to $2 (NULL: all); or, with `term_counts`, for each
  // term of $1, exactly (claim_terms keeps the counts).
  const char* phrase_counts;
  bool term_counts;
  const char* totals;  // its name in search_totals
  bool bytes;          // the text is a bytea column (a snapshot's, without a context)
};

const SearchIndex kClaims = {
    "SELECT c.seq, c.id, c.text, c.context FROM claims_search x JOIN claims c "
    "ON c.seq = x.claim WHERE (x.terms @@ $1::tsquery OR NOT x.all_terms)",
    "SELECT c.text, c.context FROM claims_search x JOIN claims c ON c.seq = x.claim "
    "WHERE ($2 AND x.terms @@ $1::tsquery) OR NOT x.all_terms",
    "SELECT q.i, coalesce(t.claims, 0) FROM unnest($1::text[]) WITH ORDINALITY AS q(term, i) "
    "LEFT JOIN claim_terms t ON t.term = q.term",
    true,
    "claims",
    false};

const SearchIndex kSnapshots = {
    "SELECT s.seq, s.hash, b.bytes FROM snapshots_search x JOIN snapshots s "
    "ON s.seq = x.snapshot JOIN contents b ON b.hash = s.hash "
    "WHERE (x.terms @@ $1::tsquery OR NOT x.all_terms)",
    "SELECT b.bytes FROM snapshots_search x JOIN snapshots s ON s.seq = x.snapshot "
    "JOIN contents b ON b.hash = s.hash WHERE ($2 AND x.terms @@ $1::tsquery) OR NOT x.all_terms",
    "SELECT q.i, (SELECT count(*) FROM (SELECT 1 FROM snapshots_search WHERE terms @@ "
    "q.t::tsquery AND all_terms LIMIT $2) n) FROM unnest($1::text[]) WITH ORDINALITY AS q(t, i)",
    false,
    "snapshots",
    true};

struct Ranked {
  std::int64_t seq;
  std::string name;  // the claim's id or the snapshot's hash
  std::string text;
  double score;
  std::optional<std::string> searchable;  // a claim's text and context, when it has one
  // What was matched, and what snippets are cut from (SearchableText, store.h).
  const std::string& Indexed() const { return searchable ? *searchable : text; }
};

std::string TextAt(const PgResult& r, int row, int column, const SearchIndex& index) {
  return index.bytes ? r.Bytes(row, column) : r.Text(row, column);
}

// The text of row `row` as `index` searches it: for a claim with a context (in column
// `column` + 1), its searchable text; else the text in column `column`.
std::optional<std::string> SearchableAt(const PgResult& r, int row, int column,
                                        const SearchIndex& index) {
  if (index.bytes || r.IsNull(row, column + 1)) return std::nullopt;
  return SearchableText(r.Text(row, column), r.Text(row, column + 1));
}

std::string IndexedAt(const PgResult& r, int row, int column, const SearchIndex& index) {
  std::optional<std::string> searchable = SearchableAt(r, row, column, index);
  return searchable ? std::move(*searchable) : TextAt(r, row, column, index);
}

// How many texts of `index` hold each phrase of `query` (n of the BM25 idf); with `at_most`,
// perhaps counted only that far (a count is then at most that, or more when it is reached).
// Phrases of one token are counted together: claim_terms keeps the claims' counts, the GIN index
// counts the snapshots that hold each (up to `at_most`), and the rows
// with terms left out are read once for all of them. A phrase of several tokens reads the rows
// holding all of its tokens. A phrase in `counted` (exact counts, by tsquery) is not counted
// again.
std::vector<std::int64_t> Holding(
    PgConnection& connection, FtsTokenizer& tokenizer, const SearchIndex& index,
    const TermQuery& query, std::optional<std::int64_t> at_most = std::nullopt,
    const std::unordered_map<std::string, std::int64_t>* counted = nullptr) {
  std::vector<std::int64_t> counts(query.phrases.size(), 0);
  std::vector<std::size_t> single;  // the phrases of one token
  std::vector<std::string> single_tsqueries, single_terms;
  for (std::size_t phrase = 0; phrase < query.phrases.size(); ++phrase) {
    if (counted) {
      const auto known = counted->find(query.PhraseTsquery(phrase));
      if (known != counted->end()) {
        counts[phrase] = known->second;
        continue;
      }
    }
    if (query.phrases[phrase].size() == 1) {
      single.push_back(phrase);
      single_tsqueries.push_back(query.PhraseTsquery(phrase));
      single_terms.push_back(TermOf(query.phrases[phrase][0]));
      continue;
    }
    TermQuery alone;
    alone.phrases.push_back(query.phrases[phrase]);
    const PgResult texts = connection.Run(
        index.phrase_texts, PgParams().Text(query.PhraseTsquery(phrase)).Text("true"));
    for (int row = 0; row < texts.Rows(); ++row) {
      if (MatchText(tokenizer, alone, IndexedAt(texts, row, 0, index)).Matches(false)) {
        ++counts[phrase];
      }
    }
  }
  if (single.empty()) return counts;
  // The counts, and the rows with terms left out (the same for every phrase of one token, each
  // read once): two statements in one round trip.
  const std::vector<PgResult> results = connection.RunAll({
      {index.phrase_counts, index.term_counts
                                ? PgParams().Text(TextArray(single_terms))
                                : PgParams().Text(TextArray(single_tsqueries)).Int(at_most)},
      {index.phrase_texts, PgParams().Text(single_tsqueries[0]).Text("false")},
  });
  const PgResult& held = results[0];
  for (int row = 0; row < held.Rows(); ++row) {
    counts[single[held.Int(row, 0) - 1]] += held.Int(row, 1);
  }
  TermQuery singles;
  for (const std::size_t phrase : single) singles.phrases.push_back(query.phrases[phrase]);
  const PgResult& texts = results[1];
  for (int row = 0; row < texts.Rows(); ++row) {
    const TextMatch match = MatchText(tokenizer, singles, IndexedAt(texts, row, 0, index));
    for (std::size_t k = 0; k < single.size(); ++k) {
      if (match.counts[k] > 0) ++counts[single[k]];
    }
  }
  return counts;
}

// Keeps the best `limit` of `items` (all when negative), best first: the higher score, then the
// lower seq (the order of SQLite's rowids).
template <typename Item>
void KeepBest(std::vector<Item>& items, std::int64_t limit) {
  const auto best =
      items.begin() + (limit < 0 ? items.size() : std::min<std::size_t>(items.size(), limit));
  std::partial_sort(items.begin(), best, items.end(), [](const Item& a, const Item& b) {
    return a.score != b.score ? a.score > b.score : a.seq < b.seq;
  });
  items.erase(best, items.end());
}

// The texts of `index` that match `query` (and `condition`, with parameters from $2 on), best
// first (ties by seq), at most `limit` (all when negative, as SQL's LIMIT -1 in SQLite).
std::vector<Ranked> Rank(PgConnection& connection, FtsTokenizer& tokenizer,
                         const SearchIndex& index, const TermQuery& query,
                         const std::string& condition, PgParams params, std::int64_t limit) {
  std::vector<Ranked> ranked;
  if (query.Empty() || limit == 0) return ranked;
  std::vector<TextMatch> matches;
  // The candidates and the totals BM25 ranks by, in one round trip.
  const std::vector<PgResult> results = connection.RunAll({
      {std::string(index.candidates) + condition, params.Prepend(query.Tsquery())},
      {"SELECT rows, tokens FROM search_totals WHERE name = $1", PgParams().Text(index.totals)},
  });
  {
    const PgResult& r = results[0];
    for (int row = 0; row < r.Rows(); ++row) {
      std::string text = TextAt(r, row, 2, index);
      std::optional<std::string> searchable = SearchableAt(r, row, 2, index);
      TextMatch match = MatchText(tokenizer, query, searchable ? *searchable : text);
      if (!match.Matches(query.match_any)) continue;
      ranked.push_back(
          {r.Int(row, 0), r.Text(row, 1), std::move(text), 0.0, std::move(searchable)});
      matches.push_back(std::move(match));
    }
  }
  if (ranked.empty()) return ranked;
  const PgResult& totals = results[1];
  const std::int64_t rows = totals.Rows() ? totals.Int(0, 0) : 0;
  const std::int64_t tokens = totals.Rows() ? totals.Int(0, 1) : 0;
  const std::vector<std::int64_t> holding = Holding(connection, tokenizer, index, query);
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    ranked[i].score = Bm25(matches[i], rows, tokens, holding);
  }
  KeepBest(ranked, limit);
  return ranked;
}

// The claims of `seqs` (each with its seq), in the order of `seqs`.
std::vector<std::pair<std::int64_t, ClaimText>> ClaimTexts(PgConnection& connection,
                                                           const std::vector<std::int64_t>& seqs) {
  std::vector<std::pair<std::int64_t, ClaimText>> claims;
  if (seqs.empty()) return claims;
  std::unordered_map<std::int64_t, ClaimText> found;
  const PgResult r = connection.RunPlannedOnce(
      "SELECT c.seq, c.id, c.text, c.context FROM unnest($1::bigint[]) AS q(seq) "
      "JOIN claims c ON c.seq = q.seq",
      PgParams().Text(IntArray(seqs)));
  for (int row = 0; row < r.Rows(); ++row) {
    found[r.Int(row, 0)] = {r.Text(row, 1), r.Text(row, 2), r.OptionalText(row, 3)};
  }
  for (const std::int64_t seq : seqs) {
    const auto claim = found.find(seq);
    if (claim != found.end()) claims.emplace_back(seq, std::move(claim->second));
  }
  return claims;
}

}  // namespace

std::vector<SearchHit> PgStore::SearchClaims(const ClaimQuery& query) {
  Flush();
  const ClaimFilter& filter = query.filter;
  const std::vector<Ranked> ranked =
      Rank(*connection_, tokenizer_, kClaims, QueryOf(tokenizer_, query.words, query.match_any),
           " AND ($2::text IS NULL OR c.status = $2) AND ($3::text IS NULL OR c.rating = $3) "
           "AND ($4::text IS NULL OR c.claimant = $4) AND ($5::text IS NULL OR EXISTS "
           "(SELECT 1 FROM claim_tags t WHERE t.claim = c.id AND t.tag = $5)) "
           "AND ($6::text IS NULL OR coalesce(c.date, c.at) >= $6) "
           "AND ($7::text IS NULL OR coalesce(c.date, c.at) <= $7)",
           PgParams()
               .Text(filter.status)
               .Text(filter.rating)
               .Text(filter.claimant)
               .Text(filter.tag)
               .Text(query.since)
               .Text(query.until),
           filter.limit);
  if (!snippets_) snippets_ = std::make_unique<FtsSnippets>();
  const std::string fts_query = FtsQuery(query.words, query.match_any);
  std::vector<SearchHit> hits;
  for (const Ranked& hit : ranked) {
    hits.push_back({hit.name, hit.score, snippets_->Snippet(hit.Indexed(), fts_query, 12)});
  }
  return hits;
}

std::vector<SnapshotHit> PgStore::SearchSnapshots(const std::vector<std::string>& words,
                                                  bool match_any, std::int64_t limit) {
  Flush();
  const std::vector<Ranked> ranked =
      Rank(*connection_, tokenizer_, kSnapshots, QueryOf(tokenizer_, words, match_any), "",
           PgParams(), limit);
  if (!snippets_) snippets_ = std::make_unique<FtsSnippets>();
  const std::string fts_query = FtsQuery(words, match_any);
  std::vector<SnapshotHit> hits;
  for (const Ranked& hit : ranked) {
    hits.push_back({hit.name, hit.score, snippets_->Snippet(hit.text, fts_query, 16)});
  }
  return hits;
}

std::vector<ClaimText> PgStore::SimilarCandidates(const std::vector<std::int64_t>& buckets,
                                                  std::int64_t per_bucket, std::int64_t limit) {
  Flush();
  // Ranked as SQLite's store ranks them, claims named by seq (the order of SQLite's rowids):
  // the first `per_bucket` claims of each bucket by seq, a GIN scan a bucket (one scan of all
  // the buckets found every row holding any, then unnested each row's buckets: four times as
  // long with crowded buckets). Each scan reads the index's pending list, which commits merge
  // (PgStore::Commit). The rows of a bucket are sorted apart (OFFSET 0), or the planner walks
  // the primary key in order; it prices a GIN scan above reading a table of a few thousand
  // rows whole, so the plan is made without sequential scans (RunPlannedOnce). The rows of
  // claims the desk does not hold (kClaimHeld) are left out after the scan: within it, that
  // condition turned the plan to the primary key (2.3 ms a call against 0.5).
  std::unordered_map<std::int64_t, std::vector<std::int64_t>> members;
  const PgResult rows = connection_->RunPlannedOnce(
      std::string("SELECT q.bucket, m.claim FROM (SELECT DISTINCT unnest($1::bigint[])) AS "
                  "q(bucket) CROSS JOIN LATERAL (SELECT claim FROM (SELECT claim FROM "
                  "claims_search WHERE buckets @> ARRAY[q.bucket] OFFSET 0) AS s WHERE ") +
          kClaimHeld + " ORDER BY claim LIMIT $2) AS m",
      PgParams().Text(IntArray(buckets)).Int(per_bucket));
  for (int row = 0; row < rows.Rows(); ++row) {
    members[rows.Int(row, 0)].push_back(rows.Int(row, 1));
  }
  const std::vector<std::int64_t> best =
      RankByBuckets(buckets, per_bucket, limit, [&](std::int64_t bucket) {
        const auto found = members.find(bucket);
        return found == members.end() ? std::vector<std::int64_t>() : found->second;
      });
  std::vector<ClaimText> claims;
  for (auto& [seq, claim] : ClaimTexts(*connection_, best)) claims.push_back(std::move(claim));
  return claims;
}

std::optional<std::string> PgStore::IdenticalClaim(const std::string& text,
                                                   const std::optional<std::string>& claimant,
                                                   const std::optional<Quote>& appearance) {
  // The rows sent to the server only (nothing is flushed, so that a batch stays one COPY; the
  // workbench looks up its batch's own claims). A few rows from an index, each compared whole:
  // the claims quoted at the same place of the snapshot (by snapshot); else those holding the
  // terms of the text's longest words (GIN; as SQLite's store); else (no term at all:
  // punctuation alone, rare) every claim.
  PgParams params;
  params.Text(text).Text(claimant);
  params.Text(appearance ? std::optional<std::string>(appearance->snapshot) : std::nullopt);
  std::string from;
  const TermQuery query = QueryOf(tokenizer_, LongestWords(SearchWords(text), kLookupWords), false);
  if (appearance) {
    from =
        "appearances a JOIN claims c ON c.id = a.claim WHERE a.snapshot = $3 "
        "AND a.quote_start = $4 AND a.quote_end = $5 AND ";
    params.Int(static_cast<std::int64_t>(appearance->start));
    params.Int(static_cast<std::int64_t>(appearance->end));
  } else if (!query.Empty()) {
    from =
        "claims_search x JOIN claims c ON c.seq = x.claim "
        "WHERE (x.terms @@ $4::tsquery OR NOT x.all_terms) AND ";
    params.Text(query.Tsquery());
  } else {
    from = "claims c WHERE ";
  }
  const PgResult found =
      connection_->Run("SELECT c.id FROM " + from +
                           "c.text = $1 AND c.claimant IS NOT DISTINCT FROM $2 "
                           "AND (SELECT count(*) FROM appearances n WHERE n.claim = c.id) = "
                           "CASE WHEN $3::text IS NULL THEN 0 ELSE 1 END ORDER BY c.seq LIMIT 1",
                       params);
  if (found.Rows() == 0) return std::nullopt;
  return found.Text(0, 0);
}

std::vector<ClaimText> PgStore::FullTextCandidates(const std::vector<std::string>& words,
                                                   std::int64_t limit) {
  Flush();
  // The texts that match some word, best first by BM25 (ties by seq), as Rank ranks them, but
  // without reading the text of every match: a few rare words match hundreds of claims, and
  // the best `limit` of them are known from what their search rows tell. A row's terms say
  // which words it holds (a word of one token: exactly; of several: perhaps), and its length
  // and distinct terms bound how often: a word it holds occurs at least once and at most once
  // more for each repeated token (length - distinct terms). So each row's score has a floor
  // (each word it surely holds, once) and a ceiling (each word it may hold, 1 + repeats
  // times); a row whose ceiling is under the `limit`-th best floor cannot be among the best,
  // and only the others' texts are read and ranked exactly. For bench_server.py's writers about
  // one match in seven was read (LIAR's statements: one in two).
  const TermQuery query = QueryOf(tokenizer_, words, /*match_any=*/true);
  std::vector<ClaimText> claims;
  if (query.Empty() || limit == 0) return claims;
  // Each row's seq, length, distinct terms, whether it holds all its terms, and whether they
  // hold each phrase (a column a phrase: an array built a row costs half as much again). The
  // plan is made once for each number of phrases, and scans the GIN index (RunPlannedOnce):
  // planned afresh, a desk of 5,000 claims was read whole (0.5 ms to plan, 2.4 to run, against
  // 1.1 to run the index's plan). The rows of claims the desk does not hold (kClaimHeld) are
  // left out after the scan, as in SimilarCandidates.
  std::string select = "SELECT x.claim, x.length, length(x.terms), x.all_terms";
  PgParams params;
  params.Text(query.Tsquery());
  for (std::size_t p = 0; p < query.phrases.size(); ++p) {
    select += ", x.terms @@ $" + std::to_string(p + 2) + "::tsquery";
    params.Text(query.PhraseTsquery(p));
  }
  const std::vector<PgResult> results = connection_->RunAllPlannedOnce({
      {select +
           " FROM (SELECT * FROM claims_search WHERE terms @@ $1::tsquery OR NOT all_terms "
           "OFFSET 0) x WHERE " +
           kClaimHeld,
       std::move(params)},
      {"SELECT rows, tokens FROM search_totals WHERE name = 'claims'", PgParams()},
  });
  const PgResult& rows = results[0];
  if (rows.Rows() == 0) return claims;
  const std::int64_t indexed = results[1].Rows() ? results[1].Int(0, 0) : 0;
  const std::int64_t tokens = results[1].Rows() ? results[1].Int(0, 1) : 0;
  const std::vector<std::int64_t> holding =
      Holding(*connection_, tokenizer_, kClaims, query, std::nullopt, &counted_phrases_);
  // A phrase of one token whose term is the token itself is held exactly when the terms say so
  // (a long token's term is cut and hashed: perhaps another's).
  std::vector<bool> exact_term;
  for (const auto& phrase : query.phrases) {
    exact_term.push_back(phrase.size() == 1 && TermOf(phrase[0]) == phrase[0]);
  }
  std::vector<double> floors, ceilings;
  for (int row = 0; row < rows.Rows(); ++row) {
    const bool all_terms = rows.View(row, 3) == "t";
    TextMatch floor, ceiling;
    floor.length = ceiling.length = rows.Int(row, 1);
    const std::int64_t repeats = floor.length - rows.Int(row, 2);
    for (std::size_t p = 0; p < query.phrases.size(); ++p) {
      const bool holds = all_terms && rows.View(row, 4 + static_cast<int>(p)) == "t";
      floor.counts.push_back(holds && exact_term[p] ? 1 : 0);
      ceiling.counts.push_back(holds ? 1 + repeats : 0);
    }
    floors.push_back(Bm25(floor, indexed, tokens, holding));
    ceilings.push_back(all_terms ? Bm25(ceiling, indexed, tokens, holding)
                                 : std::numeric_limits<double>::infinity());
  }
  // The `limit`-th best floor: at least `limit` rows score that much (a row with a positive
  // floor matches), so a row whose ceiling is under it is not among the best.
  double bar = 0.0;
  if (limit > 0 && static_cast<std::size_t>(limit) <= floors.size()) {
    std::vector<double> best = floors;
    std::nth_element(best.begin(), best.begin() + (limit - 1), best.end(), std::greater<>());
    bar = best[limit - 1];
  }
  std::vector<std::int64_t> read;
  for (int row = 0; row < rows.Rows(); ++row) {
    if (ceilings[row] >= bar) read.push_back(rows.Int(row, 0));
  }
  struct Scored {
    std::int64_t seq;
    double score;
    ClaimText claim;
  };
  std::vector<Scored> ranked;
  for (auto& [seq, claim] : ClaimTexts(*connection_, read)) {
    const TextMatch match = MatchText(
        tokenizer_, query, claim.context ? SearchableText(claim.text, *claim.context) : claim.text);
    if (!match.Matches(/*match_any=*/true)) continue;
    ranked.push_back({seq, Bm25(match, indexed, tokens, holding), std::move(claim)});
  }
  KeepBest(ranked, limit);
  for (Scored& best : ranked) claims.push_back(std::move(best.claim));
  return claims;
}

std::vector<std::int64_t> PgStore::ClaimsHolding(const std::vector<std::string>& words,
                                                 std::int64_t at_most) {
  Flush();
  // One phrase a word of some token, counted together (as SQLite's store counts them).
  std::vector<std::int64_t> counts(words.size(), 0);
  std::vector<std::size_t> counted;  // the words of some token
  TermQuery each;                    // one phrase a counted word
  for (std::size_t i = 0; i < words.size(); ++i) {
    TermQuery query = QueryOf(tokenizer_, {words[i]}, false);
    if (query.Empty()) continue;
    counted.push_back(i);
    each.phrases.push_back(std::move(query.phrases[0]));
  }
  if (counted.empty()) return counts;
  const std::vector<std::int64_t> holding =
      Holding(*connection_, tokenizer_, kClaims, each, at_most);
  counted_phrases_.clear();
  for (std::size_t k = 0; k < counted.size(); ++k) {
    counts[counted[k]] = std::min(holding[k], at_most);
    // Under the cap a count is exact: FullTextCandidates ranks the rare words by it.
    if (holding[k] < at_most) counted_phrases_[each.PhraseTsquery(k)] = holding[k];
  }
  return counts;
}

std::int64_t PgStore::ClaimCount() {
  Flush();
  const PgResult totals = connection_->Run("SELECT rows FROM search_totals WHERE name = 'claims'");
  return totals.Rows() ? totals.Int(0, 0) : 0;
}

}  // namespace claimledger
