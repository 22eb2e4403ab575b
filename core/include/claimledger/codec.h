// JSON forms of records that travel inside events and stored rows: quotes, quantities,
// and the canonical JSON text that event hashes are computed over.
//
// Canonical JSON: keys sorted bytewise, no insignificant white space, UTF-8 unescaped,
// integers only. Decimal values (quantities) are written as strings such as "28500" or
// "0.6666666666666666": the shortest decimal that reads back as the same double.
#ifndef CLAIMLEDGER_CODEC_H_
#define CLAIMLEDGER_CODEC_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "claimledger/json_view.h"
#include "claimledger/model.h"

namespace claimledger {

// The canonical text of `value`; the same bytes as Python's
// json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).
// Throws Error(kInvalidInput) when `value` holds a floating-point number or invalid UTF-8.
std::string CanonicalJson(const nlohmann::json& value);

// Shortest decimal text that reads back as `value` ("28500", "1200000000", "0.5").
std::string DecimalText(double value);
// Reads DecimalText's output; nothing when `text` is not a decimal number.
std::optional<double> ParseDecimal(const std::string& text);

nlohmann::json QuoteToJson(const Quote& quote);
// Throws JsonFieldError when a field is missing or of another type.
Quote QuoteFromJson(const JsonValue& json);

nlohmann::json QuantityToJson(const Quantity& quantity);
// Both throw JsonFieldError when a field is missing or of another type (the first after
// writing `json` canonically, which throws Error(kInvalidInput) for floats).
Quantity QuantityFromJson(const nlohmann::json& json);
Quantity QuantityFromJson(const JsonValue& json);
// Throws what QuantityFromJson(json) throws, without building the quantity (a replay only
// checks the quantities of a claim.added event: they stay in the event).
void CheckQuantityJson(const JsonValue& json);

// An optional text field: an empty optional is null.
nlohmann::json OptionalToJson(const std::optional<std::string>& value);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_H_
