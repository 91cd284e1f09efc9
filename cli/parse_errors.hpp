#pragma once
// CLI11's own parse errors ("--x is required", "The following argument was not expected: y")
// in the user's language. In English they are CLI11's words unchanged; in Chinese the known
// forms are recognised and said through the catalog, and anything else stays as CLI11 wrote it.

#include <CLI/CLI.hpp>
#include <string>

namespace safeassess::cli {

[[nodiscard]] std::string parse_error_message(const CLI::Error& e);

// For CLI::App::failure_message: the message and the pointer to --help, as CLI11 prints them.
[[nodiscard]] std::string failure_message(const CLI::App* app, const CLI::Error& e);

}  // namespace safeassess::cli
