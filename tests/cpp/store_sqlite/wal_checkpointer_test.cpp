// The write-ahead log copied into a ledger file on a thread of its own
// (store/sqlite/wal_checkpointer.h): every commit kept, the log bounded while a writer never
// stops, no thread for a writer that writes little, and a child made by fork() that closes what
// it inherited.
#include "store/sqlite/wal_checkpointer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::SqlNumber;
using testing_util::TempLedgerPath;

constexpr std::int64_t kPageSize = 4096;

// A connection writing `path` as a ledger's writer does: WAL, synchronous=FULL.
sqlite3* OpenWriter(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db,
                         "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                         "CREATE TABLE IF NOT EXISTS rows(id INTEGER PRIMARY KEY, bytes BLOB)",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  return db;
}

// One transaction of `rows` new rows of 3,000 bytes (a page each).
void WriteRows(sqlite3* db, int rows) {
  const std::string sql =
      "WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n LIMIT " +
      std::to_string(rows) + ") INSERT INTO rows(bytes) SELECT randomblob(3000) FROM n";
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(db);
}

std::int64_t WalBytes(const std::string& path) {
  std::error_code error;
  const auto size = std::filesystem::file_size(path + "-wal", error);
  return error ? 0 : static_cast<std::int64_t>(size);
}

TEST(WalCheckpointerTest, CopiesOnItsThreadKeepsTheLogBoundedAndLosesNoCommit) {
  TempLedgerPath file;
  sqlite3* db = OpenWriter(file.str());
  constexpr int kWriterPages = 4000;
  constexpr int kRowsAWrite = 1500;  // past the 1,000 pages from which a commit asks for a copy
  constexpr int kWrites = 24;
  auto checkpointer = std::make_unique<WalCheckpointer>(db, file.str(), kWriterPages);
  std::int64_t largest_log = 0;
  for (int i = 0; i < kWrites; ++i) {
    WriteRows(db, kRowsAWrite);
    largest_log = std::max(largest_log, WalBytes(file.str()));
  }
  // The thread copied; the log never held much more than the writer's limit and one write
  // (a writer that never waits would have grown it to every write's pages).
  EXPECT_GE(checkpointer->Copies(), 1);
  const std::int64_t frame = kPageSize + 24;
  EXPECT_LE(largest_log, 32 + (kWriterPages + kRowsAWrite + 64) * frame)
      << "the log grew past its bound while the writer went on";
  checkpointer.reset();
  sqlite3_close(db);
  EXPECT_EQ(SqlNumber(file.str(), "SELECT count(*) FROM rows"),
            static_cast<std::int64_t>(kWrites) * kRowsAWrite);
}

TEST(WalCheckpointerTest, AWriterOfSmallCommitsStartsNoThread) {
  TempLedgerPath file;
  sqlite3* db = OpenWriter(file.str());
  WalCheckpointer checkpointer(db, file.str());
  for (int i = 0; i < 50; ++i) {
    ASSERT_EQ(sqlite3_exec(db, "INSERT INTO rows(bytes) VALUES (randomblob(100))", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
  }
  EXPECT_EQ(checkpointer.Copies(), 0);
  sqlite3_close(db);
}

TEST(WalCheckpointerTest, AChildMadeByForkClosesWhatItInheritedWithoutTheThread) {
  TempLedgerPath file;
  sqlite3* db = OpenWriter(file.str());
  auto checkpointer = std::make_unique<WalCheckpointer>(db, file.str());
  WriteRows(db, 1500);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(20);             // a child waiting for the parent's thread would hang: killed
    checkpointer.reset();  // the thread is the parent's: not joined here
    _exit(0);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the child did not exit cleanly";
  // The parent's thread still works.
  WriteRows(db, 1500);
  checkpointer.reset();
  sqlite3_close(db);
  EXPECT_EQ(SqlNumber(file.str(), "SELECT count(*) FROM rows"), 3000);
}

}  // namespace
}  // namespace claimledger
