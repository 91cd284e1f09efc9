#pragma once
// Grading risk points (安全风险分级管控) on a matrix (model/risk.hpp): each point's score is
// the product of its factors, and the band it falls in gives its level and colour. The
// list streams from CSV.

#include <cstddef>
#include <string>
#include <vector>

#include "io/encoding.hpp"
#include "model/risk.hpp"

namespace safeassess::risk {

struct RiskPoint {
  std::string unit;
  std::string id;
  std::string name;
  std::vector<double> factors;  // in the matrix's factor order
  double score = 0;
  std::size_t level = 0;
  long line = 0;
};

struct UnitCounts {
  std::string unit;
  std::vector<std::size_t> per_level;  // in the matrix's level order
  std::size_t total = 0;
};

struct RiskList {
  std::string file;
  std::string sha256;
  std::vector<RiskPoint> points;  // highest level first, then file order
  std::vector<UnitCounts> units;  // in order of first appearance
};

// Reads a risk list CSV (unit, id, name, one column per factor) and grades every point.
// Throws InputError with every problem: a value outside its factor's range or set, a
// duplicate point id within a unit, a missing column.
[[nodiscard]] RiskList grade(const std::string& display, std::string bytes, io::Encoding enc,
                             const Matrix& matrix);

}  // namespace safeassess::risk
