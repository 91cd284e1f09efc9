#pragma once
// Writers for graded risk lists (风险清单): every point with its level and colour, and the
// count of points per level for each unit.

#include <iosfwd>

#include "report/format.hpp"
#include "risk/risk.hpp"

namespace safeassess::report {

void write_risk(std::ostream& out, Format format, const risk::Matrix& matrix, const risk::RiskList& list);

}  // namespace safeassess::report
