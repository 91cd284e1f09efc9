#include "chain/analysis.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/graph/strong_components.hpp>
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <deque>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::chain {

namespace {

std::string node_label(const Chain& c, std::uint32_t v) {
  return fmt::format("{} {}", c.ids[v], c.names[v]);
}

std::vector<std::string> names_of(const Chain& c, const std::vector<std::uint32_t>& nodes) {
  std::vector<std::string> names;
  for (auto v : nodes) names.push_back(c.names[v]);
  return names;
}

std::string percent(double r) {
  return std::isnan(r) ? "—" : text::fixed(r, 1) + "%";
}

// Nodes whose every path from the root is cut once the `blocked` nodes are removed.
std::vector<char> reach(const Graph& graph, const std::vector<char>* blocked) {
  const Csr& g = graph.g;
  std::vector<char> seen(num_vertices(g), 0);
  std::vector<std::uint32_t> queue{graph.root};
  seen[graph.root] = 1;
  for (std::size_t i = 0; i < queue.size(); ++i)
    for (auto e : boost::make_iterator_range(out_edges(queue[i], g))) {
      const auto t = static_cast<std::uint32_t>(target(e, g));
      if (seen[t] || (blocked && t < graph.nodes && (*blocked)[t])) continue;
      seen[t] = 1;
      queue.push_back(t);
    }
  return seen;
}

void structural_gaps(const Chain& chain, const duty::DutyList& list, std::vector<Gap>& gaps) {
  const std::size_t n = chain.size();
  const std::size_t ni = chain.industries.size();
  std::vector<std::uint32_t> enterprises_in(ni, 0);
  for (std::size_t v = 0; v < n; ++v)
    if (chain.kind[v] == NodeKind::Enterprise) ++enterprises_in[chain.industry[v]];
  std::vector<std::vector<std::uint32_t>> regulators(ni);
  std::vector<std::uint32_t> leads(ni, 0);
  std::vector<char> supervised(n, 0), oversees(n, 0);
  for (const auto& e : chain.edges) {
    if (e.kind == EdgeKind::Regulates) {
      auto& r = regulators[e.to];
      if (std::find(r.begin(), r.end(), e.from) == r.end()) r.push_back(e.from);
      if (e.lead) ++leads[e.to];
    }
    if (e.kind == EdgeKind::Supervises) supervised[e.to] = 1;
    if (e.kind == EdgeKind::Oversees) oversees[e.from] = 1;
  }
  for (std::uint32_t i = 0; i < ni; ++i) {
    if (enterprises_in[i] > 0 && regulators[i].empty()) {
      Gap g;
      g.kind = GapKind::UnregulatedIndustry;
      g.industry = i;
      g.count = enterprises_in[i];
      g.why = trf("industry {} has {} enterprise(s) and no department regulates it", chain.industries[i],
                  enterprises_in[i]);
      gaps.push_back(std::move(g));
    }
  }
  for (std::uint32_t v = 0; v < n; ++v)
    if (chain.kind[v] == NodeKind::Enterprise && !supervised[v]) {
      Gap g;
      g.kind = GapKind::UnsupervisedEnterprise;
      g.nodes = {v};
      g.industry = chain.industry[v];
      const bool regulated = !regulators[chain.industry[v]].empty();
      const auto& industry = chain.industries[chain.industry[v]];
      g.why = regulated ? trf("no department or township supervises enterprise {} (its industry {} has a "
                              "regulator, but no one is assigned to it)",
                              node_label(chain, v), industry)
                        : trf("no department or township supervises enterprise {} and no one regulates its "
                              "industry {}",
                              node_label(chain, v), industry);
      gaps.push_back(std::move(g));
    }
  for (std::uint32_t i = 0; i < ni; ++i)
    if (regulators[i].size() >= 2 && leads[i] != 1) {
      Gap g;
      g.kind = GapKind::SeveralRegulators;
      g.industry = i;
      g.nodes = regulators[i];
      const auto names = names_of(chain, regulators[i]);
      g.why = leads[i] == 0
                  ? trf("industry {} has {} regulators ({}) and none is the designated lead (牵头部门)",
                        chain.industries[i], regulators[i].size(), text::join(names, "、"))
                  : trf("industry {} has {} regulators ({}) and {} of them are marked lead",
                        chain.industries[i], regulators[i].size(), text::join(names, "、"), leads[i]);
      gaps.push_back(std::move(g));
    }
  for (std::uint32_t v = 0; v < n; ++v)
    if (chain.is_post(v) && chain.role[v] == k_no_index) {
      Gap g;
      g.kind = GapKind::NoDutyList;
      g.nodes = {v};
      g.why = trf("post {} has no role, so no duty list (一岗双责 清单) says what it must do",
                  node_label(chain, v));
      gaps.push_back(std::move(g));
    }
  for (std::uint32_t v = 0; v < n; ++v)
    if (chain.is_post(v) && chain.role[v] != k_no_index && list.roles[chain.role[v]].portfolio &&
        !oversees[v]) {
      Gap g;
      g.kind = GapKind::NoPortfolio;
      g.nodes = {v};
      g.why = trf("post {} holds role {} ({}), which oversees a portfolio (分管), and oversees nothing",
                  node_label(chain, v), list.roles[chain.role[v]].id, list.roles[chain.role[v]].name);
      gaps.push_back(std::move(g));
    }
  for (std::uint32_t i = 0; i < ni; ++i)
    if (enterprises_in[i] == 0) {
      Gap g;
      g.kind = GapKind::Dangling;
      g.industry = i;
      g.nodes = regulators[i];
      const auto names = names_of(chain, regulators[i]);
      g.why =
          trf("{} regulate(s) industry {}, which no enterprise of the chain is in; check the "
              "industry's spelling",
              text::join(names, "、"), chain.industries[i]);
      gaps.push_back(std::move(g));
    }
}

void cycle_gaps(const Chain& chain, const Graph& graph, std::vector<Gap>& gaps) {
  const Csr& g = graph.g;
  std::vector<std::uint32_t> component(num_vertices(g));
  const auto index = get(boost::vertex_index, g);
  const auto count = boost::strong_components(g, boost::make_iterator_property_map(component.begin(), index));
  std::vector<std::uint32_t> size(static_cast<std::size_t>(count), 0);
  for (auto c : component) ++size[c];
  std::vector<char> self_loop(static_cast<std::size_t>(count), 0);
  for (std::uint32_t v = 0; v < graph.nodes; ++v)
    for (auto e : boost::make_iterator_range(out_edges(v, g)))
      if (target(e, g) == v) self_loop[component[v]] = 1;
  std::vector<std::int64_t> gap_of(static_cast<std::size_t>(count), -1);
  for (std::uint32_t v = 0; v < graph.nodes; ++v) {
    const auto c = component[v];
    if (size[c] < 2 && !self_loop[c]) continue;
    if (gap_of[c] < 0) {
      gap_of[c] = static_cast<std::int64_t>(gaps.size());
      gaps.emplace_back().kind = GapKind::Cycle;
    }
    gaps[static_cast<std::size_t>(gap_of[c])].nodes.push_back(v);
  }
  for (auto& gap : gaps) {
    if (gap.kind != GapKind::Cycle || !gap.why.empty()) continue;
    gap.count = gap.nodes.size();
    std::vector<std::string> names;
    for (std::size_t i = 0; i < gap.nodes.size() && i < 6; ++i)
      names.push_back(node_label(chain, gap.nodes[i]));
    gap.why = trf("{} node(s) answer to each other in a circle ({}{}); none of them leads back to the top",
                  gap.nodes.size(), text::join(names, " → "), gap.nodes.size() > 6 ? " …" : "");
  }
}

void unreachable_gaps(const Chain& chain, const Graph& graph, const std::vector<char>& seen,
                      std::vector<Gap>& gaps) {
  const Csr& g = graph.g;
  const std::uint32_t n = graph.nodes;
  std::vector<char> assigned(n, 0);
  auto region = [&](std::uint32_t head) {
    std::vector<std::uint32_t> queue{head};
    assigned[head] = 1;
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (auto e : boost::make_iterator_range(out_edges(queue[i], g))) {
        const auto t = static_cast<std::uint32_t>(target(e, g));
        if (t >= n || seen[t] || assigned[t]) continue;
        assigned[t] = 1;
        queue.push_back(t);
      }
    return queue.size();
  };
  auto add = [&](std::uint32_t head, std::size_t size) {
    // An enterprise nobody reaches is reported as unsupervised or its industry as unregulated.
    if (chain.kind[head] == NodeKind::Enterprise) return;
    Gap gap;
    gap.kind = GapKind::Unreachable;
    gap.nodes = {head};
    gap.count = size;
    gap.why = size > 1
                  ? trf("{} answers to no node that leads to the top of the chain; {} node(s) below it "
                        "are cut off with it",
                        node_label(chain, head), size - 1)
                  : trf("{} answers to no node that leads to the top of the chain", node_label(chain, head));
    gaps.push_back(std::move(gap));
  };
  std::vector<std::pair<std::uint32_t, std::size_t>> heads;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (seen[v]) continue;
    bool has_unreached_pred = false;
    for (auto e : boost::make_iterator_range(in_edges(v, g))) {
      const auto s = static_cast<std::uint32_t>(source(e, g));
      if (s < n && !seen[s]) has_unreached_pred = true;
    }
    if (!has_unreached_pred) heads.emplace_back(v, 0);
  }
  for (auto& [head, size] : heads) size = region(head);
  // What is left sits in cycles with no way in: the first node of each stands for it.
  for (std::uint32_t v = 0; v < n; ++v)
    if (!seen[v] && !assigned[v]) heads.emplace_back(v, region(v));
  std::sort(heads.begin(), heads.end());
  for (const auto& [head, size] : heads) add(head, size);
}

void broken_link_gaps(const Chain& chain, const Graph& graph, const duty::DutyList& list,
                      const duty::Compliance& compliance, const std::vector<char>& seen,
                      std::vector<Gap>& gaps) {
  const std::uint32_t n = graph.nodes;
  std::vector<char> broken(n, 0);
  bool any = false;
  for (std::uint32_t v = 0; v < n; ++v) {
    const auto& t = compliance.by_node[v];
    if (compliance.is_holder(v) && t.due > 0 && t.rate() < list.thresholds.broken_link_pct)
      broken[v] = any = 1;
  }
  if (!any) return;
  const auto still = reach(graph, &broken);
  const Csr& g = graph.g;
  std::vector<std::uint32_t> stamp(n, k_no_index);
  for (std::uint32_t b = 0; b < n; ++b) {
    if (!broken[b]) continue;
    Gap gap;
    gap.kind = GapKind::BrokenLink;
    gap.nodes = {b};
    gap.rate = compliance.by_node[b].rate();
    std::vector<std::uint32_t> queue{b};
    stamp[b] = b;
    std::size_t enterprises = 0, posts = 0;
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (auto e : boost::make_iterator_range(out_edges(queue[i], g))) {
        const auto t = static_cast<std::uint32_t>(target(e, g));
        if (t >= n) {
          // Through an industry to its enterprises.
          for (auto e2 : boost::make_iterator_range(out_edges(t, g))) {
            const auto t2 = static_cast<std::uint32_t>(target(e2, g));
            if (t2 < n && seen[t2] && !still[t2] && !broken[t2] && stamp[t2] != b) {
              stamp[t2] = b;
              queue.push_back(t2);
            }
          }
          continue;
        }
        if (!seen[t] || still[t] || broken[t] || stamp[t] == b) continue;
        stamp[t] = b;
        queue.push_back(t);
      }
    for (std::size_t i = 1; i < queue.size(); ++i) {
      const auto v = queue[i];
      if (chain.kind[v] == NodeKind::Enterprise) ++enterprises;
      if (chain.kind[v] == NodeKind::Enterprise || chain.is_post(v)) gap.below.push_back(v);
      if (chain.is_post(v)) ++posts;
    }
    std::sort(gap.below.begin(), gap.below.end());
    gap.count = gap.below.size();
    const auto& role = list.roles[chain.role[b]];
    const auto& t = compliance.by_node[b];
    const auto threshold = text::plain(list.thresholds.broken_link_pct);
    gap.why =
        gap.below.empty()
            ? trf("{} ({}) performed {} of {} due duty periods ({}), below the {}% threshold; every node "
                  "below it is still reached another way",
                  node_label(chain, b), role.name, t.met, t.due, percent(gap.rate), threshold)
            : trf("{} ({}) performed {} of {} due duty periods ({}), below the {}% threshold; {} "
                  "enterprise(s) and {} post(s) below it are reached through no other link",
                  node_label(chain, b), role.name, t.met, t.due, percent(gap.rate), threshold, enterprises,
                  posts);
    gaps.push_back(std::move(gap));
  }
}

void attenuation_gaps(const duty::DutyList& list, const duty::Summary& s,
                      const std::vector<std::string>& units, std::vector<Gap>& gaps) {
  auto check = [&](const std::array<duty::Tally, duty::k_tiers>& tiers, std::uint32_t unit) {
    std::array<double, duty::k_tiers> rates{};
    std::vector<double> present;
    for (std::size_t t = 0; t < duty::k_tiers; ++t) {
      rates[t] = tiers[t].rate();
      if (!std::isnan(rates[t])) present.push_back(rates[t]);
    }
    if (present.size() < 2) return;
    for (std::size_t i = 1; i < present.size(); ++i)
      if (!(present[i] < present[i - 1])) return;
    if (present.front() - present.back() < list.thresholds.attenuation_pct) return;
    Gap gap;
    gap.kind = GapKind::Attenuation;
    gap.unit = unit;
    gap.rates = rates;
    gap.why = trf(
        "{}: compliance falls tier by tier (上热中温下冷) — decision tier {}, management tier {}, execution "
        "tier {} — {} percentage points from top to bottom (threshold {})",
        unit == k_no_index ? std::string(_("the whole chain")) : units[unit], percent(rates[0]),
        percent(rates[1]), percent(rates[2]), text::fixed(present.front() - present.back(), 1),
        text::plain(list.thresholds.attenuation_pct));
    gaps.push_back(std::move(gap));
  };
  check(s.by_tier, k_no_index);
  for (std::size_t u = 0; u < s.by_unit_tier.size(); ++u)
    check(s.by_unit_tier[u], static_cast<std::uint32_t>(u));
}

void critical_gaps(const Chain& chain, const Graph& graph, const duty::DutyList& list, Analysis& a) {
  std::vector<std::uint32_t> order;
  const auto idom = immediate_dominators(graph, &order);
  std::vector<std::uint32_t> carried(num_vertices(graph.g), 0);
  for (std::size_t i = order.size(); i-- > 1;) {
    const auto v = order[i];
    if (v < graph.nodes && chain.kind[v] == NodeKind::Enterprise) ++carried[v];
    if (idom[v] != k_no_index) carried[idom[v]] += carried[v];
  }
  a.carried.assign(graph.nodes, 0);
  for (std::uint32_t v = 0; v < graph.nodes; ++v)
    a.carried[v] = carried[v] - (chain.kind[v] == NodeKind::Enterprise ? 1u : 0u);
  for (std::uint32_t v = 0; v < graph.nodes; ++v) {
    if (!chain.is_post(v) || a.carried[v] < static_cast<std::uint32_t>(list.thresholds.critical_enterprises))
      continue;
    Gap gap;
    gap.kind = GapKind::CriticalLink;
    gap.nodes = {v};
    gap.count = a.carried[v];
    gap.why =
        trf("every chain from the top to {} enterprise(s) passes through {}; if it fails, nothing else "
            "covers them",
            a.carried[v], node_label(chain, v));
    a.gaps.push_back(std::move(gap));
  }
  // The enterprises each critical post carries: walk each reachable enterprise's dominators.
  std::vector<std::int64_t> gap_of(graph.nodes, -1);
  for (std::size_t i = 0; i < a.gaps.size(); ++i)
    if (a.gaps[i].kind == GapKind::CriticalLink) gap_of[a.gaps[i].nodes[0]] = static_cast<std::int64_t>(i);
  for (std::uint32_t e = 0; e < graph.nodes; ++e) {
    if (chain.kind[e] != NodeKind::Enterprise || idom[e] == k_no_index) continue;
    for (auto d = idom[e]; d != k_no_index && d != graph.root; d = idom[d])
      if (d < graph.nodes && gap_of[d] >= 0) a.gaps[static_cast<std::size_t>(gap_of[d])].below.push_back(e);
  }
}

}  // namespace

const std::array<GapKindSpec, k_gap_kinds>& gap_kinds() {
  static constexpr std::array<GapKindSpec, k_gap_kinds> kinds{{
      {GapKind::UnregulatedIndustry, "unregulated-industry", "监管真空（行业无人监管）",
       N_("an industry present among the enterprises that no one regulates")},
      {GapKind::UnsupervisedEnterprise, "unsupervised-enterprise", "失控漏管（企业无人监管）",
       N_("an enterprise nobody supervises")},
      {GapKind::SeveralRegulators, "several-regulators", "多头管理（无牵头部门）",
       N_("several regulators of one industry and no designated lead")},
      {GapKind::NoDutyList, "no-duty-list", "岗位无责任清单",
       N_("a post without a role, so without a duty list")},
      {GapKind::NoPortfolio, "no-portfolio", "领导无分管领域",
       N_("a leader whose role needs a portfolio (分管) and who oversees nothing")},
      {GapKind::Dangling, "dangling", "悬空监管（行业无企业）",
       N_("an industry regulated that no enterprise of the chain is in")},
      {GapKind::Cycle, "cycle", "隶属关系成环", N_("nodes that are each other's superiors")},
      {GapKind::Unreachable, "unreachable", "链条脱节（上级不可达）",
       N_("nodes the top of the chain does not reach")},
      {GapKind::BrokenLink, "broken-link", "断链（履职不达标）",
       N_("a holder below the compliance threshold, and what it leaves uncovered")},
      {GapKind::Attenuation, "attenuation", "上热中温下冷", N_("compliance falling tier by tier")},
      {GapKind::CriticalLink, "critical-link", "关键节点（单点承载）",
       N_("a post every chain to many enterprises passes through")},
  }};
  return kinds;
}

std::string_view to_string(GapKind k) {
  return gap_kinds()[static_cast<std::size_t>(k)].id;
}
std::string_view chinese(GapKind k) {
  return gap_kinds()[static_cast<std::size_t>(k)].chinese;
}

Analysis analyse(const Chain& chain, const Graph& graph, const duty::DutyList& list,
                 const duty::Compliance* compliance, const std::vector<std::string>& unit_names) {
  Analysis a;
  structural_gaps(chain, list, a.gaps);
  cycle_gaps(chain, graph, a.gaps);
  const auto seen = reach(graph, nullptr);
  a.reachable.assign(seen.begin(), seen.begin() + graph.nodes);
  unreachable_gaps(chain, graph, seen, a.gaps);
  if (compliance) {
    a.compliance_known = true;
    broken_link_gaps(chain, graph, list, *compliance, seen, a.gaps);
    const auto summary = duty::summarise(list, chain, *compliance, unit_names.size());
    attenuation_gaps(list, summary, unit_names, a.gaps);
  }
  critical_gaps(chain, graph, list, a);
  std::stable_sort(a.gaps.begin(), a.gaps.end(), [](const Gap& x, const Gap& y) { return x.kind < y.kind; });
  for (const auto& g : a.gaps) ++a.counts[static_cast<std::size_t>(g.kind)];
  return a;
}

std::string_view to_string(Responsibility r) {
  constexpr std::array<std::string_view, 3> k{"direct", "supervisory", "leadership"};
  return k[static_cast<std::size_t>(r)];
}
std::string_view chinese(Responsibility r) {
  constexpr std::array<std::string_view, 3> k{"直接责任", "监管责任", "领导责任"};
  return k[static_cast<std::size_t>(r)];
}

Accountability account(const Chain& chain, const duty::DutyList& list, const duty::Compliance* compliance,
                       std::uint32_t enterprise, Case of) {
  const auto n = static_cast<std::uint32_t>(chain.size());
  Accountability acc;
  acc.of = std::move(of);
  acc.enterprise = enterprise;
  // Members of each organisation (nodes whose parent it is), in CSR form.
  std::vector<std::uint32_t> first(n + 1, 0), members;
  for (std::uint32_t v = 0; v < n; ++v)
    if (chain.parent[v] != k_no_index) ++first[chain.parent[v] + 1];
  for (std::uint32_t v = 0; v < n; ++v) first[v + 1] += first[v];
  members.resize(first[n]);
  {
    auto fill = first;
    for (std::uint32_t v = 0; v < n; ++v)
      if (chain.parent[v] != k_no_index) members[fill[chain.parent[v]]++] = v;
  }
  std::vector<char> visited(n, 0);
  // Organisations answering for supervision: those that supervise the enterprise or
  // regulate its industry, and the departments above them within the same department
  // (a bureau above its section).
  std::vector<char> scope(n, 0);
  auto add_post = [&](std::uint32_t p, Responsibility r, std::uint32_t via, EdgeKind kind, int depth) {
    if (visited[p]) return;
    visited[p] = 1;
    acc.path.push_back(p);
    AccountablePost post{p, r, via, kind, depth, {}};
    if (compliance && compliance->is_holder(p)) {
      const auto& role = list.roles[chain.role[p]];
      for (std::uint32_t d = 0; d < role.duties.size(); ++d) {
        if (!(role.duties[d].bears_on & acc.of.bears_on)) continue;
        FailedDuty f{d, {}, {}};
        const auto freq = compliance->frequency(p, d);
        for (int b = 0; b < compliance->periods(p, d); ++b) {
          if (acc.of.until && compliance->buckets.bucket_first(freq, b) > *acc.of.until) continue;
          const auto s = compliance->status(list, chain, p, d, b);
          if (s == duty::Status::Missed) f.missed.push_back(b);
          if (s == duty::Status::Unevidenced) f.unevidenced.push_back(b);
        }
        if (!f.missed.empty() || !f.unevidenced.empty()) post.failed.push_back(std::move(f));
      }
    }
    acc.posts.push_back(std::move(post));
  };
  auto heads_of = [&](std::uint32_t org, Responsibility r, int depth) {
    for (auto i = first[org]; i < first[org + 1]; ++i) {
      const auto m = members[i];
      if (chain.is_post(m) && chain.role[m] != k_no_index && list.roles[chain.role[m]].head)
        add_post(m, r, org, EdgeKind::Reports, depth);
    }
  };
  // Direct: everyone inside the enterprise.
  visited[enterprise] = 1;
  acc.path.push_back(enterprise);
  {
    std::vector<std::uint32_t> queue{enterprise};
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (auto k = first[queue[i]]; k < first[queue[i] + 1]; ++k) {
        const auto m = members[k];
        if (visited[m]) continue;
        if (chain.is_post(m))
          add_post(m, Responsibility::Direct, queue[i], EdgeKind::Reports, 0);
        else {
          visited[m] = 1;
          acc.path.push_back(m);
        }
        queue.push_back(m);
      }
  }
  // Supervisory: who supervises it or regulates its industry, and their heads.
  std::deque<std::pair<std::uint32_t, int>> up;
  for (const auto& e : chain.edges) {
    const bool sup = e.kind == EdgeKind::Supervises && e.to == enterprise;
    const bool reg = e.kind == EdgeKind::Regulates && e.to == chain.industry[enterprise];
    if (!sup && !reg) continue;
    if (chain.is_post(e.from)) {
      add_post(e.from, Responsibility::Supervisory, enterprise, e.kind, 1);
    } else if (!visited[e.from]) {
      visited[e.from] = 1;
      acc.path.push_back(e.from);
    }
    scope[e.from] = 1;
    up.emplace_back(e.from, 1);
  }
  for (const auto& [org, depth] : up)
    if (!chain.is_post(org)) heads_of(org, Responsibility::Supervisory, depth);
  if (chain.parent[enterprise] != k_no_index) up.emplace_back(enterprise, 0);
  // Leadership: up the chain to the top.
  // Superiors of each node by reports and oversees edges, in CSR form.
  std::vector<std::uint32_t> above_first(n + 1, 0), above_list;
  std::vector<EdgeKind> above_kind;
  for (const auto& e : chain.edges)
    if (e.kind == EdgeKind::Reports || e.kind == EdgeKind::Oversees)
      ++above_first[(e.kind == EdgeKind::Reports ? e.from : e.to) + 1];
  for (std::uint32_t v = 0; v < n; ++v) above_first[v + 1] += above_first[v];
  above_list.resize(above_first[n]);
  above_kind.resize(above_first[n]);
  {
    auto fill = above_first;
    for (const auto& e : chain.edges) {
      if (e.kind != EdgeKind::Reports && e.kind != EdgeKind::Oversees) continue;
      const auto below = e.kind == EdgeKind::Reports ? e.from : e.to;
      const auto superior = e.kind == EdgeKind::Reports ? e.to : e.from;
      above_list[fill[below]] = superior;
      above_kind[fill[below]++] = e.kind;
    }
  }
  while (!up.empty()) {
    // Not a structured binding: clang 14 (the sanitizer build) cannot capture one.
    const auto x = up.front().first;
    const auto depth = up.front().second;
    up.pop_front();
    auto visit = [&](std::uint32_t y, EdgeKind kind) {
      if (chain.is_post(y)) {
        if (visited[y]) return;
        // A deputy inside a supervising organisation who oversees its work supervises too.
        const bool inside = scope[x] && chain.parent[y] != k_no_index && scope[chain.parent[y]];
        add_post(y, inside ? Responsibility::Supervisory : Responsibility::Leadership, x, kind, depth + 1);
        up.emplace_back(y, depth + 1);
        return;
      }
      if (visited[y]) return;
      visited[y] = 1;
      acc.path.push_back(y);
      scope[y] = scope[x] && !chain.is_post(x) && chain.kind[y] == chain.kind[x];
      heads_of(y, scope[y] ? Responsibility::Supervisory : Responsibility::Leadership, depth + 1);
      up.emplace_back(y, depth + 1);
    };
    if (chain.parent[x] != k_no_index) visit(chain.parent[x], EdgeKind::Reports);
    for (auto i = above_first[x]; i < above_first[x + 1]; ++i) visit(above_list[i], above_kind[i]);
  }
  std::stable_sort(
      acc.posts.begin(), acc.posts.end(), [](const AccountablePost& a, const AccountablePost& b) {
        return a.responsibility != b.responsibility ? a.responsibility < b.responsibility : a.depth < b.depth;
      });
  return acc;
}

std::vector<GapTrip> check_gap_gates(const Chain& chain, const Analysis& analysis,
                                     const std::vector<std::string>& unit_ids,
                                     const std::array<bool, k_gap_kinds>& asked) {
  std::vector<GapTrip> trips;
  for (std::size_t k = 0; k < k_gap_kinds; ++k) {
    if (!asked[k] || analysis.counts[k] == 0) continue;
    GapTrip t{static_cast<GapKind>(k), {}};
    for (const auto& g : analysis.gaps)
      if (g.kind == t.kind)
        t.places.push_back(!g.nodes.empty()           ? chain.ids[g.nodes[0]]
                           : g.industry != k_no_index ? chain.industries[g.industry]
                           : g.unit < unit_ids.size() ? unit_ids[g.unit]
                                                      : std::string("chain"));
    trips.push_back(std::move(t));
  }
  return trips;
}

}  // namespace safeassess::chain
