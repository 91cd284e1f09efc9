#include "load/targeting.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace safeassess::targeting {

namespace {

using Column = std::optional<std::size_t>;
constexpr std::size_t k_bad_row = static_cast<std::size_t>(-1);  // a roster row with problems

bool reads(const Targeting& t, Fact f) {
  const auto field = static_cast<std::size_t>(f);
  return std::any_of(t.classification.rules.begin(), t.classification.rules.end(), [&](const ClassRule& r) {
    return std::find(r.fields.begin(), r.fields.end(), field) != r.fields.end();
  });
}

// The header's problems end the table (its rows cannot be read).
void header_checked(Diagnostics& d) {
  d.throw_if_any();
}

}  // namespace

std::vector<std::string> split_list(std::string_view cell) {
  std::vector<std::string> out;
  std::string part;
  auto flush = [&] {
    const auto t = io::trim(part);
    if (!t.empty()) out.emplace_back(t);
    part.clear();
  };
  for (std::size_t i = 0; i < cell.size();) {
    const std::string_view rest = cell.substr(i);
    if (rest.front() == ';' || rest.front() == ',') {
      flush();
      ++i;
    } else if (rest.starts_with("；") || rest.starts_with("、") || rest.starts_with("，")) {
      flush();
      i += 3;
    } else {
      part += rest.front();
      ++i;
    }
  }
  flush();
  return out;
}

Needs needs(const Targeting& t, bool sampling) {
  Needs n;
  n.risk = reads(t, Fact::RiskLevel);
  n.principal = reads(t, Fact::PrincipalCompliance);
  for (std::size_t c = 0; c < t.colours.size(); ++c)
    for (const auto& r : t.classification.rules)
      if (std::find(r.fields.begin(), r.fields.end(), k_facts + c) != r.fields.end()) n.previous = true;
  if (sampling && t.sampling) {
    const auto& s = *t.sampling;
    n.township = std::find(s.strata.begin(), s.strata.end(), StratumKey::Township) != s.strata.end() ||
                 s.avoid_own_township;
    n.roster_township = s.avoid_own_township;
    n.industry = std::find(s.strata.begin(), s.strata.end(), StratumKey::Industry) != s.strata.end() ||
                 s.qualification;
  }
  return n;
}

EnterpriseList read_enterprises(Table t, io::Encoding enc, const assessment::Units& units,
                                const Targeting& rules, const Needs& need) {
  EnterpriseList list;
  list.file = t.shown;
  Diagnostics d;
  io::CsvFile f(t.shown, std::move(t.bytes), enc);
  const auto& h = f.header();
  const auto c_id = h.require_any({"id", "企业编号"}, _("the enterprise's identifier"), d);
  const auto c_name = h.require_any({"name", "企业名称"},
                                    _("the enterprise's name, as the ledger and the "
                                      "accident register write it"),
                                    d);
  const auto c_unit = h.require_any({"unit", "单位编号"}, _("the assessed unit it counts for"), d);
  auto column = [&](std::initializer_list<const char*> names, bool needed, std::string_view why) -> Column {
    std::vector<std::string> v(names.begin(), names.end());
    return needed ? h.require_any(v, why, d) : h.optional_any(v, d);
  };
  const auto c_township =
      column({"township", "乡镇"}, need.township,
             _("the township (乡镇): the sampling plan's strata or recusal rules read it"));
  const auto c_industry = column({"industry", "行业"}, need.industry,
                                 _("the industry (行业): the sampling plan's strata or inspectors' "
                                   "qualifications read it"));
  const auto c_risk = column({"risk_level", "风险等级"}, need.risk,
                             _("the risk level (重大/较大/一般/低): a classification rule reads risk_level"));
  const auto c_principal =
      column({"principal", "主要负责人岗位"}, need.principal,
             _("the chain post of its principal (主要负责人): a classification rule reads "
               "principal_compliance"));
  const auto c_previous = column({"previous_colour", "上期颜色"}, need.previous && !need.previous_file,
                                 _("the previous period's colour: a classification rule reads previous_*"));
  header_checked(d);
  list.has_risk = c_risk.has_value();
  list.has_principal = c_principal.has_value();
  list.has_previous = c_previous.has_value();
  std::unordered_map<std::string, long> ids;
  std::unordered_map<std::string, long> names;        // unit + '\n' + name
  std::vector<std::string> colour_ids, colour_words;  // ids; ids and names, for a did-you-mean
  for (const auto& c : rules.colours) {
    colour_ids.push_back(c.id);
    colour_words.push_back(c.id);
    colour_words.push_back(c.name);
  }
  auto need_cell = [&](Column c, long line, bool needed, std::string_view what) {
    if (!c || !needed || !f.cell(c).empty()) return true;
    d.error(h.cell(line, *c), trf("{}: empty {}", h.column_label(*c), what));
    return false;
  };
  while (f.reader().next()) {
    const long line = f.reader().line();
    Enterprise e;
    e.line = line;
    e.id = std::string(f.cell(c_id));
    e.name = std::string(f.cell(c_name));
    e.unit = std::string(f.cell(c_unit));
    bool ok = true;
    if (e.id.empty()) {
      d.error(h.cell(line, *c_id), trf("{}: empty enterprise id", h.column_label(*c_id)));
      ok = false;
    } else if (const auto [it, fresh] = ids.emplace(e.id, line); !fresh) {
      d.error(h.cell(line, *c_id),
              trf("{}: enterprise \"{}\" is already listed on line {}; one enterprise, one "
                  "row",
                  h.column_label(*c_id), e.id, it->second));
      ok = false;
    }
    if (e.name.empty()) {
      d.error(h.cell(line, *c_name), trf("{}: empty name", h.column_label(*c_name)));
      ok = false;
    }
    if (const auto u = units.find(e.unit)) {
      e.unit_index = static_cast<std::uint32_t>(*u);
      if (!e.name.empty())
        if (const auto [it, fresh] = names.emplace(e.unit + '\n' + e.name, line); !fresh) {
          d.error(h.cell(line, *c_name),
                  trf("{}: unit {} already has an enterprise named \"{}\" (line {}); the ledger and the "
                      "accident register could not tell them apart",
                      h.column_label(*c_name), e.unit, e.name, it->second));
          ok = false;
        }
    } else {
      d.error(h.cell(line, *c_unit),
              trf("{}: unit \"{}\" is not in the units file{}", h.column_label(*c_unit), e.unit,
                  text::did_you_mean(e.unit, units.ids)));
      ok = false;
    }
    e.township = std::string(f.cell(c_township));
    e.industry = std::string(f.cell(c_industry));
    e.principal = std::string(f.cell(c_principal));
    ok = need_cell(c_township, line, need.township, _("township")) && ok;
    ok = need_cell(c_industry, line, need.industry, _("industry")) && ok;
    // An empty principal is allowed: an enterprise outside the chain has no post to judge, and
    // the rules that read principal_compliance are not applied to it (README "safeassess classify").
    if (c_risk) {
      const auto s = f.cell(c_risk);
      if (!s.empty()) {
        e.risk_level = parse_risk_level(s);
        if (!e.risk_level) {
          d.error(h.cell(line, *c_risk),
                  trf("{}: \"{}\" is not a risk level; write 重大, 较大, 一般 or 低 (or "
                      "红, 橙, 黄, 蓝)",
                      h.column_label(*c_risk), s));
          ok = false;
        }
      } else {
        ok = need_cell(c_risk, line, need.risk, _("risk level")) && ok;
      }
    }
    if (c_previous) {
      const auto s = f.cell(c_previous);
      if (!s.empty()) {
        e.previous = rules.find_colour(s);
        if (!e.previous) {
          d.error(h.cell(line, *c_previous),
                  trf("{}: \"{}\" is not a colour of the scheme ({}); leave it empty for an enterprise not "
                      "classified last period{}",
                      h.column_label(*c_previous), s, text::join(colour_ids, ", "),
                      text::did_you_mean(s, colour_words)));
          ok = false;
        }
      }
    }
    if (ok) list.rows.push_back(std::move(e));
  }
  // The ledger and the register name an enterprise by its name or its id: within a unit, a
  // name may not be another enterprise's id.
  std::unordered_map<std::string, const Enterprise*> by_id;
  for (const auto& e : list.rows) by_id.emplace(e.unit + '\n' + e.id, &e);
  for (const auto& e : list.rows) {
    const auto it = by_id.find(e.unit + '\n' + e.name);
    if (it != by_id.end() && it->second != &e)
      d.error(
          h.cell(e.line, *c_name),
          trf("{}: \"{}\" is also the id of enterprise {} {} (line {}) in unit {}; the ledger and the "
              "accident register could not tell them apart",
              h.column_label(*c_name), e.name, it->second->id, it->second->name, it->second->line, e.unit));
  }
  d.throw_if_any();
  return list;
}

void read_previous(Table t, io::Encoding enc, EnterpriseList& list, const Targeting& rules) {
  Diagnostics d;
  list.previous_file = t.shown;
  if (list.has_previous)
    d.error(Location{t.shown},
            trf("the previous colours come from {} and from the previous_colour column of {}; "
                "keep one",
                t.shown, list.file));
  d.throw_if_any();
  io::CsvFile f(t.shown, std::move(t.bytes), enc);
  const auto& h = f.header();
  const auto c_id = h.require_any({"id", "企业编号"}, _("the enterprise's identifier"), d);
  const auto c_colour =
      h.require_any({"colour", "颜色"}, _("its colour last period (an id or a name of the scheme)"), d);
  header_checked(d);
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t e = 0; e < list.rows.size(); ++e) index.emplace(list.rows[e].id, e);
  std::unordered_map<std::string, long> seen;
  std::vector<std::string> colour_ids;
  for (const auto& c : rules.colours) colour_ids.push_back(c.id);
  while (f.reader().next()) {
    const long line = f.reader().line();
    const std::string id(f.cell(c_id));
    ++list.previous_rows;
    if (id.empty()) {
      d.error(h.cell(line, *c_id), trf("{}: empty enterprise id", h.column_label(*c_id)));
      continue;
    }
    if (const auto [it, fresh] = seen.emplace(id, line); !fresh) {
      d.error(h.cell(line, *c_id), trf("{}: enterprise \"{}\" is already listed on line {}; one colour each",
                                       h.column_label(*c_id), id, it->second));
      continue;
    }
    const auto s = f.cell(c_colour);
    const auto colour = rules.find_colour(s);
    if (!colour) {
      d.error(h.cell(line, *c_colour),
              trf("{}: \"{}\" is not a colour of the scheme ({}){}", h.column_label(*c_colour), s,
                  text::join(colour_ids, ", "), text::did_you_mean(s, colour_ids)));
      continue;
    }
    const auto e = index.find(id);
    if (e == index.end()) {
      if (list.previous_unlisted_ids.size() < 20) list.previous_unlisted_ids.push_back(id);
      ++list.previous_unlisted;
      continue;
    }
    list.rows[e->second].previous = *colour;
  }
  d.throw_if_any();
  list.has_previous = true;
}

Roster read_roster(Table inspectors, std::optional<Table> recusals, std::optional<Table> inspections,
                   io::Encoding enc, const EnterpriseList& list, bool need_township) {
  Roster r;
  r.file = inspectors.shown;
  Diagnostics d;
  std::unordered_map<std::string, std::size_t> index;  // id -> position, or k_bad_row
  std::unordered_map<std::string, long> first_line;    // id -> the line it was first listed on
  {
    io::CsvFile f(inspectors.shown, std::move(inspectors.bytes), enc);
    const auto& h = f.header();
    const auto c_id = h.require_any({"id", "执法人员编号"}, _("the inspector's identifier"), d);
    const auto c_name = h.require_any({"name", "姓名"}, _("the inspector's name"), d);
    const auto c_qual = h.require_any(
        {"qualifications", "执法资格"},
        _("the industries the inspector may inspect, separated by ; or 、 (全部 or * for every industry)"),
        d);
    const auto c_township =
        need_township ? h.require_any({"township", "所在乡镇"},
                                      _("the inspector's own township: the plan avoids it (own_township)"), d)
                      : h.optional_any({"township", "所在乡镇"}, d);
    const auto c_max = h.optional_any({"max", "工作量上限"}, d);
    header_checked(d);
    while (f.reader().next()) {
      const long line = f.reader().line();
      Inspector in;
      in.line = line;
      in.id = std::string(f.cell(c_id));
      in.name = std::string(f.cell(c_name));
      in.township = std::string(f.cell(c_township));
      bool ok = true;
      if (in.id.empty()) {
        d.error(h.cell(line, *c_id), trf("{}: empty inspector id", h.column_label(*c_id)));
        ok = false;
      } else if (const auto [it, fresh] = first_line.emplace(in.id, line); !fresh) {
        // (a row with problems keeps its id, marked bad: its line comes from first_line)
        d.error(h.cell(line, *c_id), trf("{}: inspector \"{}\" is already listed on line {}",
                                         h.column_label(*c_id), in.id, it->second));
        ok = false;
      } else {
        index.emplace(in.id, r.inspectors.size());
      }
      for (auto& q : split_list(f.cell(c_qual))) {
        if (q == "*" || q == "全部")
          in.all = true;
        else
          in.qualifications.push_back(std::move(q));
      }
      if (!in.all && in.qualifications.empty()) {
        d.error(h.cell(line, *c_qual),
                trf("{}: no qualification; list the industries (or 全部)", h.column_label(*c_qual)));
        ok = false;
      }
      if (need_township && in.township.empty()) {
        d.error(h.cell(line, *c_township), trf("{}: empty township", h.column_label(*c_township)));
        ok = false;
      }
      if (c_max && !f.cell(c_max).empty()) {
        const auto s = f.cell(c_max);
        long v = -1;
        if (s.size() <= 5 && s.find_first_not_of("0123456789") == std::string_view::npos)
          v = std::stol(std::string(s));
        if (v < 0) {
          d.error(h.cell(line, *c_max),
                  trf("{}: \"{}\" is not a number of inspections (a whole number from 0; "
                      "0: not drawn this time)",
                      h.column_label(*c_max), s));
          ok = false;
        } else {
          in.max = v;
        }
      }
      if (!ok) {
        // Its id stays known (marked bad), so that recusals and inspections naming it are not
        // reported as naming an unknown inspector: its own problem is reported already.
        if (!in.id.empty() && first_line.at(in.id) == line) index[in.id] = k_bad_row;
        continue;
      }
      r.inspectors.push_back(std::move(in));
    }
  }
  std::unordered_map<std::string, std::size_t> enterprises;
  std::vector<std::string> enterprise_ids;
  for (std::size_t e = 0; e < list.rows.size(); ++e) {
    enterprises.emplace(list.rows[e].id, e);
    if (list.rows.size() <= 20000) enterprise_ids.push_back(list.rows[e].id);
  }
  std::vector<std::string> inspector_ids;
  for (const auto& in : r.inspectors) inspector_ids.push_back(in.id);
  auto enterprise_of = [&](const io::CsvFile& f, Column c, long line) -> std::optional<std::size_t> {
    const auto id = f.cell(c);
    if (const auto it = enterprises.find(std::string(id)); it != enterprises.end()) return it->second;
    d.error(f.header().cell(line, *c),
            trf("{}: enterprise \"{}\" is not in the enterprise list {}{}", f.header().column_label(*c), id,
                list.file, text::did_you_mean(id, enterprise_ids)));
    return std::nullopt;
  };
  auto inspector_of = [&](const io::CsvFile& f, Column c, long line,
                          std::string_view id) -> std::optional<std::size_t> {
    if (const auto it = index.find(std::string(id)); it != index.end()) {
      if (it->second != k_bad_row) return it->second;
      return std::nullopt;  // a bad roster row, reported already
    }
    d.error(f.header().cell(line, *c),
            trf("{}: inspector \"{}\" is not on the roster {} (one who has left stays on it with max 0){}",
                f.header().column_label(*c), id, r.file, text::did_you_mean(id, inspector_ids)));
    return std::nullopt;
  };
  if (recusals) {
    r.recusals_file = recusals->shown;
    io::CsvFile f(recusals->shown, std::move(recusals->bytes), enc);
    const auto& h = f.header();
    Diagnostics hd;
    const auto c_in =
        h.require_any({"inspector", "执法人员编号"}, _("the inspector who must stand aside"), hd);
    const auto c_en = h.require_any({"enterprise", "企业编号"}, _("the enterprise they are related to"), hd);
    const auto c_reason = h.require_any({"reason", "回避事由"}, _("why (亲属, 曾任职, 利害关系, ...)"), hd);
    if (!hd.empty()) {  // a table whose header is wrong cannot be read; the earlier problems are kept
      for (const auto& x : hd.items()) d.error(x.where, x.message);
      d.throw_if_any();
    }
    while (f.reader().next()) {
      const long line = f.reader().line();
      const auto in = inspector_of(f, c_in, line, f.cell(c_in));
      const auto en = enterprise_of(f, c_en, line);
      const std::string reason(f.cell(c_reason));
      if (reason.empty())
        d.error(h.cell(line, *c_reason),
                trf("{}: empty reason; say why the inspector stands aside", h.column_label(*c_reason)));
      if (in && en && !reason.empty()) r.recusals.push_back({*in, *en, reason, line});
    }
  }
  if (inspections) {
    r.inspections_file = inspections->shown;
    io::CsvFile f(inspections->shown, std::move(inspections->bytes), enc);
    const auto& h = f.header();
    Diagnostics hd;
    const auto c_en = h.require_any({"enterprise", "企业编号"}, _("the enterprise inspected"), hd);
    const auto c_date = h.require_any({"date", "检查日期"}, _("the day of the inspection (YYYY-MM-DD)"), hd);
    const auto c_who =
        h.require_any({"inspectors", "检查人员"}, _("the inspectors' ids, separated by ; or 、"), hd);
    if (!hd.empty()) {  // a table whose header is wrong cannot be read; the earlier problems are kept
      for (const auto& x : hd.items()) d.error(x.where, x.message);
      d.throw_if_any();
    }
    while (f.reader().next()) {
      const long line = f.reader().line();
      Inspection in;
      in.line = line;
      const auto en = enterprise_of(f, c_en, line);
      const auto s = f.cell(c_date);
      const auto day = date::parse(s);
      if (!day) d.error(h.cell(line, *c_date), trf("{}: {}", h.column_label(*c_date), date::why_not(s)));
      bool ok = en && day;
      const auto ids = split_list(f.cell(c_who));
      if (ids.empty()) {
        d.error(h.cell(line, *c_who), trf("{}: no inspector; list who inspected", h.column_label(*c_who)));
        ok = false;
      }
      for (const auto& id : ids) {
        if (const auto i = inspector_of(f, c_who, line, id))
          in.inspectors.push_back(*i);
        else
          ok = false;
      }
      if (!ok) continue;
      in.enterprise = *en;
      in.day = *day;
      r.inspections.push_back(std::move(in));
    }
  }
  d.throw_if_any();
  return r;
}

}  // namespace safeassess::targeting
