// SHA-256: the published FIPS 180-4 examples, and the digest of every length from 0 to 300
// bytes (all padding cases) and of larger inputs checked against libsodium's.
#include "hash/sha256.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <random>
#include <string>

#include "claimledger/hash.h"

namespace claimledger {
namespace {

std::string LibsodiumSha256(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return "sha256:" + HexOf(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string RandomBytes(std::mt19937_64& random, std::size_t size) {
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(random());
  return bytes;
}

TEST(Sha256Test, PublishedExamples) {
  EXPECT_EQ(Sha256(""), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256("abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(Sha256(std::string(1000000, 'a')),
            "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// The processor's path against libsodium, byte for byte. On a processor without the SHA
// instructions only Sha256() (then libsodium itself) is compared; the next test checks that
// the instructions are used wherever the processor reports them.
TEST(Sha256Test, AgreesWithLibsodiumOnEveryShortLengthAndLargeInputs) {
  ASSERT_GE(sodium_init(), 0);
  std::mt19937_64 random(20261128);
  const auto check = [&](std::size_t size) {
    const std::string bytes = RandomBytes(random, size);
    const std::string expected = LibsodiumSha256(bytes);
    EXPECT_EQ(Sha256(bytes), expected) << size << " bytes";
    if (HasSha256Instructions()) {
      unsigned char digest[kSha256Bytes];
      Sha256WithCpu({bytes}, digest);
      EXPECT_EQ(
          "sha256:" + HexOf(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest)),
          expected)
          << size << " bytes";
    }
  };
  for (std::size_t size = 0; size <= 300; ++size) {
    for (int round = 0; round < 4; ++round) check(size);
  }
  for (std::size_t size : {4095u, 4096u, 65537u, 1u << 20}) check(size);
}

// Hashing parts gives the digest of their concatenation wherever the parts are cut, on either
// path (blocks that span parts are gathered).
TEST(Sha256Test, PartsHashAsTheirConcatenation) {
  std::mt19937_64 random(17);
  for (std::size_t size : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 127u, 128u, 129u, 300u}) {
    const std::string bytes = RandomBytes(random, size);
    const std::string expected = LibsodiumSha256(bytes);
    for (std::size_t cut = 0; cut <= size; ++cut) {
      const std::string_view all(bytes);
      const std::size_t second = std::min(size, cut + 70);
      unsigned char digest[kSha256Bytes];
      Sha256Digest({all.substr(0, cut), all.substr(cut, second - cut), all.substr(second)}, digest);
      ASSERT_EQ(
          "sha256:" + HexOf(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest)),
          expected)
          << size << " bytes cut at " << cut;
    }
  }
}

// Sha256() takes the processor's path exactly when the processor has the instructions, so
// the test above exercises it on such a machine; on Linux, /proc/cpuinfo names the flag.
TEST(Sha256Test, DetectsTheInstructionsTheProcessorReports) {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  bool reported = false, read_flags = false;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) != 0) continue;
    read_flags = true;
    reported = line.find(" sha_ni") != std::string::npos &&
               line.find(" sse4_1") != std::string::npos &&
               line.find(" ssse3") != std::string::npos;
    break;
  }
  if (read_flags) EXPECT_EQ(HasSha256Instructions(), reported);
  if (HasSha256Instructions()) {
    unsigned char digest[kSha256Bytes];
    Sha256WithCpu({"abc"}, digest);
    EXPECT_EQ(HexOf(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest)),
              "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}

}  // namespace
}  // namespace claimledger
