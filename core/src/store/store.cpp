// The parts of the store interface that are code (store.h): merging readings, a claim's
// searchable text, and the tree writer.
#include "store/store.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "claimledger/error.h"
#include "text/words.h"

namespace claimledger {

void StoredReading::Add(const StoredReading& other) {
  for (int table = 0; table < kTableCount; ++table) tables[table] += other.tables[table];
  if (derived.size() < other.derived.size()) derived.resize(other.derived.size());
  for (std::size_t i = 0; i < other.derived.size(); ++i) derived[i] += other.derived[i];
  derived_problems.insert(derived_problems.end(), other.derived_problems.begin(),
                          other.derived_problems.end());
}

DerivedProblemReport::DerivedProblemReport(const std::vector<std::string>& found_reading) {
  for (const std::string& problem : found_reading) {
    if (std::find(problems_.begin(), problems_.end(), problem) == problems_.end()) {
      problems_.push_back(problem);
    }
  }
}

std::string DerivedProblemReport::Unreadable(const std::string& table, const std::string& why) {
  return "search index " + table + " cannot be read: " + why;
}

void DerivedProblemReport::Name(
    const std::string& table,
    const std::function<void(std::vector<std::string>& problems)>& naming) {
  // An index that could not be read, or was named already, is not named again.
  const std::string about = "search index " + table + " ";
  for (const std::string& problem : problems_) {
    if (problem.rfind(about, 0) == 0) return;
  }
  try {
    naming(problems_);
  } catch (const Error& error) {
    problems_.push_back(Unreadable(table, error.detail()));
  }
}

std::vector<Event> Store::EventsOfTypeAbout(const std::vector<std::string>& entities,
                                            const std::string& type) {
  std::map<std::int64_t, Event> by_seq;
  for (const std::string& entity : entities) {
    for (Event& event : EventsAbout(entity)) {
      if (event.type == type) by_seq.emplace(event.seq, std::move(event));
    }
  }
  std::vector<Event> events;
  for (auto& [seq, event] : by_seq) events.push_back(std::move(event));
  return events;
}

std::unordered_set<std::string> Store::SourcesAmong(const std::vector<std::string>& ids) {
  std::unordered_set<std::string> sources;
  for (const std::string& id : ids) {
    if (HasSource(id)) sources.insert(id);
  }
  return sources;
}

std::vector<std::optional<Claim>> Store::GetClaims(const std::vector<std::string>& ids) {
  std::vector<std::optional<Claim>> claims;
  claims.reserve(ids.size());
  for (const std::string& id : ids) claims.push_back(GetClaim(id));
  return claims;
}

std::vector<std::int64_t> RankByBuckets(
    const std::vector<std::int64_t>& buckets, std::int64_t per_bucket, std::int64_t limit,
    const std::function<std::vector<std::int64_t>(std::int64_t bucket)>& read) {
  // The rows read of a crowded bucket are merely its least keys, and would otherwise outrank
  // a claim that shares several rare buckets with the text (kWhole outweighs every cut-off
  // bucket together).
  constexpr int kWhole = 64;
  std::unordered_map<std::int64_t, int> shared;  // key -> weight
  std::vector<std::int64_t> distinct = buckets;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  for (std::int64_t bucket : distinct) {
    const std::vector<std::int64_t> keys = read(bucket);
    const int weight = static_cast<std::int64_t>(keys.size()) < per_bucket ? kWhole : 1;
    for (std::int64_t key : keys) shared[key] += weight;
  }
  std::vector<std::pair<int, std::int64_t>> ranked;
  ranked.reserve(shared.size());
  for (const auto& [key, weight] : shared) ranked.emplace_back(weight, key);
  const auto best =
      ranked.begin() + std::min<std::size_t>(ranked.size(), std::max<std::int64_t>(limit, 0));
  std::partial_sort(ranked.begin(), best, ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::int64_t> keys;
  for (auto it = ranked.begin(); it != best; ++it) keys.push_back(it->second);
  return keys;
}

std::string OpenConflictsSql(const std::optional<std::string>& claim_placeholder,
                             const char* claim_in_data) {
  return std::string(
             "SELECT c.id, max(k.seq) FROM event_refs k JOIN events e ON e.seq = k.seq "
             "JOIN claims c ON c.id = ") +
         claim_in_data + " WHERE k.entity = '" + kConflictsEntity + "'" +
         (claim_placeholder ? " AND c.id = " + *claim_placeholder : "") +
         " GROUP BY c.id, c.verdict_seq HAVING max(k.seq) > coalesce(c.verdict_seq, 0) "
         "ORDER BY c.id";
}

std::string SearchableText(const std::string& text, const std::optional<std::string>& context,
                           bool separate_characters) {
  std::string joined = context ? text + '\n' + *context : text;
  return separate_characters ? SeparateCharacters(joined) : joined;
}

void TreeWriter::AddLeafHash(const TreeHash& hash) {
  frontier_.PushLeaf(hash, [&](const TreeNodeId& node, const TreeHash& node_hash) {
    if (node.level >= kStoredTreeLevel) nodes_.emplace_back(node, node_hash);
  });
}

}  // namespace claimledger
