#pragma once
// The gates of an `assess` run (README "Exit codes"): for every unit and every gate, whether
// its condition holds, whether it was asked for, and the detail a report shows. A gate that
// was asked for and holds has tripped: the run exits 1.

#include <cstddef>
#include <string>
#include <vector>

#include "hazard/ledger.hpp"
#include "model/ruleset.hpp"
#include "model/units.hpp"
#include "score/engine.hpp"
#include "task/status.hpp"

namespace safeassess::assessment {

// What the gates were asked for.
struct AssessGates {
  score::Gates score;
  bool overdue_major = false;    // any major hazard open past its deadline
  bool invalid_closure = false;  // any closure (销号) that is not valid
  bool red_task = false;         // any task red or overdue
  bool escalation = false;       // any task or overdue hazard with an escalation step due
};

// One gate for one unit: "fail-below 60", "veto", "fail", "interview", "overdue-major",
// "invalid-closure", "red-task", "escalation". The ledger gates appear only when the run has
// a ledger, red-task only with a task list, escalation with either.
struct GateCase {
  std::size_t unit = 0;
  std::string gate;
  bool asked = false;
  bool holds = false;  // the condition holds for the unit (a failure when asked)
  std::string detail;
  [[nodiscard]] bool tripped() const { return asked && holds; }
};

// Every gate for every unit, units in rank order. `ledger` and `tasks` (judged with the
// units file's units) may be null.
[[nodiscard]] std::vector<GateCase> gate_cases(const ruleset::Ruleset& rules, const Units& units,
                                               const score::Results& r, const hazard::LedgerReport* ledger,
                                               const task::Report* tasks, const AssessGates& gates);

// The gates that tripped, each with its units in rank order; gates in the order of their
// first trip (the order of gate_cases).
[[nodiscard]] std::vector<score::GateTrip> tripped(const std::vector<GateCase>& cases);

}  // namespace safeassess::assessment
