#pragma once
// Content hashes recorded in reports so that a signed report names exactly what it read.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace safeassess::hash {

// Lower-case hexadecimal SHA-256 of the bytes.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);
// The 32 bytes of the SHA-256 of the bytes.
[[nodiscard]] std::array<std::uint8_t, 32> sha256(std::string_view bytes);

}  // namespace safeassess::hash
