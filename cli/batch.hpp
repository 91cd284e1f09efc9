#pragma once
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <vector>

namespace safeassess::cli {

struct BatchOptions {
  std::string source;  // a folder of manifests, or a list file
  std::string output;  // the batch folder
  std::optional<double> fail_below;
  std::vector<std::string> fail_on;
  std::string encoding;
  std::string missing;
};

void setup_batch(CLI::App& app, int& exit_code);
[[nodiscard]] int run_batch(const BatchOptions& options);

}  // namespace safeassess::cli
