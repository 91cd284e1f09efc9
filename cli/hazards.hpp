#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct HazardsOptions {
  std::string manifest;
  std::string as_of;  // YYYY-MM-DD; empty: the last day of the manifest's period
  std::string format = "table";
  std::string output;
  std::vector<std::string> fail_on;  // overdue-major, invalid-closure
  std::string encoding;
};

void setup_hazards(CLI::App& app, int& exit_code);
[[nodiscard]] int run_hazards(const HazardsOptions& options);

}  // namespace safeassess::cli
