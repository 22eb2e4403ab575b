// The JSON of quotes and quantities: what is written reads back, and checking a quantity
// refuses exactly what reading it refuses.
#include "codec/records_json.h"

#include <gtest/gtest.h>

#include "codec/canonical_json.h"

namespace claimledger {
namespace {

TEST(RecordsJsonTest, QuantityRoundTrips) {
  Quantity q;
  q.text = "hundreds of thousands";
  q.begin = 3;
  q.end = 24;
  q.low = 100000;
  q.high = 999999;
  q.unit = "people";
  const std::string text = CanonicalJson(QuantityToJson(q));
  JsonView view;
  ASSERT_TRUE(view.Parse(text));
  const Quantity back = QuantityFromJson(view.root());
  EXPECT_EQ(back.text, q.text);
  EXPECT_EQ(back.begin, 3u);
  EXPECT_FALSE(back.value);
  EXPECT_EQ(back.low, 100000);
  EXPECT_EQ(back.high, 999999);
  EXPECT_EQ(back.unit, "people");
}

// A replay only checks a claim's quantities: the check must refuse exactly what reading
// them refuses, with the same message.
TEST(RecordsJsonTest, CheckingAQuantityRefusesWhatReadingItRefuses) {
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
