#include "model/units.hpp"

namespace safeassess::assessment {

std::optional<std::size_t> Units::find(std::string_view id) const {
  return m_index.find(id, ids);
}

std::optional<std::size_t> Units::add(std::string_view id, std::string_view name, long line) {
  if (auto existing = find(id)) return existing;
  ids.emplace_back(id);
  names.emplace_back(name);
  lines.push_back(line);
  m_index.added(ids);
  return std::nullopt;
}

}  // namespace safeassess::assessment
