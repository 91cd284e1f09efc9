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

namespace safeassess::assessment {

// What the gates were asked for.
struct AssessGates {
  score::Gates score;
  bool overdue_major = false;    // any major hazard open past its deadline
  bool invalid_closure = false;  // any closure (销号) that is not valid
};

// One gate for one unit: "fail-below 60", "veto", "fail", "interview", "overdue-major",
// "invalid-closure". The ledger gates appear only when the run has a ledger.
struct GateCase {
  std::size_t unit = 0;
  std::string gate;
  bool asked = false;
  bool holds = false;  // the condition holds for the unit (a failure when asked)
  std::string detail;
  [[nodiscard]] bool tripped() const { return asked && holds; }
};

// Every gate for every unit, units in rank order. `ledger` may be null.
[[nodiscard]] std::vector<GateCase> gate_cases(const ruleset::Ruleset& rules, const Units& units,
                                               const score::Results& r, const hazard::LedgerReport* ledger,
                                               const AssessGates& gates);

// The gates that tripped, each with its units in rank order; gates in the order of their
// first trip (the order of gate_cases).
[[nodiscard]] std::vector<score::GateTrip> tripped(const std::vector<GateCase>& cases);

}  // namespace safeassess::assessment
