// The workbench's input checks (input.h).
#include "workbench/input.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "codec/canonical_json.h"
#include "codec/dates.h"
#include "codec/json_view.h"
#include "text/utf8.h"

namespace claimledger {

Error Invalid(const std::string& id, const std::string& detail) {
  return Error(Code::kInvalidInput, "claimledger." + id, detail);
}

std::string Join(const std::vector<std::string>& items) {
  std::string joined;
  for (const std::string& item : items) joined += (joined.empty() ? "" : ", ") + item;
  return joined;
}

std::string Shown(const std::string& text) {
  constexpr std::size_t kMax = 80;
  if (text.size() <= kMax) return "\"" + text + "\"";
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return "\"" + text.substr(0, cut) + "…\"";
}

void RequireUtf8(const std::string& field, const std::string& text) {
  const std::size_t bad = FirstInvalidUtf8(text);
  if (bad != std::string::npos) {
    throw Invalid("input.utf8", field + " is not valid UTF-8 (invalid byte at offset " +
                                    std::to_string(bad) + "); text must be UTF-8");
  }
}

std::string OptionalUtf8(const std::string& field, const std::optional<std::string>& text) {
  if (!text) return "";
  RequireUtf8(field, *text);
  return *text;
}

std::string RequireText(const std::string& field, const std::string& text) {
  RequireUtf8(field, text);
  const std::string_view trimmed = TrimSpace(text);
  if (trimmed.empty()) throw Invalid("input.empty", field + " is empty; give some text");
  return std::string(trimmed);
}

std::optional<std::string> OptionalText(const std::string& field,
                                        const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return RequireText(field, *text);
}

std::optional<std::string> OptionalDate(const std::string& field,
                                        const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  RequireUtf8(field, *text);
  const auto date = NormaliseDate(*text);
  if (!date) {
    throw Invalid("input.date", field + " " + Shown(*text) +
                                    " is not a date; use YYYY-MM-DD or an RFC 3339 time such "
                                    "as 2024-10-21T08:15:00Z");
  }
  return date;
}

void RequireChoice(const std::string& id, const std::string& what, const std::string& value,
                   const std::vector<std::string>& accepted) {
  if (std::find(accepted.begin(), accepted.end(), value) == accepted.end()) {
    throw Invalid(id, "unknown " + what + " " + Shown(value) + "; accepted: " + Join(accepted));
  }
}

std::string CleanAttributes(const std::string& field, const std::string& json, bool null_allowed) {
  const auto wrong = [&] {
    return Invalid("input.attributes", field + " must be an object of text or integer values");
  };
  if (json.empty() && null_allowed) return "null";
  // Text that is canonical already (as the Python package sends it) is checked where it lies:
  // JsonView accepts valid UTF-8 and integers only, so each value need only be a string, an
  // integer or null. Any other text goes the general way, which also words the errors.
  JsonView view;
  if (view.Parse(json)) {
    const JsonValue root = view.root();
    if (root.is_null() && null_allowed) return "null";
    if (root.is_object()) {
      const std::vector<JsonValue> values = root.Values();
      if (std::all_of(values.begin(), values.end(), [](const JsonValue& v) {
            return v.is_string() || v.is_number() || v.is_null();
          })) {
        return json;
      }
    }
  }
  const nlohmann::json value = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) {
    throw Invalid("input.json", field + " is not valid JSON: " + Shown(json));
  }
  if (value.is_null() && null_allowed) return "null";
  if (!value.is_object()) throw wrong();
  for (const auto& [key, item] : value.items()) {
    RequireUtf8(field + " key", key);
    if (item.is_string()) {
      RequireUtf8(field + " " + key, item.get<std::string>());
    } else if (!item.is_number_integer() && !item.is_null()) {
      throw Invalid("input.attributes", field + " " + Shown(key) +
                                            " must be text or an integer, not " +
                                            std::string(item.type_name()));
    }
  }
  return CanonicalJson(value);
}

std::vector<std::string> CleanTags(const std::vector<std::string>& tags) {
  std::set<std::string> clean;
  for (const std::string& tag : tags) clean.insert(RequireText("tag", tag));
  return {clean.begin(), clean.end()};
}

void RethrowAt(const Error& error, const std::string& where) {
  throw Error(error.code(), error.id(), where + ": " + error.detail());
}

std::string FoldedName(const std::string& name) {
  const std::size_t first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  std::string folded = name.substr(first, name.find_last_not_of(" \t\r\n") - first + 1);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return folded;
}

}  // namespace claimledger
