#include <doctest/doctest.h>

#include "support/decimal.hpp"

#include <algorithm>
#include <string>

#include "load/builtin.hpp"
#include "load/ruleset.hpp"
#include "model/ruleset.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::ruleset;

namespace {
// The small ruleset with one substring replaced, to make one mistake at a time.
std::string with(const std::string& from, const std::string& to) {
  std::string s = test::k_small_ruleset;
  const auto at = s.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  s.replace(at, from.size(), to);
  return s;
}
std::string load_error(const std::string& text) {
  return test::input_error([&] { (void)load_ruleset("r.yaml", text); });
}
}  // namespace

TEST_CASE("the small test ruleset loads") {
  const Ruleset r = load_ruleset("r.yaml", test::k_small_ruleset);
  CHECK(r.categories.size() == 2);
  CHECK(r.indicators.size() == 6);
  CHECK(r.grades.size() == 4);
  CHECK(r.failing_grade == 3);
  CHECK(r.bonus_cap == 3);
  CHECK(r.sha256.size() == 64);
}

TEST_CASE("the bundled county-annual ruleset has the seed's weights") {
  const auto f = find_builtin_assessment("county-annual");
  REQUIRE(f.has_value());
  const Ruleset r = load_ruleset(f->path, f->text);
  REQUIRE(r.categories.size() == 5);
  const double weights[] = {30, 25, 20, 15, 10};
  for (std::size_t c = 0; c < 5; ++c) CHECK(r.categories[c].weight == weights[c]);
  CHECK(r.grades.front().min == 90);
  CHECK(r.vetoes.size() == 2);
  CHECK(r.interview_bottom == 3);
  for (const auto& ind : r.indicators) CHECK_MESSAGE(!ind.source.empty(), ind.id);
}

TEST_CASE("category weights must add up to 100") {
  CHECK(load_error(with("weight: 40", "weight: 30")) ==
        "r.yaml:23:5: the points of category \"b\" add up to 40, but its weight is 30; adjust the "
        "indicators' points\n"
        "r.yaml:16:3: category weights add up to 90, expected 100; adjust the weights");
}

TEST_CASE("an unknown method suggests the closest") {
  CHECK(load_error(with("method: target,", "method: tagret,")) ==
        "r.yaml:20:35: unknown method \"tagret\", did you mean \"target\"?");
}

TEST_CASE("a reference to an undeclared input names it and suggests") {
  CHECK(load_error(with("input: rate,", "input: rte,")) ==
        "r.yaml:20:50: \"input\" refers to \"rte\", which is not a declared input, did you mean "
        "\"rate\"?");
}

TEST_CASE("an unknown key suggests the closest") {
  CHECK(load_error(with("points: 20}\n      - {id: d", "pionts: 20}\n      - {id: d")) ==
        "r.yaml:20:80: unknown key \"pionts\" in an indicator, did you mean \"points\"?\n"
        "r.yaml:20:9: missing required key \"points\"\n"
        "r.yaml:16:5: the points of category \"a\" add up to 40, but its weight is 60; adjust the "
        "indicators' points");
}

TEST_CASE("every problem is reported in one pass") {
  std::string text = with("method: target,", "method: tagret,");
  const auto at = text.find("weight: 40");
  text.replace(at, 10, "weight: 45");
  const auto at2 = text.find("min: 80}");
  text.replace(at2, 8, "min: 95}");
  const std::string e = load_error(text);
  CHECK(e ==
        "r.yaml:20:35: unknown method \"tagret\", did you mean \"target\"?\n"
        "r.yaml:23:5: the points of category \"b\" add up to 40, but its weight is 45; adjust the "
        "indicators' points\n"
        "r.yaml:16:3: category weights add up to 105, expected 100; adjust the weights\n"
        "r.yaml:38:5: grade \"良好\" (min 95) must have a lower min than the grade before it; list "
        "grades from the highest down");
}

TEST_CASE("method parameters are checked") {
  CHECK(load_error(with("floor: 80, target: 100", "floor: 100, target: 80")) ==
        "r.yaml:20:76: \"target\" (80) must be above \"floor\" (100)");
  CHECK(load_error(with("{min: 1, fraction: 0.5}", "{min: 1, fraction: 1.5}")) ==
        "r.yaml:27:108: \"fraction\" must be between 0 and 1");
  CHECK(load_error(with("{min: 1, fraction: 0.5}", "{min: 3, fraction: 0.5}")) ==
        "r.yaml:27:95: band min 3 is not below the band before it (2); list bands from the "
        "highest min down");
  CHECK(load_error(
            with("method: decline_rate, current: cur,", "method: decline_rate, input: cur, current: cur,")) ==
        "r.yaml:21:56: \"input\" does not apply to method \"decline_rate\" (it reads: current, "
        "previous, floor, target)");
}

TEST_CASE("input types are checked where a method needs one") {
  CHECK(load_error(with("method: boolean, input: done", "method: boolean, input: rate")) ==
        "r.yaml:28:52: input \"rate\" is a percent, but method \"boolean\" needs a yes/no input "
        "(declare it as type: boolean)");
}

TEST_CASE("veto conditions are structured and checked") {
  CHECK(load_error(with("{field: big, op: ge, value: 1}", "{field: bog, op: gte, value: 1}")) ==
        "r.yaml:35:39: condition field \"bog\" is not a declared input, did you mean \"big\"?\n"
        "r.yaml:35:48: unknown operator \"gte\"; expected one of: eq, ne, lt, le, gt, ge");
}

TEST_CASE("YAML syntax errors name the place") {
  CHECK(load_error("id: [unclosed\n") == "r.yaml:2:1: YAML syntax error: end of sequence flow not found");
}

TEST_CASE("a ruleset must cite its sources") {
  CHECK(load_error(with("sources:\n  - {id: s, title: test}\n", ""))
            .rfind("r.yaml:1:1: missing required key \"sources\": a ruleset names the documents its rules "
                   "come from",
                   0) == 0);
}

TEST_CASE("every total must have a grade: the lowest band starts at 0") {
  CHECK(load_error(with("  - {name: 不合格, min: 0}\n", "")) ==
        "r.yaml:37:3: the lowest grade \"合格\" starts at 60, so a lower total would have no grade; give the "
        "lowest "
        "grade min: 0");
}

TEST_CASE("a veto cannot cap the total below zero") {
  CHECK(load_error(with("cap_total: 59", "cap_total: -5")) ==
        "r.yaml:35:74: \"cap_total\" must be 0 or more, got -5");
}

TEST_CASE("validate: a tier table with a gap or an overlap, a derived input that reads itself") {
  const std::string tiers =
      with("events: [{input: late, per: 3}]", "tiers: [{from: 1, to: 1, deduct: 2}, {from: 3, deduct: 5}]");
  const auto at = tiers.find("method: deduction");
  REQUIRE(at != std::string::npos);
  std::string t = tiers;
  t.replace(at, std::string("method: deduction").size(), "method: tiers, input: late");
  CHECK(load_error(t).find(
            "tiers leave a gap: the one before ends at 1, this one starts at 3; start it at 2") !=
        std::string::npos);
  std::string overlap = t;
  overlap.replace(overlap.find("{from: 3"), 8, "{from: 1");
  CHECK(load_error(overlap).find(
            "tiers overlap: this tier starts at 1, but the one before covers up to 1; start it "
            "at 2") != std::string::npos);
  const std::string self = with("- {id: late,", "- {id: late, derive: {sum: [late, late]},");
  CHECK(load_error(self).find("derived input \"late\" refers to itself: late -> late") != std::string::npos);
}

TEST_CASE("validate: points finer than the precision are refused (a score could never print them)") {
  const std::string e = load_error(with("weight: 40", "weight: 40.005"));
  CHECK(e.find("weight 40.005 has 3 decimals, but the ruleset reports 2 (\"precision\")") !=
        std::string::npos);
}

TEST_CASE("validate: quotas, commendations, grade caps and periods a 细则 author gets wrong") {
  const std::string base = std::string(test::k_small_ruleset);
  auto add = [&](const std::string& yaml) { return load_error(base + yaml); };
  CHECK(add("quotas:\n  - {grade: 优秀, count: 0}\n").find("a quota of 0 makes \"优秀\" unreachable") !=
        std::string::npos);
  CHECK(add("quotas:\n  - {grade: 不合格, percent: 10}\n").find("\"不合格\" is the lowest grade") !=
        std::string::npos);
  CHECK(add("quotas:\n  - {grade: 优秀, count: 1}\ncommendation: {top: 3, min_grade: 优秀}\n")
            .find("the commendation lists the top 3 graded 优秀 or better, but the quotas allow at most 1 "
                  "such units "
                  "per group; lower \"top\" or raise the quotas") != std::string::npos);
  CHECK(add("grade_caps:\n  - {id: f, name: f, when: {field: late, op: ge, value: 1}, at_most: 优秀}\n")
            .find("names the best grade, so it caps nothing") != std::string::npos);
  CHECK(add("adjustments:\n  - {id: d, name: d, input: late, per: 2, cap: -6}\n")
            .find("the adjustment's \"cap\" must be above 0 (the most it takes off the total), got -6") !=
        std::string::npos);
  CHECK(add("periods:\n  - {id: H1, weight: 40}\n  - {id: H2, weight: 50}\n")
            .find("period weights add up to 90, expected 100") != std::string::npos);
}

TEST_CASE("an input has one source: two of ledger, task list, duty compliance and register are refused") {
  const std::string base = test::k_small_ruleset;
  const std::string ledger =
      "hazard_ledger:\n  inputs: {rate: major_rectification_rate, cur: overdue_major}\n";
  const std::string tasks =
      "task_list:\n  yellow_lag: 10\n  red_lag: 30\n  inputs: {rate: completion_rate, prev: red}\n";
  // The task list after the ledger: its mapping of "rate" is the one refused, at its key.
  CHECK(
      load_error(base + ledger + tasks) ==
      "r.yaml:" + std::to_string(std::count(base.begin(), base.end(), '\n') + 6) +
          ":12: input \"rate\" is already computed from the hazard ledger; an input has one source: keep one "
          "of the two mappings");
  // Duty compliance and the register after the task list.
  CHECK(load_error(base + tasks + "duty_compliance:\n  inputs:\n    rate: {tiers: [decision]}\n") ==
        "r.yaml:" + std::to_string(std::count(base.begin(), base.end(), '\n') + 7) +
            ":5: input \"rate\" is already computed from the task list; an input has one source: keep one of "
            "the two mappings");
  CHECK(
      load_error(base + tasks + "accident_register:\n  inputs: {prev: deaths}\n") ==
      "r.yaml:" + std::to_string(std::count(base.begin(), base.end(), '\n') + 6) +
          ":12: input \"prev\" is already computed from the task list; an input has one source: keep one of "
          "the two mappings");
  // A derived input fed by the task list.
  CHECK(load_error(with("- {id: late,", "- {id: late, derive: {sum: [cur, prev]},") +
                   "task_list:\n  yellow_lag: 10\n  red_lag: 30\n  inputs: {late: red}\n")
            .find("input \"late\" is derived (\"derive\") and also computed from the hazard ledger, the task "
                  "list, "
                  "the accident register or the duty records; keep one") != std::string::npos);
}

TEST_CASE("a hazard ladder counts days overdue: from 1, in order") {
  const std::string base = test::k_small_ruleset;
  CHECK(
      load_error(base +
                 "hazard_ledger:\n  escalation:\n    - {id: a, name: 提醒, after_days: 0, actor: owner}\n") ==
      "r.yaml:" + std::to_string(std::count(base.begin(), base.end(), '\n') + 3) +
          ":37: after_days: days a hazard has been overdue, from 1 (the day after its deadline) to 3660");
  const auto r = load_ruleset("r.yaml", base +
                                            "hazard_ledger:\n  verified: false\n  source: s\n  escalation:\n"
                                            "    - {id: a, name: 提醒, after_days: 1, actor: superior}\n"
                                            "    - {id: b, name: 约谈, after_days: 30, actor: 县安委办}\n");
  REQUIRE(r.ledger.escalation.size() == 2);
  CHECK(r.ledger.escalation[1].after_days == 30);
  CHECK(r.ledger.source == "s");
}
