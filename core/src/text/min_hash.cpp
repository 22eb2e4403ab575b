// MinHash/LSH bucket keys (min_hash.h). Every claim added and every verify() computes them, so
// they are cheap: each distinct content word is hashed once (XXH3-64), and the signature's
// kMinHashSize hash functions are derived from that one hash by a multiply-xorshift mix with a
// constant of each function's own (a permutation of 64-bit values); a band's key is the
// XXH3-64 of its values.
#include "text/min_hash.h"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <string>
#include <utility>

#include "text/words.h"

namespace claimledger {
namespace {

// The constants of the signature's hash functions: odd, from a fixed splitmix64 sequence.
constexpr std::array<std::uint64_t, kMinHashSize> MixConstants() {
  std::array<std::uint64_t, kMinHashSize> constants{};
  std::uint64_t state = 0x6C6564676572ull;  // "ledger"
  for (std::uint64_t& constant : constants) {
    state += 0x9E3779B97F4A7C15ull;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    constant = (z ^ (z >> 31)) | 1;
  }
  return constants;
}
constexpr std::array<std::uint64_t, kMinHashSize> kMix = MixConstants();

// Function i of the signature, of a word whose hash is `word`: a bijection of 64-bit values.
inline std::uint64_t Permuted(std::uint64_t word, std::uint64_t constant) {
  std::uint64_t x = (word ^ (word >> 29)) * constant;
  return x ^ (x >> 32);
}

}  // namespace

std::vector<std::int64_t> LshBuckets(std::string_view text, bool character_words) {
  // The hashes of the distinct content words.
  std::vector<std::uint64_t> words;
  ForEachWord(
      text,
      [&](std::string_view word) {
        if (!IsStopWord(word)) words.push_back(XXH3_64bits(word.data(), word.size()));
      },
      character_words);
  if (words.empty()) return {};
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());

  std::uint64_t signature[kMinHashSize];
  std::fill(std::begin(signature), std::end(signature), std::numeric_limits<std::uint64_t>::max());
  for (const std::uint64_t word : words) {
    for (int i = 0; i < kMinHashSize; ++i) {
      signature[i] = std::min(signature[i], Permuted(word, kMix[i]));
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

std::vector<std::int64_t> DistinctLshBuckets(std::string_view text, bool character_words) {
  std::vector<std::int64_t> buckets = LshBuckets(text, character_words);
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  return buckets;
}

}  // namespace claimledger
