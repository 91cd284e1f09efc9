#include "report/attribution_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using nlohmann::ordered_json;

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
    write_attribution_csv_header(out);
    write_attribution_csv_rows(out, a, att);
    return;
  }
  const bool md = format == Format::Markdown;
  out << (md ? "# " : "")
      << trf("Lost points — {} {}: total {} of 100, {} lost in indicators", as_text(md, a.units.ids[u]),
             as_text(md, a.units.names[u]), text::fixed(r.total[u], p), text::fixed(att.lost, p))
      << '\n';
  out << '\n';
  for (const auto& l : att.indicators) {
    const auto& ind = rules.indicators[l.indicator];
    out << (md ? "## " : "")
        << trf("{} {}: {} of {}, lost {}", ind.id, ind.name, text::fixed(r.outcome(u, l.indicator).points, p),
               text::plain(ind.points), text::fixed(l.lost, p))
        << '\n';
    if (l.source.empty()) {
      out << (md ? "\n" : "  ")
          << _("the data stops at the unit: nothing below it is recorded for this indicator") << "\n\n";
      continue;
    }
    out << (md ? "\n" : "  ") << trf("from {}", as_text(md, l.source)) << "\n";
    if (l.shares.empty()) {
      out << (md ? "\n" : "  ") << _("no enterprise or post below the unit falls short") << "\n\n";
      continue;
    }
    if (md) {
      out << "\n| " << _("who") << " | " << _("points lost") << " | " << _("why")
          << " |\n| --- | ---: | --- |\n";
      for (const auto& s : l.shares)
        out << "| " << md_cell(s.id == s.name ? s.name : s.id + " " + s.name) << " | "
            << text::fixed(s.points, p) << " | " << md_cell(s.what) << " |\n";
      out << '\n';
      continue;
    }
    std::vector<std::vector<std::string>> rows;
    for (const auto& s : l.shares)
      rows.push_back({s.id == s.name ? s.name : s.id + " " + s.name, text::fixed(s.points, p), s.what});
    write_text_table(
        out, TextTable{{_("who"), _("points lost"), _("why")}, rows, {false, true, false}, false, "  "});
    out << '\n';
  }
}

void write_attribution_csv_header(std::ostream& out) {
  out << "unit,indicator,indicator_name,lost,source,who,who_name,count,points,what\r\n";
}

void write_attribution_csv_rows(std::ostream& out, const assessment::Assessment& a,
                                const assessment::Attribution& att) {
  const auto& rules = a.rules;
  const int p = rules.precision;
  const std::size_t u = att.unit;
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
}

}  // namespace safeassess::report
