// Ed25519 and base64 in the hash layer: RFC 8032's test vectors, signatures that fail after
// any change, and base64 that accepts only the canonical text.
#include <gtest/gtest.h>

#include "claimledger/hash.h"
#include "hash/base64.h"
#include "hash/ed25519.h"
#include "test_util.h"

namespace claimledger {
namespace {

using testing_util::FromHex;

TEST(Ed25519Test, Rfc8032TestVectors) {
  struct Vector {
    const char* seed;
    const char* public_key;
    const char* message;
    const char* signature;
  };
  const Vector vectors[] = {
      {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e397"
       "01cf9b46bd25bf5f0595bbe24655141438e7a100b"},
      {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f361"
       "3d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
  };
  for (const Vector& v : vectors) {
    const std::string seed = FromHex(v.seed), message = FromHex(v.message);
    EXPECT_EQ(HexOf(Ed25519PublicKey(seed)), v.public_key);
    EXPECT_EQ(HexOf(Ed25519Sign(seed, message)), v.signature);
    EXPECT_TRUE(Ed25519Verify(FromHex(v.public_key), message, FromHex(v.signature)));
  }
}

TEST(Ed25519Test, AChangedMessageSignatureOrKeyFails) {
  const std::string seed = NewEd25519Seed();
  const std::string key = Ed25519PublicKey(seed);
  const std::string signature = Ed25519Sign(seed, "origin\n1\nroot\n");
  ASSERT_TRUE(Ed25519Verify(key, "origin\n1\nroot\n", signature));
  EXPECT_FALSE(Ed25519Verify(key, "origin\n2\nroot\n", signature));
  for (std::size_t i = 0; i < signature.size(); ++i) {
    std::string changed = signature;
    changed[i] ^= 0x01;
    EXPECT_FALSE(Ed25519Verify(key, "origin\n1\nroot\n", changed)) << i;
  }
  EXPECT_FALSE(Ed25519Verify(Ed25519PublicKey(NewEd25519Seed()), "origin\n1\nroot\n", signature));
  EXPECT_FALSE(Ed25519Verify(key.substr(1), "origin\n1\nroot\n", signature));
  EXPECT_FALSE(Ed25519Verify(key, "origin\n1\nroot\n", signature.substr(1)));
}

TEST(Base64Test, RoundTripsAndRefusesAllButTheCanonicalText) {
  for (std::string bytes : {std::string(), std::string("f"), std::string("fo"), std::string("foo"),
                            std::string("foob"), std::string(32, '\xff')}) {
    EXPECT_EQ(FromBase64(Base64(bytes)), bytes);
  }
  EXPECT_EQ(Base64("foobar"), "Zm9vYmFy");
  EXPECT_EQ(FromBase64("Zm9vYg=="), "foob");
  EXPECT_EQ(FromBase64("Zm9vYh=="), std::nullopt);   // unused bits set
  EXPECT_EQ(FromBase64("Zm9vYg"), std::nullopt);     // no padding
  EXPECT_EQ(FromBase64("Zm9v Yg=="), std::nullopt);  // a space
  EXPECT_EQ(FromBase64("Zm9vYg==\n"), std::nullopt);
  EXPECT_EQ(FromBase64("Zm9v_g=="), std::nullopt);  // the URL alphabet
  EXPECT_EQ(FromBase64("Zm9vY==="), std::nullopt);
}

}  // namespace
}  // namespace claimledger
