#pragma once
// The index of a batch (safeassess batch): one row per run with its summary, status and exit
// code, linking to the run's report set. HTML for people, xlsx for Excel/WPS, JSON for CI.

#include <iosfwd>
#include <string>
#include <vector>

#include "assessment/batch.hpp"

namespace safeassess::report {

struct BatchIndex {
  std::vector<assessment::BatchResult> results;
  std::vector<int> exit_codes;  // per result, as the CLI maps outcomes
  int exit_code = 0;            // the worst of them
  std::string version;
};

void write_batch_html(std::ostream& out, const BatchIndex& index);
void write_batch_json(std::ostream& out, const BatchIndex& index);
// Throws Error naming `shown` if libxlsxwriter fails.
void write_batch_xlsx(const std::string& path, const std::string& shown, const BatchIndex& index);

}  // namespace safeassess::report
