// JSON encodings shared by the ledger (event data) and the store (JSON columns).
#include "claimledger/codec.h"

#include <charconv>
#include <cmath>

#include "claimledger/error.h"

namespace claimledger {
namespace {

bool HasFloat(const nlohmann::json& value) {
  if (value.is_number_float()) return true;
  if (value.is_structured()) {
    for (const auto& item : value) {
      if (HasFloat(item)) return true;
    }
  }
  return false;
}

nlohmann::json OptionalDecimal(const std::optional<double>& value) {
  return value ? nlohmann::json(DecimalText(*value)) : nlohmann::json();
}

std::optional<double> DecimalFromJson(const nlohmann::json& json, const char* key) {
  if (!json.contains(key) || json[key].is_null()) return std::nullopt;
  return ParseDecimal(json[key].get<std::string>());
}

}  // namespace

std::string CanonicalJson(const nlohmann::json& value) {
  if (HasFloat(value)) {
    throw Error(Code::kInvalidInput, "claimledger.json.float",
                "canonical JSON holds integers only; write decimal values as strings");
  }
  try {
    // nlohmann's objects are std::maps, so keys come out sorted bytewise.
    return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::strict);
  } catch (const nlohmann::json::type_error& error) {
    throw Error(Code::kInvalidInput, "claimledger.json.utf8",
                std::string("text must be valid UTF-8: ") + error.what());
  }
}

std::string DecimalText(double value) {
  if (!std::isfinite(value)) return "0";
  if (value == 0) value = 0;  // no "-0"
  char buffer[400];
  const auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed);
  return std::string(buffer, result.ptr);
}

std::optional<double> ParseDecimal(const std::string& text) {
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

nlohmann::json QuoteToJson(const Quote& quote) {
  return {{"snapshot", quote.snapshot}, {"exact", quote.exact}, {"prefix", quote.prefix},
          {"suffix", quote.suffix},     {"start", quote.start}, {"end", quote.end}};
}

Quote QuoteFromJson(const nlohmann::json& json) {
  Quote quote;
  quote.snapshot = json.at("snapshot").get<std::string>();
  quote.exact = json.at("exact").get<std::string>();
  quote.prefix = json.at("prefix").get<std::string>();
  quote.suffix = json.at("suffix").get<std::string>();
  quote.start = json.at("start").get<std::size_t>();
  quote.end = json.at("end").get<std::size_t>();
  return quote;
}

nlohmann::json QuantityToJson(const Quantity& quantity) {
  return {{"text", quantity.text},
          {"begin", quantity.begin},
          {"end", quantity.end},
          {"value", OptionalDecimal(quantity.value)},
          {"low", OptionalDecimal(quantity.low)},
          {"high", OptionalDecimal(quantity.high)},
          {"unit", quantity.unit},
          {"qualifier", quantity.qualifier}};
}

Quantity QuantityFromJson(const nlohmann::json& json) {
  Quantity quantity;
  quantity.text = json.at("text").get<std::string>();
  quantity.begin = json.at("begin").get<std::size_t>();
  quantity.end = json.at("end").get<std::size_t>();
  quantity.value = DecimalFromJson(json, "value");
  quantity.low = DecimalFromJson(json, "low");
  quantity.high = DecimalFromJson(json, "high");
  quantity.unit = json.at("unit").get<std::string>();
  quantity.qualifier = json.at("qualifier").get<std::string>();
  return quantity;
}

nlohmann::json OptionalToJson(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

std::optional<std::string> OptionalFromJson(const nlohmann::json& json, const char* key) {
  if (!json.contains(key) || json[key].is_null()) return std::nullopt;
  return json[key].get<std::string>();
}

}  // namespace claimledger
