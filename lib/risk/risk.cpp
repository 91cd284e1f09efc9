#include "risk/risk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace safeassess::risk {

RiskList grade(const std::string& display, std::string bytes, io::Encoding enc, const Matrix& matrix) {
  RiskList list;
  list.file = display;
  list.sha256 = hash::sha256_hex(bytes);
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  Diagnostics diagnostics;
  const auto c_unit =
      header.require_any({"unit", "单位"}, _("the unit the risk point belongs to"), diagnostics);
  const auto c_id = header.require_any({"id", "编号"}, _("the risk point's identifier"), diagnostics);
  const auto c_name = header.require_any({"name", "名称"}, _("the risk point's name"), diagnostics);
  std::vector<std::optional<std::size_t>> c_factor;
  for (const auto& f : matrix.factors)
    c_factor.push_back(header.require_any({f.id, f.name}, _("a factor of the matrix"), diagnostics));
  diagnostics.throw_if_any();

  std::unordered_map<std::string, std::size_t> unit_index;
  std::unordered_map<std::string, long> seen;  // unit + '\n' + id -> line
  auto cell = [&](std::size_t c) { return file.cell(c); };
  while (reader.next()) {
    RiskPoint p;
    p.line = reader.line();
    p.unit = cell(*c_unit);
    p.id = cell(*c_id);
    p.name = cell(*c_name);
    bool ok = true;
    for (auto [c, message] :
         {std::pair{*c_unit, N_("{}: empty unit")}, std::pair{*c_id, N_("{}: empty risk point id")}})
      if (cell(c).empty()) {
        diagnostics.error(header.cell(p.line, c), trf(message, header.column_label(c)));
        ok = false;
      }
    if (ok) {
      const auto [it, inserted] = seen.emplace(p.unit + '\n' + p.id, p.line);
      if (!inserted) {
        diagnostics.error(header.cell(p.line, *c_id),
                          trf("{}: risk point \"{}\" of unit \"{}\" is already listed on line {}",
                              header.column_label(*c_id), p.id, p.unit, it->second));
        ok = false;
      }
    }
    p.score = 1;
    for (std::size_t k = 0; k < matrix.factors.size(); ++k) {
      const auto& f = matrix.factors[k];
      const std::size_t c = *c_factor[k];
      const auto raw = cell(c);
      const auto v = io::parse_number(raw);
      bool valid = v.has_value();
      if (valid && !f.values.empty())
        valid = std::find(f.values.begin(), f.values.end(), *v) != f.values.end();
      else if (valid)
        valid = *v >= f.min && *v <= f.max && (!f.integer || *v == std::floor(*v));
      if (!valid) {
        std::vector<std::string> allowed;
        for (double x : f.values) allowed.push_back(text::plain(x));
        diagnostics.error(
            header.cell(p.line, c),
            trf("{}: {} \"{}\" is not {}", header.column_label(c), f.name, raw,
                f.values.empty()
                    ? (f.integer ? trf("a whole number from {} to {}", text::plain(f.min), text::plain(f.max))
                                 : trf("a number from {} to {}", text::plain(f.min), text::plain(f.max)))
                    : trf("one of {}", text::join(allowed, ", "))));
        ok = false;
        continue;
      }
      p.factors.push_back(*v);
      p.score *= *v;
    }
    if (!ok) continue;
    // LEC products such as 0.5 x 6 x 7 are not exact in binary; round away the noise so
    // that a score on a band edge lands in the band the table gives.
    p.score = text::round_to(p.score, 6);
    p.level = matrix.level_for(p.score);
    const auto [u, fresh] = unit_index.emplace(p.unit, list.units.size());
    if (fresh) list.units.push_back({p.unit, std::vector<std::size_t>(matrix.levels.size(), 0), 0});
    list.units[u->second].per_level[p.level]++;
    list.units[u->second].total++;
    list.points.push_back(std::move(p));
  }
  if (list.points.empty() && diagnostics.empty())
    diagnostics.error(Location{display}, _("no risk points: the file has a header but no rows"));
  diagnostics.throw_if_any();
  std::stable_sort(list.points.begin(), list.points.end(), [](const RiskPoint& a, const RiskPoint& b) {
    return a.level != b.level ? a.level < b.level : a.score > b.score;
  });
  return list;
}

}  // namespace safeassess::risk
