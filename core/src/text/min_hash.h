// MinHash/LSH bucket keys of claim texts, for near-duplicate matching ("checked before?").
//
// A claim's distinct content words (words.h) are summarised by a MinHash signature of
// kMinHashSize values (the least XXH3-64 of its words under each of kMinHashSize seeds);
// locality-sensitive hashing splits the signature into kLshBands bands of kLshRows values,
// and each band's values hash to one bucket key. Claims sharing a bucket become candidates,
// which the workbench ranks with TextSimilarity (similarity.h). The store keeps the keys of
// every claim; verify() computes them again from the claims' texts. Pure.
#ifndef CLAIMLEDGER_TEXT_MIN_HASH_H_
#define CLAIMLEDGER_TEXT_MIN_HASH_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace claimledger {

inline constexpr int kMinHashSize = 32;  // hash functions in a signature
inline constexpr int kLshRows = 2;       // signature values per band
inline constexpr int kLshBands = kMinHashSize / kLshRows;

// The LSH bucket keys of `text`, one per band (empty when it has no content words).
// `character_words` as ForEachWord's (false: the keys ledgers of schema 6 and older keep).
std::vector<std::int64_t> LshBuckets(std::string_view text, bool character_words = true);
// The distinct keys of LshBuckets(text), in increasing order (the rows a store keeps).
std::vector<std::int64_t> DistinctLshBuckets(std::string_view text, bool character_words = true);

}  // namespace claimledger

#endif  // CLAIMLEDGER_TEXT_MIN_HASH_H_
