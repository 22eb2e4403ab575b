// Row digests (row_digest.h): libsodium's SipHash-2-4 with 128-bit output for the tables of
// current state, XXH3 with a random secret for derived tables.
#include "hash/row_digest.h"

#include <sodium.h>
#include <xxhash.h>

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

}  // namespace claimledger
