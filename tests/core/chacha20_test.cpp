#include "core/chacha20.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/hash.hpp"

using namespace safeassess;

namespace {
std::string hex(const random::Block& b) {
  static constexpr char k[] = "0123456789abcdef";
  std::string s;
  for (auto c : b) {
    s += k[c >> 4];
    s += k[c & 15];
  }
  return s;
}
}  // namespace

TEST_CASE("chacha20: the block function gives RFC 8439 §2.3.2's test vector") {
  random::Key key{};
  for (int i = 0; i < 32; ++i) key[i] = static_cast<std::uint8_t>(i);
  const random::Nonce nonce{0, 0, 0, 9, 0, 0, 0, 0x4a, 0, 0, 0, 0};
  CHECK(hex(random::chacha20_block(key, 1, nonce)) ==
        "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
        "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
}

TEST_CASE("chacha20: the stream's words are the keystream read little-endian, across blocks") {
  // Computed independently with Python's cryptography package (ChaCha20, key = SHA-256 of
  // "safeassess", counter 0, nonce 0): the first ten 64-bit words; words 9 and 10 come from
  // the second block.
  random::Stream s(hash::sha256("safeassess"));
  const std::vector<std::uint64_t> expected{
      14434328473690447391ULL, 11999677709211179299ULL, 3322128452795457771ULL, 14431785885816814217ULL,
      11625633050439358850ULL, 4235347345951551253ULL,  1226920840100606171ULL, 807166254042238618ULL,
      7639897821893519919ULL,  2851341138450743282ULL};
  for (auto e : expected) CHECK(s.next_u64() == e);
  CHECK(s.words() == 10);
}

TEST_CASE("chacha20: below() is x mod n after rejecting x < 2^64 mod n") {
  random::Stream a(hash::sha256("safeassess"));
  // n = 10: 2^64 mod 10 = 6, and the first word is far above it.
  CHECK(a.below(10) == 14434328473690447391ULL % 10);
  // n = 2^63 + 1: 2^64 mod n = 2^63 - 1; the first word (1.44e19 > 9.22e18) is kept.
  const std::uint64_t n = (1ULL << 63) + 1;
  random::Stream b(hash::sha256("safeassess"));
  CHECK(b.below(n) == 14434328473690447391ULL % n);
  // n = 2^64 - 1: 2^64 mod n = 1; nothing below 1 to reject.
  random::Stream c(hash::sha256("safeassess"));
  CHECK(c.below(~0ULL) == 14434328473690447391ULL % ~0ULL);
  // A rejection: with n = 2^63 + 2^62 (2^64 mod n = 2^62 = 4.6e18), word 3 (3.3e18) is
  // rejected and word 4 taken.
  random::Stream d(hash::sha256("safeassess"));
  const std::uint64_t m = (1ULL << 63) + (1ULL << 62);
  (void)d.next_u64();
  (void)d.next_u64();
  CHECK(d.below(m) == 14431785885816814217ULL % m);
  CHECK(d.words() == 4);
  CHECK_THROWS(d.below(0));
}
