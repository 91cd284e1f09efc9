#pragma once
// Reading a duty list (model/duty_list.hpp) from YAML, bundled or from a file.

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "model/duty_list.hpp"

namespace safeassess::duty {

// Parses and checks a duty list. Throws InputError with every problem found.
[[nodiscard]] DutyList load_duty_list(const std::string& display, const std::string& text);

// "builtin:NAME" (rulesets/duties/NAME.yaml) or a path relative to `dir`; `at` is the
// place that names it.
[[nodiscard]] DutyList load_duty_list_ref(const std::string& ref, const std::filesystem::path& dir,
                                          const Location& at);

}  // namespace safeassess::duty
