// Ed25519 (ed25519.h) with libsodium.
#include "hash/ed25519.h"

#include <sodium.h>

#include <cstdlib>

#include "hash/sodium.h"

namespace claimledger {
namespace {

static_assert(crypto_sign_SEEDBYTES == kEd25519SeedBytes);
static_assert(crypto_sign_PUBLICKEYBYTES == kEd25519PublicKeyBytes);
static_assert(crypto_sign_BYTES == kEd25519SignatureBytes);

// The key pair of `seed`: libsodium's 64-byte secret key (seed and public key), wiped when
// this goes out of scope.
struct KeyPair {
  explicit KeyPair(std::string_view seed) {
    InitSodium();
    if (seed.size() != kEd25519SeedBytes) std::abort();  // callers check the length
    crypto_sign_seed_keypair(public_key, secret_key,
                             reinterpret_cast<const unsigned char*>(seed.data()));
  }
  ~KeyPair() { sodium_memzero(secret_key, sizeof secret_key); }
  KeyPair(const KeyPair&) = delete;
  KeyPair& operator=(const KeyPair&) = delete;

  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  unsigned char secret_key[crypto_sign_SECRETKEYBYTES];
};

}  // namespace

std::string NewEd25519Seed() {
  InitSodium();
  std::string seed(kEd25519SeedBytes, '\0');
  randombytes_buf(seed.data(), seed.size());
  return seed;
}

std::string Ed25519PublicKey(std::string_view seed) {
  const KeyPair pair(seed);
  return std::string(reinterpret_cast<const char*>(pair.public_key), sizeof pair.public_key);
}

std::string Ed25519Sign(std::string_view seed, std::string_view message) {
  const KeyPair pair(seed);
  std::string signature(kEd25519SignatureBytes, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       pair.secret_key);
  return signature;
}

bool Ed25519Verify(std::string_view public_key, std::string_view message,
                   std::string_view signature) {
  InitSodium();
  if (public_key.size() != kEd25519PublicKeyBytes || signature.size() != kEd25519SignatureBytes) {
    return false;
  }
  return crypto_sign_verify_detached(
             reinterpret_cast<const unsigned char*>(signature.data()),
             reinterpret_cast<const unsigned char*>(message.data()), message.size(),
             reinterpret_cast<const unsigned char*>(public_key.data())) == 0;
}

}  // namespace claimledger
