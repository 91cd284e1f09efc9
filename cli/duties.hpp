#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct DutiesOptions {
  std::string manifest;
  std::string format = "table";
  std::string output;
  std::string encoding;
  double fail_below = -1;  // exit 1 if any holder's compliance is below this percentage
};

void setup_duties(CLI::App& app, int& exit_code);
[[nodiscard]] int run_duties(const DutiesOptions& options);

}  // namespace safeassess::cli
