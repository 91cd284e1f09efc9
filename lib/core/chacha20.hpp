#pragma once
// A portable random stream for draws that anyone must be able to repeat (sample, README
// "Sampling"): the ChaCha20 block function of RFC 8439 §2.3 as a keystream, read as
// little-endian 64-bit words, and integers below a bound by rejection (no modulo bias). The
// same key gives the same numbers on every machine and compiler; no std:: distribution is
// involved (their algorithms differ between standard libraries).

#include <array>
#include <cstdint>

namespace safeassess::random {

using Key = std::array<std::uint8_t, 32>;
using Nonce = std::array<std::uint8_t, 12>;
using Block = std::array<std::uint8_t, 64>;

// RFC 8439 §2.3: the 64-byte block for a key, a 32-bit block counter and a 96-bit nonce.
[[nodiscard]] Block chacha20_block(const Key& key, std::uint32_t counter, const Nonce& nonce);

class Stream {
 public:
  // The keystream of `key` with an all-zero nonce, from block 0.
  explicit Stream(const Key& key) : m_key(key) {}

  // The next 8 keystream bytes as a little-endian integer.
  std::uint64_t next_u64();
  // A uniform integer in [0, bound) (bound > 0): draws x = next_u64() until x >= 2^64 mod
  // bound, then returns x mod bound.
  std::uint64_t below(std::uint64_t bound);
  // Keystream words drawn so far (for the draw record).
  [[nodiscard]] std::uint64_t words() const { return m_words; }

 private:
  Key m_key;
  Nonce m_nonce{};
  std::uint32_t m_counter = 0;
  Block m_block{};
  std::size_t m_used = 64;  // bytes of m_block consumed
  std::uint64_t m_words = 0;
};

}  // namespace safeassess::random
