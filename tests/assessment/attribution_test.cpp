#include <doctest/doctest.h>

#include <vector>

#include "assessment/attribution.hpp"

using safeassess::assessment::apportion;

TEST_CASE("lost points are apportioned so that the parts add up to the whole") {
  CHECK(apportion(10, {1, 1, 1}, 2) == std::vector<double>{3.34, 3.33, 3.33});
  CHECK(apportion(5, {3, 1}, 2) == std::vector<double>{3.75, 1.25});
  CHECK(apportion(1, {0, 0}, 2) == std::vector<double>{0, 0});
  CHECK(apportion(0.01, {1, 1}, 2) == std::vector<double>{0.01, 0});
}
