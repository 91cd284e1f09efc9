#include "model/ruleset.hpp"
#include "core/i18n.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace safeassess::ruleset {

const std::vector<MethodSpec>& method_specs() {
  static const std::vector<MethodSpec> specs = {
      {Method::Target, "target",
       N_("higher is better: achievement = clamp((x - floor) / (target - floor), 0, 1)"),
       "input, floor, target"},
      {Method::TargetLower, "target_lower",
       N_("lower is better: achievement = clamp((ceiling - x) / (ceiling - target), 0, 1)"),
       "input, ceiling, target"},
      {Method::DeclineRate, "decline_rate",
       N_("r = (previous - current) / |previous|, then target on r; previous = 0: full if current = 0, else "
          "0"),
       "current, previous, floor, target"},
      {Method::Growth, "growth",
       N_("g = (current - previous) / |previous|, then target on g; previous = 0: full if current > 0, else "
          "target on 0"),
       "current, previous, floor, target"},
      {Method::Deduction, "deduction",
       N_("points - sum(count_i * per_i), floored at 0 (扣完为止); per may escalate ([1, 2, 3]) or double"),
       "events: [{input, per, doubling}]"},
      {Method::Steps, "steps",
       N_("每低于/超过 threshold 1 step deduct per: points - per x steps, floored at 0; a partial step "
          "counts "
          "as none, a whole step (up) or its fraction (proportional)"),
       "input, below | above (threshold), step, per, partial"},
      {Method::Tiers, "tiers",
       N_("the tier the value falls in deducts its points, floored at 0; below the first tier nothing"),
       "input, tiers: [{from, to | below, deduct}]"},
      {Method::Bands, "bands",
       N_("the first band whose min (inclusive) or condition holds gives the fraction; none: 0"),
       "input, bands: [{min | when, fraction}]"},
      {Method::Rating, "rating",
       N_("expert ratings mapped to [0, 1]; mean, dropping the highest and lowest with >= trim_from raters"),
       "scale: {min, max} | {grades: {label: fraction}}, trim_from"},
      {Method::Boolean, "boolean", N_("yes -> 1, no -> 0"), "input"},
  };
  return specs;
}

const MethodSpec& spec(Method m) {
  for (const auto& s : method_specs())
    if (s.method == m) return s;
  return method_specs().front();
}

std::string_view to_string(Partial p) {
  switch (p) {
    case Partial::None:
      return "none";
    case Partial::Up:
      return "up";
    case Partial::Proportional:
      return "proportional";
  }
  return "none";
}

std::string_view to_string(MissingPolicy p) {
  switch (p) {
    case MissingPolicy::Error:
      return "error";
    case MissingPolicy::Zero:
      return "zero";
    case MissingPolicy::Exclude:
      return "exclude";
  }
  return "error";
}

std::string_view to_string(LedgerMetric m) {
  switch (m) {
    case LedgerMetric::MajorRate:
      return "major_rectification_rate";
    case LedgerMetric::GeneralRate:
      return "general_rectification_rate";
    case LedgerMetric::OverdueMajor:
      return "overdue_major";
    case LedgerMetric::OverdueGeneral:
      return "overdue_general";
    case LedgerMetric::InvalidClosures:
      return "invalid_closures";
  }
  return "";
}

std::string_view to_string(TaskMetric m) {
  switch (m) {
    case TaskMetric::CompletionRate:
      return "completion_rate";
    case TaskMetric::OnTimeRate:
      return "on_time_rate";
    case TaskMetric::Overdue:
      return "overdue";
    case TaskMetric::Red:
      return "red";
  }
  return "";
}

std::optional<MissingPolicy> parse_missing_policy(std::string_view s) {
  if (s == "error") return MissingPolicy::Error;
  if (s == "zero") return MissingPolicy::Zero;
  if (s == "exclude") return MissingPolicy::Exclude;
  return std::nullopt;
}

std::vector<std::string> Ruleset::input_ids() const {
  std::vector<std::string> ids;
  ids.reserve(inputs.size());
  for (const auto& i : inputs) ids.push_back(i.id);
  return ids;
}

const Indicator* Ruleset::find_indicator(std::string_view indicator_id) const {
  for (const auto& ind : indicators)
    if (ind.id == indicator_id) return &ind;
  return nullptr;
}

std::size_t Ruleset::grade_for(Decimal total) const {
  for (std::size_t g = 0; g < grades.size(); ++g)
    if (total >= grades[g].min) return g;
  return grades.size() - 1;
}

std::vector<std::size_t> Ruleset::used_inputs() const {
  std::vector<char> used(inputs.size(), 0);
  for (const auto& ind : indicators)
    for (auto i : ind.input_columns()) used[i] = 1;
  for (const auto& b : bonus)
    if (b.input != k_none) used[b.input] = 1;
  for (const auto& v : vetoes)
    for (auto i : v.columns) used[i] = 1;
  for (const auto& a : adjustments) used[a.input] = 1;
  for (const auto& g : grade_caps)
    for (auto i : g.columns) used[i] = 1;
  // What the derived inputs in use read, latest first so a chain is followed to its end.
  for (auto it = derived.rbegin(); it != derived.rend(); ++it)
    if (used[it->first])
      for (auto t : it->second.terms) used[t] = 1;
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    if (used[i]) out.push_back(i);
  return out;
}

}  // namespace safeassess::ruleset
