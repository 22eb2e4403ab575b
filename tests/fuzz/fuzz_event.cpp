// Fuzz target: event decoding. Any bytes are read as JSON twice, by nlohmann's parser and
// by JsonView (the DOM-free reader of canonical JSON that replays use), and the two must
// agree: JsonView accepts exactly the canonical texts, and reads the same values from
// them. Whatever parses is then applied as an event's data to an in-memory ledger, from
// the DOM and from the raw bytes, which must either accept it or throw
// claimledger::Error, never crash or corrupt.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "codec/canonical_json.h"
#include "codec/json_view.h"
#include "ledger/chain.h"
#include "ledger/projection.h"
#include "store/open_store.h"

using claimledger::Error;
using claimledger::JsonValue;
using nlohmann::json;

namespace {

// How deep the most deeply nested value lies (the whole text's value at depth 0).
int Depth(const json& value) {
  int deepest = -1;
  if (value.is_structured()) {
    for (const auto& item : value) deepest = std::max(deepest, Depth(item));
  }
  return deepest + 1;
}

// JsonView reads from its text the same values as the DOM holds.
void CheckSame(const JsonValue& view, const json& dom) {
  if (view.is_null() != dom.is_null() || view.is_string() != dom.is_string() ||
      view.is_array() != dom.is_array() || view.is_object() != dom.is_object()) {
    __builtin_trap();
  }
  if (dom.is_string() && view.String() != dom.get<std::string>()) __builtin_trap();
  if (dom.is_number_integer()) {
    const bool fits = dom.is_number_unsigned() ? dom.get<std::uint64_t>() <= INT64_MAX : true;
    try {
      if (view.Int() != dom.get<std::int64_t>() || !fits) __builtin_trap();
    } catch (const claimledger::JsonFieldError&) {
      if (fits) __builtin_trap();
    }
  }
  if (dom.is_array()) {
    const std::vector<JsonValue> elements = view.Elements();
    if (elements.size() != dom.size()) __builtin_trap();
    for (std::size_t i = 0; i < elements.size(); ++i) CheckSame(elements[i], dom[i]);
  }
  if (dom.is_object()) {
    for (const auto& [key, value] : dom.items()) {
      const bool plain = std::all_of(key.begin(), key.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
      });
      if (!plain) continue;  // Find looks up plain names only
      const auto found = view.Find(key);
      if (!found) __builtin_trap();
      CheckSame(*found, value);
    }
    // Again in decreasing order, with a name that may be absent after each (Find goes on
    // from the key it found last when it can).
    std::vector<std::string> keys;
    for (const auto& item : dom.items()) keys.push_back(item.key());
    for (auto key = keys.rbegin(); key != keys.rend(); ++key) {
      const bool plain = std::all_of(key->begin(), key->end(), [](char c) {
        return static_cast<unsigned char>(c) >= 0x20 && c != '"' && c != '\\';
      });
      if (!plain) continue;
      const auto found = view.Find(*key);
      if (!found || found->text() != dom[*key].dump(-1, ' ', false)) __builtin_trap();
      const std::string other = *key + "~";
      if (view.Find(other).has_value() != dom.contains(other)) __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  claimledger::JsonView view;
  const bool canonical_text = view.Parse(text);
  const auto json = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    if (canonical_text) __builtin_trap();  // JsonView accepted what is not JSON
    return 0;
  }

  // Canonical JSON is a fixed point: writing what it wrote gives the same bytes.
  std::string canonical;
  try {
    canonical = claimledger::CanonicalJson(json);
  } catch (const Error&) {
    if (canonical_text) __builtin_trap();  // floats or invalid UTF-8 are not canonical
    return 0;
  }
  if (claimledger::CanonicalJson(json::parse(canonical)) != canonical) __builtin_trap();
  // JsonView accepts the canonical text (within its depth), and nothing else.
  if (canonical_text != (canonical == text)) __builtin_trap();
  if (view.Parse(canonical) != (Depth(json) <= claimledger::JsonView::kMaxDepth)) {
    __builtin_trap();
  }
  if (view.Parse(canonical)) CheckSame(view.root(), json);

  if (!json.is_object()) return 0;
  static auto store = claimledger::OpenStore(":memory:", {});
  claimledger::Event event;
  event.seq = 2;
  const bool has_type = json.contains("type") && json["type"].is_string();
  event.type = has_type ? json["type"].get<std::string>() : "claim.added";
  event.data = claimledger::CanonicalJson(json.contains("data") ? json["data"] : json);
  event.at = "2026-01-01T00:00:00.000000Z";
  event.actor = "fuzz";
  event.prev = claimledger::GenesisPrev();
  event.hash = claimledger::EventHash(event);
  store->BeginWrite();
  try {
    claimledger::ApplyEvent(*store, event);
  } catch (const Error&) {
  }
  store->Rollback();
  // The same from the bytes as stored (canonical or not), as verify reads them.
  event.data = text;
  store->BeginWrite();
  try {
    claimledger::ApplyEvent(*store, event);
  } catch (const Error&) {
  }
  store->Rollback();
  return 0;
}
