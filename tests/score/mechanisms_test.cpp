#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "score/engine.hpp"
#include "support/decimal.hpp"
#include "support/fixtures.hpp"

// The mechanisms of real 细则 against hand-computed cases (README "Ruleset format").

using namespace safeassess;

namespace {

// A one-category ruleset around `indicator` (100 points) with `rest` appended.
std::string ruleset_with(const std::string& indicator, const std::string& rest = "", int precision = 2) {
  return "id: m\nname: m\nversion: \"1\"\nsources: [{id: s, title: t}]\nprecision: " +
         std::to_string(precision) +
         "\ninputs:\n  - {id: x, name: x, type: number}\n  - {id: n, name: n, type: count}\n"
         "  - {id: t, name: t, type: number}\n"
         "categories:\n  - id: a\n    name: a\n    weight: 100\n    indicators:\n      - " +
         indicator +
         "\ngrades:\n  - {name: 优秀, min: 90}\n  - {name: 良好, min: 80}\n  - {name: 合格, min: 60}\n"
         "  - {name: 不合格, min: 0}\n" +
         rest;
}

std::vector<std::string> totals(const std::string& rules, const std::string& units, const std::string& rows) {
  auto a =
      test::make_assessment(units, "unit,x,n,t\n" + rows, "", ruleset::MissingPolicy::Error, rules.c_str());
  const auto r = score::score(assessment::score_input(a));
  std::vector<std::string> out;
  for (std::size_t u = 0; u < r.units; ++u)
    out.push_back(r.total[u].fixed(a.rules.precision) + " " + a.rules.grades[r.grade[u]].name);
  return out;
}

const std::string k_units = "id,name\nA,a\nB,b\nC,c\nD,d\n";

}  // namespace

TEST_CASE("steps: a partial step counts as none, a whole step, or its share") {
  const std::string rows = "A,94.5,0,0\nB,95,0,0\nC,90.2,0,0\nD,0,0,0\n";
  // 每低于95%一个百分点扣5分: A is 0.5 below, C 4.8, D 95 (points used up).
  CHECK(totals(ruleset_with("{id: s, name: s, method: steps, input: x, below: 95, per: 5, points: 100}"),
               k_units,
               rows) == std::vector<std::string>{"100.00 优秀", "100.00 优秀", "80.00 良好", "0.00 不合格"});
  CHECK(totals(ruleset_with(
                   "{id: s, name: s, method: steps, input: x, below: 95, per: 5, partial: up, points: 100}"),
               k_units,
               rows) == std::vector<std::string>{"95.00 优秀", "100.00 优秀", "75.00 合格", "0.00 不合格"});
  CHECK(totals(ruleset_with("{id: s, name: s, method: steps, input: x, below: 95, per: 5, partial: "
                            "proportional, points: 100}"),
               k_units,
               rows) == std::vector<std::string>{"97.50 优秀", "100.00 优秀", "76.00 合格", "0.00 不合格"});
  // 每超过控制指标1人扣10分, the control figure per unit (column t), step 2.
  CHECK(totals(ruleset_with(
                   "{id: s, name: s, method: steps, input: x, above: t, step: 2, per: 10, points: 100}"),
               k_units, "A,3,0,3\nB,4,0,1\nC,10,0,1\nD,30,0,1\n") ==
        std::vector<std::string>{"100.00 优秀", "90.00 优秀", "60.00 合格", "0.00 不合格"});
}

TEST_CASE("tiers by a value, ends exclusive; escalating amounts past the list") {
  const std::string tiers =
      "{id: s, name: s, method: tiers, input: x, points: 100, tiers: [{from: 1, below: 2.5, deduct: 10}, "
      "{from: 2.5, below: 4, deduct: 25}, {from: 4, deduct: 100}]}";
  CHECK(totals(ruleset_with(tiers), k_units, "A,0.99,0,0\nB,1,0,0\nC,2.5,0,0\nD,4,0,0\n") ==
        std::vector<std::string>{"100.00 优秀", "90.00 优秀", "75.00 合格", "0.00 不合格"});
  const std::string esc =
      "{id: s, name: s, method: deduction, events: [{input: n, per: [1, 2.5, 4]}], points: 100}";
  // 0; 1; 1 + 2.5 + 4 = 7.5; 1 + 2.5 + 4 + 7 x 4 = 35.5
  CHECK(totals(ruleset_with(esc), k_units, "A,0,0,0\nB,0,1,0\nC,0,3,0\nD,0,10,0\n") ==
        std::vector<std::string>{"100.00 优秀", "99.00 优秀", "92.50 优秀", "64.50 合格"});
}

TEST_CASE("quotas: the lowest totals past the quota move down; a tie at the edge moves all, or keeps all") {
  const std::string ind = "{id: s, name: s, method: target, input: x, floor: 0, target: 100, points: 100}";
  const std::string rows = "A,99,0,0\nB,95,0,0\nC,95,0,0\nD,91,0,0\n";
  // 4 units, 优秀 at most 50% = 2: A keeps it; B and C tie at the edge.
  CHECK(totals(ruleset_with(ind, "quotas: [{grade: 优秀, percent: 50}]\n"), k_units, rows) ==
        std::vector<std::string>{"99.00 优秀", "95.00 良好", "95.00 良好", "91.00 良好"});
  CHECK(totals(ruleset_with(ind, "quotas: [{grade: 优秀, percent: 50, ties: keep}]\n"), k_units, rows) ==
        std::vector<std::string>{"99.00 优秀", "95.00 优秀", "95.00 优秀", "91.00 良好"});
  // Cascading: 良好 at most 1 as well, so the units moved from 优秀 move on to 合格.
  CHECK(totals(ruleset_with(ind, "quotas: [{grade: 优秀, count: 1}, {grade: 良好, count: 1}]\n"), k_units,
               rows) == std::vector<std::string>{"99.00 优秀", "95.00 合格", "95.00 合格", "91.00 合格"});
}

TEST_CASE(
    "the total: adjustments capped, total_cap, grade caps lower or cap the grade, vetoed at most failing") {
  const std::string ind = "{id: s, name: s, method: target, input: x, floor: 0, target: 100, points: 100}";
  const std::string rest =
      "bonus: {cap: 5, items: [{id: b, name: b, input: n, per: 2}]}\n"
      "adjustments: [{id: d, name: d, input: n, per: 3, cap: 4}]\n"
      "total_cap: 100\n"
      "grade_caps:\n  - {id: g, name: g, when: {field: t, op: eq, value: 1}, at_most: 良好}\n"
      "  - {id: h, name: h, when: {field: t, op: eq, value: 2}, lower_by: 2}\n"
      "vetoes: [{id: v, name: v, when: {field: t, op: eq, value: 3}}]\nfailing_grade: 合格\n";
  // A: 99 + min(2 x 2, 5) - min(2 x 3, 4) = 99, at most 良好; B: 98 + 5 (cap) - 4 = 99 → at most 100,
  // lowered two grades to 合格; C: 100 + 2 - 3 = 99 → 99, vetoed: at most 合格; D: 50, vetoed, stays 不合格.
  CHECK(totals(ruleset_with(ind, rest), k_units, "A,99,2,1\nB,98,3,2\nC,100,1,3\nD,50,0,3\n") ==
        std::vector<std::string>{"99.00 良好", "99.00 合格", "99.00 合格", "50.00 不合格"});
  CHECK(totals(ruleset_with(ind, rest), k_units, "A,100,2,0\nB,100,3,0\nC,0,0,0\nD,0,9,0\n") ==
        std::vector<std::string>{"100.00 优秀", "100.00 优秀", "0.00 不合格", "1.00 不合格"});
}

TEST_CASE("periods: four quarters of a decline rate stay exact (fractions are reduced)") {
  const std::string rules =
      "id: q\nname: q\nversion: \"1\"\nsources: [{id: s, title: t}]\n"
      "periods:\n  - {id: Q1, weight: 25}\n  - {id: Q2, weight: 25}\n  - {id: Q3, weight: 25}\n  - {id: Q4, "
      "weight: 25}\n"
      "inputs:\n  - {id: cur, name: cur, type: number}\n  - {id: prev, name: prev, type: number}\n"
      "categories:\n  - id: a\n    name: a\n    weight: 100\n    indicators:\n"
      "      - {id: d, name: d, method: decline_rate, current: cur, previous: prev, floor: 0, target: 0.3, "
      "points: 100}\n"
      "grades:\n  - {name: ok, min: 0}\n";
  auto a = test::make_assessment("id,name\nA,a\n", "unit,cur,prev\nA,1,1\n", "",
                                 ruleset::MissingPolicy::Error, rules.c_str());
  std::vector<assessment::Values> periods;
  const char* rows[] = {"A,1234.567,1300.125", "A,1000.5,1100.75", "A,99.99,100.01", "A,7,9.3"};
  for (std::size_t q = 0; q < 4; ++q) {
    std::string id = "Q";
    id += std::to_string(q + 1);
    std::string csv = "unit,cur,prev,period\n";
    csv += rows[q];
    csv += ",";
    csv += id;
    csv += "\n";
    periods.push_back(
        assessment::load_values("v.csv", csv, io::Encoding::Auto, a.rules, a.missing, a.units, {}, id));
  }
  a.period_values = periods;
  a.values = assessment::combine_periods(a.rules, a.period_values);
  const auto r = score::score(assessment::score_input(a));
  // Quarter points, r / 0.3 x 100: 65.558 / 1300.125 -> 16.8080..., 100.25 / 1100.75 -> 30.3580...,
  // 0.02 / 100.01 -> 0.0666..., 2.3 / 9.3 -> 82.4372...; their mean 32.4175... rounds once to 32.42.
  const num::Ratio q1 =
      num::Ratio(num::d("65.558")) / num::Ratio(num::d("1300.125")) / num::Ratio(num::d("0.3"));
  const num::Ratio q2 =
      num::Ratio(num::d("100.25")) / num::Ratio(num::d("1100.75")) / num::Ratio(num::d("0.3"));
  const num::Ratio q3 = num::Ratio(num::d("0.02")) / num::Ratio(num::d("100.01")) / num::Ratio(num::d("0.3"));
  const num::Ratio q4 = num::Ratio(num::d("2.3")) / num::Ratio(num::d("9.3")) / num::Ratio(num::d("0.3"));
  const num::Ratio mean = (q1 + q2 + q3 + q4) * num::Ratio(num::d("100")) / num::Ratio(num::d("4"));
  CHECK(r.total[0] == mean.round(2));
  CHECK(r.total[0].fixed(2) == "32.42");
}
