#pragma once
// Helpers shared by the subcommands: where output goes, and how problems are printed.

#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace safeassess::cli {

// Writes to stdout, or atomically to `path` when it is not empty.
void emit(const std::string& path, const std::function<void(std::ostream&)>& write);

// Prints every diagnostic as `file:line:col: message` on stderr, then a count.
void print_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace safeassess::cli
