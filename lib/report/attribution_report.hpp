#pragma once
// Who lost a unit's points, indicator by indicator (trace --points, and the assess report
// set): the posts and enterprises each lost point is shared among.

#include <iosfwd>

#include "assessment/assessment.hpp"
#include "assessment/attribution.hpp"
#include "report/format.hpp"
#include "score/engine.hpp"

namespace safeassess::report {

void write_attribution(std::ostream& out, Format format, const assessment::Assessment& a,
                       const score::Results& r, const assessment::Attribution& att);

// The CSV form in parts, for a table of several units: the header once, then each unit's
// rows.
void write_attribution_csv_header(std::ostream& out);
void write_attribution_csv_rows(std::ostream& out, const assessment::Assessment& a,
                                const assessment::Attribution& att);

}  // namespace safeassess::report
