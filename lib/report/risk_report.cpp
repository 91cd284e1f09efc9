#include "report/risk_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/accounting.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

namespace {

using nlohmann::ordered_json;

std::string level_label(const risk::Level& l) {
  return trf("{} ({})", l.name, l.colour);
}

void write_rows(std::ostream& out, const std::vector<std::string>& head,
                const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& right) {
  write_text_table(out, TextTable{head, rows, right});
}

void write_table(std::ostream& out, const risk::Matrix& m, const risk::RiskList& list) {
  out << trf("Risk list (风险清单) {} — {} ({} {})", list.file, m.name, m.id, m.version) << '\n';
  if (!m.warning.empty()) out << trf("note: {}", m.warning) << '\n';
  out << '\n';
  std::vector<std::string> head = {_("level"), _("risk score"), _("unit"), _("id"), _("name")};
  std::vector<bool> right = {false, true, false, false, false};
  for (const auto& f : m.factors) {
    head.push_back(f.name);
    right.push_back(true);
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : list.points) {
    std::vector<std::string> row = {level_label(m.levels[p.level]), text::plain(p.score), p.unit, p.id,
                                    p.name};
    for (double v : p.factors) row.push_back(text::plain(v));
    rows.push_back(std::move(row));
  }
  write_rows(out, head, rows, right);
  out << '\n';
  head = {_("unit")};
  right = {false};
  for (const auto& l : m.levels) {
    head.push_back(level_label(l));
    right.push_back(true);
  }
  head.push_back(_("all levels"));
  right.push_back(true);
  rows.clear();
  for (const auto& u : list.units) {
    std::vector<std::string> row = {u.unit};
    for (auto n : u.per_level) row.push_back(std::to_string(n));
    row.push_back(std::to_string(u.total));
    rows.push_back(std::move(row));
  }
  write_rows(out, head, rows, right);
}

void write_json(std::ostream& out, const risk::Matrix& m, const risk::RiskList& list) {
  ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", SAFEASSESS_VERSION}};
  j["matrix"] = {
      {"id", m.id},     {"name", m.name},     {"version", m.version},   {"number", m.edition.number},
      {"file", m.file}, {"sha256", m.sha256}, {"verified", m.verified}, {"warning", m.warning}};
  j["input"] = {{"path", list.file},
                {"sha256", list.sha256},
                {"accounting", accounting_json(RowAccount::all(list.points.size()))}};
  ordered_json levels = ordered_json::array();
  for (const auto& l : m.levels)
    levels.push_back({{"id", l.id},
                      {"name", l.name},
                      {"colour", l.colour},
                      {"rgb", l.rgb},
                      {l.strict ? "above" : "min", l.bound}});
  j["levels"] = std::move(levels);
  ordered_json points = ordered_json::array();
  for (const auto& p : list.points) {
    ordered_json factors = ordered_json::object();
    for (std::size_t k = 0; k < m.factors.size(); ++k) factors[m.factors[k].id] = p.factors[k];
    const auto& l = m.levels[p.level];
    points.push_back({{"unit", p.unit},
                      {"id", p.id},
                      {"name", p.name},
                      {"factors", std::move(factors)},
                      {"score", p.score},
                      {"level", l.id},
                      {"level_name", l.name},
                      {"colour", l.colour}});
  }
  j["points"] = std::move(points);
  ordered_json units = ordered_json::array();
  for (const auto& u : list.units) {
    ordered_json counts = ordered_json::object();
    for (std::size_t l = 0; l < m.levels.size(); ++l) counts[m.levels[l].id] = u.per_level[l];
    units.push_back({{"unit", u.unit}, {"counts", std::move(counts)}, {"total", u.total}});
  }
  j["units"] = std::move(units);
  out << json_text(j, 2) << '\n';
}

void write_csv(std::ostream& out, const risk::Matrix& m, const risk::RiskList& list) {
  out << "unit,id,name";
  for (const auto& f : m.factors) out << ',' << csv_field(f.id);
  out << ",score,level,level_name,colour\r\n";
  for (const auto& p : list.points) {
    const auto& l = m.levels[p.level];
    out << csv_field(p.unit) << ',' << csv_field(p.id) << ',' << csv_field(p.name);
    for (double v : p.factors) out << ',' << text::plain(v);
    out << ',' << text::plain(p.score) << ',' << l.id << ',' << csv_field(l.name) << ','
        << csv_field(l.colour) << "\r\n";
  }
}

void write_markdown(std::ostream& out, const risk::Matrix& m, const risk::RiskList& list) {
  out << "# " << _("Risk list (风险清单)") << "\n\n- "
      << trf("risk matrix: {} — `{}` {}, sha256 `{}`", md_cell(m.name), m.id, md_cell(m.version), m.sha256)
      << "\n- " << trf("data: `{}`", md_cell(list.file)) << "\n\n## " << _("Risk points (风险点)") << "\n\n| "
      << _("level") << " | " << _("risk score") << " | " << _("unit") << " | " << _("id") << " | "
      << _("name") << " |";
  for (const auto& f : m.factors) out << ' ' << md_cell(f.name) << " |";
  out << "\n|---|---:|---|---|---|";
  for (std::size_t k = 0; k < m.factors.size(); ++k) out << "---:|";
  out << '\n';
  for (const auto& p : list.points) {
    out << "| " << md_cell(level_label(m.levels[p.level])) << " | " << text::plain(p.score) << " | "
        << md_cell(p.unit) << " | " << md_cell(p.id) << " | " << md_cell(p.name) << " |";
    for (double v : p.factors) out << ' ' << text::plain(v) << " |";
    out << '\n';
  }
  out << "\n## " << _("Risk points per unit") << "\n\n| " << _("unit") << " |";
  for (const auto& l : m.levels) out << ' ' << md_cell(level_label(l)) << " |";
  out << ' ' << _("all levels") << " |\n|---|";
  for (std::size_t l = 0; l <= m.levels.size(); ++l) out << "---:|";
  out << '\n';
  for (const auto& u : list.units) {
    out << "| " << md_cell(u.unit) << " |";
    for (auto n : u.per_level) out << ' ' << n << " |";
    out << ' ' << u.total << " |\n";
  }
}

}  // namespace

void write_risk(std::ostream& out, Format format, const risk::Matrix& matrix, const risk::RiskList& list) {
  switch (format) {
    case Format::Table:
      write_table(out, matrix, list);
      break;
    case Format::Json:
      write_json(out, matrix, list);
      break;
    case Format::Csv:
      write_csv(out, matrix, list);
      break;
    case Format::Markdown:
      write_markdown(out, matrix, list);
      break;
  }
}

}  // namespace safeassess::report
