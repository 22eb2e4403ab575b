// The SQLite store's connection with its writes on a thread of their own
// (store/sqlite/settled_connection.h): the writes run in the order given, a use of the connection
// sees all of them, the first error is thrown and nothing after it runs, a rollback forgets what
// was queued, reads alongside see whole writes, and a child made by fork() writes at once.
#include "store/sqlite/settled_connection.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <memory>
#include <string>

#include "claimledger/error.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::TempLedgerPath;

std::unique_ptr<Connection> OpenFile(const std::string& path) {
  auto connection = std::make_unique<Connection>();
  int rc = SQLITE_OK;
  EXPECT_TRUE(connection->Open(
      path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, &rc));
  connection->Exec(
      "PRAGMA journal_mode=WAL; "
      "CREATE TABLE IF NOT EXISTS rows(id INTEGER PRIMARY KEY, total INTEGER)");
  return connection;
}

// Adds row `id` whose total is the previous row's and `id`: a write that depends on the one
// before it, so that any change of order gives other totals.
void AddRow(Connection& connection, std::int64_t id) {
  connection
      .Prepare(
          "INSERT INTO rows(id, total) "
          "VALUES (?1, coalesce((SELECT total FROM rows WHERE id = ?1 - 1), 0) + ?1)")
      .Bind(1, id)
      .Run();
}

std::int64_t Number(Connection& connection, const std::string& sql) {
  Statement statement = connection.Prepare(sql);
  EXPECT_TRUE(statement.Step());
  return statement.Int(0);
}

TEST(SettledConnectionTest, QueuedWritesRunInTheirOrderAndAUseOfTheConnectionSeesThemAll) {
  TempLedgerPath file;
  SettledConnection connection(OpenFile(file.str()));
  connection->Exec("BEGIN IMMEDIATE");
  connection.Queue();
  ASSERT_TRUE(connection.queuing());
  constexpr std::int64_t kRows = 5000;
  for (std::int64_t id = 1; id <= kRows; ++id) {
    connection.Write(AddRow, id);
    if (id % 3 == 0) connection.HandOver();  // a record of three writes
  }
  // -> settles first: every write ran, in order (each total is 1 + 2 + ... + id).
  EXPECT_EQ(Number(*connection, "SELECT count(*) FROM rows"), kRows);
  EXPECT_EQ(Number(*connection, "SELECT total FROM rows WHERE id = 5000"), kRows * (kRows + 1) / 2);
  EXPECT_EQ(Number(*connection,
                   "SELECT count(*) FROM rows r JOIN rows p ON p.id = r.id - 1 "
                   "WHERE r.total != p.total + r.id"),
            0);
  connection.Stop();
  EXPECT_FALSE(connection.queuing());
  connection.Write(AddRow, kRows + 1);  // at once again
  EXPECT_EQ(Number(*connection, "SELECT count(*) FROM rows"), kRows + 1);
  connection->Exec("COMMIT");
}

TEST(SettledConnectionTest, TheFirstErrorIsThrownAndNothingAfterItIsWritten) {
  TempLedgerPath file;
  SettledConnection connection(OpenFile(file.str()));
  connection->Exec("BEGIN IMMEDIATE");
  connection.Queue();
  for (std::int64_t id = 1; id <= 100; ++id) connection.Write(AddRow, id);
  connection.Write(AddRow, std::int64_t{50});  // a repeated key
  for (std::int64_t id = 101; id <= 200; ++id) connection.Write(AddRow, id);
  // Thrown by the hand-over or the settling that follows it, whichever finds it first.
  EXPECT_THROW(
      {
        connection.HandOver();
        connection.Settle();
      },
      Error);
  EXPECT_THROW(connection.Settle(), Error);  // kept until the rollback
  connection.Discard();
  EXPECT_FALSE(connection.queuing());
  // Nothing after the failed write ran (rows 101 to 200 are not there).
  EXPECT_EQ(Number(*connection, "SELECT count(*) FROM rows"), 100);
  connection->Exec("ROLLBACK");
  EXPECT_EQ(Number(*connection, "SELECT count(*) FROM rows"), 0);
  // The connection writes again after the rollback, queued or not.
  connection->Exec("BEGIN IMMEDIATE");
  connection.Queue();
  for (std::int64_t id = 1; id <= 10; ++id) connection.Write(AddRow, id);
  connection.Stop();
  connection->Exec("COMMIT");
  EXPECT_EQ(Number(*connection, "SELECT count(*) FROM rows"), 10);
}

TEST(SettledConnectionTest, ARollbackForgetsTheWritesNotYetRun) {
  TempLedgerPath file;
  auto connection = std::make_unique<SettledConnection>(OpenFile(file.str()));
  (*connection)->Exec("BEGIN IMMEDIATE");
  connection->Queue();
  for (std::int64_t id = 1; id <= 20000; ++id) {
    connection->Write(AddRow, id);
    connection->HandOver();
  }
  connection->Discard();  // some ran, some did not: it returns once none runs
  (*connection)->Exec("ROLLBACK");
  EXPECT_EQ(Number(**connection, "SELECT count(*) FROM rows"), 0);
  // Destroyed with writes queued and not handed over: forgotten, and the thread stops.
  (*connection)->Exec("BEGIN IMMEDIATE");
  connection->Queue();
  connection->Write(AddRow, std::int64_t{1});
  connection.reset();
  SettledConnection reopened(OpenFile(file.str()));
  EXPECT_EQ(Number(*reopened, "SELECT count(*) FROM rows"), 0);
}

TEST(SettledConnectionTest, AReadAlongsideSeesWholeWritesAndDoesNotWaitForTheRest) {
  TempLedgerPath file;
  SettledConnection connection(OpenFile(file.str()));
  connection->Exec("BEGIN IMMEDIATE");
  connection.Queue();
  // 20,000 writes: the last 32 are not handed over (a hand-over takes 64), so only settling
  // would write them.
  constexpr std::int64_t kRows = 20000;
  for (std::int64_t id = 1; id <= kRows; ++id) {
    connection.Write(AddRow, id);
    connection.HandOver();
  }
  // While the thread writes, reads alongside see a prefix of the writes: rows 1 to n, each
  // total right, and never the writes not yet handed over (they did not settle).
  std::int64_t seen = 0;
  for (int read = 0; read < 200; ++read) {
    const SettledConnection::Alongside alongside(connection);
    const std::int64_t count = Number(*connection, "SELECT count(*) FROM rows");
    EXPECT_GE(count, seen);
    seen = count;
    EXPECT_EQ(Number(*connection, "SELECT coalesce(max(id), 0) FROM rows"), count);
    EXPECT_EQ(Number(*connection, "SELECT coalesce(sum(id), 0) FROM rows"),
              Number(*connection, "SELECT coalesce(max(total), 0) FROM rows"));
  }
  EXPECT_LE(seen, kRows - 32);
  EXPECT_EQ(Number(*connection, "SELECT count(*) FROM rows"), kRows);  // settled
  connection.Stop();
  connection->Exec("COMMIT");
}

TEST(SettledConnectionTest, AChildMadeByForkWritesAtOnce) {
  TempLedgerPath file;
  auto connection = std::make_unique<SettledConnection>(OpenFile(file.str()));
  connection->Queue();  // the parent's thread starts
  connection->Stop();
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) {
    // The child has no such thread: Queue does nothing, a write runs at once, and destroying
    // the connection does not wait for the thread.
    connection->Queue();
    bool ok = !connection->queuing();
    try {
      (*connection)->Exec("BEGIN IMMEDIATE");
      connection->Write(AddRow, std::int64_t{1});
      ok = ok && Number(**connection, "SELECT count(*) FROM rows") == 1;
      (*connection)->Exec("ROLLBACK");
    } catch (...) {
      ok = false;
    }
    connection.reset();
    _exit(ok ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

}  // namespace
}  // namespace claimledger
