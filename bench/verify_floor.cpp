// The floor for verify(): read every event row of a ledger and SHA-256 its canonical
// text, nothing more (no JSON parsing, no projection replay). bench/bench_verify.py runs
// it beside the real verify() so the ratio between the two is measured on one machine.
// bench/bench_transparency.py runs it as the floor of building the Merkle tree, and with
// --tree, which also hashes each event's leaf and the tree's interior nodes (RFC 6962) and
// reads the stored subtrees, as the cost of the tree check inside verify().
//
//   verify_floor LEDGER [--tree]   prints {"events": N, "seconds": S, "mismatches": M} as
//                                  JSON (with --tree also "root": the tree's root in hex)
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "claimledger/hash.h"
#include "hash/merkle.h"

namespace {

// JSON string literal of `text` as the canonical form writes it (escapes " \ and controls).
void AppendJsonString(std::string& out, const unsigned char* text, int size) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  for (int i = 0; i < size; ++i) {
    const unsigned char c = text[i];
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
}

}  // namespace

int main(int argc, char** argv) {
  const bool tree = argc == 3 && std::string(argv[2]) == "--tree";
  if (argc != 2 && !tree) {
    std::fprintf(stderr, "usage: verify_floor LEDGER [--tree]\n");
    return 2;
  }
  claimledger::MerkleFrontier frontier;
  sqlite3* db = nullptr;
  // NOMUTEX, as the core opens its connections: one thread uses this one.
  if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
      SQLITE_OK) {
    std::fprintf(stderr, "cannot open %s\n", argv[1]);
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  sqlite3_stmt* rows = nullptr;
  sqlite3_prepare_v2(db, "SELECT seq, prev, type, at, actor, data, hash FROM events ORDER BY seq",
                     -1, &rows, nullptr);
  long long events = 0, mismatches = 0;
  std::string canonical;
  // Each column read through sqlite3_column_value, as the core reads them: one call to the
  // connection per column instead of two.
  const auto text = [&](int column) {
    return sqlite3_value_text(sqlite3_column_value(rows, column));
  };
  const auto bytes = [&](int column) {
    return sqlite3_value_bytes(sqlite3_column_value(rows, column));
  };
  while (sqlite3_step(rows) == SQLITE_ROW) {
    canonical.clear();
    canonical += "{\"actor\":";
    AppendJsonString(canonical, text(4), bytes(4));
    canonical += ",\"at\":";
    AppendJsonString(canonical, text(3), bytes(3));
    canonical += ",\"data\":";
    canonical.append(reinterpret_cast<const char*>(text(5)), bytes(5));
    canonical += ",\"prev\":";
    AppendJsonString(canonical, text(1), bytes(1));
    canonical += ",\"seq\":" + std::to_string(sqlite3_column_int64(rows, 0)) + ",\"type\":";
    AppendJsonString(canonical, text(2), bytes(2));
    canonical += "}";
    const std::string stored(reinterpret_cast<const char*>(text(6)), bytes(6));
    if (claimledger::Sha256(canonical) != stored) ++mismatches;
    if (tree) frontier.PushLeaf(claimledger::LeafHash(canonical));
    ++events;
  }
  sqlite3_finalize(rows);
  if (tree) {  // and read the stored subtrees, as verify() does to compare them
    sqlite3_stmt* nodes = nullptr;
    sqlite3_prepare_v2(db, "SELECT level, idx, hash FROM tree_nodes", -1, &nodes, nullptr);
    while (nodes && sqlite3_step(nodes) == SQLITE_ROW) {
      if (sqlite3_column_bytes(nodes, 2) != 32) ++mismatches;
    }
    sqlite3_finalize(nodes);
  }
  sqlite3_close(db);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string root;
  if (tree && events > 0) {
    static const char kHex[] = "0123456789abcdef";
    root = ", \"root\": \"";
    for (const char byte : claimledger::BytesOf(frontier.Root())) {
      root.push_back(kHex[static_cast<unsigned char>(byte) >> 4]);
      root.push_back(kHex[static_cast<unsigned char>(byte) & 15]);
    }
    root += "\"";
  }
  std::printf("{\"events\": %lld, \"seconds\": %.6f, \"mismatches\": %lld%s}\n", events,
              seconds, mismatches, root.c_str());
  return mismatches == 0 ? 0 : 1;
}
