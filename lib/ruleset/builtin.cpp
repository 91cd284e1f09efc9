#include "ruleset/builtin.hpp"

namespace safeassess::ruleset {

namespace {
constexpr std::string_view k_prefix = "rulesets/assessment/";
constexpr std::string_view k_suffix = ".yaml";

std::optional<std::string> assessment_name(std::string_view path) {
  if (!path.starts_with(k_prefix) || !path.ends_with(k_suffix)) return std::nullopt;
  path.remove_prefix(k_prefix.size());
  path.remove_suffix(k_suffix.size());
  if (path.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(path);
}
}  // namespace

std::optional<EmbeddedFile> find_builtin_assessment(std::string_view name) {
  for (const auto& f : embedded_files())
    if (assessment_name(f.path) == name) return f;
  return std::nullopt;
}

std::vector<std::string> builtin_assessment_names() {
  std::vector<std::string> out;
  for (const auto& f : embedded_files())
    if (auto n = assessment_name(f.path)) out.push_back(*n);
  return out;
}

}  // namespace safeassess::ruleset
