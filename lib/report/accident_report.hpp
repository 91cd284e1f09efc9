#pragma once
// The accident register as the run read it: each accident with its grade under 国务院令第493号,
// its figures after 补报, 迟报 and what was not checked (the assess report set's accidents.csv).

#include <iosfwd>
#include <string>
#include <vector>

#include "accident/register.hpp"

namespace safeassess::report {

// One row per accident, in register order: id, unit, enterprise, industry, occurred_at,
// deaths, serious_injuries, direct_loss, responsibility, grade, first_grade, late,
// concealment, in_period, notes (revisions, breaches, levels not recorded).
void write_accidents_csv(std::ostream& out, const accident::Register& reg, const accident::Summary& s,
                         const std::vector<std::string>& unit_ids);

}  // namespace safeassess::report
