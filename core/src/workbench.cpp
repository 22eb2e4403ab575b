// The workbench facade: input checks, one transaction per public operation, and the
// event data each operation appends. It calls down into the ledger (events), the store
// (reads), the text layer (UTF-8, anchoring, quantities) and the credibility layer.
#include "claimledger/workbench.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

#include "claimledger/anchor.h"
#include "claimledger/bundle.h"
#include "claimledger/codec.h"
#include "claimledger/dates.h"
#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "claimledger/quantities.h"
#include "claimledger/similarity.h"
#include "claimledger/text.h"
#include "claimledger/track_record.h"
#include "claimledger/vocabulary.h"

namespace claimledger {
namespace {

using nlohmann::json;

Error Invalid(const std::string& id, const std::string& detail) {
  return Error(Code::kInvalidInput, "claimledger." + id, detail);
}

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

// Quotes user text in a message, shortened so that one bad record cannot flood a log.
std::string Shown(const std::string& text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return "\"" + text + "\"";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + text.substr(0, cut) + "…\"";
}

void RequireUtf8(const std::string& field, const std::string& text) {
  const std::size_t bad = FirstInvalidUtf8(text);
  if (bad != std::string::npos) {
    throw Invalid("input.utf8", field + " is not valid UTF-8 (invalid byte at offset " +
                                    std::to_string(bad) + "); text must be UTF-8");
  }
}

// Checks a required text field: UTF-8, not blank. Returns it trimmed.
std::string RequireText(const std::string& field, const std::string& text) {
  RequireUtf8(field, text);
  const std::string_view trimmed = TrimSpace(text);
  if (trimmed.empty()) {
    throw Invalid("input.empty", field + " is empty; give some text");
  }
  return std::string(trimmed);
}

std::optional<std::string> OptionalText(const std::string& field,
                                        const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return RequireText(field, *text);
}

std::optional<std::string> OptionalDate(const std::string& field,
                                        const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  RequireUtf8(field, *text);
  const auto date = NormaliseDate(*text);
  if (!date) {
    throw Invalid("input.date", field + " " + Shown(*text) +
                                    " is not a date; use YYYY-MM-DD or an RFC 3339 time such "
                                    "as 2024-10-21T08:15:00Z");
  }
  return date;
}

// Throws InvalidInput with id "claimledger." + `id` unless `value` is one of `accepted`.
void RequireChoice(const std::string& id, const std::string& what, const std::string& value,
                   const std::vector<std::string>& accepted) {
  if (std::find(accepted.begin(), accepted.end(), value) == accepted.end()) {
    throw Invalid(id, "unknown " + what + " " + Shown(value) + "; accepted: " + Join(accepted));
  }
}

// Checks an object of outside attributes (provenance, source attributes): text or integer
// values only, so that it stays canonical JSON.
json CleanAttributes(const std::string& field, const json& value, bool null_allowed) {
  if (value.is_null() && null_allowed) return value;
  if (!value.is_object()) {
    throw Invalid("input.attributes", field + " must be an object of text or integer values");
  }
  for (const auto& [key, item] : value.items()) {
    RequireUtf8(field + " key", key);
    if (item.is_string()) {
      RequireUtf8(field + " " + key, item.get<std::string>());
    } else if (!item.is_number_integer() && !item.is_null()) {
      throw Invalid("input.attributes", field + " " + Shown(key) +
                                            " must be text or an integer, not " +
                                            std::string(item.type_name()));
    }
  }
  return value;
}

std::vector<std::string> CleanTags(const std::vector<std::string>& tags) {
  std::set<std::string> clean;
  for (const std::string& tag : tags) clean.insert(RequireText("tag", tag));
  return {clean.begin(), clean.end()};
}

// Re-throws `error` with `where` in front of its message, keeping code and id.
[[noreturn]] void RethrowAt(const Error& error, const std::string& where) {
  throw Error(error.code(), error.id(), where + ": " + error.detail());
}

// An FTS5 query of the words of `text`, each a quoted string (so no user text is read as
// query syntax), all required or, with `match_any`, any of them.
std::string FtsMatch(const std::string& text, bool match_any) {
  std::string match, word;
  const auto flush = [&] {
    if (word.empty()) return;
    if (!match.empty()) match += match_any ? " OR " : " ";
    match += "\"" + word + "\"";
    word.clear();
  };
  for (unsigned char c : text) {
    const bool separator = c < 0x80 && !std::isalnum(c) && c != '\'' && c != '-';
    if (separator) {
      flush();
    } else if (c != '"') {
      word.push_back(static_cast<char>(c));
    }
  }
  flush();
  return match;
}

// The FTS5 query of a user's search text (FtsMatch), which must be UTF-8 and hold a word.
std::string SearchQuery(const std::string& query, bool match_any) {
  RequireUtf8("query", query);
  std::string match = FtsMatch(query, match_any);
  if (match.empty()) {
    throw Invalid("search.empty", "the search query has no words; give one or more words");
  }
  return match;
}

json QuantitiesJson(const std::string& text) {
  json quantities = json::array();
  for (const Quantity& quantity : ParseQuantities(text)) {
    quantities.push_back(QuantityToJson(quantity));
  }
  return quantities;
}

}  // namespace

Workbench::Workbench(std::unique_ptr<Store> store, const WorkbenchOptions& options)
    : store_(std::move(store)) {
  set_actor(options.actor);
  const RatingScale& scale =
      options.custom_scale ? *options.custom_scale : BuiltinScale(options.scale);
  ledger_ = std::make_unique<Ledger>(*store_, scale, actor_);
}

std::unique_ptr<Workbench> Workbench::Open(const std::string& path,
                                           const WorkbenchOptions& options) {
  if (!options.custom_scale) BuiltinScale(options.scale);  // fail before touching the file
  StoreOptions store_options;
  store_options.create = options.create;
  return std::unique_ptr<Workbench>(new Workbench(OpenSqliteStore(path, store_options), options));
}

void Workbench::set_actor(const std::string& actor) {
  const std::string clean = RequireText("actor", actor);
  std::lock_guard<std::mutex> lock(mutex_);
  actor_ = clean;
}

// --- lookups that raise NotFound ------------------------------------------------------------

Claim Workbench::RequireClaim(const std::string& id) {
  if (auto claim = store_->GetClaim(id)) return *claim;
  throw Error(Code::kNotFound, "claimledger.claim.not_found",
              "no claim with id " + Shown(id) +
                  " in this ledger (claim ids look like clm_ "
                  "followed by 16 hex digits)");
}

void Workbench::RequireSourceExists(const std::string& id) {
  if (!store_->HasSource(id)) RequireSource(id);  // throws the NotFound error
}

Source Workbench::RequireSource(const std::string& id) {
  if (auto source = store_->GetSource(id)) return *source;
  throw Error(Code::kNotFound, "claimledger.source.not_found",
              "no source with id " + Shown(id) +
                  " in this ledger (source ids look like src_ "
                  "followed by 16 hex digits)");
}

Snapshot Workbench::RequireSnapshot(const std::string& hash) {
  if (auto snapshot = store_->GetSnapshot(hash)) return *snapshot;
  throw Error(Code::kNotFound, "claimledger.snapshot.not_found",
              "no snapshot with hash " + Shown(hash) +
                  " in this ledger (snapshot hashes look like xxh3-128: followed by 32 hex "
                  "digits)");
}

std::string Workbench::SnapshotText(const std::string& snapshot, const std::string& why) {
  std::string text = *store_->GetContent(snapshot);
  const std::size_t bad = FirstInvalidUtf8(text);
  if (bad != std::string::npos) {
    throw Error(Code::kAnchor, "claimledger.anchor.not_text",
                "snapshot " + snapshot + " is not UTF-8 text (invalid byte at offset " +
                    std::to_string(bad) + "), so " + why);
  }
  return text;
}

Quote Workbench::Anchor(const std::string& snapshot, const Quote& selector, bool match_case) {
  RequireSnapshot(snapshot);
  const std::string text = SnapshotText(snapshot, "nothing can be quoted from it");
  if (TrimSpace(selector.exact).empty()) {
    throw Error(Code::kAnchor, "claimledger.anchor.empty",
                "the quote is empty; give the exact words from the snapshot");
  }
  AnchorOptions options;
  options.match_case = match_case;
  AnchorResult found = LocateQuote(text, selector, options);
  const std::string searched = "quote " + Shown(selector.exact) + " in snapshot " + snapshot;
  if (found.status == AnchorStatus::kAmbiguous) {
    std::string places;
    for (std::size_t i = 0; i < found.places.size() && i < 5; ++i) {
      places += (i ? ", " : "") + std::to_string(found.places[i]);
    }
    if (found.places.size() > 5) places += ", …";
    throw Error(Code::kAnchor, "claimledger.anchor.ambiguous",
                searched + " occurs " + std::to_string(found.occurrences) +
                    " times (at code points " + places +
                    ") and nothing tells which one is meant; quote more words, or give the "
                    "text just before it (prefix) or after it (suffix)");
  }
  if (found.status == AnchorStatus::kNotFound) {
    std::string rule = match_case ? "; a quote must match the snapshot's words exactly, except "
                                    "for white space, quote marks and dashes"
                                  : "; a quote must match the snapshot's words exactly, except "
                                    "for white space, quote marks, dashes and case";
    if (match_case) {
      AnchorOptions any_case;
      any_case.match_case = false;
      if (LocateQuote(text, selector, any_case).occurrences > 0) {
        rule +=
            "; it occurs with different capital letters: quote them as they are, or ask "
            "for matching in any case (match_case false)";
      }
    }
    throw Error(Code::kAnchor, "claimledger.anchor.not_found", searched + " does not occur" + rule);
  }
  found.quote.snapshot = snapshot;
  return found.quote;
}

// --- writes ---------------------------------------------------------------------------------

std::string Workbench::AddSourceIn(Ledger::Transaction& transaction, const NewSource& source) {
  const std::string name = RequireText("source name", source.name);
  RequireChoice("source.unknown_kind", "source kind", source.kind, SourceKinds());
  const auto ref = OptionalText("ref", source.ref);
  if (ref) {
    if (auto existing = store_->SourceIdByRef(*ref)) return *existing;  // loaded before
  }
  const Event event = transaction.Append(
      "source.added", actor_,
      {{"name", name},
       {"kind", source.kind},
       {"url", OptionalToJson(OptionalText("url", source.url))},
       {"affiliation", OptionalToJson(OptionalText("affiliation", source.affiliation))},
       {"ref", OptionalToJson(ref)},
       {"attributes", CleanAttributes("attributes", source.attributes, false)}});
  return EntityId("src", event.hash);
}

Source Workbench::AddSource(const NewSource& source) {
  const std::string id = AddSources({source}).front();
  return GetSource(id);
}

std::vector<std::string> Workbench::AddSources(const std::vector<NewSource>& sources) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  Ledger::Transaction transaction(*ledger_);
  std::vector<std::string> added;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    try {
      added.push_back(AddSourceIn(transaction, sources[i]));
    } catch (const Error& error) {
      if (sources.size() == 1) throw;
      RethrowAt(error, "sources[" + std::to_string(i) + "]");
    }
  }
  transaction.Commit();
  return added;
}

Snapshot Workbench::AddSnapshot(const NewSnapshot& snapshot) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  const auto url = OptionalText("url", snapshot.url);
  const auto title = OptionalText("title", snapshot.title);
  const auto published = OptionalDate("published", snapshot.published);
  const auto retrieved = OptionalDate("retrieved", snapshot.retrieved);
  const std::string hash = ContentId(snapshot.content);
  Ledger::Transaction transaction(*ledger_);
  if (auto existing = store_->GetSnapshot(hash)) return *existing;  // stored once
  if (snapshot.publisher) RequireSourceExists(*snapshot.publisher);
  store_->PutContent(hash, snapshot.content);
  transaction.Append("snapshot.added", actor_,
                     {{"hash", hash},
                      {"sha256", Sha256(snapshot.content)},
                      {"size", snapshot.content.size()},
                      {"url", OptionalToJson(url)},
                      {"title", OptionalToJson(title)},
                      {"publisher", OptionalToJson(snapshot.publisher)},
                      {"published", OptionalToJson(published)},
                      {"retrieved", OptionalToJson(retrieved)}});
  Snapshot added = *store_->GetSnapshot(hash);
  transaction.Commit();
  return added;
}

std::string Workbench::AddClaimIn(Ledger::Transaction& transaction, const NewClaim& claim) {
  const std::string text = RequireText("claim text", claim.text);
  const auto ref = OptionalText("ref", claim.ref);
  if (ref) {
    if (auto existing = store_->ClaimIdByRef(*ref)) return *existing;  // loaded before
  }
  if (claim.claimant) RequireSourceExists(*claim.claimant);
  json appears_in;  // null unless the claim was found in a snapshot
  if (claim.appears_in) {
    const std::string quote = claim.quote ? *claim.quote : text;
    RequireUtf8("quote", quote);
    Quote selector;
    selector.exact = quote;
    appears_in = QuoteToJson(Anchor(*claim.appears_in, selector, claim.match_case));
  } else if (claim.quote) {
    throw Invalid("claim.quote_without_snapshot",
                  "a quote needs appears_in: the hash of the snapshot it is taken from");
  }
  if (claim.verdict) RequireRating(claim.verdict->rating);
  const Event event =
      transaction.Append("claim.added", actor_,
                         {{"text", text},
                          {"claimant", OptionalToJson(claim.claimant)},
                          {"appears_in", appears_in},
                          {"tags", CleanTags(claim.tags)},
                          {"quantities", QuantitiesJson(text)},
                          {"date", OptionalToJson(OptionalDate("date", claim.date))},
                          {"context", OptionalToJson(OptionalText("context", claim.context))},
                          {"ref", OptionalToJson(ref)},
                          {"provenance", CleanAttributes("provenance", claim.provenance, true)}});
  const std::string id = EntityId("clm", event.hash);
  if (claim.verdict) {
    transaction.Append("verdict.set", actor_,
                       {{"claim", id},
                        {"rating", claim.verdict->rating},
                        {"rationale", RequireText("rationale", claim.verdict->rationale)},
                        {"evidence", json::array()}});
  }
  return id;
}

Claim Workbench::AddClaim(const NewClaim& claim) {
  const std::string id = AddClaims({claim}).front();
  return GetClaim(id);
}

std::vector<std::string> Workbench::AddClaims(const std::vector<NewClaim>& claims) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  Ledger::Transaction transaction(*ledger_);
  std::vector<std::string> added;
  added.reserve(claims.size());
  for (std::size_t i = 0; i < claims.size(); ++i) {
    try {
      added.push_back(AddClaimIn(transaction, claims[i]));
    } catch (const Error& error) {
      if (claims.size() == 1) throw;
      RethrowAt(error, "claims[" + std::to_string(i) + "]");
    }
  }
  transaction.Commit();
  return added;
}

Evidence Workbench::LinkEvidence(const NewEvidence& evidence) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  Ledger::Transaction transaction(*ledger_);
  RequireClaim(evidence.claim);
  RequireChoice("stance.unknown", "stance", evidence.stance, Stances());
  RequireUtf8("quote", evidence.quote);
  const auto note = OptionalText("note", evidence.note);
  if (evidence.credibility) {
    std::vector<std::string> codes;
    for (const Grade& grade : CredibilityGrades()) codes.push_back(grade.code);
    RequireChoice("evidence.unknown_credibility", "credibility", *evidence.credibility, codes);
  }
  Quote selector;
  selector.exact = evidence.quote;
  if (evidence.prefix) {
    RequireUtf8("prefix", *evidence.prefix);
    selector.prefix = *evidence.prefix;
  }
  if (evidence.suffix) {
    RequireUtf8("suffix", *evidence.suffix);
    selector.suffix = *evidence.suffix;
  }
  const Quote quote = Anchor(evidence.snapshot, selector, evidence.match_case);
  const Event event = transaction.Append("evidence.linked", actor_,
                                         {{"claim", evidence.claim},
                                          {"quote", QuoteToJson(quote)},
                                          {"stance", evidence.stance},
                                          {"note", OptionalToJson(note)},
                                          {"credibility", OptionalToJson(evidence.credibility)}});
  Evidence linked = *store_->GetEvidence(EntityId("evd", event.hash));
  transaction.Commit();
  return linked;
}

Verdict Workbench::SetVerdict(const std::string& claim, const std::string& rating,
                              const std::string& rationale,
                              const std::vector<std::string>& evidence) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  Ledger::Transaction transaction(*ledger_);
  RequireClaim(claim);
  RequireRating(rating);
  const std::string why = RequireText("rationale", rationale);
  for (const std::string& id : evidence) {
    const auto linked = store_->GetEvidence(id);
    if (!linked) {
      throw Error(Code::kNotFound, "claimledger.evidence.not_found",
                  "no evidence with id " + Shown(id) + " in this ledger");
    }
    if (linked->claim != claim) {
      throw Invalid("verdict.foreign_evidence", "evidence " + id + " is linked to claim " +
                                                    linked->claim + ", not to " + claim +
                                                    "; a verdict relies on its own claim's "
                                                    "evidence");
    }
  }
  const Event event = transaction.Append(
      "verdict.set", actor_,
      {{"claim", claim}, {"rating", rating}, {"rationale", why}, {"evidence", evidence}});
  transaction.Commit();
  return Verdict{
      claim, rating, why, evidence, {event.seq, event.at, event.actor, event.at, std::nullopt}};
}

Claim Workbench::SetStatus(const std::string& claim, const std::string& status) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  Ledger::Transaction transaction(*ledger_);
  const Claim current = RequireClaim(claim);
  RequireChoice("status.unknown", "status", status, ClaimStatuses());
  const auto rank = [](const std::string& s) {
    return std::find(ClaimStatuses().begin(), ClaimStatuses().end(), s) - ClaimStatuses().begin();
  };
  const bool forward = rank(status) > rank(current.status);
  const bool reopen = status == "in-progress" && rank(current.status) > rank(status);
  if (!forward && !reopen) {
    throw Invalid("status.transition",
                  "claim " + claim + " cannot go from " + current.status + " to " + status +
                      "; a claim moves forward through new, in-progress, reviewed, published "
                      "or back to in-progress");
  }
  if ((status == "reviewed" || status == "published") && !current.verdict) {
    throw Invalid("status.needs_verdict", "claim " + claim +
                                              " has no verdict yet; set one "
                                              "before marking it " +
                                              status);
  }
  transaction.Append("status.set", actor_,
                     {{"claim", claim}, {"status", status}, {"from", current.status}});
  Claim updated = *store_->GetClaim(claim);
  transaction.Commit();
  return updated;
}

SourceRating Workbench::RateSource(const std::string& source, const std::string& grade,
                                   const std::string& rationale) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  Ledger::Transaction transaction(*ledger_);
  RequireSourceExists(source);
  if (!AdmiraltyGradeMeaning(grade)) {
    throw Invalid("rating.unknown_grade",
                  "unknown reliability grade " + Shown(grade) +
                      "; accepted: the Admiralty grades A (completely reliable), B (usually "
                      "reliable), C (fairly reliable), D (not usually reliable), E "
                      "(unreliable), F (reliability cannot be judged)");
  }
  const std::string why = RequireText("rationale", rationale);
  const Event event = transaction.Append(
      "source.rated", actor_, {{"source", source}, {"grade", grade}, {"rationale", why}});
  transaction.Commit();
  return SourceRating{
      source, grade, why, {event.seq, event.at, event.actor, event.at, std::nullopt}};
}

// --- reads ----------------------------------------------------------------------------------

Claim Workbench::GetClaim(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return RequireClaim(id);
}

Source Workbench::GetSource(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return RequireSource(id);
}

Snapshot Workbench::GetSnapshot(const std::string& hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return RequireSnapshot(hash);
}

std::string Workbench::SnapshotContent(const std::string& hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  RequireSnapshot(hash);
  return *store_->GetContent(hash);
}

Evidence Workbench::GetEvidence(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  if (auto evidence = store_->GetEvidence(id)) return *evidence;
  throw Error(Code::kNotFound, "claimledger.evidence.not_found",
              "no evidence with id " + Shown(id) + " in this ledger");
}

std::vector<Claim> Workbench::Claims(const ClaimFilter& filter) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (filter.status) RequireChoice("status.unknown", "status", *filter.status, ClaimStatuses());
  if (filter.rating && ledger_->scale().Find(*filter.rating) == nullptr) {
    throw Invalid("verdict.unknown_rating", Shown(*filter.rating) +
                                                " is not a rating on this ledger's scale; "
                                                "accepted: " +
                                                ledger_->scale().LabelList());
  }
  ReadScope read(*store_);
  return store_->ListClaims(filter);
}

std::vector<SearchHit> Workbench::Search(const std::string& query, const ClaimFilter& filter,
                                         const std::optional<std::string>& since,
                                         const std::optional<std::string>& until, bool match_any) {
  const std::string match = SearchQuery(query, match_any);
  ClaimFilter narrowed = filter;
  if (narrowed.limit < 0) narrowed.limit = 10;
  if (filter.status) RequireChoice("status.unknown", "status", *filter.status, ClaimStatuses());
  if (filter.rating) RequireRating(*filter.rating);
  auto from = OptionalDate("since", since);
  auto to = OptionalDate("until", until);
  if (to && to->size() == 10) *to += "T23:59:59.999999Z";  // a date includes its whole day
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return store_->Search(match, narrowed, from, to);
}

std::vector<SnapshotHit> Workbench::SearchSnapshots(const std::string& query, int limit,
                                                    bool match_any) {
  const std::string match = SearchQuery(query, match_any);
  if (limit < 1) {
    throw Invalid("search.limit", "limit must be 1 or more, not " + std::to_string(limit));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return store_->SearchSnapshots(match, limit);
}

std::vector<SimilarHit> Workbench::Similar(const std::string& text, int k) {
  // Rows read per LSH bucket and candidates re-ranked. On reworded FEVER and LIAR claims
  // among 1,000,000 (bench/bench_similar.py), 64 candidates put the source among the first
  // five for 98.9% of them (32: 97.7%, 100: 99.0%); more rows per bucket found no more.
  constexpr std::int64_t kRowsPerBucket = 128;
  constexpr std::int64_t kCandidates = 64;
  // A reworded claim can share no LSH bucket with its source (short claims with most words
  // replaced). When the best LSH candidate scores under kWeak (or there are fewer than k),
  // the kFullText best full-text matches (BM25) of the query's rare content words (those
  // in fewer than kRareWord claims) are re-ranked with them. Chosen on bench_similar.py at
  // 1,000,000 claims: it fires for about 4% of reworded claims and 90% of unrelated
  // texts, and a larger kRareWord (1000) costs unrelated texts 7 ms instead of 2.
  constexpr double kWeak = 0.5;
  constexpr std::int64_t kFullText = 32;
  constexpr std::int64_t kRareWord = 300;
  const std::string clean = RequireText("text", text);
  if (k < 1) throw Invalid("similar.k", "k must be 1 or more, not " + std::to_string(k));
  const std::vector<std::int64_t> buckets = LshBuckets(clean);
  if (buckets.empty()) return {};
  const SimilarityProfile query(clean);
  std::vector<SimilarHit> hits;
  std::set<std::string> seen;
  const auto rank = [&](const std::vector<std::pair<std::string, std::string>>& candidates) {
    for (const auto& [id, candidate] : candidates) {
      if (seen.insert(id).second) {
        hits.push_back({id, query.Similarity(SimilarityProfile(candidate))});
      }
    }
    std::sort(hits.begin(), hits.end(), [](const SimilarHit& a, const SimilarHit& b) {
      return a.score != b.score ? a.score > b.score : a.claim < b.claim;
    });
  };
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ReadScope read(*store_);
    rank(
        store_->SimilarCandidates(buckets, kRowsPerBucket, std::max<std::int64_t>(kCandidates, k)));
    if (hits.size() < static_cast<std::size_t>(k) || hits.front().score < kWeak) {
      std::vector<std::string> terms;
      for (const std::string& word : ContentWords(clean)) {
        const std::string term = FtsMatch(word, false);
        if (!term.empty() && term.find(' ') == std::string::npos) terms.push_back(term);
      }
      rank(store_->FullTextCandidates(terms, kRareWord, std::max<std::int64_t>(kFullText, k)));
    }
  }
  if (hits.size() > static_cast<std::size_t>(k)) hits.resize(k);
  return hits;
}

std::vector<Candidate> Workbench::Candidates(const std::string& snapshot_hash) {
  std::string text;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ReadScope read(*store_);
    RequireSnapshot(snapshot_hash);
    text = *store_->GetContent(snapshot_hash);
  }
  const std::size_t bad = FirstInvalidUtf8(text);
  if (bad != std::string::npos) {
    throw Error(Code::kAnchor, "claimledger.anchor.not_text",
                "snapshot " + snapshot_hash + " is not UTF-8 text (invalid byte at offset " +
                    std::to_string(bad) + "), so it has no sentences to check");
  }
  return FindCandidates(text);
}

ReanchorReport Workbench::Reanchor(const std::string& old_snapshot,
                                   const std::string& new_snapshot) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  ReanchorReport report;
  report.old_snapshot = old_snapshot;
  report.new_snapshot = new_snapshot;
  report.old_url = RequireSnapshot(old_snapshot).url;
  report.new_url = RequireSnapshot(new_snapshot).url;
  SnapshotText(old_snapshot, "it has no quotes to re-anchor");
  const std::string text = SnapshotText(new_snapshot, "no quote can be re-anchored in it");

  for (const Evidence& evidence : store_->EvidenceOn(old_snapshot)) {
    report.quotes.push_back({evidence.claim, evidence.id, evidence.quote, {}});
  }
  for (const auto& [claim, quote] : store_->AppearancesIn(old_snapshot)) {
    report.quotes.push_back({claim, std::nullopt, quote, {}});
  }
  std::stable_sort(report.quotes.begin(), report.quotes.end(),
                   [](const QuoteReanchor& a, const QuoteReanchor& b) {
                     return a.old_quote.start < b.old_quote.start;
                   });
  std::vector<Quote> old_quotes;
  for (const QuoteReanchor& quote : report.quotes) old_quotes.push_back(quote.old_quote);
  std::vector<Reanchored> results = ReanchorQuotes(text, old_quotes);
  for (std::size_t i = 0; i < results.size(); ++i) {
    report.quotes[i].result = std::move(results[i]);
    if (report.quotes[i].result.quote) report.quotes[i].result.quote->snapshot = new_snapshot;
  }

  std::map<std::string, std::size_t> review_of;  // claim id -> index in needs_review
  std::vector<std::vector<std::string>> cited;   // evidence its current verdict cites
  for (const QuoteReanchor& quote : report.quotes) {
    const ReanchorStatus status = quote.result.status;
    if (status != ReanchorStatus::kChanged && status != ReanchorStatus::kOrphaned) continue;
    const auto [at, added] = review_of.emplace(quote.claim, report.needs_review.size());
    if (added) {
      ReviewNeeded review;
      review.claim = quote.claim;
      cited.emplace_back();
      if (const auto claim = store_->GetClaim(quote.claim); claim && claim->verdict) {
        review.rating = claim->verdict->rating;
        cited.back() = claim->verdict->evidence;
      }
      report.needs_review.push_back(review);
    }
    ReviewNeeded& review = report.needs_review[at->second];
    if (!quote.evidence) {
      review.appearance = true;
    } else {
      review.evidence.push_back(*quote.evidence);
      const std::vector<std::string>& relied = cited[at->second];
      if (std::find(relied.begin(), relied.end(), *quote.evidence) != relied.end()) {
        review.verdict_cites = true;
      }
    }
  }
  return report;
}

std::vector<Source> Workbench::Sources() {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return store_->ListSources();
}

std::vector<Snapshot> Workbench::Snapshots() {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return store_->ListSnapshots();
}

std::vector<Evidence> Workbench::EvidenceFor(const std::string& claim) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  RequireClaim(claim);
  return store_->EvidenceFor(claim);
}

std::vector<Verdict> Workbench::Verdicts(const std::string& claim) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  RequireClaim(claim);
  return store_->VerdictsFor(claim);
}

std::vector<SourceRating> Workbench::SourceRatings(const std::string& source) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  RequireSourceExists(source);
  return store_->RatingsFor(source);
}

std::vector<Event> Workbench::History(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  std::vector<Event> events = store_->EventsAbout(id);
  if (events.empty()) {
    throw Error(Code::kNotFound, "claimledger.history.not_found",
                "no event names " + Shown(id) +
                    "; give a claim, source, evidence id or a "
                    "snapshot hash from this ledger");
  }
  return events;
}

std::vector<Event> Workbench::Events(std::int64_t from, std::int64_t to) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  std::vector<Event> events;
  store_->ScanEvents(from, to, true, [&](const Event& event, std::string_view) {
    events.push_back(event);
    return true;
  });
  return events;
}

std::int64_t Workbench::EventCount() {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  return store_->EventCount();
}

VerifyReport Workbench::Verify(const std::optional<Checkpoint>& against) {
  std::lock_guard<std::mutex> lock(mutex_);
  return ledger_->Verify(against);
}

Checkpoint Workbench::GetCheckpoint() {
  std::lock_guard<std::mutex> lock(mutex_);
  return ledger_->Head();
}

TrackRecord Workbench::GetTrackRecord(const std::string& source) {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  RequireSourceExists(source);
  return ComputeTrackRecord(source, ledger_->scale(), store_->RatingCounts(source, true));
}

std::vector<TrackRecord> Workbench::TrackRecords() {
  std::lock_guard<std::mutex> lock(mutex_);
  ReadScope read(*store_);
  std::vector<TrackRecord> records;
  std::vector<RatingCount> counts;
  const auto flush = [&] {
    if (!counts.empty()) {
      records.push_back(ComputeTrackRecord(counts.front().source, ledger_->scale(), counts));
    }
    counts.clear();
  };
  for (RatingCount& count : store_->RatingCounts(std::nullopt, false)) {
    if (!counts.empty() && counts.front().source != count.source) flush();
    counts.push_back(std::move(count));
  }
  flush();
  return records;
}

Checkpoint Workbench::ExportBundle(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string partial = path + ".part";
  std::ofstream out(partial, std::ios::binary | std::ios::trunc);
  if (!out) {
    throw Error(Code::kStorage, "claimledger.bundle.write", "cannot write " + Shown(partial));
  }
  Checkpoint head;
  {
    ReadScope read(*store_);
    BundleWriter writer(out);
    writer.Header(ledger_->identity());
    store_->ScanEvents(1, -1, false, [&](const Event& event, std::string_view data_text) {
      std::optional<std::string> content;
      if (event.type == "snapshot.added") {
        content = store_->GetContent(json::parse(data_text).at("hash").get<std::string>());
      }
      writer.Entry(event, data_text, content);
      return true;
    });
    const auto last = store_->LastEvent();
    head = {ledger_->identity(), last->seq, last->hash, last->at};
    writer.Finish(head);
  }
  out.close();
  if (!out || std::rename(partial.c_str(), path.c_str()) != 0) {
    std::remove(partial.c_str());
    throw Error(Code::kStorage, "claimledger.bundle.write", "cannot write " + Shown(path));
  }
  return head;
}

Checkpoint Workbench::ImportBundle(const std::string& path) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(Code::kNotFound, "claimledger.bundle.missing", "cannot read " + Shown(path));
  }
  store_->BeginWrite();
  try {
    const std::int64_t events = store_->EventCount();
    if (events != 1) {
      throw Invalid("bundle.not_empty",
                    "import_bundle needs a new ledger holding only its first event; this one "
                    "has " +
                        std::to_string(events) +
                        " events (to combine two desks, merge them instead)");
    }
    store_->ClearLedger();
    BundleReader reader(in);
    BundleEntry entry;
    while (reader.Next(&entry)) {
      if (entry.content) store_->PutContent(entry.event.data.at("hash"), *entry.content);
      store_->AppendEvent(entry.event, entry.data_text);
      Ledger::Apply(*store_, entry.event);
    }
    store_->Commit();
  } catch (...) {
    store_->Rollback();
    throw;
  }
  ledger_ = std::make_unique<Ledger>(*store_, ledger_->scale(), actor_);
  return ledger_->Head();
}

MergeReport Workbench::Merge(const std::string& path) {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  std::ifstream probe(path, std::ios::binary);
  if (!probe)
    throw Error(Code::kNotFound, "claimledger.merge.missing", "cannot read " + Shown(path));
  char magic[16] = {};
  probe.read(magic, sizeof(magic));
  const bool is_ledger = std::string(magic, 16) == std::string("SQLite format 3\0", 16);

  MergeReport report;
  std::map<std::string, std::optional<std::string>> local_current;  // before the merge
  std::map<std::string, std::string> other_current;
  Ledger::Transaction transaction(*ledger_);
  const auto take = [&](const Event& event, const std::optional<std::string>& content) {
    if (event.seq == 1) {
      const json scale = event.data.value("scale", json());
      if (scale.is_null() ||
          RatingScale::FromJson(scale).LabelList() != ledger_->scale().LabelList()) {
        throw Invalid("merge.scale", "the other desk rates on another scale (" +
                                         (scale.is_null() ? "none" : scale.value("name", "?")) +
                                         "); only desks with the same ratings can be merged");
      }
      report.other = event.hash;
      return;
    }
    const json* merged = event.data.contains("origin") ? &event.data["origin"] : nullptr;
    const std::string creator = merged ? merged->value("hash", "") : event.hash;
    if (store_->KnowsEvent(event.hash) || store_->KnowsEvent(creator)) {
      ++report.skipped;
      return;
    }
    if (event.type == "snapshot.added") {
      const std::string hash = event.data.at("hash").get<std::string>();
      if (store_->HasContent(hash)) {  // the same document: stored once
        ++report.skipped;
        return;
      }
      if (!content || ContentId(*content) != hash) {
        throw Error(Code::kIntegrity, "claimledger.merge.content",
                    "the other desk lacks the bytes of snapshot " + hash);
      }
      store_->PutContent(hash, *content);
    }
    if (event.type == "verdict.set") {
      const std::string claim = event.data.at("claim").get<std::string>();
      if (!local_current.count(claim)) {
        const auto current = store_->GetClaim(claim);
        local_current[claim] = current && current->verdict
                                   ? std::optional<std::string>(current->verdict->rating)
                                   : std::nullopt;
      }
      other_current[claim] = event.data.at("rating").get<std::string>();
    }
    json data = event.data;
    if (!merged) {
      data["origin"] = {
          {"ledger", report.other}, {"hash", event.hash}, {"at", event.at}, {"actor", event.actor}};
    }
    data["origin"]["merged_by"] = actor_;
    transaction.Append(event.type, event.actor, std::move(data));
    ++report.added;
  };

  if (is_ledger) {
    StoreOptions options;
    options.create = false;
    options.read_only = true;
    auto other = OpenSqliteStore(path, options);
    ReadScope read(*other);
    other->ScanEvents(1, -1, true, [&](const Event& event, std::string_view) {
      std::optional<std::string> content;
      if (event.type == "snapshot.added") {
        content = other->GetContent(event.data.at("hash").get<std::string>());
      }
      take(event, content);
      return true;
    });
  } else {
    std::ifstream in(path, std::ios::binary);
    BundleReader reader(in);
    BundleEntry entry;
    while (reader.Next(&entry)) take(entry.event, entry.content);
  }
  transaction.Commit();
  for (const auto& [claim, rating] : other_current) {
    const auto& local = local_current[claim];
    if (local && *local != rating) report.conflicts.push_back({claim, *local, rating});
  }
  return report;
}

std::int64_t Workbench::Rebuild() {
  RequireWritable();
  std::lock_guard<std::mutex> lock(mutex_);
  return ledger_->Rebuild();
}

void Workbench::RequireRating(const std::string& rating) const {
  if (ledger_->scale().Find(rating) == nullptr) {
    throw Invalid("verdict.unknown_rating",
                  Shown(rating) + " is not a rating on this ledger's scale \"" +
                      ledger_->scale().name + "\"; accepted: " + ledger_->scale().LabelList());
  }
}

void Workbench::RequireWritable() const {
  if (as_of_) {
    throw Error(Code::kReadOnly, "claimledger.read_only",
                "this is a read-only view of the ledger as of event " + std::to_string(*as_of_) +
                    "; write through the workbench itself");
  }
}

std::unique_ptr<Workbench> Workbench::AsOf(std::int64_t seq) {
  if (seq < 1) {
    throw Invalid("as_of.seq",
                  "as_of needs a seq of 1 or more (1 is the ledger's creation), "
                  "not " +
                      std::to_string(seq));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  auto copy = OpenSqliteStore(":memory:", {});
  ledger_->CopyUpTo(seq, *copy);
  WorkbenchOptions options;
  options.actor = actor_;
  options.custom_scale = ledger_->scale();
  std::unique_ptr<Workbench> view(new Workbench(std::move(copy), options));
  {
    ReadScope read(*view->store_);
    view->as_of_ = view->store_->LastEvent()->seq;
  }
  return view;
}

std::unique_ptr<Workbench> Workbench::AsOfTime(const std::string& time) {
  RequireUtf8("as_of time", time);
  auto normal = NormaliseDate(time);
  if (!normal) {
    throw Invalid("input.date", "as_of time " + Shown(time) +
                                    " is not a time; use YYYY-MM-DD or an RFC 3339 time such as "
                                    "2024-10-22T00:00:00Z");
  }
  if (normal->size() == 10) *normal += "T00:00:00.000000Z";
  std::int64_t seq;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ReadScope read(*store_);
    seq = store_->LastSeqAt(*normal);
  }
  if (seq < 1) {
    throw Invalid("as_of.before_creation", "the ledger did not exist yet at " + *normal);
  }
  return AsOf(seq);
}

}  // namespace claimledger
