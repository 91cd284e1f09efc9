#pragma once
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace safeassess::cli {

struct TraceOptions {
  std::string manifest;
  std::string format = "table";
  std::string output;
  std::string encoding;
  std::string from;                  // enterprise id or name
  std::string hazard;                // hazard id in the ledger
  std::string accident;              // accident id
  std::string points;                // unit id: attribute its lost points
  std::vector<std::string> fail_on;  // gap kinds, or "any"
};

void setup_trace(CLI::App& app, int& exit_code);
[[nodiscard]] int run_trace(const TraceOptions& options);

}  // namespace safeassess::cli
