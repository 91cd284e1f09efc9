#include "score/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/text.hpp"

namespace safeassess::score {

using ruleset::Method;
using ruleset::MissingPolicy;
using text::plain;

namespace {

double clamp01(double v) {
  return std::clamp(v, 0.0, 1.0);
}

// Goalposts: 0 at or below floor, 1 at or above target, linear between. `is_rate` says
// how x is shown in the trace (a computed rate to 4 decimals, or an input as written).
// Nothing is formatted unless a trace is wanted: this runs for every unit.
double goalposts(double x, double floor, double target, Trace* trace, bool is_rate) {
  const double a = clamp01((x - floor) / (target - floor));
  if (trace)
    trace->push_back(fmt::format("achievement = clamp(({} - {}) / ({} - {}), 0, 1) = {}",
                                 is_rate ? text::fixed(x, 4) : plain(x), plain(floor), plain(target),
                                 plain(floor), text::fixed(a, 4)));
  return a;
}

std::string value_text(const ruleset::InputDef& in, double v) {
  return fmt::format("{} = {}{}", in.id, plain(v), in.type == ruleset::InputType::Percent ? "%" : "");
}

double achievement_of(const ruleset::Ruleset& rules, const ruleset::Indicator& ind, std::span<const double> x,
                      std::span<const double> ratings, Trace* trace) {
  auto in = [&](std::size_t i) -> const ruleset::InputDef& { return rules.inputs[i]; };
  switch (ind.method) {
    case Method::Target: {
      const double v = x[ind.value];
      if (trace) trace->push_back(value_text(in(ind.value), v));
      return goalposts(v, ind.floor, ind.target, trace, false);
    }
    case Method::TargetLower: {
      const double v = x[ind.value];
      const double a = clamp01((ind.ceiling - v) / (ind.ceiling - ind.target));
      if (trace) {
        trace->push_back(value_text(in(ind.value), v));
        trace->push_back(fmt::format("achievement = clamp(({} - {}) / ({} - {}), 0, 1) = {}",
                                     plain(ind.ceiling), plain(v), plain(ind.ceiling), plain(ind.target),
                                     text::fixed(a, 4)));
      }
      return a;
    }
    case Method::DeclineRate:
    case Method::Growth: {
      const double cur = x[ind.current];
      const double prev = x[ind.previous];
      const bool decline = ind.method == Method::DeclineRate;
      if (trace)
        trace->push_back(
            fmt::format("{}, {}", value_text(in(ind.current), cur), value_text(in(ind.previous), prev)));
      if (prev == 0) {
        double a = 0;
        if (decline) {
          a = cur == 0 ? 1.0 : 0.0;
          if (trace)
            trace->push_back(fmt::format("previous = 0, so no rate: achievement = {} (current {} 0)",
                                         text::fixed(a, 4), cur == 0 ? "=" : ">"));
          return a;
        }
        if (cur > 0) {
          if (trace)
            trace->push_back("previous = 0 and current > 0: growth from nothing, achievement = 1.0000");
          return 1.0;
        }
        if (trace) trace->push_back("previous = 0 and current = 0: growth g = 0");
        return goalposts(0.0, ind.floor, ind.target, trace, false);
      }
      const double r = decline ? (prev - cur) / std::fabs(prev) : (cur - prev) / std::fabs(prev);
      if (trace)
        trace->push_back(decline ? fmt::format("r = ({} - {}) / {} = {}", plain(prev), plain(cur),
                                               plain(std::fabs(prev)), text::fixed(r, 4))
                                 : fmt::format("g = ({} - {}) / {} = {}", plain(cur), plain(prev),
                                               plain(std::fabs(prev)), text::fixed(r, 4)));
      return goalposts(r, ind.floor, ind.target, trace, true);
    }
    case Method::Deduction: {
      double deducted = 0;
      std::vector<std::string> parts;
      for (const auto& e : ind.events) {
        const double n = x[e.input];
        if (e.doubling) {
          // n events: per x (1 + 2 + ... + 2^(n-1)) = per x (2^n - 1); past 60 events the
          // item is long used up, and the cap keeps the power finite.
          const double power = std::min(n, 60.0);
          const double factor = std::exp2(power) - 1;
          deducted += factor * e.per_event;
          if (trace)
            parts.push_back(fmt::format("{} {}, doubling: {} x (2^{} - 1)", in(e.input).id, plain(n),
                                        plain(e.per_event), plain(power)));
        } else {
          deducted += n * e.per_event;
          if (trace) parts.push_back(fmt::format("{} {} x {}", in(e.input).id, plain(n), plain(e.per_event)));
        }
      }
      const double left = std::max(0.0, ind.points - deducted);
      if (trace) {
        trace->push_back(fmt::format("deducted = {} = {}", text::join(parts, " + "), plain(deducted)));
        trace->push_back(fmt::format("points left = max(0, {} - {}) = {}{}", plain(ind.points),
                                     plain(deducted), plain(left),
                                     deducted > ind.points ? " (扣完为止: floored at 0)" : ""));
      }
      return left / ind.points;
    }
    case Method::Bands: {
      const double v = x[ind.value];
      if (trace) trace->push_back(value_text(in(ind.value), v));
      for (std::size_t b = 0; b < ind.bands.size(); ++b) {
        const auto& band = ind.bands[b];
        const bool hit = band.min ? v >= *band.min : ruleset::evaluate(*band.when, x);
        if (hit) {
          if (trace)
            trace->push_back(fmt::format("band {}: {} -> achievement {}", b + 1,
                                         band.min ? fmt::format("{} ≥ {}", plain(v), plain(*band.min))
                                                  : ruleset::describe(*band.when, rules.input_ids()),
                                         text::fixed(band.fraction, 4)));
          return band.fraction;
        }
      }
      if (trace) trace->push_back("no band matched -> achievement 0.0000");
      return 0.0;
    }
    case Method::Rating: {
      // Reused across calls: scoring a million units must not allocate per unit.
      thread_local std::vector<double> r;
      r.assign(ratings.begin(), ratings.end());
      std::sort(r.begin(), r.end());
      const bool trim = static_cast<long>(r.size()) >= ind.scale.trim_from;
      const std::size_t lo = trim ? 1 : 0;
      const std::size_t hi = trim ? r.size() - 1 : r.size();
      const double sum =
          std::accumulate(r.begin() + static_cast<long>(lo), r.begin() + static_cast<long>(hi), 0.0);
      const double mean = sum / static_cast<double>(hi - lo);
      if (trace) {
        std::vector<std::string> shown;
        for (double v : r) shown.push_back(text::fixed(v, 4));
        trace->push_back(fmt::format("{} ratings mapped to [0, 1]: {}", r.size(), text::join(shown, ", ")));
        trace->push_back(trim ? fmt::format("{} raters ≥ {}: drop the highest ({}) and lowest ({}); "
                                            "mean of {} = {}",
                                            r.size(), ind.scale.trim_from, text::fixed(r.back(), 4),
                                            text::fixed(r.front(), 4), hi - lo, text::fixed(mean, 4))
                              : fmt::format("{} raters < {}: plain mean = {}", r.size(), ind.scale.trim_from,
                                            text::fixed(mean, 4)));
      }
      return mean;
    }
    case Method::Boolean: {
      const double v = x[ind.value];
      if (trace)
        trace->push_back(fmt::format("{} = {} -> achievement {}", in(ind.value).id, v != 0 ? "yes" : "no",
                                     v != 0 ? "1" : "0"));
      return v != 0 ? 1.0 : 0.0;
    }
  }
  return 0.0;
}

}  // namespace

IndicatorOutcome evaluate_indicator(const ruleset::Ruleset& rules, const ruleset::Indicator& ind,
                                    std::span<const double> values, std::span<const double> ratings,
                                    MissingPolicy missing, Trace* trace) {
  IndicatorOutcome out;
  bool is_missing = ind.method == Method::Rating && ratings.empty();
  for (auto i : ind.input_columns()) is_missing = is_missing || std::isnan(values[i]);
  if (is_missing) {
    std::vector<std::string> absent;
    if (trace) {
      if (ind.method == Method::Rating) absent.push_back("ratings");
      for (auto i : ind.input_columns())
        if (std::isnan(values[i])) absent.push_back(rules.inputs[i].id);
    }
    // Loading has already rejected missing data under the "error" policy.
    if (missing == MissingPolicy::Exclude) {
      out.status = Status::Excluded;
      if (trace)
        trace->push_back(
            fmt::format("missing {} -> excluded (missing-data policy: exclude; the "
                        "category is renormalised)",
                        text::join(absent, ", ")));
    } else {
      out.status = Status::MissingZero;
      if (trace)
        trace->push_back(
            fmt::format("missing {} -> 0 points (missing-data policy: zero)", text::join(absent, ", ")));
    }
    return out;
  }
  out.achievement = achievement_of(rules, ind, values, ratings, trace);
  out.points = text::round_to(out.achievement * ind.points, rules.precision);
  if (trace)
    trace->push_back(fmt::format("points = {} x {} = {} of {}", text::fixed(out.achievement, 4),
                                 plain(ind.points), text::fixed(out.points, rules.precision),
                                 plain(ind.points)));
  return out;
}

Trace explain_bonus(const Input& a, std::size_t unit) {
  Trace t;
  const auto row = a.values.row(unit);
  double sum = 0;
  for (const auto& b : a.rules.bonus) {
    const double n = std::isnan(row[b.input]) ? 0.0 : row[b.input];
    sum += n * b.per;
    if (n != 0)
      t.push_back(
          fmt::format("{} ({}): {} x {} = {}", b.name, b.id, plain(n), plain(b.per), plain(n * b.per)));
  }
  if (!a.rules.bonus.empty())
    t.push_back(fmt::format("bonus = min({}, cap {}) = {}", plain(sum), plain(a.rules.bonus_cap),
                            text::fixed(std::min(sum, a.rules.bonus_cap), a.rules.precision)));
  return t;
}

Results score(const Input& a) {
  const auto& rules = a.rules;
  const int prec = rules.precision;
  Results r;
  r.units = a.units.size();
  r.indicators = rules.indicators.size();
  r.categories = rules.categories.size();
  r.outcomes.resize(r.units * r.indicators);
  r.category_scores.assign(r.units * r.categories, 0.0);
  r.renormalised.assign(r.units * r.categories, 0);
  r.subtotal.assign(r.units, 0.0);
  r.bonus.assign(r.units, 0.0);
  r.uncapped_total.assign(r.units, 0.0);
  r.total.assign(r.units, 0.0);
  r.vetoes.resize(r.units);
  r.grade.assign(r.units, 0);
  r.rank.assign(r.units, 0);
  r.interview.assign(r.units, 0);

  std::vector<std::size_t> slot(r.indicators, ruleset::k_none);
  for (std::size_t i = 0; i < r.indicators; ++i) slot[i] = a.ratings.slot_of(i);

  Diagnostics diagnostics;
  for (std::size_t u = 0; u < r.units; ++u) {
    const auto row = a.values.row(u);
    for (std::size_t i = 0; i < r.indicators; ++i) {
      const auto ratings = slot[i] == ruleset::k_none ? std::span<const double>() : a.ratings.of(u, slot[i]);
      r.outcomes[u * r.indicators + i] =
          evaluate_indicator(rules, rules.indicators[i], row, ratings, a.missing, nullptr);
    }
    double subtotal = 0;
    for (std::size_t c = 0; c < r.categories; ++c) {
      const auto& cat = rules.categories[c];
      double earned = 0, available = 0;
      bool excluded = false;
      for (std::size_t i : cat.indicators) {
        const auto& o = r.outcomes[u * r.indicators + i];
        if (o.status == Status::Excluded) {
          excluded = true;
          continue;
        }
        earned += o.points;
        available += rules.indicators[i].points;
      }
      double score = earned;
      if (excluded) {
        if (available == 0) {
          diagnostics.error(Location{a.units.ids.empty() ? "" : a.file},
                            fmt::format("unit \"{}\": every indicator of category \"{}\" is missing, "
                                        "so excluding them leaves nothing to renormalise; supply "
                                        "data or use \"missing: zero\"",
                                        a.units.ids[u], cat.id));
          continue;
        }
        score = earned * cat.weight / available;
        r.renormalised[u * r.categories + c] = 1;
      }
      score = text::round_to(score, prec);
      r.category_scores[u * r.categories + c] = score;
      subtotal += score;
    }
    r.subtotal[u] = text::round_to(subtotal, prec);
    double bonus = 0;
    for (const auto& b : rules.bonus) {
      const double n = row[b.input];
      if (!std::isnan(n)) bonus += n * b.per;
    }
    r.bonus[u] = text::round_to(std::min(bonus, rules.bonus_cap), prec);
    double total = text::round_to(r.subtotal[u] + r.bonus[u], prec);
    r.uncapped_total[u] = total;
    for (std::size_t v = 0; v < rules.vetoes.size(); ++v) {
      const auto& veto = rules.vetoes[v];
      // Under "zero", a missing veto input reads as 0; evaluate on a copy with NaN -> 0.
      bool hit = false;
      bool any_nan = false;
      for (auto c : veto.columns) any_nan = any_nan || std::isnan(row[c]);
      if (any_nan) {
        std::vector<double> copy(row.begin(), row.end());
        for (auto& x : copy)
          if (std::isnan(x)) x = 0;
        hit = ruleset::evaluate(veto.when, copy);
      } else {
        hit = ruleset::evaluate(veto.when, row);
      }
      if (!hit) continue;
      r.vetoes[u].push_back(static_cast<std::uint16_t>(v));
      if (veto.cap_total) total = std::min(total, *veto.cap_total);
    }
    r.total[u] = text::round_to(total, prec);
    r.grade[u] = static_cast<std::uint16_t>(r.vetoes[u].empty()
                                                ? rules.grade_for(r.total[u])
                                                : std::max(rules.failing_grade, rules.grade_for(r.total[u])));
  }
  diagnostics.throw_if_any();

  // Rank: by total, highest first; ties share the lowest rank number; input order breaks
  // ties in the listing only.
  r.order.resize(r.units);
  std::iota(r.order.begin(), r.order.end(), 0u);
  std::stable_sort(r.order.begin(), r.order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return r.total[x] > r.total[y]; });
  for (std::size_t k = 0; k < r.units; ++k) {
    const auto u = r.order[k];
    r.rank[u] = (k > 0 && r.total[r.order[k - 1]] == r.total[u]) ? r.rank[r.order[k - 1]]
                                                                 : static_cast<std::uint32_t>(k + 1);
  }
  // Interview list: every unit at or below the N-th lowest total (ties at the edge all
  // go on), plus every failing unit.
  if (rules.interview_bottom > 0 && r.units > 0) {
    const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(rules.interview_bottom), r.units);
    const double threshold = r.total[r.order[r.units - n]];
    for (std::size_t u = 0; u < r.units; ++u)
      if (r.total[u] <= threshold) r.interview[u] |= k_interview_bottom;
  }
  if (rules.interview_failing)
    for (std::size_t u = 0; u < r.units; ++u)
      if (r.failing(rules, u)) r.interview[u] |= k_interview_failing;
  return r;
}

std::vector<GateTrip> check_gates(const ruleset::Ruleset& rules, const Results& r, const Gates& gates) {
  std::vector<GateTrip> trips;
  auto gate = [&](std::string name, auto&& pred) {
    GateTrip t{std::move(name), {}};
    for (auto u : r.order)
      if (pred(u)) t.units.push_back(u);
    if (!t.units.empty()) trips.push_back(std::move(t));
  };
  if (gates.fail_below)
    gate(fmt::format("fail-below {}", plain(*gates.fail_below)),
         [&](std::size_t u) { return r.total[u] < *gates.fail_below; });
  if (gates.on_veto) gate("veto", [&](std::size_t u) { return !r.vetoes[u].empty(); });
  if (gates.on_fail) gate("fail", [&](std::size_t u) { return r.failing(rules, u); });
  if (gates.on_interview) gate("interview", [&](std::size_t u) { return r.interview[u] != 0; });
  return trips;
}

}  // namespace safeassess::score
