// Fuzz target: the quantity parser. On any bytes it returns spans that lie inside the
// input, in order, whose text is exactly the bytes they cover, and values that are
// finite with low <= high.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "claimledger/quantities.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  std::size_t last_end = 0;
  for (const claimledger::Quantity& q : claimledger::ParseQuantities(text)) {
    if (q.begin > q.end || q.end > text.size() || q.begin < last_end) __builtin_trap();
    if (text.substr(q.begin, q.end - q.begin) != q.text) __builtin_trap();
    if (q.value && !std::isfinite(*q.value)) __builtin_trap();
    if (q.low.has_value() != q.high.has_value()) __builtin_trap();
    if (q.low && (!std::isfinite(*q.low) || !std::isfinite(*q.high) || *q.low > *q.high)) {
      __builtin_trap();
    }
    last_end = q.end;
  }
  return 0;
}
