#pragma once
// One `assess` run end to end: every file the manifest names is loaded and checked, then
// each engine it has data for runs, in this order — score, responsibility-chain analysis,
// risk grading, lost-point attribution — and the gates are evaluated. The result is data;
// report/assess_report.hpp writes it.

#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "assessment/assessment.hpp"
#include "assessment/attribution.hpp"
#include "assessment/gates.hpp"
#include "chain/analysis.hpp"
#include "score/engine.hpp"
#include "task/status.hpp"

namespace safeassess::assessment {

struct Run {
  Assessment a;
  score::Results results;
  std::optional<chain::Analysis> analysis;  // when the manifest names a chain
  std::optional<Risks> risks;               // when it names risk points
  std::optional<task::Report> tasks;        // when it names a task list: as of the period's end
  // Per unit in rank order, when the manifest names a hazard ledger or duty records.
  std::vector<Attribution> attributions;
  std::vector<GateCase> gates;
};

// Told, before each step, how many steps the run has (0 while unknown) and what the step
// does, for a progress line. The caller's own steps (writing the reports, done) are two
// of them.
using Progress = std::function<void(int steps, std::string_view what)>;

// Throws InputError with every problem of the inputs; UsageError when a ledger gate is
// asked for and the manifest names no ledger.
[[nodiscard]] Run run(const std::filesystem::path& manifest, const LoadOptions& load,
                      const AssessGates& gates, const Progress& progress = {});

}  // namespace safeassess::assessment
