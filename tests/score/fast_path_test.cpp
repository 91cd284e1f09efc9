#include <doctest/doctest.h>

#include <fmt/format.h>

#include <random>
#include <string>

#include "score/engine.hpp"
#include "support/fixtures.hpp"

// Scoring takes a 128-bit path for the common methods and the exact-fraction path when
// explaining; both must give the same digits. Random rulesets and values at every precision.

using namespace safeassess;

namespace {

std::string number(std::mt19937_64& rng, int decimals, long long lo, long long hi) {
  std::uniform_int_distribution<long long> whole(lo, hi);
  std::uniform_int_distribution<long long> frac(0, 999999);
  if (decimals == 0) return std::to_string(whole(rng));
  std::string f = fmt::format("{:06d}", frac(rng)).substr(0, static_cast<std::size_t>(decimals));
  return fmt::format("{}.{}", whole(rng), f);
}

}  // namespace

TEST_CASE("the fast path and the exact path agree to the last digit at every precision") {
  std::mt19937_64 rng(20261201);
  int compared = 0;
  // One category per method, so that each weight is the points.
  for (int precision = 0; precision <= 6; ++precision) {
    for (int trial = 0; trial < 6; ++trial) {
      const std::string P = number(rng, precision, 1, 30);
      std::string cats;
      const std::vector<std::string> inds = {
          fmt::format("{{id: t, name: t, method: target, input: x, floor: {}, target: {}, points: {}}}",
                      number(rng, 3, 0, 40), number(rng, 2, 60, 99), P),
          fmt::format(
              "{{id: l, name: l, method: target_lower, input: x, ceiling: 150.5, target: {}, points: {}}}",
              number(rng, 2, 10, 60), P),
          fmt::format("{{id: d, name: d, method: decline_rate, current: c, previous: p, floor: 0, target: "
                      "0.{}, points: {}}}",
                      number(rng, 0, 1, 9), P),
          fmt::format("{{id: g, name: g, method: growth, current: c, previous: p, floor: -0.1, target: 0.{}, "
                      "points: {}}}",
                      number(rng, 0, 1, 9), P),
          fmt::format("{{id: k, name: k, method: deduction, events: [{{input: n, per: {}}}], points: {}}}",
                      number(rng, 3, 0, 5), P),
          fmt::format("{{id: o, name: o, method: boolean, input: b, points: {}}}", P),
          fmt::format(
              "{{id: e, name: e, method: rating, scale: {{min: 1, max: 5}}, trim_from: 4, points: {}}}", P),
          fmt::format("{{id: r, name: r, method: bands, input: x, bands: [{{min: 60, fraction: 0.{}}}, "
                      "{{min: 20, fraction: "
                      "0.{}}}], points: {}}}",
                      number(rng, 0, 5, 9), number(rng, 0, 1, 4), P),
      };
      // Weights must add up to 100: eight categories of P each, and one more for the rest.
      const auto Pd = *num::Decimal::parse(P);
      const num::Decimal rest = num::Decimal::of(100) - num::Decimal::of(8) * Pd;
      if (rest <= num::Decimal{}) continue;
      for (std::size_t k = 0; k < inds.size(); ++k)
        cats += fmt::format("  - id: c{}\n    name: c{}\n    weight: {}\n    indicators:\n      - {}\n", k, k,
                            P, inds[k]);
      cats += fmt::format(
          "  - id: rest\n    name: rest\n    weight: {}\n    indicators:\n      - {{id: q, name: q, method: "
          "boolean, input: b, "
          "points: {}}}\n",
          rest.str(), rest.str());
      const std::string rules = fmt::format(
          "id: f\nname: f\nversion: \"1\"\nsources: [{{id: s, title: t}}]\nprecision: {}\n"
          "inputs:\n  - {{id: x, name: x, type: number}}\n  - {{id: c, name: c, type: number}}\n"
          "  - {{id: p, name: p, type: number}}\n  - {{id: n, name: n, type: count}}\n  - {{id: b, name: b, "
          "type: boolean}}\n"
          "categories:\n{}grades:\n  - {{name: ok, min: 0}}\n",
          precision, cats);
      std::string units = "id,name\n", values = "unit,x,c,p,n,b\n", ratings = "unit,item,rater,rating\n";
      std::uniform_int_distribution<int> raters(1, 6);
      for (int u = 0; u < 40; ++u) {
        units += fmt::format("U{},u\n", u);
        for (int k = raters(rng); k > 0; --k)
          ratings += fmt::format("U{},e,r{},{}\n", u, k, number(rng, 2, 1, 4));
        values += fmt::format("U{},{},{},{},{},{}\n", u, number(rng, 6, 0, 149), number(rng, 4, 0, 2000),
                              number(rng, 4, 1, 2000), number(rng, 0, 0, 12), u % 2);
      }
      auto a = test::make_assessment(units, values, ratings, ruleset::MissingPolicy::Error, rules.c_str());
      for (std::size_t u = 0; u < a.units.size(); ++u)
        for (std::size_t i = 0; i < a.rules.indicators.size(); ++i) {
          const auto& ind = a.rules.indicators[i];
          const auto slot = a.ratings.slot_of(i);
          const auto r = slot == ruleset::k_none ? std::span<const num::Decimal>() : a.ratings.of(u, slot);
          score::Trace t;
          const auto fast = score::evaluate_indicator(a.rules, ind, a.values.row(u), r, a.missing, nullptr);
          const auto exact = score::evaluate_indicator(a.rules, ind, a.values.row(u), r, a.missing, &t);
          INFO(ind.id, " unit ", a.units.ids[u], " precision ", precision);
          CHECK(fast.points == exact.points);
          CHECK(fast.achievement == exact.achievement);
          ++compared;
        }
    }
  }
  CHECK(compared > 1000);
}
