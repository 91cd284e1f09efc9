#pragma once
// Writers for the responsibility chain: gaps (trace), the accountability path of one case (trace
// --from/--hazard/--accident) and the chain as a Graphviz picture with its gaps marked (--format dot).

#include <iosfwd>
#include <string>
#include <vector>

#include "assessment/assessment.hpp"
#include "chain/analysis.hpp"
#include "report/format.hpp"

namespace safeassess::report {

void write_gaps(std::ostream& out, Format format, const assessment::ChainData& data,
                const chain::Analysis& analysis, const std::vector<std::string>& units);

void write_accountability(std::ostream& out, Format format, const assessment::ChainData& data,
                          const chain::Accountability& acc);

// The chain in Graphviz DOT: organisations as boxes, posts as ellipses, industries as
// notes; edges styled by kind; nodes in a gap drawn red with the gap kinds in their label.
void write_dot(std::ostream& out, const assessment::ChainData& data, const chain::Analysis& analysis);

}  // namespace safeassess::report
