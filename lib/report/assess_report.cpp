#include "report/assess_report.hpp"

#include <fmt/format.h>

#include <xlsxwriter.h>
#include <cerrno>
#include <cstring>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "chain/graph.hpp"
#include "core/date.hpp"
#include "core/text.hpp"
#include "report/chain_report.hpp"
#include "report/json_text.hpp"
#include "report/ledger_report.hpp"
#include "report/risk_report.hpp"
#include "report/score_report.hpp"

namespace safeassess::report {

using nlohmann::ordered_json;

std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        // Control characters other than tab and newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') continue;
        out += c;
    }
  return out;
}

std::string cell_text(std::string_view s) {
  // Excel holds at most 32,767 characters in a cell; libxlsxwriter would leave a longer one
  // out. Keep what fits, on a character boundary, and say it was cut.
  constexpr std::size_t k_cell_max = 32000;
  std::string v(s);
  if (v.size() > k_cell_max) {
    std::size_t cut = k_cell_max;
    while (cut > 0 && (static_cast<unsigned char>(v[cut]) & 0xC0) == 0x80) --cut;
    v.resize(cut);
    v += "…(truncated)";
  }
  if (!v.empty() &&
      (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  return v;
}

namespace {

template <class F>
std::string capture(F&& write) {
  std::ostringstream out;
  write(out);
  return out.str();
}

// A blank line, then what `write` writes.
template <class F>
std::string capture_after_blank(F&& write) {
  std::ostringstream out;
  out << '\n';
  write(out);
  return out.str();
}

bool has_chain(const AssessData& d) {
  return d.analysis && d.a->chain;
}
bool has_duties(const AssessData& d) {
  return d.a->chain && d.a->chain->compliance;
}

std::string fixed(const AssessData& d, double v) {
  return text::fixed(v, d.a->rules.precision);
}

// Gaps that concern a unit: any of their nodes belongs to it, or (attenuation) it is theirs.
bool gap_in_unit(const assessment::ChainData& c, const chain::Gap& g, std::size_t u) {
  if (g.kind == chain::GapKind::Attenuation) return g.unit == u;
  for (auto v : g.nodes)
    if (c.chain.unit[v] == u) return true;
  for (auto v : g.below)
    if (c.chain.unit[v] == u) return true;
  return false;
}

}  // namespace

AssessData::AssessData(const assessment::Run& run, std::string version_,
                       std::optional<std::string> timestamp_)
    : a(&run.a),
      r(&run.results),
      ledger(run.a.ledger ? &*run.a.ledger : nullptr),
      analysis(run.analysis ? &*run.analysis : nullptr),
      matrix(run.risks ? &run.risks->matrix : nullptr),
      risks(run.risks ? &run.risks->list : nullptr),
      attributions(run.attributions),
      gates(run.gates),
      version(std::move(version_)),
      timestamp(std::move(timestamp_)) {}

// ---------------------------------------------------------------------------- JSON

void write_json_report(std::ostream& out, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  // Each part as its own subcommand writes it, or null when the run has no data for it.
  auto part = [](bool present, std::function<void(std::ostream&)> write) {
    return [present, write = std::move(write)](std::ostream& o) {
      if (present)
        write(o);
      else
        o << "null";
    };
  };
  std::vector<JsonMember> extra;
  extra.push_back({"hazards", part(d.ledger != nullptr, [&](std::ostream& o) {
                     write_ledger(o, Format::Json, *d.ledger, a.units.names, a.rules.id);
                   })});
  extra.push_back({"duties", part(has_duties(d), [&](std::ostream& o) {
                     write_duties(o, Format::Json, *a.chain, a.units.names);
                   })});
  extra.push_back({"chain", part(has_chain(d), [&](std::ostream& o) {
                     write_gaps(o, Format::Json, *a.chain, *d.analysis, a.units.names);
                   })});
  extra.push_back({"risks", part(d.risks != nullptr, [&](std::ostream& o) {
                     write_risk(o, Format::Json, *d.matrix, *d.risks);
                   })});
  extra.push_back({"attribution", [&](std::ostream& o) {
                     o << '[';
                     for (std::size_t k = 0; k < d.attributions.size(); ++k) {
                       o << (k ? ",\n" : "\n");
                       write_attribution(o, Format::Json, a, r, d.attributions[k]);
                     }
                     o << (d.attributions.empty() ? "]" : "\n  ]");
                   }});
  extra.push_back({"gates", [&](std::ostream& o) {
                     const auto& cases = d.gates;
                     o << '[';
                     for (std::size_t k = 0; k < cases.size(); ++k) {
                       const auto& g = cases[k];
                       o << (k ? ",\n    " : "\n    ")
                         << json_text(ordered_json{{"unit", a.units.ids[g.unit]},
                                                   {"gate", g.gate},
                                                   {"asked", g.asked},
                                                   {"holds", g.holds},
                                                   {"tripped", g.tripped()},
                                                   {"detail", g.detail}});
                     }
                     o << (cases.empty() ? "]" : "\n  ]");
                   }});
  write_json(out, a, r, d.timestamp, extra);
}

// ---------------------------------------------------------------------------- JUnit

std::string junit_report(const AssessData& d) {
  const auto& a = *d.a;
  const auto& cases = d.gates;
  std::size_t failures = 0;
  for (const auto& c : cases) failures += c.tripped();
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n",
                   xml_escape("safeassess " + a.manifest.name), cases.size(), failures);
  x += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\"{}>\n",
      xml_escape(fmt::format("gates: {} ({} {})", a.manifest.name, a.rules.id, a.rules.version)),
      cases.size(), failures,
      d.timestamp ? fmt::format(" timestamp=\"{}\"", xml_escape(*d.timestamp)) : std::string());
  x += "    <properties>\n";
  x += fmt::format("      <property name=\"ruleset\" value=\"{}\"/>\n",
                   xml_escape(fmt::format("{} {} sha256:{}", a.rules.id, a.rules.version, a.rules.sha256)));
  x += fmt::format("      <property name=\"period\" value=\"{}\"/>\n", xml_escape(a.manifest.period));
  x += fmt::format("      <property name=\"tool\" value=\"safeassess {}\"/>\n", xml_escape(d.version));
  x += "    </properties>\n";
  for (const auto& c : cases) {
    const std::string cls = fmt::format("{} {}", a.units.ids[c.unit], a.units.names[c.unit]);
    x += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", xml_escape(cls),
                     xml_escape(c.gate));
    if (c.tripped()) {
      x += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                       xml_escape(fmt::format("gate {} tripped: {}", c.gate, c.detail)), xml_escape(c.gate),
                       xml_escape(c.detail));
    } else if (c.holds) {
      x += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n",
                       xml_escape(fmt::format("{} (gate not asked for)", c.detail)));
    } else {
      x += "/>\n";
    }
  }
  x += "  </testsuite>\n</testsuites>\n";
  return x;
}

// ---------------------------------------------------------------------------- CSV

std::vector<std::pair<std::string, std::string>> csv_tables(const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  std::vector<std::pair<std::string, std::string>> t;
  t.emplace_back("ranking.csv", capture([&](std::ostream& o) { write_csv(o, a, r); }));
  std::string ind =
      "unit,unit_name,category,indicator,indicator_name,method,points,max,achievement,status\r\n";
  for (auto u : r.order)
    for (std::size_t i = 0; i < r.indicators; ++i) {
      const auto& def = a.rules.indicators[i];
      const auto& o = r.outcome(u, i);
      ind += fmt::format("{},{},{},{},{},{},{},{},{},{}\r\n", csv_field(a.units.ids[u]),
                         csv_field(a.units.names[u]), csv_field(a.rules.categories[def.category].id),
                         csv_field(def.id), csv_field(def.name), ruleset::spec(def.method).name,
                         fixed(d, o.points), text::plain(def.points), text::fixed(o.achievement, 4),
                         o.status == score::Status::Scored        ? "scored"
                         : o.status == score::Status::MissingZero ? "missing-zero"
                                                                  : "excluded");
    }
  t.emplace_back("indicators.csv", std::move(ind));
  if (d.ledger)
    t.emplace_back("hazards.csv", capture([&](std::ostream& o) {
                     write_ledger(o, Format::Csv, *d.ledger, a.units.names, a.rules.id);
                   }));
  if (has_duties(d))
    t.emplace_back("duties.csv",
                   capture([&](std::ostream& o) { write_duties(o, Format::Csv, *a.chain, a.units.names); }));
  if (has_chain(d))
    t.emplace_back("gaps.csv", capture([&](std::ostream& o) {
                     write_gaps(o, Format::Csv, *a.chain, *d.analysis, a.units.names);
                   }));
  if (d.risks)
    t.emplace_back("risks.csv",
                   capture([&](std::ostream& o) { write_risk(o, Format::Csv, *d.matrix, *d.risks); }));
  if (!d.attributions.empty()) {
    std::string all;
    for (std::size_t k = 0; k < d.attributions.size(); ++k) {
      std::string part =
          capture([&](std::ostream& o) { write_attribution(o, Format::Csv, a, r, d.attributions[k]); });
      if (k > 0) part.erase(0, part.find('\n') + 1);  // one header
      all += part;
    }
    t.emplace_back("attribution.csv", std::move(all));
  }
  std::string gates = "unit,gate,asked,holds,tripped,detail\r\n";
  for (const auto& g : d.gates)
    gates += fmt::format("{},{},{},{},{},{}\r\n", csv_field(a.units.ids[g.unit]), csv_field(g.gate), g.asked,
                         g.holds, g.tripped(), csv_field(g.detail));
  t.emplace_back("gates.csv", std::move(gates));
  return t;
}

// ---------------------------------------------------------------------------- Markdown

std::string markdown_report(const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  std::string md = capture([&](std::ostream& o) { write_markdown(o, a, r); });
  if (d.ledger)
    md += capture_after_blank(
        [&](std::ostream& o) { write_ledger(o, Format::Markdown, *d.ledger, a.units.names, a.rules.id); });
  if (has_duties(d))
    md += capture_after_blank(
        [&](std::ostream& o) { write_duties(o, Format::Markdown, *a.chain, a.units.names); });
  if (has_chain(d))
    md += capture_after_blank(
        [&](std::ostream& o) { write_gaps(o, Format::Markdown, *a.chain, *d.analysis, a.units.names); });
  if (d.risks)
    md += capture_after_blank([&](std::ostream& o) { write_risk(o, Format::Markdown, *d.matrix, *d.risks); });
  for (const auto& x : d.attributions)
    md += capture_after_blank([&](std::ostream& o) { write_attribution(o, Format::Markdown, a, r, x); });
  md += "\n# Appendix\n\n";
  md += fmt::format("- ruleset: {} {} ({}), sha256 `{}`\n", md_cell(a.rules.id), md_cell(a.rules.version),
                    md_cell(a.rules.name), a.rules.sha256);
  for (const auto& f : a.files)
    md += fmt::format("- {}: {} sha256 `{}`\n", f.role, md_cell(f.path), f.sha256);
  md += fmt::format("- tool: safeassess {}\n", d.version);
  if (d.timestamp) md += fmt::format("- generated: {}\n", *d.timestamp);
  return md;
}

// ---------------------------------------------------------------------------- HTML

namespace {

const char* const k_css = R"(
:root { --fg:#1d2330; --muted:#5b6472; --line:#d9dee7; --ok:#2e7d32; --warn:#c77700; --bad:#c62828; --bar:#3d6fb6; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.6 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: var(--fg); }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5em; margin: .4em 0; } h2 { font-size: 1.25em; border-bottom: 2px solid var(--line); padding-bottom: .2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.meta { color: var(--muted); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: .85em; color: #fff; background: var(--muted); }
.tag.bad { background: var(--bad); } .tag.warn { background: var(--warn); } .tag.ok { background: var(--ok); }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; font-size: 12px; line-height: 1.45; white-space: pre; }
details summary { cursor: pointer; color: var(--bar); }
svg text { font-family: inherit; }
nav a { margin-right: .8em; }
@media (max-width: 600px) { body { font-size: 14px; } main { padding: 8px; } th, td { padding: 3px 4px; } }
@media print { nav { display: none; } section.unit, section#chain, section#appendix { break-before: page; } details { display: block; } details > summary { display: none; } pre { white-space: pre-wrap; } a { color: inherit; text-decoration: none; } }
)";

std::string tag(std::string_view text_, const char* cls) {
  return fmt::format("<span class=\"tag {}\">{}</span>", cls, xml_escape(text_));
}

// Horizontal bars: label, value out of max.
std::string bar_chart(const std::string& id, const std::vector<std::tuple<std::string, double, double>>& bars,
                      int precision, const std::vector<std::pair<std::string, double>>& marks = {}) {
  const int row = 26, label_w = 170, bar_w = 360, h = static_cast<int>(bars.size()) * row + 24;
  double scale_max = 0;
  for (const auto& [l, v, m] : bars) scale_max = std::max(scale_max, m);
  if (scale_max <= 0) scale_max = 1;
  std::string s = fmt::format(
      "<svg class=\"chart\" id=\"{}\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"100%\" "
      "preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\n",
      xml_escape(id), label_w + bar_w + 90, h);
  int y = 4;
  for (const auto& [label, value, max] : bars) {
    const double w = bar_w * std::clamp(max, 0.0, scale_max) / scale_max;
    const double f = bar_w * std::clamp(value, 0.0, scale_max) / scale_max;
    const double share = max > 0 ? value / max : 0;
    const char* colour = share >= 0.9 ? "#2e7d32" : share >= 0.6 ? "#3d6fb6" : "#c62828";
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"13\">{}</text>\n", label_w - 6,
                     y + 16, xml_escape(label));
    s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"18\" fill=\"#e8ecf2\"/>\n", label_w,
                     y + 3, w);
    s += fmt::format("<rect class=\"bar\" x=\"{}\" y=\"{}\" width=\"{:.1f}\" height=\"18\" fill=\"{}\"/>\n",
                     label_w, y + 3, f, colour);
    s += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"12\">{} / {}</text>\n", label_w + w + 6, y + 16,
                     text::fixed(value, precision), text::plain(max));
    y += row;
  }
  for (const auto& [name, at] : marks) {
    const double x = label_w + bar_w * at / scale_max;
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"0\" x2=\"{0:.1f}\" y2=\"{1}\" stroke=\"#888\" stroke-dasharray=\"3,3\"/>\n"
        "<text x=\"{0:.1f}\" y=\"{2}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{3} "
        "{4}</text>\n",
        x, h - 14, h - 2, xml_escape(name), text::plain(at));
  }
  return s + "</svg>\n";
}

// The chain as layers from the top (breadth-first), unreachable nodes last; gap nodes red.
std::string chain_svg(const AssessData& d) {
  const auto& c = d.a->chain->chain;
  const std::size_t n = c.size();
  constexpr std::size_t k_max_nodes = 400;
  if (n > k_max_nodes)
    return fmt::format(
        "<p class=\"meta\">The chain has {} nodes; the diagram is drawn for at most {}. Use "
        "<code>safeassess trace -f dot</code> for the whole picture.</p>\n",
        n, k_max_nodes);
  const auto graph = chain::build_graph(c);
  std::vector<int> depth(n, -1);
  std::vector<std::uint32_t> queue;
  for (auto t : graph.tops) {
    depth[t] = 0;
    queue.push_back(t);
  }
  for (std::size_t i = 0; i < queue.size(); ++i)
    for (auto e : boost::make_iterator_range(out_edges(queue[i], graph.g))) {
      auto t = static_cast<std::uint32_t>(target(e, graph.g));
      if (t >= graph.nodes) {  // through an industry
        for (auto e2 : boost::make_iterator_range(out_edges(t, graph.g))) {
          const auto t2 = static_cast<std::uint32_t>(target(e2, graph.g));
          if (t2 < n && depth[t2] < 0) {
            depth[t2] = depth[queue[i]] + 2;
            queue.push_back(t2);
          }
        }
        continue;
      }
      if (depth[t] < 0) {
        depth[t] = depth[queue[i]] + 1;
        queue.push_back(t);
      }
    }
  int max_depth = 0;
  for (auto x : depth) max_depth = std::max(max_depth, x);
  for (auto& x : depth)
    if (x < 0) x = max_depth + 1;
  std::map<int, std::vector<std::uint32_t>> layers;
  for (std::uint32_t v = 0; v < n; ++v) layers[depth[v]].push_back(v);
  std::size_t widest = 1;
  for (const auto& [k, l] : layers) widest = std::max(widest, l.size());
  const int box_w = 128, box_h = 40, gap_x = 12, gap_y = 46;
  const int width = static_cast<int>(widest) * (box_w + gap_x) + gap_x;
  const int height = static_cast<int>(layers.size()) * (box_h + gap_y) + gap_y;
  std::vector<std::pair<int, int>> pos(n);
  int row = 0;
  for (const auto& [k, l] : layers) {
    const int offset = (width - static_cast<int>(l.size()) * (box_w + gap_x)) / 2;
    for (std::size_t i = 0; i < l.size(); ++i)
      pos[l[i]] = {offset + static_cast<int>(i) * (box_w + gap_x) + gap_x / 2,
                   gap_y / 2 + row * (box_h + gap_y)};
    ++row;
  }
  std::vector<std::string> marks(n);
  for (const auto& g : d.analysis->gaps)
    for (auto v : g.nodes) {
      const std::string k(chain::chinese(g.kind));
      if (marks[v].find(k) == std::string::npos)
        marks[v] += fmt::format("{}{}", marks[v].empty() ? "" : "、", k);
    }
  std::string s = fmt::format(
      "<div class=\"scroll\"><svg class=\"chart\" id=\"chain-diagram\" role=\"img\" viewBox=\"0 0 {0} {1}\" "
      "width=\"{0}\" height=\"{1}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
      "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
      "markerHeight=\"6\" "
      "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#888\"/></marker></defs>\n",
      width, height);
  auto line = [&](std::uint32_t from, std::uint32_t to, const char* colour, const char* dash) {
    s += fmt::format(
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1\"{} "
        "marker-end=\"url(#arrow)\"/>\n",
        pos[from].first + box_w / 2, pos[from].second + box_h, pos[to].first + box_w / 2, pos[to].second,
        colour, dash[0] ? fmt::format(" stroke-dasharray=\"{}\"", dash) : std::string());
  };
  for (std::uint32_t v = 0; v < n; ++v)
    if (c.parent[v] != chain::k_no_index) line(c.parent[v], v, "#999", "");
  for (const auto& e : c.edges) switch (e.kind) {
      case chain::EdgeKind::Reports:
        line(e.to, e.from, "#999", "");
        break;
      case chain::EdgeKind::Oversees:
        line(e.from, e.to, "#777", "4,3");
        break;
      case chain::EdgeKind::Supervises:
        line(e.from, e.to, "#2e7d32", "");
        break;
      case chain::EdgeKind::Regulates:
        for (std::uint32_t v = 0; v < n; ++v)
          if (c.kind[v] == chain::NodeKind::Enterprise && c.industry[v] == e.to)
            line(e.from, v, "#3d6fb6", "2,2");
        break;
    }
  for (std::uint32_t v = 0; v < n; ++v) {
    const bool gap = !marks[v].empty();
    const bool post = c.is_post(v);
    s += fmt::format(
        "<g class=\"node{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" "
        "fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
        gap ? " gap" : "",
        xml_escape(fmt::format("{} {}{}", c.ids[v], c.names[v], gap ? "：" + marks[v] : std::string())),
        pos[v].first, pos[v].second, box_w, box_h, post ? 14 : 2,
        c.kind[v] == chain::NodeKind::Enterprise ? "#fff8e1"
        : post                                   ? "#f3f6fb"
                                                 : "#ffffff",
        gap ? "#c62828" : "#8a94a6", gap ? 2 : 1);
    std::string name = c.names[v];
    if (text::display_width(name) > 20) {
      // Cut to about 10 CJK characters, on a character boundary.
      std::size_t cut = 0, w = 0;
      while (cut < name.size()) {
        std::size_t len = 1;
        const auto b = static_cast<unsigned char>(name[cut]);
        if (b >= 0xF0)
          len = 4;
        else if (b >= 0xE0)
          len = 3;
        else if (b >= 0xC0)
          len = 2;
        w += text::display_width(std::string_view(name).substr(cut, len));
        if (w > 18) break;
        cut += len;
      }
      name = name.substr(0, cut) + "…";
    }
    s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\"{}>{}</text>\n",
                     pos[v].first + box_w / 2, pos[v].second + 16, gap ? " fill=\"#c62828\"" : "",
                     xml_escape(name));
    std::string sub = std::string(chain::chinese(c.kind[v]));
    if (d.a->chain->compliance && d.a->chain->compliance->is_holder(v) &&
        d.a->chain->compliance->by_node[v].due)
      sub = fmt::format("履职 {}%", text::fixed(d.a->chain->compliance->by_node[v].rate(), 0));
    if (c.kind[v] == chain::NodeKind::Enterprise) sub = c.industries[c.industry[v]];
    s += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5b6472\">{}</text></g>\n",
        pos[v].first + box_w / 2, pos[v].second + 32, xml_escape(sub));
  }
  return s +
         "</svg></div>\n<p class=\"meta\">Boxes: organisations; rounded: posts (with duty compliance); "
         "yellow: enterprises. Grey lines: belongs to / reports to; dashed: oversees (分管); green: "
         "supervises "
         "(属地监管); blue dotted: regulates the enterprise's industry. Red: a node in a gap.</p>\n";
}

void table_html(std::string& h, const std::vector<std::string>& head,
                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& numeric,
                bool raw_last = false) {
  h += "<div class=\"scroll\"><table>\n<thead><tr>";
  for (std::size_t i = 0; i < head.size(); ++i)
    h += fmt::format("<th{}>{}</th>", numeric[i] ? " class=\"num\"" : "", xml_escape(head[i]));
  h += "</tr></thead>\n<tbody>\n";
  for (const auto& r : rows) {
    h += "<tr>";
    for (std::size_t i = 0; i < r.size(); ++i)
      h += fmt::format("<td{}>{}</td>", numeric[i] ? " class=\"num\"" : "",
                       raw_last && i + 1 == r.size() ? r[i] : xml_escape(r[i]));
    h += "</tr>\n";
  }
  h += "</tbody></table></div>\n";
}

}  // namespace

void write_html_report(std::ostream& out, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  const auto& rules = a.rules;
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                   xml_escape(a.manifest.name), k_css);
  h += fmt::format(
      "<header><h1>{}</h1>\n<p class=\"meta\">period {} · {}ruleset {} {} ({}) · {} units</p></header>\n",
      xml_escape(a.manifest.name), xml_escape(a.manifest.period),
      a.manifest.assessor.empty() ? std::string() : xml_escape(a.manifest.assessor) + " · ",
      xml_escape(rules.id), xml_escape(rules.version), xml_escape(rules.name), a.units.size());
  h += "<nav><a href=\"#summary\">summary 总览</a>";
  if (has_chain(d)) h += "<a href=\"#chain\">chain 责任链</a>";
  if (d.ledger) h += "<a href=\"#hazards\">hazards 隐患</a>";
  if (d.risks) h += "<a href=\"#risks\">risks 风险</a>";
  h += "<a href=\"#appendix\">appendix 附录</a></nav>\n";

  // Summary.
  h += "<section id=\"summary\">\n<h2>Summary 考核总览</h2>\n";
  std::vector<std::tuple<std::string, double, double>> bars;
  for (auto u : r.order) bars.emplace_back(a.units.names[u], r.total[u], 100.0);
  std::vector<std::pair<std::string, double>> marks;
  for (const auto& g : rules.grades)
    if (g.min > 0) marks.emplace_back(g.name, g.min);
  h += bar_chart("ranking-chart", bars, rules.precision, marks);
  std::vector<std::vector<std::string>> rows;
  for (auto u : r.order) {
    std::vector<std::string> vetoes;
    for (auto v : r.vetoes[u]) vetoes.push_back(rules.vetoes[v].name);
    rows.push_back({std::to_string(r.rank[u]),
                    fmt::format("<a href=\"#unit-{}\">{} {}</a>", xml_escape(a.units.ids[u]),
                                xml_escape(a.units.ids[u]), xml_escape(a.units.names[u])),
                    fixed(d, r.total[u]), xml_escape(rules.grades[r.grade[u]].name),
                    fmt::format("{}{}", vetoes.empty() ? std::string() : tag(text::join(vetoes, "；"), "bad"),
                                r.interview[u] ? fmt::format(" {}", tag("约谈", "warn")) : std::string())});
  }
  h +=
      "<div class=\"scroll\"><table id=\"ranking\">\n<thead><tr><th class=\"num\">rank 排名</th><th>unit "
      "单位</th>"
      "<th class=\"num\">total 总分</th><th>grade 等次</th><th>veto / interview</th></tr></thead>\n<tbody>\n";
  for (const auto& row : rows)
    h += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
        row[0], row[1], row[2], row[3], row[4]);
  h += "</tbody></table></div>\n";
  std::vector<std::string> interview;
  for (auto u : r.order)
    if (r.interview[u])
      interview.push_back(xml_escape(fmt::format("{} {}", a.units.ids[u], a.units.names[u])));
  h += fmt::format("<p><strong>Interview list 约谈名单</strong>: {}</p>\n",
                   interview.empty() ? std::string("none") : text::join(interview, "、"));
  std::size_t tripped = 0;
  for (const auto& g : d.gates) tripped += g.tripped();
  h += fmt::format("<p><strong>Gates</strong>: {}</p>\n",
                   tripped ? tag(fmt::format("{} tripped", tripped), "bad") : tag("none tripped", "ok"));
  h += "</section>\n";

  // One section per unit.
  std::vector<std::size_t> attribution_of(a.units.size(), SIZE_MAX);
  for (std::size_t k = 0; k < d.attributions.size(); ++k) attribution_of[d.attributions[k].unit] = k;
  for (auto u : r.order) {
    h += fmt::format("<section class=\"unit\" id=\"unit-{}\">\n<h2>{} {} — {} · {} · rank {}</h2>\n",
                     xml_escape(a.units.ids[u]), xml_escape(a.units.ids[u]), xml_escape(a.units.names[u]),
                     fixed(d, r.total[u]), xml_escape(rules.grades[r.grade[u]].name), r.rank[u]);
    std::vector<std::tuple<std::string, double, double>> cats;
    for (std::size_t c = 0; c < r.categories; ++c)
      cats.emplace_back(rules.categories[c].name, r.category(u, c), rules.categories[c].weight);
    h += bar_chart("categories-" + a.units.ids[u], cats, rules.precision);
    rows.clear();
    for (std::size_t i = 0; i < r.indicators; ++i) {
      const auto& def = rules.indicators[i];
      const auto& o = r.outcome(u, i);
      rows.push_back({rules.categories[def.category].name, def.id + " " + def.name,
                      std::string(ruleset::spec(def.method).name), fixed(d, o.points),
                      text::plain(def.points),
                      o.status == score::Status::Scored        ? ""
                      : o.status == score::Status::MissingZero ? "missing → 0"
                                                               : "excluded, renormalised"});
    }
    table_html(h, {"category 类别", "indicator 指标", "method", "points 得分", "max 满分", "note"}, rows,
               {false, false, false, true, true, false});
    h += "<details><summary>Every number explained 计分过程</summary>\n<pre>";
    h += xml_escape(capture([&](std::ostream& o) { write_explain(o, a, r, u); }));
    h += "</pre></details>\n";
    if (has_chain(d)) {
      rows.clear();
      for (const auto& g : d.analysis->gaps)
        if (gap_in_unit(*a.chain, g, u)) rows.push_back({std::string(chain::chinese(g.kind)), g.why});
      h += "<h3>Chain gaps 责任链缺口</h3>\n";
      if (rows.empty())
        h += "<p>none</p>\n";
      else
        table_html(h, {"kind 类型", "why 说明"}, rows, {false, false});
    }
    if (d.ledger) {
      rows.clear();
      for (const auto& x : d.ledger->overdue)
        if (x.unit == a.units.ids[u])
          rows.push_back({x.id, x.enterprise, x.level == hazard::Level::Major ? "重大" : "一般",
                          date::format(x.deadline), std::to_string(x.days_overdue), colour_name(x.colour)});
      h += "<h3>Overdue hazards 逾期隐患</h3>\n";
      if (rows.empty())
        h += "<p>none</p>\n";
      else
        table_html(
            h, {"hazard 隐患", "enterprise 企业", "level 等级", "deadline 期限", "days 逾期天数", "colour"},
            rows, {false, false, false, false, true, false});
    }
    if (attribution_of[u] != SIZE_MAX) {
      const auto& att = d.attributions[attribution_of[u]];
      rows.clear();
      for (const auto& l : att.indicators)
        for (const auto& s : l.shares)
          rows.push_back({rules.indicators[l.indicator].name, s.id == s.name ? s.name : s.id + " " + s.name,
                          fixed(d, s.points), s.what});
      h += "<h3>Who lost the points 失分责任</h3>\n";
      if (rows.empty())
        h += "<p>nothing below the unit accounts for a lost point</p>\n";
      else
        table_html(h, {"indicator 指标", "who 责任主体", "points 分值", "why 原因"}, rows,
                   {false, false, true, false});
    }
    h += "</section>\n";
    // One unit at a time: a report of a province is never held whole.
    out << h;
    h.clear();
  }

  if (has_chain(d)) {
    h += "<section id=\"chain\">\n<h2>Responsibility chain 责任链</h2>\n";
    rows.clear();
    for (const auto& g : d.analysis->gaps) {
      std::vector<std::string> ids;
      for (auto v : g.nodes) ids.push_back(a.chain->chain.ids[v]);
      rows.push_back({std::string(chain::chinese(g.kind)), text::join(ids, " "), g.why});
    }
    if (rows.empty())
      h += "<p>no gaps found</p>\n";
    else
      table_html(h, {"kind 类型", "nodes 节点", "why 说明"}, rows, {false, false, false});
    h += chain_svg(d);
    h += "</section>\n";
  }
  if (d.ledger) {
    h += "<section id=\"hazards\">\n<h2>Hazards 隐患台账</h2>\n";
    rows.clear();
    for (std::size_t k = 0; k < d.ledger->units.size(); ++k) {
      const auto& t = d.ledger->by_unit[k];
      rows.push_back({d.ledger->units[k], fmt::format("{}/{}", t.done[0], t.found[0]),
                      t.found[0] ? text::fixed(t.rate(hazard::Level::Major), 2) + "%" : "—",
                      fmt::format("{}/{}", t.done[1], t.found[1]),
                      t.found[1] ? text::fixed(t.rate(hazard::Level::General), 2) + "%" : "—",
                      std::to_string(t.overdue[0] + t.overdue[1]), std::to_string(t.invalid_closures)});
    }
    table_html(
        h,
        {"unit", "major done", "major rate", "general done", "general rate", "overdue", "invalid closures"},
        rows, {false, true, true, true, true, true, true});
    h += "</section>\n";
  }

  if (d.risks) {
    h += fmt::format(
        "<section id=\"risks\">\n<h2>Risks 风险分级</h2>\n<p class=\"meta\">matrix {} {} ({}){}</p>\n",
        xml_escape(d.matrix->id), xml_escape(d.matrix->version), xml_escape(d.matrix->name),
        d.matrix->verified ? "" : " · bands not verified");
    std::vector<std::string> head{"unit 单位"};
    std::vector<bool> numeric{false};
    for (const auto& l : d.matrix->levels) {
      head.push_back(fmt::format("{}（{}）", l.name, l.colour));
      numeric.push_back(true);
    }
    head.push_back("total");
    numeric.push_back(true);
    rows.clear();
    for (const auto& u : d.risks->units) {
      std::vector<std::string> row{u.unit};
      for (auto c : u.per_level) row.push_back(std::to_string(c));
      row.push_back(std::to_string(u.total));
      rows.push_back(std::move(row));
    }
    table_html(h, head, rows, numeric);
    rows.clear();
    for (const auto& p : d.risks->points)
      if (p.level == 0)
        rows.push_back({p.unit, p.id, p.name, text::plain(p.score), d.matrix->levels[p.level].name});
    h += fmt::format("<h3>{} 清单</h3>\n", xml_escape(d.matrix->levels.front().name));
    if (rows.empty())
      h += "<p>none</p>\n";
    else
      table_html(h, {"unit 单位", "id 编号", "risk point 风险点", "score 分值", "level 等级"}, rows,
                 {false, false, false, true, false});
    h += "</section>\n";
  }

  h += "<section id=\"appendix\">\n<h2>Appendix 附录</h2>\n";
  rows.clear();
  rows.push_back({"ruleset", fmt::format("{} {} {}", rules.id, rules.version, rules.name), rules.sha256});
  for (const auto& f : a.files) rows.push_back({f.role, f.path, f.sha256});
  table_html(h, {"role", "file", "sha256"}, rows, {false, false, false});
  h += fmt::format("<p class=\"meta\">safeassess {}{}. Missing-data policy: {}.</p>\n", xml_escape(d.version),
                   d.timestamp ? " · generated " + xml_escape(*d.timestamp) : std::string(),
                   ruleset::to_string(a.missing));
  h += "</section>\n</main>\n</body>\n</html>\n";
  out << h;
}

// ---------------------------------------------------------------------------- xlsx

void write_xlsx(const std::string& path, const std::string& shown, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  lxw_workbook_options options{};
  // Rows are written in order, so each sheet streams to a temporary file instead of memory:
  // the workbook of a province costs megabytes, not gigabytes.
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw Error(fmt::format("cannot write {}: {}", shown, std::strerror(errno)));
  lxw_doc_properties props{};
  std::string title = cell_text(a.manifest.name);
  props.title = title.data();
  // A fixed creation time unless --timestamp asked for one: the same inputs give the same bytes.
  props.created = 0;
  if (d.timestamp)
    props.created = static_cast<time_t>(std::time(nullptr));
  else
    props.created = static_cast<time_t>(date::parse_period(a.manifest.period)
                                            ? 86400LL * date::parse_period(a.manifest.period)->last
                                            : 86400LL);
  workbook_set_properties(wb, &props);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xE8ECF2);
  lxw_format* num = workbook_add_format(wb);
  format_set_num_format(num, a.rules.precision == 2 ? "0.00" : "0.####");
  auto sheet = [&](const char* name, const std::vector<std::string>& cols) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    for (std::size_t c = 0; c < cols.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cell_text(cols[c]).c_str(), head);
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
  };
  auto str = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s) {
    if (const lxw_error err = worksheet_write_string(ws, row, col, cell_text(s).c_str(), nullptr);
        err != LXW_NO_ERROR)
      throw Error(fmt::format("cannot write {}: {}", shown, lxw_strerror(err)));
  };
  auto dbl = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    if (std::isnan(v))
      worksheet_write_blank(ws, row, col, nullptr);
    else
      worksheet_write_number(ws, row, col, v, num);
  };
  {
    lxw_worksheet* ws = sheet("排名", {"排名", "单位编号", "单位名称", "总分", "等次", "一票否决", "约谈"});
    worksheet_set_column(ws, 2, 2, 16, nullptr);
    lxw_row_t row = 1;
    for (auto u : r.order) {
      std::vector<std::string> vetoes;
      for (auto v : r.vetoes[u]) vetoes.push_back(a.rules.vetoes[v].name);
      dbl(ws, row, 0, r.rank[u]);
      str(ws, row, 1, a.units.ids[u]);
      str(ws, row, 2, a.units.names[u]);
      dbl(ws, row, 3, r.total[u]);
      str(ws, row, 4, a.rules.grades[r.grade[u]].name);
      str(ws, row, 5, text::join(vetoes, "；"));
      str(ws, row, 6, r.interview[u] ? "是" : "");
      ++row;
    }
  }
  {
    lxw_worksheet* ws =
        sheet("指标明细", {"单位编号", "单位名称", "类别", "指标编号", "指标", "得分", "满分", "达成度"});
    worksheet_set_column(ws, 4, 4, 28, nullptr);
    lxw_row_t row = 1;
    for (auto u : r.order)
      for (std::size_t i = 0; i < r.indicators; ++i, ++row) {
        const auto& def = a.rules.indicators[i];
        str(ws, row, 0, a.units.ids[u]);
        str(ws, row, 1, a.units.names[u]);
        str(ws, row, 2, a.rules.categories[def.category].name);
        str(ws, row, 3, def.id);
        str(ws, row, 4, def.name);
        dbl(ws, row, 5, r.outcome(u, i).points);
        dbl(ws, row, 6, def.points);
        dbl(ws, row, 7, r.outcome(u, i).achievement);
      }
  }
  if (has_chain(d)) {
    lxw_worksheet* ws = sheet("责任链缺口", {"类型", "kind", "节点", "说明"});
    worksheet_set_column(ws, 3, 3, 80, nullptr);
    lxw_row_t row = 1;
    for (const auto& g : d.analysis->gaps) {
      std::vector<std::string> ids;
      for (auto v : g.nodes) ids.push_back(a.chain->chain.ids[v]);
      str(ws, row, 0, chain::chinese(g.kind));
      str(ws, row, 1, chain::to_string(g.kind));
      str(ws, row, 2, text::join(ids, " "));
      str(ws, row, 3, g.why);
      ++row;
    }
  }
  if (has_duties(d)) {
    lxw_worksheet* ws = sheet("履职", {"岗位编号", "岗位", "角色", "层级", "考核单位", "应履职期数", "已履职",
                                       "无佐证", "履职率(%)"});
    const auto& c = a.chain->chain;
    const auto& comp = *a.chain->compliance;
    lxw_row_t row = 1;
    for (std::size_t v = 0; v < c.size(); ++v) {
      if (!comp.is_holder(v)) continue;
      const auto& role = a.chain->duties.roles[c.role[v]];
      const auto& t = comp.by_node[v];
      str(ws, row, 0, c.ids[v]);
      str(ws, row, 1, c.names[v]);
      str(ws, row, 2, role.name);
      str(ws, row, 3, duty::chinese(role.tier));
      str(ws, row, 4, c.unit[v] == chain::k_no_index ? "" : a.units.names[c.unit[v]]);
      dbl(ws, row, 5, static_cast<double>(t.due));
      dbl(ws, row, 6, static_cast<double>(t.met));
      dbl(ws, row, 7, static_cast<double>(t.unevidenced));
      dbl(ws, row, 8, t.due ? text::round_to(t.rate(), 2) : std::nan(""));
      ++row;
    }
  }
  if (d.ledger) {
    lxw_worksheet* ws = sheet("隐患", {"隐患编号", "单位", "企业", "行业", "等级", "发现日期", "整改期限",
                                       "状态", "逾期天数", "问题"});
    lxw_row_t row = 1;
    auto put = [&](const hazard::ListedHazard& x, std::string_view status) {
      str(ws, row, 0, x.id);
      str(ws, row, 1, x.unit);
      str(ws, row, 2, x.enterprise);
      str(ws, row, 3, x.industry);
      str(ws, row, 4, x.level == hazard::Level::Major ? "重大" : "一般");
      str(ws, row, 5, date::format(x.found));
      str(ws, row, 6, date::format(x.deadline));
      str(ws, row, 7, status);
      dbl(ws, row, 8, x.days_overdue);
      str(ws, row, 9, text::join(x.problems, "；"));
      ++row;
    };
    for (const auto& x : d.ledger->overdue) put(x, fmt::format("逾期（{}）", colour_name(x.colour)));
    for (const auto& x : d.ledger->invalid) put(x, "销号无效");
  }
  if (d.risks) {
    lxw_worksheet* ws = sheet("风险", {"单位", "编号", "风险点", "分值", "等级", "颜色"});
    worksheet_set_column(ws, 2, 2, 30, nullptr);
    lxw_row_t row = 1;
    for (const auto& p : d.risks->points) {
      const auto& level = d.matrix->levels[p.level];
      str(ws, row, 0, p.unit);
      str(ws, row, 1, p.id);
      str(ws, row, 2, p.name);
      dbl(ws, row, 3, p.score);
      str(ws, row, 4, level.name);
      str(ws, row, 5, level.colour);
      ++row;
    }
  }
  if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
    throw Error(fmt::format("cannot write {}: {}", shown, lxw_strerror(err)));
}

}  // namespace safeassess::report
