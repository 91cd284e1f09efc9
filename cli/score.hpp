#pragma once
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct ScoreOptions {
  std::string manifest;
  std::string format = "table";
  std::string output;   // empty: stdout
  std::string explain;  // unit id; empty: no explanation
  std::optional<double> fail_below;
  std::vector<std::string> fail_on;  // veto, fail, interview
  std::string encoding;              // empty: the manifest's (default auto)
  std::string missing;               // empty: the manifest's, else the ruleset's
};

// Registers `score` on the app; the callback runs it and stores the exit code.
void setup_score(CLI::App& app, int& exit_code);
[[nodiscard]] int run_score(const ScoreOptions& options);

}  // namespace safeassess::cli
