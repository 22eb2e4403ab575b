// The JSON of quotes and quantities (records_json.h).
#include "codec/records_json.h"

#include "codec/canonical_json.h"

namespace claimledger {
namespace {

void WriteOptionalDecimal(CanonicalWriter& writer, const std::optional<double>& value) {
  if (value) {
    writer.String(DecimalText(*value));
  } else {
    writer.Null();
  }
}

std::optional<double> DecimalFromJson(const JsonValue& json, const char* key) {
  const std::optional<std::string> text = json.OptionalString(key);
  return text ? ParseDecimal(*text) : std::nullopt;
}

}  // namespace

void WriteQuote(CanonicalWriter& writer, const Quote& quote) {
  writer.BeginObject();
  writer.Key("end").Int(static_cast<std::int64_t>(quote.end));
  writer.Key("exact").String(quote.exact);
  writer.Key("prefix").String(quote.prefix);
  writer.Key("snapshot").String(quote.snapshot);
  writer.Key("start").Int(static_cast<std::int64_t>(quote.start));
  writer.Key("suffix").String(quote.suffix);
  writer.EndObject();
}

nlohmann::json QuoteToJson(const Quote& quote) {
  CanonicalWriter writer;
  WriteQuote(writer, quote);
  return nlohmann::json::parse(writer.Take());
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

void WriteQuantity(CanonicalWriter& writer, const Quantity& quantity) {
  writer.BeginObject();
  writer.Key("begin").Int(static_cast<std::int64_t>(quantity.begin));
  writer.Key("end").Int(static_cast<std::int64_t>(quantity.end));
  WriteOptionalDecimal(writer.Key("high"), quantity.high);
  WriteOptionalDecimal(writer.Key("low"), quantity.low);
  writer.Key("qualifier").String(quantity.qualifier);
  writer.Key("text").String(quantity.text);
  writer.Key("unit").String(quantity.unit);
  WriteOptionalDecimal(writer.Key("value"), quantity.value);
  writer.EndObject();
}

nlohmann::json QuantityToJson(const Quantity& quantity) {
  CanonicalWriter writer;
  WriteQuantity(writer, quantity);
  return nlohmann::json::parse(writer.Take());
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
