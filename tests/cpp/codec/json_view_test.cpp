// JsonView: accepts exactly the texts CanonicalJson writes, and reads their values.
#include "codec/json_view.h"

#include <gtest/gtest.h>

#include <random>

#include "codec/canonical_json.h"
#include "codec/records_json.h"
#include "test_util.h"

namespace claimledger {
namespace {

TEST(JsonViewTest, AcceptsWhatCanonicalJsonWrites) {
  const auto golden = testing_util::Golden();
  ASSERT_GE(golden["events"].size(), 2u);
  JsonView view;
  for (const auto& item : golden["events"]) {
    const std::string text = item["canonical"].get<std::string>();
    EXPECT_TRUE(view.Parse(text)) << text;
    EXPECT_EQ(view.root().text(), text);
  }
  const nlohmann::json odd = {{"a\"b", "tab\there \x01 \\ \"q\" é 漢 😀"},
                              {"n", {-9223372036854775807LL - 1, 0, 18446744073709551615ULL}},
                              {"e", nlohmann::json::object()},
                              {"l", nlohmann::json::array()},
                              {"t", {true, false, nullptr}}};
  const std::string text = CanonicalJson(odd);  // outlives the reads below
  EXPECT_TRUE(view.Parse(text)) << text;
  EXPECT_EQ(view.root().At("n").Elements()[0].Int(), -9223372036854775807LL - 1);
}

TEST(JsonViewTest, RefusesEverythingElse) {
  JsonView view;
  for (const char* text : {
           "",
           " {}",
           "{} ",
           "{\"a\": 1}",              // white space
           "{\"b\":1,\"a\":2}",       // keys out of order
           "{\"a\":1,\"a\":2}",       // a repeated key
           "[1.5]",                   // a float
           "[1e3]",                   // an exponent
           "[-0]",                    // not as CanonicalJson writes zero
           "[01]",                    // a leading zero
           "[18446744073709551616]",  // beyond 64 bits: read as a float
           "[-9223372036854775809]",
           "[\"\\u0041\"]",  // an escape CanonicalJson does not write
           "[\"\\/\"]",
           "[\"\\u000a\"]",           // written as \n
           "[\"\\u001F\"]",           // uppercase hex
           "[\"a\tb\"]",              // a raw control character
           "[\"\xc3\"]",              // truncated UTF-8
           "[\"\xc0\xaf\"]",          // overlong UTF-8
           "[\"\xed\xa0\x80\"]",      // a surrogate
           "[\"\xf4\x90\x80\x80\"]",  // beyond U+10FFFF
           "[1,]",
           "{\"a\"}",
           "nul",
           "[\"abc",
       }) {
    EXPECT_FALSE(view.Parse(text)) << text;
  }
  const std::string deep =
      std::string(JsonView::kMaxDepth + 1, '[') + "1" + std::string(JsonView::kMaxDepth + 1, ']');
  EXPECT_FALSE(view.Parse(deep));
  EXPECT_TRUE(view.Parse(deep.substr(1, deep.size() - 2)));
}

TEST(JsonViewTest, ReadsValues) {
  const std::string text =
      R"({"claim":"clm_1","n":42,"none":null,"note":"line\nbreak \"q\" \u0001","tags":["a","b"]})";
  JsonView view;
  ASSERT_TRUE(view.Parse(text));
  const JsonValue data = view.root();
  EXPECT_EQ(data.StringAt("claim"), "clm_1");
  EXPECT_EQ(data.At("n").Int(), 42);
  EXPECT_EQ(data.StringAt("note"), "line\nbreak \"q\" \x01");
  EXPECT_EQ(data.At("tags").Strings(), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(data.OptionalString("none"), std::nullopt);
  EXPECT_EQ(data.OptionalString("absent"), std::nullopt);
  EXPECT_FALSE(data.Find("absent"));
  EXPECT_THROW(data.At("absent"), JsonFieldError);
  EXPECT_THROW(data.At("n").String(), JsonFieldError);
  EXPECT_THROW(data.StringAt("tags"), JsonFieldError);
  EXPECT_THROW(data.OptionalString("n"), JsonFieldError);
  EXPECT_THROW(data.At("claim").Int(), JsonFieldError);
  EXPECT_THROW(data.At("claim").Elements(), JsonFieldError);
  EXPECT_THROW(data.At("tags").Find("a"), JsonFieldError);
  const std::vector<JsonValue> values = data.Values();  // in the order of the keys
  ASSERT_EQ(values.size(), 5u);
  EXPECT_EQ(values[0].String(), "clm_1");
  EXPECT_TRUE(values[1].is_number());
  EXPECT_EQ(values[1].Int(), 42);
  EXPECT_TRUE(values[2].is_null());
  EXPECT_FALSE(values[2].is_number());
  EXPECT_EQ(values[3].String(), "line\nbreak \"q\" \x01");
  EXPECT_EQ(values[4].Strings(), (std::vector<std::string>{"a", "b"}));
  EXPECT_THROW(data.At("tags").Values(), JsonFieldError);
  // Keys with escapes are passed over, before or after the key looked for.
  ASSERT_TRUE(view.Parse(R"({"a\nb":1,"b":2,"b\"":3,"c":4})"));
  EXPECT_EQ(view.root().At("b").Int(), 2);
  EXPECT_EQ(view.root().At("c").Int(), 4);
  EXPECT_FALSE(view.root().Find("a"));
  EXPECT_FALSE(view.root().Find("bb"));
  ASSERT_TRUE(view.Parse("[9223372036854775808]"));
  EXPECT_THROW(view.root().Elements()[0].Int(), JsonFieldError);
}

// Find goes on from the last key found when keys come in increasing order: in any order
// of look-ups, with nested objects read in between, it finds what a full search finds.
TEST(JsonViewTest, FindsKeysInAnyOrderOfLookUps) {
  const std::string text =
      R"({"":0,"a":1,"a\nb":2,"ab":3,"b":{"a":4,"c":5},"b\"":6,"c":7,"cc":8,"d":{"":9}})";
  const nlohmann::json parsed = nlohmann::json::parse(text);
  const std::vector<std::string> keys = {"",   "a", "a\nb", "ab", "b", "b\"", "c",
                                         "cc", "d", "aa",   "bb", "e", "\x7f"};
  JsonView view;
  ASSERT_TRUE(view.Parse(text));
  std::mt19937 random(7);
  for (int round = 0; round < 300; ++round) {
    const std::string& key = keys[random() % keys.size()];
    // A key that canonical JSON writes with escapes is never found by name.
    const bool escaped = key.find_first_of("\n\"") != std::string::npos;
    const std::optional<JsonValue> found = view.root().Find(key);
    ASSERT_EQ(found.has_value(), !escaped && parsed.contains(key)) << "round " << round;
    if (found) EXPECT_EQ(found->text(), parsed[key].dump()) << key;
    if (round % 3 == 0) {  // a nested object read in between
      EXPECT_EQ(view.root().At("b").At(round % 2 ? "c" : "a").Int(), round % 2 ? 5 : 4);
    }
  }
}

}  // namespace
}  // namespace claimledger
