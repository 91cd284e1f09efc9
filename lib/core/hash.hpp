#pragma once
// Content hashes recorded in reports so that a signed report names exactly what it read.

#include <string>
#include <string_view>

namespace safeassess::hash {

// Lower-case hexadecimal SHA-256 of the bytes.
[[nodiscard]] std::string sha256_hex(std::string_view bytes);

}  // namespace safeassess::hash
