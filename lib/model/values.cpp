#include "model/values.hpp"

#include "model/ruleset.hpp"

namespace safeassess::assessment {

std::size_t Ratings::slot_of(std::size_t indicator) const {
  for (std::size_t s = 0; s < items.size(); ++s)
    if (items[s] == indicator) return s;
  return ruleset::k_none;
}

}  // namespace safeassess::assessment
