#include "report/chain_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/duties_report.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/labels.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using chain::k_no_index;
using nlohmann::ordered_json;

namespace {

std::string nodes_text(const chain::Chain& c, const std::vector<std::uint32_t>& nodes, std::size_t limit) {
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < nodes.size() && i < limit; ++i) parts.push_back(c.ids[nodes[i]]);
  std::string s = text::join(parts, " ");
  if (nodes.size() > limit) s += fmt::format(" … (+{})", nodes.size() - limit);
  return s;
}

ordered_json gap_json(const assessment::ChainData& d, const chain::Gap& g,
                      const std::vector<std::string>& units) {
  const auto& c = d.chain;
  ordered_json j = {{"kind", chain::to_string(g.kind)}, {"name", chain::chinese(g.kind)}};
  ordered_json nodes = ordered_json::array();
  for (auto v : g.nodes)
    nodes.push_back({{"id", c.ids[v]}, {"name", c.names[v]}, {"kind", chain::to_string(c.kind[v])}});
  j["nodes"] = std::move(nodes);
  if (g.industry != k_no_index) j["industry"] = c.industries[g.industry];
  if (g.kind == chain::GapKind::Attenuation) {
    j["unit"] = g.unit == k_no_index ? ordered_json(nullptr) : ordered_json(units[g.unit]);
    ordered_json rates = ordered_json::object();
    for (std::size_t t = 0; t < duty::k_tiers; ++t)
      rates[std::string(duty::to_string(static_cast<duty::Tier>(t)))] =
          std::isnan(g.rates[t]) ? ordered_json(nullptr) : ordered_json(text::round_to(g.rates[t], 2));
    j["rates_pct"] = std::move(rates);
  }
  if (g.kind == chain::GapKind::BrokenLink) j["rate_pct"] = text::round_to(g.rate, 2);
  if (g.count) j["count"] = g.count;
  if (!g.below.empty()) {
    ordered_json below = ordered_json::array();
    for (auto v : g.below) below.push_back(c.ids[v]);
    j["below"] = std::move(below);
  }
  j["why"] = g.why;
  return j;
}

}  // namespace

void write_gaps(std::ostream& out, Format format, const assessment::ChainData& d, const chain::Analysis& a,
                const std::vector<std::string>& units) {
  const auto& c = d.chain;
  if (format == Format::Json) {
    ordered_json j;
    j["chain"] = {{"file", c.file},
                  {"nodes", c.size()},
                  {"edges", c.edges.size()},
                  {"industries", c.industries.size()},
                  {"enterprises", std::count(c.kind.begin(), c.kind.end(), chain::NodeKind::Enterprise)}};
    j["duty_list"] = {{"id", d.duties.id}, {"version", d.duties.version}, {"sha256", d.duties.sha256}};
    j["compliance_traced"] = a.compliance_known;
    ordered_json counts = ordered_json::object();
    for (std::size_t k = 0; k < chain::k_gap_kinds; ++k)
      counts[std::string(chain::to_string(static_cast<chain::GapKind>(k)))] = a.counts[k];
    j["counts"] = std::move(counts);
    ordered_json gaps = ordered_json::array();
    for (const auto& g : a.gaps) gaps.push_back(gap_json(d, g, units));
    j["gaps"] = std::move(gaps);
    out << json_text(j, 2) << '\n';
    return;
  }
  if (format == Format::Csv) {
    out << "kind,name,nodes,industry,unit,count,why\r\n";
    for (const auto& g : a.gaps) {
      std::vector<std::string> ids;
      for (auto v : g.nodes) ids.push_back(c.ids[v]);
      out << chain::to_string(g.kind) << ',' << csv_field(chain::chinese(g.kind)) << ','
          << csv_field(text::join(ids, " ")) << ','
          << csv_field(g.industry == k_no_index ? std::string() : c.industries[g.industry]) << ','
          << csv_field(g.unit == k_no_index ? std::string() : units[g.unit]) << ',' << g.count << ','
          << csv_field(g.why) << "\r\n";
    }
    return;
  }
  const bool md = format == Format::Markdown;
  out << (md ? "# " : "")
      << trf("Responsibility chain (责任链) — {} nodes, {} edges, {} industries; duty list {} {}", c.size(),
             c.edges.size(), c.industries.size(), as_text(md, d.duties.id), as_text(md, d.duties.version))
      << '\n';
  if (!a.compliance_known)
    out << _("(no performance records: broken links and attenuation are not traced; add \"records\" to the "
             "manifest)")
        << '\n';
  out << '\n';
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < chain::k_gap_kinds; ++k) {
    const auto kind = static_cast<chain::GapKind>(k);
    rows.push_back({std::string(chain::to_string(kind)), label(kind), std::to_string(a.counts[k])});
  }
  if (md) {
    out << "## " << _("Gaps by kind") << "\n\n| " << _("kind") << " | " << _("name") << " | " << _("gaps")
        << " |\n| --- | --- | ---: |\n";
    for (const auto& r : rows) out << "| " << r[0] << " | " << md_cell(r[1]) << " | " << r[2] << " |\n";
    out << "\n## " << _("Gaps") << "\n\n| " << _("kind") << " | " << _("nodes") << " | " << _("why")
        << " |\n| --- | --- | --- |\n";
    for (const auto& g : a.gaps)
      out << "| " << md_cell(label(g.kind)) << " | " << md_cell(nodes_text(c, g.nodes, 8)) << " | "
          << md_cell(g.why) << " |\n";
    return;
  }
  write_text_table(out, TextTable{{_("kind"), _("name"), _("gaps")}, rows, {false, false, true}});
  out << '\n';
  std::size_t i = 0;
  for (const auto& g : a.gaps) {
    out << fmt::format("{:>3}. [{}] {}\n", ++i, label(g.kind), g.why);
    if (!g.nodes.empty()) out << "     " << trf("nodes: {}", nodes_text(c, g.nodes, 8)) << '\n';
    if (!g.below.empty())
      out << "     "
          << (g.kind == chain::GapKind::CriticalLink ? trf("carries: {}", nodes_text(c, g.below, 8))
                                                     : trf("uncovered: {}", nodes_text(c, g.below, 8)))
          << '\n';
  }
  if (a.gaps.empty()) out << _("no gaps found") << '\n';
}

void write_accountability(std::ostream& out, Format format, const assessment::ChainData& d,
                          const chain::Accountability& acc) {
  const auto& c = d.chain;
  // `human`: in the report's language (table, Markdown); otherwise as the CSV has always had it.
  auto failed_text = [&](const chain::AccountablePost& p, bool human) {
    std::vector<std::string> parts;
    const auto& role = d.duties.roles[c.role[p.node]];
    for (const auto& f : p.failed) {
      const auto& duty = role.duties[f.duty];
      std::vector<std::pair<int, bool>> order;  // period, without evidence
      for (int b : f.missed) order.emplace_back(b, false);
      for (int b : f.unevidenced) order.emplace_back(b, true);
      std::sort(order.begin(), order.end());
      std::vector<std::string> periods;
      for (const auto& [b, unevidenced] : order) {
        const auto period = d.compliance->buckets.label(d.compliance->frequency(p.node, f.duty), b);
        if (!human)
          periods.push_back(period + (unevidenced ? "（无佐证）" : ""));
        else
          periods.push_back(unevidenced ? trf("{} (without evidence)", period) : period);
      }
      if (!human)
        parts.push_back(fmt::format("{} {}: {}", duty.id, duty.name, text::join(periods, ", ")));
      else
        parts.push_back(trf("{}: {}", duty.id + " " + duty.name, text::join(periods, _(", "))));
    }
    return parts;
  };
  // The case in the report's language: what it is (chain::Case::kind is an id) and where.
  auto case_line = [&]() {
    const std::string what = acc.of.kind == "enterprise" ? trf("enterprise {}", acc.of.id)
                             : acc.of.kind == "hazard"   ? trf("hazard {}", acc.of.id)
                             : acc.of.kind == "accident" ? trf("accident {}", acc.of.id)
                                                         : fmt::format("{} {}", acc.of.kind, acc.of.id);
    const auto& e = acc.enterprise;
    if (acc.of.date)
      return trf("{} on {} — enterprise {} {} ({})", what, date::format(*acc.of.date), c.ids[e], c.names[e],
                 c.industries[c.industry[e]]);
    return trf("{} — enterprise {} {} ({})", what, c.ids[e], c.names[e], c.industries[c.industry[e]]);
  };
  if (format == Format::Json) {
    ordered_json j;
    j["case"] = {{"kind", acc.of.kind},
                 {"id", acc.of.id},
                 {"description", acc.of.description},
                 {"date", acc.of.date ? ordered_json(date::format(*acc.of.date)) : ordered_json(nullptr)}};
    j["enterprise"] = {{"id", c.ids[acc.enterprise]},
                       {"name", c.names[acc.enterprise]},
                       {"industry", c.industries[c.industry[acc.enterprise]]}};
    j["records_known"] = d.compliance.has_value();
    ordered_json posts = ordered_json::array();
    for (const auto& p : acc.posts) {
      ordered_json failed = ordered_json::array();
      if (d.compliance) {
        const auto& role = d.duties.roles[c.role[p.node]];
        for (const auto& f : p.failed) {
          const auto& duty = role.duties[f.duty];
          ordered_json missed = ordered_json::array(), unev = ordered_json::array();
          for (int b : f.missed)
            missed.push_back(d.compliance->buckets.label(d.compliance->frequency(p.node, f.duty), b));
          for (int b : f.unevidenced)
            unev.push_back(d.compliance->buckets.label(d.compliance->frequency(p.node, f.duty), b));
          failed.push_back(
              {{"duty", duty.id}, {"name", duty.name}, {"missed", missed}, {"unevidenced", unev}});
        }
      }
      posts.push_back(
          {{"id", c.ids[p.node]},
           {"name", c.names[p.node]},
           {"role", c.role[p.node] == k_no_index ? ordered_json(nullptr)
                                                 : ordered_json(d.duties.roles[c.role[p.node]].id)},
           {"responsibility", chain::to_string(p.responsibility)},
           {"responsibility_name", chain::chinese(p.responsibility)},
           {"via", c.ids[p.via]},
           {"via_kind", chain::to_string(p.via_kind)},
           {"depth", p.depth},
           {"failed_duties", std::move(failed)}});
    }
    j["posts"] = std::move(posts);
    ordered_json path = ordered_json::array();
    for (auto v : acc.path) path.push_back(c.ids[v]);
    j["path"] = std::move(path);
    out << json_text(j, 2) << '\n';
    return;
  }
  if (format == Format::Csv) {
    out << "responsibility,post,name,role,via,depth,failed_duties\r\n";
    for (const auto& p : acc.posts)
      out << chain::to_string(p.responsibility) << ',' << csv_field(c.ids[p.node]) << ','
          << csv_field(c.names[p.node]) << ',' << csv_field(role_name(d, p.node)) << ','
          << csv_field(c.ids[p.via]) << ',' << p.depth << ','
          << csv_field(d.compliance ? text::join(failed_text(p, false), "; ") : std::string()) << "\r\n";
    return;
  }
  const bool md = format == Format::Markdown;
  out << (md ? "# " : "") << trf("Accountability (一案双查): {}", as_text(md, case_line())) << '\n';
  if (const auto& text = acc.of.shown.empty() ? acc.of.description : acc.of.shown; !text.empty())
    out << as_text(md, text) << '\n';
  if (!d.compliance) out << _("(no performance records: failed duties are not known)") << '\n';
  out << '\n';
  if (md)
    out << "| " << _("responsibility") << " | " << _("post") << " | " << _("role") << " | " << _("via")
        << " | " << _("failed duties") << " |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& p : acc.posts) {
    const auto failed = d.compliance ? failed_text(p, true) : std::vector<std::string>{};
    if (md) {
      out << "| " << label(p.responsibility) << " | " << md_cell(c.ids[p.node] + " " + c.names[p.node])
          << " | " << md_cell(role_name(d, p.node)) << " | "
          << md_cell(trf("{} ({})", c.ids[p.via], label(p.via_kind))) << " | "
          << md_cell(failed.empty() ? "—" : text::join(failed, _("; "))) << " |\n";
      continue;
    }
    const auto role = role_name(d, p.node);
    out << trf("{} {} {} [{}] via {} ({})", label(p.responsibility), c.ids[p.node], c.names[p.node],
               role.empty() ? std::string(_("no role")) : role, c.ids[p.via], label(p.via_kind))
        << '\n';
    if (!d.compliance) continue;
    if (failed.empty()) out << "    " << _("no failed duty bears on the case") << '\n';
    for (const auto& f : failed) out << "    " << trf("failed {}", f) << '\n';
  }
  std::vector<std::string> ids;
  for (auto v : acc.path) ids.push_back(c.ids[v]);
  out << (md ? "\n" : "") << trf("path: {}", text::join(ids, " → ")) << '\n';
}

void write_dot(std::ostream& out, const assessment::ChainData& d, const chain::Analysis& a) {
  const auto& c = d.chain;
  std::map<std::uint32_t, std::vector<std::string>> marks;  // node -> gap kinds
  std::map<std::uint32_t, std::vector<std::string>> industry_marks;
  for (const auto& g : a.gaps) {
    for (auto v : g.nodes) {
      auto& m = marks[v];
      const std::string k = report::label(g.kind);
      if (std::find(m.begin(), m.end(), k) == m.end()) m.push_back(k);
    }
    if (g.industry != k_no_index) industry_marks[g.industry].push_back(report::label(g.kind));
  }
  out << "digraph chain {\n  rankdir=TB;\n  node [fontname=\"Noto Sans CJK SC\"];\n"
         "  edge [fontname=\"Noto Sans CJK SC\", fontsize=10];\n";
  for (std::uint32_t v = 0; v < c.size(); ++v) {
    const bool post = c.is_post(v);
    std::string label = c.names[v];
    if (post && c.role[v] != k_no_index) label += "\n[" + d.duties.roles[c.role[v]].name + "]";
    if (d.compliance && d.compliance->is_holder(v) && d.compliance->by_node[v].due)
      label += fmt::format(" {}%", text::fixed(d.compliance->by_node[v].rate(), 0));
    const auto it = marks.find(v);
    if (it != marks.end()) label += "\n⚠ " + text::join(it->second, _(", "));
    out << fmt::format("  \"{}\" [label=\"{}\", shape={}{}];\n", dot_escape(c.ids[v]), dot_escape(label),
                       post ? "ellipse" : (c.kind[v] == chain::NodeKind::Enterprise ? "box3d" : "box"),
                       it != marks.end() ? ", color=red, fontcolor=red, penwidth=2" : "");
  }
  for (std::uint32_t i = 0; i < c.industries.size(); ++i) {
    std::string label = trf("industry: {}", c.industries[i]);
    const auto it = industry_marks.find(i);
    if (it != industry_marks.end()) label += "\n⚠ " + text::join(it->second, _(", "));
    out << fmt::format("  \"industry:{}\" [label=\"{}\", shape=note{}];\n", dot_escape(c.industries[i]),
                       dot_escape(label),
                       it != industry_marks.end() ? ", color=red, fontcolor=red, penwidth=2" : "");
  }
  for (std::uint32_t v = 0; v < c.size(); ++v) {
    if (c.parent[v] != k_no_index)
      out << fmt::format("  \"{}\" -> \"{}\";\n", dot_escape(c.ids[c.parent[v]]), dot_escape(c.ids[v]));
    if (c.kind[v] == chain::NodeKind::Enterprise)
      out << fmt::format("  \"industry:{}\" -> \"{}\" [style=dotted];\n",
                         dot_escape(c.industries[c.industry[v]]), dot_escape(c.ids[v]));
  }
  for (const auto& e : c.edges) {
    switch (e.kind) {
      case chain::EdgeKind::Reports:
        out << fmt::format("  \"{}\" -> \"{}\" [label=\"{}\"];\n", dot_escape(c.ids[e.to]),
                           dot_escape(c.ids[e.from]), dot_escape(report::label(e.kind)));
        break;
      case chain::EdgeKind::Oversees:
        out << fmt::format("  \"{}\" -> \"{}\" [label=\"{}\", style=dashed];\n", dot_escape(c.ids[e.from]),
                           dot_escape(c.ids[e.to]), dot_escape(report::label(e.kind)));
        break;
      case chain::EdgeKind::Regulates:
        out << fmt::format(
            "  \"{}\" -> \"industry:{}\" [label=\"{}\", color=blue];\n", dot_escape(c.ids[e.from]),
            dot_escape(c.industries[e.to]),
            dot_escape(e.lead ? trf("{} (lead)", report::label(e.kind)) : report::label(e.kind)));
        break;
      case chain::EdgeKind::Supervises:
        out << fmt::format("  \"{}\" -> \"{}\" [label=\"{}\", color=darkgreen];\n", dot_escape(c.ids[e.from]),
                           dot_escape(c.ids[e.to]), dot_escape(report::label(e.kind)));
        break;
    }
  }
  out << "}\n";
}

}  // namespace safeassess::report
