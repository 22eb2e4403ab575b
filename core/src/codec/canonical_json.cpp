// Canonical JSON (canonical_json.h).
#include "codec/canonical_json.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cmath>
#include <utility>

#include "claimledger/error.h"

namespace claimledger {
namespace {

// Appends `text` as a canonical JSON string: as it is when every byte is printable ASCII
// other than '"' and '\\' (the common case), else as CanonicalJson writes it.
void AppendJsonString(std::string& out, std::string_view text) {
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
  });
  if (plain) {
    out.append(1, '"').append(text).append(1, '"');
  } else {
    out.append(CanonicalJson(nlohmann::json(std::string(text))));
  }
}

bool HasFloat(const nlohmann::json& value) {
  if (value.is_number_float()) return true;
  if (value.is_structured()) {
    for (const auto& item : value) {
      if (HasFloat(item)) return true;
    }
  }
  return false;
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

JsonValue ParseCanonical(std::string_view text, JsonView& view, std::string& canonical) {
  if (view.Parse(text)) return view.root();
  const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) {
    throw Error(Code::kInvalidInput, "claimledger.json.not_json", "the text is not JSON");
  }
  canonical = CanonicalJson(parsed);
  if (!view.Parse(canonical)) {
    throw Error(
        Code::kInvalidInput, "claimledger.json.too_deep",
        "the JSON is nested more than " + std::to_string(JsonView::kMaxDepth) + " levels deep");
  }
  return view.root();
}

nlohmann::json OptionalToJson(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json();
}

// The six keys in sorted order, written around the canonical data (no copy of it).
std::string CanonicalEventText(const Event& event) {
  std::string out;
  out.reserve(event.data.size() + event.prev.size() + event.at.size() + event.actor.size() +
              event.type.size() + 80);
  out.append("{\"actor\":");
  AppendJsonString(out, event.actor);
  out.append(",\"at\":");
  AppendJsonString(out, event.at);
  out.append(",\"data\":").append(event.data).append(",\"prev\":");
  AppendJsonString(out, event.prev);
  out.append(",\"seq\":").append(std::to_string(event.seq)).append(",\"type\":");
  AppendJsonString(out, event.type);
  return out.append(1, '}');
}

// --- CanonicalWriter ------------------------------------------------------------------------

void CanonicalWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (empty_.empty()) return;
  if (!empty_.back()) out_.append(1, ',');
  empty_.back() = false;
}

CanonicalWriter& CanonicalWriter::BeginObject() {
  BeforeValue();
  out_.append(1, '{');
  empty_.push_back(true);
#ifndef NDEBUG
  last_key_.emplace_back();
#endif
  return *this;
}

CanonicalWriter& CanonicalWriter::EndObject() {
  out_.append(1, '}');
  empty_.pop_back();
#ifndef NDEBUG
  last_key_.pop_back();
#endif
  return *this;
}

CanonicalWriter& CanonicalWriter::BeginArray() {
  BeforeValue();
  out_.append(1, '[');
  empty_.push_back(true);
  return *this;
}

CanonicalWriter& CanonicalWriter::EndArray() {
  out_.append(1, ']');
  empty_.pop_back();
  return *this;
}

CanonicalWriter& CanonicalWriter::Key(std::string_view key) {
  assert(!last_key_.empty() && (empty_.back() || key > last_key_.back()));
#ifndef NDEBUG
  last_key_.back().assign(key);
#endif
  if (!empty_.back()) out_.append(1, ',');
  empty_.back() = false;
  AppendJsonString(out_, key);
  out_.append(1, ':');
  after_key_ = true;
  return *this;
}

CanonicalWriter& CanonicalWriter::String(std::string_view text) {
  BeforeValue();
  AppendJsonString(out_, text);
  return *this;
}

CanonicalWriter& CanonicalWriter::OptionalString(const std::optional<std::string>& text) {
  return text ? String(*text) : Null();
}

CanonicalWriter& CanonicalWriter::Int(std::int64_t value) {
  BeforeValue();
  char buffer[24];
  out_.append(buffer, std::to_chars(buffer, buffer + sizeof(buffer), value).ptr);
  return *this;
}

CanonicalWriter& CanonicalWriter::Null() {
  BeforeValue();
  out_.append("null");
  return *this;
}

CanonicalWriter& CanonicalWriter::Json(std::string_view text) {
  BeforeValue();
  JsonView view;
  if (view.Parse(text)) {
    out_.append(text);  // canonical already, as the workbench's attributes are
  } else {
    out_.append(CanonicalJson(nlohmann::json::parse(text)));
  }
  return *this;
}

std::string CanonicalWriter::Take() { return std::exchange(out_, std::string()); }

}  // namespace claimledger
