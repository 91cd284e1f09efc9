#pragma once
// The indicator values and expert ratings of the units, in flat arrays (one row per unit),
// as the score engine reads them. Built by load/tables.hpp.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/decimal.hpp"

namespace safeassess::assessment {

using num::Decimal;

// The mark of an empty cell: a value no number read from text can have.
inline constexpr Decimal k_missing =
    Decimal::from_raw(static_cast<Decimal::Rep>(static_cast<Decimal::URep>(1) << 127));
[[nodiscard]] constexpr bool is_missing(Decimal v) {
  return v == k_missing;
}

// Input values, unit-major: value(u, i), exact decimals. k_missing marks an empty cell (the
// missing-data policy decides what it means; loading already rejected what the policy
// forbids). Derived inputs are filled in when the data is loaded.
struct Values {
  std::size_t columns = 0;
  std::vector<Decimal> data;
  std::string file;         // the indicators file, as displayed
  std::vector<long> lines;  // each unit's line in it
  [[nodiscard]] std::span<const Decimal> row(std::size_t unit) const {
    return {data.data() + unit * columns, columns};
  }
};

// Expert ratings per (unit, rating indicator), in CSR form. A numeric rating is held as its
// distance above the scale's minimum (rating - min; the achievement is that over max - min),
// a named grade as its fraction: either way the mean is exact.
struct Ratings {
  std::vector<std::size_t> items;      // indicator index for each rating item slot
  std::vector<std::uint32_t> offsets;  // (unit * items.size() + slot) -> start in values
  std::vector<Decimal> values;
  [[nodiscard]] std::size_t slot_of(std::size_t indicator) const;
  [[nodiscard]] std::span<const Decimal> of(std::size_t unit, std::size_t slot) const {
    const std::size_t k = unit * items.size() + slot;
    return {values.data() + offsets[k], offsets[k + 1] - offsets[k]};
  }
};

}  // namespace safeassess::assessment
