#pragma once
// Writers for the hazard ledger report: rates per unit and per industry, the overdue list
// with status colours, invalid closures and the hazards under supervision.

#include <iosfwd>
#include <string>
#include <vector>

#include "hazard/ledger.hpp"
#include "report/format.hpp"
#include "task/status.hpp"

namespace safeassess::report {

// `names` gives each unit's display name (from the units file), aligned with report.units.
// `actors` names who acts for the escalation steps due (through the chain, when the manifest
// has one); without, actors that need the chain are reported unresolved.
void write_ledger(std::ostream& out, Format format, const hazard::LedgerReport& report,
                  const std::vector<std::string>& names, const std::string& ruleset_id,
                  const task::Actors* actors = nullptr);

// The escalation step due for an overdue hazard, for a reader: "督办函 by 县安委办 from DATE"
// ("" when none is due).
[[nodiscard]] std::string hazard_escalation_text(const hazard::LedgerReport& r, const hazard::ListedHazard& h,
                                                 const task::Actors& actors);

// The status colour in the report's language: label(c) of report/labels.hpp.
[[nodiscard]] std::string colour_name(hazard::Colour c);

}  // namespace safeassess::report
