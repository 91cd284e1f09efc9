#include "model/task.hpp"

#include <array>

namespace safeassess::task {

namespace {

constexpr std::array<std::string_view, k_list_kinds> k_ids{"responsibility", "task", "problem",
                                                           "rectification"};
constexpr std::array<std::string_view, k_list_kinds> k_names{"责任清单", "任务清单", "问题清单", "整改清单"};

}  // namespace

std::string_view to_string(ListKind k) {
  return k_ids[static_cast<std::size_t>(k)];
}
std::string_view chinese(ListKind k) {
  return k_names[static_cast<std::size_t>(k)];
}

std::optional<ListKind> parse_list_kind(std::string_view s) {
  for (std::size_t i = 0; i < k_list_kinds; ++i) {
    const std::string_view name = k_names[i];
    const std::string_view bare = name.substr(0, name.size() - std::string_view("清单").size());
    if (s == k_ids[i] || s == name || s == bare) return static_cast<ListKind>(i);
  }
  return std::nullopt;
}

}  // namespace safeassess::task
