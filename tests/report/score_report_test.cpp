#include <doctest/doctest.h>

#include <sstream>

#include "report/score_report.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;

TEST_CASE("CSV cells never run as spreadsheet formulas") {
  CHECK(report::csv_field("=SUM(A1)") == "'=SUM(A1)");
  CHECK(report::csv_field("+1") == "'+1");
  CHECK(report::csv_field("-1") == "'-1");
  CHECK(report::csv_field("@cmd") == "'@cmd");
  CHECK(report::csv_field("\tx") == "'\tx");
  CHECK(report::csv_field("a,b") == "\"a,b\"");
  CHECK(report::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(report::csv_field("青山县") == "青山县");
}

TEST_CASE("Markdown cells are escaped") {
  CHECK(report::md_cell("a|b") == "a\\|b");
  CHECK(report::md_cell("<script>") == "&lt;script&gt;");
  CHECK(report::md_cell("two\nlines") == "two lines");
}

TEST_CASE("the CSV report neutralises names from the input") {
  auto a = test::make_assessment("id,name\nA,=HYPERLINK(\"x\")\n",
                                 std::string(test::k_values_header) + "A,100,4,5,0,2,1,0,0\n",
                                 "unit,item,rater,rating\nA,r,x,5\n");
  const auto r = score::score(assessment::score_input(a));
  std::ostringstream out;
  report::write_csv(out, a, r);
  CHECK(out.str().find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
}

TEST_CASE("formats") {
  CHECK(report::parse_format("md") == report::Format::Markdown);
  CHECK_THROWS_WITH_AS((void)report::parse_format("xml"),
                       "unknown format \"xml\"; expected table, json, csv or md", UsageError);
}
