#pragma once
// The rulesets bundled in rulesets/, compiled into the binary (cmake/embed_rulesets.cmake).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeassess::ruleset {

struct EmbeddedFile {
  const char* path;  // relative to the source tree, e.g. rulesets/assessment/county-annual.yaml
  const char* text;
};

// Every bundled file, sorted by path. Defined in the generated builtin_rulesets.cpp.
const std::vector<EmbeddedFile>& embedded_files();

// The bundled assessment ruleset called `name` (its file stem: "county-annual").
[[nodiscard]] std::optional<EmbeddedFile> find_builtin_assessment(std::string_view name);

// Names of the bundled assessment rulesets, sorted.
[[nodiscard]] std::vector<std::string> builtin_assessment_names();

}  // namespace safeassess::ruleset
