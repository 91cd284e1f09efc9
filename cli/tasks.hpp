#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace safeassess::cli {

struct TasksOptions {
  std::string manifest;
  std::string as_of;  // YYYY-MM-DD; empty: the last day of the manifest's period
  std::string since;  // YYYY-MM-DD: a dispatch report (调度) of what changed after this day
  std::string format = "table";
  std::string output;
  std::vector<std::string> fail_on;  // red, escalation
  std::string encoding;
};

void setup_tasks(CLI::App& app, int& exit_code);
[[nodiscard]] int run_tasks(const TasksOptions& options);

}  // namespace safeassess::cli
