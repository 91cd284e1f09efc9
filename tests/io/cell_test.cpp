#include <doctest/doctest.h>

#include <string>

#include "core/date.hpp"
#include "core/text.hpp"
#include "io/cell.hpp"

using namespace safeassess;
using namespace safeassess::io;

namespace {

// The plain number of `cell`, or "!" followed by why not.
std::string plain(std::string_view cell, bool percent = false, std::vector<std::string> units = {}) {
  std::string buffer, why;
  const auto p = plain_number(cell, NumberForm{percent, units}, buffer, why);
  return p ? std::string(*p) : "!" + why;
}

}  // namespace

TEST_CASE("typed numbers: what is unambiguous is read") {
  CHECK(plain("12") == "12");
  CHECK(plain(" -0.5 ") == "-0.5");
  CHECK(plain("1,234.5") == "1234.5");
  CHECK(plain("1,234,567") == "1234567");
  CHECK(plain("-12,000") == "-12000");
  CHECK(plain("１２．５") == "12.5");    // full-width digits and point
  CHECK(plain("１，２３４") == "1234");  // full-width comma
  CHECK(plain("\xE3\x80\x80"
              "７") == "7");  // an ideographic space
  CHECK(plain("85%", true) == "85");
  CHECK(plain("98.5％", true) == "98.5");
  CHECK(plain("12分", false, {"分"}) == "12");
  CHECK(plain("1,850万元", false, {"万元"}) == "1850");
  CHECK(plain("3 起", false, {"起"}) == "3");
}

TEST_CASE("typed numbers: what could mean two things is refused with the reason") {
  const std::string comma =
      "!its comma is not a thousands separator (those come in groups of three: 1,234.5); write a decimal "
      "with a point: 1.5";
  CHECK(plain("1,5") == comma);
  CHECK(plain("1,23") == comma);
  CHECK(plain("1234,567") == comma);
  CHECK(plain("1,234,56") == comma);
  CHECK(plain(",123") == comma);
  CHECK(plain("85%") == "!this column is not a percentage: write the number without %");
  CHECK(plain("12个", false, {"起"}) == "!\"个\" is not a unit of this column (起); write the number alone");
  CHECK(plain("12分") == "!\"分\" is not a unit of this column; write the number alone");
  CHECK(plain("1.2万", false, {"万元"}) ==
        "!\"万\" is not a unit of this column (万元); write the number alone");
  CHECK(plain("abc") == "!");
  CHECK(plain("十") == "!");
  CHECK(plain("分", false, {"分"}) == "!");
}

TEST_CASE("the units a column's name states") {
  CHECK(units_of("财政安全生产投入（本年，万元）") == std::vector<std::string>{"万元"});
  CHECK(units_of("生产安全事故起数（本年）") == std::vector<std::string>{"起"});
  CHECK(units_of("事故死亡人数") == std::vector<std::string>{"人"});
  CHECK(units_of("受省级表彰（项）") == std::vector<std::string>{"项"});
  CHECK(units_of("Investment (yuan)") == std::vector<std::string>{"yuan"});
  CHECK(units_of("重大事故隐患整改率").empty());
}

TEST_CASE("dates as Chinese documents and WPS write them; day-first forms refused") {
  const auto d = date::from_civil(2024, 3, 5);
  CHECK(date::parse("2024-03-05") == d);
  CHECK(date::parse("2024/3/5") == d);
  CHECK(date::parse("2024.3.5") == d);
  CHECK(date::parse("2024年3月5日") == d);
  CHECK(date::parse("２０２４年３月５日") == d);
  CHECK(date::parse("２０２４－０３－０５") == d);
  CHECK(date::parse("3/5/2024") == std::nullopt);
  CHECK(date::parse("05.03.2024") == std::nullopt);
  CHECK(date::parse("2024年3月5") == std::nullopt);
  CHECK(date::parse("2024-3/5") == std::nullopt);
  REQUIRE(date::parse_datetime("2024-07-12 14:05"));
  CHECK(date::parse_datetime("2024年7月12日 14:05") == date::parse_datetime("2024-07-12 14:05"));
  CHECK(date::why_not("2024年2月30日") == "\"2024年2月30日\" is not a date: 2024-02 has 29 days");
}

TEST_CASE("half_width leaves text without full-width forms alone, without copying") {
  std::string buffer;
  const std::string_view s = "C01 青山县";
  CHECK(text::half_width(s, buffer).data() == s.data());
  CHECK(text::half_width("Ａ－１", buffer) == "A-1");
}
