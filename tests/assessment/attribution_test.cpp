#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "assessment/attribution.hpp"

using safeassess::assessment::apportion;
using safeassess::num::Decimal;

namespace {
std::vector<std::string> texts(const std::vector<Decimal>& parts) {
  std::vector<std::string> out;
  for (const auto& p : parts) out.push_back(p.fixed(2));
  return out;
}
Decimal d(const char* s) {
  return *Decimal::parse(s);
}
}  // namespace

TEST_CASE("lost points are apportioned so that the parts add up to the whole") {
  CHECK(texts(apportion(d("10"), {1, 1, 1}, 2)) == std::vector<std::string>{"3.34", "3.33", "3.33"});
  CHECK(texts(apportion(d("5"), {3, 1}, 2)) == std::vector<std::string>{"3.75", "1.25"});
  CHECK(texts(apportion(d("1"), {0, 0}, 2)) == std::vector<std::string>{"0.00", "0.00"});
  CHECK(texts(apportion(d("0.01"), {1, 1}, 2)) == std::vector<std::string>{"0.01", "0.00"});
}
