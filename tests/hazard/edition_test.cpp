#include <doctest/doctest.h>

#include <fmt/format.h>

#include <algorithm>

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
        "e2.yaml: editions \"e1\" (2020-01-01 to 2022-12-31) and \"e2\" (in force from 2022-12-31) of f are "
        "both in "
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

namespace {

// 1..20 in Chinese numerals, as articles and items are numbered.
std::string chinese_number(int n) {
  static const char* const digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n < 10) return digits[n];
  if (n == 10) return "十";
  if (n < 20) return std::string("十") + digits[n - 10];
  return std::string(digits[n / 10]) + "十" + digits[n % 10];
}

}  // namespace

TEST_CASE("every item cites the article and item its id names (第四条（一） is 4-1; 121号 第五项 is 5)") {
  for (const char* name : {"coal-2021", "industry-trade-2023", "construction-2022", "construction-2024"}) {
    const Criteria cr = load_criteria_ref(name);
    for (const auto& item : cr.items) {
      const auto dash = item.id.find('-');
      if (dash == std::string::npos) {  // an article without items (工贸 第十四条)
        CHECK_MESSAGE(item.article == "第" + chinese_number(std::stoi(item.id)) + "条", name, " ", item.id);
        continue;
      }
      const int article = std::stoi(item.id.substr(0, dash));
      const int sub = std::stoi(item.id.substr(dash + 1));
      // An article of one item cites the article alone.
      const bool only = sub == 1 && std::none_of(cr.items.begin(), cr.items.end(), [&](const Item& o) {
                          return o.id.rfind(std::to_string(article) + "-", 0) == 0 && o.id != item.id;
                        });
      const std::string expected =
          "第" + chinese_number(article) + "条" + (only ? std::string() : "（" + chinese_number(sub) + "）");
      CHECK_MESSAGE(item.article == expected, name, " ", item.id, " cites ", item.article);
    }
  }
  const Criteria chem = load_criteria_ref("chemical-2017");
  for (const auto& item : chem.items)
    CHECK_MESSAGE(item.article == "第" + chinese_number(std::stoi(item.id)) + "项", item.id, " cites ",
                  item.article);
  // The operative articles REVIEW §1.2 names, not the category list of 第三条.
  const Criteria coal = load_criteria_ref("coal-2021");
  for (const auto& item : coal.items) CHECK(item.article.rfind("第三条", 0) != 0);
  const auto article_of = [&](const std::string& id) {
    for (const auto& i : coal.items)
      if (i.id == id) return i.article;
    return std::string("(none)");
  };
  CHECK(article_of("4-1") == "第四条（一）");
  CHECK(article_of("4-6") == "第四条（六）");
  CHECK(article_of("13-5") == "第十三条（五）");  // two unobstructed exits, under 淘汰设备工艺
  CHECK(article_of("18-4") == "第十八条（四）");  // 0.74 MPa, under 其他
  CHECK(article_of("18-10") == "第十八条（十）");
}

TEST_CASE("coal boundaries: 以上 includes the number, 大于 excludes it") {
  const auto standards = bundled({"coal-2021"});
  // The other half of each item recorded as not met, so the number alone decides.
  auto v = [&](const std::string& field, const std::string& value) {
    const std::string other =
        field == "workplace_shift_headcount_over_limit_pct" ? "labor_quota_system_missing"
        : field == "annual_output_over_capacity_pct"        ? "monthly_output_pct_of_annual_capacity"
                                                            : "annual_output_over_capacity_pct";
    const std::string other_value = other == "labor_quota_system_missing" ? "否" : "0";
    const auto fs =
        load_findings_csv("f.csv",
                          fmt::format("id,enterprise,industry,date,{},{}\nF1,甲,coal,2024-06-01,{},{}\n",
                                      field, other, value, other_value),
                          io::Encoding::Auto, standards);
    return judge(standards[0], fs[0]).verdict;
  };
  // 第四条（一）: 全年原煤产量超过核定（设计）生产能力幅度在10%以上
  CHECK(v("annual_output_over_capacity_pct", "10") == Verdict::Major);
  CHECK(v("annual_output_over_capacity_pct", "9.99") == Verdict::General);
  // 第四条（一）: 月原煤产量大于核定（设计）生产能力的10% — of the annual capacity, 大于 excludes 10
  CHECK(v("monthly_output_pct_of_annual_capacity", "10.01") == Verdict::Major);
  CHECK(v("monthly_output_pct_of_annual_capacity", "10") == Verdict::General);
  // 第四条（六）: 采掘作业地点单班作业人数超过国家有关限员规定20%以上
  CHECK(v("workplace_shift_headcount_over_limit_pct", "20") == Verdict::Major);
  CHECK(v("workplace_shift_headcount_over_limit_pct", "19.99") == Verdict::General);
}

TEST_CASE("findings YAML: empty ids and industries, facts that are not one value, an empty list") {
  const auto standards = bundled({"coal-2021"});
  CHECK(test::input_error([&] {
          (void)load_findings_yaml("f.yaml",
                                   "findings:\n"
                                   "  - {id: \"\", enterprise: a, industry: coal, date: 2024-01-01, facts: "
                                   "{gas_sensor_disabled: [1, 2]}}\n"
                                   "  - {id: x, enterprise: a, industry: \"\", date: 2024-01-01}\n"
                                   "  - {id: y, enterprise: a, industry: coal, date: 2020-01-01, facts: "
                                   "{gas_sensor_disabled: banana}}\n",
                                   standards);
        }) ==
        "f.yaml:2:10: empty finding id\n"
        "f.yaml:2:92: \"gas_sensor_disabled\" takes one value, e.g. gas_sensor_disabled: true\n"
        "f.yaml:3:38: empty industry: it chooses the standard that judges the finding\n"
        "f.yaml:4:91: \"gas_sensor_disabled\" expects yes or no (true/false, 是/否, 1/0), got \"banana\"");
  CHECK(test::input_error([&] { (void)load_findings_yaml("f.yaml", "findings: []\n", standards); }) ==
        "f.yaml:1:11: no findings: the list is empty");
}
