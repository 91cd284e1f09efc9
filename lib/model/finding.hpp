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
  std::size_t standard = 0;  // index into the standards it was loaded against
  Facts facts;               // indexed like that standard's fields
};

}  // namespace safeassess::hazard
