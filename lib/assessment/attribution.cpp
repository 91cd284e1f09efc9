#include "assessment/attribution.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::assessment {

std::vector<num::Decimal> apportion(num::Decimal total, const std::vector<std::uint64_t>& weights,
                                    int precision) {
  using num::Wide;
  // In whole units of 10^-precision, exactly.
  Wide per_unit = 1;  // 10^precision
  for (int k = 0; k < precision; ++k) per_unit *= 10;
  const Wide units = (num::Ratio(total.round(precision)) * num::Ratio::of(per_unit, 1)).floor();
  std::uint64_t sum = 0;
  for (auto w : weights) sum += w;
  std::vector<num::Decimal> parts(weights.size());
  if (sum == 0 || weights.empty()) return parts;
  std::vector<Wide> whole(weights.size());
  std::vector<std::pair<Wide, std::size_t>> rest;  // remainders, over `sum`
  Wide given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const Wide exact = units * Wide(weights[i]);
    whole[i] = exact / Wide(sum);
    given += whole[i];
    rest.emplace_back(exact - whole[i] * Wide(sum), i);
  }
  // Largest remainders first; ties to the earlier entry, so the result is deterministic.
  std::stable_sort(rest.begin(), rest.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  for (std::size_t k = 0; given < units && k < rest.size(); ++k, ++given) ++whole[rest[k].second];
  for (std::size_t i = 0; i < weights.size(); ++i)
    parts[i] = num::Ratio::of(whole[i], per_unit).round(precision);
  return parts;
}

namespace {

std::uint64_t shortfall(const hazard::Tally& t, ruleset::LedgerMetric m) {
  switch (m) {
    case ruleset::LedgerMetric::MajorRate:
      return t.found[0] - t.done[0];
    case ruleset::LedgerMetric::GeneralRate:
      return t.found[1] - t.done[1];
    case ruleset::LedgerMetric::OverdueMajor:
      return t.overdue[0];
    case ruleset::LedgerMetric::OverdueGeneral:
      return t.overdue[1];
    case ruleset::LedgerMetric::InvalidClosures:
      return t.invalid_closures;
  }
  return 0;
}

std::string shortfall_text(const hazard::Tally& t, ruleset::LedgerMetric m) {
  switch (m) {
    case ruleset::LedgerMetric::MajorRate:
      return trf("{} of {} major hazards not validly closed", t.found[0] - t.done[0], t.found[0]);
    case ruleset::LedgerMetric::GeneralRate:
      return trf("{} of {} general hazards not rectified", t.found[1] - t.done[1], t.found[1]);
    case ruleset::LedgerMetric::OverdueMajor:
      return trf("{} major hazards overdue", t.overdue[0]);
    case ruleset::LedgerMetric::OverdueGeneral:
      return trf("{} general hazards overdue", t.overdue[1]);
    case ruleset::LedgerMetric::InvalidClosures:
      return trf("{} invalid closures", t.invalid_closures);
  }
  return {};
}

}  // namespace

Attribution attribute(const Assessment& a, const score::Results& r, std::size_t unit) {
  const hazard::LedgerReport* ledger = a.ledger ? &*a.ledger : nullptr;
  const auto& rules = a.rules;
  Attribution att;
  att.unit = unit;
  for (std::size_t i = 0; i < rules.indicators.size(); ++i) {
    const auto& ind = rules.indicators[i];
    const auto& o = r.outcome(unit, i);
    if (o.status == score::Status::Excluded) continue;
    const num::Decimal lost = ind.points - o.points;
    if (lost <= num::Decimal{}) continue;
    IndicatorLoss loss;
    loss.indicator = i;
    loss.lost = lost;
    std::vector<std::uint64_t> weights;
    for (auto col : ind.columns) {
      for (const auto& [input, metric] : rules.ledger.inputs) {
        if (input != col || !ledger) continue;
        loss.source = trf("hazard ledger {}", ledger->file);
        for (const auto& e : ledger->enterprises) {
          if (e.unit != unit) continue;
          const auto n = shortfall(e.tally, metric);
          if (n == 0) continue;
          loss.shares.push_back({e.name, e.name, shortfall_text(e.tally, metric), n, {}});
          weights.push_back(n);
        }
      }
      for (const auto& d : rules.duty_inputs) {
        if (d.input != col || !a.chain || !a.chain->compliance) continue;
        const auto& data = *a.chain;
        const auto& comp = *data.compliance;
        loss.source = trf("duty records {}", comp.file);
        for (std::size_t v = 0; v < data.chain.size(); ++v) {
          if (!comp.is_holder(v) || data.chain.unit[v] != unit) continue;
          const auto& role = data.duties.roles[data.chain.role[v]];
          const bool selected =
              std::find(d.roles.begin(), d.roles.end(), role.id) != d.roles.end() ||
              std::find(d.tiers.begin(), d.tiers.end(), duty::to_string(role.tier)) != d.tiers.end();
          if (!selected) continue;
          const auto& t = comp.by_node[v];
          if (t.due == t.met) continue;
          std::vector<std::string> missed;
          for (std::size_t k = 0; k < role.duties.size(); ++k) {
            const auto dt = comp.duty_tally(data.duties, data.chain, v, k);
            if (dt.met < dt.due)
              missed.push_back(fmt::format(
                  "{} {}/{}{}", role.duties[k].id, dt.met, dt.due,
                  dt.unevidenced ? trf(" ({} without evidence)", dt.unevidenced) : std::string()));
          }
          loss.shares.push_back(
              {data.chain.ids[v],
               data.chain.names[v],
               trf("missed {} of {} duty periods: {}", t.due - t.met, t.due, text::join(missed, ", ")),
               t.due - t.met,
               {}});
          weights.push_back(t.due - t.met);
        }
      }
    }
    const auto parts = apportion(lost, weights, rules.precision);
    for (std::size_t k = 0; k < parts.size(); ++k) loss.shares[k].points = parts[k];
    att.lost += lost;
    att.indicators.push_back(std::move(loss));
  }
  return att;
}

}  // namespace safeassess::assessment
