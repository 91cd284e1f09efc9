#pragma once
// Reading an assessment manifest (model/manifest.hpp) from YAML.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model/manifest.hpp"

namespace safeassess::assessment {

// The files on disk a manifest names, itself first (paths as the run opens them; bundled
// "builtin:" references are not files). An output may not be one of them or hold one.
[[nodiscard]] std::vector<std::filesystem::path> input_paths(const Manifest& m);

// Parses a manifest; throws InputError with every problem found.
[[nodiscard]] Manifest parse_manifest(const std::string& display, const std::string& text,
                                      const std::filesystem::path& dir);

// The last day of the manifest's period (the as-of date of its hazard ledger). Throws
// InputError at the manifest's period when it is not 2024, 2024-H1, 2024-Q3 or 2024-07.
[[nodiscard]] std::int32_t period_end(const Manifest& m);

}  // namespace safeassess::assessment
