#include <doctest/doctest.h>

#include "core/error.hpp"

using namespace safeassess;

TEST_CASE("locations print as file:line:col, or as much of it as is known") {
  CHECK(Location{"a.csv", 3, 4}.to_string() == "a.csv:3:4");
  CHECK(Location{"a.csv", 3, 0}.to_string() == "a.csv:3");
  CHECK(Location{"a.csv"}.to_string() == "a.csv");
  CHECK(Diagnostic{{"a.csv", 3, 4}, "bad"}.to_string() == "a.csv:3:4: bad");
}

TEST_CASE("diagnostics keep the first ten thousand problems and count them all") {
  Diagnostics d;
  for (std::size_t i = 0; i < Diagnostics::k_kept + 5; ++i)
    d.error(Location{"f.csv", static_cast<long>(i + 2), 1}, "bad cell");
  CHECK(d.size() == Diagnostics::k_kept + 5);
  CHECK(d.items().size() == Diagnostics::k_kept);
  try {
    d.throw_if_any();
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    CHECK(e.total() == Diagnostics::k_kept + 5);
    CHECK(e.diagnostics().size() == Diagnostics::k_kept);
    CHECK(e.diagnostics().front().to_string() == "f.csv:2:1: bad cell");
    // Appending one run's error to another keeps the count.
    Diagnostics outer;
    outer.error(Location{"m.yaml", 1, 1}, "first");
    outer.append(e);
    CHECK(outer.size() == Diagnostics::k_kept + 6);
    CHECK(outer.items().size() == Diagnostics::k_kept);
  }
  Diagnostics none;
  CHECK_NOTHROW(none.throw_if_any());
  CHECK(none.empty());
}
