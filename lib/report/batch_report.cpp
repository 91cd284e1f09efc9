#include "report/batch_report.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <ostream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"
#include "report/html.hpp"
#include "report/xlsx_book.hpp"

namespace safeassess::report {
namespace {

std::string grades_text(const assessment::BatchResult& r) {
  std::vector<std::string> parts;
  for (const auto& [grade, n] : r.grades) parts.push_back(fmt::format("{} {}", grade, n));
  return text::join(parts, ", ");
}

// The status as a person reads it.
std::string status_text(const assessment::BatchResult& r) {
  switch (r.outcome) {
    case assessment::BatchOutcome::Ok:
      return _("ok");
    case assessment::BatchOutcome::GateTripped:
      return trf("gate tripped: {}", text::join(r.gates, ", "));
    case assessment::BatchOutcome::InvalidInput:
      return r.problem_count == 1 ? std::string(_("invalid input: 1 problem"))
                                  : trf("invalid input: {} problems", r.problem_count);
    case assessment::BatchOutcome::InternalError:
      return _("internal error");
  }
  return {};
}

bool succeeded(const assessment::BatchResult& r) {
  return r.outcome == assessment::BatchOutcome::Ok || r.outcome == assessment::BatchOutcome::GateTripped;
}

}  // namespace

void write_batch_html(std::ostream& out, const BatchIndex& index) {
  std::size_t ok = 0;
  for (const auto& r : index.results) ok += succeeded(r) ? 1 : 0;
  const std::string title = _("Batch of assessments");
  out << "<!DOCTYPE html>\n<html lang=\"" << (i18n::current() == i18n::Lang::Zh ? "zh-CN" : "en")
      << "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
         "initial-scale=1\">\n<title>"
      << xml_escape(title) << "</title>\n<style>" << html::css() << "</style>\n</head>\n<body>\n<main>\n<h1>"
      << xml_escape(title) << "</h1>\n<p class=\"meta\">"
      << xml_escape(trf("{} runs: {} with reports, {} failed; exit code {}. safeassess {}",
                        index.results.size(), ok, index.results.size() - ok, index.exit_code, index.version))
      << "</p>\n";
  std::string h;
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < index.results.size(); ++i) {
    const auto& r = index.results[i];
    // The folder as a URL path: 1#矿区 must not end the path at '#'.
    std::string href;
    for (unsigned char c : r.item.folder) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80)
        href += static_cast<char>(c);
      else
        href += fmt::format("%{:02X}", c);
    }
    std::string link;
    if (succeeded(r))
      link = fmt::format(
          "<a href=\"{0}/report.html\">report.html</a> · <a href=\"{0}/report.xlsx\">report.xlsx</a>",
          xml_escape(href));
    else
      link = fmt::format("<a href=\"{}/problems.txt\">problems.txt</a>", xml_escape(href));
    std::string status = status_text(r);
    if (!r.problems.empty()) status += "\n" + r.problems.front();
    rows.push_back({r.item.shown, r.name, r.period, succeeded(r) ? std::to_string(r.units) : "",
                    grades_text(r), succeeded(r) ? std::to_string(r.interviews) : "",
                    std::to_string(index.exit_codes[i]), status, link});
  }
  html::table(h,
              {_("manifest"), _("assessment"), _("period"), _("units"), _("grades"),
               _("interview list (约谈)"), _("exit code"), _("status"), _("reports")},
              rows, {false, false, false, true, false, true, true, false, false}, true);
  out << "<div class=\"scroll\">" << h << "</div>\n</main>\n</body>\n</html>\n";
}

void write_batch_json(std::ostream& out, const BatchIndex& index) {
  nlohmann::ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", index.version}};
  j["exit_code"] = index.exit_code;
  auto& runs = j["runs"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < index.results.size(); ++i) {
    const auto& r = index.results[i];
    nlohmann::ordered_json run;
    run["manifest"] = r.item.shown;
    run["folder"] = r.item.folder;
    run["status"] = assessment::outcome_id(r.outcome);
    run["exit_code"] = index.exit_codes[i];
    if (succeeded(r)) {
      run["name"] = r.name;
      run["period"] = r.period;
      run["ruleset"] = r.ruleset;
      run["units"] = r.units;
      auto& g = run["grades"] = nlohmann::ordered_json::object();
      for (const auto& [grade, n] : r.grades) g[grade] = n;
      run["interviews"] = r.interviews;
      run["vetoed"] = r.vetoed;
      run["gates_tripped"] = r.gates;
    } else {
      run["problem_count"] = r.problem_count;
      run["problems"] = r.problems;
    }
    runs.push_back(std::move(run));
  }
  out << j.dump(2) << '\n';
}

void write_batch_xlsx(const std::string& path, const std::string& shown, const BatchIndex& index) {
  XlsxBook book(path, shown, _("Batch of assessments"), 86400);  // fixed: the same batch gives the same bytes
  lxw_workbook* wb = book.get();
  lxw_format* head = book.head();
  lxw_format* whole = workbook_add_format(wb);
  format_set_num_format(whole, "0");
  auto check = [&](lxw_error err) { book.check(err); };
  lxw_worksheet* ws = workbook_add_worksheet(wb, _("runs"));
  const std::vector<std::string> cols{_("manifest"),
                                      _("folder"),
                                      _("assessment"),
                                      _("period"),
                                      _("units"),
                                      _("grades"),
                                      _("interview list (约谈)"),
                                      _("exit code"),
                                      _("status"),
                                      _("first problem")};
  std::vector<std::size_t> widths;
  for (std::size_t c = 0; c < cols.size(); ++c) {
    check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cell_text(cols[c]).c_str(), head));
    widths.push_back(text::display_width(cols[c]) + 2);
  }
  auto put = [&](lxw_row_t row, lxw_col_t col, const std::string& s) {
    const std::string t = cell_text(s);
    check(worksheet_write_string(ws, row, col, t.c_str(), nullptr));
    widths[col] = std::max(widths[col], text::display_width(t));
  };
  auto number = [&](lxw_row_t row, lxw_col_t col, double v) {
    check(worksheet_write_number(ws, row, col, v, whole));
    widths[col] = std::max<std::size_t>(widths[col], fmt::format("{:.0f}", v).size());
  };
  lxw_row_t row = 1;
  for (std::size_t i = 0; i < index.results.size(); ++i, ++row) {
    const auto& r = index.results[i];
    put(row, 0, r.item.shown);
    put(row, 1, r.item.folder);
    put(row, 2, r.name);
    put(row, 3, r.period);
    if (succeeded(r)) {
      number(row, 4, static_cast<double>(r.units));
      put(row, 5, grades_text(r));
      number(row, 6, static_cast<double>(r.interviews));
    }
    number(row, 7, index.exit_codes[i]);
    put(row, 8, status_text(r));
    if (!r.problems.empty()) put(row, 9, r.problems.front());
  }
  for (std::size_t c = 0; c < widths.size(); ++c)
    check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                               static_cast<double>(std::min<std::size_t>(widths[c] + 1, 80)), nullptr));
  worksheet_freeze_panes(ws, 1, 0);
  check(worksheet_autofilter(ws, 0, 0, row - 1, static_cast<lxw_col_t>(cols.size() - 1)));
  book.print_ready(ws, 0, "", "&R" + std::string(_("page &P of &N")));
  book.close();
}

}  // namespace safeassess::report
