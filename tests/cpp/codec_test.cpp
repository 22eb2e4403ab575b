// Canonical JSON and event hashes against golden vectors that Python's json.dumps made.
#include "claimledger/codec.h"

#include <gtest/gtest.h>

#include "claimledger/error.h"
#include "claimledger/ledger.h"
#include "test_util.h"

namespace claimledger {
namespace {

TEST(CodecTest, CanonicalJsonMatchesPython) {
  const auto golden = testing_util::Golden();
  ASSERT_GE(golden["events"].size(), 2u);
  for (const auto& item : golden["events"]) {
    EXPECT_EQ(CanonicalJson(item["event"]), item["canonical"].get<std::string>());
  }
}

TEST(CodecTest, EventHashMatchesGolden) {
  const auto golden = testing_util::Golden();
  for (const auto& item : golden["events"]) {
    const auto& e = item["event"];
    Event event{e["seq"], e["prev"], e["type"], e["at"], e["actor"], e["data"], ""};
    EXPECT_EQ(CanonicalEventText(event), item["canonical"].get<std::string>());
    EXPECT_EQ(EventHash(event), item["hash"].get<std::string>());
  }
}

TEST(CodecTest, FloatsAreRefused) {
  try {
    CanonicalJson({{"value", 1.5}});
    FAIL() << "a float was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), Code::kInvalidInput);
    EXPECT_EQ(error.id(), "claimledger.json.float");
  }
}

TEST(CodecTest, DecimalTextIsShortestAndRoundTrips) {
  EXPECT_EQ(DecimalText(28500), "28500");
  EXPECT_EQ(DecimalText(1.2e9), "1200000000");
  EXPECT_EQ(DecimalText(0.5), "0.5");
  EXPECT_EQ(DecimalText(-0.0), "0");
  for (double value : {2.0 / 3, 1e-7, 123456789.125, -4.0}) {
    EXPECT_EQ(ParseDecimal(DecimalText(value)), value);
  }
  EXPECT_FALSE(ParseDecimal("12abc"));
}

TEST(CodecTest, QuantityRoundTrips) {
  Quantity q;
  q.text = "hundreds of thousands";
  q.begin = 3;
  q.end = 24;
  q.low = 100000;
  q.high = 999999;
  q.unit = "people";
  const Quantity back = QuantityFromJson(nlohmann::json::parse(CanonicalJson(QuantityToJson(q))));
  EXPECT_EQ(back.text, q.text);
  EXPECT_EQ(back.begin, 3u);
  EXPECT_FALSE(back.value);
  EXPECT_EQ(back.low, 100000);
  EXPECT_EQ(back.high, 999999);
  EXPECT_EQ(back.unit, "people");
}

// A replay only checks a claim's quantities: the check must refuse exactly what reading
// them refuses, with the same message.
TEST(CodecTest, CheckingAQuantityRefusesWhatReadingItRefuses) {
  const nlohmann::json good = {{"text", "28,500"}, {"begin", 6},     {"end", 12},
                               {"value", "28500"}, {"low", nullptr}, {"high", "x"},
                               {"unit", "troops"}, {"qualifier", ""}};
  std::vector<nlohmann::json> cases = {good, nlohmann::json::array(), "28500"};
  for (const auto& [key, value] : good.items()) {
    nlohmann::json missing = good;
    missing.erase(key);
    cases.push_back(missing);
    for (const nlohmann::json& other :
         {nlohmann::json(7), nlohmann::json("7"), nlohmann::json(nullptr),
          nlohmann::json::array({"7"}), nlohmann::json({{"text", "7"}})}) {
      nlohmann::json changed = good;
      changed[key] = other;
      cases.push_back(changed);
    }
  }
  int refused = 0;
  for (const nlohmann::json& quantity : cases) {
    const std::string text = CanonicalJson(quantity);
    JsonView view;
    ASSERT_TRUE(view.Parse(text));
    const auto message = [&](auto read) -> std::string {
      try {
        read(view.root());
        return "";
      } catch (const JsonFieldError& error) {
        return std::string("refused: ") + error.what();
      }
    };
    const std::string read = message([](const JsonValue& v) { QuantityFromJson(v); });
    EXPECT_EQ(message([](const JsonValue& v) { CheckQuantityJson(v); }), read) << text;
    refused += !read.empty();
  }
  // Accepted: the good one; value, low or high left out, null or "7" (3 x 3); text, unit
  // or qualifier "7" (3); begin or end 7 (2). Everything else is refused.
  ASSERT_EQ(cases.size(), 3u + 8 * 6);
  EXPECT_EQ(refused, static_cast<int>(cases.size()) - (1 + 9 + 3 + 2));
}

}  // namespace
}  // namespace claimledger
