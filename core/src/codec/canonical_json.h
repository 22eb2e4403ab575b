// Canonical JSON: the one text form of a JSON value, which event hashes are computed over.
//
// Keys sorted bytewise, no insignificant white space, UTF-8 written as is (only '"', '\\' and
// control characters escaped), integers only: the same bytes as Python's
// json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False). Decimal values
// (quantities) are written as strings such as "28500" or "0.6666666666666666": the shortest
// decimal that reads back as the same double.
#ifndef CLAIMLEDGER_CODEC_CANONICAL_JSON_H_
#define CLAIMLEDGER_CODEC_CANONICAL_JSON_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/model.h"
#include "codec/json_view.h"

namespace claimledger {

// The canonical text of `value`. Throws Error(kInvalidInput) when `value` holds a
// floating-point number or invalid UTF-8.
std::string CanonicalJson(const nlohmann::json& value);

// Shortest decimal text that reads back as `value` ("28500", "1200000000", "0.5").
std::string DecimalText(double value);
// Reads DecimalText's output; nothing when `text` is not a decimal number.
std::optional<double> ParseDecimal(const std::string& text);

// Parses `text` into `view` as it is when it is canonical JSON (as stored data always is,
// unless the file was edited behind the ledger's back), else written canonically first into
// `canonical`, which must outlive every use of the view. Throws Error(kInvalidInput)
// "claimledger.json.not_json" when `text` is not JSON, and what CanonicalJson throws, or
// "claimledger.json.too_deep" beyond JsonView::kMaxDepth levels, when it cannot be written
// canonically.
JsonValue ParseCanonical(std::string_view text, JsonView& view, std::string& canonical);

// The canonical JSON of an event's six hashed fields (everything but `hash`), written around
// event.data as it is: the bytes whose SHA-256 is the event's hash, and the event's leaf in
// the desk's Merkle tree. Throws Error(kInvalidInput) when a field is not UTF-8.
std::string CanonicalEventText(const Event& event);

// An optional text field: an empty optional is null.
nlohmann::json OptionalToJson(const std::optional<std::string>& value);

// Writes canonical JSON as it goes, without building a value first: the same bytes as
// CanonicalJson of the same value, for the data of the events a load writes by the million
// (codec/events.h, CanonicalData). The caller gives each object's keys in sorted order (checked
// in builds with assertions). String throws what CanonicalJson throws for invalid UTF-8.
class CanonicalWriter {
 public:
  CanonicalWriter& BeginObject();
  CanonicalWriter& EndObject();
  CanonicalWriter& BeginArray();
  CanonicalWriter& EndArray();
  // The next member of the object being written; its value follows.
  CanonicalWriter& Key(std::string_view key);
  CanonicalWriter& String(std::string_view text);
  CanonicalWriter& OptionalString(const std::optional<std::string>& text);
  CanonicalWriter& Int(std::int64_t value);
  CanonicalWriter& Null();
  // A JSON text (such as an attributes object), written canonically.
  CanonicalWriter& Json(std::string_view text);
  // The text written; the writer is empty afterwards.
  std::string Take();

 private:
  void BeforeValue();

  std::string out_;
  std::vector<bool> empty_;  // for each open array or object: nothing in it yet
  // For each open object, its last key: the order check, kept in builds with assertions only.
  std::vector<std::string> last_key_;
  bool after_key_ = false;  // a key was written, its value not yet
};

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_CANONICAL_JSON_H_
