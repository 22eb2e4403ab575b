// Ed25519 signatures (RFC 8032) with libsodium: the signatures on checkpoints (C2SP
// signed-note). A key pair is kept as its 32-byte seed, from which libsodium derives the
// public key and the expanded secret key for each signature; every copy of secret bytes made
// here is wiped after use. Pure functions, no I/O (the random generator excepted).
#ifndef CLAIMLEDGER_HASH_ED25519_H_
#define CLAIMLEDGER_HASH_ED25519_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace claimledger {

inline constexpr std::size_t kEd25519SeedBytes = 32;
inline constexpr std::size_t kEd25519PublicKeyBytes = 32;
inline constexpr std::size_t kEd25519SignatureBytes = 64;

// A new random seed from the system's secure generator.
std::string NewEd25519Seed();

// The public key of the key pair made from `seed`. REQUIRES: seed.size() == 32.
std::string Ed25519PublicKey(std::string_view seed);

// The signature of `message` by the key pair made from `seed`. REQUIRES: seed.size() == 32.
std::string Ed25519Sign(std::string_view seed, std::string_view message);

// True when `signature` is a valid signature of `message` by `public_key`; false for keys
// or signatures of the wrong length.
bool Ed25519Verify(std::string_view public_key, std::string_view message,
                   std::string_view signature);

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_ED25519_H_
