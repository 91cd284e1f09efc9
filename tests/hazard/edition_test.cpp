#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "core/date.hpp"
#include "hazard/judge.hpp"
#include "load/criteria.hpp"
#include "load/findings.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::hazard;

namespace {

std::vector<Criteria> bundled(std::initializer_list<const char*> names) {
  std::vector<Criteria> out;
  for (const char* n : names) out.push_back(load_criteria_ref(n));
  return out;
}

// The verdict of one finding of `industry` dated `day` with one fact.
Judgement judge_one(const std::vector<Criteria>& standards, const std::string& industry,
                    const std::string& day, const std::string& field, const std::string& value) {
  const auto fs = load_findings_csv(
      "f.csv",
      "id,enterprise,industry,date," + field + "\nF1,甲," + industry + "," + day + "," + value + "\n",
      io::Encoding::Auto, standards);
  REQUIRE(fs.size() == 1);
  return judge(standards[fs[0].standard], fs[0]);
}

// One edition of a test standard "f": item 1 is a > 1.
Criteria edition(int n, const std::string& from, const std::string& until) {
  const std::string until_keys =
      until.empty() ? std::string() : fmt::format("effective_until: \"{}\"\nsuperseded_by: 下一版\n", until);
  const std::string text = fmt::format(
      "id: e{0}\nfamily: f\nname: 测试\nnumber: 测试{0}号\neffective_from: \"{1}\"\n{2}source: test\n"
      "verified: true\nindustries: [t]\nfields: [{{id: a, type: number, label: 甲}}]\nitems:\n"
      "  - {{id: \"1\", article: 第一条, category: c, description: d, when: {{field: a, op: gt, value: "
      "1}}}}\n",
      n, from, until_keys);
  return load_criteria(fmt::format("e{}.yaml", n), text);
}

}  // namespace

TEST_CASE("coal: a finding is judged only by the edition in force on its date") {
  const auto standards = bundled({"coal-2021"});
  // 令第4号 is in force from 2021-01-01 to 2026-06-30 (令第21号 from 2026-07-01).
  CHECK(judge_one(standards, "coal", "2021-01-01", "gas_over_limit_operation", "是").verdict ==
        Verdict::Major);
  CHECK(judge_one(standards, "coal", "2026-06-30", "gas_over_limit_operation", "是").verdict ==
        Verdict::Major);
  const Judgement after = judge_one(standards, "coal", "2026-07-01", "gas_over_limit_operation", "是");
  CHECK(after.verdict == Verdict::Undecided);
  CHECK(after.out_of_force ==
        "no loaded edition of 煤矿重大事故隐患判定标准 is in force on 2026-07-01: 应急管理部令第4号 was in "
        "force until "
        "2026-06-30, then 应急管理部令第21号（修订，2026-07-01起施行；据多方报道，文本未收录） applies; the "
        "text in force then is not "
        "loaded, so the "
        "finding is not judged by a replaced text");
  const Judgement before = judge_one(standards, "coal", "2020-12-31", "gas_over_limit_operation", "是");
  CHECK(before.verdict == Verdict::Undecided);
  CHECK(before.out_of_force.find(
            "应急管理部令第4号 is in force only from 2021-01-01, before it 国家安全监管总局令第85号") !=
        std::string::npos);
  CHECK(before.matches.empty());
}

TEST_CASE("construction: the 2022 edition until 2024-12-12, the 2024 edition from 2024-12-13") {
  const auto standards = bundled({"construction-2022", "construction-2024"});
  const auto fs = load_findings_csv("f.csv",
                                    "id,enterprise,industry,date,no_safety_licence\n"
                                    "F1,甲,construction,2024-12-12,是\nF2,甲,construction,2024-12-13,是\n"
                                    "F3,甲,construction,2022-04-18,是\n",
                                    io::Encoding::Auto, standards);
  REQUIRE(fs.size() == 3);
  CHECK(standards[fs[0].standard].id == "construction-2022");
  CHECK(standards[fs[1].standard].id == "construction-2024");
  CHECK(judge(standards[fs[0].standard], fs[0]).verdict == Verdict::Major);
  CHECK(judge(standards[fs[1].standard], fs[1]).verdict == Verdict::Major);
  CHECK_FALSE(fs[2].out_of_force.empty());  // before the 2022 edition
  CHECK(judge(standards[fs[2].standard], fs[2]).verdict == Verdict::Undecided);
}

TEST_CASE("--as-of dates the findings without a date; a finding's own date wins") {
  const auto standards = bundled({"coal-2021"});
  const std::string csv =
      "id,enterprise,industry,date,gas_over_limit_operation\nF1,甲,coal,,是\nF2,甲,coal,2026-08-01,是\n";
  const auto fs = load_findings_csv("f.csv", csv, io::Encoding::Auto, standards, date::parse("2024-01-01"));
  REQUIRE(fs.size() == 2);
  CHECK(fs[0].judged_as_of == "2024-01-01");
  CHECK(fs[0].out_of_force.empty());
  CHECK(fs[1].judged_as_of == "2026-08-01");
  CHECK_FALSE(fs[1].out_of_force.empty());
  CHECK(test::input_error([&] { (void)load_findings_csv("f.csv", csv, io::Encoding::Auto, standards); }) ==
        "f.csv:2:4: column D \"date\": finding \"F1\" has no date, so the edition of the criteria in force "
        "cannot be "
        "chosen; fill its date (YYYY-MM-DD) or run judge --as-of YYYY-MM-DD");
}

TEST_CASE("editions of one standard may not overlap, and their dates are checked") {
  const std::vector<Criteria> overlap = {edition(1, "2020-01-01", "2022-12-31"),
                                         edition(2, "2022-12-31", "")};
  CHECK(test::input_error([&] {
          (void)load_findings_csv("f.csv", "id,enterprise,industry,date,a\nF1,甲,t,2021-01-01,2\n",
                                  io::Encoding::Auto, overlap);
        }) ==
        "e2.yaml: editions \"e1\" (2020-01-01 至 2022-12-31) and \"e2\" (2022-12-31 起施行) of f are both in "
        "force on some day; fix effective_from/effective_until");
  const std::vector<Criteria> apart = {edition(1, "2020-01-01", "2022-12-30"), edition(2, "2022-12-31", "")};
  const auto fs = load_findings_csv(
      "f.csv", "id,enterprise,industry,date,a\nF1,甲,t,2022-12-30,2\nF2,甲,t,2022-12-31,2\n",
      io::Encoding::Auto, apart);
  CHECK(apart[fs[0].standard].id == "e1");
  CHECK(apart[fs[1].standard].id == "e2");
  CHECK(test::input_error([] { (void)edition(3, "2024-01-01", "2023-12-31"); }) ==
        "e3.yaml:6:18: \"effective_until\" 2023-12-31 is before \"effective_from\" 2024-01-01: the text "
        "would never be "
        "in force; effective_until is the last day in force");
  CHECK(test::input_error([] { (void)edition(4, "2024-02-30", ""); }) ==
        "e4.yaml:5:17: \"effective_from\": \"2024-02-30\" is not a date: 2024-02 has 29 days");
}

TEST_CASE("chemical item 5: 一级、二级 重大危险源 only; the level is 1–4 or an input error") {
  const auto standards = bundled({"chemical-2017"});
  auto verdict = [&](const std::string& level) {
    const auto fs = load_findings_csv("f.csv",
                                      "id,enterprise,industry,date,major_hazard_source_level,tank_farm_"
                                      "emergency_shutoff\nF1,甲,chemical,2024-01-01," +
                                          level + ",否\n",
                                      io::Encoding::Auto, standards);
    return judge(standards[0], fs[0]).verdict;
  };
  CHECK(verdict("1") == Verdict::Major);
  CHECK(verdict("2") == Verdict::Major);
  CHECK(verdict("3") == Verdict::General);
  CHECK(verdict("4") == Verdict::General);
  for (const char* bad : {"0", "5", "2.5", "-1"})
    CHECK(test::input_error([&] { (void)verdict(bad); }) ==
          std::string("f.csv:2:5: column E \"major_hazard_source_level\": \"major_hazard_source_level\" "
                      "(重大危险源级别（GB 18218：一级至四级；不构成重大危险源的不填）) takes a whole number "
                      "from 1 to 4, "
                      "got \"") +
              bad + "\"");
}
