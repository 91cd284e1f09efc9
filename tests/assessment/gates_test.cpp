#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "assessment/gates.hpp"
#include "score/engine.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;

namespace {

// "unit gate asked holds: detail" per case, for comparing whole lists.
std::vector<std::string> lines(const assessment::Assessment& a,
                               const std::vector<assessment::GateCase>& cases) {
  std::vector<std::string> out;
  for (const auto& c : cases)
    out.push_back(a.units.ids[c.unit] + " " + c.gate + (c.asked ? " asked" : "") + (c.holds ? " holds" : "") +
                  (c.tripped() ? " TRIPPED" : "") + ": " + c.detail);
  return out;
}

hazard::ListedHazard hazard_at(const std::string& unit, hazard::Level level) {
  hazard::ListedHazard h;
  h.unit = unit;
  h.level = level;
  return h;
}

}  // namespace

TEST_CASE("gates: every gate for every unit in rank order, tripped only when asked and holding") {
  // test::five_units(): A 103, B 90, C 90, D 59 (vetoed, 不合格, last: on the interview
  // list), E 60 (合格, on the boundary); totals at the small ruleset's precision of 2.
  const auto a = test::five_units();
  const auto r = score::score(assessment::score_input(a));

  assessment::AssessGates asked;
  asked.score.fail_below = safeassess::num::Decimal::of(60);  // below, not at: E's 60 holds the line
  asked.score.on_veto = true;

  SUBCASE("without a ledger there are no ledger gates") {
    CHECK(lines(a, assessment::gate_cases(a.rules, a.units, r, nullptr, nullptr, asked)) ==
          std::vector<std::string>{"A fail-below 60 asked: total 103.00",
                                   "A veto asked: no veto",
                                   "A fail: grade 优秀",
                                   "A interview: rank 1",
                                   "B fail-below 60 asked: total 90.00",
                                   "B veto asked: no veto",
                                   "B fail: grade 优秀",
                                   "B interview: rank 2",
                                   "C fail-below 60 asked: total 90.00",
                                   "C veto asked: no veto",
                                   "C fail: grade 优秀",
                                   "C interview: rank 2",
                                   "E fail-below 60 asked: total 60.00",
                                   "E veto asked: no veto",
                                   "E fail: grade 合格",
                                   "E interview: rank 4",
                                   "D fail-below 60 asked holds TRIPPED: total 59.00",
                                   "D veto asked holds TRIPPED: 重大事故",
                                   "D fail holds: grade 不合格",
                                   "D interview holds: rank 5 on the interview list (约谈)"});
  }

  SUBCASE("tripped gates are grouped in the order they first trip, units in rank order") {
    asked.score.on_interview = true;
    const auto trips =
        assessment::tripped(assessment::gate_cases(a.rules, a.units, r, nullptr, nullptr, asked));
    REQUIRE(trips.size() == 3);
    CHECK(trips[0].gate == "fail-below 60");
    CHECK(trips[1].gate == "veto");
    CHECK(trips[2].gate == "interview");
    for (const auto& t : trips) CHECK(t.units == std::vector<std::size_t>{3});  // D only
    CHECK(assessment::tripped({}).empty());
  }

  SUBCASE("the ledger gates count each unit's overdue major hazards and invalid closures") {
    hazard::LedgerReport ledger;
    ledger.overdue = {hazard_at("B", hazard::Level::Major), hazard_at("B", hazard::Level::Major),
                      hazard_at("C", hazard::Level::General)};
    ledger.invalid = {hazard_at("E", hazard::Level::General)};
    asked.overdue_major = true;
    const auto cases = assessment::gate_cases(a.rules, a.units, r, &ledger, nullptr, asked);
    std::vector<std::string> ledger_lines;
    for (const auto& l : lines(a, cases))
      if (l.find("overdue-major") != std::string::npos || l.find("invalid-closure") != std::string::npos)
        ledger_lines.push_back(l);
    // A general hazard overdue is not a major one; the invalid-closure gate was not asked.
    CHECK(ledger_lines ==
          std::vector<std::string>{
              "A overdue-major asked: 0 major hazard(s) overdue", "A invalid-closure: 0 invalid closure(s)",
              "B overdue-major asked holds TRIPPED: 2 major hazard(s) overdue",
              "B invalid-closure: 0 invalid closure(s)", "C overdue-major asked: 0 major hazard(s) overdue",
              "C invalid-closure: 0 invalid closure(s)", "E overdue-major asked: 0 major hazard(s) overdue",
              "E invalid-closure holds: 1 invalid closure(s)",
              "D overdue-major asked: 0 major hazard(s) overdue", "D invalid-closure: 0 invalid closure(s)"});
  }

  SUBCASE("the task gates: red or overdue tasks, and escalation steps due for tasks and hazards") {
    // The task report's counts per unit, in the units file's order (A..E).
    task::Report tasks;
    tasks.by_unit.resize(a.units.size());
    tasks.by_unit[1].red = 1;      // B: one red
    tasks.by_unit[2].overdue = 2;  // C: two overdue, one of them escalated
    tasks.by_unit[2].escalations = 1;
    hazard::LedgerReport ledger;
    auto h = hazard_at("E", hazard::Level::General);
    h.step = 0;  // E: a hazard with a step due
    ledger.overdue = {h};
    auto rules = a.rules;
    rules.ledger.escalation = {{"letter", "督办函", 15, "县安委办", {}}};
    asked.red_task = true;
    asked.escalation = true;
    std::vector<std::string> task_lines;
    for (const auto& l : lines(a, assessment::gate_cases(rules, a.units, r, &ledger, &tasks, asked)))
      if (l.find("red-task") != std::string::npos || l.find("escalation") != std::string::npos)
        task_lines.push_back(l);
    CHECK(task_lines == std::vector<std::string>{
                            "A red-task asked: 0 task(s) red or overdue",
                            "A escalation asked: escalation due for 0 task(s) and 0 hazard(s)",
                            "B red-task asked holds TRIPPED: 1 task(s) red or overdue",
                            "B escalation asked: escalation due for 0 task(s) and 0 hazard(s)",
                            "C red-task asked holds TRIPPED: 2 task(s) red or overdue",
                            "C escalation asked holds TRIPPED: escalation due for 1 task(s) and 0 hazard(s)",
                            "E red-task asked: 0 task(s) red or overdue",
                            "E escalation asked holds TRIPPED: escalation due for 0 task(s) and 1 hazard(s)",
                            "D red-task asked: 0 task(s) red or overdue",
                            "D escalation asked: escalation due for 0 task(s) and 0 hazard(s)"});
    // Without a task list and without a hazard ladder, neither gate has cases.
    for (const auto& l : lines(a, assessment::gate_cases(a.rules, a.units, r, &ledger, nullptr, asked)))
      CHECK((l.find("red-task") == std::string::npos && l.find("escalation") == std::string::npos));
  }
}
