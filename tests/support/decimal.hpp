#pragma once
// Tests compare exact decimals with the numbers they were computed by hand as: `d("7.57")`
// reads a literal exactly, and Decimal == double compares with the double's own digits
// (a hand-computed literal such as 17.5 or 0.000522).

#include <doctest/doctest.h>

#include <string>

#include "core/decimal.hpp"

namespace safeassess::num {

inline Decimal d(const char* text) {
  auto v = Decimal::parse(text);
  REQUIRE(v.has_value());
  return *v;
}

inline bool operator==(Decimal a, double b) {
  return a == Decimal::from_double(b);
}
inline bool operator>=(Decimal a, double b) {
  return a >= Decimal::from_double(b);
}
inline bool operator<=(Decimal a, double b) {
  return a <= Decimal::from_double(b);
}

}  // namespace safeassess::num

namespace doctest {
template <>
struct StringMaker<safeassess::num::Decimal> {
  static String convert(const safeassess::num::Decimal& v) { return v.str().c_str(); }
};
}  // namespace doctest
