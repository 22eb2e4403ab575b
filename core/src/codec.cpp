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

std::optional<double> DecimalFromJson(const JsonValue& json, const char* key) {
  const std::optional<std::string> text = json.OptionalString(key);
  return text ? ParseDecimal(*text) : std::nullopt;
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

Quote QuoteFromJson(const JsonValue& json) {
  Quote quote;  // the keys in their canonical order, the quickest to find
  quote.end = static_cast<std::size_t>(json.At("end").Int());
  quote.exact = json.StringAt("exact");
  quote.prefix = json.StringAt("prefix");
  quote.snapshot = json.StringAt("snapshot");
  quote.start = static_cast<std::size_t>(json.At("start").Int());
  quote.suffix = json.StringAt("suffix");
  return quote;
}

nlohmann::json QuantityToJson(const Quantity& quantity) {
  // Filled member by member in key order, each placed at the end of the object's map: an
  // initializer list copies every value and searches the map for every key (a bulk load
  // builds two quantities a claim).
  nlohmann::json json(nlohmann::json::value_t::object);
  auto& members = json.get_ref<nlohmann::json::object_t&>();
  const auto add = [&](const char* key, nlohmann::json value) {
    members.emplace_hint(members.end(), key, std::move(value));
  };
  add("begin", quantity.begin);
  add("end", quantity.end);
  add("high", OptionalDecimal(quantity.high));
  add("low", OptionalDecimal(quantity.low));
  add("qualifier", quantity.qualifier);
  add("text", quantity.text);
  add("unit", quantity.unit);
  add("value", OptionalDecimal(quantity.value));
  return json;
}

Quantity QuantityFromJson(const nlohmann::json& json) {
  const std::string text = CanonicalJson(json);
  JsonView view;
  view.Parse(text);  // canonical text always parses
  return QuantityFromJson(view.root());
}

Quantity QuantityFromJson(const JsonValue& json) {
  Quantity quantity;  // the keys in their canonical order, the quickest to find
  quantity.begin = static_cast<std::size_t>(json.At("begin").Int());
  quantity.end = static_cast<std::size_t>(json.At("end").Int());
  quantity.high = DecimalFromJson(json, "high");
  quantity.low = DecimalFromJson(json, "low");
  quantity.qualifier = json.StringAt("qualifier");
  quantity.text = json.StringAt("text");
  quantity.unit = json.StringAt("unit");
  quantity.value = DecimalFromJson(json, "value");
  return quantity;
}

void CheckQuantityJson(const JsonValue& json) {
  // What QuantityFromJson reads, in its order; String() throws when a value is no string.
  const auto require_string = [](const JsonValue& value) {
    if (!value.is_string()) value.String();
  };
  const auto optional_string = [&](const char* key) {
    const std::optional<JsonValue> found = json.Find(key);
    if (found && !found->is_null()) require_string(*found);
  };
  json.At("begin").Int();
  json.At("end").Int();
  optional_string("high");
  optional_string("low");
  require_string(json.At("qualifier"));
  require_string(json.At("text"));
  require_string(json.At("unit"));
  optional_string("value");
}

nlohmann::json OptionalToJson(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

}  // namespace claimledger
