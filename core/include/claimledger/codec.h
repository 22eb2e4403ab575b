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
Quote QuoteFromJson(const nlohmann::json& json);

nlohmann::json QuantityToJson(const Quantity& quantity);
Quantity QuantityFromJson(const nlohmann::json& json);

// Helpers for optional text fields: null <-> empty optional.
nlohmann::json OptionalToJson(const std::optional<std::string>& value);
std::optional<std::string> OptionalFromJson(const nlohmann::json& json, const char* key);

}  // namespace claimledger

#endif  // CLAIMLEDGER_CODEC_H_
