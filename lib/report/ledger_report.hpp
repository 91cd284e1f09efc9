#pragma once
// Writers for the hazard ledger report: rates per unit and per industry, the overdue list
// with status colours, invalid closures and the hazards under supervision.

#include <iosfwd>
#include <string>
#include <vector>

#include "hazard/ledger.hpp"
#include "report/format.hpp"

namespace safeassess::report {

// `names` gives each unit's display name (from the units file), aligned with report.units.
void write_ledger(std::ostream& out, Format format, const hazard::LedgerReport& report,
                  const std::vector<std::string>& names, const std::string& ruleset_id);

// The status colour in the report's language: label(c) of report/labels.hpp.
[[nodiscard]] std::string colour_name(hazard::Colour c);

}  // namespace safeassess::report
