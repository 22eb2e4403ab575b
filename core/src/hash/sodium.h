// libsodium's one-time set-up, shared by the hash layer's users of libsodium (SHA-256 without
// the processor's instructions, random bytes, Ed25519, base64).
#ifndef CLAIMLEDGER_HASH_SODIUM_H_
#define CLAIMLEDGER_HASH_SODIUM_H_

namespace claimledger {

// Initialises libsodium once (thread-safe); aborts on a machine where it cannot run at all.
void InitSodium();

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_SODIUM_H_
