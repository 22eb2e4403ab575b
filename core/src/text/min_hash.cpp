// MinHash/LSH bucket keys (min_hash.h). Every claim added and every verify() computes them, so
// the words are gathered without a string each and xxHash is inlined here (XXH_INLINE_ALL, a
// mode of Debian's libxxhash-dev header): for one word and 32 seeds the compiler keeps the
// word's bytes in registers. The keys are the same as those of the plain library calls.
#include "text/min_hash.h"

#define XXH_INLINE_ALL
#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "text/words.h"

namespace claimledger {

std::vector<std::int64_t> LshBuckets(std::string_view text) {
  // The distinct content words, each a view of `arena` (no longer than the text, so that it
  // never moves while the words are added).
  std::string arena;
  arena.reserve(text.size());
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // offset, size in arena
  ForEachWord(text, [&](std::string_view word) {
    if (IsStopWord(word)) return;
    spans.emplace_back(arena.size(), word.size());
    arena.append(word);
  });
  if (spans.empty()) return {};
  std::vector<std::string_view> words;
  words.reserve(spans.size());
  for (const auto& [offset, size] : spans) words.emplace_back(arena.data() + offset, size);
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());

  std::uint64_t signature[kMinHashSize];
  std::fill(std::begin(signature), std::end(signature), std::numeric_limits<std::uint64_t>::max());
  for (const std::string_view word : words) {
    for (int i = 0; i < kMinHashSize; ++i) {
      signature[i] = std::min(signature[i], XXH3_64bits_withSeed(word.data(), word.size(),
                                                                 static_cast<XXH64_hash_t>(i)));
    }
  }
  std::vector<std::int64_t> buckets(kLshBands);
  for (int band = 0; band < kLshBands; ++band) {
    const std::uint64_t key = XXH3_64bits_withSeed(&signature[band * kLshRows],
                                                   kLshRows * sizeof(std::uint64_t), 1000 + band);
    std::memcpy(&buckets[band], &key, sizeof key);
  }
  return buckets;
}

}  // namespace claimledger
