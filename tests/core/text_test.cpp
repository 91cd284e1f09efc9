#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/text.hpp"

using namespace safeassess::text;

TEST_CASE("display width counts CJK as two columns") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("青山县") == 6);
  CHECK(display_width("C01 青山") == 8);
  CHECK(display_width("（") == 2);  // full-width parenthesis
  CHECK(display_width("") == 0);
}

TEST_CASE("pad aligns by display width") {
  CHECK(pad("县", 4) == "县  ");
  CHECK(pad("12", 4, true) == "  12");
  CHECK(pad("青山县", 2) == "青山县");
}

TEST_CASE("did-you-mean suggests only close words") {
  const std::vector<std::string> methods = {"target", "target_lower", "bands", "rating"};
  CHECK(did_you_mean("tagret", methods) == ", did you mean \"target\"?");
  CHECK(did_you_mean("band", methods) == ", did you mean \"bands\"?");
  CHECK(did_you_mean("zzzzzz", methods).empty());
  CHECK(edit_distance("kitten", "sitting") == 3);
}

TEST_CASE("rounding is half away from zero and survives binary representation") {
  CHECK(round_to(2.675, 2) == doctest::Approx(2.68));
  CHECK(round_to(2.665, 2) == doctest::Approx(2.67));
  CHECK(round_to(-1.005, 2) == doctest::Approx(-1.01));
  CHECK(fixed(87.5, 2) == "87.50");
  CHECK(fixed(-0.001, 2) == "0.00");
  CHECK(plain(0.15) == "0.15");
  CHECK(plain(12) == "12");
  CHECK(plain(-0.5) == "-0.5");
}

TEST_CASE("spreadsheet column letters") {
  CHECK(column_letter(1) == "A");
  CHECK(column_letter(26) == "Z");
  CHECK(column_letter(27) == "AA");
  CHECK(column_letter(703) == "AAA");
}

TEST_CASE("UTF-8 validation finds the first bad byte") {
  CHECK(is_valid_utf8("青山 abc"));
  CHECK(first_invalid_utf8("ab\xCF\xD8") == 2);    // GB18030 for 县
  CHECK(first_invalid_utf8("\xC0\x80") == 0);      // overlong
  CHECK(first_invalid_utf8("\xED\xA0\x80") == 0);  // surrogate
}

TEST_CASE("write_fixed prints the rounded value with exact decimals") {
  auto f = [](double v, int d) {
    char buf[32];
    return std::string(buf, write_fixed(buf, v, d));
  };
  CHECK(f(87.5, 2) == "87.50");
  CHECK(f(0.05, 2) == "0.05");
  CHECK(f(0.005, 2) == "0.01");
  CHECK(f(2.675, 2) == "2.68");
  CHECK(f(-1.005, 2) == "-1.01");
  CHECK(f(-0.001, 2) == "0.00");
  CHECK(f(100.333, 0) == "100");
  CHECK(f(9.99999, 4) == "10.0000");
  CHECK(f(0.0001, 4) == "0.0001");
  CHECK(f(1e20, 2) == "100000000000000000000.00");
}

TEST_CASE("yes/no answers as spreadsheets write them") {
  for (const char* yes : {"1", "yes", "YES", "Y", "true", "True", "是", "有", " 是 "})
    CHECK_MESSAGE(parse_yes_no(yes) == true, yes);
  for (const char* no : {"0", "no", "No", "n", "FALSE", "否", "无"})
    CHECK_MESSAGE(parse_yes_no(no) == false, no);
  for (const char* other : {"", "maybe", "2", "是的", "yess"})
    CHECK_MESSAGE(!parse_yes_no(other).has_value(), other);
}
