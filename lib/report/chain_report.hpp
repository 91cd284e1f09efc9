#pragma once
// Writers for the responsibility chain: duty compliance (duties), gaps (trace), the
// accountability path of one case (trace --from/--hazard/--accident) and the chain as a
// Graphviz picture with its gaps marked (--format dot).

#include <iosfwd>
#include <string>
#include <vector>

#include "assessment/assessment.hpp"
#include "assessment/attribution.hpp"
#include "chain/analysis.hpp"
#include "report/score_report.hpp"

namespace safeassess::report {

// `units` names the assessment units (may be empty).
void write_duties(std::ostream& out, Format format, const assessment::ChainData& data,
                  const std::vector<std::string>& units);

void write_gaps(std::ostream& out, Format format, const assessment::ChainData& data,
                const chain::Analysis& analysis, const std::vector<std::string>& units);

void write_accountability(std::ostream& out, Format format, const assessment::ChainData& data,
                          const chain::Accountability& acc);

// The chain in Graphviz DOT: organisations as boxes, posts as ellipses, industries as
// notes; edges styled by kind; nodes in a gap drawn red with the gap kinds in their label.
void write_dot(std::ostream& out, const assessment::ChainData& data, const chain::Analysis& analysis);

// Who lost a unit's points, indicator by indicator (trace --points).
void write_attribution(std::ostream& out, Format format, const assessment::Assessment& a,
                       const score::Results& r, const assessment::Attribution& att);

// A DOT string literal's content: quotes, backslashes and newlines escaped.
[[nodiscard]] std::string dot_escape(std::string_view s);

}  // namespace safeassess::report
