#include "assessment/run.hpp"

#include "load/manifest.hpp"

#include "chain/graph.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace safeassess::assessment {

Run run(const std::filesystem::path& manifest, const LoadOptions& load, const AssessGates& gates,
        const Progress& progress) {
  int steps = 0;
  auto step = [&](std::string_view what) {
    if (progress) progress(steps, what);
  };
  step(N_("loading and checking the inputs"));
  Run run;
  run.a = load_assessment(manifest, load);
  const Assessment& a = run.a;
  steps = 4 + (a.chain ? 1 : 0) + (a.manifest.risks ? 1 : 0);
  step(N_("scoring"));
  run.results = score::score(score_input(a));
  if (a.chain) {
    step(N_("tracing the responsibility chain"));
    const auto graph = chain::build_graph(a.chain->chain);
    run.analysis = chain::analyse(a.chain->chain, graph, a.chain->duties,
                                  a.chain->compliance ? &*a.chain->compliance : nullptr, a.units.names);
  }
  if (a.manifest.risks) step(N_("grading the risk points"));
  run.risks = load_risks(a.manifest, load.encoding, &run.a);
  run.tasks = a.task_report;
  if (a.ledger || (a.chain && a.chain->compliance))
    for (auto u : run.results.order) run.attributions.push_back(attribute(a, run.results, u));
  if ((gates.overdue_major || gates.invalid_closure) && !a.ledger)
    throw UsageError(
        _("--fail-on overdue-major/invalid-closure need a hazard ledger; the manifest names none"));
  if (gates.red_task && !a.tasks)
    throw UsageError(_("--fail-on red-task needs a task list; the manifest names none"));
  if (gates.escalation && !(a.tasks && !a.rules.tasks.escalation.empty()) &&
      !(a.ledger && !a.rules.ledger.escalation.empty()))
    throw UsageError(
        _("--fail-on escalation needs an escalation ladder in the ruleset for data the manifest names: "
          "task_list.escalation with a task list, or hazard_ledger.escalation with a hazard ledger"));
  run.gates = gate_cases(a.rules, a.units, run.results, a.ledger ? &*a.ledger : nullptr,
                         run.tasks ? &*run.tasks : nullptr, gates);
  return run;
}

}  // namespace safeassess::assessment
