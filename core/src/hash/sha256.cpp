// SHA-256 (FIPS 180-4) on the x86 SHA extensions. The instructions work on the eight state
// words in two registers, {A, B, E, F} and {C, D, G, H}; one instruction does two rounds,
// two more build the message schedule four words at a time.
#include "hash/sha256.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define CLAIMLEDGER_SHA256_X86 1
#else
#define CLAIMLEDGER_SHA256_X86 0
#endif

namespace claimledger {

#if CLAIMLEDGER_SHA256_X86
namespace {

// The round constants and the initial state of FIPS 180-4, section 4.2.2 and 5.3.3.
alignas(16) constexpr std::uint32_t kRoundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};
constexpr std::uint32_t kInitialState[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// Runs the compression function over `count` 64-byte blocks. `state` holds a..h.
__attribute__((target("sha,sse4.1,ssse3"))) void CompressBlocks(std::uint32_t state[8],
                                                                const unsigned char* blocks,
                                                                std::size_t count) {
  // Reverses the bytes of each 32-bit lane: the message words are big-endian.
  const __m128i big_endian = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
  // Lane contents are written lowest lane first.
  const __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
  const __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
  const __m128i badc = _mm_shuffle_epi32(abcd, 0xB1);
  const __m128i hgfe = _mm_shuffle_epi32(efgh, 0x1B);
  __m128i feba = _mm_alignr_epi8(badc, hgfe, 8);     // the {A, B, E, F} register
  __m128i hgdc = _mm_blend_epi16(hgfe, badc, 0xF0);  // the {C, D, G, H} register

  for (; count > 0; --count, blocks += 64) {
    const __m128i feba_before = feba;
    const __m128i hgdc_before = hgdc;
    // words[i % 4] holds message words 4i..4i+3 of the sixteen most recent ones.
    __m128i words[4];
    for (int i = 0; i < 4; ++i) {
      words[i] = _mm_shuffle_epi8(
          _mm_loadu_si128(reinterpret_cast<const __m128i*>(blocks + 16 * i)), big_endian);
    }
#pragma GCC unroll 16
    for (int group = 0; group < 16; ++group) {
      __m128i& current = words[group % 4];
      if (group >= 4) {
        // W[t..t+3] = W[t-16] + s0(W[t-15]) + W[t-7] + s1(W[t-2]), t = 4 * group.
        const __m128i& following = words[(group + 1) % 4];  // W[t-12..t-9]
        const __m128i& middle = words[(group + 2) % 4];     // W[t-8..t-5]
        const __m128i& latest = words[(group + 3) % 4];     // W[t-4..t-1]
        const __m128i with_s0 = _mm_sha256msg1_epu32(current, following);
        const __m128i with_w7 = _mm_add_epi32(with_s0, _mm_alignr_epi8(latest, middle, 4));
        current = _mm_sha256msg2_epu32(with_w7, latest);
      }
      __m128i schedule = _mm_add_epi32(
          current, _mm_load_si128(reinterpret_cast<const __m128i*>(kRoundConstants + 4 * group)));
      // Two rounds leave the new {A, B, E, F} and make the old one {C, D, G, H}.
      hgdc = _mm_sha256rnds2_epu32(hgdc, feba, schedule);
      schedule = _mm_shuffle_epi32(schedule, 0x0E);
      feba = _mm_sha256rnds2_epu32(feba, hgdc, schedule);
    }
    feba = _mm_add_epi32(feba, feba_before);
    hgdc = _mm_add_epi32(hgdc, hgdc_before);
  }

  const __m128i abef = _mm_shuffle_epi32(feba, 0x1B);
  const __m128i ghcd = _mm_shuffle_epi32(hgdc, 0xB1);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(abef, ghcd, 0xF0));
  _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(ghcd, abef, 8));
}

bool DetectSha256Instructions() {
  unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return false;
  const bool ssse3 = (ecx & (1u << 9)) != 0;
  const bool sse41 = (ecx & (1u << 19)) != 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  const bool sha = (ebx & (1u << 29)) != 0;
  return ssse3 && sse41 && sha;
}

}  // namespace

bool HasSha256Instructions() {
  static const bool has = DetectSha256Instructions();
  return has;
}

void Sha256WithCpu(std::initializer_list<std::string_view> parts,
                   unsigned char digest[kSha256Bytes]) {
  std::uint32_t state[8];
  std::memcpy(state, kInitialState, sizeof state);
  // Whole blocks are compressed where they lie; a block that spans two parts is gathered in
  // `block` first.
  unsigned char block[64];
  std::size_t used = 0;
  std::uint64_t total = 0;
  for (const std::string_view part : parts) {
    const auto* data = reinterpret_cast<const unsigned char*>(part.data());
    std::size_t size = part.size();
    total += size;
    if (used > 0) {
      const std::size_t take = std::min(size, sizeof block - used);
      std::memcpy(block + used, data, take);
      used += take;
      data += take;
      size -= take;
      if (used < sizeof block) continue;
      CompressBlocks(state, block, 1);
      used = 0;
    }
    const std::size_t whole_blocks = size / 64;
    CompressBlocks(state, data, whole_blocks);
    used = size % 64;
    if (used > 0) std::memcpy(block, data + whole_blocks * 64, used);
  }

  // The padding: the last bytes, 0x80, zeros, and the length in bits (big-endian) at the
  // end of the final block; a second block when fewer than 9 bytes are left for them.
  unsigned char tail[128] = {};
  if (used > 0) std::memcpy(tail, block, used);
  tail[used] = 0x80;
  const std::size_t tail_blocks = used < 56 ? 1 : 2;
  const std::uint64_t bits = total * 8;
  for (int i = 0; i < 8; ++i) {
    tail[tail_blocks * 64 - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  }
  CompressBlocks(state, tail, tail_blocks);

  for (int i = 0; i < 8; ++i) {
    digest[4 * i] = static_cast<unsigned char>(state[i] >> 24);
    digest[4 * i + 1] = static_cast<unsigned char>(state[i] >> 16);
    digest[4 * i + 2] = static_cast<unsigned char>(state[i] >> 8);
    digest[4 * i + 3] = static_cast<unsigned char>(state[i]);
  }
}

#else  // not x86: Sha256() in hash.cpp always uses libsodium

bool HasSha256Instructions() { return false; }

void Sha256WithCpu(std::initializer_list<std::string_view>, unsigned char*) { std::abort(); }

#endif

}  // namespace claimledger
