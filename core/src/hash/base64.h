// Base64, the standard alphabet with padding (RFC 4648, section 4): the text form of snapshot
// bytes in bundles, and of hashes, keys and signatures in the transparency formats (signed
// notes, checkpoints, proofs). Pure functions, no I/O.
#ifndef CLAIMLEDGER_HASH_BASE64_H_
#define CLAIMLEDGER_HASH_BASE64_H_

#include <optional>
#include <string>
#include <string_view>

namespace claimledger {

// `bytes` as base64 with padding.
std::string Base64(std::string_view bytes);

// The bytes that `text` encodes; nothing unless `text` is base64 in its one canonical form:
// the standard alphabet, padded to a multiple of four characters, no spaces or line breaks,
// and the unused bits of the last character zero (so that each byte string has exactly one
// text, and a changed character always changes the bytes or is refused).
std::optional<std::string> FromBase64(std::string_view text);

}  // namespace claimledger

#endif  // CLAIMLEDGER_HASH_BASE64_H_
