#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "score/engine.hpp"
#include "support/decimal.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using score::Gates;
using score::IndicatorOutcome;
using score::k_interview_bottom;
using score::k_interview_failing;
using score::Results;
using score::Status;
using score::Trace;
using test::k_values_header;
using test::make_assessment;

namespace {

// Invariants that hold after every scoring: the printed parts add up to the printed
// totals, and nothing exceeds its maximum.
void check_invariants(const assessment::Assessment& a, const Results& r) {
  // Exact: no tolerance anywhere.
  for (std::size_t u = 0; u < r.units; ++u) {
    num::Decimal sum;
    for (std::size_t c = 0; c < r.categories; ++c) {
      const auto& cat = a.rules.categories[c];
      CHECK(r.category(u, c) >= num::Decimal{});
      CHECK(r.category(u, c) <= cat.weight);
      num::Decimal points;
      for (auto i : cat.indicators) {
        const auto& o = r.outcome(u, i);
        CHECK(o.points >= num::Decimal{});
        CHECK(o.points <= a.rules.indicators[i].points);
        CHECK(o.achievement >= num::Decimal{});
        CHECK(o.achievement <= num::Decimal::of(1));
        CHECK(o.points.decimals() <= a.rules.precision);
        points += o.points;
      }
      if (!r.renormalised[u * r.categories + c]) CHECK(r.category(u, c) == points);
      sum += r.category(u, c);
    }
    CHECK(r.subtotal[u] == sum);
    CHECK(r.bonus[u] <= a.rules.bonus_cap);
    CHECK(r.uncapped_total[u] == num::max(r.subtotal[u] + r.bonus[u] - r.adjustment[u], num::Decimal{}));
    CHECK(r.total[u] <= r.uncapped_total[u]);
    CHECK(r.total[u].decimals() <= a.rules.precision);
    CHECK(r.rank[u] >= 1);
    CHECK(r.rank[u] <= r.units);
  }
}

// Scores an assessment and checks the invariants: every scoring test goes through here.
Results scored(const assessment::Assessment& a) {
  Results r = score::score(assessment::score_input(a));
  check_invariants(a, r);
  return r;
}

// One indicator of the small ruleset scored for a row of values (ratings for "r").
IndicatorOutcome one(const std::string& indicator, const std::string& row, const std::string& ratings = "") {
  auto a = make_assessment("id,name\nU,甲\n", std::string(k_values_header) + "U," + row + "\n",
                           "unit,item,rater,rating\n" + ratings, ruleset::MissingPolicy::Zero);
  const auto* ind = a.rules.find_indicator(indicator);
  REQUIRE(ind != nullptr);
  const auto index = static_cast<std::size_t>(ind - a.rules.indicators.data());
  const auto slot = a.ratings.slot_of(index);
  const auto direct = score::evaluate_indicator(
      a.rules, *ind, a.values.row(0),
      slot == ruleset::k_none ? std::span<const num::Decimal>() : a.ratings.of(0, slot), a.missing, nullptr);
  // The same indicator scored as part of the whole unit, with the invariants checked.
  const Results r = scored(a);
  CHECK(r.outcome(0, index).points == direct.points);
  return direct;
}

//                    rate cur prev late budget done big prize
const std::string k_base = "100,4,5,0,2,1,0,0";

}  // namespace

TEST_CASE("target: goalposts with floor and cap") {
  // floor 80, target 100, 20 points
  CHECK(one("t", "90,4,5,0,2,1,0,0").points == 10.0);   // (90-80)/20 = 0.5
  CHECK(one("t", "80,4,5,0,2,1,0,0").points == 0.0);    // at the floor
  CHECK(one("t", "70,4,5,0,2,1,0,0").points == 0.0);    // below: clamped
  CHECK(one("t", "100,4,5,0,2,1,0,0").points == 20.0);  // at the target
  CHECK(one("t", "97.5%,4,5,0,2,1,0,0").points == 17.5);
}

TEST_CASE("decline_rate: rate, then goalposts; previous = 0 edges") {
  // floor 0, target 0.2, 20 points
  CHECK(one("d", "100,4,5,0,2,1,0,0").points == 20.0);    // r = 0.2
  CHECK(one("d", "100,9,10,0,2,1,0,0").points == 10.0);   // r = 0.1 -> 0.5
  CHECK(one("d", "100,12,10,0,2,1,0,0").points == 0.0);   // increase -> 0
  CHECK(one("d", "100,0,0,0,2,1,0,0").points == 20.0);    // prev 0, cur 0: full
  CHECK(one("d", "100,1,0,0,2,1,0,0").points == 0.0);     // prev 0, cur 1: none
  CHECK(one("d", "100,2,3,0,2,1,0,0").points == 20.0);    // r = 1/3 capped at 1
  CHECK(one("d", "100,17,20,0,2,1,0,0").points == 15.0);  // r = 0.15 -> 0.75
}

TEST_CASE("deduction: per event, floored at zero") {
  // 3 points per late report, 20 points
  CHECK(one("x", "100,4,5,0,2,1,0,0").points == 20.0);
  CHECK(one("x", "100,4,5,2,2,1,0,0").points == 14.0);
  CHECK(one("x", "100,4,5,6,2,1,0,0").points == 2.0);
  CHECK(one("x", "100,4,5,7,2,1,0,0").points == 0.0);  // 21 > 20: floor
  CHECK(one("x", "100,4,5,50,2,1,0,0").points == 0.0);
}

TEST_CASE("bands: lower bound inclusive, first match wins, none gives 0") {
  // >= 2 -> 1, >= 1 -> 0.5, 10 points
  CHECK(one("bd", "100,4,5,0,2,1,0,0").points == 10.0);
  CHECK(one("bd", "100,4,5,0,1.99,1,0,0").points == 5.0);
  CHECK(one("bd", "100,4,5,0,1,1,0,0").points == 5.0);
  CHECK(one("bd", "100,4,5,0,0.99,1,0,0").points == 0.0);
}

TEST_CASE("boolean") {
  CHECK(one("bo", "100,4,5,0,2,是,0,0").points == 10.0);
  CHECK(one("bo", "100,4,5,0,2,no,0,0").points == 0.0);
}

TEST_CASE("rating: plain mean below 5 raters, trimmed mean from 5") {
  // scale 1..5 -> (r - 1) / 4; 20 points
  // 4 raters 2, 3, 4, 5 -> mapped .25 .5 .75 1 -> mean 0.625 -> 12.5
  CHECK(one("r", k_base, "U,r,a,2\nU,r,b,3\nU,r,c,4\nU,r,d,5\n").points == 12.5);
  // 5 raters 1, 3, 4, 5, 5 -> drop 1 and one 5 -> 3, 4, 5 -> .5 .75 1 -> 0.75 -> 15
  CHECK(one("r", k_base, "U,r,a,1\nU,r,b,3\nU,r,c,4\nU,r,d,5\nU,r,e,5\n").points == 15.0);
  // no ratings under the zero policy: 0 points, marked
  const auto none = one("r", k_base);
  CHECK(none.points == 0.0);
  CHECK(none.status == Status::MissingZero);
}

TEST_CASE("growth and target_lower") {
  const char* text = R"(id: g
name: g
version: "1"
sources: [{id: s, title: t}]
inputs:
  - {id: cur, name: c, type: number}
  - {id: prev, name: p, type: number}
  - {id: days, name: d, type: number}
categories:
  - id: a
    name: a
    weight: 100
    indicators:
      - {id: g, name: g, method: growth, current: cur, previous: prev, floor: 0, target: 0.1, points: 50}
      - {id: l, name: l, method: target_lower, input: days, ceiling: 30, target: 10, points: 50}
grades: [{name: ok, min: 0}]
)";
  auto score_of = [&](const std::string& row) {
    auto a = make_assessment("id,name\nU,u\n", "unit,cur,prev,days\nU," + row + "\n", "",
                             ruleset::MissingPolicy::Error, text);
    return scored(a);
  };
  auto r = score_of("105,100,20");  // g = 0.05 -> 0.5 -> 25; days 20 -> (30-20)/20 = 0.5 -> 25
  CHECK(r.outcome(0, 0).points == 25.0);
  CHECK(r.outcome(0, 1).points == 25.0);
  r = score_of("5,0,10");  // growth from nothing: full; days at target: full
  CHECK(r.outcome(0, 0).points == 50.0);
  CHECK(r.outcome(0, 1).points == 50.0);
  r = score_of("0,0,35");  // no growth: 0; days above ceiling: 0
  CHECK(r.outcome(0, 0).points == 0.0);
  CHECK(r.outcome(0, 1).points == 0.0);
  r = score_of("90,100,10");  // decline: 0
  CHECK(r.outcome(0, 0).points == 0.0);
}

TEST_CASE("aggregation, bonus cap, veto after aggregation, grades and ranks") {
  // test::five_units(): A 103, B 90, C 90, D 59 (vetoed), E 60.
  auto a = test::five_units();
  const Results r = scored(a);
  CHECK(r.total[0] == 103.0);
  CHECK(r.bonus[0] == 3.0);
  CHECK(r.total[1] == 90.0);
  CHECK(r.total[2] == 90.0);
  CHECK(r.uncapped_total[3] == 100.0);
  CHECK(r.total[3] == 59.0);
  CHECK(r.vetoes[3].size() == 1);
  CHECK(r.total[4] == 60.0);
  CHECK(a.rules.grades[r.grade[0]].name == "优秀");
  CHECK(a.rules.grades[r.grade[1]].name == "优秀");
  CHECK(a.rules.grades[r.grade[3]].name == "不合格");
  CHECK(a.rules.grades[r.grade[4]].name == "合格");
  // ranks: 103 -> 1; 90, 90 -> 2, 2; 60 -> 4; 59 -> 5
  CHECK(r.rank[0] == 1);
  CHECK(r.rank[1] == 2);
  CHECK(r.rank[2] == 2);
  CHECK(r.rank[4] == 4);
  CHECK(r.rank[3] == 5);
  // interview: bottom 1 (D, 59) and every failing unit (D): only D
  CHECK(r.interview[3] == (k_interview_bottom | k_interview_failing));
  CHECK(r.interview[4] == 0);
  CHECK(r.order == std::vector<std::uint32_t>{0, 1, 2, 4, 3});
}

TEST_CASE("ties share the lowest rank: 85, 85, 80 -> 1, 1, 3") {
  // t: 85 -> (85-80)/20 x 20 = 5 -> total 85; 80 -> 0 -> total 80
  const std::string values =
      std::string(k_values_header) + "P,85,4,5,0,2,1,0,0\nQ,85,4,5,0,2,1,0,0\nR,80,4,5,0,2,1,0,0\n";
  auto a = make_assessment("id,name\nP,p\nQ,q\nR,r\n", values,
                           "unit,item,rater,rating\nP,r,x,5\nQ,r,x,5\nR,r,x,5\n");
  const Results r = scored(a);
  CHECK(r.total[0] == 85.0);
  CHECK(r.total[2] == 80.0);
  CHECK(r.rank == std::vector<std::uint32_t>{1, 1, 3});
}

TEST_CASE("the interview list takes every unit tied at the bottom edge, passing or not") {
  const std::string values =
      std::string(k_values_header) + "P,90,4,5,0,2,1,0,0\nQ,85,4,5,0,2,1,0,0\nR,85,4,5,0,2,1,0,0\n";
  auto a = make_assessment("id,name\nP,p\nQ,q\nR,r\n", values,
                           "unit,item,rater,rating\nP,r,x,5\nQ,r,x,5\nR,r,x,5\n");
  const Results r = scored(a);
  CHECK(r.interview == std::vector<std::uint8_t>{0, k_interview_bottom, k_interview_bottom});
}

TEST_CASE("missing data: zero scores 0, exclude renormalises within the category") {
  // Category b (40): bd 10, bo 10, r 20. U has no ratings.
  const std::string values = std::string(k_values_header) + "U,100,4,5,0,1,1,0,0\n";
  auto zero =
      make_assessment("id,name\nU,u\n", values, "unit,item,rater,rating\n", ruleset::MissingPolicy::Zero);
  auto rz = scored(zero);
  CHECK(rz.category(0, 1) == 15.0);  // 5 + 10 + 0
  CHECK(rz.outcome(0, 5).status == Status::MissingZero);
  auto excl =
      make_assessment("id,name\nU,u\n", values, "unit,item,rater,rating\n", ruleset::MissingPolicy::Exclude);
  auto re = scored(excl);
  CHECK(re.category(0, 1) == 30.0);  // (5 + 10) x 40 / 20
  CHECK(re.renormalised[1] == 1);
  CHECK(re.outcome(0, 5).status == Status::Excluded);
  CHECK(re.total[0] == 90.0);
}

TEST_CASE("exclude cannot renormalise a category with no data left") {
  const std::string values = std::string(k_values_header) + "U,,,,,,,0,0\n";
  auto a =
      make_assessment("id,name\nU,u\n", values, "unit,item,rater,rating\n", ruleset::MissingPolicy::Exclude);
  CHECK(test::input_error([&] { (void)score::score(assessment::score_input(a)); }) ==
        "manifest.yaml: unit \"U\": every indicator of category \"a\" is missing, so excluding them "
        "leaves nothing to renormalise; supply data or use \"missing: zero\"\n"
        "manifest.yaml: unit \"U\": every indicator of category \"b\" is missing, so excluding them "
        "leaves nothing to renormalise; supply data or use \"missing: zero\"");
}

TEST_CASE("gates") {
  const std::string values = std::string(k_values_header) + "A,100,4,5,0,2,1,0,0\nD,100,4,5,0,2,1,1,0\n";
  auto a = make_assessment("id,name\nA,a\nD,d\n", values, "unit,item,rater,rating\nA,r,x,5\nD,r,x,5\n");
  const Results r = scored(a);
  CHECK(score::check_gates(a.rules, r, Gates{}).empty());
  Gates g;
  g.fail_below = num::Decimal::of(60);
  g.on_veto = true;
  g.on_interview = true;
  const auto trips = score::check_gates(a.rules, r, g);
  REQUIRE(trips.size() == 3);
  CHECK(trips[0].gate == "fail-below 60");
  CHECK(trips[0].units == std::vector<std::size_t>{1});
  CHECK(trips[1].gate == "veto");
  CHECK(trips[2].gate == "interview");
  g = Gates{};
  g.fail_below = num::Decimal::of(59);
  CHECK(score::check_gates(a.rules, r, g).empty());  // 59 is not below 59
}

TEST_CASE("explanations carry the arithmetic") {
  auto a = make_assessment("id,name\nU,u\n", std::string(k_values_header) + "U,100,9,10,0,2,1,0,0\n",
                           "unit,item,rater,rating\nU,r,x,5\n");
  Trace t;
  (void)score::evaluate_indicator(a.rules, a.rules.indicators[1], a.values.row(0), {}, a.missing, &t);
  // Every line multiplies out by hand to the digits it prints.
  CHECK(t == Trace{"cur = 9, prev = 10", "r = (10 - 9) / |10| = 0.1",
                   "points = clamp((0.1 - 0) / (0.2 - 0), 0, 1) x 20 = 10",
                   "rounded half away from zero to 2 decimals: 10.00 of 20"});
}

TEST_CASE("deduction with doubling: each further event deducts twice the one before (迟报 -1, -2, -4)") {
  std::string text = test::k_small_ruleset;
  const std::string from = "events: [{input: late, per: 3}]";
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), "events: [{input: late, per: 1, doubling: true}]");
  auto points = [&](const std::string& late) {
    auto a = test::make_assessment("id,name\nU,甲\n",
                                   std::string(k_values_header) + "U,100,4,5," + late + ",2,1,0,0\n",
                                   "unit,item,rater,rating\n", ruleset::MissingPolicy::Zero, text.c_str());
    return score::evaluate_indicator(a.rules, *a.rules.find_indicator("x"), a.values.row(0), {}, a.missing,
                                     nullptr)
        .points;
  };
  CHECK(points("0") == 20.0);
  CHECK(points("1") == 19.0);  // -1
  CHECK(points("2") == 17.0);  // -1 -2
  CHECK(points("3") == 13.0);  // -1 -2 -4
  CHECK(points("4") == 5.0);   // -1 -2 -4 -8
  CHECK(points("5") == 0.0);   // 31 > 20: 扣完为止
  CHECK(points("1000") == 0.0);
}
