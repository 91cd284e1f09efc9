#pragma once
// The accident register (事故登记): one record per production-safety accident (生产安全事故)
// with its casualties, direct loss, whether it is a responsibility accident, when each
// level was told, and later revisions of the casualties (补报). Read by load/accidents.hpp;
// graded and checked by accident/register.hpp under 生产安全事故报告和调查处理条例
// (国务院令第493号).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"

namespace safeassess::accident {

// 493号令 Art 3: 特别重大, 重大, 较大, 一般 (in rising order here).
enum class Grade : std::uint8_t { General, Larger, Major, ExtraMajor };
[[nodiscard]] std::string_view grade_name(Grade g);  // 一般事故 … 特别重大事故

// 493号令 Art 3 with its reading rule "以上包括本数，所称的以下不包括本数": the highest
// grade that any of deaths, serious injuries (重伤, incl. acute industrial poisoning) or
// direct economic loss (万元) reaches. E.g. 15 deaths but 21000 万元 → 特别重大.
[[nodiscard]] Grade grade_of(long deaths, long serious_injuries, double direct_loss_wan);

// The levels an accident is reported to (Art 9: the unit to the county-level departments
// within 1 hour; Art 11: each level up within 2 hours; Art 10: 一般 up to the city, 较大 up
// to the province, 重大/特别重大 up to the State Council's departments).
enum class Level : std::uint8_t { County, City, Province, State };
inline constexpr std::size_t k_levels = 4;
[[nodiscard]] std::string_view level_name(Level l);  // 县级, 设区的市级, 省级, 国务院
// The highest level an accident of grade `g` must reach (Art 10).
[[nodiscard]] Level top_level(Grade g);

// A finding about the report itself: 漏报 (never reported, through neglect), 瞒报
// (concealed), 谎报 (falsely reported). 493号令 Art 36 and the 考核办法 treat 瞒报/谎报 apart
// from 迟报/漏报.
enum class Concealment : std::uint8_t { None, Omitted, Concealed, False };

// A later report of changed casualties (Art 13 补报): the totals as revised.
struct Revision {
  date::Minute reported_at = 0;
  long deaths = 0;
  long serious_injuries = 0;
  long line = 0;
};

struct Record {
  std::string id;
  std::size_t unit = 0;  // index into the assessment's units
  std::string enterprise;
  std::string industry;
  bool road_or_fire = false;  // 道路交通 or 火灾: 7-day 补报 window instead of 30
  date::Minute occurred_at = 0;
  long deaths = 0;            // as first reported
  long serious_injuries = 0;  // as first reported
  double direct_loss_wan = 0;
  bool responsibility = false;  // 责任事故
  Concealment concealment = Concealment::None;
  std::array<std::optional<date::Minute>, k_levels> reported_at;  // per Level; empty: not recorded
  std::vector<Revision> revisions;                                // in the order reported
  std::string description;
  long line = 0;
};

struct Register {
  std::string file;
  std::vector<Record> records;  // in file order
  std::size_t rows = 0;         // data rows read (records + revision rows)
};

// What the register yields per unit and period, for the inputs a ruleset takes from it.
enum class Metric : std::uint8_t {
  Accidents,                    // 事故起数
  Deaths,                       // 死亡人数
  SeriousInjuries,              // 重伤人数
  DirectLoss,                   // 直接经济损失（万元）
  Larger,                       // 较大事故起数
  LargerResponsibility,         // 较大责任事故起数
  LargerOrAbove,                // 较大及以上事故起数
  LargerOrAboveResponsibility,  // 较大及以上责任事故起数
  MajorOrAboveResponsibility,   // 重大及以上责任事故起数
  ExtraMajor,                   // 特别重大事故起数
  FatalGeneral,                 // 造成死亡的一般事故起数
  GeneralOneDeath,              // 死亡1人的一般事故起数
  GeneralTwoDeaths,             // 死亡2人的一般事故起数
  LateReports,                  // 迟报、漏报事故起数
  Concealed,                    // 瞒报、谎报事故起数
};
inline constexpr std::size_t k_metrics = static_cast<std::size_t>(Metric::Concealed) + 1;

struct MetricSpec {
  Metric metric;
  std::string_view name;     // as written in a ruleset
  std::string_view meaning;  // Chinese, for reports
};
[[nodiscard]] const std::vector<MetricSpec>& metric_specs();
[[nodiscard]] const MetricSpec* find_metric(std::string_view name);
[[nodiscard]] std::string_view metric_name(Metric m);

}  // namespace safeassess::accident
