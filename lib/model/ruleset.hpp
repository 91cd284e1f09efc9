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

#include "core/error.hpp"
#include "model/accident.hpp"
#include "model/condition.hpp"
#include "model/edition.hpp"

namespace safeassess::ruleset {

inline constexpr std::size_t k_none = std::numeric_limits<std::size_t>::max();

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
  std::optional<double> min;  // inclusive bounds checked on load
  std::optional<double> max;
};

// The scoring methods; MethodSpec (below) documents each.
enum class Method { Target, TargetLower, DeclineRate, Growth, Deduction, Bands, Rating, Boolean };

struct MethodSpec {
  Method method;
  std::string_view name;
  std::string_view summary;  // one line, for --help and the README
  std::string_view keys;     // the indicator keys the method reads
};

// Every method, in the order the README documents them.
[[nodiscard]] const std::vector<MethodSpec>& method_specs();
[[nodiscard]] const MethodSpec& spec(Method m);

struct DeductionEvent {
  std::size_t input = k_none;  // a count column
  double per_event = 0;        // points deducted per counted event
  // Each further event deducts twice the one before (迟报 -1, -2, -4, ...): n events
  // deduct per_event x (2^n - 1).
  bool doubling = false;
};

// One row of a bands table: the first row whose test holds gives the fraction.
struct Band {
  std::optional<double> min;      // value >= min (lower bound inclusive)
  std::optional<Condition> when;  // or a structured condition over inputs
  double fraction = 0;            // achievement in [0, 1]
};

// How expert ratings map to [0, 1]: either numeric scores on [min, max] or named grades.
struct RatingScale {
  bool numeric = true;
  double min = 1;
  double max = 5;
  std::vector<std::pair<std::string, double>> grades;  // label -> achievement
  long trim_from = 5;  // with at least this many raters, drop the highest and the lowest
};

struct Indicator {
  std::string id;
  std::string name;
  std::size_t category = 0;
  Method method = Method::Target;
  double points = 0;
  // Inputs by role (indices into Ruleset::inputs; k_none when the method has no such role).
  std::size_t value = k_none;          // target, target_lower, bands, boolean
  std::size_t current = k_none;        // decline_rate, growth
  std::size_t previous = k_none;       // decline_rate, growth
  double floor = 0;                    // target, decline_rate, growth: achievement 0 at or below
  double target = 0;                   // achievement 1 at or beyond
  double ceiling = 0;                  // target_lower: achievement 0 at or above
  std::vector<DeductionEvent> events;  // deduction
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
  double weight = 0;
  std::vector<std::size_t> indicators;  // indices into Ruleset::indicators
};

struct BonusItem {
  std::string id;
  std::string name;
  std::size_t input = k_none;  // count of commendations
  double per = 0;              // points per count
  std::string source;
};

struct Veto {
  std::string id;
  std::string name;
  Condition when;
  std::vector<std::size_t> columns;  // the inputs `when` reads
  std::optional<double> cap_total;   // the vetoed unit's total is at most this
  std::string source;
};

struct Grade {
  std::string name;
  double min = 0;  // lower bound, inclusive
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
struct LedgerPolicy {
  int yellow_after_days = 1;         // open and this many days past the deadline: yellow (behind)
  int red_after_days = 30;           // ... this many: red (seriously behind)
  bool three_party_major = true;     // closing a major hazard needs all three verifications
  bool three_party_general = false;  // closing a general hazard does too
  std::vector<std::pair<std::size_t, LedgerMetric>> inputs;  // input index -> metric
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
  double bonus_cap = 0;
  std::vector<BonusItem> bonus;
  std::vector<Veto> vetoes;
  std::vector<Grade> grades;      // highest min first
  std::size_t failing_grade = 0;  // index into grades: the grade that counts as failing
  long interview_bottom = 0;      // the bottom N by rank go on the interview list
  bool interview_failing = true;  // and every failing unit
  LedgerPolicy ledger;
  RegisterPolicy accident_register;
  // The periods the ruleset is meant for (effective_from/until); `validate` warns when a
  // manifest's period lies outside.
  model::Edition edition;
  std::vector<DutyInput> duty_inputs;

  [[nodiscard]] std::vector<std::string> input_ids() const;
  [[nodiscard]] const Indicator* find_indicator(std::string_view indicator_id) const;
  // Index of the grade a total earns (bands are lower-inclusive).
  [[nodiscard]] std::size_t grade_for(double total) const;
  // Inputs read by indicators, bonus items or vetoes: the columns a data file must have.
  [[nodiscard]] std::vector<std::size_t> used_inputs() const;
};

}  // namespace safeassess::ruleset
