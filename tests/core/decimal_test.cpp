#include <doctest/doctest.h>

#include <string>

#include "core/decimal.hpp"
#include "support/decimal.hpp"

using safeassess::num::d;
using safeassess::num::Decimal;
using safeassess::num::Ratio;

TEST_CASE("decimals are read exactly from their text") {
  CHECK(d("98.821255").str() == "98.821255");
  CHECK(d("+3").str() == "3");
  CHECK(d("-0.750").str() == "-0.75");
  CHECK(d("1.5e-3").str() == "0.0015");
  CHECK(d("12E2").str() == "1200");
  CHECK(d("0.000000000001").str() == "0.000000000001");
  std::string why;
  CHECK_FALSE(Decimal::parse("0.0000000000001", &why));
  CHECK(why == "it has more than 12 decimals");
  CHECK_FALSE(Decimal::parse("1e19", &why));
  CHECK(why == "it is above 10^18");
  // Positive exponents (Excel writes large numbers so) and the largest values held.
  CHECK(d("1e7").str() == "10000000");
  CHECK(d("1.5e10").str() == "15000000000");
  CHECK(d("5e17").str() == "500000000000000000");
  CHECK(d("1e18").str() == "1000000000000000000");
  CHECK(d("123456789012345678.123456789012").str() == "123456789012345678.123456789012");
  CHECK(Decimal::from_double(1e15).str() == "1000000000000000");
  for (const char* bad : {"", "-", ".", "1,5", "1.2.3", "nan", "inf", "0x10", "1e", "1 2"})
    CHECK_MESSAGE(!Decimal::parse(bad), bad);
}

TEST_CASE("rounding is half away from zero, exactly, at every precision 0-6") {
  CHECK(d("2.5").fixed(0) == "3");
  CHECK(d("-2.5").fixed(0) == "-3");
  CHECK(d("0.125").fixed(2) == "0.13");
  CHECK(d("6.1748785").fixed(6) == "6.174879");
  CHECK(d("0.0005215").fixed(6) == "0.000522");
  CHECK(d("1.5555575").fixed(6) == "1.555558");
  CHECK(d("-0.004").fixed(2) == "0.00");  // -0 prints as 0
  // (98.821255 - 90) / 10 x 7 = 6.1748785, a tie at 6 decimals.
  const Ratio pts = (Ratio(d("98.821255")) - Ratio(d("90"))) / Ratio(d("10")) * Ratio(d("7"));
  CHECK(pts.round(6).str() == "6.174879");
  // 1/3 and 2/3 at each precision.
  const Ratio third = Ratio(d("1")) / Ratio(d("3"));
  CHECK(third.round(0).str() == "0");
  CHECK(third.round(6).str() == "0.333333");
  CHECK((third + third).round(6).str() == "0.666667");
}

TEST_CASE("exact fractions compare, floor and ceil") {
  const Ratio r = Ratio(d("7")) / Ratio(d("2"));
  CHECK(r.floor() == 3);
  CHECK(r.ceil() == 4);
  CHECK((Ratio(d("-7")) / Ratio(d("2"))).floor() == -4);
  CHECK(Ratio(d("0.1")) + Ratio(d("0.2")) == Ratio(d("0.3")));
  CHECK(Ratio(d("1")) / Ratio(d("3")) < Ratio(d("0.333333333334")));
  CHECK_THROWS_AS((void)(Ratio(d("1")) / Ratio(d("0"))), std::domain_error);
}
