#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "core/date.hpp"
#include "hazard/judge.hpp"
#include "load/builtin.hpp"
#include "load/criteria.hpp"
#include "load/findings.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::hazard;

namespace {

// The day findings without a date are judged as of, in the tests not about editions.
const auto k_as_of = date::parse("2024-06-01");

Finding finding_of(const Facts& facts) {
  Finding f;
  f.facts = facts;
  return f;
}

bool has_item(const std::vector<Match>& matches, std::size_t item) {
  return std::any_of(matches.begin(), matches.end(), [&](const Match& m) { return m.item == item; });
}

// A small standard for the logic tests: a > 5 and b; c or d; not e; t in {x, y}.
const char* const k_small = R"(id: small
name: 测试标准
number: 测试〔2024〕1号
family: test
effective_from: "2024-01-01"
source: test
verified: true
industries: [test]
fields:
  - {id: a, type: number, unit: m, label: 甲}
  - {id: b, type: boolean, label: 乙}
  - {id: c, type: boolean, label: 丙}
  - {id: d, type: number, label: 丁}
  - {id: e, type: boolean, label: 戊}
  - {id: t, type: text, label: 类别, values: [x, y, z]}
items:
  - id: "1"
    article: 第一条
    category: 甲
    description: a 大于 5 且 b
    when: {all: [{field: a, op: gt, value: 5}, {field: b, op: eq, value: true}]}
  - id: "2"
    article: 第二条
    category: 乙
    description: c 或 d 在 [1, 3]
    when: {any: [{field: c, op: eq, value: true}, {field: d, op: between, value: [1, 3]}]}
  - id: "3"
    article: 第三条
    category: 丙
    description: 非 e
    when: {not: {field: e, op: eq, value: true}}
  - id: "4"
    article: 第四条
    category: 丁
    description: t 为 x 或 y
    when: {field: t, op: in, value: [x, y]}
)";

Criteria small() {
  return load_criteria("s.yaml", k_small);
}

Facts facts_of(const Criteria& cr, std::initializer_list<std::pair<const char*, const char*>> kv) {
  Facts facts(cr.fields.size());
  for (const auto& [k, v] : kv) {
    std::string error;
    REQUIRE(parse_fact(cr.fields[*cr.find_field(k)], v, facts[*cr.find_field(k)], error));
  }
  return facts;
}

std::vector<std::string> missing_ids(const Criteria& cr, const Judgement& j) {
  std::vector<std::string> out;
  for (auto f : j.missing) out.push_back(cr.fields[f].id);
  return out;
}

}  // namespace

TEST_CASE("every bundled criteria item is met by its examples and just missed by the others") {
  const auto names = ruleset::builtin_names("criteria");
  REQUIRE(names == std::vector<std::string>{"chemical-2017", "coal-2021", "construction-2022",
                                            "construction-2024", "industry-trade-2023"});
  for (const auto& name : names) {
    const Criteria cr = load_criteria_ref(name);
    CAPTURE(name);
    for (std::size_t i = 0; i < cr.items.size(); ++i) {
      const Item& item = cr.items[i];
      CAPTURE(item.id);
      CHECK(!item.meets.empty());
      CHECK(!item.misses.empty());
      for (const auto& facts : item.meets) {
        const Judgement j = judge(cr, finding_of(facts));
        CHECK(j.verdict == Verdict::Major);
        CHECK(has_item(j.matches, i));
      }
      for (const auto& facts : item.misses) {
        const Judgement j = judge(cr, finding_of(facts));
        CHECK_FALSE(has_item(j.matches, i));
        CHECK(evaluate(item.when, cr, facts) == Tri::False);
      }
    }
  }
}

TEST_CASE("the bundled standards carry every item of their official texts") {
  CHECK(load_criteria_ref("chemical-2017").items.size() == 20);
  CHECK(load_criteria_ref("coal-2021").items.size() == 81);            // 第四–十八条, 81 situations
  CHECK(load_criteria_ref("industry-trade-2023").items.size() == 65);  // Arts 3–14
  const Criteria c2024 = load_criteria_ref("construction-2024");
  CHECK(c2024.items.size() == 53);  // 第四–十七条: 5,4,4,3,9,5,2,4,2,7,3,3,1,1
  CHECK_FALSE(c2024.verified);
  CHECK(c2024.family == "construction");
}

TEST_CASE("three-valued logic: all, any, not with unknown facts") {
  const Criteria cr = small();
  const auto& all = cr.items[0].when;
  CHECK(evaluate(all, cr, facts_of(cr, {{"a", "6"}, {"b", "是"}})) == Tri::True);
  CHECK(evaluate(all, cr, facts_of(cr, {{"a", "5"}})) == Tri::False);    // one part false decides
  CHECK(evaluate(all, cr, facts_of(cr, {{"a", "6"}})) == Tri::Unknown);  // b unknown
  const auto& any = cr.items[1].when;
  CHECK(evaluate(any, cr, facts_of(cr, {{"c", "yes"}})) == Tri::True);  // one part true decides
  CHECK(evaluate(any, cr, facts_of(cr, {{"c", "no"}})) == Tri::Unknown);
  CHECK(evaluate(any, cr, facts_of(cr, {{"c", "no"}, {"d", "3"}})) == Tri::True);  // between is inclusive
  CHECK(evaluate(any, cr, facts_of(cr, {{"c", "no"}, {"d", "3.01"}})) == Tri::False);
  const auto& no = cr.items[2].when;
  CHECK(evaluate(no, cr, facts_of(cr, {{"e", "0"}})) == Tri::True);
  CHECK(evaluate(no, cr, facts_of(cr, {})) == Tri::Unknown);
  CHECK(evaluate(cr.items[3].when, cr, facts_of(cr, {{"t", "y"}})) == Tri::True);
  CHECK(evaluate(cr.items[3].when, cr, facts_of(cr, {{"t", "z"}})) == Tri::False);
}

TEST_CASE("judging: untouched items do not apply; undecided findings list exactly the missing facts") {
  const Criteria cr = small();
  // Only a = 6 recorded: item 1 is touched and undecided for want of b; items 2-4 untouched.
  Judgement j = judge(cr, finding_of(facts_of(cr, {{"a", "6"}})));
  CHECK(j.verdict == Verdict::Undecided);
  CHECK(missing_ids(cr, j) == std::vector<std::string>{"b"});
  // a = 5 decides item 1 false whatever b is: a general hazard, nothing missing.
  j = judge(cr, finding_of(facts_of(cr, {{"a", "5"}})));
  CHECK(j.verdict == Verdict::General);
  CHECK(j.missing.empty());
  // c = no leaves item 2 to d; a = 6 leaves item 1 to b: both facts are missing, in
  // dictionary order.
  j = judge(cr, finding_of(facts_of(cr, {{"c", "no"}, {"a", "6"}})));
  CHECK(missing_ids(cr, j) == std::vector<std::string>{"b", "d"});
  // A major hazard is decided: what else is unknown is not asked for.
  j = judge(cr, finding_of(facts_of(cr, {{"c", "yes"}, {"a", "6"}})));
  CHECK(j.verdict == Verdict::Major);
  CHECK(j.missing.empty());
  REQUIRE(j.matches.size() == 1);
  CHECK(j.matches[0].why == "c = yes");
}

TEST_CASE("the explanation shows the recorded values against the thresholds") {
  const Criteria cr = load_criteria_ref("construction-2022");
  Facts f(cr.fields.size());
  std::string e;
  REQUIRE(parse_fact(cr.fields[*cr.find_field("scaffold_cantilever_height_m")], "4.5",
                     f[*cr.find_field("scaffold_cantilever_height_m")], e));
  REQUIRE(parse_fact(cr.fields[*cr.find_field("scaffold_frame_height_m")], "10",
                     f[*cr.find_field("scaffold_frame_height_m")], e));
  const Judgement j = judge(cr, finding_of(f));
  REQUIRE(j.matches.size() == 1);
  CHECK(j.matches[0].why ==
        "scaffold_cantilever_height_m = 4.5 m (condition > 0.4 x scaffold_frame_height_m = 4)");
}

TEST_CASE("criteria files are validated") {
  auto error_of = [](const std::string& from, const std::string& to) {
    std::string text = k_small;
    const auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
    return test::input_error([&] { (void)load_criteria("s.yaml", text); });
  };
  CHECK(error_of("{field: a, op: gt, value: 5}", "{field: aa, op: gt, value: 5}") ==
        "s.yaml:21:26: \"aa\" is not a field of criteria \"small\", did you mean \"a\"?");
  CHECK(error_of("{field: b, op: eq, value: true}", "{field: b, op: gt, value: 1}") ==
        "s.yaml:21:63: operator \"gt\" needs a number field, but \"b\" is yes/no");
  CHECK(error_of("{field: b, op: eq, value: true}", "{field: b, op: eq, value: maybe}") ==
        "s.yaml:21:74: \"b\" expects yes or no (true/false, 是/否, 1/0), got \"maybe\"");
  CHECK(error_of("value: [x, y]}", "value: [x, w]}") ==
        "s.yaml:36:41: \"t\" expects one of: x, y, z; got \"w\"");
  CHECK(error_of("value: [1, 3]}", "value: [3, 1]}") ==
        "s.yaml:26:82: \"between\" [3, 1] is empty: the item can never be met");
  CHECK(error_of("{field: b, op: eq, value: true}", "{field: a, op: lt, value: 3}") ==
        "s.yaml:21:17: the bounds on \"a\" here exclude every value: the item can never be met");
  CHECK(error_of("    when: {not: {field: e, op: eq, value: true}}",
                 "    when: {not: {field: e, op: eq, value: true}}\n    examples: {meets: [{e: true}]}") ==
        "s.yaml:32:24: this example should meet item \"3\", but the condition is false");
}

TEST_CASE("findings CSV: problems are named with their place") {
  const std::vector<Criteria> standards = {small()};
  const std::string header = "id,enterprise,industry,a,b\n";
  CHECK(test::input_error([&] {
          (void)load_findings_csv("f.csv", header + "F1,甲,tset,1,是\nF2,乙,test,x,是\nF1,丙,test,1,是\n",
                                  io::Encoding::Auto, standards, k_as_of);
        }) ==
        "f.csv:2:3: column C \"industry\": industry \"tset\" is not judged by any standard loaded; known "
        "industries: "
        "test\n"
        "f.csv:3:4: column D \"a\": \"a\" expects a number in m, got \"x\"\n"
        "f.csv:4:1: column A \"id\": finding \"F1\" is already listed on line 2");
  CHECK(test::input_error([&] {
          (void)load_findings_csv("f.csv", "id,enterprise,industry,bb\nF1,甲,test,1\n", io::Encoding::Auto,
                                  standards, k_as_of);
        }) == "f.csv:1:4: column D \"bb\" is not a field of any standard loaded, did you mean \"b\"?");
}

TEST_CASE("findings CSV: a fact from another standard does not apply") {
  const std::vector<Criteria> standards = {load_criteria_ref("coal-2021"),
                                           load_criteria_ref("chemical-2017")};
  CHECK(test::input_error([&] {
          (void)load_findings_csv("f.csv", "id,enterprise,industry,storage_violation\nF1,某煤矿,coal,是\n",
                                  io::Encoding::Auto, standards, k_as_of);
        }) ==
        "f.csv:2:4: column D \"storage_violation\": \"storage_violation\" is not a fact that coal-2021 "
        "(应急管理部令第4号) "
        "judges for industry \"coal\"; leave it empty");
  const auto ok =
      load_findings_csv("f.csv", "id,enterprise,industry,storage_violation\nF1,某化工,chemical,是\n",
                        io::Encoding::Auto, standards, k_as_of);
  REQUIRE(ok.size() == 1);
  CHECK(ok[0].standard == 1);
  CHECK(judge(standards[1], ok[0]).verdict == Verdict::Major);
}

TEST_CASE("findings YAML") {
  const std::vector<Criteria> standards = {small()};
  const auto fs = load_findings_yaml("f.yaml",
                                     "findings:\n"
                                     "  - {id: F1, enterprise: 甲, industry: test, facts: {a: 7, b: true}}\n"
                                     "  - {id: F2, enterprise: 乙, industry: test, facts: {t: z}}\n",
                                     standards, k_as_of);
  REQUIRE(fs.size() == 2);
  CHECK(judge(standards[0], fs[0]).verdict == Verdict::Major);
  CHECK(judge(standards[0], fs[1]).verdict == Verdict::General);
  CHECK(test::input_error([&] {
          (void)load_findings_yaml(
              "f.yaml", "findings:\n  - {id: F1, enterprise: 甲, industry: test, facts: {aa: 7}}\n",
              standards, k_as_of);
        }) == "f.yaml:2:53: \"aa\" is not a field of small (测试〔2024〕1号), did you mean \"a\"?");
}

TEST_CASE("findings CSV: the enterprise is required on every row") {
  const std::vector<Criteria> standards = {small()};
  CHECK(test::input_error([&] {
          (void)load_findings_csv("f.csv", "id,enterprise,industry,a\nF1,,test,1\n", io::Encoding::Auto,
                                  standards, k_as_of);
        }) == "f.csv:2:2: column B \"enterprise\": empty enterprise for finding \"F1\"");
}

TEST_CASE("findings CSV: a finding's date is a real day") {
  const std::vector<Criteria> standards = {small()};
  CHECK(test::input_error([&] {
          (void)load_findings_csv("f.csv",
                                  "id,enterprise,industry,date,a\nF1,甲,test,2024-02-30,1\nF2,乙,test,,1\n",
                                  io::Encoding::Auto, standards, k_as_of);
        }) == "f.csv:2:4: column D \"date\": \"2024-02-30\" is not a date: 2024-02 has 29 days");
}
