#include "report/html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/range/iterator_range.hpp>
#include <map>

#include "chain/graph.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"
#include "report/labels.hpp"

namespace safeassess::report::html {

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

}  // namespace

const char* css() {
  return k_css;
}

std::string tag(std::string_view text_, const char* cls) {
  return fmt::format("<span class=\"tag {}\">{}</span>", cls, xml_escape(text_));
}

std::string bar_chart(const std::string& id, const std::vector<std::tuple<std::string, double, double>>& bars,
                      int precision, const std::vector<std::pair<std::string, double>>& marks) {
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

std::string chain_svg(const assessment::ChainData& data, const chain::Analysis& analysis) {
  const auto& c = data.chain;
  const std::size_t n = c.size();
  constexpr std::size_t k_max_nodes = 400;
  if (n > k_max_nodes)
    return fmt::format(
        "<p class=\"meta\">{}</p>\n",
        xml_escape(
            trf("The chain has {} nodes; the diagram is drawn for at most {}. Use \"safeassess trace -f "
                "dot\" for the whole picture.",
                n, k_max_nodes)));
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
  for (const auto& g : analysis.gaps)
    for (auto v : g.nodes) {
      const std::string k = label(g.kind);
      if (marks[v].find(k) == std::string::npos)
        marks[v] += fmt::format("{}{}", marks[v].empty() ? "" : _(", "), k);
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
        xml_escape(gap ? trf("{} {}: {}", c.ids[v], c.names[v], marks[v])
                       : fmt::format("{} {}", c.ids[v], c.names[v])),
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
    std::string sub = label(c.kind[v]);
    if (data.compliance && data.compliance->is_holder(v) && data.compliance->by_node[v].due)
      sub = trf("duties {}%", text::fixed(data.compliance->by_node[v].rate(), 0));
    if (c.kind[v] == chain::NodeKind::Enterprise) sub = c.industries[c.industry[v]];
    s += fmt::format(
        "<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5b6472\">{}</text></g>\n",
        pos[v].first + box_w / 2, pos[v].second + 32, xml_escape(sub));
  }
  return s + fmt::format("</svg></div>\n<p class=\"meta\">{}</p>\n",
                         xml_escape(_("Boxes: organisations; rounded: posts (with duty compliance); yellow: "
                                      "enterprises. Grey lines: belongs to / reports to; dashed: oversees "
                                      "(分管); green: supervises (属地监管); blue dotted: regulates the "
                                      "enterprise's industry. Red: a node in a gap.")));
}

void table(std::string& h, const std::vector<std::string>& head,
           const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& numeric,
           bool raw_last) {
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

}  // namespace safeassess::report::html
