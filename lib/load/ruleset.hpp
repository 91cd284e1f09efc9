#pragma once
// Reading a ruleset (model/ruleset.hpp) from YAML: every key checked, every problem
// reported at its place.

#include <filesystem>
#include <string>
#include <vector>

#include "model/manifest.hpp"
#include "model/ruleset.hpp"

namespace safeassess::ruleset {

// Parses and validates a ruleset. Throws InputError with every problem found
// (`file:line:col: message`), not just the first.
[[nodiscard]] Ruleset load_ruleset(const std::string& display, const std::string& text);

// Loads a ruleset reference: "builtin:NAME" or a path (relative to `dir`). `at` is the
// place that names it. Returns the ruleset and records the file in `files`.
[[nodiscard]] Ruleset load_ruleset_ref(const std::string& ref, const std::filesystem::path& dir,
                                       const Location& at, std::vector<assessment::InputFile>* files);

}  // namespace safeassess::ruleset
