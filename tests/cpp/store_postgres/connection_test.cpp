// The PostgreSQL store's check of the server's version (store/postgres/connection.h): a server
// older than PostgreSQL 12 is refused with a message naming the server and its version. No
// server of such a version can be started by the test suite, so the check is tested as the
// function the connection calls with libpq's PQserverVersion. Also the literals the store
// writes (arrays, COPY rows) and reads back (CopyFields), which need no server.
#include "store/postgres/connection.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "claimledger/error.h"

namespace claimledger {
namespace {

constexpr const char* kServer = "alice@db.example:5432/newsroom";

// The error RequireSupportedServer raises for `version`, or nothing.
std::optional<Error> Refusal(int version) {
  try {
    RequireSupportedServer(version, kServer);
  } catch (const Error& error) {
    return error;
  }
  return std::nullopt;
}

TEST(ServerVersion, TwelveAndNewerAreAccepted) {
  for (int version : {120000, 120017, 150004, 160000, 170002}) {
    EXPECT_FALSE(Refusal(version)) << version;
  }
}

TEST(ServerVersion, OlderServersAreRefusedNamingTheServerAndVersion) {
  const std::optional<Error> eleven = Refusal(110022);
  ASSERT_TRUE(eleven);
  EXPECT_EQ(eleven->code(), Code::kStorage);
  EXPECT_EQ(eleven->id(), "claimledger.store.unsupported_server");
  EXPECT_EQ(eleven->detail(),
            "the PostgreSQL server at alice@db.example:5432/newsroom runs version 11.22; "
            "claimledger needs PostgreSQL 12 or newer");
}

TEST(ServerVersion, VersionsBeforeTenAreShownWithTheirThreeParts) {
  const std::optional<Error> old = Refusal(90624);
  ASSERT_TRUE(old);
  EXPECT_NE(old->detail().find("runs version 9.6.24;"), std::string::npos) << old->detail();
  EXPECT_TRUE(Refusal(100000));  // 10.0
  EXPECT_TRUE(Refusal(119999));
}

TEST(ArrayLiterals, TextsAreQuotedWithTheirQuotesAndBackslashesEscaped) {
  EXPECT_EQ(TextArray(std::vector<std::string>{}), "{}");
  EXPECT_EQ(TextArray(std::vector<std::string>{"a", "b\"c", "d\\e", ""}),
            R"({"a","b\"c","d\\e",""})");
}

TEST(ArrayLiterals, MissingValuesAreNullAndTheTextNullIsNot) {
  EXPECT_EQ(TextArray(std::vector<std::optional<std::string>>{"NULL", std::nullopt, "x"}),
            R"({"NULL",NULL,"x"})");
  EXPECT_EQ(IntArray(std::vector<std::optional<std::int64_t>>{1, std::nullopt, -2}), "{1,NULL,-2}");
  EXPECT_EQ(IntArray(std::vector<std::int64_t>{}), "{}");
}

TEST(CopyFields, ReadBackWhatCopyLineWrote) {
  const std::vector<std::optional<std::string>> values = {
      "tab\there", "line\nbreak\rreturn", "back\\slash \\", "\\N", std::nullopt, "", "plain"};
  std::string row;
  CopyLine line(row);
  for (const std::optional<std::string>& value : values) line.Text(value);
  line.Int(-42).Bool(true).Bytes(std::string("\x00\xff", 2));
  line.End();
  ASSERT_EQ(row.back(), '\n');
  row.pop_back();
  std::vector<std::optional<std::string>> expected = values;
  expected.insert(expected.end(), {"-42", "t", "\\x00ff"});  // bytea's hex input
  EXPECT_EQ(CopyFields(row), expected);
}

TEST(CopyFields, AnEmptyLineIsOneEmptyValue) {
  EXPECT_EQ(CopyFields(""), std::vector<std::optional<std::string>>{std::string()});
}

}  // namespace
}  // namespace claimledger
