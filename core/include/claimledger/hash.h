// Hashes and their text form: XXH3-128 content ids and SHA-256 chain hashes.
//
// Content ids name snapshots by their exact bytes ("xxh3-128:" + 32 lowercase hex digits in
// the canonical big-endian order). The event chain uses SHA-256 ("sha256:" + 64 digits),
// which also commits to every snapshot's bytes. Pure functions, no I/O.
#ifndef CLAIMLEDGER_HASH_H_
#define CLAIMLEDGER_HASH_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace claimledger {

inline constexpr std::string_view kContentIdPrefix = "xxh3-128:";
inline constexpr std::string_view kSha256Prefix = "sha256:";

// "xxh3-128:" + the XXH3-128 of `bytes`, 32 hex digits, canonical (big-endian) order.
std::string ContentId(std::string_view bytes);

// "sha256:" + the SHA-256 of `bytes`, 64 hex digits.
std::string Sha256(std::string_view bytes);

// The `prev` of the first event: "sha256:" followed by 64 zeros.
const std::string& GenesisPrev();

// True when `text` is "xxh3-128:" + 32 lowercase hex digits.
bool IsContentId(std::string_view text);

// True when `text` is "sha256:" + 64 lowercase hex digits.
bool IsSha256(std::string_view text);

// Lowercase hex of `bytes`.
std::string HexOf(std::string_view bytes);

// The value of hex digit `c` (0-9, a-f, A-F), or -1 for another character.
int HexDigitValue(char c);

// `count` random bytes from the system's secure generator, as lowercase hex.
std::string RandomHex(std::size_t count);

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_H_
