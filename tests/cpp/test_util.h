// Helpers shared by the C++ tests: temporary ledger paths, golden vectors, raw SQL edits.
#ifndef CLAIMLEDGER_TESTS_CPP_TEST_UTIL_H_
#define CLAIMLEDGER_TESTS_CPP_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace claimledger::testing_util {

// A fresh path in the test temp folder; the files are removed at destruction.
class TempLedgerPath {
 public:
  TempLedgerPath() {
    static int counter = 0;
    path_ = ::testing::TempDir() + "claimledger_test_" + std::to_string(getpid()) + "_" +
            std::to_string(++counter) + ".ledger";
    Remove();
  }
  ~TempLedgerPath() { Remove(); }
  const std::string& str() const { return path_; }

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::remove((path_ + suffix).c_str());
    }
  }
  std::string path_;
};

inline nlohmann::json Golden() {
  std::ifstream in(std::string(CLAIMLEDGER_TEST_DATA) + "/golden.json");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return nlohmann::json::parse(buffer.str());
}

inline std::string FromHex(const std::string& hex) {
  std::string bytes;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    bytes.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return bytes;
}

// Runs SQL directly on a ledger file, behind the ledger's back (for tampering tests).
inline void RawSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  const std::string message = error ? error : "";
  sqlite3_free(error);
  sqlite3_close(db);
  ASSERT_EQ(rc, SQLITE_OK) << message;
}

// The number that SQL `sql` (one integer, such as "SELECT count(*) FROM claims") gives on a
// ledger file, read behind the ledger's back; -1 when the statement fails.
inline std::int64_t SqlNumber(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::int64_t number = -1;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK &&
      sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
      sqlite3_step(statement) == SQLITE_ROW) {
    number = sqlite3_column_int64(statement, 0);
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return number;
}

// A fresh desk on the test suite's PostgreSQL server (started by the ctest fixture postgres);
// fails the test and gives "" when the server is not there.
inline std::string NewDeskUrl() {
  static int counter = 0;
  std::ifstream in(CLAIMLEDGER_TEST_POSTGRES_STATE);
  if (!in) {
    ADD_FAILURE() << "the test PostgreSQL server is not running (ctest starts it with the "
                     "fixture postgres.start; its state file "
                  << CLAIMLEDGER_TEST_POSTGRES_STATE << " is missing)";
    return "";
  }
  std::stringstream text;
  text << in.rdbuf();
  const std::string url = nlohmann::json::parse(text.str())["url"];
  return url + "&desk=test_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace claimledger::testing_util

#endif  // CLAIMLEDGER_TESTS_CPP_TEST_UTIL_H_
