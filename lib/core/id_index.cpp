#include "core/id_index.hpp"

#include <algorithm>
#include <functional>

namespace safeassess {

namespace {
std::uint64_t id_hash(std::string_view id) {
  return std::hash<std::string_view>{}(id);
}
}  // namespace

std::optional<std::size_t> IdIndex::find(std::string_view id, const std::vector<std::string>& ids) const {
  if (m_slots.empty()) return std::nullopt;
  const std::uint64_t h = id_hash(id);
  const std::uint64_t tag = h >> 32;
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t pos = h & mask;; pos = (pos + 1) & mask) {
    const std::uint64_t slot = m_slots[pos];
    if (slot == 0) return std::nullopt;
    if ((slot >> 32) == tag) {
      const std::size_t u = (slot & 0xFFFFFFFFu) - 1;
      if (ids[u] == id) return u;
    }
  }
}

void IdIndex::place(const std::vector<std::string>& ids, std::size_t position) {
  const std::uint64_t h = id_hash(ids[position]);
  const std::size_t mask = m_slots.size() - 1;
  std::size_t pos = h & mask;
  while (m_slots[pos] != 0) pos = (pos + 1) & mask;
  m_slots[pos] = ((h >> 32) << 32) | (position + 1);
}

void IdIndex::added(const std::vector<std::string>& ids) {
  if (ids.size() * 2 > m_slots.size()) {  // keep the table at most half full
    m_slots.assign(std::max<std::size_t>(16, m_slots.size() * 2), 0);
    for (std::size_t u = 0; u < ids.size(); ++u) place(ids, u);
  } else {
    place(ids, ids.size() - 1);
  }
}

}  // namespace safeassess
