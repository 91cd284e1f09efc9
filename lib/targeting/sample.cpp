#include "targeting/sample.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::targeting {

namespace {

// A Fenwick tree of weights: the sum of a prefix, and the position where a running sum
// passes a value, both in O(log n).
class Weights {
 public:
  explicit Weights(const std::vector<std::uint64_t>& w) : m_tree(w.size() + 1, 0) {
    for (std::size_t i = 0; i < w.size(); ++i) add(i, static_cast<std::int64_t>(w[i]));
  }
  void add(std::size_t i, std::int64_t delta) {
    for (std::size_t x = i + 1; x < m_tree.size(); x += x & (~x + 1))
      m_tree[x] = static_cast<std::uint64_t>(static_cast<std::int64_t>(m_tree[x]) + delta);
  }
  // The smallest i with w[0] + ... + w[i] > r (r below the total).
  [[nodiscard]] std::size_t find(std::uint64_t r) const {
    std::size_t pos = 0;
    std::size_t step = 1;
    while (step * 2 < m_tree.size()) step *= 2;
    for (; step > 0; step /= 2)
      if (pos + step < m_tree.size() && m_tree[pos + step] <= r) {
        pos += step;
        r -= m_tree[pos];
      }
    return pos;  // 0-based index of the element
  }

 private:
  std::vector<std::uint64_t> m_tree;
};

std::string describe_key(const Sampling& plan, const std::vector<std::string>& key) {
  if (plan.strata.empty()) return _("all enterprises");
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < key.size(); ++i)
    parts.push_back(std::string(to_string(plan.strata[i])) + "=" + key[i]);
  return text::join(parts, ", ");
}

}  // namespace

random::Key draw_key(std::string_view seed, std::string_view beacon) {
  std::string text = "safeassess-draw-v1\n";
  text += seed;
  if (!beacon.empty()) {
    text += '\n';
    text += beacon;
  }
  return hash::sha256(text);
}

date::Day months_before(date::Day day, long months) {
  const auto c = date::to_civil(day);
  long m = static_cast<long>(c.year) * 12 + static_cast<long>(c.month) - 1 - months;
  const int year = static_cast<int>(m / 12);
  const unsigned month = static_cast<unsigned>(m % 12) + 1;
  static constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  unsigned last = k_days[month - 1];
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) last = 29;
  return date::from_civil(year, month, std::min(c.day, last));
}

Draw draw(const DrawInput& in) {
  const Targeting& rules = *in.rules;
  const Sampling& plan = *rules.sampling;
  const EnterpriseList& list = *in.list;
  const Roster& roster = *in.roster;
  Draw out;
  const std::size_t n = list.rows.size();
  // Past inspections: the latest before the draw, and who made it (回避: last_inspection).
  std::vector<date::Day> last(n, date::k_no_day);
  std::vector<std::vector<std::size_t>> last_team(n);
  {
    Diagnostics d;
    for (const auto& x : roster.inspections) {
      if (x.day > in.date) {
        d.error(Location{roster.inspections_file, x.line},
                trf("an inspection of {} on {} is after the draw date {}; the draw reads the past only",
                    list.rows[x.enterprise].id, date::format(x.day), date::format(in.date)));
        continue;
      }
      auto& l = last[x.enterprise];
      auto& team = last_team[x.enterprise];
      if (x.day > l) {
        l = x.day;
        team = x.inspectors;
      } else if (x.day == l) {
        team.insert(team.end(), x.inspectors.begin(), x.inspectors.end());
      }
    }
    d.throw_if_any();
  }
  out.recent.assign(n, 0);
  if (plan.recent_months > 0) {
    out.recent_from = months_before(in.date, plan.recent_months);
    for (std::size_t e = 0; e < n; ++e)
      out.recent[e] = last[e] != date::k_no_day && last[e] >= out.recent_from;
  }
  // Strata, in bytewise key order; members by enterprise id.
  auto value = [&](StratumKey k, std::size_t e) -> std::string {
    switch (k) {
      case StratumKey::Colour:
        return rules.colours[(*in.colours)[e]].id;
      case StratumKey::Industry:
        return list.rows[e].industry;
      case StratumKey::Township:
        return list.rows[e].township;
    }
    return {};
  };
  // Sorted by the key, a colour by its place in the scheme (most severe first), other values
  // bytewise; each maps to its values and members.
  std::map<std::vector<std::string>, std::pair<std::vector<std::string>, std::vector<std::size_t>>> sorted;
  for (std::size_t e = 0; e < n; ++e) {
    std::vector<std::string> order, key;
    for (auto k : plan.strata) {
      key.push_back(value(k, e));
      order.push_back(k == StratumKey::Colour ? fmt::format("{:06}", (*in.colours)[e]) : key.back());
    }
    auto& slot = sorted[order];
    slot.first = std::move(key);
    slot.second.push_back(e);
  }
  random::Stream stream(draw_key(in.seed, in.beacon));
  Diagnostics d;
  // An allocation for an industry or township no enterprise has is a typo (青石乡 for 青石镇),
  // which would otherwise leave its stratum to a later entry without a word.
  for (const auto& a : plan.allocation)
    for (const auto& [k, v] : a.match) {
      if (k == StratumKey::Colour) continue;
      std::vector<std::string> values;
      for (std::size_t e = 0; e < n; ++e) values.push_back(value(k, e));
      std::sort(values.begin(), values.end());
      values.erase(std::unique(values.begin(), values.end()), values.end());
      if (!std::binary_search(values.begin(), values.end(), v))
        d.error(a.at, trf("no enterprise of {} has {} \"{}\"; correct the allocation or drop it{}", list.file,
                          to_string(k), v, text::did_you_mean(v, values)));
    }
  for (auto& [order, entry] : sorted) {
    const auto& key = entry.first;
    auto& members = entry.second;
    std::sort(members.begin(), members.end(),
              [&](auto a, auto b) { return list.rows[a].id < list.rows[b].id; });
    Stratum s;
    s.key = key;
    s.size = members.size();
    // The first allocation that covers the stratum.
    std::optional<std::size_t> alloc;
    for (std::size_t a = 0; a < plan.allocation.size() && !alloc; ++a) {
      bool all = true;
      for (const auto& [k, v] : plan.allocation[a].match) {
        const auto pos = static_cast<std::size_t>(std::find(plan.strata.begin(), plan.strata.end(), k) -
                                                  plan.strata.begin());
        if (key[pos] != v) all = false;
      }
      if (all) alloc = a;
    }
    if (!alloc) {
      d.error(plan.allocation_at,
              trf("no allocation covers the stratum {} ({} enterprises); add one for it, or a last one "
                  "without colour, industry or township for every other stratum",
                  describe_key(plan, key), s.size));
      continue;
    }
    s.allocation = *alloc;
    const Allocation& a = plan.allocation[*alloc];
    std::vector<std::uint64_t> weights(members.size(), 100);
    const bool recent_applies_to_all = plan.recent_colours.empty();
    for (std::size_t i = 0; i < members.size(); ++i) {
      const auto e = members[i];
      if (!out.recent[e]) continue;
      ++s.recent;
      const bool applies = recent_applies_to_all ||
                           (in.colours && std::find(plan.recent_colours.begin(), plan.recent_colours.end(),
                                                    (*in.colours)[e]) != plan.recent_colours.end());
      if (applies) weights[i] = plan.recent_exclude ? 0 : static_cast<std::uint64_t>(plan.recent_weight);
    }
    s.eligible =
        static_cast<std::size_t>(std::count_if(weights.begin(), weights.end(), [](auto w) { return w > 0; }));
    if (a.rate) {
      // Rates are minimums (抽查比例不低于): rate x eligible / 100, rounded up, exactly.
      const auto r = num::Ratio(*a.rate) * num::Ratio(num::Decimal::of(static_cast<long long>(s.eligible))) /
                     num::Ratio(num::Decimal::of(100));
      s.count = static_cast<std::size_t>(r.ceil());
    } else {
      s.count = static_cast<std::size_t>(*a.count);
      if (s.count > s.eligible) {
        d.error(a.at,
                s.recent > 0 && s.eligible < s.size
                    ? trf("the stratum {} has {} enterprises, {} of them inspected since {} and so left out; "
                          "{} cannot be drawn from the {} left: lower the count or the recent months",
                          describe_key(plan, key), s.size, s.size - s.eligible, date::format(out.recent_from),
                          s.count, s.eligible)
                    : trf("the stratum {} has {} enterprises; {} cannot be drawn: lower the count",
                          describe_key(plan, key), s.size, s.count));
        continue;
      }
    }
    Weights tree(weights);
    std::uint64_t total = 0;
    for (auto w : weights) total += w;
    for (std::size_t k = 0; k < s.count; ++k) {
      const std::size_t i = tree.find(stream.below(total));
      s.drawn.push_back(members[i]);
      total -= weights[i];
      tree.add(i, -static_cast<std::int64_t>(weights[i]));
      weights[i] = 0;
    }
    out.strata.push_back(std::move(s));
  }
  d.throw_if_any();
  // Teams, in draw order: each place goes to one of the least-loaded inspectors who may
  // inspect the enterprise, uniformly among them.
  const std::size_t m = roster.inspectors.size();
  out.load.assign(m, 0);
  // Industries and townships as numbers, recusals per enterprise: the loop over the roster
  // for each drawn enterprise compares integers and flags only.
  std::unordered_map<std::string_view, std::uint32_t> industry_id, township_id;
  auto id_of = [](std::unordered_map<std::string_view, std::uint32_t>& ids, std::string_view v) {
    return ids.emplace(v, static_cast<std::uint32_t>(ids.size())).first->second;
  };
  std::vector<std::vector<std::uint32_t>> qualified(m);  // per inspector, sorted industry ids
  std::vector<std::uint32_t> inspector_township(m);
  for (std::size_t i = 0; i < m; ++i) {
    for (const auto& q : roster.inspectors[i].qualifications) qualified[i].push_back(id_of(industry_id, q));
    std::sort(qualified[i].begin(), qualified[i].end());
    inspector_township[i] = id_of(township_id, roster.inspectors[i].township);
  }
  std::vector<std::vector<std::size_t>> recused(n);  // per enterprise, the inspectors standing aside
  for (const auto& r : roster.recusals) recused[r.enterprise].push_back(r.inspector);
  std::vector<char> aside(m, 0), was_last(m, 0);
  std::vector<long> limits(m);
  for (std::size_t i = 0; i < m; ++i)
    limits[i] = roster.inspectors[i].max     ? *roster.inspectors[i].max
                : plan.max_per_inspector > 0 ? plan.max_per_inspector
                                             : std::numeric_limits<long>::max();
  std::vector<std::size_t> candidates;
  for (const auto& s : out.strata)
    for (const auto e : s.drawn) {
      const auto& ent = list.rows[e];
      Team team;
      team.enterprise = e;
      const std::uint32_t industry = id_of(industry_id, ent.industry);
      const std::uint32_t township = id_of(township_id, ent.township);
      for (auto i : recused[e]) aside[i] = 1;
      if (plan.avoid_last)
        for (auto i : last_team[e]) was_last[i] = 1;
      // Why each inspector may not go, the first reason that applies.
      std::size_t unqualified = 0, related = 0, last_time = 0, own = 0, full = 0;
      candidates.clear();
      for (std::size_t i = 0; i < m; ++i) {
        if (plan.qualification && !roster.inspectors[i].all &&
            !std::binary_search(qualified[i].begin(), qualified[i].end(), industry))
          ++unqualified;
        else if (aside[i])
          ++related;
        else if (was_last[i])
          ++last_time;
        else if (plan.avoid_own_township && inspector_township[i] == township)
          ++own;
        else if (out.load[i] >= limits[i])
          ++full;
        else
          candidates.push_back(i);
      }
      for (auto i : recused[e]) aside[i] = 0;
      for (auto i : last_team[e]) was_last[i] = 0;
      if (candidates.size() < static_cast<std::size_t>(plan.team_size)) {
        d.error(
            Location{list.file, ent.line},
            trf("no team of {} for {} {}: of {} inspectors, {} are not qualified for \"{}\", {} stand aside "
                "(回避: related), {} inspected it last time, {} are of its township, {} have reached their "
                "workload limit; {} left",
                plan.team_size, ent.id, ent.name, m, unqualified, ent.industry, related, last_time, own, full,
                candidates.size()));
        continue;
      }
      for (long k = 0; k < plan.team_size; ++k) {
        long least = std::numeric_limits<long>::max();
        for (auto i : candidates) least = std::min(least, out.load[i]);
        std::vector<std::size_t> pool;
        for (auto i : candidates)
          if (out.load[i] == least) pool.push_back(i);
        const std::size_t pick = pool[stream.below(pool.size())];
        team.inspectors.push_back(pick);
        ++out.load[pick];
        candidates.erase(std::find(candidates.begin(), candidates.end(), pick));
      }
      out.teams.push_back(std::move(team));
    }
  d.throw_if_any();
  out.words = stream.words();
  return out;
}

}  // namespace safeassess::targeting
