// Fuzz target: event decoding. Any bytes are read as JSON; whatever parses is checked
// for canonical-form stability and then applied as an event to an in-memory ledger,
// which must either accept it or throw claimledger::Error, never crash or corrupt.
#include <cstddef>
#include <cstdint>
#include <string>

#include "claimledger/codec.h"
#include "claimledger/error.h"
#include "claimledger/hash.h"
#include "claimledger/ledger.h"
#include "claimledger/store.h"

using claimledger::Error;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(bytes), size);
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return 0;

  // Canonical JSON is a fixed point: writing what it wrote gives the same bytes.
  std::string canonical;
  try {
    canonical = claimledger::CanonicalJson(json);
  } catch (const Error&) {
    return 0;  // floats or invalid UTF-8: refused with an error, as documented
  }
  if (claimledger::CanonicalJson(nlohmann::json::parse(canonical)) != canonical) __builtin_trap();

  if (!json.is_object()) return 0;
  static auto store = claimledger::OpenSqliteStore(":memory:", {});
  claimledger::Event event;
  event.seq = 2;
  const bool has_type = json.contains("type") && json["type"].is_string();
  event.type = has_type ? json["type"].get<std::string>() : "claim.added";
  event.data = json.contains("data") ? json["data"] : json;
  event.at = "2026-01-01T00:00:00.000000Z";
  event.actor = "fuzz";
  event.prev = claimledger::GenesisPrev();
  event.hash = claimledger::EventHash(event);
  store->BeginWrite();
  try {
    claimledger::Ledger::Apply(*store, event);
  } catch (const Error&) {
  }
  store->Rollback();
  return 0;
}
