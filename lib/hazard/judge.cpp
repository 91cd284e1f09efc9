#include "hazard/judge.hpp"

#include <algorithm>

namespace safeassess::hazard {

Judgement judge(const Criteria& cr, const Finding& finding) {
  Judgement j;
  if (!finding.out_of_force.empty()) {
    j.verdict = Verdict::Undecided;
    j.out_of_force = finding.out_of_force;
    return j;
  }
  for (std::size_t i = 0; i < cr.items.size(); ++i) {
    const Item& item = cr.items[i];
    const bool touched = std::any_of(item.fields.begin(), item.fields.end(),
                                     [&](std::size_t f) { return finding.facts[f].known; });
    if (!touched) continue;
    switch (evaluate(item.when, cr, finding.facts)) {
      case Tri::True:
        j.matches.push_back({i, explain(item.when, cr, finding.facts)});
        break;
      case Tri::Unknown:
        j.undecided_items.push_back(i);
        missing_fields(item.when, cr, finding.facts, j.missing);
        break;
      case Tri::False:
        j.cleared.push_back({i, explain(item.when, cr, finding.facts)});
        break;
    }
  }
  std::sort(j.missing.begin(), j.missing.end());
  j.verdict = !j.matches.empty()           ? Verdict::Major
              : !j.undecided_items.empty() ? Verdict::Undecided
                                           : Verdict::General;
  if (j.verdict == Verdict::Major) {
    // Decided: what else is unknown no longer matters to the verdict.
    j.undecided_items.clear();
    j.missing.clear();
    j.cleared.clear();
  }
  return j;
}

std::vector<std::string> judged(const std::vector<Finding>& findings,
                                const std::vector<Judgement>& judgements, Verdict verdict) {
  std::vector<std::string> ids;
  for (std::size_t k = 0; k < findings.size() && k < judgements.size(); ++k)
    if (judgements[k].verdict == verdict) ids.push_back(findings[k].id);
  return ids;
}

}  // namespace safeassess::hazard
