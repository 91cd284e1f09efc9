#include <doctest/doctest.h>

#include <map>
#include <string>

#include "assessment/assessment.hpp"
#include "score/engine.hpp"

// The two bundled 细则 on their examples, against totals and grades computed by hand from
// the rules as the rulesets state them (README "Bundled 细则").

using namespace safeassess;

namespace {

struct Expect {
  const char* total;
  const char* grade;
};

void check_example(const std::string& example, const std::map<std::string, Expect>& want) {
  const auto a = assessment::load_assessment(std::string(SAFEASSESS_SOURCE_DIR) + "/examples/" + example +
                                             "/manifest.yaml");
  const auto r = score::score(assessment::score_input(a));
  REQUIRE(r.units == want.size());
  for (std::size_t u = 0; u < r.units; ++u) {
    const auto it = want.find(a.units.ids[u]);
    REQUIRE(it != want.end());
    INFO(example, " ", a.units.ids[u]);
    CHECK(r.total[u].fixed(2) == it->second.total);
    CHECK(a.rules.grades[r.grade[u]].name == it->second.grade);
  }
}

}  // namespace

TEST_CASE("guizhou-2020: 逐项扣分 down to 0 per category, bands inclusive at 90/80/60, veto, 降等") {
  check_example("guizhou-2020",
                {
                    {"GY", {"100.00", "优秀"}},
                    {"ZY", {"96.00", "优秀"}},   // 100 - (2.5 + 1 + 0.5)
                    {"LPS", {"88.00", "良好"}},  // 100 - (5 + 3.25 + 2 + 1 + 0.75)
                    {"AS", {"90.00", "良好"}},  // 90 is 优秀 (以上 includes it), 弄虚作假 lowers one grade
                    {"BJ", {"80.00", "良好"}},     // exactly 80: 良好
                    {"TR", {"79.50", "合格"}},     // 100 - 20.5
                    {"QDN", {"70.00", "合格"}},    // 35 off a 30-point category stops at 0 (扣完为止)
                    {"QN", {"100.00", "不合格"}},  // 重大责任事故: 一票否决
                    {"QXN", {"59.00", "不合格"}},  // 100 - 41
                    {"GA", {"89.99", "良好"}},     // 90分以上 only from 90
                });
}

TEST_CASE("shuozhou: 5 points a task, 折算 to 100, bonus +2/+1/+0.5 capped, bands inclusive") {
  check_example("shuozhou", {
                                {"S01", {"100.00", "优秀"}},   // 50 / (5 x 10) x 100
                                {"S02", {"90.00", "优秀"}},    // 44.5 / 50 x 100 = 89, + 1 (省)
                                {"S03", {"90.00", "优秀"}},    // 36 / 40 x 100
                                {"S04", {"70.50", "合格"}},    // 31.5 / 45 x 100 = 70, + 0.5 (市)
                                {"S05", {"66.67", "合格"}},    // 40 / 60 x 100 = 66.666...
                                {"S06", {"67.14", "合格"}},    // 23.5 / 35 x 100 = 67.142857...
                                {"S07", {"88.95", "良好"}},    // 47 / 55 x 100 = 85.4545..., + 2 + 1 + 0.5
                                {"S08", {"61.50", "合格"}},    // 58, + 2 x 2 capped at 3.5
                                {"S09", {"58.89", "不合格"}},  // 26.5 / 45 x 100 = 58.888...
                                {"S10", {"99.67", "优秀"}},    // 29.9 / 30 x 100 = 99.666...
                            });
}
