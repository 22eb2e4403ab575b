// Fuzz target: the text layer's readers of outside input: UTF-8 checks, trimming, quote
// anchoring (the input is split at its first NUL into document and quote) and dates.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "claimledger/dates.h"
#include "claimledger/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(bytes), size);
  const bool valid = claimledger::IsValidUtf8(input);
  if (valid != (claimledger::FirstInvalidUtf8(input) == std::string_view::npos)) __builtin_trap();

  if (auto date = claimledger::NormaliseDate(input)) {
    // A normalised date is its own normal form.
    if (claimledger::NormaliseDate(*date) != *date) __builtin_trap();
  }
  if (!valid) return 0;

  const std::string_view trimmed = claimledger::TrimSpace(input);
  if (!claimledger::IsValidUtf8(trimmed) || trimmed.size() > input.size()) __builtin_trap();

  const std::size_t cut = input.find('\0');
  if (cut == std::string_view::npos) return 0;
  const std::string_view document = input.substr(0, cut);
  const std::string_view quote = input.substr(cut + 1);
  if (quote.empty() || !claimledger::IsValidUtf8(document)) return 0;
  if (auto anchored = claimledger::AnchorQuote(document, quote)) {
    if (anchored->exact != quote ||
        anchored->end - anchored->start != claimledger::CodePointCount(quote)) {
      __builtin_trap();
    }
    const std::string rebuilt = anchored->prefix + anchored->exact + anchored->suffix;
    if (document.find(rebuilt) == std::string_view::npos) __builtin_trap();
  } else if (document.find(quote) != std::string_view::npos) {
    __builtin_trap();
  }
  return 0;
}
