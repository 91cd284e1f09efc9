#include "load/builtin.hpp"

namespace safeassess::ruleset {

namespace {
constexpr std::string_view k_root = "rulesets/";
constexpr std::string_view k_suffix = ".yaml";

// The name of a bundled file of `kind`, or nullopt when the file is of another kind.
std::optional<std::string> name_of(std::string_view path, std::string_view kind) {
  if (!path.starts_with(k_root) || !path.ends_with(k_suffix)) return std::nullopt;
  path.remove_prefix(k_root.size());
  if (!path.starts_with(kind) || path.size() <= kind.size() || path[kind.size()] != '/') return std::nullopt;
  path.remove_prefix(kind.size() + 1);
  path.remove_suffix(k_suffix.size());
  if (path.find('/') != std::string_view::npos) return std::nullopt;
  return std::string(path);
}
}  // namespace

std::optional<EmbeddedFile> find_builtin(std::string_view kind, std::string_view name) {
  for (const auto& f : embedded_files())
    if (name_of(f.path, kind) == name) return f;
  return std::nullopt;
}

std::vector<std::string> builtin_names(std::string_view kind) {
  std::vector<std::string> out;
  for (const auto& f : embedded_files())
    if (auto n = name_of(f.path, kind)) out.push_back(*n);
  return out;
}

}  // namespace safeassess::ruleset
