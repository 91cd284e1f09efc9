#pragma once
// The typed model of an assessment ruleset (考核办法 / 评分细则): declared inputs,
// categories with weights, indicators with their scoring methods, bonus items, veto
// rules (一票否决), grade bands and the interview rule (约谈). See README "Ruleset format".

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"
#include "model/accident.hpp"
#include "model/condition.hpp"
#include "model/edition.hpp"
#include "model/targeting.hpp"

namespace safeassess::ruleset {

inline constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();

// Every number of a ruleset is read exactly (core/decimal.hpp).
using num::Decimal;

// What values an input column holds; decides how its cells are parsed and checked.
enum class InputType {
  Number,   // any finite number
  Count,    // a whole number >= 0 (accidents, deaths, commendations)
  Percent,  // a number in percent; a trailing "%" is accepted ("98.5%" reads as 98.5)
  Boolean,  // 1/0, yes/no, true/false, 是/否, Y/N
};

struct InputDef {
  std::string id;
  std::string name;  // Chinese display name
  InputType type = InputType::Number;
  std::optional<Decimal> min;  // inclusive bounds checked on load
  std::optional<Decimal> max;
  std::string source;  // for a derived input: where its formula comes from
  bool verified = true;
};

// An input computed from other inputs of the same unit (派生指标), declared with the input as
// `derive:`. Computed when the data is loaded; a derived input may read derived inputs, never
// itself (directly or through others).
struct Derivation {
  enum class Kind { Ratio, Sum, Difference };
  Kind kind = Kind::Ratio;
  std::vector<std::size_t> terms;  // ratio: numerator, denominator; sum: any; difference: a - b
  Decimal times = Decimal::of(1);  // ratio: multiplied by this (100 for a percentage)
  int decimals = 2;                // ratio: rounded half away from zero to this many places
  // ratio 0 / 0: this value, or (unset) an input error naming the unit.
  std::optional<Decimal> zero_over_zero;
  Location at;
};

// The scoring methods; MethodSpec (below) documents each.
enum class Method {
  Target,
  TargetLower,
  DeclineRate,
  Growth,
  Deduction,
  Steps,
  Tiers,
  Bands,
  Rating,
  Boolean
};

struct MethodSpec {
  Method method;
  std::string_view name;
  std::string_view summary;  // one line, for --help and the README
  std::string_view keys;     // the indicator keys the method reads
};

// Every method, in the order the README documents them.
[[nodiscard]] const std::vector<MethodSpec>& method_specs();
[[nodiscard]] const MethodSpec& spec(Method m);

// A number given either as a constant or, per unit, by an input column (控制指标: each
// county's own control figure).
struct Param {
  Decimal value;
  std::size_t input = k_none;
  [[nodiscard]] bool per_unit() const { return input != k_none; }
};

struct DeductionEvent {
  std::size_t input = k_none;  // a count column
  Decimal per_event;           // points deducted per counted event
  // Each further event deducts twice the one before (迟报 -1, -2, -4, ...): n events
  // deduct per_event x (2^n - 1).
  bool doubling = false;
  // Escalating amounts (`per: [1, 2, 3]`): the k-th event deducts schedule[k-1], every event
  // past the list its last amount. Empty for a single `per`.
  std::vector<Decimal> schedule;
};

// How a part of a step counts in a stepwise deduction (每低于1个百分点扣X分).
enum class Partial { None, Up, Proportional };
[[nodiscard]] std::string_view to_string(Partial p);

// Stepwise deduction: for every `step` the value lies below (or above) the threshold, `per`
// points are deducted, down to 0 (扣完为止).
struct Steps {
  bool below = true;  // deduct for falling short of the threshold; false: for exceeding it
  Param threshold;
  Decimal step = Decimal::of(1);
  Decimal per;
  Partial partial = Partial::None;
};

// One row of a tier table: a value from `from` up to `to` (both inclusive) or up to `below`
// (exclusive) deducts `deduct` points; the last row may be open-ended.
struct Tier {
  Decimal from;
  std::optional<Decimal> to;
  std::optional<Decimal> below;
  Decimal deduct;
  Location at;
};

// One row of a bands table: the first row whose test holds gives the fraction.
struct Band {
  std::optional<Decimal> min;     // value >= min (lower bound inclusive)
  std::optional<Condition> when;  // or a structured condition over inputs
  Decimal fraction;               // achievement in [0, 1]
};

// How expert ratings map to [0, 1]: either numeric scores on [min, max] or named grades.
struct RatingScale {
  bool numeric = true;
  Decimal min = Decimal::of(1);
  Decimal max = Decimal::of(5);
  std::vector<std::pair<std::string, Decimal>> grades;  // label -> achievement
  long trim_from = 5;  // with at least this many raters, drop the highest and the lowest
};

struct Indicator {
  std::string id;
  std::string name;
  std::size_t category = 0;
  Method method = Method::Target;
  Decimal points;
  // Inputs by role (indices into Ruleset::inputs; k_none when the method has no such role).
  std::size_t value = k_none;          // target, target_lower, bands, boolean
  std::size_t current = k_none;        // decline_rate, growth
  std::size_t previous = k_none;       // decline_rate, growth
  Param floor;                         // target, decline_rate, growth: achievement 0 at or below
  Param target;                        // achievement 1 at or beyond
  Param ceiling;                       // target_lower: achievement 0 at or above
  std::vector<DeductionEvent> events;  // deduction
  Steps steps;                         // steps
  std::vector<Tier> tiers;             // tiers
  std::vector<Band> bands;             // bands
  RatingScale scale;                   // rating
  std::string source;                  // where the threshold comes from
  bool verified = true;

  // Every input column the indicator reads, in role order (computed once on load, as
  // scoring consults it for every unit).
  std::vector<std::size_t> columns;
  [[nodiscard]] const std::vector<std::size_t>& input_columns() const { return columns; }
};

struct Category {
  std::string id;
  std::string name;
  Decimal weight;
  std::vector<std::size_t> indicators;  // indices into Ruleset::indicators
};

struct BonusItem {
  std::string id;
  std::string name;
  std::size_t input = k_none;  // count of commendations
  Decimal per;                 // points per count
  std::string source;
};

struct Veto {
  std::string id;
  std::string name;
  Condition when;
  std::vector<std::size_t> columns;  // the inputs `when` reads
  std::optional<Decimal> cap_total;  // the vetoed unit's total is at most this
  std::string source;
  bool verified = true;
};

// A deduction from the total (通报批评 each -N), after the categories and the bonus.
struct Adjustment {
  std::string id;
  std::string name;
  std::size_t input = k_none;  // a count
  Decimal per;                 // points off the total per count
  std::optional<Decimal> cap;  // at most this much in all
  std::string source;
  bool verified = true;
};

// A cap on the grade short of a veto (降等): when the condition holds, the grade is lowered
// by `lower_by` bands and/or is at most `at_most` (不得评为优秀: at most 良好).
struct GradeCap {
  std::string id;
  std::string name;
  Condition when;
  std::vector<std::size_t> columns;
  long lower_by = 0;
  std::size_t at_most = k_none;  // index into grades
  std::string source;
  bool verified = true;
};

struct Grade {
  std::string name;
  Decimal min;  // lower bound, inclusive
};

// At most so many units of a group may hold a grade (优秀不超过20%). Units past the quota,
// from the lowest total up, move to the next grade.
struct Quota {
  std::size_t grade = 0;           // index into grades
  std::optional<Decimal> percent;  // of the group's units, rounded down
  std::optional<long> count;       // or a fixed number
  bool demote_ties = true;         // a tie across the edge: all tied units move (false: all stay)
  std::string source;
  Location at;
};

// 分类考核: ranks, quotas, the interview list and the commendation list are taken within
// groups of units, given by a column of the units file.
struct Grouping {
  std::string column;                                          // empty: one group of every unit
  std::vector<std::string> groups;                             // the groups expected, in report order
  std::vector<std::pair<std::string, long>> interview_bottom;  // per group, overrides the ruleset's
  Location at;
};

// A part of the year scored on its own (上半年, 第三季度); the annual score composes the
// periods' indicator points with these weights (percent, adding up to 100).
struct PeriodDef {
  std::string id;  // as the indicators file's "period" column writes it
  std::string name;
  Decimal weight;
};

// The commendation list (先进): the top N by rank within each group.
struct Commendation {
  long top = 0;                    // 0: no list
  std::size_t min_grade = k_none;  // and only units graded this or better
  bool exclude_vetoed = true;
  std::string source;
};

enum class MissingPolicy { Error, Zero, Exclude };
[[nodiscard]] std::string_view to_string(MissingPolicy p);
[[nodiscard]] std::optional<MissingPolicy> parse_missing_policy(std::string_view s);

// What the hazard ledger (一隐患一档案) yields per unit, for inputs a ruleset takes from it.
enum class LedgerMetric {
  MajorRate,        // 重大隐患整改率 (%): validly closed / found
  GeneralRate,      // 一般隐患整改率 (%): rectified / found
  OverdueMajor,     // major hazards open past their deadline
  OverdueGeneral,   // general hazards open past their deadline
  InvalidClosures,  // closures without the required verifications or with dates out of order
};
[[nodiscard]] std::string_view to_string(LedgerMetric m);

// How the hazard ledger is read: status colours and closure rules, and which inputs of
// the ruleset are computed from it when a manifest names a ledger.
// One step of the escalation ladder (提醒 → 督办函 → 通报 → 约谈 → 公开曝光): due once a task
// has been red this many days (a hazard: overdue this many days); who acts is `actor`:
// "owner" (the task's owner post; a hazard's enterprise), "superior" (the organisation above
// the owner's, through the chain), "role:ROLE" (the nearest post above the owner holding
// that duty-list role), or a body named as written.
struct EscalationStep {
  std::string id;
  std::string name;
  int after_days = 0;
  std::string actor;
  Location at;
};

struct LedgerPolicy {
  int yellow_after_days = 1;         // open and this many days past the deadline: yellow (behind)
  int red_after_days = 30;           // ... this many: red (seriously behind)
  bool three_party_major = true;     // closing a major hazard needs all three verifications
  bool three_party_general = false;  // closing a general hazard does too
  std::vector<std::pair<std::size_t, LedgerMetric>> inputs;  // input index -> metric
  // The ladder for open hazards past their deadline, by days overdue (1 the day after the
  // deadline in force); no official text fixes it (README "Escalation of hazards").
  std::vector<EscalationStep> escalation;  // by after_days, each at least 1
  bool verified = false;
  std::string source;
};

// What a task list (model/task.hpp) yields per unit, for inputs a ruleset takes from it.
enum class TaskMetric {
  CompletionRate,  // of the tasks due by the as-of date, the share done by then (%)
  OnTimeRate,      // of the tasks due by the as-of date, the share done by their deadline (%)
  Overdue,         // tasks past their deadline and not done
  Red,             // tasks red (seriously behind, or overdue) as of the date
};
[[nodiscard]] std::string_view to_string(TaskMetric m);

// How task lists are judged (ruleset "task_list"): the colour by schedule variance — the
// expected progress (milestones due, or linear from start to deadline) minus the reported
// one, in percentage points: green below yellow_lag, yellow from yellow_lag up to and
// including red_lag, red above it, and red once past the deadline — and the escalation
// ladder. No official text fixes the thresholds or the ladder (README "Tasks").
struct TaskPolicy {
  Decimal yellow_lag = Decimal::of(10);
  Decimal red_lag = Decimal::of(30);
  bool verified = false;
  std::string source;
  std::vector<EscalationStep> escalation;                  // by after_days
  std::vector<std::pair<std::size_t, TaskMetric>> inputs;  // input index -> metric
};

// Which inputs of the ruleset are computed from the accident register (model/accident.hpp)
// when a manifest names one: input index -> metric, per unit and period.
struct RegisterPolicy {
  std::vector<std::pair<std::size_t, accident::Metric>> inputs;
};

// An input computed from duty compliance (履职记录) when the manifest names a chain and
// records: the compliance rate (%) of the unit's holders of these roles or tiers. The
// roles are checked against the manifest's duty list when the assessment loads.
struct DutyInput {
  std::size_t input = k_none;
  std::vector<std::string> roles;  // duty-list role ids
  std::vector<std::string> tiers;  // decision, management, execution
  Location at;                     // where the ruleset declares it
};

struct SourceDoc {
  std::string id;
  std::string title;
  std::string number;  // document number, e.g. 国务院令第493号
  std::string date;
  std::string note;
};

struct Ruleset {
  std::string id;
  std::string name;
  std::string version;
  std::string description;
  std::vector<SourceDoc> sources;
  std::string file;    // as displayed in messages
  std::string sha256;  // of the file's bytes
  int precision = 2;   // decimals of every reported number; grading and ranking use them
  MissingPolicy missing = MissingPolicy::Error;

  std::vector<InputDef> inputs;
  std::unordered_map<std::string, std::size_t> input_index;
  std::vector<Category> categories;
  std::vector<Indicator> indicators;
  Decimal bonus_cap;
  bool bonus_cap_verified = true;  // `bonus: {verified: false}`: the cap is the ruleset's choice
  std::vector<BonusItem> bonus;
  std::vector<Veto> vetoes;
  std::vector<Adjustment> adjustments;
  std::optional<Decimal> total_cap;  // the total is at most this (e.g. 100)
  std::vector<GradeCap> grade_caps;
  std::vector<Grade> grades;  // highest min first
  std::vector<Quota> quotas;
  Grouping grouping;
  Commendation commendation;
  std::vector<PeriodDef> periods;  // empty: the data is for the whole period at once
  std::size_t failing_grade = 0;   // index into grades: the grade that counts as failing
  long interview_bottom = 0;       // the bottom N by rank go on the interview list
  bool interview_failing = true;   // and every failing unit
  LedgerPolicy ledger;
  TaskPolicy tasks;
  RegisterPolicy accident_register;
  // The periods the ruleset is meant for (effective_from/until); `validate` warns when a
  // manifest's period lies outside.
  model::Edition edition;
  std::vector<DutyInput> duty_inputs;
  // Derived inputs (by input index), in the order they are computed: each after the inputs
  // it reads.
  std::vector<std::pair<std::size_t, Derivation>> derived;
  // 三色 classification and 双随机 sampling of enterprises (README "Targeting rules").
  std::optional<targeting::Targeting> targeting;

  [[nodiscard]] std::vector<std::string> input_ids() const;
  [[nodiscard]] const Indicator* find_indicator(std::string_view indicator_id) const;
  // Index of the grade a total earns (bands are lower-inclusive).
  [[nodiscard]] std::size_t grade_for(Decimal total) const;
  // Inputs read by indicators, bonus items, adjustments, vetoes or grade caps (and the inputs
  // a derived one among them reads): the columns a data file must have, derived ones included.
  [[nodiscard]] std::vector<std::size_t> used_inputs() const;
};

}  // namespace safeassess::ruleset
