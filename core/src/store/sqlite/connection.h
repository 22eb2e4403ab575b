// SQLite's C API wrapped for the SQLite store: a connection with a cache of prepared
// statements, statements that bind and read typed values, and SQLite's result codes turned
// into claimledger errors. The only file with SQLite types in its interface.
#ifndef CLAIMLEDGER_STORE_SQLITE_CONNECTION_H_
#define CLAIMLEDGER_STORE_SQLITE_CONNECTION_H_

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace claimledger {

// Throws the claimledger Error for SQLite result code `rc`: Error(kStorage) with id
// claimledger.store.full, .busy, .not_a_ledger, .read_only or .io, or Error(kIntegrity)
// claimledger.projection.repeated_key for a primary key or unique constraint. The message is
// `what`, SQLite's own message (of `db` when given) and what the code means.
[[noreturn]] void ThrowSqlite(sqlite3* db, int rc, const std::string& what);

// A prepared statement of a Connection, reset (and its bindings cleared) when it goes out of
// scope. Binding indexes count from 1, column indexes from 0.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  ~Statement() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const std::string& text) {
    return Bind(index, std::string_view(text));
  }
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, const std::optional<std::string>& text);
  Statement& Bind(int index, const std::optional<std::int64_t>& value);
  Statement& BindBlob(int index, std::string_view bytes);

  // Steps once; true when a row is ready.
  bool Step();
  // Steps until done.
  void Run() {
    while (Step()) {
    }
  }
  // Makes the statement ready to run again, keeping its bindings until they are rebound.
  void Reset() { sqlite3_reset(stmt_); }

  std::string Text(int column) const { return std::string(View(column)); }
  // The column's bytes as they are in the row (text or blob; empty for NULL), valid until the
  // next Step. Read through sqlite3_column_value: one call into SQLite instead of two.
  std::string_view View(int column) const { return ViewOf(sqlite3_column_value(stmt_, column)); }
  static std::string_view ViewOf(sqlite3_value* value) {
    const auto* bytes = static_cast<const char*>(sqlite3_value_blob(value));
    return bytes ? std::string_view(bytes, sqlite3_value_bytes(value)) : std::string_view();
  }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::optional<std::string> OptionalText(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Text(column);
  }
  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  std::optional<std::int64_t> OptionalInt(int column) const {
    if (IsNull(column)) return std::nullopt;
    return Int(column);
  }
  double Double(int column) const { return sqlite3_column_double(stmt_, column); }
  int ColumnCount() const { return sqlite3_column_count(stmt_); }
  sqlite3_value* Value(int column) const { return sqlite3_column_value(stmt_, column); }

 private:
  void Check(int rc);
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// One connection to a ledger file and its cache of prepared statements. Used by one thread at
// a time.
class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens `path` with sqlite3_open_v2 `flags` (extended result codes on); false when SQLite
  // refuses, with its result code in *rc (the handle is kept for its message).
  bool Open(const std::string& path, int flags, int* rc);
  sqlite3* db() const { return db_; }

  // Runs one or more statements without results.
  void Exec(const std::string& sql);
  // The statement for `sql`, prepared once and kept.
  Statement Prepare(const std::string& sql);
  // The integer a PRAGMA returns (0 when it returns nothing).
  std::int64_t PragmaInt(const std::string& pragma);
  // True inside a transaction.
  bool InTransaction() const { return !sqlite3_get_autocommit(db_); }

 private:
  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_SQLITE_CONNECTION_H_
