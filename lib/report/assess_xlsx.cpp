#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/assess_report.hpp"
#include "report/escape.hpp"
#include "report/labels.hpp"
#include "report/xlsx_book.hpp"

// The workbook of `assess` (assess_report.hpp): one sheet per table, streamed.

namespace safeassess::report {

void write_xlsx(const std::string& path, const std::string& shown, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  // Rows are written in order, so each sheet streams to a temporary file instead of memory:
  // the workbook of a province costs megabytes, not gigabytes. A fixed creation time unless
  // --timestamp asked for one: the same inputs give the same bytes.
  const auto period = date::parse_period(a.manifest.period);
  XlsxBook book(
      path, shown, a.manifest.name,
      d.timestamp ? std::time(nullptr) : static_cast<std::time_t>(86400LL * (period ? period->last : 1)),
      true);
  lxw_workbook* wb = book.get();
  lxw_format* head = book.head();
  // Scores carry the ruleset's precision, counts and ranks no decimals, fractions four.
  lxw_format* num = workbook_add_format(wb);
  const std::string score_format =
      a.rules.precision > 0 ? "0." + std::string(static_cast<std::size_t>(a.rules.precision), '0') : "0";
  format_set_num_format(num, score_format.c_str());
  lxw_format* whole = workbook_add_format(wb);
  format_set_num_format(whole, "0");
  lxw_format* fraction = workbook_add_format(wb);
  format_set_num_format(fraction, "0.0000");
  // Rates are percentages to 2 decimals and risk scores as computed, whatever the ruleset's
  // precision for scores.
  lxw_format* rate_format = workbook_add_format(wb);
  format_set_num_format(rate_format, "0.00");
  lxw_format* plain_format = workbook_add_format(wb);
  format_set_num_format(plain_format, "0.####");
  // The print header names the assessment (& is Excel's header code: doubled to print as is).
  std::string print_title;
  for (char c : cell_text(a.manifest.name)) {
    if (c == '&') print_title += '&';
    print_title += c;
  }
  // Excel takes headers of up to 255 characters: cut a longer name at a character boundary.
  if (print_title.size() > 200) {
    std::size_t n = 200;
    while (n > 0 && (static_cast<unsigned char>(print_title[n]) & 0xC0) == 0x80) --n;
    print_title.resize(n);
  }
  const std::string print_header = "&C" + print_title;
  // TRANSLATORS: an Excel page footer: &P is the page number, &N the number of pages.
  const std::string print_footer = std::string("&L&A&R") + _("Page &P of &N");
  auto check = [&](lxw_error err) { book.check(err); };
  // One sheet: the header row frozen and filtered, columns as wide as their content (a CJK
  // character counts two), and a print setup: landscape A4, one page wide, the header row on
  // every page, the assessment's name above and the sheet and page number below.
  struct Sheet {
    lxw_worksheet* ws;
    std::vector<std::size_t> widths;
    lxw_row_t rows = 1;
  };
  std::vector<Sheet> sheets;
  auto sheet = [&](const char* name, const std::vector<const char*>& cols) -> lxw_worksheet* {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    Sheet s{ws, {}, 1};
    for (std::size_t c = 0; c < cols.size(); ++c) {
      const std::string t = cell_text(cols[c]);
      check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.c_str(), head));
      s.widths.push_back(text::display_width(t) + 2);  // room for the filter button
    }
    worksheet_freeze_panes(ws, 1, 0);
    book.print_ready(ws, 0, print_header, print_footer);
    sheets.push_back(std::move(s));
    return ws;
  };
  auto widen = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::size_t width) {
    Sheet& s = sheets.back();
    (void)ws;
    if (col < s.widths.size()) s.widths[col] = std::max(s.widths[col], width);
    s.rows = std::max(s.rows, row + 1);
  };
  auto str = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s) {
    const std::string t = cell_text(s);
    check(worksheet_write_string(ws, row, col, t.c_str(), nullptr));
    widen(ws, row, col, text::display_width(t));
  };
  auto put_number = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v, lxw_format* f,
                        std::size_t width) {
    if (std::isnan(v)) {
      worksheet_write_blank(ws, row, col, nullptr);
      widen(ws, row, col, 0);
      return;
    }
    check(worksheet_write_number(ws, row, col, v, f));
    widen(ws, row, col, width);
  };
  const auto score_width = [&](double v) {
    return fmt::format("{:.{}f}", v, std::max(a.rules.precision, 0)).size();
  };
  auto dbl = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    put_number(ws, row, col, v, num, std::isnan(v) ? 0 : score_width(v));
  };
  auto integer = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    put_number(ws, row, col, v, whole, std::isnan(v) ? 0 : fmt::format("{:.0f}", v).size());
  };
  auto rate = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    put_number(ws, row, col, v, rate_format, std::isnan(v) ? 0 : fmt::format("{:.2f}", v).size());
  };
  auto plain = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    put_number(ws, row, col, v, plain_format, std::isnan(v) ? 0 : fmt::format("{:.4f}", v).size());
  };
  auto share = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    put_number(ws, row, col, v, fraction, 6);
  };
  {
    lxw_worksheet* ws = sheet(_("Ranking"), {_("rank"), _("unit id"), _("unit name"), _("total"), _("grade"),
                                             _("veto"), _("interview")});
    lxw_row_t row = 1;
    for (auto u : r.order) {
      std::vector<std::string> vetoes;
      for (auto v : r.vetoes[u]) vetoes.push_back(a.rules.vetoes[v].name);
      integer(ws, row, 0, r.rank[u]);
      str(ws, row, 1, a.units.ids[u]);
      str(ws, row, 2, a.units.names[u]);
      dbl(ws, row, 3, r.total[u].to_double());
      str(ws, row, 4, a.rules.grades[r.grade[u]].name);
      str(ws, row, 5, text::join(vetoes, _("; ")));
      str(ws, row, 6, r.interview[u] ? _("yes") : "");
      ++row;
    }
  }
  {
    lxw_worksheet* ws =
        sheet(_("Indicators"), {_("unit id"), _("unit name"), _("category"), _("indicator id"),
                                _("indicator"), _("points"), _("max"), _("achievement")});
    lxw_row_t row = 1;
    for (auto u : r.order)
      for (std::size_t i = 0; i < r.indicators; ++i, ++row) {
        const auto& def = a.rules.indicators[i];
        str(ws, row, 0, a.units.ids[u]);
        str(ws, row, 1, a.units.names[u]);
        str(ws, row, 2, a.rules.categories[def.category].name);
        str(ws, row, 3, def.id);
        str(ws, row, 4, def.name);
        dbl(ws, row, 5, r.outcome(u, i).points.to_double());
        dbl(ws, row, 6, def.points.to_double());
        share(ws, row, 7, r.outcome(u, i).achievement.round(4).to_double());
      }
  }
  if (d.has_chain()) {
    lxw_worksheet* ws = sheet(_("Chain gaps"), {_("kind"), _("kind id"), _("nodes"), _("why")});
    lxw_row_t row = 1;
    for (const auto& g : d.analysis->gaps) {
      std::vector<std::string> ids;
      for (auto v : g.nodes) ids.push_back(a.chain->chain.ids[v]);
      str(ws, row, 0, label(g.kind));
      str(ws, row, 1, chain::to_string(g.kind));
      str(ws, row, 2, text::join(ids, " "));
      str(ws, row, 3, g.why);
      ++row;
    }
  }
  if (d.has_duties()) {
    lxw_worksheet* ws =
        sheet(_("Duties"), {_("post id"), _("post"), _("role"), _("tier"), _("assessed unit"),
                            _("periods due"), _("periods met"), _("unevidenced"), _("compliance (%)")});
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
      str(ws, row, 3, label(role.tier));
      str(ws, row, 4, c.unit[v] == chain::k_no_index ? "" : a.units.names[c.unit[v]]);
      integer(ws, row, 5, static_cast<double>(t.due));
      integer(ws, row, 6, static_cast<double>(t.met));
      integer(ws, row, 7, static_cast<double>(t.unevidenced));
      rate(ws, row, 8, t.due ? text::round_to(t.rate(), 2) : std::nan(""));
      ++row;
    }
  }
  if (d.ledger) {
    lxw_worksheet* ws =
        sheet(_("Hazards"), {_("hazard id"), _("unit"), _("enterprise"), _("industry"), _("level"),
                             _("found"), _("deadline"), _("status"), _("days overdue"), _("problems")});
    lxw_row_t row = 1;
    auto put = [&](const hazard::ListedHazard& x, std::string_view status) {
      str(ws, row, 0, x.id);
      str(ws, row, 1, x.unit);
      str(ws, row, 2, x.enterprise);
      str(ws, row, 3, x.industry);
      str(ws, row, 4, label(x.level));
      str(ws, row, 5, date::format(x.found));
      str(ws, row, 6, date::format(x.deadline));
      str(ws, row, 7, status);
      integer(ws, row, 8, x.days_overdue);
      str(ws, row, 9, text::join(x.problems, _("; ")));
      ++row;
    };
    for (const auto& x : d.ledger->overdue) put(x, trf("overdue ({})", label(x.colour)));
    for (const auto& x : d.ledger->invalid) put(x, _("invalid closure"));
  }
  if (d.risks) {
    lxw_worksheet* ws =
        sheet(_("Risks"), {_("unit"), _("id"), _("risk point"), _("score"), _("level"), _("colour")});
    lxw_row_t row = 1;
    for (const auto& p : d.risks->points) {
      const auto& level = d.matrix->levels[p.level];
      str(ws, row, 0, p.unit);
      str(ws, row, 1, p.id);
      str(ws, row, 2, p.name);
      plain(ws, row, 3, p.score);
      str(ws, row, 4, level.name);
      str(ws, row, 5, level.colour);
      ++row;
    }
  }
  if (d.tasks) {
    const auto table = task_table(d.tasks_data());
    std::vector<const char*> cols;
    for (const auto& h : table.head) cols.push_back(h.c_str());
    lxw_worksheet* ws = sheet(_("Tasks"), cols);
    lxw_row_t row = 1;
    for (const auto& cells : table.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c) str(ws, row, static_cast<lxw_col_t>(c), cells[c]);
      ++row;
    }
  }
  // Widths and filters once every row is known (libxlsxwriter writes <cols> at close).
  constexpr std::size_t k_widest = 80;
  for (const Sheet& s : sheets) {
    for (std::size_t c = 0; c < s.widths.size(); ++c)
      check(worksheet_set_column(s.ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 static_cast<double>(std::min(s.widths[c] + 1, k_widest)), nullptr));
    check(worksheet_autofilter(s.ws, 0, 0, s.rows - 1, static_cast<lxw_col_t>(s.widths.size() - 1)));
  }
  book.close();
}

void write_report_set(const io::StagingFolder& dir, const std::string& prefix, const AssessData& d) {
  dir.write(prefix + "report.html", [&](std::ostream& o) { write_html_report(o, d); });
  dir.write(prefix + "report.md", [&](std::ostream& o) { write_markdown_report(o, d); });
  dir.write(prefix + "report.json", [&](std::ostream& o) { write_json_report(o, d); });
  dir.write(prefix + "junit.xml", [&](std::ostream& o) { write_junit_report(o, d); });
  for (const auto& table : csv_tables(d)) dir.write(prefix + "csv/" + table.name, table.write);
  write_xlsx(dir.path(prefix + "report.xlsx").string(), dir.shown(prefix + "report.xlsx"), d);
  dir.adopt(prefix + "report.xlsx");
}

}  // namespace safeassess::report
