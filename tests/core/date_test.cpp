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
