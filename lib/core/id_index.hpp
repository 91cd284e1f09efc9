#pragma once
// A lookup from string ids to their positions in a vector the caller owns (units, chain
// nodes). Data files are read a row at a time against a million ids, so the index is an
// open-addressing table of (hash tag, position) pairs: one probe usually finds the slot,
// and only a matching tag costs a string comparison.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeassess {

class IdIndex {
 public:
  // Position of `id` in `ids` (the vector this index was kept over), if present.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id,
                                                const std::vector<std::string>& ids) const;
  // Records that ids.back() was just appended; call once after each push_back.
  void added(const std::vector<std::string>& ids);

 private:
  void place(const std::vector<std::string>& ids, std::size_t position);
  std::vector<std::uint64_t> m_slots;  // (tag << 32) | (position + 1); 0 = empty
};

}  // namespace safeassess
