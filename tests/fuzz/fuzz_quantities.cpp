// Fuzz target: the quantity parser. On any bytes it returns spans that lie inside the
// input, in order, whose text is exactly the bytes they cover, and values that are
// finite with low <= high. Each quantity is then compared with all of them (as a claim
// against its evidence): a known outcome, a finite difference, and "equal" against itself.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claimledger/quantities.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  std::size_t last_end = 0;
  const std::vector<claimledger::Quantity> found = claimledger::ParseQuantities(text);
  for (const claimledger::Quantity& q : found) {
    if (q.begin > q.end || q.end > text.size() || q.begin < last_end) __builtin_trap();
    if (text.substr(q.begin, q.end - q.begin) != q.text) __builtin_trap();
    if (q.value && !std::isfinite(*q.value)) __builtin_trap();
    if (q.low.has_value() != q.high.has_value()) __builtin_trap();
    if (q.low && (!std::isfinite(*q.low) || !std::isfinite(*q.high) || *q.low > *q.high)) {
      __builtin_trap();
    }
    last_end = q.end;
  }
  for (const claimledger::Quantity& q : found) {
    const auto best = claimledger::BestComparison(q, found);
    if (!best) continue;
    const std::string& outcome = best->outcome;
    if (outcome != "equal" && outcome != "within" && outcome != "overlaps" && outcome != "off") {
      __builtin_trap();
    }
    if (!std::isfinite(best->difference) || (outcome != "off" && best->difference != 0)) {
      __builtin_trap();
    }
    const auto self = claimledger::CompareQuantity(q, q);
    if (self && self->outcome != "equal") __builtin_trap();
  }
  return 0;
}
