#include <doctest/doctest.h>

#include <string>

#include "report/escape.hpp"

using namespace safeassess;

TEST_CASE("an xlsx cell is neutralised and cut to what Excel holds, on a character boundary") {
  CHECK(report::cell_text("=1+1") == "'=1+1");
  CHECK(report::cell_text("青山县") == "青山县");
  const std::string long_name(40000 * 3, 'x');
  CHECK(report::cell_text(long_name) == std::string(32000, 'x') + "…(truncated)");
  std::string cjk;
  for (int i = 0; i < 20000; ++i) cjk += "县";  // 3 bytes each: byte 32,000 falls inside one
  const std::string cut = report::cell_text(cjk);
  CHECK(cut.size() == 31998 + std::string("…(truncated)").size());
  CHECK(cut.substr(0, 6) == "县县");
  CHECK(cut.ends_with("县…(truncated)"));
}
