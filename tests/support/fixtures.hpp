#pragma once
// Small rulesets and assessments built from text, so tests need no disk.

#include <string>
#include <utility>

#include "assessment/assessment.hpp"
#include "load/ruleset.hpp"
#include "load/tables.hpp"
#include "score/engine.hpp"

namespace safeassess::test {

// A ruleset with two categories (a: 60, b: 40), one indicator of each method, a bonus
// with cap 3, a veto with a cap at 59 and the default grade bands. Hand-computed cases
// in the tests refer to it.
inline const char* const k_small_ruleset = R"(id: small
name: 测试办法
version: "1"
sources:
  - {id: s, title: test}
inputs:
  - {id: rate, name: 整改率, type: percent, min: 0, max: 100}
  - {id: cur, name: 本年, type: count}
  - {id: prev, name: 上年, type: count}
  - {id: late, name: 迟报, type: count}
  - {id: budget, name: 投入, type: number}
  - {id: done, name: 清单, type: boolean}
  - {id: big, name: 重大事故, type: count}
  - {id: prize, name: 表彰, type: count}
categories:
  - id: a
    name: 甲
    weight: 60
    indicators:
      - {id: t, name: 目标, method: target, input: rate, floor: 80, target: 100, points: 20}
      - {id: d, name: 下降, method: decline_rate, current: cur, previous: prev, floor: 0, target: 0.2, points: 20}
      - {id: x, name: 扣分, method: deduction, events: [{input: late, per: 3}], points: 20}
  - id: b
    name: 乙
    weight: 40
    indicators:
      - {id: bd, name: 分档, method: bands, input: budget, bands: [{min: 2, fraction: 1}, {min: 1, fraction: 0.5}], points: 10}
      - {id: bo, name: 是否, method: boolean, input: done, points: 10}
      - {id: r, name: 评议, method: rating, scale: {min: 1, max: 5}, points: 20}
bonus:
  cap: 3
  items:
    - {id: p, name: 表彰, input: prize, per: 2}
vetoes:
  - {id: v, name: 重大事故, when: {field: big, op: ge, value: 1}, cap_total: 59}
grades:
  - {name: 优秀, min: 90}
  - {name: 良好, min: 80}
  - {name: 合格, min: 60}
  - {name: 不合格, min: 0}
interview:
  bottom: 1
  failing: true
)";

inline const char* const k_values_header = "unit,rate,cur,prev,late,budget,done,big,prize\n";

// Builds an assessment of the small ruleset from CSV text; an empty `ratings_csv` means
// the manifest names no ratings file.
inline assessment::Assessment make_assessment(const std::string& units_csv, const std::string& values_csv,
                                              const std::string& ratings_csv,
                                              ruleset::MissingPolicy missing = ruleset::MissingPolicy::Error,
                                              const char* ruleset_text = k_small_ruleset) {
  assessment::Assessment a;
  a.manifest.file = "manifest.yaml";
  a.manifest.name = "test";
  a.rules = ruleset::load_ruleset("small.yaml", ruleset_text);
  a.missing = missing;
  a.units = assessment::load_units("units.csv", units_csv, io::Encoding::Auto);
  a.values = assessment::load_values("values.csv", values_csv, io::Encoding::Auto, a.rules, missing, a.units);
  a.ratings = assessment::load_ratings(
      "ratings.csv", ratings_csv.empty() ? std::nullopt : std::optional<std::string>(ratings_csv),
      io::Encoding::Auto, a.rules, missing, a.units);
  return a;
}

// Five units of the small ruleset, full marks except as noted; hand-computed totals:
//   A: 100 + bonus min(2 x 2, 3) = 3 -> 103, 优秀
//   B: t at 90 -> 10 of 20 -> 90 -> 优秀 (on the boundary, inclusive)
//   C: same as B -> 90, tie with B
//   D: full marks (100) but a major accident: capped at 59, 不合格
//   E: t 80 -> 0, x 7 late -> 0: 60 -> 合格 (boundary)
inline assessment::Assessment five_units() {
  const std::string values = std::string(k_values_header) +
                             "A,100,4,5,0,2,1,0,2\n"
                             "B,90,4,5,0,2,1,0,0\n"
                             "C,90,4,5,0,2,1,0,0\n"
                             "D,100,4,5,0,2,1,1,0\n"
                             "E,80,4,5,7,2,1,0,0\n";
  std::string ratings = "unit,item,rater,rating\n";
  for (const char* u : {"A", "B", "C", "D", "E"}) ratings += std::string(u) + ",r,x,5\n";
  return make_assessment("id,name\nA,甲\nB,乙\nC,丙\nD,丁\nE,戊\n", values, ratings);
}

// The message of the error of type E that `f` throws ("" if it throws none).
template <class E = InputError, class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  }
  return "";
}

// The message of the InputError that `f` throws ("" if it throws none).
template <class F>
std::string input_error(F&& f) {
  return error_of<InputError>(std::forward<F>(f));
}

}  // namespace safeassess::test
