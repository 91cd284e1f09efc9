#include <doctest/doctest.h>

#include "core/date.hpp"

using namespace safeassess::date;

TEST_CASE("dates parse as Excel and WPS write them, and only valid ones") {
  CHECK(parse("1970-01-01") == 0);
  CHECK(parse("2024-03-05") == from_civil(2024, 3, 5));
  CHECK(parse("2024/3/5") == from_civil(2024, 3, 5));
  CHECK(parse(" 2024-12-31 ") == from_civil(2024, 12, 31));
  CHECK(parse("2024-02-29").has_value());
  CHECK_FALSE(parse("2023-02-29").has_value());
  CHECK_FALSE(parse("2024-13-01").has_value());
  CHECK_FALSE(parse("2024-04-31").has_value());
  CHECK_FALSE(parse("2024-03/05").has_value());
  CHECK_FALSE(parse("20240305").has_value());
  CHECK_FALSE(parse("2024-03-05x").has_value());
  CHECK_FALSE(parse("").has_value());
  CHECK(format(from_civil(2024, 2, 29)) == "2024-02-29");
  CHECK(from_civil(2025, 1, 1) - from_civil(2024, 1, 1) == 366);
}

TEST_CASE("dates run from 1900 to 2100, and a refusal says why") {
  CHECK(parse("1900-01-01").has_value());
  CHECK(parse("2100-12-31").has_value());
  CHECK(parse("2100/12/31").has_value());
  CHECK_FALSE(parse("1899-12-31").has_value());
  CHECK_FALSE(parse("2101-01-01").has_value());
  CHECK_FALSE(parse("2101/1/1").has_value());
  CHECK_FALSE(parse("0024-03-05").has_value());
  CHECK(why_not("2024-02-30") == "\"2024-02-30\" is not a date: 2024-02 has 29 days");
  CHECK(why_not("2023-02-29") == "\"2023-02-29\" is not a date: 2023-02 has 28 days");
  CHECK(why_not("2024/13/1") == "\"2024/13/1\" is not a date: there is no month 13");
  CHECK(why_not("2024-00-10") == "\"2024-00-10\" is not a date: there is no month 0");
  CHECK(why_not("2024-04-00") == "\"2024-04-00\" is not a date: 2024-04 has 30 days");
  CHECK(why_not("1899-12-31") == "\"1899-12-31\" is out of range: dates run from 1900-01-01 to 2100-12-31");
  CHECK(why_not("2101-01-01") == "\"2101-01-01\" is out of range: dates run from 1900-01-01 to 2100-12-31");
  CHECK(why_not("2024.3.5") == "\"2024.3.5\" is not a date; write YYYY-MM-DD");
  CHECK_FALSE(parse_period("2101").has_value());
  CHECK_FALSE(parse_period("1899-H1").has_value());
}

TEST_CASE("periods: year, half-year, quarter and month edges") {
  auto p = parse_period("2024");
  REQUIRE(p);
  CHECK(format(p->first) == "2024-01-01");
  CHECK(format(p->last) == "2024-12-31");
  CHECK(format(parse_period("2024-H1")->last) == "2024-06-30");
  CHECK(format(parse_period("2024-H2")->first) == "2024-07-01");
  CHECK(format(parse_period("2024-Q1")->last) == "2024-03-31");
  CHECK(format(parse_period("2024-Q3")->first) == "2024-07-01");
  CHECK(format(parse_period("2024-Q3")->last) == "2024-09-30");
  CHECK(format(parse_period("2024-02")->last) == "2024-02-29");
  CHECK(format(parse_period("2023-02")->last) == "2023-02-28");
  CHECK_FALSE(parse_period("2024-Q5").has_value());
  CHECK_FALSE(parse_period("2024-H3").has_value());
  CHECK_FALSE(parse_period("24").has_value());
}
