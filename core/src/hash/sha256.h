// SHA-256 with the processor's SHA instructions (x86 SHA extensions), when it has them.
//
// The chain hashes every event with SHA-256, so verify() and every write spend much of their
// time in it. libsodium's SHA-256 is portable C; processors since about 2017 (Intel Goldmont
// and Ice Lake on, AMD Zen) compute it several times faster in hardware. Sha256() in hash.h
// uses this path when the processor supports it and libsodium otherwise; both give the same
// digest (the tests compare them on many inputs). Pure functions, no I/O.
#ifndef CLAIMLEDGER_HASH_SHA256_H_
#define CLAIMLEDGER_HASH_SHA256_H_

#include <initializer_list>
#include <string_view>

namespace claimledger {

inline constexpr int kSha256Bytes = 32;

// True when this processor has the instructions Sha256WithCpu needs (checked once).
bool HasSha256Instructions();

// Writes the SHA-256 of the concatenation of `parts` to `digest` with the processor's SHA
// instructions (the parts are not copied into one buffer). Only to be called when
// HasSha256Instructions() is true.
void Sha256WithCpu(std::initializer_list<std::string_view> parts,
                   unsigned char digest[kSha256Bytes]);

// Writes the SHA-256 of the concatenation of `parts` to `digest`: with the processor's
// instructions when it has them, else with libsodium. The Merkle tree hashes a prefix byte
// and its inputs this way (merkle.h).
void Sha256Digest(std::initializer_list<std::string_view> parts,
                  unsigned char digest[kSha256Bytes]);

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_SHA256_H_
