#pragma once
// The units assessed (counties, townships, departments, enterprises), by id.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id_index.hpp"

namespace safeassess::assessment {

struct Units {
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<long> lines;  // line in the units file, for messages
  // Each unit's value of the ruleset's grouping column (分类考核); empty without grouping.
  std::vector<std::string> groups;

  [[nodiscard]] std::size_t size() const { return ids.size(); }
  // The unit with this id.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const;
  // find(), trying `expected` first: data files usually list units in the units file's
  // order, and a comparison is cheaper than a lookup.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id, std::size_t expected) const {
    if (expected < ids.size() && ids[expected] == id) return expected;
    return find(id);
  }
  // Appends a unit unless its id is already present; then returns the position of the
  // unit that has it and adds nothing.
  std::optional<std::size_t> add(std::string_view id, std::string_view name, long line);

 private:
  IdIndex m_index;
};

}  // namespace safeassess::assessment
