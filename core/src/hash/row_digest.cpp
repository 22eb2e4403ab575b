// Row digests (row_digest.h): libsodium's SipHash-2-4 with 128-bit output for the tables of
// current state, XXH3 with a random secret for derived tables.
#include "hash/row_digest.h"

#include <sodium.h>
#include <xxhash.h>

#include <algorithm>
#include <cstring>

namespace claimledger {

static_assert(RowDigestKey::kBytes == crypto_shorthash_siphashx24_KEYBYTES);
static_assert(sizeof(TableDigest::sum) == crypto_shorthash_siphashx24_BYTES);

RowDigestKey RowDigestKey::Random() {
  RowDigestKey key;
  randombytes_buf(key.bytes, sizeof key.bytes);
  randombytes_buf(key.secret, sizeof key.secret);
  return key;
}

TableDigest FastRowDigest(const RowDigestKey& key, const void* bytes, std::size_t size) {
  static_assert(RowDigestKey::kSecretBytes >= XXH3_SECRET_SIZE_MIN);
  const XXH128_hash_t hash = XXH3_128bits_withSecret(bytes, size, key.secret, sizeof key.secret);
  TableDigest row;
  row.sum[0] = hash.low64;
  row.sum[1] = hash.high64;
  row.rows = 1;
  return row;
}

std::uint64_t FastTextHash(const RowDigestKey& key, std::string_view text) {
  return XXH3_64bits_withSecret(text.data(), text.size(), key.secret, sizeof key.secret);
}

TableDigest RowHasher::Digest() const {
  TableDigest row;
  crypto_shorthash_siphashx24(reinterpret_cast<unsigned char*>(row.sum),
                              reinterpret_cast<const unsigned char*>(buffer_.data()),
                              buffer_.size(), key_.bytes);
  row.rows = 1;
  return row;
}

void RowHasher::ValueHashes(std::vector<std::uint64_t>& out) const {
  const std::string_view encoded = buffer_;
  std::size_t at = 1;  // after the part's tag
  const auto varint = [&] {
    std::uint64_t value = 0;
    for (int shift = 0; at < encoded.size(); shift += 7) {
      const auto byte = static_cast<unsigned char>(encoded[at++]);
      value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
      if ((byte & 0x80) == 0) break;
    }
    return value;
  };
  while (at < encoded.size()) {
    const std::size_t start = at;
    const char type = encoded[at++];
    if (type == 'i') {
      varint();
    } else if (type != 'n') {  // text, or another type: a length and bytes
      at = std::min(encoded.size(), at + static_cast<std::size_t>(varint()));
    }
    out.push_back(FastTextHash(key_, encoded.substr(start, at - start)));
  }
}

}  // namespace claimledger
