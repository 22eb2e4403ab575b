// Base64 (base64.h) with libsodium's constant-time codec.
#include "hash/base64.h"

#include <sodium.h>

#include "hash/sodium.h"

namespace claimledger {

std::string Base64(std::string_view bytes) {
  InitSodium();
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  text.resize(text.size() - 1);  // the terminating NUL
  return text;
}

std::optional<std::string> FromBase64(std::string_view text) {
  InitSodium();
  if (text.size() % 4 != 0) return std::nullopt;
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), text.data(),
                        text.size(), nullptr, &length, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  // The canonical text only: libsodium accepts nonzero unused bits in the last character.
  if (Base64(bytes) != text) return std::nullopt;
  return bytes;
}

}  // namespace claimledger
