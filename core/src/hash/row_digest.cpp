// Row digests (row_digest.h): the keyed hash is libsodium's SipHash-2-4 with 128-bit output.
#include "hash/row_digest.h"

#include <sodium.h>

namespace claimledger {

static_assert(RowDigestKey::kBytes == crypto_shorthash_siphashx24_KEYBYTES);
static_assert(sizeof(TableDigest::sum) == crypto_shorthash_siphashx24_BYTES);

RowDigestKey RowDigestKey::Random() {
  RowDigestKey key;
  randombytes_buf(key.bytes, sizeof key.bytes);
  return key;
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
