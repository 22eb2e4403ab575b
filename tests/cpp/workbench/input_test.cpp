// The workbench's input checks (workbench/input.h): attributes and provenance, which come as
// JSON text, canonical (as the Python package sends them) or not.
#include "workbench/input.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "claimledger/error.h"
#include "codec/canonical_json.h"

namespace claimledger {
namespace {

// What CleanAttributes gives for `json`: its text, or the error's id and message.
std::string Outcome(const std::string& json, bool null_allowed) {
  try {
    return "ok " + CleanAttributes("provenance", json, null_allowed);
  } catch (const Error& error) {
    return "error " + error.id() + ": " + error.detail();
  }
}

TEST(CleanAttributesTest, GivesCanonicalTextOfTextAndIntegerValues) {
  EXPECT_EQ(Outcome(R"({"line": 1, "dataset": "liar"})", true),
            R"(ok {"dataset":"liar","line":1})");
  EXPECT_EQ(Outcome(R"({"dataset":"liar","line":1})", true), R"(ok {"dataset":"liar","line":1})");
  EXPECT_EQ(Outcome(R"({"big":18446744073709551615,"low":-9223372036854775808,"none":null})", true),
            R"(ok {"big":18446744073709551615,"low":-9223372036854775808,"none":null})");
  EXPECT_EQ(Outcome("{}", false), "ok {}");
  EXPECT_EQ(Outcome("", true), "ok null");
  EXPECT_EQ(Outcome("null", true), "ok null");
}

// Canonical text is checked without a parse into a tree; every text, canonical or written
// otherwise, must come out as the general way gives it, errors included.
TEST(CleanAttributesTest, CanonicalTextComesOutAsAnyOtherWritingOfIt) {
  const std::vector<std::string> texts = {
      R"({"a":"x","b":2,"c":null})",
      R"({"a":"caf\u00e9 \"q\" \\ \n","é":"ü","中":"文"})",
      R"({"a":1.5})",
      R"({"a":true})",
      R"({"a":false})",
      R"({"a":{"b":1}})",
      R"({"a":["x"]})",
      R"({"a":1,"a":2})",
      R"({"b":1,"a":2})",
      R"(["a"])",
      R"("text")",
      "7",
      "null",
      "{}",
      R"({"a":18446744073709551616})",
      R"({"a":-9223372036854775809})",
  };
  for (const std::string& text : texts) {
    for (const bool null_allowed : {true, false}) {
      // A leading space makes the text not canonical, so it goes the general way.
      EXPECT_EQ(Outcome(text, null_allowed), Outcome(" " + text, null_allowed))
          << text << (null_allowed ? " (null allowed)" : "");
    }
  }
}

TEST(CleanAttributesTest, RefusesWhatIsNotAnObjectOfTextOrIntegers) {
  EXPECT_EQ(Outcome(R"({"score":1.5})", true),
            "error claimledger.input.attributes: provenance \"score\" must be text or an "
            "integer, not number");
  EXPECT_EQ(Outcome(R"({"ok":true})", true),
            "error claimledger.input.attributes: provenance \"ok\" must be text or an integer, "
            "not boolean");
  EXPECT_EQ(Outcome("null", false),
            "error claimledger.input.attributes: provenance must be an object of text or "
            "integer values");
  EXPECT_EQ(Outcome(R"(["a"])", true),
            "error claimledger.input.attributes: provenance must be an object of text or "
            "integer values");
  EXPECT_EQ(Outcome("{\"a\":\"\xff\"}", true).substr(0, 30), "error claimledger.input.json: ");
  EXPECT_EQ(Outcome("{not json", true).substr(0, 30), "error claimledger.input.json: ");
}

}  // namespace
}  // namespace claimledger
