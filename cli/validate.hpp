#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct ValidateOptions {
  std::vector<std::string> paths;  // rulesets, manifests, or builtin:NAME
  std::string format = "text";     // text or json
  std::string encoding;            // for the data files a manifest names
};

void setup_validate(CLI::App& app, int& exit_code);
[[nodiscard]] int run_validate(const ValidateOptions& options);

}  // namespace safeassess::cli
