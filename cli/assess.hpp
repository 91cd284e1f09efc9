#pragma once
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct AssessOptions {
  std::string manifest;
  std::string output;  // the report folder
  std::optional<double> fail_below;
  std::vector<std::string> fail_on;  // veto, fail, interview, overdue-major, invalid-closure
  bool timestamp = false;
  std::string encoding;
  std::string missing;
};

void setup_assess(CLI::App& app, int& exit_code);
[[nodiscard]] int run_assess(const AssessOptions& options);

}  // namespace safeassess::cli
