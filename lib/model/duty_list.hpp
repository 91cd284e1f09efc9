#pragma once
// Duty lists (责任清单): the roles of a responsibility chain, each with its tier and the
// duties it must perform — how often (week, half-month, month, quarter, half-year, year;
// or by the holder's industry), how many times
// per period, and which kinds of evidence (会议纪要, 检查记录, ...) prove it. See README
// "Duty lists". Read from YAML by load/duty_list.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/edition.hpp"

namespace safeassess::duty {

inline constexpr std::uint32_t k_no_index = 0xFFFFFFFFu;

// The three layers of the chain (责任链): 决策层 → 管理层 → 执行层.
enum class Tier : std::uint8_t { Decision = 0, Management = 1, Execution = 2 };
inline constexpr std::size_t k_tiers = 3;
[[nodiscard]] std::string_view to_string(Tier t);
[[nodiscard]] std::string_view chinese(Tier t);
[[nodiscard]] std::optional<Tier> parse_tier(std::string_view s);

// How often a duty is due. The first four are whole months; week and half-month are
// counted in days (seed 000 §5.4: 乡镇党委每周召开安全工作例会, 县(区)党委每半月调度会).
enum class Frequency : std::uint8_t {
  Month = 0,
  Quarter = 1,
  HalfYear = 2,
  Year = 3,
  Week = 4,
  HalfMonth = 5
};
inline constexpr std::size_t k_frequencies = 6;
[[nodiscard]] std::string_view to_string(Frequency f);
[[nodiscard]] std::string_view chinese(Frequency f);
// Months per period for the month-based frequencies; 0 for week and half-month.
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

// A frequency that applies instead of the duty's own to holders in some industries (e.g.
// the principal's hazard check: quarterly, monthly in high-risk industries, seed 002 item 3).
struct IndustryFrequency {
  std::vector<std::string> industries;  // chain industry names, after expanding groups
  Frequency frequency = Frequency::Year;
  std::string source;
};

struct Duty {
  std::string id;
  std::string name;
  Frequency frequency = Frequency::Year;       // for holders in no industry of `by_industry`
  std::vector<IndustryFrequency> by_industry;  // first match wins
  int min_count = 1;                           // times per period
  std::vector<std::uint32_t> evidence;         // indices into DutyList::evidence: what proves it
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

  // Named lists of industries a duty can refer to in `by_industry` (e.g. high_risk).
  std::vector<std::pair<std::string, std::vector<std::string>>> industry_groups;
  model::Edition edition;  // when the list's sources are in force, where they say

  [[nodiscard]] std::optional<std::size_t> find_role(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> find_evidence(std::string_view id) const;
  [[nodiscard]] std::vector<std::string> role_ids() const;
};

}  // namespace safeassess::duty
