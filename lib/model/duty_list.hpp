#pragma once
// Duty lists (责任清单): the roles of a responsibility chain, each with its tier and the
// duties it must perform — how often (month, quarter, half-year, year), how many times
// per period, and which kinds of evidence (会议纪要, 检查记录, ...) prove it. See README
// "Duty lists". Read from YAML by load/duty_list.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace safeassess::duty {

inline constexpr std::uint32_t k_no_index = 0xFFFFFFFFu;

// The three layers of the chain (责任链): 决策层 → 管理层 → 执行层.
enum class Tier : std::uint8_t { Decision = 0, Management = 1, Execution = 2 };
inline constexpr std::size_t k_tiers = 3;
[[nodiscard]] std::string_view to_string(Tier t);
[[nodiscard]] std::string_view chinese(Tier t);
[[nodiscard]] std::optional<Tier> parse_tier(std::string_view s);

enum class Frequency : std::uint8_t { Month = 0, Quarter = 1, HalfYear = 2, Year = 3 };
[[nodiscard]] std::string_view to_string(Frequency f);
[[nodiscard]] std::string_view chinese(Frequency f);
[[nodiscard]] int months(Frequency f);
// By id or Chinese name ("quarter" or "每季度"); nullopt when neither.
[[nodiscard]] std::optional<Frequency> parse_frequency(std::string_view s);
[[nodiscard]] std::vector<std::string> frequency_ids();
[[nodiscard]] std::vector<std::string> tier_ids();

// The cases a duty bears on when responsibility is traced (一案双查).
enum CaseKind : std::uint8_t { k_case_hazard = 1, k_case_accident = 2 };

struct Evidence {
  std::string id;
  std::string name;
};

struct Duty {
  std::string id;
  std::string name;
  Frequency frequency = Frequency::Year;
  int min_count = 1;                    // times per period
  std::vector<std::uint32_t> evidence;  // indices into DutyList::evidence: what proves it
  std::uint8_t bears_on = k_case_hazard | k_case_accident;
  std::string source;
  bool verified = true;
};

struct Role {
  std::string id;
  std::string name;
  Tier tier = Tier::Management;
  bool head = false;       // 主要负责人: answers for the whole organisation it heads
  bool portfolio = false;  // a leader who must oversee (分管) a portfolio
  std::vector<Duty> duties;
  [[nodiscard]] std::optional<std::size_t> find_duty(std::string_view id) const;
};

struct Thresholds {
  double broken_link_pct = 60;    // a holder below this compliance is a broken link
  double attenuation_pct = 10;    // fall in points from the top tier to the bottom one
  long critical_enterprises = 3;  // a node that alone carries this many enterprises
};

struct DutyList {
  std::string id;
  std::string name;
  std::string version;
  std::string description;
  std::string file;  // as displayed
  std::string sha256;
  Thresholds thresholds;
  std::vector<Evidence> evidence;
  std::vector<Role> roles;

  [[nodiscard]] std::optional<std::size_t> find_role(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> find_evidence(std::string_view id) const;
  [[nodiscard]] std::vector<std::string> role_ids() const;
};

}  // namespace safeassess::duty
