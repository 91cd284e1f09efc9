#pragma once
// Reading a ruleset (model/ruleset.hpp) from YAML: every key checked, every problem
// reported at its place.

#include <string>

#include "model/ruleset.hpp"

namespace safeassess::ruleset {

// Parses and validates a ruleset. Throws InputError with every problem found
// (`file:line:col: message`), not just the first.
[[nodiscard]] Ruleset load_ruleset(const std::string& display, const std::string& text);

}  // namespace safeassess::ruleset
