#include "model/risk.hpp"

namespace safeassess::risk {

std::size_t Matrix::level_for(double score) const {
  for (std::size_t l = 0; l < levels.size(); ++l)
    if (levels[l].strict ? score > levels[l].bound : score >= levels[l].bound) return l;
  return levels.size() - 1;
}

}  // namespace safeassess::risk
