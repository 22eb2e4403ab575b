// libpq wrapped for the PostgreSQL store: a connection that reconnects when asked, statements
// prepared once and run with parameters, results read as text or integers, COPY, rows streamed
// one at a time, and the server's errors (SQLSTATE) turned into claimledger errors that name
// the server but never the password. The only file with libpq types in its interface.
#ifndef CLAIMLEDGER_STORE_POSTGRES_CONNECTION_H_
#define CLAIMLEDGER_STORE_POSTGRES_CONNECTION_H_

#include <libpq-fe.h>

#include <cstdint>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "store/postgres/location.h"

namespace claimledger {

// The parameters of a statement, in order ($1, $2, ...), sent as text (bytes as bytea).
class PgParams {
 public:
  PgParams& Text(std::string_view text);
  PgParams& Text(const std::string& text) { return Text(std::string_view(text)); }
  PgParams& Text(const char* text) { return Text(std::string_view(text)); }
  PgParams& Text(const std::optional<std::string>& text);
  PgParams& Int(std::int64_t value);
  PgParams& Int(const std::optional<std::int64_t>& value);
  PgParams& Bytes(std::string_view bytes);
  PgParams& Null();
  // Puts `text` first: the parameters given so far become $2, $3, ...
  PgParams& Prepend(std::string_view text);

 private:
  friend class PgConnection;
  std::vector<std::string> values_;
  std::vector<bool> null_, binary_;
};

// A result, freed when it goes out of scope.
class PgResult {
 public:
  explicit PgResult(PGresult* result) : result_(result, PQclear) {}
  int Rows() const { return PQntuples(result_.get()); }
  int Columns() const { return PQnfields(result_.get()); }
  bool IsNull(int row, int column) const { return PQgetisnull(result_.get(), row, column); }
  std::string_view View(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  std::string Text(int row, int column) const { return std::string(View(row, column)); }
  std::optional<std::string> OptionalText(int row, int column) const {
    if (IsNull(row, column)) return std::nullopt;
    return Text(row, column);
  }
  std::int64_t Int(int row, int column) const;
  std::optional<std::int64_t> OptionalInt(int row, int column) const {
    if (IsNull(row, column)) return std::nullopt;
    return Int(row, column);
  }
  double Double(int row, int column) const;
  // True when column `column` holds integers (bigint, integer, smallint).
  bool IsIntegerColumn(int column) const;
  // True when column `column` holds text (text, varchar, char, name).
  bool IsTextColumn(int column) const;
  // The bytes of a bytea column (the server sends it as hex text).
  std::string Bytes(int row, int column) const;

 private:
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_;
};

class PgConnection {
 public:
  // Connects to `location`'s server. Throws Error(kStorage) "claimledger.store.connection"
  // (the server cannot be reached), ".auth" (a wrong user or password), ".unsupported_server"
  // (older than PostgreSQL 12), or Error(kNotFound) "claimledger.store.missing" (no such
  // database), each naming the server and never the password.
  explicit PgConnection(const PostgresLocation& location);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  const PostgresLocation& location() const { return location_; }
  // Connects again when the connection was lost (a server restart); runs `setup` after.
  void Reconnect();
  bool Ok();
  // True inside a transaction.
  bool InTransaction();
  // Statements run after every (re)connection (the desk's search_path, lock_timeout).
  void SetSetup(std::string setup) { setup_ = std::move(setup); }
  const std::string& setup() const { return setup_; }
  // Ends the transaction, if any, with a rollback; never throws (a lost connection has no
  // transaction left to end). Work sent to the background is waited for, its error dropped.
  void Abort() noexcept;

  // Runs `work` (statements of the open transaction, made through this connection) on a
  // thread of its own, so that the caller can prepare what comes next while the server works.
  // Every other call on this connection waits for it first, and the first call that does work
  // rethrows its error; work sent while other work runs waits for that work to end.
  void SendInBackground(std::function<void()> work);
  // Waits for the work sent to the background, and rethrows its error.
  void Wait();
  // Whether work sent to the background is still running (without waiting for it).
  bool Busy() const;

  // Starts a transaction with `begin` (BEGIN ...), sent together with the transaction's first
  // statement: one round trip for both. When that first send finds the connection lost (the
  // server restarted since the last call), it connects again and sends both once more, which
  // is safe as nothing of the transaction was done. `opening` are statements that run right
  // after the BEGIN (a lock and what the transaction reads with it), sent with it, before the
  // first statement; `read_opening` gets their results before that statement's are returned.
  using Statements = std::vector<std::pair<std::string, PgParams>>;
  void Begin(std::string begin, Statements opening = {},
             std::function<void(const std::vector<PgResult>&)> read_opening = {});
  // Sends a Begin's opening statements now when they are not sent yet (else does nothing).
  void Open();
  // Runs statements without parameters or results.
  void Exec(const std::string& sql);
  // Runs `sql` (prepared once per connection) with `params`; returns its rows.
  PgResult Run(const std::string& sql, const PgParams& params = PgParams());
  // Runs statements (each prepared once per connection) in one round trip (libpq's pipeline
  // mode), in order; returns each one's rows. Throws the first one's error, after which none
  // of the rest has run.
  std::vector<PgResult> RunAll(const Statements& statements);
  // Run and RunAll with a plan made once for the connection (PostgreSQL's generic plan) where
  // the server would otherwise plan the statement afresh for each call's parameters: a
  // statement on a list of ids (`unnest($1::text[])`), or on one key that a few keys have far
  // more rows of, is planned in 0.05-0.3 ms and run in less. For statements that look rows up
  // by keys: the plan is made without sequential scans (an index scan a key suits every
  // parameter). The settings are set before them and back after, in the same round trip;
  // inside a transaction (elsewhere they apply to nothing but these statements).
  PgResult RunPlannedOnce(const std::string& sql, const PgParams& params = PgParams());
  std::vector<PgResult> RunAllPlannedOnce(const Statements& statements);
  // COPY table (columns) FROM STDIN into several tables, in order, each one's `data` in COPY's
  // text format: one query, a round trip a table (where a query a COPY takes two).
  void CopyAll(const std::vector<std::pair<std::string, std::string_view>>& copies);
  // Ends the transaction with a rollback without waiting for the server's answer, which the
  // next call reads (a read transaction's end: the server ends it as soon as it reads it).
  void RollbackLater() noexcept;
  // How many times Exec, Run, RunAll and CopyAll have sent statements and waited for the
  // server's answers since the connection was made (for tests and profiles).
  std::int64_t round_trips() const { return round_trips_; }
  // The Error for a failed result (its SQLSTATE and message).
  [[noreturn]] void Fail(PGresult* result, const std::string& what);

 private:
  // A statement's parameters as libpq takes them.
  struct Args {
    explicit Args(const PgParams& params);
    int count() const { return static_cast<int>(values.size()); }
    std::vector<const char*> values;  // null for a missing value
    std::vector<int> lengths, formats;
  };

  void Connect();
  void Check(PGresult* result, const std::string& what);
  // Sends the pending BEGIN, if any, with what `send` sends (it is given the BEGIN to send
  // first, or an empty string), connecting again once when the connection turns out lost.
  template <typename Send>
  void WithBegin(Send send);
  // Pipeline with the pending BEGIN and opening statements, if any, first: the opening's
  // results go to their reader, the statements' are returned.
  std::vector<PgResult> PipelineWithBegin(
      const std::vector<std::pair<const std::string*, const PgParams*>>& statements);
  // Sends `begin` (unless empty) and `statements` in one pipeline; returns the statements'
  // results, or throws the first error.
  std::vector<PgResult> Pipeline(
      const std::string& begin,
      const std::vector<std::pair<const std::string*, const PgParams*>>& statements);
  // Reads and drops the answer to a RollbackLater.
  void DropUnread() noexcept;
  // Waits for the background work, if any, and keeps its error for Wait (a no-op on the
  // background thread itself).
  void Settle() noexcept;

  PostgresLocation location_;
  PGconn* connection_ = nullptr;
  std::string setup_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
  std::string begin_;                                      // a BEGIN not sent yet (Begin)
  Statements opening_;                                     // and its opening statements
  std::function<void(const std::vector<PgResult>&)> read_opening_;
  bool unread_ = false;                  // a RollbackLater's answer is not read yet
  std::int64_t round_trips_ = 0;         // see round_trips()
  std::future<void> background_;         // the work sent to the background, while it runs
  std::exception_ptr background_error_;  // its error, until Wait rethrows it
};

// Throws Error(kStorage) "claimledger.store.unsupported_server" when `server_version` (libpq's
// PQserverVersion: 150004 for 15.4, 90624 for 9.6.24) is older than PostgreSQL 12, the oldest
// this store is written for; the message names `server` and its version.
void RequireSupportedServer(int server_version, const std::string& server);

// The literal of a text[] value holding `texts`: {"a","b\"c"} (NULL for a missing one).
std::string TextArray(const std::vector<std::string>& texts);
std::string TextArray(const std::vector<std::optional<std::string>>& texts);

// The literal of a bigint[] (or integer[]) value holding `numbers`: {1,-2,3} (NULL for a
// missing one).
std::string IntArray(const std::vector<std::int64_t>& numbers);
std::string IntArray(const std::vector<std::optional<std::int64_t>>& numbers);

// The values of one row of COPY's text format (`line`, without its line break), as CopyLine
// wrote them: escapes undone, \N a missing value. Each is the text its column's type reads.
std::vector<std::optional<std::string>> CopyFields(std::string_view line);

// One row of COPY's text format, appended to `out`: its values in column order, then End().
class CopyLine {
 public:
  explicit CopyLine(std::string& out) : out_(out), start_(out.size()) {}
  CopyLine& Text(std::string_view text);
  CopyLine& Text(const std::string& text) { return Text(std::string_view(text)); }
  CopyLine& Text(const char* text) { return Text(std::string_view(text)); }
  CopyLine& Text(const std::optional<std::string>& text);
  CopyLine& Int(std::int64_t value);
  CopyLine& Int(const std::optional<std::int64_t>& value);
  CopyLine& Bool(bool value);
  CopyLine& Bytes(std::string_view bytes);  // a bytea value
  CopyLine& Null();
  // Ends the row; returns how many bytes it took.
  std::size_t End();

 private:
  void Next();
  std::string& out_;
  std::size_t start_;
  bool first_ = true;
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_STORE_POSTGRES_CONNECTION_H_
