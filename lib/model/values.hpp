#pragma once
// The indicator values and expert ratings of the units, in flat arrays (one row per unit),
// as the score engine reads them. Built by load/tables.hpp.

#include <cstdint>
#include <span>
#include <vector>

namespace safeassess::assessment {

// Input values, unit-major: value(u, i). NaN marks an empty cell (the missing-data
// policy decides what it means; loading already rejected what the policy forbids).
struct Values {
  std::size_t columns = 0;
  std::vector<double> data;
  [[nodiscard]] std::span<const double> row(std::size_t unit) const {
    return {data.data() + unit * columns, columns};
  }
};

// Expert ratings per (unit, rating indicator), already mapped to [0, 1], in CSR form.
struct Ratings {
  std::vector<std::size_t> items;      // indicator index for each rating item slot
  std::vector<std::uint32_t> offsets;  // (unit * items.size() + slot) -> start in values
  std::vector<double> values;
  [[nodiscard]] std::size_t slot_of(std::size_t indicator) const;
  [[nodiscard]] std::span<const double> of(std::size_t unit, std::size_t slot) const {
    const std::size_t k = unit * items.size() + slot;
    return {values.data() + offsets[k], offsets[k + 1] - offsets[k]};
  }
};

}  // namespace safeassess::assessment
