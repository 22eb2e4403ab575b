// SQLite's C API for the SQLite store (connection.h).
#include "store/sqlite/connection.h"

#include "claimledger/error.h"

namespace claimledger {

void ThrowSqlite(sqlite3* db, int rc, const std::string& what) {
  const std::string message = what + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
    throw Error(Code::kIntegrity, "claimledger.projection.repeated_key",
                message + " (a row with that key is there already)");
  }
  switch (rc & 0xff) {
    case SQLITE_FULL:
      throw Error(Code::kStorage, "claimledger.store.full", message + " (the disk is full)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      throw Error(Code::kStorage, "claimledger.store.busy",
                  message + " (another process held the ledger longer than the busy timeout)");
    case SQLITE_NOTADB:
      throw Error(Code::kStorage, "claimledger.store.not_a_ledger",
                  message + " (the file is not a claimledger ledger)");
    case SQLITE_READONLY:
      throw Error(Code::kStorage, "claimledger.store.read_only", message);
    default:
      throw Error(Code::kStorage, "claimledger.store.io", message);
  }
}

Statement& Statement::Bind(int index, std::string_view text) {
  Check(sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()),
                          SQLITE_TRANSIENT));
  return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
  Check(sqlite3_bind_int64(stmt_, index, value));
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::string>& text) {
  if (text) return Bind(index, *text);
  Check(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::Bind(int index, const std::optional<std::int64_t>& value) {
  if (value) return Bind(index, *value);
  Check(sqlite3_bind_null(stmt_, index));
  return *this;
}

Statement& Statement::BindBlob(int index, std::string_view bytes) {
  Check(sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
  return *this;
}

bool Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  ThrowSqlite(db_, sqlite3_extended_errcode(db_), "SQLite statement failed");
}

void Statement::Check(int rc) {
  if (rc != SQLITE_OK) ThrowSqlite(db_, rc, "SQLite bind failed");
}

Connection::~Connection() {
  for (auto& entry : statements_) sqlite3_finalize(entry.second);
  sqlite3_close_v2(db_);
}

bool Connection::Open(const std::string& path, int flags, int* rc) {
  *rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (*rc != SQLITE_OK) return false;
  sqlite3_extended_result_codes(db_, 1);
  return true;
}

void Connection::Exec(const std::string& sql) {
  char* message = nullptr;
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    const std::string text = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    ThrowSqlite(nullptr, rc, "SQLite failed: " + text);
  }
}

Statement Connection::Prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* stmt = nullptr;
    const int rc =
        sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) ThrowSqlite(db_, rc, "SQLite prepare failed");
    found = statements_.emplace(sql, stmt).first;
  }
  return Statement(db_, found->second);
}

std::int64_t Connection::PragmaInt(const std::string& pragma) {
  Statement statement = Prepare("PRAGMA " + pragma);
  return statement.Step() ? statement.Int(0) : 0;
}

}  // namespace claimledger
