#pragma once
// The rulesets bundled in rulesets/, compiled into the binary (cmake/embed_rulesets.cmake).
// Each kind lives in its own folder: rulesets/assessment/, rulesets/risk/, ...

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

// The bundled file of `kind` ("assessment", "risk", ...) called `name` (its file stem).
[[nodiscard]] std::optional<EmbeddedFile> find_builtin(std::string_view kind, std::string_view name);

// Names of the bundled files of `kind`, sorted.
[[nodiscard]] std::vector<std::string> builtin_names(std::string_view kind);

[[nodiscard]] inline std::optional<EmbeddedFile> find_builtin_assessment(std::string_view name) {
  return find_builtin("assessment", name);
}
[[nodiscard]] inline std::vector<std::string> builtin_assessment_names() {
  return builtin_names("assessment");
}

}  // namespace safeassess::ruleset
