#include "model/duty_list.hpp"

#include <array>
#include <span>

namespace safeassess::duty {

namespace {

constexpr std::array<std::string_view, k_tiers> k_tier_ids{"decision", "management", "execution"};
constexpr std::array<std::string_view, k_tiers> k_tier_names{"决策层", "管理层", "执行层"};
constexpr std::array<std::string_view, k_frequencies> k_frequency_ids{"month", "quarter", "half-year",
                                                                      "year",  "week",    "half-month"};
constexpr std::array<std::string_view, k_frequencies> k_frequency_names{"每月", "每季度", "每半年",
                                                                        "每年", "每周",   "每半月"};

std::vector<std::string> strings(std::span<const std::string_view> words) {
  return {words.begin(), words.end()};
}

}  // namespace

std::string_view to_string(Tier t) {
  return k_tier_ids[static_cast<std::size_t>(t)];
}
std::string_view chinese(Tier t) {
  return k_tier_names[static_cast<std::size_t>(t)];
}
std::optional<Tier> parse_tier(std::string_view s) {
  for (std::size_t i = 0; i < k_tiers; ++i)
    if (s == k_tier_ids[i] || s == k_tier_names[i]) return static_cast<Tier>(i);
  return std::nullopt;
}

std::string_view to_string(Frequency f) {
  return k_frequency_ids[static_cast<std::size_t>(f)];
}
std::string_view chinese(Frequency f) {
  return k_frequency_names[static_cast<std::size_t>(f)];
}
int months(Frequency f) {
  constexpr std::array<int, k_frequencies> k{1, 3, 6, 12, 0, 0};
  return k[static_cast<std::size_t>(f)];
}

std::optional<Frequency> parse_frequency(std::string_view s) {
  for (std::size_t i = 0; i < k_frequency_ids.size(); ++i)
    if (s == k_frequency_ids[i] || s == k_frequency_names[i]) return static_cast<Frequency>(i);
  return std::nullopt;
}
std::vector<std::string> frequency_ids() {
  // Shortest first, as a reader expects them.
  return {"week", "half-month", "month", "quarter", "half-year", "year"};
}
std::vector<std::string> tier_ids() {
  return strings(k_tier_ids);
}

std::optional<std::size_t> Role::find_duty(std::string_view duty_id) const {
  for (std::size_t d = 0; d < duties.size(); ++d)
    if (duties[d].id == duty_id) return d;
  return std::nullopt;
}

std::optional<std::size_t> DutyList::find_role(std::string_view role_id) const {
  for (std::size_t r = 0; r < roles.size(); ++r)
    if (roles[r].id == role_id) return r;
  return std::nullopt;
}

std::optional<std::size_t> DutyList::find_evidence(std::string_view evidence_id) const {
  for (std::size_t e = 0; e < evidence.size(); ++e)
    if (evidence[e].id == evidence_id) return e;
  return std::nullopt;
}

std::vector<std::string> DutyList::role_ids() const {
  std::vector<std::string> ids;
  for (const auto& r : roles) ids.push_back(r.id);
  return ids;
}

}  // namespace safeassess::duty
