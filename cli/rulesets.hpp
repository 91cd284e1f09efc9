#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct RulesetsOptions {
  std::string format = "table";  // table or json
};

void setup_rulesets(CLI::App& app, int& exit_code);
[[nodiscard]] int run_rulesets(const RulesetsOptions& options);

}  // namespace safeassess::cli
