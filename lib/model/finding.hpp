#pragma once
// An inspection finding (检查发现): what an inspector recorded at one enterprise, as facts
// of the field dictionary of the standard that covers its industry. Read by
// load/findings.hpp; judged by hazard/judge.hpp.

#include <cstddef>
#include <string>

#include "model/criteria.hpp"

namespace safeassess::hazard {

struct Finding {
  std::string id;
  std::string enterprise;
  std::string industry;
  std::string location;
  std::string date;
  std::string note;
  long line = 0;
  // The day whose edition judges it: its own date, or judge --as-of for a finding without one.
  std::string judged_as_of;
  std::size_t standard = 0;  // index into the standards it was loaded against: the edition in
                             // force on judged_as_of, or (see out_of_force) the nearest one
  // Non-empty when no loaded edition of its standard is in force on judged_as_of: why, naming
  // the edition that was. Its facts are then not read and its verdict is undecided.
  std::string out_of_force;
  Facts facts;  // indexed like that standard's fields
};

}  // namespace safeassess::hazard
