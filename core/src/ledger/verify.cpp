// verify() (verify.h).
#include "ledger/verify.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/events.h"
#include "hash/base64.h"
#include "ledger/chain.h"
#include "ledger/merkle_log.h"
#include "ledger/projection.h"
#include "ledger/replay_digests.h"

namespace claimledger {
namespace {

// The seq of the last event (0 for none).
std::int64_t HeadSeq(Store& store) {
  const auto head = store.LastEvent();
  return head ? head->seq : 0;
}

// What verify reads of the stored tables, on one thread: the parts it takes from `next` until
// none are left.
void ReadParts(StoredTables& tables, const std::vector<StoredPart>& parts,
               std::atomic<std::size_t>& next, const RowDigestKey& key, StoredReading& reading) {
  for (std::size_t part = next++; part < parts.size(); part = next++) {
    tables.Read(parts[part], key, reading);
  }
}

// The columns of a table in the order ScanRows gives their values: the columns written once,
// then the key and the updated columns.
std::vector<std::string> ColumnNames(const TableLayout& layout) {
  std::vector<std::string> names;
  for (const char* list : {layout.columns, layout.updated}) {
    std::string_view rest = list;
    while (!rest.empty()) {
      const std::size_t comma = rest.find(',');
      names.emplace_back(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    }
  }
  return names;
}

// ": column status" (or "columns status, rating"): the columns whose values differ between a
// replayed row and a stored one; "" when none can be told apart (the values do not line up).
std::string DifferingColumns(const std::vector<std::string>& names,
                             const std::vector<std::uint64_t>& replayed,
                             const std::vector<std::uint64_t>& stored) {
  if (replayed.size() != stored.size() || stored.size() != names.size()) return "";
  std::string differing;
  int count = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (replayed[i] == stored[i]) continue;
    differing += (count++ ? ", " : "") + names[i];
  }
  if (count == 0) return "";
  return (count == 1 ? ": column " : ": columns ") + differing;
}

// The rows of the tables in `differing` that differ from a replay of the events into rows,
// table by table, each in key order, up to 1000 a table; `claims` gets the ids of the claims
// whose rows differ.
std::vector<Problem> NameRows(Store& store, StoredTables& tables, const std::set<Table>& differing,
                              const std::set<std::int64_t>& unapplied,
                              std::set<std::string>* claims) {
  const RowDigestKey key = RowDigestKey::Random();
  KeyedRows replay(key, differing);
  store.ScanEvents(1, -1, [&](const Event& event) {
    try {
      ApplyEvent(replay, event);
    } catch (const std::exception&) {
      if (unapplied.count(event.seq) == 0) throw;  // reported already
    }
    return true;
  });
  std::vector<Problem> problems;
  for (const Table table : differing) {
    std::map<RowKey, KeyedRow> replayed = replay.Rows(table);
    std::map<RowKey, std::string> diffs;
    const std::vector<std::string> columns = ColumnNames(LayoutOf(table));
    tables.ScanRows(
        table, key,
        [&](RowKey row, const TableDigest& digest, const std::vector<std::uint64_t>& values) {
          const auto found = replayed.find(row);
          if (found == replayed.end()) {
            diffs.emplace(std::move(row), "is stored but no event made it");
            return;
          }
          if (found->second.digest != digest) {
            diffs.emplace(row, "differs from what the events say" +
                                   DifferingColumns(columns, found->second.values, values));
          }
          replayed.erase(found);
        });
    for (const auto& entry : replayed)
      diffs.emplace(entry.first, "is missing from the stored table");
    const std::string name = LayoutOf(table).name;
    if (diffs.empty()) {
      problems.push_back({0, "projection-mismatch",
                          "table " + name +
                              " differs from what the events say, though each row "
                              "holds the same values"});
    }
    if (table == Table::kClaims) {
      for (const auto& entry : diffs) claims->insert(KeyText(entry.first));
    }
    std::size_t reported = 0;
    for (const auto& [row, what] : diffs) {
      if (++reported > 1000) break;
      problems.push_back({0, "projection-mismatch", name + " row " + KeyText(row) + " " + what});
    }
  }
  return problems;
}

// Checks an event's hash and link, and adds its leaf to the tree: both are over its canonical
// text, written once into `text`.
void CheckEvent(const Event& event, std::string& text, ChainCheck& chain, TreeCheck& tree) {
  bool canonical = true;
  try {
    text = CanonicalEventText(event);
  } catch (const Error&) {
    canonical = false;
  }
  chain.Check(event, canonical ? &text : nullptr);
  tree.Add(canonical ? LeafHash(text) : EventLeafHash(event));
}

// Whether the desk's tree of `head.size` leaves has `head.root`, into `problems`.
void CheckTreeHead(Store& store, const TreeHead& head, std::int64_t events,
                   std::vector<Problem>& problems) {
  const auto mismatch = [&](const std::string& detail) {
    problems.push_back({head.size, "checkpoint-mismatch", detail});
  };
  if (head.size > events) {
    mismatch("the signed checkpoint is of a tree of " + std::to_string(head.size) +
             " events, but this desk holds " + std::to_string(events) +
             ": events it had were removed (a truncated history)");
    return;
  }
  try {
    const TreeHash root = StoredTree(store).Root(head.size);
    if (root != head.root) {
      mismatch("this desk's tree of " + std::to_string(head.size) + " events has root " +
               Base64(BytesOf(root)) + ", but the signed checkpoint says " +
               Base64(BytesOf(head.root)) +
               ": the history up to it was rewritten (a fork of the published log)");
    }
  } catch (const Error& error) {
    mismatch("the root of this desk's tree of " + std::to_string(head.size) +
             " events cannot be computed: " + error.detail());
  }
}

}  // namespace

VerifyReport VerifyLedger(Store& store, const std::string& identity,
                          const std::optional<Checkpoint>& against, bool search_indexes,
                          const std::optional<TreeHead>& against_tree) {
  VerifyReport report;
  const RowDigestKey key = RowDigestKey::Random();
  ReplayDigests digests(key);
  ReadScope read(store);
  // A second reader of the same snapshot, when there can be one, for a second thread.
  const std::unique_ptr<Store> beside = store.OpenSameSnapshot();
  const std::unique_ptr<StoredTables> tables = store.OpenStoredTables();
  const std::vector<StoredPart> parts = tables->Parts(search_indexes);
  std::atomic<std::size_t> next_part{0};
  StoredReading reading;

  // 1. and 2. The chain and the replay, in one reading of the events. For a ledger file this
  // thread checks and replays the first half of the events, the other thread the second half
  // into digests of its own, which are merged into these unless that would differ from one
  // replay (then the second half is replayed here too). Then both read the stored tables
  // part by part until none are left.
  // The split falls on a multiple of 16 events, where the second thread's part of the Merkle
  // tree can begin (TreeCheck).
  const std::int64_t split = beside ? HeadSeq(store) / 2 / 16 * 16 : 0;
  ChainCheck chain(against, false);
  EventReplay replay(digests, false);
  TreeCheck tree;
  std::string text;
  const auto check_and_replay = [&](const Event& event) {
    CheckEvent(event, text, chain, tree);
    replay(event);
    return true;
  };
  if (split > 0) {
    const std::unique_ptr<StoredTables> beside_tables = beside->OpenStoredTables();
    ReplayDigests later_digests(key);
    ChainCheck later_chain(against, true);
    EventReplay later(later_digests, true);
    TreeCheck later_tree(split);
    StoredReading later_reading;
    std::future<void> other = std::async(std::launch::async, [&] {
      std::string later_text;
      beside->ScanEvents(split + 1, -1, [&](const Event& event) {
        CheckEvent(event, later_text, later_chain, later_tree);
        later(event);
        return true;
      });
      ReadParts(*beside_tables, parts, next_part, key, later_reading);
    });
    try {
      store.ScanEvents(1, split, check_and_replay);
      ReadParts(*tables, parts, next_part, key, reading);
    } catch (...) {
      next_part = parts.size();  // the other thread stops after its current part
      other.wait();              // it uses what this frame holds
      throw;
    }
    other.get();  // rethrows its error
    chain.Join(later_chain);
    tree.Join(later_tree);
    reading.Add(later_reading);
    if (later.problems.empty() && later.unapplied.empty() &&
        digests.Merge(later_digests, later.deferred)) {
      replay.snapshot_sha256.merge(later.snapshot_sha256);
    } else {
      store.ScanEvents(split + 1, -1, [&](const Event& event) {
        replay(event);
        return true;
      });
    }
  } else {
    store.ScanEvents(1, -1, check_and_replay);
    ReadParts(*tables, parts, next_part, key, reading);
  }
  report.events = chain.events;
  // Every event's problems together, in the order of seq: the chain's first. Both visit the
  // same events in the same order.
  std::merge(chain.problems.begin(), chain.problems.end(), replay.problems.begin(),
             replay.problems.end(), std::back_inserter(report.problems),
             [](const Problem& a, const Problem& b) { return a.seq < b.seq; });
  const auto problem = [&](std::int64_t seq, const char* kind, const std::string& detail) {
    report.problems.push_back({seq, kind, detail});
  };

  // 3. Every snapshot's bytes against its content id and the SHA-256 in its event.
  store.ScanContents([&](const std::string& hash, std::string_view bytes) {
    const auto recorded = replay.snapshot_sha256.find(hash);
    if (ContentId(bytes) != hash) {
      problem(0, "content-mismatch",
              "the bytes stored for " + hash + " hash to " + ContentId(bytes));
    }
    if (recorded == replay.snapshot_sha256.end()) {
      problem(0, "content-mismatch", "content " + hash + " is stored but no event added it");
      return;
    }
    if (Sha256(bytes) != recorded->second) {
      problem(0, "content-mismatch",
              "the bytes stored for " + hash + " do not match the SHA-256 in the ledger");
    }
    replay.snapshot_sha256.erase(recorded);
  });
  for (const auto& [hash, sha256] : replay.snapshot_sha256) {
    problem(0, "content-mismatch", "the bytes of snapshot " + hash + " are missing");
  }

  // 4. The stored tables against the replay: digests, then, for tables that differ, row by
  // row; and the store's search indexes against the tables they index.
  const TableDigests replayed = digests.Digests();
  std::set<Table> differing;
  for (const TableLayout& layout : TableLayouts()) {
    const int table = static_cast<int>(layout.table);
    if (reading.tables[table] != replayed[table]) differing.insert(layout.table);
  }
  std::set<std::string> differing_claims;
  if (!differing.empty()) {
    for (Problem& named :
         NameRows(store, *tables, differing, replay.unapplied, &differing_claims)) {
      report.problems.push_back(std::move(named));
    }
  }
  for (const std::string& index : search_indexes
                                      ? tables->DerivedProblems(reading, differing_claims)
                                      : std::vector<std::string>()) {
    problem(0, "projection-mismatch", index);
  }

  // 5. The stored Merkle tree against the tree of the events.
  for (Problem& tree_problem : TreeProblems(store, std::move(tree.nodes))) {
    report.problems.push_back(std::move(tree_problem));
  }

  // 6. The checkpoint: the same ledger, still holding that exact event; the tree head: this
  // desk's tree of that size has that root.
  if (against_tree) CheckTreeHead(store, *against_tree, chain.events, report.problems);
  if (against) {
    if (against->ledger != identity) {
      problem(against->seq, "checkpoint-mismatch",
              "the checkpoint is of ledger " + against->ledger + ", this ledger is " + identity);
    } else if (!chain.checkpoint_hash_seen) {
      problem(against->seq, "checkpoint-mismatch",
              "the ledger no longer holds event " + std::to_string(against->seq) +
                  " of the checkpoint: it was truncated");
    } else if (*chain.checkpoint_hash_seen != against->hash) {
      problem(against->seq, "checkpoint-mismatch",
              "event " + std::to_string(against->seq) + " has hash " + *chain.checkpoint_hash_seen +
                  " but the checkpoint recorded " + against->hash + ": the history was rewritten");
    }
  }
  report.ok = report.problems.empty();
  return report;
}

}  // namespace claimledger
