#include "assessment/gates.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::assessment {

std::vector<GateCase> gate_cases(const ruleset::Ruleset& rules, const Units& units, const score::Results& r,
                                 const hazard::LedgerReport* ledger, const task::Report* tasks,
                                 const AssessGates& gates) {
  std::vector<GateCase> cases;
  std::vector<std::size_t> overdue_major(units.size(), 0), invalid(units.size(), 0);
  std::vector<std::size_t> hazard_steps(units.size(), 0);
  if (ledger) {
    for (const auto& h : ledger->overdue)
      if (auto u = units.find(h.unit)) {
        if (h.level == hazard::Level::Major) ++overdue_major[*u];
        if (h.step >= 0) ++hazard_steps[*u];
      }
    for (const auto& h : ledger->invalid)
      if (auto u = units.find(h.unit)) ++invalid[*u];
  }
  // The task report's units are the units file's, in its order.
  auto task_counts = [&](std::size_t u) {
    return tasks && u < tasks->by_unit.size() ? tasks->by_unit[u] : task::Counts{};
  };
  for (auto u : r.order) {
    const auto& g = gates.score;
    if (g.fail_below)
      cases.push_back({u, fmt::format("fail-below {}", text::plain(*g.fail_below)), true,
                       r.total[u] < *g.fail_below,
                       trf("total {}", text::fixed(r.total[u], rules.precision))});
    std::vector<std::string> vetoes;
    for (auto v : r.vetoes[u]) vetoes.push_back(rules.vetoes[v].name);
    cases.push_back(
        {u, "veto", g.on_veto, !vetoes.empty(), vetoes.empty() ? _("no veto") : text::join(vetoes, "；")});
    cases.push_back(
        {u, "fail", g.on_fail, r.failing(rules, u), trf("grade {}", rules.grades[r.grade[u]].name)});
    cases.push_back({u, "interview", g.on_interview, r.interview[u] != 0,
                     r.interview[u] ? trf("rank {} on the interview list (约谈)", r.rank[u])
                                    : trf("rank {}", r.rank[u])});
    if (ledger) {
      cases.push_back({u, "overdue-major", gates.overdue_major, overdue_major[u] > 0,
                       trf("{} major hazard(s) overdue", overdue_major[u])});
      cases.push_back({u, "invalid-closure", gates.invalid_closure, invalid[u] > 0,
                       trf("{} invalid closure(s)", invalid[u])});
    }
    const auto c = task_counts(u);
    if (tasks) {
      const auto red = c.red + c.overdue;
      cases.push_back({u, "red-task", gates.red_task, red > 0, trf("{} task(s) red or overdue", red)});
    }
    if ((tasks && !rules.tasks.escalation.empty()) || (ledger && !rules.ledger.escalation.empty())) {
      cases.push_back(
          {u, "escalation", gates.escalation, c.escalations + hazard_steps[u] > 0,
           trf("escalation due for {} task(s) and {} hazard(s)", c.escalations, hazard_steps[u])});
    }
  }
  return cases;
}

std::vector<score::GateTrip> tripped(const std::vector<GateCase>& cases) {
  std::vector<score::GateTrip> trips;
  for (const auto& c : cases) {
    if (!c.tripped()) continue;
    auto it = std::find_if(trips.begin(), trips.end(), [&](const auto& t) { return t.gate == c.gate; });
    if (it == trips.end()) it = trips.insert(trips.end(), {c.gate, {}});
    it->units.push_back(c.unit);
  }
  return trips;
}

}  // namespace safeassess::assessment
