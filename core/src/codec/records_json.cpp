// The JSON of quotes and quantities (records_json.h).
#include "codec/records_json.h"

#include "codec/canonical_json.h"

namespace claimledger {
namespace {

nlohmann::json OptionalDecimal(const std::optional<double>& value) {
  return value ? nlohmann::json(DecimalText(*value)) : nlohmann::json();
}

std::optional<double> DecimalFromJson(const JsonValue& json, const char* key) {
  const std::optional<std::string> text = json.OptionalString(key);
  return text ? ParseDecimal(*text) : std::nullopt;
}

}  // namespace

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

}  // namespace claimledger
