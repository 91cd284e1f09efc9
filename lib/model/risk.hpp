#pragma once
// Risk grading (安全风险分级管控): a risk point's score is the product of its factors
// (L x S on a matrix, or L x E x C for LEC), and the score's band gives its level and
// colour (红/橙/黄/蓝, or seed 000's 红/黄/蓝). Both the factors and the bands come from a
// matrix file, since no national standard fixes them. This is the matrix as data
// (read by load/risk.hpp); risk/risk.hpp grades a list of points on it.

#include <optional>
#include <string>
#include <vector>

#include "model/edition.hpp"

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
  // Said with every grading made by this matrix: e.g. colours that differ from the national
  // four-colour scheme (安委办〔2016〕11号).
  std::string warning;
  model::Edition edition;
  std::string file;
  std::string sha256;
  std::vector<Factor> factors;
  std::vector<Level> levels;  // highest first

  // The level a score falls in: the first whose bound it reaches.
  [[nodiscard]] std::size_t level_for(double score) const;
};

}  // namespace safeassess::risk
