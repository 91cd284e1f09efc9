#pragma once
// Shared by the libFuzzer targets (README "Safety"): each feeds one loader arbitrary bytes.
// A loader may refuse them only with safeassess::Error (a message, exit 2); anything else
// escaping it (std::out_of_range, a crash, a leak, a hang) is a bug the fuzzer reports.

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include "core/error.hpp"
#include "io/encoding.hpp"

namespace safeassess::fuzz {

inline std::string bytes(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

// A file of the source tree (the examples the targets load their fixed inputs from).
inline std::string source_file(const char* relative) {
  std::ifstream in(std::string(SAFEASSESS_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `load`; the library's own errors are the expected answer to bad input.
template <class F>
int run(F&& load) {
  try {
    load();
  } catch (const Error&) {
  }
  return 0;
}

}  // namespace safeassess::fuzz
