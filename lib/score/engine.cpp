#include "score/engine.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <optional>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "model/values.hpp"

namespace safeassess::score {

using num::Ratio;
using num::Wide;
using ruleset::Method;
using ruleset::MissingPolicy;

namespace {

const Decimal k_zero{};
const Decimal k_one = Decimal::of(1);

// An exact number as a reader checks it: exactly when it has at most 12 decimals, else to
// 12 decimals followed by "…".
std::string show(const Ratio& r) {
  const Decimal d = r.round(Decimal::k_digits);
  return Ratio(d) == r ? d.str() : d.fixed(Decimal::k_digits) + "…";
}

std::string value_text(const ruleset::InputDef& in, Decimal v) {
  return fmt::format("{} = {}{}", in.id, v.str(), in.type == ruleset::InputType::Percent ? "%" : "");
}

Decimal param_value(const ruleset::Param& p, std::span<const Decimal> x) {
  return p.per_unit() ? x[p.input] : p.value;
}

std::string param_text(const ruleset::Ruleset& rules, const ruleset::Param& p, std::span<const Decimal> x) {
  return p.per_unit() ? fmt::format("{} ({})", x[p.input].str(), rules.inputs[p.input].id) : p.value.str();
}

Ratio clamp01(const Ratio& r) {
  return r.clamp01();
}

// The points left after deducting `deducted` from `points`, down to 0 (扣完为止).
Ratio left_after(Decimal points, const Ratio& deducted, Trace* trace) {
  const Ratio left = deducted >= Ratio(points) ? Ratio(k_zero) : Ratio(points) - deducted;
  if (trace)
    trace->push_back(trf("points left = max(0, {} - {}) = {}{}", points.str(), show(deducted), show(left),
                         deducted > Ratio(points) ? _(" (扣完为止: floored at 0)") : ""));
  return left;
}

// A rating indicator's ratings sorted, the range kept (with at least trim_from raters the
// highest and the lowest are dropped) and its sum. The vector is reused across calls:
// scoring a million units must not allocate per unit.
struct Kept {
  const std::vector<Decimal>& sorted;
  std::size_t lo = 0, hi = 0;
  Decimal sum;
};
Kept keep(const ruleset::Indicator& ind, std::span<const Decimal> ratings) {
  thread_local std::vector<Decimal> r;
  r.assign(ratings.begin(), ratings.end());
  std::sort(r.begin(), r.end());
  const bool trim = static_cast<long>(r.size()) >= ind.scale.trim_from;
  Kept k{r, trim ? 1u : 0u, trim ? r.size() - 1 : r.size(), {}};
  for (std::size_t i = k.lo; i < k.hi; ++i) k.sum += r[i];
  return k;
}

// The exact points (before rounding) one indicator earns. The inputs it reads are present.
Ratio exact_points(const ruleset::Ruleset& rules, const ruleset::Indicator& ind, std::span<const Decimal> x,
                   std::span<const Decimal> ratings, Trace* trace) {
  auto in = [&](std::size_t i) -> const ruleset::InputDef& { return rules.inputs[i]; };
  const Decimal P = ind.points;
  switch (ind.method) {
    case Method::Target:
    case Method::TargetLower: {
      const bool lower = ind.method == Method::TargetLower;
      const Decimal v = x[ind.value];
      const Decimal bound = param_value(lower ? ind.ceiling : ind.floor, x);
      const Decimal t = param_value(ind.target, x);
      const Ratio a =
          lower ? clamp01(Ratio(bound - v) / Ratio(bound - t)) : clamp01(Ratio(v - bound) / Ratio(t - bound));
      const Ratio pts = a * Ratio(P);
      if (trace) {
        trace->push_back(value_text(in(ind.value), v));
        const std::string b = param_text(rules, lower ? ind.ceiling : ind.floor, x);
        const std::string tt = param_text(rules, ind.target, x);
        trace->push_back(lower ? trf("points = clamp(({} - {}) / ({} - {}), 0, 1) x {} = {}", b, v.str(), b,
                                     tt, P.str(), show(pts))
                               : trf("points = clamp(({} - {}) / ({} - {}), 0, 1) x {} = {}", v.str(), b, tt,
                                     b, P.str(), show(pts)));
      }
      return pts;
    }
    case Method::DeclineRate:
    case Method::Growth: {
      const Decimal cur = x[ind.current];
      const Decimal prev = x[ind.previous];
      const bool decline = ind.method == Method::DeclineRate;
      const Decimal f = ind.floor.value;
      const Decimal t = ind.target.value;
      if (trace)
        trace->push_back(
            fmt::format("{}, {}", value_text(in(ind.current), cur), value_text(in(ind.previous), prev)));
      Ratio r;
      if (prev.is_zero()) {
        if (decline) {
          const Ratio pts = cur.is_zero() ? Ratio(P) : Ratio(k_zero);
          if (trace)
            trace->push_back(trf("previous = 0, so no rate: points = {} (current {} 0)", show(pts),
                                 cur.is_zero() ? "=" : ">"));
          return pts;
        }
        if (cur > k_zero) {
          if (trace)
            trace->push_back(trf("previous = 0 and current > 0: growth from nothing, points = {}", P.str()));
          return Ratio(P);
        }
        if (trace) trace->push_back(_("previous = 0 and current = 0: growth g = 0"));
        r = Ratio(k_zero);
      } else {
        r = decline ? Ratio(prev - cur) / Ratio(num::abs(prev)) : Ratio(cur - prev) / Ratio(num::abs(prev));
        if (trace)
          trace->push_back(
              decline ? fmt::format("r = ({} - {}) / |{}| = {}", prev.str(), cur.str(), prev.str(), show(r))
                      : fmt::format("g = ({} - {}) / |{}| = {}", cur.str(), prev.str(), prev.str(), show(r)));
      }
      const Ratio pts = clamp01((r - Ratio(f)) / Ratio(t - f)) * Ratio(P);
      if (trace)
        trace->push_back(trf("points = clamp(({} - {}) / ({} - {}), 0, 1) x {} = {}", show(r), f.str(),
                             t.str(), f.str(), P.str(), show(pts)));
      return pts;
    }
    case Method::Deduction: {
      Ratio deducted(k_zero);
      std::vector<std::string> parts;
      for (const auto& e : ind.events) {
        const Decimal n = x[e.input];
        const long long count = n.whole();
        if (e.doubling) {
          // n events: per x (1 + 2 + ... + 2^(n-1)) = per x (2^n - 1). Past 128 events the
          // item is used up whatever its points; the cap keeps the power finite.
          const long long power = std::min<long long>(count, 128);
          const Wide factor = (Wide(1) << static_cast<unsigned>(power)) - 1;
          deducted = deducted + Ratio(e.per_event) * Ratio::of(factor, 1);
          if (trace)
            parts.push_back(
                trf("{} {}, doubling: {} x (2^{} - 1)", in(e.input).id, n.str(), e.per_event.str(), power));
        } else if (!e.schedule.empty()) {
          // Escalating: the k-th event deducts the k-th amount, every later one the last.
          Decimal sum;
          std::vector<std::string> amounts;
          const auto listed = static_cast<long long>(e.schedule.size());
          for (long long k = 0; k < std::min(count, listed); ++k) {
            sum += e.schedule[static_cast<std::size_t>(k)];
            amounts.push_back(e.schedule[static_cast<std::size_t>(k)].str());
          }
          if (count > listed) {
            const Decimal more = Decimal::of(count - listed) * e.schedule.back();
            sum += more;
            amounts.push_back(fmt::format("{} x {}", count - listed, e.schedule.back().str()));
          }
          deducted = deducted + Ratio(sum);
          if (trace)
            parts.push_back(trf("{} {}, escalating: {}", in(e.input).id, n.str(),
                                amounts.empty() ? std::string("0") : text::join(amounts, " + ")));
        } else {
          deducted = deducted + Ratio(n * e.per_event);
          if (trace) parts.push_back(fmt::format("{} {} x {}", in(e.input).id, n.str(), e.per_event.str()));
        }
      }
      if (trace) trace->push_back(trf("deducted = {} = {}", text::join(parts, " + "), show(deducted)));
      return left_after(P, deducted, trace);
    }
    case Method::Steps: {
      const auto& st = ind.steps;
      const Decimal v = x[ind.value];
      const Decimal th = param_value(st.threshold, x);
      const Decimal gap = st.below ? th - v : v - th;
      if (trace) trace->push_back(value_text(in(ind.value), v));
      Ratio steps(k_zero);
      if (gap > k_zero) {
        const Ratio n = Ratio(gap) / Ratio(st.step);
        switch (st.partial) {
          case ruleset::Partial::None:
            steps = Ratio::of(n.floor(), 1);
            break;
          case ruleset::Partial::Up:
            steps = Ratio::of(n.ceil(), 1);
            break;
          case ruleset::Partial::Proportional:
            steps = n;
            break;
        }
        if (trace)
          trace->push_back(trf("{} {} by {} = {} steps of {}; partial steps: {} -> {} steps",
                               st.below ? "below" : "above", param_text(rules, st.threshold, x), gap.str(),
                               show(n), st.step.str(), ruleset::to_string(st.partial), show(steps)));
      } else if (trace) {
        trace->push_back(trf("not {} {}: nothing deducted", st.below ? "below" : "above",
                             param_text(rules, st.threshold, x)));
      }
      const Ratio deducted = steps * Ratio(st.per);
      if (trace) trace->push_back(trf("deducted = {} x {} = {}", show(steps), st.per.str(), show(deducted)));
      return left_after(P, deducted, trace);
    }
    case Method::Tiers: {
      const Decimal v = x[ind.value];
      if (trace) trace->push_back(value_text(in(ind.value), v));
      Decimal deducted;
      bool found = false;
      for (std::size_t k = 0; k < ind.tiers.size(); ++k) {
        const auto& tier = ind.tiers[k];
        const bool hit = v >= tier.from && (!tier.to || v <= *tier.to) && (!tier.below || v < *tier.below);
        if (!hit) continue;
        deducted = tier.deduct;
        found = true;
        if (trace)
          trace->push_back(tier.to      ? trf("tier {} ({} to {}): deduct {}", k + 1, tier.from.str(),
                                              tier.to->str(), tier.deduct.str())
                           : tier.below ? trf("tier {} ({} to below {}): deduct {}", k + 1, tier.from.str(),
                                              tier.below->str(), tier.deduct.str())
                                        : trf("tier {} ({} and above): deduct {}", k + 1, tier.from.str(),
                                              tier.deduct.str()));
        break;
      }
      if (!found && trace)
        trace->push_back(trf("below the first tier ({}): nothing deducted", ind.tiers.front().from.str()));
      return left_after(P, Ratio(deducted), trace);
    }
    case Method::Bands: {
      const Decimal v = x[ind.value];
      if (trace) trace->push_back(value_text(in(ind.value), v));
      for (std::size_t b = 0; b < ind.bands.size(); ++b) {
        const auto& band = ind.bands[b];
        const bool hit = band.min ? v >= *band.min : ruleset::evaluate(*band.when, x);
        if (hit) {
          const Ratio pts = Ratio(band.fraction) * Ratio(P);
          if (trace)
            trace->push_back(trf("band {}: {} -> points = {} x {} = {}", b + 1,
                                 band.min ? fmt::format("{} ≥ {}", v.str(), band.min->str())
                                          : ruleset::describe(*band.when, rules.input_ids()),
                                 band.fraction.str(), P.str(), show(pts)));
          return pts;
        }
      }
      if (trace) trace->push_back(_("no band matched -> points 0"));
      return Ratio(k_zero);
    }
    case Method::Rating: {
      const Kept kept_ratings = keep(ind, ratings);
      const auto& r = kept_ratings.sorted;
      const std::size_t lo = kept_ratings.lo, hi = kept_ratings.hi;
      const bool trim = lo == 1;
      const Decimal sum = kept_ratings.sum;
      const Decimal span = ind.scale.numeric ? ind.scale.max - ind.scale.min : k_one;
      const auto kept = static_cast<long long>(hi - lo);
      // mean achievement = sum / (kept x span); points = that x P.
      const Ratio pts = Ratio(sum) * Ratio(P) / (Ratio(span) * Ratio(Decimal::of(kept)));
      if (trace) {
        // Numeric ratings are shown as given (they are held above the scale's minimum).
        const Decimal base = ind.scale.numeric ? ind.scale.min : k_zero;
        std::vector<std::string> shown;
        for (const Decimal v : r) shown.push_back((v + base).str());
        std::vector<std::string> kept_shown(shown.begin() + static_cast<long>(lo),
                                            shown.begin() + static_cast<long>(hi));
        trace->push_back(ind.scale.numeric
                             ? trf("{} ratings on {}..{}: {}", r.size(), ind.scale.min.str(),
                                   ind.scale.max.str(), text::join(shown, ", "))
                             : trf("{} ratings as fractions: {}", r.size(), text::join(shown, ", ")));
        const Ratio mean = Ratio(sum + base * Decimal::of(kept)) / Ratio(Decimal::of(kept));
        trace->push_back(
            trim ? trf("{} raters ≥ {}: drop the highest ({}) and lowest ({}); mean of {} = ({}) / {} = {}",
                       r.size(), ind.scale.trim_from, shown.back(), shown.front(), kept,
                       text::join(kept_shown, " + "), kept, show(mean))
                 : trf("{} raters < {}: mean = ({}) / {} = {}", r.size(), ind.scale.trim_from,
                       text::join(kept_shown, " + "), kept, show(mean)));
        trace->push_back(ind.scale.numeric ? trf("points = ({} - {}) / ({} - {}) x {} = {}", show(mean),
                                                 ind.scale.min.str(), ind.scale.max.str(),
                                                 ind.scale.min.str(), P.str(), show(pts))
                                           : trf("points = {} x {} = {}", show(mean), P.str(), show(pts)));
      }
      return pts;
    }
    case Method::Boolean: {
      const Decimal v = x[ind.value];
      if (trace)
        trace->push_back(v.is_zero() ? trf("{} = no -> points 0", in(ind.value).id)
                                     : trf("{} = yes -> points {}", in(ind.value).id, P.str()));
      return v.is_zero() ? Ratio(k_zero) : Ratio(P);
    }
  }
  return Ratio(k_zero);
}

// A per-unit floor/target/ceiling that leaves no room between them: the unit cannot be scored.
std::string bad_goalposts(const ruleset::Ruleset& rules, const ruleset::Indicator& ind,
                          std::span<const Decimal> x) {
  if (ind.method != Method::Target && ind.method != Method::TargetLower) return {};
  const bool lower = ind.method == Method::TargetLower;
  const auto& bound = lower ? ind.ceiling : ind.floor;
  if (!bound.per_unit() && !ind.target.per_unit()) return {};
  const Decimal b = param_value(bound, x);
  const Decimal t = param_value(ind.target, x);
  if (lower ? t < b : t > b) return {};
  return trf("indicator \"{}\": target {} must be {} {} {}", ind.id, param_text(rules, ind.target, x),
             lower ? "below" : "above", lower ? "ceiling" : "floor", param_text(rules, bound, x));
}

bool holds(const ruleset::Condition& when, const std::vector<std::size_t>& columns,
           std::span<const Decimal> row) {
  // Under "zero", a missing input reads as 0 (loading refuses "exclude" for these inputs).
  bool any_missing = false;
  for (auto c : columns) any_missing = any_missing || assessment::is_missing(row[c]);
  if (!any_missing) return ruleset::evaluate(when, row);
  std::vector<Decimal> copy(row.begin(), row.end());
  for (auto& v : copy)
    if (assessment::is_missing(v)) v = Decimal{};
  return ruleset::evaluate(when, copy);
}

Decimal count_or_zero(Decimal v) {
  return assessment::is_missing(v) ? Decimal{} : v;
}

using Rep = Decimal::Rep;

constexpr Rep pow10_rep(int n) {
  Rep r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

Rep gcd_rep(Rep a, Rep b) {
  if (a < 0) a = -a;
  while (b != 0) {
    const Rep t = a % b;
    a = b;
    b = t;
  }
  return a;
}

using num::div_round;

// The common methods in 128-bit integers, exactly as exact_points and Ratio would give them
// (the same fraction, rounded once, half away from zero); nullopt when a product would not
// fit, and the caller takes the general path. Scoring a million units spends its time here.
std::optional<IndicatorOutcome> fast_outcome(const ruleset::Ruleset& rules, const ruleset::Indicator& ind,
                                             std::span<const Decimal> x) {
  const Rep P = ind.points.raw();
  const Rep one = pow10_rep(Decimal::k_digits);
  const Rep unit = pow10_rep(Decimal::k_digits - rules.precision);
  IndicatorOutcome out;
  auto fraction = [&](Rep num, Rep den) -> std::optional<IndicatorOutcome> {
    // points = num / den x P, 0 <= num <= den, den > 0; reduced first when large.
    if (num > (Rep(1) << 60) || den > (Rep(1) << 60)) {
      const Rep g = gcd_rep(num, den);
      if (g > 1) {
        num /= g;
        den /= g;
      }
    }
    Rep top = 0, bottom = 0, ach = 0;
    if (__builtin_mul_overflow(num, P, &top) || __builtin_mul_overflow(den, unit, &bottom) ||
        __builtin_mul_overflow(num, one, &ach))
      return std::nullopt;
    out.points = Decimal::from_raw(div_round(top, bottom) * unit);
    out.achievement = Decimal::from_raw(div_round(ach, den));
    return out;
  };
  switch (ind.method) {
    case Method::Target:
    case Method::TargetLower: {
      const bool lower = ind.method == Method::TargetLower;
      const Rep v = x[ind.value].raw();
      const Rep b = param_value(lower ? ind.ceiling : ind.floor, x).raw();
      const Rep t = param_value(ind.target, x).raw();
      const Rep num = lower ? b - v : v - b;
      const Rep den = lower ? b - t : t - b;
      if (den <= 0) return std::nullopt;
      if (num <= 0) return fraction(0, den);
      if (num >= den) return fraction(den, den);
      return fraction(num, den);
    }
    case Method::Boolean:
      return x[ind.value].is_zero() ? fraction(0, 1) : fraction(1, 1);
    case Method::DeclineRate:
    case Method::Growth: {
      // r = (prev - cur) / |prev| (growth: cur - prev); achievement = clamp((r - f) / (t - f)):
      // in raw units, ((prev - cur) x 10^12 - f x |prev|) / (|prev| x (t - f)).
      const Rep cur = x[ind.current].raw();
      const Rep prev = x[ind.previous].raw();
      if (prev == 0) return std::nullopt;
      const Rep diff = ind.method == Method::DeclineRate ? prev - cur : cur - prev;
      const Rep base = prev < 0 ? -prev : prev;
      const Rep f = ind.floor.value.raw();
      const Rep width = ind.target.value.raw() - f;
      Rep a1 = 0, a2 = 0, num = 0, den = 0;
      if (__builtin_mul_overflow(diff, one, &a1) || __builtin_mul_overflow(f, base, &a2) ||
          __builtin_sub_overflow(a1, a2, &num) || __builtin_mul_overflow(base, width, &den))
        return std::nullopt;
      if (num <= 0) return fraction(0, 1);
      if (num >= den) return fraction(1, 1);
      return fraction(num, den);
    }
    case Method::Rating:
      return std::nullopt;  // below, with its ratings
    case Method::Bands: {
      const Decimal v = x[ind.value];
      for (const auto& band : ind.bands)
        if (band.min ? v >= *band.min : ruleset::evaluate(*band.when, x))
          return fraction(band.fraction.raw(), one);
      return fraction(0, 1);
    }
    case Method::Deduction: {
      Rep deducted = 0;
      for (const auto& e : ind.events) {
        if (e.doubling || !e.schedule.empty()) return std::nullopt;
        Rep d = 0;
        // count (whole) x per: the count's raw value is a multiple of 10^12.
        if (__builtin_mul_overflow(x[e.input].raw() / one, e.per_event.raw(), &d) ||
            __builtin_add_overflow(deducted, d, &deducted))
          return std::nullopt;
      }
      const Rep left = deducted >= P ? 0 : P - deducted;
      return fraction(left, P);
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

IndicatorOutcome evaluate_indicator(const ruleset::Ruleset& rules, const ruleset::Indicator& ind,
                                    std::span<const Decimal> values, std::span<const Decimal> ratings,
                                    MissingPolicy missing, Trace* trace) {
  IndicatorOutcome out;
  bool absent = ind.method == Method::Rating && ratings.empty();
  for (auto i : ind.input_columns()) absent = absent || assessment::is_missing(values[i]);
  if (absent) {
    std::vector<std::string> names;
    if (trace) {
      if (ind.method == Method::Rating) names.push_back("ratings");
      for (auto i : ind.input_columns())
        if (assessment::is_missing(values[i])) names.push_back(rules.inputs[i].id);
    }
    // Loading has already rejected missing data under the "error" policy.
    if (missing == MissingPolicy::Exclude) {
      out.status = Status::Excluded;
      if (trace)
        trace->push_back(
            trf("missing {} -> excluded (missing-data policy: exclude; the "
                "category is renormalised)",
                text::join(names, ", ")));
    } else {
      out.status = Status::MissingZero;
      if (trace)
        trace->push_back(trf("missing {} -> 0 points (missing-data policy: zero)", text::join(names, ", ")));
    }
    return out;
  }
  if (!trace) {
    if (ind.method == Method::Rating) {
      // sum of the kept ratings (each above the scale's minimum, or a fraction) over
      // kept x span, times the points.
      const Kept kept_ratings = keep(ind, ratings);
      const std::size_t lo = kept_ratings.lo, hi = kept_ratings.hi;
      const Decimal sum = kept_ratings.sum;
      const Rep span = (ind.scale.numeric ? ind.scale.max - ind.scale.min : Decimal::of(1)).raw();
      const Rep one = pow10_rep(Decimal::k_digits);
      const Rep unit = pow10_rep(Decimal::k_digits - rules.precision);
      Rep den = 0, top = 0, bottom = 0, ach = 0;
      if (!__builtin_mul_overflow(span, static_cast<Rep>(hi - lo), &den) &&
          !__builtin_mul_overflow(sum.raw(), ind.points.raw(), &top) &&
          !__builtin_mul_overflow(den, unit, &bottom) && !__builtin_mul_overflow(sum.raw(), one, &ach)) {
        out.points = Decimal::from_raw(div_round(top, bottom) * unit);
        out.achievement = Decimal::from_raw(div_round(ach, den));
        return out;
      }
    } else if (auto fast = fast_outcome(rules, ind, values)) {
      return *fast;
    }
  }
  const Ratio exact = exact_points(rules, ind, values, ratings, trace);
  out.points = exact.round(rules.precision);
  out.achievement = (exact / Ratio(ind.points)).round(Decimal::k_digits);
  if (trace)
    trace->push_back(trf("rounded half away from zero to {} decimals: {} of {}", rules.precision,
                         out.points.fixed(rules.precision), ind.points.str()));
  return out;
}

IndicatorOutcome indicator_outcome(const Input& a, std::size_t u, std::size_t i, Trace* trace) {
  const auto& rules = a.rules;
  const auto& ind = rules.indicators[i];
  const std::size_t slot = a.ratings.slot_of(i);
  const auto ratings = slot == ruleset::k_none ? std::span<const Decimal>() : a.ratings.of(u, slot);
  if (a.periods.empty()) return evaluate_indicator(rules, ind, a.values.row(u), ratings, a.missing, trace);
  // Each period scored exactly, then weighted (percent) and rounded once.
  Ratio sum(k_zero);
  Decimal weights;
  std::vector<std::string> parts;
  bool present = false;  // a period has data
  for (std::size_t p = 0; p < a.periods.size(); ++p) {
    const auto& def = rules.periods[p];
    const auto row = a.periods[p].row(u);
    bool absent = ind.method == Method::Rating && ratings.empty();
    for (auto c : ind.input_columns()) absent = absent || assessment::is_missing(row[c]);
    Trace local;
    Trace* t = trace ? &local : nullptr;
    if (absent) {
      if (a.missing == MissingPolicy::Exclude) {
        if (trace)
          trace->push_back(trf("[{} {}] missing -> left out; the other periods' weights are renormalised",
                               def.id, def.name));
        continue;
      }
      weights += def.weight;  // under "zero" the period counts with 0 points
      if (trace) {
        trace->push_back(trf("[{} {}] missing -> 0 points (missing-data policy: zero)", def.id, def.name));
        parts.push_back(fmt::format("{}% x 0", def.weight.str()));
      }
      continue;
    }
    const Ratio e = exact_points(rules, ind, row, ratings, t);
    sum = sum + Ratio(def.weight) * e;
    weights += def.weight;
    present = true;
    if (trace) {
      for (const auto& line : local) trace->push_back(fmt::format("[{} {}] {}", def.id, def.name, line));
      parts.push_back(fmt::format("{}% x {}", def.weight.str(), show(e)));
    }
  }
  IndicatorOutcome out;
  if (!present) {
    out.status = a.missing == MissingPolicy::Exclude ? Status::Excluded : Status::MissingZero;
    if (trace)
      trace->push_back(out.status == Status::Excluded
                           ? _("missing in every period -> excluded (the category is renormalised)")
                           : _("missing in every period -> 0 points"));
    return out;
  }
  const Ratio exact = sum / Ratio(weights);
  out.points = exact.round(rules.precision);
  out.achievement = (exact / Ratio(ind.points)).round(Decimal::k_digits);
  if (trace) {
    trace->push_back(trf("points = ({}) / {}% = {}", text::join(parts, " + "), weights.str(), show(exact)));
    trace->push_back(trf("rounded half away from zero to {} decimals: {} of {}", rules.precision,
                         out.points.fixed(rules.precision), ind.points.str()));
  }
  return out;
}

Trace explain_bonus(const Input& a, std::size_t unit) {
  Trace t;
  const auto& rules = a.rules;
  const int p = rules.precision;
  const auto row = a.values.row(unit);
  Decimal sum;
  for (const auto& b : rules.bonus) {
    const Decimal n = count_or_zero(row[b.input]);
    sum += n * b.per;
    if (!n.is_zero())
      t.push_back(
          fmt::format("{} ({}): {} x {} = {}", b.name, b.id, n.str(), b.per.str(), (n * b.per).str()));
  }
  if (!rules.bonus.empty())
    t.push_back(trf("bonus = min({} -> {}, cap {}) = {}", sum.str(), sum.round(p).fixed(p),
                    rules.bonus_cap.fixed(p), num::min(sum.round(p), rules.bonus_cap).fixed(p)));
  for (const auto& adj : rules.adjustments) {
    const Decimal n = count_or_zero(row[adj.input]);
    if (n.is_zero()) continue;
    const Decimal raw = (n * adj.per).round(p);
    const Decimal d = adj.cap ? num::min(raw, *adj.cap) : raw;
    t.push_back(trf("{} ({}): {} x {} = {}{} off the total", adj.name, adj.id, n.str(), adj.per.str(),
                    raw.fixed(p),
                    d == raw ? std::string() : trf(", at most {}: {}", adj.cap->fixed(p), d.fixed(p))));
  }
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
  r.category_scores.assign(r.units * r.categories, Decimal{});
  r.renormalised.assign(r.units * r.categories, 0);
  r.subtotal.assign(r.units, Decimal{});
  r.bonus.assign(r.units, Decimal{});
  r.adjustment.assign(r.units, Decimal{});
  r.uncapped_total.assign(r.units, Decimal{});
  r.total.assign(r.units, Decimal{});
  r.vetoes.resize(r.units);
  r.caps.resize(r.units);
  r.band_grade.assign(r.units, 0);
  r.grade.assign(r.units, 0);
  r.grade_reason.assign(r.units, 0);
  r.group.assign(r.units, 0);
  r.rank.assign(r.units, 0);
  r.interview.assign(r.units, 0);
  r.commended.assign(r.units, 0);

  std::vector<std::size_t> slot(r.indicators, ruleset::k_none);
  for (std::size_t i = 0; i < r.indicators; ++i) slot[i] = a.ratings.slot_of(i);
  const std::size_t lowest = rules.grades.empty() ? 0 : rules.grades.size() - 1;

  Diagnostics diagnostics;
  const Location at_data{a.values.file.empty() ? a.file : a.values.file};
  for (std::size_t u = 0; u < r.units; ++u) {
    const auto row = a.values.row(u);
    const Location at_row{at_data.file, u < a.values.lines.size() ? a.values.lines[u] : 0, 0};
    try {
      for (std::size_t i = 0; i < r.indicators; ++i) {
        const auto& ind = rules.indicators[i];
        const auto ratings =
            slot[i] == ruleset::k_none ? std::span<const Decimal>() : a.ratings.of(u, slot[i]);
        bool bad_row = false;
        const std::size_t rows = a.periods.empty() ? 1 : a.periods.size();
        for (std::size_t p = 0; p < rows; ++p) {
          const auto prow = a.periods.empty() ? row : a.periods[p].row(u);
          bool present = true;
          for (auto c : ind.input_columns()) present = present && !assessment::is_missing(prow[c]);
          if (!present) continue;
          if (auto bad = bad_goalposts(rules, ind, prow); !bad.empty()) {
            const Location at = a.periods.empty()
                                    ? at_row
                                    : Location{a.periods[p].file,
                                               u < a.periods[p].lines.size() ? a.periods[p].lines[u] : 0, 0};
            diagnostics.error(
                at, trf("unit \"{}\": {}; correct the per-unit figures in this row", a.units.ids[u], bad));
            bad_row = true;
          }
        }
        if (bad_row) continue;
        r.outcomes[u * r.indicators + i] =
            a.periods.empty() ? evaluate_indicator(rules, ind, row, ratings, a.missing, nullptr)
                              : indicator_outcome(a, u, i, nullptr);
      }
    } catch (const std::exception& e) {
      diagnostics.error(at_row, trf("unit \"{}\" cannot be scored: {}", a.units.ids[u], e.what()));
      continue;
    }
    Decimal subtotal;
    for (std::size_t c = 0; c < r.categories; ++c) {
      const auto& cat = rules.categories[c];
      Decimal earned, available;
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
      Decimal score = earned;  // a sum of numbers at the precision
      if (excluded) {
        if (available.is_zero()) {
          diagnostics.error(Location{a.units.ids.empty() ? "" : a.file},
                            trf("unit \"{}\": every indicator of category \"{}\" is missing, "
                                "so excluding them leaves nothing to renormalise; supply "
                                "data or use \"missing: zero\"",
                                a.units.ids[u], cat.id));
          continue;
        }
        score = (Ratio(earned) * Ratio(cat.weight) / Ratio(available)).round(prec);
        r.renormalised[u * r.categories + c] = 1;
      }
      r.category_scores[u * r.categories + c] = score;
      subtotal += score;
    }
    r.subtotal[u] = subtotal;
    Decimal bonus;
    for (const auto& b : rules.bonus) bonus += count_or_zero(row[b.input]) * b.per;
    // Rounded first, then capped: the cap is a number at the precision, so it is never exceeded.
    r.bonus[u] = num::min(bonus.round(prec), rules.bonus_cap);
    Decimal off;
    for (const auto& adj : rules.adjustments) {
      Decimal d = (count_or_zero(row[adj.input]) * adj.per).round(prec);
      if (adj.cap) d = num::min(d, *adj.cap);
      off += d;
    }
    r.adjustment[u] = off;
    Decimal total = num::max(r.subtotal[u] + r.bonus[u] - off, Decimal{});
    r.uncapped_total[u] = total;
    if (rules.total_cap) total = num::min(total, *rules.total_cap);
    for (std::size_t v = 0; v < rules.vetoes.size(); ++v) {
      const auto& veto = rules.vetoes[v];
      if (!holds(veto.when, veto.columns, row)) continue;
      r.vetoes[u].push_back(static_cast<std::uint16_t>(v));
      if (veto.cap_total) total = num::min(total, *veto.cap_total);
    }
    r.total[u] = total;
    if (rules.grades.empty()) continue;
    // The grade: the band the total earns, lowered by the grade caps that hold, at most the
    // caps' named grades, and for a vetoed unit at most the failing grade (a band below
    // the failing grade stays).
    const std::size_t band = rules.grade_for(total);
    r.band_grade[u] = static_cast<std::uint16_t>(band);
    std::size_t g = band;
    long lower = 0;
    std::size_t at_most = 0;
    for (std::size_t c = 0; c < rules.grade_caps.size(); ++c) {
      const auto& cap = rules.grade_caps[c];
      if (!holds(cap.when, cap.columns, row)) continue;
      r.caps[u].push_back(static_cast<std::uint16_t>(c));
      lower += cap.lower_by;
      if (cap.at_most != ruleset::k_none) at_most = std::max(at_most, cap.at_most);
    }
    g = std::min(lowest, g + static_cast<std::size_t>(lower));
    g = std::max(g, at_most);
    if (g != band) r.grade_reason[u] |= k_grade_cap;
    if (!r.vetoes[u].empty() && g < rules.failing_grade) {
      g = rules.failing_grade;
      r.grade_reason[u] |= k_grade_veto;
    }
    r.grade[u] = static_cast<std::uint16_t>(g);
  }
  diagnostics.throw_if_any();

  // Groups (分类考核): by the units file's grouping column, in the ruleset's listed order,
  // then any other value in order of first appearance.
  if (rules.grouping.column.empty() || a.units.groups.size() != r.units) {
    r.groups = {""};
  } else {
    r.groups = rules.grouping.groups;
    for (std::size_t u = 0; u < r.units; ++u) {
      const auto& name = a.units.groups[u];
      auto it = std::find(r.groups.begin(), r.groups.end(), name);
      if (it == r.groups.end()) it = r.groups.insert(r.groups.end(), name);
      r.group[u] = static_cast<std::uint32_t>(it - r.groups.begin());
    }
  }

  // Rank within each group: by total, highest first; ties share the lowest rank number;
  // input order breaks ties in the listing only.
  r.order.resize(r.units);
  std::iota(r.order.begin(), r.order.end(), 0u);
  std::stable_sort(r.order.begin(), r.order.end(), [&](std::uint32_t x, std::uint32_t y) {
    return r.group[x] != r.group[y] ? r.group[x] < r.group[y] : r.total[x] > r.total[y];
  });
  // Ranks count the units above: with a tie 4, 4 the next is 6.
  for (std::size_t k = 0, start = 0; k < r.units; ++k) {
    if (k > 0 && r.group[r.order[k]] != r.group[r.order[k - 1]]) start = k;
    const auto u = r.order[k];
    if (k > start && r.total[r.order[k - 1]] == r.total[u])
      r.rank[u] = r.rank[r.order[k - 1]];
    else
      r.rank[u] = static_cast<std::uint32_t>(k - start + 1);
  }

  // Group spans in `order`.
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  for (std::size_t k = 0; k < r.units;) {
    std::size_t e = k;
    while (e < r.units && r.group[r.order[e]] == r.group[r.order[k]]) ++e;
    spans.emplace_back(k, e);
    k = e;
  }

  // Quotas (优秀不超过N%): best grade first; within a group, the units holding the grade
  // beyond the quota, from the lowest total up, move to the next grade, where they count
  // towards that grade's quota. A tie across the edge moves all tied units (or keeps all).
  for (const auto& q : rules.quotas) {
    for (const auto& [b, e] : spans) {
      const auto size = static_cast<long long>(e - b);
      const long long allowed =
          q.count ? *q.count
                  : Ratio(Ratio(Decimal::of(size)) * Ratio(*q.percent) / Ratio(Decimal::of(100)))
                        .floor()
                        .convert_to<long long>();
      std::vector<std::uint32_t> holders;
      for (std::size_t k = b; k < e; ++k)
        if (r.grade[r.order[k]] == q.grade) holders.push_back(r.order[k]);  // in rank order
      if (static_cast<long long>(holders.size()) <= allowed) continue;
      std::size_t keep = static_cast<std::size_t>(std::max(0LL, allowed));
      if (keep > 0 && keep < holders.size() && r.total[holders[keep - 1]] == r.total[holders[keep]]) {
        const Decimal edge = r.total[holders[keep]];
        if (q.demote_ties)
          while (keep > 0 && r.total[holders[keep - 1]] == edge) --keep;
        else
          while (keep < holders.size() && r.total[holders[keep]] == edge) ++keep;
      }
      for (std::size_t k = keep; k < holders.size(); ++k) {
        r.grade[holders[k]] = static_cast<std::uint16_t>(q.grade + 1);
        r.grade_reason[holders[k]] |= k_grade_quota;
      }
    }
  }

  // Interview list: in each group, every unit at or below the N-th lowest total (ties at
  // the edge all go on), plus every failing unit.
  for (const auto& [b, e] : spans) {
    long bottom = rules.interview_bottom;
    for (const auto& [name, n] : rules.grouping.interview_bottom)
      if (name == r.groups[r.group[r.order[b]]]) bottom = n;
    if (bottom > 0) {
      const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(bottom), e - b);
      const Decimal threshold = r.total[r.order[e - n]];
      for (std::size_t k = b; k < e; ++k)
        if (r.total[r.order[k]] <= threshold) r.interview[r.order[k]] |= k_interview_bottom;
    }
    // Commendation (先进): the units ranked 1..N in the group (a tie at rank N: all of
    // them), among those graded at least min_grade and, unless stated, not vetoed.
    if (rules.commendation.top > 0)
      for (std::size_t k = b; k < e; ++k) {
        const auto u = r.order[k];
        const bool eligible =
            (rules.commendation.min_grade == ruleset::k_none || r.grade[u] <= rules.commendation.min_grade) &&
            !(rules.commendation.exclude_vetoed && !r.vetoes[u].empty());
        if (eligible && r.rank[u] <= static_cast<std::uint32_t>(rules.commendation.top)) r.commended[u] = 1;
      }
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
    gate(trf("fail-below {}", gates.fail_below->str()),
         [&](std::size_t u) { return r.total[u] < *gates.fail_below; });
  if (gates.on_veto) gate("veto", [&](std::size_t u) { return !r.vetoes[u].empty(); });
  if (gates.on_fail) gate("fail", [&](std::size_t u) { return r.failing(rules, u); });
  if (gates.on_interview) gate("interview", [&](std::size_t u) { return r.interview[u] != 0; });
  return trips;
}

}  // namespace safeassess::score
