// Canonical JSON against golden vectors that Python's json.dumps made, and decimal text.
#include "codec/canonical_json.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "test_util.h"

namespace claimledger {
namespace {

TEST(CanonicalJsonTest, CanonicalJsonMatchesPython) {
  const auto golden = testing_util::Golden();
  ASSERT_GE(golden["events"].size(), 2u);
  for (const auto& item : golden["events"]) {
    EXPECT_EQ(CanonicalJson(item["event"]), item["canonical"].get<std::string>());
  }
}

// The writer gives what CanonicalJson gives for the same value: nesting, empty containers,
// negative and large integers, null, escapes, and a JSON text written canonically.
TEST(CanonicalJsonTest, TheWriterWritesWhatCanonicalJsonWrites) {
  CanonicalWriter writer;
  writer.BeginObject();
  writer.Key("a").BeginArray().Int(-5).Int(9007199254740993).Null().String("x\"y\n").EndArray();
  writer.Key("b").BeginObject().EndObject();
  writer.Key("c").BeginArray().EndArray();
  writer.Key("d").BeginArray().BeginObject().Key("k").OptionalString(std::nullopt).EndObject();
  writer.BeginArray().String("").EndArray().EndArray();
  writer.Key("e").Json(R"({ "z": [1, {"y": "\u00e9", "x": null}], "a": "\/" })");
  writer.Key("f").Json(R"({"a":1})");
  writer.Key("g").OptionalString("\x01");
  writer.EndObject();
  const nlohmann::json expected = {
      {"a", {-5, 9007199254740993, nullptr, "x\"y\n"}},
      {"b", nlohmann::json::object()},
      {"c", nlohmann::json::array()},
      {"d", {{{"k", nullptr}}, {""}}},
      {"e", {{"z", {1, {{"y", "\u00e9"}, {"x", nullptr}}}}, {"a", "/"}}},
      {"f", {{"a", 1}}},
      {"g", "\x01"}};
  EXPECT_EQ(writer.Take(), CanonicalJson(expected));
  EXPECT_EQ(writer.Take(), "");  // taken
}

#ifndef NDEBUG  // the order check is an assertion; make test runs these tests in a Debug build
TEST(CanonicalJsonDeathTest, TheWriterStopsAtKeysOutOfOrder) {
  EXPECT_DEATH(CanonicalWriter().BeginObject().Key("b").Int(1).Key("a").Int(2), "");
  EXPECT_DEATH(CanonicalWriter().BeginObject().Key("a").Int(1).Key("a").Int(2), "");
  // Each object has its own order: a nested object's keys do not constrain its parent's.
  CanonicalWriter writer;
  writer.BeginObject().Key("a").BeginObject().Key("z").Int(1).EndObject();
  writer.Key("b").Int(2).EndObject();
  EXPECT_EQ(writer.Take(), R"({"a":{"z":1},"b":2})");
}
#endif

TEST(CanonicalJsonTest, FloatsAreRefused) {
  try {
    CanonicalJson({{"value", 1.5}});
    FAIL() << "a float was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kInvalidInput);
    EXPECT_EQ(error.id(), "claimledger.json.float");
  }
}

TEST(CanonicalJsonTest, DecimalTextIsShortestAndRoundTrips) {
  EXPECT_EQ(DecimalText(28500), "28500");
  EXPECT_EQ(DecimalText(1.2e9), "1200000000");
  EXPECT_EQ(DecimalText(0.5), "0.5");
  EXPECT_EQ(DecimalText(-0.0), "0");
  for (double value : {2.0 / 3, 1e-7, 123456789.125, -4.0}) {
    EXPECT_EQ(ParseDecimal(DecimalText(value)), value);
  }
  EXPECT_FALSE(ParseDecimal("12abc"));
}

}  // namespace
}  // namespace claimledger
