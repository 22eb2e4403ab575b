// The connection's ways of saving round trips (store/postgres/connection.h), on the test suite's
// own server: a BEGIN sent with the first statement, statements sent together (a pipeline),
// COPYs into several tables in one query, and a rollback whose answer is read later. Each must
// behave as the statements sent one by one would: the same transaction, the first error
// raised, nothing of a failed transaction kept, and the connection usable afterwards.
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "claimledger/error.h"
#include "store/postgres/connection.h"
#include "store/postgres/location.h"
#include "test_util.h"

namespace claimledger {
namespace {

class RoundTripsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string url = testing_util::NewDeskUrl();
    ASSERT_FALSE(url.empty());
    connection_ = std::make_unique<PgConnection>(ParsePostgresLocation(url));
    connection_->Exec(
        "CREATE TEMP TABLE a(n bigint PRIMARY KEY, word text NOT NULL); "
        "CREATE TEMP TABLE b(n bigint PRIMARY KEY)");
  }
  std::int64_t Count(const std::string& table) {
    return connection_->Run("SELECT count(*) FROM " + table).Int(0, 0);
  }
  std::unique_ptr<PgConnection> connection_;
};

TEST_F(RoundTripsTest, ABeginGoesWithTheFirstStatementAndStartsOneTransaction) {
  connection_->Begin("BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_FALSE(connection_->InTransaction());  // nothing sent yet
  const std::string first = connection_->Run("SELECT txid_current()::text").Text(0, 0);
  EXPECT_TRUE(connection_->InTransaction());
  EXPECT_EQ(connection_->Run("SELECT current_setting('transaction_isolation')").Text(0, 0),
            "repeatable read");
  EXPECT_EQ(connection_->Run("SELECT txid_current()::text").Text(0, 0), first);
  connection_->Exec("COMMIT");
  EXPECT_FALSE(connection_->InTransaction());
}

TEST_F(RoundTripsTest, ABeginGoesWithACopyOrAnExecToo) {
  connection_->Begin("BEGIN");
  connection_->CopyAll({{"a(n, word)", "1\tone\n"}});
  EXPECT_TRUE(connection_->InTransaction());
  connection_->Abort();
  EXPECT_EQ(Count("a"), 0);  // rolled back with its transaction
  connection_->Begin("BEGIN");
  connection_->Exec("INSERT INTO b VALUES (1)");
  EXPECT_TRUE(connection_->InTransaction());
  connection_->Exec("COMMIT");
  EXPECT_EQ(Count("b"), 1);
}

TEST_F(RoundTripsTest, ABeginNeverSentNeedsNoRollback) {
  connection_->Begin("BEGIN");
  connection_->Abort();
  EXPECT_FALSE(connection_->InTransaction());
  connection_->Exec("INSERT INTO b VALUES (2)");  // outside any transaction: kept
  EXPECT_FALSE(connection_->InTransaction());
  EXPECT_EQ(Count("b"), 1);
}

TEST_F(RoundTripsTest, AnOpeningRunsBeforeTheFirstStatementAndIsReadBeforeItsResult) {
  std::vector<std::string> read;
  const auto reader = [&](const std::vector<PgResult>& results) {
    ASSERT_EQ(results.size(), 2u);
    read.push_back(results[1].Text(0, 0));
  };
  connection_->Begin("BEGIN",
                     {{"INSERT INTO b VALUES ($1)", PgParams().Int(7)},
                      {"SELECT count(*)::text FROM b", PgParams()}},
                     reader);
  EXPECT_FALSE(connection_->InTransaction());                   // nothing sent yet
  EXPECT_EQ(connection_->Run("SELECT n FROM b").Int(0, 0), 7);  // the opening ran first
  EXPECT_EQ(read, std::vector<std::string>{"1"});
  connection_->Open();  // sent already: nothing more
  EXPECT_EQ(Count("b"), 1);
  connection_->Exec("ROLLBACK");
  EXPECT_EQ(Count("b"), 0);  // in the transaction it opened
  EXPECT_EQ(read.size(), 1u);

  // Sent by Open, an Exec or a COPY as well; dropped unsent by Abort.
  connection_->Begin("BEGIN", {{"INSERT INTO b VALUES ($1)", PgParams().Int(8)}});
  connection_->Open();
  EXPECT_TRUE(connection_->InTransaction());
  connection_->Exec("COMMIT");
  connection_->Begin("BEGIN", {{"INSERT INTO b VALUES ($1)", PgParams().Int(9)}});
  connection_->Exec("INSERT INTO a VALUES (9, 'nine')");
  connection_->Exec("COMMIT");
  connection_->Begin("BEGIN", {{"INSERT INTO b VALUES ($1)", PgParams().Int(10)}});
  connection_->CopyAll({{"a(n, word)", "10\tten\n"}});
  connection_->Exec("COMMIT");
  connection_->Begin("BEGIN", {{"INSERT INTO b VALUES ($1)", PgParams().Int(11)}}, reader);
  connection_->Abort();
  EXPECT_EQ(connection_->Run("SELECT string_agg(n::text, ',' ORDER BY n) FROM b").Text(0, 0),
            "8,9,10");
  EXPECT_EQ(Count("a"), 2);
  EXPECT_EQ(read.size(), 1u);
}

TEST_F(RoundTripsTest, AFailedOpeningRaisesItsErrorAndNothingAfterItRuns) {
  bool read = false;
  connection_->Begin("BEGIN", {{"SELECT 1 / $1::bigint", PgParams().Int(0)}},
                     [&](const std::vector<PgResult>&) { read = true; });
  try {
    connection_->Run("INSERT INTO b VALUES ($1)", PgParams().Int(12));
    FAIL() << "a division by zero was not raised";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("division by zero"), std::string::npos)
        << error.what();
  }
  EXPECT_FALSE(read);
  connection_->Abort();
  EXPECT_EQ(Count("b"), 0);
}

TEST_F(RoundTripsTest, StatementsSentTogetherReturnEachResultInOrder) {
  const std::vector<PgResult> results = connection_->RunAll({
      {"INSERT INTO a VALUES ($1, $2)", PgParams().Int(1).Text("one")},
      {"INSERT INTO a VALUES ($1, $2)", PgParams().Int(2).Text("two")},
      {"SELECT word FROM a ORDER BY n", PgParams()},
      {"SELECT $1::bigint * 2", PgParams().Int(21)},
  });
  ASSERT_EQ(results.size(), 4u);
  ASSERT_EQ(results[2].Rows(), 2);
  EXPECT_EQ(results[2].Text(0, 0), "one");
  EXPECT_EQ(results[2].Text(1, 0), "two");
  EXPECT_EQ(results[3].Int(0, 0), 42);
}

TEST_F(RoundTripsTest, AFailedStatementRaisesItsErrorAndNothingAfterItRuns) {
  connection_->Begin("BEGIN");
  try {
    connection_->RunAll({
        {"INSERT INTO a VALUES ($1, $2)", PgParams().Int(1).Text("one")},
        {"SELECT 1 / $1::bigint", PgParams().Int(0)},
        {"INSERT INTO b VALUES ($1)", PgParams().Int(7)},
    });
    FAIL() << "a division by zero was not raised";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("division by zero"), std::string::npos)
        << error.what();
  }
  connection_->Abort();
  EXPECT_EQ(Count("a"), 0);
  EXPECT_EQ(Count("b"), 0);
  // The statements prepared by the failed pipeline are known by their names afterwards.
  connection_->RunAll({
      {"INSERT INTO a VALUES ($1, $2)", PgParams().Int(1).Text("one")},
      {"SELECT 1 / $1::bigint", PgParams().Int(1)},
      {"INSERT INTO b VALUES ($1)", PgParams().Int(7)},
  });
  EXPECT_EQ(Count("a"), 1);
  EXPECT_EQ(Count("b"), 1);
}

TEST_F(RoundTripsTest, StatementsPlannedOnceRunWithTheSettingsAndLeaveThemAsTheyWere) {
  connection_->Begin("BEGIN");
  connection_->Run("INSERT INTO a VALUES ($1, $2)", PgParams().Int(1).Text("one"));
  const std::string settings =
      "SELECT current_setting('plan_cache_mode'), current_setting('enable_seqscan')";
  const std::int64_t before = connection_->round_trips();
  const std::vector<PgResult> results = connection_->RunAllPlannedOnce({
      {settings, PgParams()},
      {"SELECT word FROM a WHERE n = $1", PgParams().Int(1)},
  });
  EXPECT_EQ(connection_->round_trips(), before + 1);
  ASSERT_EQ(results.size(), 2u);  // the settings' statements return nothing
  EXPECT_EQ(results[0].Text(0, 0), "force_generic_plan");
  EXPECT_EQ(results[0].Text(0, 1), "off");
  EXPECT_EQ(results[1].Text(0, 0), "one");
  EXPECT_EQ(
      connection_->RunPlannedOnce("SELECT word FROM a WHERE n = $1", PgParams().Int(1)).Text(0, 0),
      "one");
  const PgResult after = connection_->Run(settings);
  EXPECT_EQ(after.Text(0, 0), "auto");
  EXPECT_EQ(after.Text(0, 1), "on");
  connection_->Exec("COMMIT");
}

TEST_F(RoundTripsTest, CopiesIntoSeveralTablesGoInOneQuery) {
  connection_->Begin("BEGIN");
  connection_->CopyAll({{"a(n, word)", "1\tone\n2\ttab\\there\n"}, {"b(n)", "5\n6\n7\n"}});
  connection_->Exec("COMMIT");
  EXPECT_EQ(Count("a"), 2);
  EXPECT_EQ(Count("b"), 3);
  EXPECT_EQ(connection_->Run("SELECT word FROM a WHERE n = 2").Text(0, 0), "tab\there");
}

TEST_F(RoundTripsTest, ARefusedCopyRaisesTheServersErrorAndKeepsNothing) {
  connection_->Begin("BEGIN");
  try {
    // The second table refuses its rows (a repeated key); the first's are rolled back with it.
    connection_->CopyAll(
        {{"a(n, word)", "1\tone\n"}, {"b(n)", "5\n5\n"}, {"a(n, word)", "9\tx\n"}});
    FAIL() << "a repeated key was not raised";
  } catch (const Error& error) {
    EXPECT_EQ(error.id(), "claimledger.projection.repeated_key") << error.what();
  }
  connection_->Abort();
  EXPECT_EQ(Count("a"), 0);
  EXPECT_EQ(Count("b"), 0);
  connection_->CopyAll({{"b(n)", "5\n"}});  // and the connection carries on
  EXPECT_EQ(Count("b"), 1);
}

TEST_F(RoundTripsTest, ARollbackReadLaterEndsTheTransactionAtOnce) {
  connection_->Begin("BEGIN");
  connection_->Exec("INSERT INTO b VALUES (3)");
  connection_->RollbackLater();
  EXPECT_FALSE(connection_->InTransaction());
  EXPECT_EQ(Count("b"), 0);
  connection_->Begin("BEGIN");
  connection_->Exec("INSERT INTO b VALUES (4)");
  connection_->RollbackLater();
  connection_->Begin("BEGIN");  // the next transaction starts after the answer is read
  connection_->Exec("INSERT INTO b VALUES (5)");
  connection_->Exec("COMMIT");
  EXPECT_EQ(Count("b"), 1);
}

}  // namespace
}  // namespace claimledger
