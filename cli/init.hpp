#pragma once
#include <CLI/CLI.hpp>

#include <string>

namespace safeassess::cli {

struct InitOptions {
  std::string dir;
  std::string ruleset;  // builtin:ID, ID or a path
  std::string units;    // optional: pre-fill the units table from this table
  std::string period;   // default: the current year
  std::string name;     // default: the ruleset's name and the period
  bool csv = false;     // CSV files instead of a workbook
  std::string encoding;
};

void setup_init(CLI::App& app, int& exit_code);
[[nodiscard]] int run_init(const InitOptions& options);

}  // namespace safeassess::cli
