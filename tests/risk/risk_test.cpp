#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "load/builtin.hpp"
#include "load/risk.hpp"
#include "risk/risk.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::risk;

namespace {
Matrix bundled(const std::string& name) {
  return load_matrix_ref("builtin:" + name);
}

std::string level_of(const Matrix& m, double score) {
  return m.levels[m.level_for(score)].name;
}

RiskList grade_text(const Matrix& m, const std::string& csv) {
  return grade("r.csv", csv, io::Encoding::Auto, m);
}
}  // namespace

TEST_CASE("ls-5x5: every cell of the matrix against the common banding 20-25/9-16/4-8/1-3") {
  const Matrix m = bundled("ls-5x5");
  for (int l = 1; l <= 5; ++l)
    for (int s = 1; s <= 5; ++s) {
      const int r = l * s;
      const char* expected = r >= 20 ? "重大风险" : r >= 9 ? "较大风险" : r >= 4 ? "一般风险" : "低风险";
      CHECK_MESSAGE(level_of(m, r) == expected, "L=", l, " S=", s);
    }
  CHECK(m.levels[m.level_for(20)].colour == "红");
  CHECK(m.levels[m.level_for(16)].colour == "橙");
  CHECK(m.levels[m.level_for(9)].colour == "橙");
  CHECK(m.levels[m.level_for(8)].colour == "黄");
  CHECK(m.levels[m.level_for(3)].colour == "蓝");
}

TEST_CASE("ls-5x5-3colour: seed 000's red, yellow and blue at their edges") {
  const Matrix m = bundled("ls-5x5-3colour");
  REQUIRE(m.levels.size() == 3);
  CHECK(m.levels[m.level_for(15)].colour == "红");
  CHECK(m.levels[m.level_for(12)].colour == "黄");
  CHECK(m.levels[m.level_for(6)].colour == "黄");
  CHECK(m.levels[m.level_for(5)].colour == "蓝");
  CHECK(m.levels[m.level_for(1)].colour == "蓝");
}

namespace {

// Every product of the LEC factor values, graded by `m`.
RiskList every_lec_product(const Matrix& m) {
  const double ls[] = {10, 6, 3, 1, 0.5, 0.2, 0.1};
  const double es[] = {10, 6, 3, 2, 1, 0.5};
  const double cs[] = {100, 40, 15, 7, 3, 1};
  std::string csv = "unit,id,name,l,e,c\n";
  int n = 0;
  for (double l : ls)
    for (double e : es)
      for (double c : cs) csv += fmt::format("U,P{},p,{},{},{}\n", n++, l, e, c);
  return grade_text(m, csv);
}

}  // namespace

TEST_CASE("lec-5: every combination of L, E and C against the five published danger classes") {
  const Matrix m = bundled("lec-5");
  const RiskList list = every_lec_product(m);
  REQUIRE(list.points.size() == 252);
  for (const auto& p : list.points) {
    const double d = p.factors[0] * p.factors[1] * p.factors[2];
    const char* expected = d > 320    ? "极其危险"
                           : d >= 160 ? "高度危险"
                           : d >= 70  ? "显著危险"
                           : d >= 20  ? "一般危险"
                                      : "稍有危险";
    CHECK_MESSAGE(m.levels[p.level].name == expected, "D=", d);
  }
  // The edges the table shares: 70 and 20 belong to the band they start; 320 to the one below.
  CHECK(level_of(m, 70) == "显著危险");
  CHECK(level_of(m, 69.9) == "一般危险");
  CHECK(level_of(m, 20) == "一般危险");
  CHECK(level_of(m, 19.9) == "稍有危险");
  CHECK(level_of(m, 160) == "高度危险");
  CHECK(level_of(m, 320) == "高度危险");
  CHECK(level_of(m, 320.1) == "极其危险");
  CHECK_FALSE(m.warning.empty());  // the five classes are not the national four levels
}

TEST_CASE(
    "lec: the national four levels and colours (安委办〔2016〕11号), each boundary on its stated side") {
  const Matrix m = bundled("lec");
  REQUIRE(m.levels.size() == 4);
  const RiskList list = every_lec_product(m);
  for (const auto& p : list.points) {
    const double d = p.factors[0] * p.factors[1] * p.factors[2];
    const char* expected = d > 320 ? "重大风险" : d >= 160 ? "较大风险" : d >= 70 ? "一般风险" : "低风险";
    CHECK_MESSAGE(m.levels[p.level].name == expected, "D=", d);
  }
  CHECK(level_of(m, 320.1) == "重大风险");
  CHECK(level_of(m, 320) == "较大风险");
  CHECK(level_of(m, 160) == "较大风险");
  CHECK(level_of(m, 159.9) == "一般风险");
  CHECK(level_of(m, 70) == "一般风险");
  CHECK(level_of(m, 69.9) == "低风险");
  CHECK(level_of(m, 20) == "低风险");
  const std::vector<std::string> colours = {m.levels[0].colour, m.levels[1].colour, m.levels[2].colour,
                                            m.levels[3].colour};
  CHECK(colours == std::vector<std::string>{"红", "橙", "黄", "蓝"});
  CHECK(m.edition.number == "安委办〔2016〕11号");
}

TEST_CASE("a LEC product that is not exact in binary still lands on its band edge") {
  // 0.5 x 10 x 4 is not a LEC combination, but 0.1 x 2 x 100 = 20.000000000000004 in binary.
  const RiskList list = grade_text(bundled("lec-5"), "unit,id,name,l,e,c\nU,P,p,0.1,2,100\n");
  CHECK(list.points[0].score == 20);
  CHECK(bundled("lec-5").levels[list.points[0].level].name == "一般危险");
}

TEST_CASE("counts per unit and the order of the list") {
  const RiskList list = grade_text(
      bundled("ls-5x5"), "unit,id,name,likelihood,severity\nA,1,a,1,1\nA,2,b,5,5\nB,1,c,3,4\nA,3,d,3,5\n");
  REQUIRE(list.points.size() == 4);
  CHECK(list.points[0].id == "2");    // 25, 重大
  CHECK(list.points[1].score == 15);  // then 较大 by score: 15 before 12
  CHECK(list.points[2].score == 12);
  REQUIRE(list.units.size() == 2);
  CHECK(list.units[0].unit == "A");
  CHECK(list.units[0].per_level == std::vector<std::size_t>{1, 1, 0, 1});
  CHECK(list.units[0].total == 3);
}

TEST_CASE("Chinese factor headers are accepted") {
  const RiskList list = grade_text(bundled("ls-5x5"), "单位,编号,名称,可能性L,严重性S\nA,1,a,2,2\n");
  CHECK(list.points[0].score == 4);
}

TEST_CASE("bad risk lists are reported with their place") {
  const Matrix m = bundled("ls-5x5");
  CHECK(test::input_error([&] {
          (void)grade_text(m, "unit,id,name,likelihood,severity\nA,1,a,6,1\nA,2,b,2.5,1\nA,1,c,1,1\n");
        }) ==
        "r.csv:2:4: column D \"likelihood\": 可能性L \"6\" is not a whole number from 1 to 5\n"
        "r.csv:3:4: column D \"likelihood\": 可能性L \"2.5\" is not a whole number from 1 to 5\n"
        "r.csv:4:2: column B \"id\": risk point \"1\" of unit \"A\" is already listed on line 2");
  CHECK(test::input_error([&] { (void)grade_text(bundled("lec"), "unit,id,name,l,e,c\nA,1,a,5,6,40\n"); }) ==
        "r.csv:2:4: column D \"l\": 可能性L \"5\" is not one of 10, 6, 3, 1, 0.5, 0.2, 0.1");
  CHECK(test::input_error([&] { (void)grade_text(m, "unit,id,name,likelyhood,severity\nA,1,a,1,1\n"); }) ==
        "r.csv:1: missing column \"likelihood\" or \"可能性L\" (a factor of the matrix), did you mean "
        "\"likelyhood\"?");
}

TEST_CASE("matrix files are validated") {
  const char* bad = R"(id: m
name: m
version: "1"
source: test
factors:
  - {id: l, name: L, min: 1, max: 5}
levels:
  - {id: a, name: A, colour: 红, min: 10}
  - {id: b, name: B, colour: 黄, min: 10}
  - {id: c, name: C, colour: 蓝, min: 2}
)";
  CHECK(
      test::input_error([&] { (void)load_matrix("m.yaml", bad); }) ==
      "m.yaml:9:5: level \"B\" does not start below the level before it; list levels from the highest down\n"
      "m.yaml:8:3: the lowest possible score, 1, falls below every level; lower the last level's bound");
  CHECK(test::input_error([] { (void)load_matrix_ref("builtin:ls5x5"); }) ==
        "builtin:ls5x5: no risk matrix file or bundled matrix \"ls5x5\", did you mean \"ls-5x5\"?");
}

TEST_CASE("a matrix whose factors have no id is refused with messages, not an internal error") {
  // Found by fuzz_matrix: the duplicate check asked for the place of a key that is not there.
  CHECK(test::input_error([] {
          (void)load_matrix("m.yaml",
                            "id: m\nname: x\nversion: \"1\"\nverified: false\nsource: s\nfactors:\n"
                            "  - {name: L, min: 1, max: 5}\n  - {name: S, min: 1, max: 5}\n"
                            "levels:\n  - {id: high, name: 高, colour: 红, rgb: \"#ff0000\", min: 1}\n");
        }) == "m.yaml:7:5: missing required key \"id\"\nm.yaml:8:5: missing required key \"id\"");
}

TEST_CASE("a level declared twice is refused") {
  std::string text = ruleset::find_builtin("risk", "ls-5x5")->text;
  const auto at = text.find("{id: large");
  REQUIRE(at != std::string::npos);
  text.replace(at, 10, "{id: major");
  CHECK(test::input_error([&] {
          (void)load_matrix("m.yaml", text);
        }).find("level \"major\" is declared twice") != std::string::npos);
}
