#include "report/chain_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "core/date.hpp"
#include "core/text.hpp"
#include "report/accounting.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using chain::k_no_index;
using nlohmann::ordered_json;

namespace {

std::string rate_text(const duty::Tally& t) {
  return t.due == 0 ? "—" : text::fixed(t.rate(), 1) + "%";
}

ordered_json rate_json(const duty::Tally& t) {
  return t.due == 0 ? ordered_json(nullptr) : ordered_json(text::round_to(t.rate(), 2));
}

ordered_json tally_json(const duty::Tally& t) {
  return {{"due", t.due}, {"met", t.met}, {"unevidenced", t.unevidenced}, {"rate_pct", rate_json(t)}};
}

char status_mark(duty::Status s) {
  switch (s) {
    case duty::Status::Met:
      return '+';
    case duty::Status::Unevidenced:
      return '?';
    case duty::Status::Missed:
      return '-';
  }
  return ' ';
}

std::string unit_of(const chain::Chain& c, std::uint32_t v, const std::vector<std::string>& units) {
  return c.unit[v] == k_no_index || c.unit[v] >= units.size() ? std::string() : units[c.unit[v]];
}

std::string role_name(const assessment::ChainData& d, std::uint32_t v) {
  const auto r = d.chain.role[v];
  return r == k_no_index ? std::string() : d.duties.roles[r].name;
}

// Each period of one duty of one holder, as "+" / "?" / "-".
std::string period_strip(const assessment::ChainData& d, std::uint32_t v, std::size_t duty) {
  const auto& comp = *d.compliance;
  const auto f = d.duties.roles[d.chain.role[v]].duties[duty].frequency;
  std::string s;
  for (int b = 0; b < comp.buckets.count[static_cast<std::size_t>(f)]; ++b)
    s += status_mark(comp.status(d.duties, d.chain, v, duty, b));
  return s.empty() ? "(not due in the period)" : s;
}

// Input text as it lands in a report: escaped for Markdown when `md`, as is otherwise.
std::string as_text(bool md, std::string_view s) {
  return md ? md_cell(s) : std::string(s);
}

void duties_header(std::ostream& out, const assessment::ChainData& d, bool md) {
  const auto& comp = *d.compliance;
  out << fmt::format("Duty compliance — {} {} ({}), period {}..{}\n", as_text(md, d.duties.name),
                     as_text(md, d.duties.version), as_text(md, d.duties.id),
                     date::format(comp.buckets.period.first), date::format(comp.buckets.period.last));
  out << fmt::format("records {} ({} in periods not wholly inside the assessment period, not counted)\n",
                     comp.records, comp.records_not_assessed);
}

}  // namespace

std::string dot_escape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (ch == '"' || ch == '\\') out += '\\';
    if (ch == '\n') {
      out += "\\n";
      continue;
    }
    if (ch == '\r') continue;
    out += ch;
  }
  return out;
}

void write_duties(std::ostream& out, Format format, const assessment::ChainData& d,
                  const std::vector<std::string>& units) {
  const auto& c = d.chain;
  const auto& comp = *d.compliance;
  const auto summary = duty::summarise(d.duties, c, comp, units.size());
  std::vector<std::uint32_t> holders;
  for (std::uint32_t v = 0; v < c.size(); ++v)
    if (comp.is_holder(v)) holders.push_back(v);
  if (format == Format::Json) {
    ordered_json j;
    j["duty_list"] = {{"id", d.duties.id},
                      {"name", d.duties.name},
                      {"version", d.duties.version},
                      {"file", d.duties.file},
                      {"sha256", d.duties.sha256}};
    j["records"] = {{"file", comp.file},
                    {"sha256", comp.sha256},
                    {"rows", comp.records},
                    {"not_assessed", comp.records_not_assessed},
                    {"accounting", accounting_json(RowAccount::with_excluded(
                                       comp.records, comp.records_not_assessed,
                                       "in a duty period not wholly inside the assessment period"))}};
    j["period"] = {{"first", date::format(comp.buckets.period.first)},
                   {"last", date::format(comp.buckets.period.last)}};
    j["total"] = tally_json(summary.total);
    ordered_json tiers = ordered_json::array();
    for (std::size_t t = 0; t < duty::k_tiers; ++t) {
      auto x = tally_json(summary.by_tier[t]);
      x["tier"] = duty::to_string(static_cast<duty::Tier>(t));
      tiers.push_back(std::move(x));
    }
    j["by_tier"] = std::move(tiers);
    ordered_json roles = ordered_json::array();
    for (std::size_t r = 0; r < d.duties.roles.size(); ++r) {
      auto x = tally_json(summary.by_role[r]);
      x["role"] = d.duties.roles[r].id;
      x["name"] = d.duties.roles[r].name;
      roles.push_back(std::move(x));
    }
    j["by_role"] = std::move(roles);
    ordered_json by_unit = ordered_json::array();
    for (std::size_t u = 0; u < units.size(); ++u) {
      auto x = tally_json(summary.by_unit[u]);
      x["unit"] = units[u];
      by_unit.push_back(std::move(x));
    }
    j["by_unit"] = std::move(by_unit);
    ordered_json hs = ordered_json::array();
    for (auto v : holders) {
      const auto& role = d.duties.roles[c.role[v]];
      ordered_json h = {{"id", c.ids[v]},
                        {"name", c.names[v]},
                        {"role", role.id},
                        {"tier", duty::to_string(role.tier)},
                        {"unit", unit_of(c, v, units)}};
      h.update(tally_json(comp.by_node[v]));
      ordered_json ds = ordered_json::array();
      for (std::size_t k = 0; k < role.duties.size(); ++k) {
        const auto& duty = role.duties[k];
        ordered_json periods = ordered_json::array();
        const int n = comp.buckets.count[static_cast<std::size_t>(duty.frequency)];
        for (int b = 0; b < n; ++b) {
          const std::size_t slot =
              comp.offset[v] + comp.duty_offset[c.role[v]][k] + static_cast<std::size_t>(b);
          periods.push_back({{"period", comp.buckets.label(duty.frequency, b)},
                             {"status", duty::to_string(comp.status(d.duties, c, v, k, b))},
                             {"evidenced", comp.evidenced[slot]},
                             {"unevidenced", comp.unevidenced[slot]}});
        }
        ds.push_back({{"id", duty.id},
                      {"name", duty.name},
                      {"frequency", duty::to_string(duty.frequency)},
                      {"min", duty.min_count},
                      {"periods", std::move(periods)}});
      }
      h["duties"] = std::move(ds);
      hs.push_back(std::move(h));
    }
    j["holders"] = std::move(hs);
    out << json_text(j, 2) << '\n';
    return;
  }
  if (format == Format::Csv) {
    out << "holder,holder_name,role,tier,unit,duty,duty_name,frequency,min,period,status,evidenced,"
           "unevidenced\r\n";
    for (auto v : holders) {
      const auto& role = d.duties.roles[c.role[v]];
      for (std::size_t k = 0; k < role.duties.size(); ++k) {
        const auto& duty = role.duties[k];
        const int n = comp.buckets.count[static_cast<std::size_t>(duty.frequency)];
        for (int b = 0; b < n; ++b) {
          const std::size_t slot =
              comp.offset[v] + comp.duty_offset[c.role[v]][k] + static_cast<std::size_t>(b);
          out << csv_field(c.ids[v]) << ',' << csv_field(c.names[v]) << ',' << csv_field(role.id) << ','
              << duty::to_string(role.tier) << ',' << csv_field(unit_of(c, v, units)) << ','
              << csv_field(duty.id) << ',' << csv_field(duty.name) << ',' << duty::to_string(duty.frequency)
              << ',' << duty.min_count << ',' << comp.buckets.label(duty.frequency, b) << ','
              << duty::to_string(comp.status(d.duties, c, v, k, b)) << ',' << comp.evidenced[slot] << ','
              << comp.unevidenced[slot] << "\r\n";
        }
      }
    }
    return;
  }
  const bool md = format == Format::Markdown;
  auto emit_table = [&](const std::vector<std::string>& head,
                        const std::vector<std::vector<std::string>>& rows, std::size_t left) {
    if (md) {
      out << '|';
      for (const auto& h : head) out << ' ' << md_cell(h) << " |";
      out << "\n|";
      for (std::size_t i = 0; i < head.size(); ++i) out << (i < left ? " --- |" : " ---: |");
      out << '\n';
      for (const auto& row : rows) {
        out << '|';
        for (const auto& cell : row) out << ' ' << md_cell(cell) << " |";
        out << '\n';
      }
      return;
    }
    std::vector<bool> right(head.size());
    for (std::size_t i = left; i < head.size(); ++i) right[i] = true;
    write_text_table(out, TextTable{head, rows, right});
  };
  if (md) out << "# ";
  duties_header(out, d, md);
  out << '\n';
  if (md) out << "## By tier\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t t = 0; t < duty::k_tiers; ++t) {
    const auto& x = summary.by_tier[t];
    rows.push_back({std::string(duty::chinese(static_cast<duty::Tier>(t))),
                    fmt::format("{}/{}", x.met, x.due), std::to_string(x.unevidenced), rate_text(x)});
  }
  rows.push_back({"total", fmt::format("{}/{}", summary.total.met, summary.total.due),
                  std::to_string(summary.total.unevidenced), rate_text(summary.total)});
  emit_table({"tier", "met/due", "unevidenced", "compliance"}, rows, 1);
  out << '\n';
  if (md) out << "## By role\n\n";
  rows.clear();
  for (std::size_t r = 0; r < d.duties.roles.size(); ++r) {
    const auto& x = summary.by_role[r];
    if (x.due == 0) continue;
    rows.push_back({d.duties.roles[r].id, d.duties.roles[r].name, fmt::format("{}/{}", x.met, x.due),
                    std::to_string(x.unevidenced), rate_text(x)});
  }
  emit_table({"role", "name", "met/due", "unevidenced", "compliance"}, rows, 2);
  if (!units.empty()) {
    out << '\n';
    if (md) out << "## By unit\n\n";
    rows.clear();
    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto& x = summary.by_unit[u];
      rows.push_back(
          {units[u], fmt::format("{}/{}", x.met, x.due), std::to_string(x.unevidenced), rate_text(x)});
    }
    emit_table({"unit", "met/due", "unevidenced", "compliance"}, rows, 1);
  }
  out << '\n';
  if (md) out << "## By holder and duty\n\n";
  rows.clear();
  for (auto v : holders) {
    const auto& role = d.duties.roles[c.role[v]];
    rows.push_back({c.ids[v], c.names[v], role.name,
                    fmt::format("{}/{}", comp.by_node[v].met, comp.by_node[v].due),
                    rate_text(comp.by_node[v])});
    for (std::size_t k = 0; k < role.duties.size(); ++k) {
      const auto& duty = role.duties[k];
      const auto t = comp.duty_tally(d.duties, c, v, k);
      rows.push_back({"", fmt::format("  {} {}", duty.id, duty.name),
                      fmt::format("{} ≥{}", duty::chinese(duty.frequency), duty.min_count),
                      fmt::format("{}/{}", t.met, t.due), period_strip(d, v, k)});
    }
  }
  emit_table({"holder", "name / duty", "role / frequency", "met/due", "compliance / periods"}, rows, 3);
  out << (md ? "\n" : "") << "periods: + met, ? met without the required evidence, - missed\n";
}

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
      << fmt::format("Responsibility chain — {} nodes, {} edges, {} industries; duty list {} {}\n", c.size(),
                     c.edges.size(), c.industries.size(), as_text(md, d.duties.id),
                     as_text(md, d.duties.version));
  if (!a.compliance_known)
    out << "(no performance records: broken links and attenuation are not traced; add \"records\" to the "
           "manifest)\n";
  out << '\n';
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < chain::k_gap_kinds; ++k) {
    const auto kind = static_cast<chain::GapKind>(k);
    rows.push_back({std::string(chain::to_string(kind)), std::string(chain::chinese(kind)),
                    std::to_string(a.counts[k])});
  }
  if (md) {
    out << "## Gaps by kind\n\n| kind | 名称 | gaps |\n| --- | --- | ---: |\n";
    for (const auto& r : rows) out << "| " << r[0] << " | " << md_cell(r[1]) << " | " << r[2] << " |\n";
    out << "\n## Gaps\n\n| kind | nodes | why |\n| --- | --- | --- |\n";
    for (const auto& g : a.gaps)
      out << "| " << md_cell(chain::chinese(g.kind)) << " | " << md_cell(nodes_text(c, g.nodes, 8)) << " | "
          << md_cell(g.why) << " |\n";
    return;
  }
  write_text_table(out, TextTable{{"kind", "名称", "gaps"}, rows, {false, false, true}});
  out << '\n';
  std::size_t i = 0;
  for (const auto& g : a.gaps) {
    out << fmt::format("{:>3}. [{}] {}\n", ++i, chain::chinese(g.kind), g.why);
    if (!g.nodes.empty()) out << "     nodes: " << nodes_text(c, g.nodes, 8) << '\n';
    if (!g.below.empty())
      out << (g.kind == chain::GapKind::CriticalLink ? "     carries: " : "     uncovered: ")
          << nodes_text(c, g.below, 8) << '\n';
  }
  if (a.gaps.empty()) out << "no gaps found\n";
}

void write_accountability(std::ostream& out, Format format, const assessment::ChainData& d,
                          const chain::Accountability& acc) {
  const auto& c = d.chain;
  auto failed_text = [&](const chain::AccountablePost& p) {
    std::vector<std::string> parts;
    const auto& role = d.duties.roles[c.role[p.node]];
    for (const auto& f : p.failed) {
      const auto& duty = role.duties[f.duty];
      std::vector<std::pair<int, bool>> order;  // period, without evidence
      for (int b : f.missed) order.emplace_back(b, false);
      for (int b : f.unevidenced) order.emplace_back(b, true);
      std::sort(order.begin(), order.end());
      std::vector<std::string> periods;
      for (const auto& [b, unevidenced] : order)
        periods.push_back(d.compliance->buckets.label(duty.frequency, b) + (unevidenced ? "（无佐证）" : ""));
      parts.push_back(fmt::format("{} {}: {}", duty.id, duty.name, text::join(periods, ", ")));
    }
    return parts;
  };
  const std::string case_line =
      fmt::format("{} {}{} — enterprise {} {} ({})", acc.of.kind, acc.of.id,
                  acc.of.date ? fmt::format(" on {}", date::format(*acc.of.date)) : std::string(),
                  c.ids[acc.enterprise], c.names[acc.enterprise], c.industries[c.industry[acc.enterprise]]);
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
          for (int b : f.missed) missed.push_back(d.compliance->buckets.label(duty.frequency, b));
          for (int b : f.unevidenced) unev.push_back(d.compliance->buckets.label(duty.frequency, b));
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
          << csv_field(d.compliance ? text::join(failed_text(p), "; ") : std::string()) << "\r\n";
    return;
  }
  const bool md = format == Format::Markdown;
  out << (md ? "# " : "") << "Accountability (一案双查): " << as_text(md, case_line) << '\n';
  if (!acc.of.description.empty()) out << as_text(md, acc.of.description) << '\n';
  if (!d.compliance) out << "(no performance records: failed duties are not known)\n";
  out << '\n';
  if (md) out << "| responsibility | post | role | via | failed duties |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& p : acc.posts) {
    const auto failed = d.compliance ? failed_text(p) : std::vector<std::string>{};
    if (md) {
      out << "| " << chain::chinese(p.responsibility) << " | "
          << md_cell(c.ids[p.node] + " " + c.names[p.node]) << " | " << md_cell(role_name(d, p.node)) << " | "
          << md_cell(fmt::format("{} ({})", c.ids[p.via], chain::chinese(p.via_kind))) << " | "
          << md_cell(failed.empty() ? "—" : text::join(failed, "; ")) << " |\n";
      continue;
    }
    out << fmt::format("{} {} {} [{}] via {} ({})\n", chain::chinese(p.responsibility), c.ids[p.node],
                       c.names[p.node], role_name(d, p.node).empty() ? "no role" : role_name(d, p.node),
                       c.ids[p.via], chain::chinese(p.via_kind));
    if (!d.compliance) continue;
    if (failed.empty()) out << "    no failed duty bears on the case\n";
    for (const auto& f : failed) out << "    failed " << f << '\n';
  }
  out << (md ? "\n" : "") << "path: ";
  std::vector<std::string> ids;
  for (auto v : acc.path) ids.push_back(c.ids[v]);
  out << text::join(ids, " → ") << '\n';
}

void write_dot(std::ostream& out, const assessment::ChainData& d, const chain::Analysis& a) {
  const auto& c = d.chain;
  std::map<std::uint32_t, std::vector<std::string>> marks;  // node -> gap kinds
  std::map<std::uint32_t, std::vector<std::string>> industry_marks;
  for (const auto& g : a.gaps) {
    for (auto v : g.nodes) {
      auto& m = marks[v];
      const std::string k(chain::chinese(g.kind));
      if (std::find(m.begin(), m.end(), k) == m.end()) m.push_back(k);
    }
    if (g.industry != k_no_index) industry_marks[g.industry].emplace_back(chain::chinese(g.kind));
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
    if (it != marks.end()) label += "\n⚠ " + text::join(it->second, "、");
    out << fmt::format("  \"{}\" [label=\"{}\", shape={}{}];\n", dot_escape(c.ids[v]), dot_escape(label),
                       post ? "ellipse" : (c.kind[v] == chain::NodeKind::Enterprise ? "box3d" : "box"),
                       it != marks.end() ? ", color=red, fontcolor=red, penwidth=2" : "");
  }
  for (std::uint32_t i = 0; i < c.industries.size(); ++i) {
    std::string label = "行业: " + c.industries[i];
    const auto it = industry_marks.find(i);
    if (it != industry_marks.end()) label += "\n⚠ " + text::join(it->second, "、");
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
        out << fmt::format("  \"{}\" -> \"{}\" [label=\"隶属\"];\n", dot_escape(c.ids[e.to]),
                           dot_escape(c.ids[e.from]));
        break;
      case chain::EdgeKind::Oversees:
        out << fmt::format("  \"{}\" -> \"{}\" [label=\"分管\", style=dashed];\n", dot_escape(c.ids[e.from]),
                           dot_escape(c.ids[e.to]));
        break;
      case chain::EdgeKind::Regulates:
        out << fmt::format("  \"{}\" -> \"industry:{}\" [label=\"{}\", color=blue];\n",
                           dot_escape(c.ids[e.from]), dot_escape(c.industries[e.to]),
                           e.lead ? "行业监管（牵头）" : "行业监管");
        break;
      case chain::EdgeKind::Supervises:
        out << fmt::format("  \"{}\" -> \"{}\" [label=\"属地监管\", color=darkgreen];\n",
                           dot_escape(c.ids[e.from]), dot_escape(c.ids[e.to]));
        break;
    }
  }
  out << "}\n";
}

void write_attribution(std::ostream& out, Format format, const assessment::Assessment& a,
                       const score::Results& r, const assessment::Attribution& att) {
  const auto& rules = a.rules;
  const int p = rules.precision;
  const std::size_t u = att.unit;
  if (format == Format::Json) {
    ordered_json j;
    j["unit"] = {{"id", a.units.ids[u]}, {"name", a.units.names[u]}};
    j["total"] = r.total[u];
    j["lost"] = att.lost;
    ordered_json inds = ordered_json::array();
    for (const auto& l : att.indicators) {
      const auto& ind = rules.indicators[l.indicator];
      ordered_json shares = ordered_json::array();
      for (const auto& s : l.shares)
        shares.push_back(
            {{"id", s.id}, {"name", s.name}, {"count", s.count}, {"points", s.points}, {"what", s.what}});
      inds.push_back({{"indicator", ind.id},
                      {"name", ind.name},
                      {"points", ind.points},
                      {"scored", r.outcome(u, l.indicator).points},
                      {"lost", l.lost},
                      {"source", l.source.empty() ? ordered_json(nullptr) : ordered_json(l.source)},
                      {"shares", std::move(shares)}});
    }
    j["indicators"] = std::move(inds);
    out << json_text(j, 2) << '\n';
    return;
  }
  if (format == Format::Csv) {
    out << "unit,indicator,indicator_name,lost,source,who,who_name,count,points,what\r\n";
    for (const auto& l : att.indicators) {
      const auto& ind = rules.indicators[l.indicator];
      auto prefix = [&] {
        return csv_field(a.units.ids[u]) + ',' + csv_field(ind.id) + ',' + csv_field(ind.name) + ',' +
               text::fixed(l.lost, p) + ',' + csv_field(l.source) + ',';
      };
      if (l.shares.empty()) out << prefix() << ",,,,\r\n";
      for (const auto& s : l.shares)
        out << prefix() << csv_field(s.id) << ',' << csv_field(s.name) << ',' << s.count << ','
            << text::fixed(s.points, p) << ',' << csv_field(s.what) << "\r\n";
    }
    return;
  }
  const bool md = format == Format::Markdown;
  out << (md ? "# " : "")
      << fmt::format("Lost points — {} {}: total {} of 100, {} lost in indicators\n",
                     as_text(md, a.units.ids[u]), as_text(md, a.units.names[u]), text::fixed(r.total[u], p),
                     text::fixed(att.lost, p));
  out << '\n';
  for (const auto& l : att.indicators) {
    const auto& ind = rules.indicators[l.indicator];
    out << (md ? "## " : "")
        << fmt::format("{} {}: {} of {}, lost {}\n", ind.id, ind.name,
                       text::fixed(r.outcome(u, l.indicator).points, p), text::plain(ind.points),
                       text::fixed(l.lost, p));
    if (l.source.empty()) {
      out << (md ? "\n" : "  ")
          << "the data stops at the unit: nothing below it is recorded for this indicator\n\n";
      continue;
    }
    out << (md ? "\n" : "  ") << "from " << as_text(md, l.source) << "\n";
    if (l.shares.empty()) {
      out << (md ? "\n" : "  ") << "no enterprise or post below the unit falls short\n\n";
      continue;
    }
    if (md) {
      out << "\n| who | points | why |\n| --- | ---: | --- |\n";
      for (const auto& s : l.shares)
        out << "| " << md_cell(s.id == s.name ? s.name : s.id + " " + s.name) << " | "
            << text::fixed(s.points, p) << " | " << md_cell(s.what) << " |\n";
      out << '\n';
      continue;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : l.shares)
      rows.push_back({s.id == s.name ? s.name : s.id + " " + s.name, text::fixed(s.points, p), s.what});
    std::ostringstream table;
    write_text_table(table, TextTable{{"who", "points", "why"}, rows, {false, true, false}});
    std::istringstream lines(table.str());
    for (std::string line; std::getline(lines, line);) out << "  " << line << '\n';
    out << '\n';
  }
}

}  // namespace safeassess::report
