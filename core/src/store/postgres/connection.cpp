// libpq for the PostgreSQL store (connection.h).
#include "store/postgres/connection.h"

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <utility>

#include "claimledger/error.h"
#include "claimledger/hash.h"

namespace claimledger {
namespace {

// The lowest server this store is written for (server_version_num).
constexpr int kOldestServer = 120000;

// libpq's message on one line: its line breaks and tabs ("...failed: Connection refused\n\tIs
// the server running...") as single spaces, none at the ends.
std::string OneLine(const std::string& text) {
  std::string line;
  for (const char c : text) {
    const bool space = c == '\n' || c == '\t' || c == '\r' || c == ' ';
    if (!space) {
      line.push_back(c);
    } else if (!line.empty() && line.back() != ' ') {
      line.push_back(' ');
    }
  }
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace

// --- parameters and results -------------------------------------------------------------

PgParams& PgParams::Text(std::string_view text) {
  values_.emplace_back(text);
  null_.push_back(false);
  binary_.push_back(false);
  return *this;
}

PgParams& PgParams::Text(const std::optional<std::string>& text) {
  return text ? Text(std::string_view(*text)) : Null();
}

PgParams& PgParams::Int(std::int64_t value) { return Text(std::to_string(value)); }

PgParams& PgParams::Int(const std::optional<std::int64_t>& value) {
  return value ? Int(*value) : Null();
}

PgParams& PgParams::Bytes(std::string_view bytes) {
  values_.emplace_back(bytes);
  null_.push_back(false);
  binary_.push_back(true);
  return *this;
}

PgParams& PgParams::Null() {
  values_.emplace_back();
  null_.push_back(true);
  binary_.push_back(false);
  return *this;
}

PgParams& PgParams::Prepend(std::string_view text) {
  values_.emplace(values_.begin(), text);
  null_.insert(null_.begin(), false);
  binary_.insert(binary_.begin(), false);
  return *this;
}

std::int64_t PgResult::Int(int row, int column) const {
  const std::string_view text = View(row, column);
  std::int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

double PgResult::Double(int row, int column) const {
  return std::strtod(PQgetvalue(result_.get(), row, column), nullptr);
}

bool PgResult::IsIntegerColumn(int column) const {
  const Oid type = PQftype(result_.get(), column);
  return type == 20 || type == 21 || type == 23;  // int8, int2, int4
}

bool PgResult::IsTextColumn(int column) const {
  const Oid type = PQftype(result_.get(), column);
  return type == 25 || type == 1043 || type == 1042 || type == 19;  // text, varchar, bpchar, name
}

std::string PgResult::Bytes(int row, int column) const {
  const std::string_view hex = View(row, column);  // "\x" then two digits a byte
  std::string bytes;
  bytes.reserve(hex.size() / 2);
  for (std::size_t i = 2; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(HexDigitValue(hex[i]) * 16 + HexDigitValue(hex[i + 1])));
  }
  return bytes;
}

namespace {

void AppendQuoted(std::string_view text, std::string& array) {
  array += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') array += '\\';
    array += c;
  }
  array += '"';
}

}  // namespace

std::string TextArray(const std::vector<std::string>& texts) {
  std::string array = "{";
  for (const std::string& text : texts) {
    if (array.size() > 1) array += ',';
    AppendQuoted(text, array);
  }
  return array + "}";
}

std::string TextArray(const std::vector<std::optional<std::string>>& texts) {
  std::string array = "{";
  for (const std::optional<std::string>& text : texts) {
    if (array.size() > 1) array += ',';
    if (text) {
      AppendQuoted(*text, array);
    } else {
      array += "NULL";
    }
  }
  return array + "}";
}

std::string IntArray(const std::vector<std::int64_t>& numbers) {
  std::string array = "{";
  for (const std::int64_t number : numbers) {
    if (array.size() > 1) array += ',';
    array += std::to_string(number);
  }
  return array + "}";
}

std::string IntArray(const std::vector<std::optional<std::int64_t>>& numbers) {
  std::string array = "{";
  for (const std::optional<std::int64_t>& number : numbers) {
    if (array.size() > 1) array += ',';
    array += number ? std::to_string(*number) : "NULL";
  }
  return array + "}";
}

// --- COPY rows ---------------------------------------------------------------------------

void CopyLine::Next() {
  if (!first_) out_ += '\t';
  first_ = false;
}

CopyLine& CopyLine::Text(std::string_view text) {
  Next();
  for (const char c : text) {
    switch (c) {
      case '\\':
        out_ += "\\\\";
        break;
      case '\t':
        out_ += "\\t";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      default:
        out_.push_back(c);
    }
  }
  return *this;
}

CopyLine& CopyLine::Text(const std::optional<std::string>& text) {
  return text ? Text(std::string_view(*text)) : Null();
}

CopyLine& CopyLine::Int(std::int64_t value) {
  Next();
  out_ += std::to_string(value);
  return *this;
}

CopyLine& CopyLine::Int(const std::optional<std::int64_t>& value) {
  return value ? Int(*value) : Null();
}

CopyLine& CopyLine::Bool(bool value) {
  Next();
  out_ += value ? 't' : 'f';
  return *this;
}

CopyLine& CopyLine::Bytes(std::string_view bytes) {
  Next();
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += "\\\\x";  // bytea's hex form, its backslash escaped for COPY
  for (const char c : bytes) {
    out_ += kHex[static_cast<unsigned char>(c) >> 4];
    out_ += kHex[static_cast<unsigned char>(c) & 15];
  }
  return *this;
}

std::vector<std::optional<std::string>> CopyFields(std::string_view line) {
  std::vector<std::optional<std::string>> fields(1, std::string());
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '\t') {
      fields.emplace_back(std::string());
    } else if (c != '\\' || i + 1 == line.size()) {
      fields.back()->push_back(c);
    } else {
      switch (const char next = line[++i]) {
        case 't':
          fields.back()->push_back('\t');
          break;
        case 'n':
          fields.back()->push_back('\n');
          break;
        case 'r':
          fields.back()->push_back('\r');
          break;
        case 'N':
          fields.back() = std::nullopt;
          break;
        default:
          fields.back()->push_back(next);
      }
    }
  }
  return fields;
}

CopyLine& CopyLine::Null() {
  Next();
  out_ += "\\N";
  return *this;
}

std::size_t CopyLine::End() {
  out_ += '\n';
  return out_.size() - start_;
}

// --- the connection ---------------------------------------------------------------------

void RequireSupportedServer(int server_version, const std::string& server) {
  if (server_version >= kOldestServer) return;
  // From PostgreSQL 10 on, major * 10000 + minor; before, major * 10000 + minor * 100 + patch.
  const std::string version =
      server_version >= 100000
          ? std::to_string(server_version / 10000) + "." + std::to_string(server_version % 10000)
          : std::to_string(server_version / 10000) + "." +
                std::to_string(server_version / 100 % 100) + "." +
                std::to_string(server_version % 100);
  throw Error(Code::kStorage, "claimledger.store.unsupported_server",
              "the PostgreSQL server at " + server + " runs version " + version +
                  "; claimledger needs PostgreSQL 12 or newer");
}

PgConnection::PgConnection(const PostgresLocation& location) : location_(location) { Connect(); }

PgConnection::~PgConnection() {
  Settle();
  PQfinish(connection_);
}

void PgConnection::Connect() {
  if (connection_) PQfinish(connection_);
  prepared_.clear();
  connection_ = PQconnectdb(location_.conninfo.c_str());
  if (PQstatus(connection_) != CONNECTION_OK) {
    const std::string said =
        WithoutPassword(OneLine(PQerrorMessage(connection_)), location_.password);
    const auto has = [&](const char* words) { return said.find(words) != std::string::npos; };
    if (has("password authentication failed") || has("no password supplied") ||
        has("authentication failed")) {
      throw Error(Code::kStorage, "claimledger.store.auth",
                  "the PostgreSQL server at " + location_.server +
                      " refused the user name or password (" + said +
                      "); give the password in the URL, PGPASSWORD, ~/.pgpass or a service file");
    }
    if (has("does not exist") && has("database")) {
      throw Error(Code::kNotFound, "claimledger.store.missing",
                  "the PostgreSQL server at " + location_.server + " has no such database (" +
                      said + "); create it first (createdb), then claimledger init");
    }
    throw Error(Code::kStorage, "claimledger.store.connection",
                "cannot connect to the PostgreSQL server at " + location_.server + ": " + said);
  }
  // The server's notices ("table exists, skipping") are not for the user's terminal.
  PQsetNoticeProcessor(
      connection_, [](void*, const char*) {}, nullptr);
  RequireSupportedServer(PQserverVersion(connection_), location_.server);
  if (!setup_.empty()) Exec(setup_);
}

void PgConnection::Reconnect() {
  Wait();
  if (!Ok()) Connect();
}

bool PgConnection::Ok() {
  Settle();
  return PQstatus(connection_) == CONNECTION_OK;
}

bool PgConnection::InTransaction() {
  Settle();
  return PQtransactionStatus(connection_) != PQTRANS_IDLE &&
         PQtransactionStatus(connection_) != PQTRANS_UNKNOWN;
}

void PgConnection::Abort() noexcept {
  Settle();
  background_error_ = nullptr;  // the transaction it belonged to ends here
  begin_.clear();               // not sent: nothing to end
  opening_.clear();
  read_opening_ = nullptr;
  if (InTransaction()) PQclear(PQexec(connection_, "ROLLBACK"));
}

void PgConnection::RollbackLater() noexcept {
  Settle();
  background_error_ = nullptr;
  begin_.clear();
  opening_.clear();
  read_opening_ = nullptr;
  if (!InTransaction()) return;
  if (PQsendQuery(connection_, "ROLLBACK") == 1) {
    unread_ = true;
  } else {
    PQclear(PQexec(connection_, "ROLLBACK"));  // refused to send: the next call finds out why
  }
}

void PgConnection::DropUnread() noexcept {
  if (!unread_) return;
  unread_ = false;
  // An error here (a lost connection) is the next statement's to find.
  while (PGresult* result = PQgetResult(connection_)) PQclear(result);
}

// --- work in the background ---------------------------------------------------------------

namespace {
// The connection whose background work this thread runs (none on the caller's thread).
thread_local const PgConnection* working_for = nullptr;
}  // namespace

void PgConnection::Settle() noexcept {
  if (working_for == this) return;
  if (background_.valid()) {
    try {
      background_.get();
    } catch (...) {
      if (!background_error_) background_error_ = std::current_exception();
    }
  }
  DropUnread();
}

void PgConnection::Wait() {
  if (working_for == this) return;
  Settle();
  if (std::exception_ptr error = std::exchange(background_error_, nullptr)) {
    std::rethrow_exception(error);
  }
}

bool PgConnection::Busy() const {
  return background_.valid() &&
         background_.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

void PgConnection::SendInBackground(std::function<void()> work) {
  Wait();
  background_ = std::async(std::launch::async, [this, work = std::move(work)] {
    working_for = this;
    work();
  });
}

void PgConnection::Fail(PGresult* result, const std::string& what) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const std::string code = state ? state : "";
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string said = primary ? primary : OneLine(PQerrorMessage(connection_));
  said = WithoutPassword(said, location_.password);
  if (result) PQclear(result);
  const std::string message =
      what + " on the PostgreSQL server at " + location_.server + ": " + said;
  if (code == "23505") {
    throw Error(Code::kIntegrity, "claimledger.projection.repeated_key",
                message + " (a row with that key is there already)");
  }
  if (code == "55P03" || code == "40001" || code == "40P01") {
    throw Error(Code::kStorage, "claimledger.store.busy",
                message + " (another writer held the desk longer than the busy timeout)");
  }
  if (code == "CL001") {
    throw Error(Code::kIntegrity, "claimledger.store.append_only",
                message + " (events and contents are never changed or deleted)");
  }
  if (code == "54000") {
    throw Error(Code::kInvalidInput, "claimledger.store.too_large",
                message + " (beyond a limit of PostgreSQL's)");
  }
  if (code == "22021" || code == "22P05") {
    throw Error(Code::kInvalidInput, "claimledger.store.unstorable_text",
                message + " (PostgreSQL keeps no NUL character in a text)");
  }
  if (code == "42501") throw Error(Code::kStorage, "claimledger.store.permission", message);
  if (code == "25006") throw Error(Code::kStorage, "claimledger.store.read_only", message);
  if (code == "53100") {
    throw Error(Code::kStorage, "claimledger.store.full", message + " (the disk is full)");
  }
  if (code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0 || !Ok()) {
    throw Error(Code::kStorage, "claimledger.store.connection",
                "lost the connection to the PostgreSQL server at " + location_.server + " (" +
                    said +
                    "); nothing of the operation was written, and the next call connects "
                    "again");
  }
  throw Error(Code::kStorage, "claimledger.store.io", message);
}

void PgConnection::Check(PGresult* result, const std::string& what) {
  const ExecStatusType status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_SINGLE_TUPLE) {
    Fail(result, what);
  }
}

PgConnection::Args::Args(const PgParams& params) {
  for (std::size_t i = 0; i < params.values_.size(); ++i) {
    values.push_back(params.null_[i] ? nullptr : params.values_[i].data());
    lengths.push_back(static_cast<int>(params.values_[i].size()));
    formats.push_back(params.binary_[i] ? 1 : 0);
  }
}

void PgConnection::Begin(std::string begin, Statements opening,
                         std::function<void(const std::vector<PgResult>&)> read_opening) {
  Wait();
  begin_ = std::move(begin);
  opening_ = std::move(opening);
  read_opening_ = std::move(read_opening);
}

void PgConnection::Open() {
  if (opening_.empty()) return;
  Wait();
  PipelineWithBegin({});
}

template <typename Send>
void PgConnection::WithBegin(Send send) {
  if (begin_.empty()) return send(std::string());
  const std::string begin = std::exchange(begin_, std::string());
  try {
    send(begin);
  } catch (const Error&) {
    if (Ok()) throw;
    Connect();  // the server restarted since the last call: nothing was done yet
    send(begin);
  }
}

std::vector<PgResult> PgConnection::PipelineWithBegin(
    const std::vector<std::pair<const std::string*, const PgParams*>>& statements) {
  std::vector<PgResult> results;
  if (opening_.empty()) {
    if (statements.empty()) return results;
    WithBegin([&](const std::string& begin) { results = Pipeline(begin, statements); });
    return results;
  }
  const Statements opening = std::exchange(opening_, Statements());
  std::vector<std::pair<const std::string*, const PgParams*>> sent;
  for (const auto& [sql, params] : opening) sent.emplace_back(&sql, &params);
  sent.insert(sent.end(), statements.begin(), statements.end());
  WithBegin([&](const std::string& begin) { results = Pipeline(begin, sent); });
  std::vector<PgResult> opened;
  for (std::size_t i = 0; i < opening.size(); ++i) opened.push_back(std::move(results[i]));
  results.erase(results.begin(), results.begin() + static_cast<std::ptrdiff_t>(opening.size()));
  if (read_opening_) std::exchange(read_opening_, nullptr)(opened);
  return results;
}

void PgConnection::Exec(const std::string& sql) {
  Wait();
  Open();
  WithBegin([&](const std::string& begin) {
    ++round_trips_;
    PGresult* result = PQexec(connection_, (begin.empty() ? sql : begin + "; " + sql).c_str());
    Check(result, "a statement failed");
    PQclear(result);
  });
}

PgResult PgConnection::Run(const std::string& sql, const PgParams& params) {
  Wait();
  return std::move(PipelineWithBegin({{&sql, &params}}).front());
}

std::vector<PgResult> PgConnection::RunAll(const Statements& statements) {
  Wait();
  std::vector<std::pair<const std::string*, const PgParams*>> sent;
  for (const auto& [sql, params] : statements) sent.emplace_back(&sql, &params);
  return PipelineWithBegin(sent);
}

PgResult PgConnection::RunPlannedOnce(const std::string& sql, const PgParams& params) {
  return std::move(RunAllPlannedOnce({{sql, params}}).front());
}

std::vector<PgResult> PgConnection::RunAllPlannedOnce(const Statements& statements) {
  // Without sequential scans: a generic plan is made once, perhaps while the tables are small
  // (a new desk), and a plan that reads a table whole then stays as the desk grows. A null
  // value sets a setting back to its default.
  static const std::string kGeneric =
      "SELECT set_config('plan_cache_mode', 'force_generic_plan', true), "
      "set_config('enable_seqscan', 'off', true)";
  static const std::string kDefault =
      "SELECT set_config('plan_cache_mode', NULL, true), set_config('enable_seqscan', NULL, true)";
  static const PgParams kNone;
  Wait();
  std::vector<std::pair<const std::string*, const PgParams*>> sent = {{&kGeneric, &kNone}};
  for (const auto& [sql, params] : statements) sent.emplace_back(&sql, &params);
  sent.emplace_back(&kDefault, &kNone);
  std::vector<PgResult> results = PipelineWithBegin(sent);
  results.pop_back();
  results.erase(results.begin());
  return results;
}

std::vector<PgResult> PgConnection::Pipeline(
    const std::string& begin,
    const std::vector<std::pair<const std::string*, const PgParams*>>& statements) {
  if (begin.empty() && statements.size() == 1 && prepared_.count(*statements[0].first)) {
    // The common case, without the pipeline's bookkeeping.
    const Args args(*statements[0].second);
    ++round_trips_;
    PGresult* result =
        PQexecPrepared(connection_, prepared_[*statements[0].first].c_str(), args.count(),
                       args.values.data(), args.lengths.data(), args.formats.data(), 0);
    Check(result, "a statement failed");
    std::vector<PgResult> results;
    results.emplace_back(result);
    return results;
  }
  if (PQenterPipelineMode(connection_) != 1) Fail(nullptr, "a statement failed");
  // What was sent, in order: the BEGIN, and for each statement its preparation (when new) and
  // its run. A preparation that succeeds stays on the server whatever follows.
  struct Sent {
    const std::string* prepared_sql = nullptr;  // a preparation of this SQL
    std::string name;
    bool run = false;  // a statement's run, whose result is returned
  };
  std::vector<Sent> sent;
  bool sending = true;
  if (!begin.empty()) {
    sending = PQsendQueryParams(connection_, begin.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                                0) == 1;
    sent.emplace_back();
  }
  std::unordered_map<std::string, std::string> new_names;
  for (const auto& [sql, params] : statements) {
    if (!sending) break;
    std::string name;
    if (const auto found = prepared_.find(*sql); found != prepared_.end()) {
      name = found->second;
    } else if (const auto fresh = new_names.find(*sql); fresh != new_names.end()) {
      name = fresh->second;
    } else {
      name = "s" + std::to_string(prepared_.size() + new_names.size() + 1);
      new_names.emplace(*sql, name);
      sending = PQsendPrepare(connection_, name.c_str(), sql->c_str(), 0, nullptr) == 1;
      sent.push_back({sql, name});
    }
    const Args args(*params);
    sending =
        sending && PQsendQueryPrepared(connection_, name.c_str(), args.count(), args.values.data(),
                                       args.lengths.data(), args.formats.data(), 0) == 1;
    sent.push_back({nullptr, std::string(), true});
  }
  sending = sending && PQpipelineSync(connection_) == 1;
  ++round_trips_;
  // The answers: one result (then a null) for each thing sent, then the sync.
  PGresult* error = nullptr;
  std::vector<PgResult> results;
  for (std::size_t i = 0; sending && i < sent.size(); ++i) {
    PGresult* result = PQgetResult(connection_);
    if (!result) break;  // the connection is lost
    const ExecStatusType status = PQresultStatus(result);
    const bool ok =
        status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_SINGLE_TUPLE;
    if (ok && sent[i].prepared_sql) prepared_.emplace(*sent[i].prepared_sql, sent[i].name);
    if (!ok && status != PGRES_PIPELINE_ABORTED && !error) {
      error = result;
    } else if (ok && sent[i].run) {
      results.emplace_back(result);
    } else {
      PQclear(result);
    }
    while (PGresult* more = PQgetResult(connection_)) PQclear(more);  // up to the null
  }
  if (sending && PQstatus(connection_) == CONNECTION_OK) {
    PQclear(PQgetResult(connection_));  // PGRES_PIPELINE_SYNC
    PQexitPipelineMode(connection_);
  }
  if (error || results.size() != statements.size()) Fail(error, "a statement failed");
  return results;
}

namespace {
// Sends `data` to a COPY in progress and ends it.
bool SendCopyData(PGconn* connection, std::string_view data) {
  constexpr std::size_t kChunk = 1 << 20;
  for (std::size_t at = 0; at < data.size(); at += kChunk) {
    const std::size_t size = std::min(kChunk, data.size() - at);
    if (PQputCopyData(connection, data.data() + at, static_cast<int>(size)) != 1) return false;
  }
  return PQputCopyEnd(connection, nullptr) == 1;
}
}  // namespace

void PgConnection::CopyAll(const std::vector<std::pair<std::string, std::string_view>>& copies) {
  Wait();
  if (copies.empty()) return;
  Open();
  // One query of every COPY: the server asks for each one's rows as soon as the one before
  // has ended, without waiting for the client.
  std::string sql;
  for (const auto& [target, data] : copies) sql += "COPY " + target + " FROM STDIN; ";
  WithBegin([&](const std::string& begin) {
    ++round_trips_;
    if (PQsendQuery(connection_, ((begin.empty() ? "" : begin + "; ") + sql).c_str()) != 1) {
      Fail(nullptr, "starting a copy failed");
    }
    PGresult* error = nullptr;
    std::size_t next = 0;
    while (PGresult* result = PQgetResult(connection_)) {
      const ExecStatusType status = PQresultStatus(result);
      if (status == PGRES_COPY_IN) {
        PQclear(result);
        const bool sent =
            next < copies.size() && !error && SendCopyData(connection_, copies[next++].second);
        if (!sent) PQputCopyEnd(connection_, "not sent");  // the server then fails the COPY
      } else if (status != PGRES_COMMAND_OK && !error) {
        error = result;
      } else {
        PQclear(result);
      }
    }
    if (error) Fail(error, "a copy failed");
    if (next < copies.size()) Fail(nullptr, "a copy failed");
  });
}

}  // namespace claimledger
