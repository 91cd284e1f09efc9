#include "core/chacha20.hpp"

#include <stdexcept>

namespace safeassess::random {

namespace {

constexpr std::uint32_t rotl(std::uint32_t v, int n) {
  return (v << n) | (v >> (32 - n));
}

void quarter(std::array<std::uint32_t, 16>& s, int a, int b, int c, int d) {
  s[a] += s[b];
  s[d] = rotl(s[d] ^ s[a], 16);
  s[c] += s[d];
  s[b] = rotl(s[b] ^ s[c], 12);
  s[a] += s[b];
  s[d] = rotl(s[d] ^ s[a], 8);
  s[c] += s[d];
  s[b] = rotl(s[b] ^ s[c], 7);
}

std::uint32_t le32(const std::uint8_t* p) {
  return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
         (std::uint32_t(p[3]) << 24);
}

}  // namespace

Block chacha20_block(const Key& key, std::uint32_t counter, const Nonce& nonce) {
  std::array<std::uint32_t, 16> state{0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
  for (int i = 0; i < 8; ++i) state[4 + i] = le32(key.data() + 4 * i);
  state[12] = counter;
  for (int i = 0; i < 3; ++i) state[13 + i] = le32(nonce.data() + 4 * i);
  auto working = state;
  for (int round = 0; round < 10; ++round) {
    quarter(working, 0, 4, 8, 12);
    quarter(working, 1, 5, 9, 13);
    quarter(working, 2, 6, 10, 14);
    quarter(working, 3, 7, 11, 15);
    quarter(working, 0, 5, 10, 15);
    quarter(working, 1, 6, 11, 12);
    quarter(working, 2, 7, 8, 13);
    quarter(working, 3, 4, 9, 14);
  }
  Block out{};
  for (int i = 0; i < 16; ++i) {
    const std::uint32_t v = working[i] + state[i];
    for (int b = 0; b < 4; ++b) out[4 * i + b] = static_cast<std::uint8_t>(v >> (8 * b));
  }
  return out;
}

std::uint64_t Stream::next_u64() {
  if (m_used == m_block.size()) {
    // 2^32 blocks of 64 bytes (256 GiB) is far beyond any draw; wrapping would repeat the stream.
    if (m_counter == 0xFFFFFFFF) throw std::length_error("ChaCha20 keystream exhausted");
    m_block = chacha20_block(m_key, m_counter++, m_nonce);
    m_used = 0;
  }
  std::uint64_t v = 0;
  for (int b = 0; b < 8; ++b) v |= std::uint64_t(m_block[m_used + b]) << (8 * b);
  m_used += 8;
  ++m_words;
  return v;
}

std::uint64_t Stream::below(std::uint64_t bound) {
  if (bound == 0) throw std::invalid_argument("Stream::below(0)");
  const std::uint64_t threshold = (0 - bound) % bound;  // 2^64 mod bound
  for (;;) {
    const std::uint64_t x = next_u64();
    if (x >= threshold) return x % bound;
  }
}

}  // namespace safeassess::random
