#include "load/accidents.hpp"

#include <fmt/format.h>

#include <cmath>
#include <unordered_map>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "load/tables.hpp"

namespace safeassess::accident {

namespace {

// 第十三条's 7-day window: 道路交通事故 and 火灾事故, as registers write their industry.
constexpr std::array<std::string_view, 8> k_road_or_fire = {
    "road-traffic", "road", "道路交通", "道路交通事故", "fire", "火灾", "火灾事故", "消防火灾"};

struct Columns {
  std::optional<std::size_t> id, record, unit, enterprise, industry, occurred, deaths, injuries, loss,
      responsibility, concealment, reported_at, description;
  std::array<std::optional<std::size_t>, k_levels> level;
};

class Reader {
 public:
  Reader(const std::string& display, std::string bytes, io::Encoding enc, const assessment::Units& units)
      : m_file(display, std::move(bytes), enc), m_h(m_file.header()), m_units(units) {
    m_reg.file = display;
  }

  Register read() {
    Columns& c = m_c;
    c.id = m_h.require_any({"id", "编号"}, _("the accident's identifier"), m_d);
    c.record = m_h.optional_any({"record", "报告类型"}, m_d);
    c.unit = m_h.require_any({"unit", "单位编号"}, _("the assessed unit the accident counts for"), m_d);
    c.enterprise = m_h.require_any({"enterprise", "企业"}, _("the enterprise where it happened"), m_d);
    c.industry = m_h.require_any({"industry", "行业"},
                                 _("its industry (road-traffic and fire have a 7-day 补报 window)"), m_d);
    c.occurred = m_h.require_any({"occurred_at", "发生时间"}, _("when it happened (YYYY-MM-DD HH:MM)"), m_d);
    c.deaths = m_h.require_any({"deaths", "死亡人数"}, _("the number of deaths"), m_d);
    c.injuries =
        m_h.require_any({"serious_injuries", "重伤人数"}, _("the number of serious injuries (重伤)"), m_d);
    c.loss = m_h.require_any({"direct_loss", "直接经济损失"}, _("the direct economic loss in 万元"), m_d);
    c.responsibility =
        m_h.require_any({"responsibility", "责任事故"}, _("whether it is a responsibility accident"), m_d);
    c.concealment = m_h.optional_any({"concealment", "瞒报谎报"}, m_d);
    c.reported_at = m_h.optional_any({"reported_at", "补报时间"}, m_d);
    c.description = m_h.optional_any({"description", "概况"}, m_d);
    c.level[0] = m_h.optional_any({"reported_county_at", "县级上报时间"}, m_d);
    c.level[1] = m_h.optional_any({"reported_city_at", "市级上报时间"}, m_d);
    c.level[2] = m_h.optional_any({"reported_province_at", "省级上报时间"}, m_d);
    c.level[3] = m_h.optional_any({"reported_state_at", "国务院上报时间"}, m_d);
    m_d.throw_if_any();
    while (m_file.reader().next()) row();
    m_d.throw_if_any();
    return std::move(m_reg);
  }

 private:
  std::string_view cell(std::optional<std::size_t> c) const { return m_file.cell(c); }
  Location at(std::size_t c) const { return m_h.cell(m_line, c); }
  std::string label(std::size_t c) const { return m_h.column_label(c); }

  std::optional<long> count(std::size_t c, const std::string& what) {
    const auto raw = cell(c);
    const auto v = io::parse_number(raw);
    if (raw.empty() || !v || *v < 0 || *v != std::floor(*v) || *v > 1e9) {
      m_d.error(at(c), trf("{}: {} expects a whole number of at least 0, got \"{}\"", label(c), what, raw));
      return std::nullopt;
    }
    return static_cast<long>(*v);
  }

  std::optional<date::Minute> moment(std::size_t c, bool required) {
    const auto raw = cell(c);
    if (raw.empty()) {
      if (required) m_d.error(at(c), trf("{}: empty; write the date and time, YYYY-MM-DD HH:MM", label(c)));
      return std::nullopt;
    }
    const auto m = date::parse_datetime(raw);
    if (!m) m_d.error(at(c), fmt::format("{}: {}", label(c), date::why_not_datetime(raw)));
    return m;
  }

  void row() {
    ++m_reg.rows;
    m_line = m_file.reader().line();
    const Columns& c = m_c;
    const std::string id(cell(c.id));
    if (id.empty()) {
      m_d.error(at(*c.id), label(*c.id) + _(": empty accident id"));
      return;
    }
    const auto kind = cell(c.record);
    if (kind == "补报" || kind == "revision") return revision(id);
    if (!kind.empty() && kind != "首报" && kind != "initial") {
      m_d.error(at(*c.record), trf("{}: \"{}\" is not a record kind; write 首报 (initial) or 补报 (revision)",
                                   label(*c.record), kind));
      return;
    }
    if (const auto [it, fresh] = m_first.emplace(id, m_reg.records.size()); !fresh) {
      m_d.error(at(*c.id), c.record
                               ? trf("{}: accident \"{}\" is already listed on line {}; a later report "
                                     "of its casualties is a row with record 补报",
                                     label(*c.id), id, m_reg.records[it->second].line)
                               : trf("{}: accident \"{}\" is already listed on line {}; a later report "
                                     "of its casualties is a row with record 补报 (add the column record)",
                                     label(*c.id), id, m_reg.records[it->second].line));
      return;
    }
    Record r;
    r.id = id;
    r.line = m_line;
    const auto unit_id = cell(c.unit);
    if (const auto u = m_units.find(unit_id))
      r.unit = *u;
    else
      m_d.error(at(*c.unit), trf("{}: unit \"{}\" is not in the units file{}", label(*c.unit), unit_id,
                                 assessment::suggest_unit(unit_id, m_units)));
    r.enterprise = cell(c.enterprise);
    if (r.enterprise.empty()) m_d.error(at(*c.enterprise), label(*c.enterprise) + _(": empty enterprise"));
    r.industry = cell(c.industry);
    if (r.industry.empty()) m_d.error(at(*c.industry), label(*c.industry) + _(": empty industry"));
    for (auto k : k_road_or_fire) r.road_or_fire = r.road_or_fire || r.industry == k;
    const auto occurred = moment(*c.occurred, true);
    r.occurred_at = occurred.value_or(0);
    r.deaths = count(*c.deaths, _("deaths")).value_or(0);
    r.serious_injuries = count(*c.injuries, _("serious injuries")).value_or(0);
    const auto loss_raw = cell(c.loss);
    const auto loss = io::parse_number(loss_raw);
    if (loss_raw.empty() || !loss || !std::isfinite(*loss) || *loss < 0 || *loss > 1e9)
      m_d.error(at(*c.loss),
                trf("{}: direct economic loss expects a number of 万元 from 0 to 1000000000, got \"{}\"",
                    label(*c.loss), loss_raw));
    else
      r.direct_loss_wan = *loss;
    const auto resp = text::parse_yes_no(cell(c.responsibility));
    if (!resp)
      m_d.error(at(*c.responsibility), trf("{}: expects yes or no (是/否), got \"{}\"",
                                           label(*c.responsibility), cell(c.responsibility)));
    r.responsibility = resp.value_or(false);
    const auto conceal = cell(c.concealment);
    if (conceal.empty() || conceal == "无" || conceal == "none")
      r.concealment = Concealment::None;
    else if (conceal == "漏报" || conceal == "omitted")
      r.concealment = Concealment::Omitted;
    else if (conceal == "瞒报" || conceal == "concealed")
      r.concealment = Concealment::Concealed;
    else if (conceal == "谎报" || conceal == "false")
      r.concealment = Concealment::False;
    else
      m_d.error(at(*c.concealment),
                trf("{}: \"{}\" is not a finding; write 漏报, 瞒报, 谎报 or leave it empty",
                    label(*c.concealment), conceal));
    const bool never_told = r.concealment == Concealment::Omitted || r.concealment == Concealment::Concealed;
    if (c.reported_at && !cell(c.reported_at).empty())
      m_d.error(at(*c.reported_at),
                trf("{}: a first report has no 补报时间; a later report of the casualties "
                    "is a row of its own with record 补报",
                    label(*c.reported_at)));
    if (r.concealment == Concealment::Omitted && c.level[0] && !cell(c.level[0]).empty())
      m_d.error(at(*c.concealment), trf("{}: 漏报 (never reported), but {} gives when the county was told; "
                                        "one of them is wrong",
                                        label(*c.concealment), label(*c.level[0])));
    std::optional<date::Minute> below;
    for (std::size_t l = 0; l < k_levels; ++l) {
      if (!c.level[l]) continue;
      const bool required = l == 0 && !never_told;
      r.reported_at[l] = moment(*c.level[l], required);
      if (l == 0 && !c.level[0]) continue;
      const auto& when = r.reported_at[l];
      if (!when) continue;
      if (occurred && *when < *occurred)
        m_d.error(at(*c.level[l]),
                  trf("{}: reported at {}, before the accident occurred at {}", label(*c.level[l]),
                      date::format_datetime(*when), date::format_datetime(*occurred)));
      else if (below && *when < *below)
        m_d.error(at(*c.level[l]), trf("{}: {} was told at {}, before the level below it ({})",
                                       label(*c.level[l]), level_name(static_cast<Level>(l)),
                                       date::format_datetime(*when), date::format_datetime(*below)));
      below = when;
    }
    if (!c.level[0] && !never_told)
      m_d.error(
          Location{m_reg.file, m_line},
          _("no column reported_county_at (县级上报时间): 493号令 Art 9 times the first report from it; "
            "add the "
            "column, or write 漏报/瞒报 in concealment for an accident never reported"));
    r.description = cell(c.description);
    m_reg.records.push_back(std::move(r));
  }

  void revision(const std::string& id) {
    const auto it = m_first.find(id);
    if (it == m_first.end()) {
      m_d.error(at(*m_c.id), trf("{}: revision (补报) of accident \"{}\", which no row above lists; put its "
                                 "first report (record 首报) above its revisions",
                                 label(*m_c.id), id));
      return;
    }
    Record& r = m_reg.records[it->second];
    // A revision changes casualties only (its description may say why): every other column
    // belongs to the first report.
    const Columns& c = m_c;
    for (const auto col : {c.unit, c.enterprise, c.industry, c.occurred, c.loss, c.responsibility,
                           c.concealment, c.level[0], c.level[1], c.level[2], c.level[3]})
      if (col && !cell(col).empty())
        m_d.error(at(*col), trf("{}: a revision (补报) gives only reported_at, deaths and serious_injuries; "
                                "leave this empty, or correct the first report on line {}",
                                label(*col), r.line));
    Revision v;
    v.line = m_line;
    if (!m_c.reported_at) {
      m_d.error(
          Location{m_reg.file, m_line},
          _("a revision (补报) needs the column reported_at (补报时间): when the changed casualties were "
            "reported"));
      return;
    }
    const auto when = moment(*m_c.reported_at, true);
    v.deaths = count(*m_c.deaths, _("deaths")).value_or(0);
    v.serious_injuries = count(*m_c.injuries, _("serious injuries")).value_or(0);
    if (!when) return;
    v.reported_at = *when;
    if (*when < r.occurred_at)
      m_d.error(at(*m_c.reported_at), trf("{}: revision reported at {}, before the accident occurred at {}",
                                          label(*m_c.reported_at), date::format_datetime(*when),
                                          date::format_datetime(r.occurred_at)));
    r.revisions.push_back(v);
  }

  io::CsvFile m_file;
  const io::CsvHeader& m_h;
  const assessment::Units& m_units;
  Diagnostics m_d;
  Columns m_c;
  Register m_reg;
  long m_line = 0;
  std::unordered_map<std::string, std::size_t> m_first;
};

}  // namespace

Register load_register(const std::string& display, std::string bytes, io::Encoding enc,
                       const assessment::Units& units) {
  return Reader(display, std::move(bytes), enc, units).read();
}

}  // namespace safeassess::accident
