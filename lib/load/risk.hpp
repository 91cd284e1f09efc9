#pragma once
// Reading a risk matrix (model/risk.hpp) from YAML, bundled or from a file.

#include <string>

#include "model/risk.hpp"

namespace safeassess::risk {

// Parses and validates a matrix. Throws InputError with every problem.
[[nodiscard]] Matrix load_matrix(const std::string& display, const std::string& text);

// "builtin:NAME", a bundled matrix's bare name, or a path to a matrix file. Throws
// InputError (naming the place that cited it, when given) if none is found.
[[nodiscard]] Matrix load_matrix_ref(const std::string& ref);

}  // namespace safeassess::risk
