#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct RiskOptions {
  std::string risks;              // the risk list CSV
  std::string matrix = "ls-5x5";  // builtin:NAME, a bundled name, or a path
  std::string format = "table";
  std::string output;
  std::string encoding;
};

void setup_risk(CLI::App& app, int& exit_code);
[[nodiscard]] int run_risk(const RiskOptions& options);

}  // namespace safeassess::cli
