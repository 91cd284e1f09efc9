#pragma once
// The weighted assessment score: indicator achievements -> points -> category subtotals
// -> bonus -> veto (一票否决) -> grade -> rank -> interview list (约谈).
//
// Arithmetic is exact (core/decimal.hpp): every input and parameter is a decimal read from
// its text, each indicator's points are computed as an exact fraction and rounded once, half
// away from zero, to the ruleset's precision; each aggregate is computed from the rounded
// parts, so the printed numbers add up exactly and grade and rank always agree with the
// printed total.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model/ruleset.hpp"
#include "model/units.hpp"
#include "model/values.hpp"

namespace safeassess::score {

enum class Status : std::uint8_t {
  Scored,       // computed from the unit's data
  MissingZero,  // data missing, scored 0 under the "zero" policy
  Excluded,     // data missing, left out; the category was renormalised ("exclude")
};

using num::Decimal;

struct IndicatorOutcome {
  Decimal achievement;  // points / max points, in [0, 1], to 12 decimals (for display)
  Decimal points;       // rounded to the ruleset's precision
  Status status = Status::Scored;
};

// One step of an explanation, in words and numbers.
using Trace = std::vector<std::string>;

// Scores one indicator for one unit. `values` is the unit's input row; `ratings` the
// unit's mapped ratings for a rating indicator (empty when it has none). When `trace`
// is given, the arithmetic is appended to it step by step.
[[nodiscard]] IndicatorOutcome evaluate_indicator(const ruleset::Ruleset& rules,
                                                  const ruleset::Indicator& ind,
                                                  std::span<const Decimal> values,
                                                  std::span<const Decimal> ratings,
                                                  ruleset::MissingPolicy missing, Trace* trace);

enum InterviewReason : std::uint8_t { k_interview_bottom = 1, k_interview_failing = 2 };

// Why a unit's grade is not its band's (bits).
enum GradeReason : std::uint8_t { k_grade_veto = 1, k_grade_cap = 2, k_grade_quota = 4 };

struct Results {
  std::size_t units = 0;
  std::size_t indicators = 0;
  std::size_t categories = 0;
  // Flat arrays, unit-major.
  std::vector<IndicatorOutcome> outcomes;          // units x indicators
  std::vector<Decimal> category_scores;            // units x categories
  std::vector<std::uint8_t> renormalised;          // units x categories
  std::vector<Decimal> subtotal;                   // sum of categories, before bonus
  std::vector<Decimal> bonus;                      // after the cap
  std::vector<Decimal> adjustment;                 // deducted from the total (adjustments)
  std::vector<Decimal> uncapped_total;             // subtotal + bonus - adjustments, before any cap
  std::vector<Decimal> total;                      // final
  std::vector<std::vector<std::uint16_t>> vetoes;  // indices into Ruleset::vetoes
  std::vector<std::vector<std::uint16_t>> caps;    // indices into Ruleset::grade_caps that hold
  std::vector<std::uint16_t> band_grade;           // the grade the total earns, before caps
  std::vector<std::uint16_t> grade;                // index into Ruleset::grades (final)
  std::vector<std::uint8_t> grade_reason;          // GradeReason bits
  std::vector<std::uint32_t> group;                // index into groups
  std::vector<std::string> groups;                 // group names (one "" without grouping)
  std::vector<std::uint32_t> rank;                 // 1-based within the group, ties share the lowest
  std::vector<std::uint8_t> interview;             // InterviewReason bits, 0 = not listed
  std::vector<std::uint8_t> commended;             // on the commendation list
  std::vector<std::uint32_t> order;                // unit indices: by group, then rank order

  [[nodiscard]] const IndicatorOutcome& outcome(std::size_t u, std::size_t i) const {
    return outcomes[u * indicators + i];
  }
  [[nodiscard]] Decimal category(std::size_t u, std::size_t c) const {
    return category_scores[u * categories + c];
  }
  [[nodiscard]] bool failing(const ruleset::Ruleset& r, std::size_t u) const {
    return grade[u] >= r.failing_grade;
  }
};

// What the score reads: the ruleset, the units with their values and ratings, and the
// missing-data policy in force (assessment::score_input gives it for a loaded run).
struct Input {
  const ruleset::Ruleset& rules;
  const assessment::Units& units;
  const assessment::Values& values;
  const assessment::Ratings& ratings;
  ruleset::MissingPolicy missing = ruleset::MissingPolicy::Error;
  std::string file;  // where a problem is reported (the manifest), as displayed
  // A ruleset with periods: each period's values (then `values` holds the year's).
  std::span<const assessment::Values> periods = {};
};

// One unit's indicator as the score takes it: from the unit's values, or with periods the
// periods' exact points weighted and rounded once. With `trace`, the arithmetic.
[[nodiscard]] IndicatorOutcome indicator_outcome(const Input& in, std::size_t unit, std::size_t indicator,
                                                 Trace* trace);

// Scores every unit. Throws InputError if the "exclude" policy leaves a category of some
// unit with no indicator to renormalise over.
[[nodiscard]] Results score(const Input& in);

// Bonus and veto detail for one unit, for explanations.
[[nodiscard]] Trace explain_bonus(const Input& in, std::size_t unit);

// Gates that make a CI job fail (exit code 1).
struct Gates {
  std::optional<Decimal> fail_below;  // any unit's total below this
  bool on_veto = false;               // any unit vetoed
  bool on_fail = false;               // any unit graded failing
  bool on_interview = false;          // any unit on the interview list
};

struct GateTrip {
  std::string gate;                // "fail-below 60", "veto", "fail", "interview"
  std::vector<std::size_t> units;  // in rank order
};

[[nodiscard]] std::vector<GateTrip> check_gates(const ruleset::Ruleset& rules, const Results& r,
                                                const Gates& gates);

}  // namespace safeassess::score
