#pragma once
// Risk grading (安全风险分级管控): a risk point's score is the product of its factors
// (L x S on a matrix, or L x E x C for LEC), and the score's band gives its level and
// colour (红/橙/黄/蓝, or seed 000's 红/黄/蓝). Both the factors and the bands come from a
// matrix file, since no national standard fixes them.

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/encoding.hpp"

namespace safeassess::risk {

struct Factor {
  std::string id;              // the CSV column (its Chinese name is accepted too)
  std::string name;            // e.g. 可能性 L
  std::vector<double> values;  // the allowed values (LEC); empty: a range
  double min = 1;              // range, inclusive
  double max = 5;
  bool integer = true;  // range of whole numbers
};

struct Level {
  std::string id;
  std::string name;     // 重大风险
  std::string colour;   // 红
  std::string rgb;      // #d7191c, for reports that draw
  double bound = 0;     // the score at which the level starts
  bool strict = false;  // true: score > bound ("above"); false: score >= bound ("min")
};

struct Matrix {
  std::string id;
  std::string name;
  std::string version;
  std::string description;
  std::string source;
  bool verified = true;
  std::string file;
  std::string sha256;
  std::vector<Factor> factors;
  std::vector<Level> levels;  // highest first

  // The level a score falls in: the first whose bound it reaches.
  [[nodiscard]] std::size_t level_for(double score) const;
};

// Parses and validates a matrix. Throws InputError with every problem.
[[nodiscard]] Matrix load_matrix(const std::string& display, const std::string& text);

// "builtin:NAME", a bundled matrix's bare name, or a path to a matrix file. Throws
// InputError (naming the place that cited it, when given) if none is found.
[[nodiscard]] Matrix load_matrix_ref(const std::string& ref);

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
