// The hash layer: XXH3-128 (xxHash) for content ids, SHA-256 for the chain (the processor's
// SHA instructions when it has them, sha256.h; libsodium otherwise). Everything above it
// names content and events through these functions only.
#include "claimledger/hash.h"

#include <sodium.h>
#include <xxhash.h>

#include <cstdlib>

#include "hash/sha256.h"
#include "hash/sodium.h"

namespace claimledger {
namespace {

bool IsPrefixedHex(std::string_view text, std::string_view prefix, std::size_t digits) {
  if (text.size() != prefix.size() + digits || text.substr(0, prefix.size()) != prefix) {
    return false;
  }
  for (char c : text.substr(prefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

// sodium_init() is idempotent and thread-safe; it lets libsodium pick its implementations
// and seed its random generator before first use.
void InitSodium() {
  static const bool initialised = [] { return sodium_init() >= 0; }();
  if (!initialised) std::abort();  // libsodium cannot run on this machine at all
}

void Sha256Digest(std::initializer_list<std::string_view> parts,
                  unsigned char digest[kSha256Bytes]) {
  if (HasSha256Instructions()) {
    Sha256WithCpu(parts, digest);
    return;
  }
  InitSodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const std::string_view part : parts) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                              part.size());
  }
  crypto_hash_sha256_final(&state, digest);
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string HexOf(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(bytes.size() * 2);
  for (unsigned char byte : bytes) {
    hex.push_back(kDigits[byte >> 4]);
    hex.push_back(kDigits[byte & 0x0f]);
  }
  return hex;
}

std::string ContentId(std::string_view bytes) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, XXH3_128bits(bytes.data(), bytes.size()));
  return std::string(kContentIdPrefix) +
         HexOf(std::string_view(reinterpret_cast<const char*>(canonical.digest),
                                sizeof(canonical.digest)));
}

std::string Sha256(std::string_view bytes) {
  static_assert(crypto_hash_sha256_BYTES == kSha256Bytes);
  unsigned char digest[kSha256Bytes];
  Sha256Digest({bytes}, digest);
  return std::string(kSha256Prefix) +
         HexOf(std::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string RandomHex(std::size_t count) {
  InitSodium();
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), count);
  return HexOf(bytes);
}

const std::string& GenesisPrev() {
  static const std::string prev = std::string(kSha256Prefix) + std::string(64, '0');
  return prev;
}

bool IsContentId(std::string_view text) { return IsPrefixedHex(text, kContentIdPrefix, 32); }

bool IsSha256(std::string_view text) { return IsPrefixedHex(text, kSha256Prefix, 64); }

}  // namespace claimledger
