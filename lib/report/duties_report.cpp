#include "report/duties_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/accounting.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/labels.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using chain::k_no_index;
using nlohmann::ordered_json;

std::string role_name(const assessment::ChainData& d, std::uint32_t v) {
  const auto r = d.chain.role[v];
  return r == k_no_index ? std::string() : d.duties.roles[r].name;
}

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

// Each period of one duty of one holder, as "+" / "?" / "-".
std::string period_strip(const assessment::ChainData& d, std::uint32_t v, std::size_t duty) {
  const auto& comp = *d.compliance;
  std::string s;
  for (int b = 0; b < comp.periods(v, duty); ++b)
    s += status_mark(comp.status(d.duties, d.chain, v, duty, b));
  return s.empty() ? std::string(_("(not due in the period)")) : s;
}

void duties_header(std::ostream& out, const assessment::ChainData& d, bool md) {
  const auto& comp = *d.compliance;
  out << trf("Duty compliance (履职) — {} {} ({}), period {}..{}", as_text(md, d.duties.name),
             as_text(md, d.duties.version), as_text(md, d.duties.id), date::format(comp.buckets.period.first),
             date::format(comp.buckets.period.last))
      << '\n';
  out << trf("records {} ({} in periods not wholly inside the assessment period, not counted)", comp.records,
             comp.records_not_assessed)
      << '\n';
}

}  // namespace

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
        const auto freq = comp.frequency(v, k);
        for (int b = 0; b < comp.periods(v, k); ++b) {
          const std::size_t slot = comp.slot(v, k, b);
          periods.push_back({{"period", comp.buckets.label(freq, b)},
                             {"status", duty::to_string(comp.status(d.duties, c, v, k, b))},
                             {"evidenced", comp.evidenced[slot]},
                             {"unevidenced", comp.unevidenced[slot]}});
        }
        ds.push_back({{"id", duty.id},
                      {"name", duty.name},
                      {"frequency", duty::to_string(freq)},
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
        const auto freq = comp.frequency(v, k);
        for (int b = 0; b < comp.periods(v, k); ++b) {
          const std::size_t slot = comp.slot(v, k, b);
          out << csv_field(c.ids[v]) << ',' << csv_field(c.names[v]) << ',' << csv_field(role.id) << ','
              << duty::to_string(role.tier) << ',' << csv_field(unit_of(c, v, units)) << ','
              << csv_field(duty.id) << ',' << csv_field(duty.name) << ',' << duty::to_string(freq) << ','
              << duty.min_count << ',' << comp.buckets.label(freq, b) << ','
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
  if (md) out << "## " << _("By tier") << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t t = 0; t < duty::k_tiers; ++t) {
    const auto& x = summary.by_tier[t];
    rows.push_back({label(static_cast<duty::Tier>(t)), fmt::format("{}/{}", x.met, x.due),
                    std::to_string(x.unevidenced), rate_text(x)});
  }
  rows.push_back({_("overall"), fmt::format("{}/{}", summary.total.met, summary.total.due),
                  std::to_string(summary.total.unevidenced), rate_text(summary.total)});
  emit_table({_("tier"), _("met/due"), _("unevidenced"), _("compliance")}, rows, 1);
  out << '\n';
  if (md) out << "## " << _("By role") << "\n\n";
  rows.clear();
  for (std::size_t r = 0; r < d.duties.roles.size(); ++r) {
    const auto& x = summary.by_role[r];
    if (x.due == 0) continue;
    rows.push_back({d.duties.roles[r].id, d.duties.roles[r].name, fmt::format("{}/{}", x.met, x.due),
                    std::to_string(x.unevidenced), rate_text(x)});
  }
  emit_table({_("role"), _("name"), _("met/due"), _("unevidenced"), _("compliance")}, rows, 2);
  if (!units.empty()) {
    out << '\n';
    if (md) out << "## " << _("By unit") << "\n\n";
    rows.clear();
    for (std::size_t u = 0; u < units.size(); ++u) {
      const auto& x = summary.by_unit[u];
      rows.push_back(
          {units[u], fmt::format("{}/{}", x.met, x.due), std::to_string(x.unevidenced), rate_text(x)});
    }
    emit_table({_("unit"), _("met/due"), _("unevidenced"), _("compliance")}, rows, 1);
  }
  out << '\n';
  if (md) out << "## " << _("By holder and duty") << "\n\n";
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
                      fmt::format("{} ≥{}", label(comp.frequency(v, k)), duty.min_count),
                      fmt::format("{}/{}", t.met, t.due), period_strip(d, v, k)});
    }
  }
  emit_table({_("holder"), _("name / duty"), _("role / frequency"), _("met/due"), _("compliance / periods")},
             rows, 3);
  out << (md ? "\n" : "") << _("periods: + met, ? met without the required evidence, - missed") << '\n';
}

}  // namespace safeassess::report
