#pragma once
// Row accounting: what became of every row of an input file. A run that reports succeeds
// only when each row read was used or excluded for a stated reason; a row that is neither
// was refused, and the run stopped with exit 2. So read == used + the rows excluded.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace safeassess {

struct RowAccount {
  std::uint64_t read = 0;
  std::uint64_t used = 0;
  std::vector<std::pair<std::string, std::uint64_t>> excluded;  // (why, rows), rows > 0

  // Every row used.
  [[nodiscard]] static RowAccount all(std::uint64_t rows) { return RowAccount{rows, rows, {}}; }
  // `rows` read, `left_out` of them excluded because `why`.
  [[nodiscard]] static RowAccount with_excluded(std::uint64_t rows, std::uint64_t left_out, std::string why) {
    RowAccount r{rows, rows - left_out, {}};
    if (left_out) r.excluded.emplace_back(std::move(why), left_out);
    return r;
  }
};

}  // namespace safeassess
