#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct JudgeOptions {
  std::string findings;               // CSV or YAML
  std::vector<std::string> criteria;  // empty: every bundled standard
  std::string format = "table";
  std::string output;
  std::vector<std::string> fail_on;  // major, undecided
  std::string encoding;
  std::string as_of;  // YYYY-MM-DD: the day whose editions judge findings without a date
};

void setup_judge(CLI::App& app, int& exit_code);
[[nodiscard]] int run_judge(const JudgeOptions& options);

}  // namespace safeassess::cli
