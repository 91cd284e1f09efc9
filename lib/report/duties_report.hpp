#pragma once
// The duty-compliance writer (duties): per holder, role, tier and unit, how many duty
// periods were due and met, with the period strip of each duty.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "assessment/assessment.hpp"
#include "report/format.hpp"

namespace safeassess::report {

// `units` names the assessment units (may be empty).
void write_duties(std::ostream& out, Format format, const assessment::ChainData& data,
                  const std::vector<std::string>& units);

// The name of the role post `v` holds, or empty.
[[nodiscard]] std::string role_name(const assessment::ChainData& d, std::uint32_t v);

}  // namespace safeassess::report
