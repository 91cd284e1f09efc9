#include <doctest/doctest.h>

#include <fmt/format.h>
#include "support/decimal.hpp"

#include <string>

#include "load/manifest.hpp"
#include "load/tables.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using test::input_error;
using test::k_values_header;
using test::make_assessment;

namespace {
const std::string k_units = "id,name\nA,甲\nB,乙\n";
const std::string k_ratings = "unit,item,rater,rating\nA,r,x,5\nB,r,x,5\n";
std::string values(const std::string& a_row, const std::string& b_row = "100,4,5,0,2,1,0,0") {
  return std::string(k_values_header) + "A," + a_row + "\nB," + b_row + "\n";
}
}  // namespace

TEST_CASE("a non-numeric cell names file, row, column and header") {
  CHECK(input_error([] { (void)make_assessment(k_units, values("100,4,five,0,2,1,0,0"), k_ratings); }) ==
        "values.csv:2:4: column D \"prev\": expected a whole number 0 or more (a count), got \"five\"");
  CHECK(input_error([] { (void)make_assessment(k_units, values("100,4,5,0,1.2.3,1,0,0"), k_ratings); }) ==
        "values.csv:2:6: column F \"budget\": expected a number, got \"1.2.3\"");
  CHECK(input_error([] { (void)make_assessment(k_units, values("abc%,4,5,0,2,1,0,0"), k_ratings); }) ==
        "values.csv:2:2: column B \"rate\": expected a percentage such as 98.5 or 98.5%, got \"abc%\"");
  CHECK(input_error([] { (void)make_assessment(k_units, values("100,4,5,0,2,maybe,0,0"), k_ratings); }) ==
        "values.csv:2:7: column G \"done\": expected yes or no (1/0, yes/no, true/false, 是/否), got "
        "\"maybe\"");
}

TEST_CASE("values outside an input's declared range are rejected") {
  CHECK(input_error([] { (void)make_assessment(k_units, values("101,4,5,0,2,1,0,0"), k_ratings); }) ==
        "values.csv:2:2: column B \"rate\": 101 is outside the allowed range 0..100 for \"rate\"");
}

TEST_CASE("all cell problems are reported together") {
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("x,4,5,0,2,1,0,0", "100,-1,5,0,2,1,0,0"), k_ratings);
        }) ==
        "values.csv:2:2: column B \"rate\": expected a percentage such as 98.5 or 98.5%, got \"x\"\n"
        "values.csv:3:3: column C \"cur\": expected a whole number 0 or more (a count), got \"-1\"");
}

TEST_CASE("an empty cell under the error policy says how to proceed") {
  CHECK(input_error([] { (void)make_assessment(k_units, values("100,,5,0,2,1,0,0"), k_ratings); }) ==
        "values.csv:2:3: column C \"cur\": empty cell for unit \"A\"; enter a value, or set \"missing: "
        "zero\" or \"missing: exclude\" in the manifest");
}

TEST_CASE("veto and bonus inputs cannot be excluded") {
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("100,4,5,0,2,1,,0"), k_ratings,
                                ruleset::MissingPolicy::Exclude);
        }) ==
        "values.csv:2:8: column H \"big\": empty cell for unit \"A\"; \"big\" decides a veto, a bonus, an "
        "adjustment or a grade cap and cannot be excluded: enter a value (0 if none)");
}

TEST_CASE("duplicate unit ids") {
  CHECK(input_error(
            [] { (void)make_assessment("id,name\nA,甲\nA,乙\n", values("100,4,5,0,2,1,0,0"), k_ratings); }) ==
        "units.csv:3:1: column A \"id\": unit id \"A\" is already used on line 2; unit ids must be unique");
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("100,4,5,0,2,1,0,0") + "A,100,4,5,0,2,1,0,0\n", k_ratings);
        }) ==
        "values.csv:4:1: column A \"unit\": unit \"A\" already has a row on line 2; give each unit one row");
}

TEST_CASE("units unknown or missing from the values file") {
  CHECK(input_error([] {
          (void)make_assessment(k_units,
                                std::string(k_values_header) + "A,100,4,5,0,2,1,0,0\nBB,100,4,5,0,2,1,0,0\n",
                                k_ratings);
        }) ==
        "values.csv:3:1: column A \"unit\": unit \"BB\" is not in the units file, did you mean \"B\"?\n"
        "values.csv: unit \"B\" (units file line 3) has no row; add a row with unit = B");
}

TEST_CASE("a missing column suggests the header present") {
  CHECK(input_error([] {
          (void)make_assessment(k_units, "unit,rat,cur,prev,late,budget,done,big,prize\nA,1,1,1,1,1,1,1,1\n",
                                k_ratings);
        }) ==
        "values.csv:1: missing column \"rate\" or \"整改率\" (an input the ruleset reads), did you mean "
        "\"rat\"?");
}

TEST_CASE("Chinese headers from an evaluator's template are accepted") {
  auto a = make_assessment(
      "单位编号,单位名称\nA,甲\nB,乙\n",
      "单位编号,整改率,本年,上年,迟报,投入,清单,重大事故,表彰\nA,90,4,5,0,2,是,0,0\nB,100,4,5,0,2,否,0,0\n",
      "单位编号,指标,评分人,评分\nA,r,专家1,5\nB,r,专家1,5\n");
  CHECK(a.units.ids[1] == "B");
  CHECK(a.values.row(0)[0] == 90);
  CHECK(a.values.row(1)[5] == 0);
}

TEST_CASE("an input under both its id and its Chinese name is ambiguous") {
  CHECK(input_error([] {
          (void)make_assessment(k_units,
                                "unit,rate,整改率,cur,prev,late,budget,done,big,prize\nA,1,1,1,1,1,1,1,1,1\n",
                                k_ratings);
        }) ==
        "values.csv:1:3: columns B \"rate\" and C \"整改率\" both hold \"rate\" (an input the ruleset "
        "reads); keep one");
}

TEST_CASE("ratings: outside the scale, unknown item, a rater twice, a unit without ratings") {
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("100,4,5,0,2,1,0,0"),
                                "unit,item,rater,rating\nA,r,x,6\nB,r,x,5\n");
        }) == "ratings.csv:2:4: column D \"rating\": rating \"6\" is outside the scale 1..5 of \"r\"");
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("100,4,5,0,2,1,0,0"),
                                "unit,item,rater,rating\nA,rr,x,5\nB,r,x,5\nA,r,x,5\n");
        }) ==
        "ratings.csv:2:2: column B \"item\": \"rr\" is not a rating indicator of ruleset \"small\", did you "
        "mean \"r\"?");
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("100,4,5,0,2,1,0,0"),
                                "unit,item,rater,rating\nA,r,x,5\nB,r,x,5\nA,r,x,4\n");
        }) ==
        "ratings.csv:4: rater \"x\" already rated \"r\" for unit \"A\" on line 2; keep one rating per rater");
  CHECK(input_error([] {
          (void)make_assessment(k_units, values("100,4,5,0,2,1,0,0"), "unit,item,rater,rating\nA,r,x,5\n");
        }) ==
        "ratings.csv: unit \"B\" has no rating for \"r\"; add the raters' ratings, or set \"missing: "
        "zero\" or \"missing: exclude\" in the manifest");
}

TEST_CASE("GB18030 data files load") {
  // units.csv with 县 (0xCF 0xD8) in GB18030
  auto a = make_assessment("id,name\nA,\xCF\xD8\nB,b\n", values("100,4,5,0,2,1,0,0"), k_ratings);
  CHECK(a.units.names[0] == "县");
}

TEST_CASE("the unit index finds every id across table growth and reports repeats") {
  std::string csv = "id,name\n";
  for (int i = 0; i < 50000; ++i) csv += fmt::format("U{},n\n", i);
  csv += "U123,again\nU49999,again\n";
  Diagnostics d;
  const auto units = assessment::load_units("u.csv", csv, io::Encoding::Auto, d);
  REQUIRE(units.size() == 50000);
  for (int i = 0; i < 50000; i += 7) CHECK(units.find(fmt::format("U{}", i)) == static_cast<std::size_t>(i));
  CHECK_FALSE(units.find("U50000").has_value());
  CHECK_FALSE(units.find("").has_value());
  CHECK(units.find("U5", 5) == 5u);    // the expected position is tried first
  CHECK(units.find("U5", 999) == 5u);  // and a wrong guess still finds it
  REQUIRE(d.size() == 2);
  CHECK(d.items()[0].to_string() ==
        "u.csv:50002:1: column A \"id\": unit id \"U123\" is already used on line 125; unit ids must be "
        "unique");
  CHECK(d.items()[1].to_string() ==
        "u.csv:50003:1: column A \"id\": unit id \"U49999\" is already used on line 50001; unit ids must be "
        "unique");
}

TEST_CASE("a manifest's period must be one the calendar has") {
  auto manifest = [](const std::string& period) {
    return "assessment: {name: x, period: \"" + period +
           "\"}\nruleset: builtin:county-annual\nunits: u.csv\nindicators: i.csv\n";
  };
  for (const char* good : {"2024", "2024-H2", "2024-Q4", "2024-07"})
    CHECK(assessment::parse_manifest("m.yaml", manifest(good), ".").period == good);
  CHECK(test::input_error([&] { (void)assessment::parse_manifest("m.yaml", manifest("2024-13"), "."); }) ==
        "m.yaml:1:31: \"2024-13\" is not a period; write 2024, 2024-H1, 2024-Q3 or 2024-07 (years 1900 to "
        "2100)");
  CHECK(
      test::input_error([&] { (void)assessment::parse_manifest("m.yaml", manifest("2101"), "."); }) ==
      "m.yaml:1:31: \"2101\" is not a period; write 2024, 2024-H1, 2024-Q3 or 2024-07 (years 1900 to 2100)");
}
