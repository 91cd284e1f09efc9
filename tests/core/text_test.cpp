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

TEST_CASE("invisible characters are written out visibly, everything else is kept") {
  using safeassess::text::has_invisible;
  using safeassess::text::visible;
  CHECK(visible("\x1b[31m红\x1b[0m") == "\\x1b[31m红\\x1b[0m");
  CHECK(visible(std::string("a\0b\x07\x7f", 5)) == "a\\x00b\\x07\\x7f");
  CHECK(visible("\xe2\x80\xae右\xe2\x80\xac \xe2\x81\xa6x\xe2\x81\xa9 \xe2\x80\x8f \xd8\x9c") ==
        "\\u202e右\\u202c \\u2066x\\u2069 \\u200f \\u061c");
  CHECK(visible("\xc2\x9b"
                "2J \xc2\x85") == "\\u009b2J \\u0085");
  CHECK(visible("tab\tline\nCR\r") == "tab\tline\nCR\r");
  CHECK(visible("tab\tline\nCR\r", false) == "tab\\x09line\\x0aCR\\x0d");
  // Neighbours of the ranges are ordinary text.
  CHECK(visible("\xc2\xa0 \xe2\x80\x94 \xe2\x80\xaf \xe2\x81\xa5 中文 é") ==
        "\xc2\xa0 \xe2\x80\x94 \xe2\x80\xaf \xe2\x81\xa5 中文 é");
  CHECK_FALSE(has_invisible("某县 — 100%"));
  CHECK(has_invisible("x\xe2\x80\xae"));
  CHECK_FALSE(has_invisible("a\tb\n"));
  CHECK(has_invisible("a\tb\n", false));
}

TEST_CASE("did-you-mean gives up on an id too long to be a misspelling, at once") {
  const std::vector<std::string> ids{std::string(200000, 'A') + "1", "C01"};
  CHECK(safeassess::text::closest(std::string(200000, 'A') + "2", ids).empty());
  CHECK(safeassess::text::closest("C0l", ids) == "C01");
}
