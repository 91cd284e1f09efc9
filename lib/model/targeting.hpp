#pragma once
// Targeting inspections (README "safeassess classify", "safeassess sample"): the enterprises a regulator
// supervises, the ruleset's 三色 classification of them (seed 003 §三: 红/黄/绿 by how well each carries its
// own safety duties) and its 双随机 sampling plan (seed 002 item 14: random enterprises,
// random inspectors), with the roster of inspectors, their recusals (回避) and the past
// inspections. Read by load/targeting.hpp; classify and sample are in target/.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "core/error.hpp"
#include "model/condition.hpp"

namespace safeassess::targeting {

using num::Decimal;

// What classify knows of each enterprise, as condition fields. The facts come from the
// accident register (the manifest's period), the hazard ledger (as of the period's last
// day), the enterprise list and the duty records; README "safeassess classify" lists them.
enum class Fact : std::uint8_t {
  Accidents,                // 事故起数 in the period
  Deaths,                   // 死亡人数
  SeriousInjuries,          // 重伤人数
  LargerAccidents,          // 较大及以上事故起数
  ConcealedAccidents,       // 瞒报/谎报 accidents
  ResponsibilityAccidents,  // 责任事故起数
  OpenMajorHazards,         // major hazards not validly closed
  OverdueMajorHazards,      // of those, past the deadline in force
  OpenHazards,              // all levels, not done
  OverdueHazards,           // all levels, open past the deadline
  RedHazards,               // open hazards coloured red (seriously behind)
  InvalidClosures,          // 无效销号
  SupervisedHazards,        // hazards under 挂牌督办
  RiskLevel,                // 4 重大风险, 3 较大, 2 一般, 1 低 (the enterprise list's risk_level)
  PrincipalCompliance,      // duty compliance (%) of its principal's post (主要负责人)
};
inline constexpr std::size_t k_facts = 15;
// The field names conditions use: "accidents", ..., "principal_compliance". A scheme's
// colours add one field each after these: "previous_<colour id>" (1 when the previous
// period's colour was that one).
[[nodiscard]] std::string_view fact_id(Fact f);
[[nodiscard]] std::string_view fact_name(Fact f);  // 事故起数, ...

// A risk level as written (重大/较大/一般/低, 红/橙/黄/蓝, major/larger/general/low, 4..1):
// 4 for the highest; nullopt for anything else.
[[nodiscard]] std::optional<int> parse_risk_level(std::string_view s);

struct Colour {
  std::string id;                            // red, yellow, green (the fields previous_<id> use it)
  std::string name;                          // 红, 黄, 绿
  std::optional<long> inspections_per_year;  // 检查频次
  std::string interview;                     // 约谈, e.g. "约谈主要负责人"; empty: none
  std::string credit;                        // 信用 measure, e.g. "列入重点关注名单"
  std::string incentive;                     // for the good colours, e.g. "减少检查频次"
};

struct ClassRule {
  std::string id;
  std::string name;
  std::size_t colour = 0;  // first-match: the colour it gives
  Decimal points;          // points: what it adds
  ruleset::Condition when;
  std::vector<std::size_t> fields;  // the fields `when` reads, in first-use order
  std::string source;
  bool verified = false;
  Location at;
};

struct Classification {
  enum class Method { FirstMatch, Points };
  Method method = Method::FirstMatch;
  std::vector<ClassRule> rules;  // first-match: in order
  std::size_t fallback = 0;      // the colour when no rule matches (first-match) or no band
  struct Band {
    std::size_t colour = 0;
    Decimal min;  // points >= min
  };
  std::vector<Band> bands;  // points: highest min first
};

enum class StratumKey : std::uint8_t { Colour, Industry, Township };
[[nodiscard]] std::string_view to_string(StratumKey k);  // colour, industry, township

struct Allocation {
  // Which strata it covers: (key, value) pairs all of which must hold; none: every stratum.
  std::vector<std::pair<StratumKey, std::string>> match;
  std::optional<Decimal> rate;  // percent of the stratum's eligible enterprises, rounded up
  std::optional<long> count;    // or a number of them
  Location at;
};

struct Sampling {
  std::vector<StratumKey> strata;           // in the order given
  std::vector<Allocation> allocation;       // the first that covers a stratum applies
  long recent_months = 0;                   // 0: past inspections do not matter for the draw
  bool recent_exclude = true;               // else down-weighted to recent_weight
  long recent_weight = 100;                 // percent of the weight of others (1..99)
  std::vector<std::size_t> recent_colours;  // empty: every colour
  long team_size = 2;                       // inspectors per enterprise, at least 2
  long max_per_inspector = 0;               // 0: no limit (a roster row's max overrides)
  bool qualification = true;                // inspectors must be qualified for the industry
  bool avoid_last = true;                   // 回避: not those who inspected it last time
  bool avoid_own_township = false;          // 回避: not an inspector of the enterprise's township
  Location allocation_at;
};

struct Targeting {
  std::vector<Colour> colours;  // most severe first
  Classification classification;
  std::optional<Sampling> sampling;
  std::string source;
  bool verified = false;
  Location at;

  [[nodiscard]] std::size_t fields() const { return k_facts + colours.size(); }
  [[nodiscard]] std::vector<std::string> field_ids() const;
  [[nodiscard]] std::optional<std::size_t> find_colour(std::string_view id_or_name) const;
};

struct Enterprise {
  std::string id;
  std::string name;
  std::string unit;  // the assessed unit it counts for (ledger and register match by unit and name)
  std::uint32_t unit_index = 0;
  std::string township;
  std::string industry;
  std::optional<int> risk_level;
  std::string principal;                // post id in the chain (主要负责人)
  std::optional<std::size_t> previous;  // previous period's colour
  long line = 0;
};

struct EnterpriseList {
  std::string file;
  std::vector<Enterprise> rows;                                        // in file order
  bool has_risk = false, has_principal = false, has_previous = false;  // the optional columns rules read
  // The previous colours, when they come from last period's classification (the manifest's
  // previous_colours) rather than a column: that file, and its enterprises no longer listed.
  std::string previous_file;
  std::size_t previous_rows = 0;  // rows of that file
  std::size_t previous_unlisted = 0;
  std::vector<std::string> previous_unlisted_ids;  // the first 20
};

struct Inspector {
  std::string id;
  std::string name;
  std::string township;
  std::vector<std::string> qualifications;  // industries; empty with `all`: every industry
  bool all = false;                         // 全部 / *
  std::optional<long> max;                  // workload limit (overrides the ruleset's)
  long line = 0;
};

struct Recusal {
  std::size_t inspector = 0;
  std::size_t enterprise = 0;
  std::string reason;
  long line = 0;
};

struct Inspection {
  std::size_t enterprise = 0;
  date::Day day = 0;
  std::vector<std::size_t> inspectors;
  long line = 0;
};

struct Roster {
  std::string file, recusals_file, inspections_file;
  std::vector<Inspector> inspectors;
  std::vector<Recusal> recusals;
  std::vector<Inspection> inspections;
};

}  // namespace safeassess::targeting
