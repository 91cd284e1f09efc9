#include <doctest/doctest.h>

#include <fmt/format.h>

#include <set>
#include <string>

#include "core/hash.hpp"
#include "load/ruleset.hpp"
#include "load/targeting.hpp"
#include "support/fixtures.hpp"
#include "targeting/classify.hpp"
#include "targeting/sample.hpp"

using namespace safeassess;
using namespace safeassess::targeting;

namespace {

date::Day day(const char* s) {
  return *date::parse(s);
}

// The small ruleset with a targeting section: three colours, first-match rules on the
// facts, and a plan drawn by colour and township.
std::string ruleset_text(const std::string& classification, const std::string& sampling) {
  return std::string(test::k_small_ruleset) + R"(targeting:
  colours:
    - {id: red, name: 红, inspections_per_year: 4, interview: 约谈}
    - {id: yellow, name: 黄, inspections_per_year: 2}
    - {id: green, name: 绿, inspections_per_year: 1, incentive: 减少检查}
)" + classification +
         sampling;
}

const std::string k_first_match = R"(  classification:
    otherwise: green
    rules:
      - {id: big, name: 重大风险且上期红色, colour: red,
         when: {all: [{field: risk_level, op: ge, value: 4}, {field: previous_red, op: eq, value: 1}]}}
      - {id: risk, name: 重大风险, colour: yellow, when: {field: risk_level, op: ge, value: 4}}
      - {id: again, name: 上期红色, colour: yellow, when: {field: previous_red, op: eq, value: 1}}
)";

const std::string k_plan = R"(  sampling:
    strata: [colour, township]
    allocation:
      - {colour: red, rate: 100}
      - {colour: yellow, count: 1}
      - {rate: 10}
)";

Targeting load_rules(const std::string& classification = k_first_match,
                     const std::string& sampling = k_plan) {
  return *ruleset::load_ruleset("small.yaml", ruleset_text(classification, sampling)).targeting;
}

assessment::Units units() {
  assessment::Units u;
  u.add("U1", "一镇", 2);
  u.add("U2", "二镇", 3);
  return u;
}

const std::string k_header = "id,name,unit,township,industry,risk_level,previous_colour\n";

EnterpriseList enterprises(const Targeting& t, const std::string& rows, bool sampling = true) {
  return read_enterprises({"e.csv", k_header + rows}, io::Encoding::Auto, units(), t, needs(t, sampling));
}

Result classify_rows(const Targeting& t, const EnterpriseList& list) {
  Sources src;
  return classify(t, list, src);
}

}  // namespace

TEST_CASE("targeting: the ruleset section is read, and its mistakes are placed") {
  const auto t = load_rules();
  REQUIRE(t.colours.size() == 3);
  CHECK(t.colours[0].inspections_per_year == 4);
  CHECK(t.classification.rules.size() == 3);
  CHECK(t.classification.fallback == 2);
  REQUIRE(t.sampling);
  CHECK(t.sampling->team_size == 2);
  CHECK(t.sampling->allocation.size() == 3);
  const auto bad = [](const std::string& c, const std::string& s) {
    return test::input_error([&] { (void)ruleset::load_ruleset("small.yaml", ruleset_text(c, s)); });
  };
  CHECK(bad(R"(  classification:
    otherwise: blue
    rules:
      - {id: a, name: A, colour: red, when: {field: deathz, op: ge, value: 1}}
)",
            "") ==
        "small.yaml:50:16: unknown colour \"blue\"; the scheme's colours are red, yellow, green\n"
        "small.yaml:52:53: condition field \"deathz\" is not a fact classify knows of an enterprise (README "
        "\"safeassess classify\"), did you mean \"deaths\"?");
  CHECK(bad(k_first_match, R"(  sampling:
    strata: [colour]
    team_size: 1
    allocation:
      - {township: 一镇, rate: 10}
      - {rate: 120}
)") == "small.yaml:60:20: \"township\" is not one of \"strata\"; add it there or drop it here\n"
       "small.yaml:61:16: \"rate\" is a percent from 0 to 100\n"
       "small.yaml:58:16: \"team_size\" must be from 2 to 20: an inspection needs at least two inspectors");
}

TEST_CASE(
    "classify: first match gives the first rule's colour, else the fallback; changes against last period") {
  const auto t = load_rules();
  const auto list = enterprises(t,
                                "E1,甲厂,U1,一镇,工贸,重大,绿\n"
                                "E2,乙厂,U1,一镇,工贸,一般,红\n"
                                "E3,丙厂,U2,二镇,工贸,低,\n"
                                "E4,丁厂,U2,二镇,工贸,重大,黄\n"
                                "E5,戊厂,U2,二镇,工贸,重大,红\n");
  const auto r = classify_rows(t, list);
  REQUIRE(r.rows.size() == 5);
  CHECK(r.rows[0].colour == 1);  // 重大风险 → yellow, worse than green
  CHECK(r.rows[0].matched == std::vector<std::size_t>{1});
  CHECK(r.rows[0].change == Change::Worse);
  CHECK(r.rows[1].colour == 1);  // 上期红色 → yellow, better than red
  CHECK(r.rows[1].change == Change::Better);
  CHECK(r.rows[2].colour == 2);  // nothing applies: green, new
  CHECK(r.rows[2].matched.empty());
  CHECK(r.rows[2].change == Change::New);
  CHECK(r.rows[3].change == Change::Same);
  CHECK(r.rows[4].colour == 0);  // both: the first rule, red
  CHECK(r.rows[4].matched == std::vector<std::size_t>{0});
  CHECK(r.counts == std::vector<std::size_t>{1, 3, 1});
  CHECK(r.previous == std::vector<std::size_t>{2, 1, 1});
  CHECK(r.changes[static_cast<std::size_t>(Change::Same)] == 2);
}

TEST_CASE("classify: the points method sums the rules that hold and bands the total") {
  const auto t = load_rules(R"(  classification:
    method: points
    otherwise: green
    rules:
      - {id: risk, name: 重大风险, points: 30, when: {field: risk_level, op: ge, value: 4}}
      - {id: larger, name: 较大风险, points: 15, when: {field: risk_level, op: ge, value: 3}}
      - {id: again, name: 上期红色, points: 20, when: {field: previous_red, op: eq, value: 1}}
    bands:
      - {colour: red, min: 50}
      - {colour: yellow, min: 30}
)",
                            "");
  const auto list = enterprises(t,
                                "E1,甲厂,U1,一镇,工贸,重大,红\n"   // 30 + 15 + 20 = 65: red
                                "E2,乙厂,U1,一镇,工贸,重大,绿\n"   // 45: yellow
                                "E3,丙厂,U1,一镇,工贸,较大,红\n"   // 35: yellow
                                "E4,丁厂,U1,一镇,工贸,较大,绿\n",  // 15: green
                                false);
  const auto r = classify_rows(t, list);
  CHECK(r.rows[0].points == num::Decimal::of(65));
  CHECK(r.rows[0].colour == 0);
  CHECK(r.rows[1].points == num::Decimal::of(45));
  CHECK(r.rows[1].colour == 1);
  CHECK(r.rows[2].points == num::Decimal::of(35));
  CHECK(r.rows[2].colour == 1);
  CHECK(r.rows[3].points == num::Decimal::of(15));
  CHECK(r.rows[3].colour == 2);
  CHECK(r.rows[0].matched == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("classify: a rule on a fact whose source the manifest lacks is an error, not a zero") {
  const auto t = load_rules(R"(  classification:
    otherwise: green
    rules:
      - {id: big, name: 较大事故, colour: red, when: {field: larger_accidents, op: ge, value: 1}}
)",
                            "");
  const auto list = enterprises(t, "E1,甲厂,U1,一镇,工贸,重大,绿\n");
  CHECK(test::input_error([&] { (void)classify_rows(t, list); }) ==
        "small.yaml:52:9: rule \"big\" reads larger_accidents, which needs an accident register in the "
        "manifest "
        "(accidents: accidents.csv)");
}

TEST_CASE("enterprise list: every problem at its cell") {
  const auto t = load_rules();
  CHECK(test::input_error([&] {
          (void)enterprises(t,
                            "E1,甲厂,U1,一镇,工贸,重大,绿\n"
                            "E1,乙厂,U9,一镇,工贸,极高,紫\n"
                            "E3,甲厂,U1,,,一般,\n");
        }) ==
        "e.csv:3:1: column A \"id\": enterprise \"E1\" is already listed on line 2; one enterprise, one row\n"
        "e.csv:3:3: column C \"unit\": unit \"U9\" is not in the units file, did you mean \"U1\"?\n"
        "e.csv:3:6: column F \"risk_level\": \"极高\" is not a risk level; write 重大, 较大, 一般 or 低 (or "
        "红, "
        "橙, 黄, 蓝)\n"
        "e.csv:3:7: column G \"previous_colour\": \"紫\" is not a colour of the scheme (red, yellow, green); "
        "leave it empty for an enterprise not classified last period\n"
        "e.csv:4:2: column B \"name\": unit U1 already has an enterprise named \"甲厂\" (line 2); the ledger "
        "and the accident register could not tell them apart\n"
        "e.csv:4:4: column D \"township\": empty township\n"
        "e.csv:4:5: column E \"industry\": empty industry");
}

namespace {

// A plan of one stratum (no strata) with the given allocation and rules.
Targeting plan_rules(const std::string& sampling) {
  return load_rules(k_first_match, sampling);
}

std::string rows_of(int n, const char* township = "一镇", const char* industry = "工贸") {
  std::string s;
  for (int i = 1; i <= n; ++i) s += fmt::format("E{:02},厂{},U1,{},{},一般,绿\n", i, i, township, industry);
  return s;
}

Roster roster(const EnterpriseList& list, const std::string& inspectors, const std::string& recusals = "",
              const std::string& inspections = "") {
  std::optional<Table> r, i;
  if (!recusals.empty()) r = Table{"r.csv", "inspector,enterprise,reason\n" + recusals};
  if (!inspections.empty()) i = Table{"i.csv", "enterprise,date,inspectors\n" + inspections};
  return read_roster({"z.csv", "id,name,township,qualifications,max\n" + inspectors}, r, i,
                     io::Encoding::Auto, list, true);
}

const std::string k_four = "Z1,甲,县局,全部,\nZ2,乙,县局,全部,\nZ3,丙,县局,全部,\nZ4,丁,县局,全部,\n";

Draw run(const Targeting& t, const EnterpriseList& list, const Roster& ro, const std::string& seed,
         const char* on = "2025-03-01") {
  const auto c = classify_rows(t, list);
  static std::vector<std::size_t> colours;
  colours.clear();
  for (const auto& r : c.rows) colours.push_back(r.colour);
  DrawInput in{&t, &list, &colours, &ro, day(on), seed, ""};
  return draw(in);
}

std::string draw_error(const Targeting& t, const EnterpriseList& list, const Roster& ro) {
  return test::input_error([&] { (void)run(t, list, ro, "s"); });
}

std::set<std::string> team_of(const Draw& d, const EnterpriseList& list, const Roster& ro,
                              const std::string& id) {
  for (const auto& t : d.teams)
    if (list.rows[t.enterprise].id == id) {
      std::set<std::string> out;
      for (auto i : t.inspectors) out.insert(ro.inspectors[i].id);
      return out;
    }
  return {};
}

}  // namespace

TEST_CASE("sample: rates are minimums, rounded up exactly; a count above the stratum is an error") {
  auto count_for = [](const char* rate, int n) {
    const auto t = plan_rules(fmt::format("  sampling:\n    allocation:\n      - {{rate: {}}}\n", rate));
    const auto list = enterprises(t, rows_of(n));
    const auto ro = roster(list, k_four + "Z5,戊,县局,全部,\nZ6,己,县局,全部,\n");
    return run(t, list, ro, "seed").strata.at(0).count;
  };
  CHECK(count_for("10", 11) == 2);    // 1.1 → 2
  CHECK(count_for("20", 10) == 2);    // exactly 2: not rounded further
  CHECK(count_for("50", 5) == 3);     // 2.5 → 3
  CHECK(count_for("33.3", 3) == 1);   // 0.999 → 1
  CHECK(count_for("0", 7) == 0);      // none
  CHECK(count_for("100", 4) == 4);    // all
  CHECK(count_for("0.001", 9) == 1);  // any rate above 0 draws at least one
  const auto t = plan_rules("  sampling:\n    allocation:\n      - {count: 4}\n");
  const auto list = enterprises(t, rows_of(3));
  CHECK(draw_error(t, list, roster(list, k_four)) ==
        "small.yaml:58:9: the stratum all enterprises has 3 enterprises; 4 cannot be drawn: lower the count");
}

TEST_CASE("sample: a stratum no allocation covers is an error; strata come in the scheme's colour order") {
  const auto t = plan_rules(R"(  sampling:
    strata: [colour, township]
    allocation:
      - {colour: yellow, count: 1}
      - {colour: green, township: 一镇, rate: 100}
)");
  const auto list =
      enterprises(t, "E1,甲,U1,一镇,工贸,重大,\nE2,乙,U1,二镇,工贸,一般,\nE3,丙,U1,一镇,工贸,一般,\n");
  CHECK(draw_error(t, list, roster(list, k_four)) ==
        "small.yaml:59:7: no allocation covers the stratum colour=green, township=二镇 (1 enterprises); add "
        "one for "
        "it, or a last one without colour, industry or township for every other stratum");
  const auto ok = plan_rules(R"(  sampling:
    strata: [colour]
    allocation:
      - {rate: 100}
)");
  const auto d = run(ok, enterprises(ok, "E1,甲,U1,一镇,工贸,一般,\nE2,乙,U1,一镇,工贸,重大,\n"),
                     roster(list, k_four), "s");
  REQUIRE(d.strata.size() == 2);
  CHECK(d.strata[0].key == std::vector<std::string>{"yellow"});  // before green: the scheme's order
  CHECK(d.strata[1].key == std::vector<std::string>{"green"});
}

TEST_CASE("sample: the draw is a pure function of the inputs and the seed") {
  const auto t = plan_rules("  sampling:\n    allocation:\n      - {rate: 30}\n");
  const auto list = enterprises(t, rows_of(40));
  const auto ro = roster(list, k_four + "Z5,戊,县局,全部,\nZ6,己,县局,全部,\n");
  const auto a = run(t, list, ro, "公开种子 2025-1");
  const auto b = run(t, list, ro, "公开种子 2025-1");
  CHECK(a.strata[0].drawn == b.strata[0].drawn);
  CHECK(a.teams.size() == b.teams.size());
  for (std::size_t k = 0; k < a.teams.size(); ++k) CHECK(a.teams[k].inspectors == b.teams[k].inspectors);
  CHECK(a.words == b.words);
  // One byte of the seed changes the draw.
  const auto c = run(t, list, ro, "公开种子 2025-2");
  CHECK(c.strata[0].drawn != a.strata[0].drawn);
  // The order of the file's rows does not: members are taken by id.
  std::string reversed;
  for (int i = 40; i >= 1; --i) reversed += fmt::format("E{:02},厂{},U1,一镇,工贸,一般,绿\n", i, i);
  const auto list2 = enterprises(t, reversed);
  const auto d =
      run(t, list2, roster(list2, k_four + "Z5,戊,县局,全部,\nZ6,己,县局,全部,\n"), "公开种子 2025-1");
  std::vector<std::string> ids_a, ids_d;
  for (auto e : a.strata[0].drawn) ids_a.push_back(list.rows[e].id);
  for (auto e : d.strata[0].drawn) ids_d.push_back(list2.rows[e].id);
  CHECK(ids_a == ids_d);
  // The stream is the documented one: the key is SHA-256("safeassess-draw-v1\n" + seed).
  CHECK(draw_key("x") == hash::sha256("safeassess-draw-v1\nx"));
}

TEST_CASE("sample: every 回避 rule and the qualifications keep an inspector off a team") {
  const auto t = plan_rules(R"(  sampling:
    allocation:
      - {rate: 100}
    avoid: {last_inspection: true, own_township: true}
)");
  // One enterprise; six inspectors, each barred by one rule except Z5 and Z6.
  const auto list = enterprises(t, "E1,甲,U1,一镇,化工,一般,\n");
  const auto ro = roster(list,
                         "Z1,甲,县局,工贸,\n"        // not qualified for 化工
                         "Z2,乙,县局,全部,\n"        // related (recusal)
                         "Z3,丙,县局,化工；工贸,\n"  // inspected E1 last time
                         "Z4,丁,一镇,全部,\n"        // of E1's township
                         "Z5,戊,县局,化工,\n"
                         "Z6,己,二镇,全部,\n"
                         "Z7,庚,县局,全部,0\n",  // workload limit 0
                         "Z2,E1,近亲属在该企业任职\n", "E1,2023-05-01,Z5\nE1,2024-05-01,Z3\n");
  for (const char* seed : {"a", "b", "c", "d", "e"}) {
    const auto d = run(t, list, ro, seed);
    // Z5 inspected E1 in 2023, but the last inspection (2024) was Z3's: only that one counts.
    CHECK(team_of(d, list, ro, "E1") == std::set<std::string>{"Z5", "Z6"});
  }
  // With Z5 gone (its limit 0), no team of two is left: a clear error, not a smaller team.
  const auto ro2 = roster(list,
                          "Z1,甲,县局,工贸,\nZ2,乙,县局,全部,\nZ3,丙,县局,化工；工贸,\nZ4,丁,一镇,全部,\n"
                          "Z5,戊,县局,化工,0\nZ6,己,二镇,全部,\n",
                          "Z2,E1,近亲属在该企业任职\n", "E1,2024-05-01,Z3\n");
  CHECK(draw_error(t, list, ro2) ==
        "e.csv:2: no team of 2 for E1 甲: of 6 inspectors, 1 are not qualified for \"化工\", 1 stand aside "
        "(回避: "
        "related), 1 inspected it last time, 1 are of its township, 1 have reached their workload limit; 1 "
        "left");
  // Own township only when the plan says so, last inspection only when it says so.
  const auto lax = plan_rules(R"(  sampling:
    allocation:
      - {rate: 100}
    team_size: 3
    avoid: {last_inspection: false, own_township: false}
)");
  const auto list3 = enterprises(lax, "E1,甲,U1,一镇,化工,一般,\n");
  const auto ro3 = roster(
      list3, "Z1,甲,县局,工贸,\nZ2,乙,县局,全部,\nZ3,丙,县局,化工,\nZ4,丁,一镇,全部,\nZ5,戊,县局,化工,\n",
      "Z2,E1,近亲属在该企业任职\n", "E1,2024-05-01,Z3\n");
  // Z1 is still unqualified and Z2 still related (recusals always apply); Z3 and Z4 may go.
  CHECK(team_of(run(lax, list3, ro3, "a"), list3, ro3, "E1") == std::set<std::string>{"Z3", "Z4", "Z5"});
}

TEST_CASE("sample: workload limits spread the teams; the least-loaded inspectors go first") {
  const auto t = plan_rules(R"(  sampling:
    allocation:
      - {rate: 100}
    max_per_inspector: 2
    avoid: {last_inspection: false}
)");
  const auto list = enterprises(t, rows_of(4));
  const auto d = run(t, list, roster(list, k_four), "w");
  REQUIRE(d.teams.size() == 4);
  CHECK(d.load == std::vector<long>{2, 2, 2, 2});
  // A fifth enterprise cannot be staffed: every inspector is at the limit.
  const auto list5 = enterprises(t, rows_of(5));
  CHECK(draw_error(t, list5, roster(list5, k_four)).find("4 have reached their workload limit; 0 left") !=
        std::string::npos);
}

TEST_CASE("sample: recently inspected enterprises are left out, or down-weighted") {
  const auto ex = plan_rules(R"(  sampling:
    allocation:
      - {rate: 100}
    recent: {months: 6}
)");
  const auto list = enterprises(ex, rows_of(4));
  const auto ro = roster(list, k_four + "Z5,戊,县局,全部,\nZ6,己,县局,全部,\n", "",
                         "E01,2024-09-01,Z1\nE02,2024-08-31,Z2\nE03,2025-03-01,Z3\n");
  const auto d = run(ex, list, ro, "r");
  CHECK(d.recent_from == day("2024-09-01"));
  CHECK(d.strata[0].recent == 2);  // E01 (on the first recent day) and E03 (on the draw day)
  CHECK(d.strata[0].eligible == 2);
  CHECK(d.strata[0].count == 2);  // 100% of the eligible
  std::set<std::string> drawn;
  for (auto e : d.strata[0].drawn) drawn.insert(list.rows[e].id);
  CHECK(drawn == std::set<std::string>{"E02", "E04"});
  CHECK(
      test::input_error([&] { (void)run(ex, list, roster(list, k_four, "", "E01,2025-03-02,Z1\n"), "r"); }) ==
      "i.csv:2: an inspection of E01 on 2025-03-02 is after the draw date 2025-03-01; the draw reads the "
      "past only");
  const auto w = plan_rules(R"(  sampling:
    allocation:
      - {count: 4}
    recent: {months: 6, mode: weight, weight: 50}
)");
  const auto d2 = run(w, enterprises(w, rows_of(4)), ro, "r");
  CHECK(d2.strata[0].eligible == 4);  // down-weighted, still drawn
  CHECK(d2.strata[0].drawn.size() == 4);
  CHECK(months_before(day("2025-03-31"), 1) == day("2025-02-28"));
  CHECK(months_before(day("2024-03-31"), 1) == day("2024-02-29"));
  CHECK(months_before(day("2025-01-15"), 13) == day("2023-12-15"));
}

TEST_CASE("sample: an allocation for a township or industry no enterprise has is an error, not ignored") {
  const auto t = plan_rules(R"(  sampling:
    strata: [township]
    allocation:
      - {township: 一乡, rate: 100}
      - {rate: 10}
)");
  const auto list = enterprises(t, rows_of(3));
  CHECK(draw_error(t, list, roster(list, k_four)) ==
        "small.yaml:59:9: no enterprise of e.csv has township \"一乡\"; correct the allocation or drop it");
}

TEST_CASE("enterprise list: a name that is another enterprise's id in its unit is an error") {
  const auto t = load_rules();
  CHECK(test::input_error(
            [&] { (void)enterprises(t, "甲厂,甲厂X,U1,一镇,工贸,一般,\nE2,甲厂,U1,一镇,工贸,一般,\n"); }) ==
        "e.csv:3:2: column B \"name\": \"甲厂\" is also the id of enterprise 甲厂 甲厂X (line 2) in unit U1; "
        "the "
        "ledger and the accident register could not tell them apart");
  // In another unit the same text is no clash.
  CHECK(enterprises(t, "甲厂,甲厂X,U1,一镇,工贸,一般,\nE2,甲厂,U2,二镇,工贸,一般,\n").rows.size() == 2);
}

TEST_CASE("roster: a bad row and a later row with its id: both reported, no crash (found by fuzz_roster)") {
  const auto t = load_rules();
  const auto list = enterprises(t, rows_of(1));
  CHECK(test::input_error([&] { (void)roster(list, "Z1,甲,县局,,\nZ1,乙,县局,全部,\n"); }) ==
        "z.csv:2:4: column D \"qualifications\": no qualification; list the industries (or 全部)\n"
        "z.csv:3:1: column A \"id\": inspector \"Z1\" is already listed on line 2");
}

TEST_CASE("roster: a bad row is reported once; its recusals and inspections are not 'unknown'") {
  const auto t = load_rules();
  const auto list = enterprises(t, rows_of(2));
  CHECK(test::input_error([&] {
          (void)roster(list, "Z1,甲,县局,全部,1e3\nZ2,乙,县局,全部,8.0\n", "Z1,E01,亲属\n",
                       "E01,2024-05-01,Z1；Z2\n");
        }) ==
        "z.csv:2:5: column E \"max\": \"1e3\" is not a number of inspections (a whole number from 0; 0: not "
        "drawn "
        "this time)\n"
        "z.csv:3:5: column E \"max\": \"8.0\" is not a number of inspections (a whole number from 0; 0: not "
        "drawn "
        "this time)");
}

TEST_CASE("classify: a rule is skipped only when an unknown fact could decide it (three-valued)") {
  const auto t = load_rules(R"(  classification:
    otherwise: green
    rules:
      - {id: r, name: 红, colour: red,
         when: {any: [{field: risk_level, op: ge, value: 4}, {field: previous_red, op: eq, value: 1}]}}
      - {id: y, name: 黄, colour: yellow,
         when: {all: [{field: risk_level, op: ge, value: 3}, {field: previous_yellow, op: eq, value: 1}]}}
)",
                            "");
  // Built by hand: the loader would refuse an empty risk level that a rule reads.
  EnterpriseList list;
  list.file = "e.csv";
  list.has_risk = list.has_previous = true;
  for (std::size_t prev : {0, 2, 1}) {
    Enterprise e;
    e.id = "E" + std::to_string(list.rows.size() + 1);
    e.name = e.id;
    e.previous = prev;
    list.rows.push_back(e);
  }
  const auto r = classify_rows(t, list);
  // E1: unknown or true = true: red, although the risk level is unknown.
  CHECK(r.rows[0].colour == 0);
  CHECK(r.rows[0].matched == std::vector<std::size_t>{0});
  CHECK(r.rows[0].skipped.empty());
  // E2 (green last time): unknown or false = unknown, skipped; unknown and false = false.
  CHECK(r.rows[1].colour == 2);
  CHECK(r.rows[1].skipped == std::vector<std::size_t>{0});
  // E3 (yellow last time): both unknown, both skipped.
  CHECK(r.rows[2].colour == 2);
  CHECK(r.rows[2].skipped == std::vector<std::size_t>{0, 1});
}
