#include "report/targeting_report.hpp"

#include <fmt/format.h>

#include <ostream>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using nlohmann::ordered_json;
using targeting::Change;
using targeting::Classification;

namespace {

bool points_method(const ClassifyData& d) {
  return d.rules->classification.method == Classification::Method::Points;
}

std::string colour_name(const ClassifyData& d, std::size_t c) {
  return d.rules->colours[c].name;
}

std::string change_label(Change c) {
  switch (c) {
    case Change::New:
      return _("new");
    case Change::Same:
      return _("same");
    case Change::Worse:
      return _("worse");
    case Change::Better:
      return _("better");
  }
  return "";
}

// A fact as shown: a rate to 2 decimals (it is compared exactly), a count as it is.
num::Decimal shown(num::Decimal v) {
  return v.is_integer() ? v : v.round(2);
}

// A fact in JSON: a count as an integer, a rate as a number.
ordered_json fact_json(num::Decimal v) {
  if (v.is_integer()) return ordered_json(v.whole());
  return ordered_json(shown(v));
}

// A fact as a reader names it: its id, or in Chinese its Chinese name (较大及以上事故起数,
// 上期为红).
std::string field_label(const ClassifyData& d, std::size_t f, const std::vector<std::string>& ids) {
  if (i18n::current() != i18n::Lang::Zh) return ids[f];
  if (f < targeting::k_facts) return std::string(targeting::fact_name(static_cast<targeting::Fact>(f)));
  return trf("previous colour {}", d.rules->colours[f - targeting::k_facts].name);
}

// "larger_accidents = 1, deaths = 0"
std::string facts_text(const ClassifyData& d, const targeting::ClassRule& rule, std::size_t e) {
  const auto ids = d.rules->field_ids();
  std::vector<std::string> parts;
  for (auto f : rule.fields) {
    const auto& row = d.result->rows[e];
    const std::string label = field_label(d, f, ids);
    if (std::find(row.unknown.begin(), row.unknown.end(), f) != row.unknown.end())
      parts.push_back(trf("{} unknown", label));
    else
      parts.push_back(label + " = " + shown(row.facts[f]).str());
  }
  return text::join(parts, ", ");
}

struct Table {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
};

// Most severe colour first, then in list order.
std::vector<std::size_t> order(const ClassifyData& d) {
  std::vector<std::size_t> out(d.list->rows.size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  std::stable_sort(out.begin(), out.end(),
                   [&](auto a, auto b) { return d.result->rows[a].colour < d.result->rows[b].colour; });
  return out;
}

Table enterprise_table(const ClassifyData& d) {
  Table t;
  t.head = {_("enterprise"), _("name"),   _("unit"),     _("township"),
            _("industry"),   _("colour"), _("previous"), _("change")};
  if (points_method(d)) t.head.push_back(_("points"));
  t.head.insert(t.head.end(),
                {_("reasons"), _("inspections/year"), _("interview"), _("credit"), _("incentive")});
  for (auto e : order(d)) {
    const auto& ent = d.list->rows[e];
    const auto& row = d.result->rows[e];
    const auto& col = d.rules->colours[row.colour];
    std::vector<std::string> cells{ent.id,
                                   ent.name,
                                   ent.unit,
                                   ent.township,
                                   ent.industry,
                                   col.name,
                                   ent.previous ? colour_name(d, *ent.previous) : std::string("—"),
                                   change_label(row.change)};
    if (points_method(d)) cells.push_back(row.points.str());
    cells.insert(cells.end(),
                 {reasons(d, e), col.inspections_per_year ? std::to_string(*col.inspections_per_year) : "—",
                  col.interview, col.credit, col.incentive});
    t.rows.push_back(std::move(cells));
  }
  return t;
}

// Per colour: enterprises now and last period, inspections a year, and the measures.
Table colour_table(const ClassifyData& d) {
  Table t{{_("colour"), _("enterprises"), _("last period"), _("inspections/year"), _("inspections planned")},
          {}};
  long total = 0;
  for (std::size_t c = 0; c < d.rules->colours.size(); ++c) {
    const auto& col = d.rules->colours[c];
    const auto n = d.result->counts[c];
    std::string planned = "—";
    if (col.inspections_per_year) {
      const long p = static_cast<long>(n) * *col.inspections_per_year;
      total += p;
      planned = std::to_string(p);
    }
    t.rows.push_back({col.name, std::to_string(n), std::to_string(d.result->previous[c]),
                      col.inspections_per_year ? std::to_string(*col.inspections_per_year) : "—", planned});
  }
  t.rows.push_back({_("all colours"), std::to_string(d.list->rows.size()), "", "", std::to_string(total)});
  return t;
}

// Per unit: enterprises of each colour.
Table unit_table(const ClassifyData& d) {
  Table t{{_("unit")}, {}};
  for (const auto& c : d.rules->colours) t.head.push_back(c.name);
  std::vector<std::vector<std::size_t>> n(d.unit_ids.size(),
                                          std::vector<std::size_t>(d.rules->colours.size()));
  for (std::size_t e = 0; e < d.list->rows.size(); ++e)
    ++n[d.list->rows[e].unit_index][d.result->rows[e].colour];
  for (std::size_t u = 0; u < d.unit_ids.size(); ++u) {
    std::vector<std::string> cells{d.unit_ids[u]};
    std::size_t any = 0;
    for (auto x : n[u]) {
      cells.push_back(std::to_string(x));
      any += x;
    }
    if (any) t.rows.push_back(std::move(cells));
  }
  return t;
}

std::string heading(const ClassifyData& d) {
  return trf("三色 classification {} — {} as of {} (ruleset {}: {})", d.list->file, d.period,
             date::format(d.as_of), d.ruleset_id, points_method(d) ? _("points") : _("first match"));
}

std::string counts_line(const ClassifyData& d) {
  std::vector<std::string> parts;
  for (std::size_t c = 0; c < d.rules->colours.size(); ++c)
    parts.push_back(d.rules->colours[c].name + " " + std::to_string(d.result->counts[c]));
  const auto& ch = d.result->changes;
  return trf("{} enterprises: {}; since the previous period: {} worse, {} better, {} same, {} new",
             d.list->rows.size(), text::join(parts, ", "), ch[static_cast<std::size_t>(Change::Worse)],
             ch[static_cast<std::size_t>(Change::Better)], ch[static_cast<std::size_t>(Change::Same)],
             ch[static_cast<std::size_t>(Change::New)]);
}

std::string previous_line(const ClassifyData& d) {
  if (d.list->previous_file.empty()) return {};
  if (d.list->previous_unlisted == 0) return trf("previous colours from {}", d.list->previous_file);
  return trf("previous colours from {}; {} of its enterprises are no longer on the list ({})",
             d.list->previous_file, d.list->previous_unlisted,
             text::join(d.list->previous_unlisted_ids, ", "));
}

std::string unlisted_line(const ClassifyData& d) {
  const auto& r = *d.result;
  if (r.unlisted_hazards == 0 && r.unlisted_accidents == 0) return {};
  return trf("not classified: {} hazards and {} accidents of enterprises not on the list ({})",
             r.unlisted_hazards, r.unlisted_accidents, text::join(r.unlisted_names, ", "));
}

std::string verified_line(const targeting::Targeting& t) {
  if (t.verified) return t.source.empty() ? std::string() : trf("source: {}", t.source);
  return t.source.empty()
             ? std::string(_("the scheme and its rules are the ruleset's choice (verified: false)"))
             : trf("source: {} (verified: false)", t.source);
}

void md_table(std::ostream& out, const Table& t) {
  write_markdown_table(out, t.head, t.rows);
  out << '\n';
}

void text_table(std::ostream& out, const Table& t, std::size_t first_right) {
  std::vector<bool> right(t.head.size());
  for (std::size_t c = first_right; c < right.size(); ++c) right[c] = true;
  write_text_table(out, TextTable{t.head, t.rows, right});
}

ordered_json colour_json(const targeting::Colour& c) {
  return {{"id", c.id},
          {"name", c.name},
          {"inspections_per_year",
           c.inspections_per_year ? ordered_json(*c.inspections_per_year) : ordered_json()},
          {"interview", c.interview},
          {"credit", c.credit},
          {"incentive", c.incentive}};
}

void write_classification_json(std::ostream& out, const ClassifyData& d) {
  const auto& r = *d.result;
  const auto ids = d.rules->field_ids();
  ordered_json j;
  j["enterprises_file"] = d.list->file;
  j["ruleset"] = d.ruleset_id;
  j["period"] = d.period;
  j["as_of"] = date::format(d.as_of);
  j["method"] = points_method(d) ? "points" : "first-match";
  j["verified"] = d.rules->verified;
  j["source"] = d.rules->source;
  ordered_json colours = ordered_json::array();
  long planned = 0;
  for (std::size_t c = 0; c < d.rules->colours.size(); ++c) {
    auto cj = colour_json(d.rules->colours[c]);
    cj["enterprises"] = r.counts[c];
    cj["previous"] = r.previous[c];
    if (const auto f = d.rules->colours[c].inspections_per_year)
      planned += static_cast<long>(r.counts[c]) * *f;
    colours.push_back(std::move(cj));
  }
  j["colours"] = std::move(colours);
  j["inspections_planned"] = planned;
  j["changes"] = {{"worse", r.changes[static_cast<std::size_t>(Change::Worse)]},
                  {"better", r.changes[static_cast<std::size_t>(Change::Better)]},
                  {"same", r.changes[static_cast<std::size_t>(Change::Same)]},
                  {"new", r.changes[static_cast<std::size_t>(Change::New)]}};
  j["previous_file"] = d.list->previous_file.empty() ? ordered_json() : ordered_json(d.list->previous_file);
  j["previous_unlisted"] = {{"count", d.list->previous_unlisted}, {"ids", d.list->previous_unlisted_ids}};
  j["unlisted"] = {
      {"hazards", r.unlisted_hazards}, {"accidents", r.unlisted_accidents}, {"names", r.unlisted_names}};
  ordered_json rows = ordered_json::array();
  for (std::size_t e = 0; e < d.list->rows.size(); ++e) {
    const auto& ent = d.list->rows[e];
    const auto& row = r.rows[e];
    ordered_json facts = ordered_json::object();
    for (std::size_t f = 0; f < ids.size(); ++f)
      if ((f >= targeting::k_facts || r.has_source[f]) &&
          std::find(row.unknown.begin(), row.unknown.end(), f) == row.unknown.end())
        facts[ids[f]] = fact_json(row.facts[f]);
    ordered_json matched = ordered_json::array();
    for (auto m : row.matched) {
      const auto& rule = d.rules->classification.rules[m];
      ordered_json read = ordered_json::object();
      for (auto f : rule.fields)
        read[ids[f]] = std::find(row.unknown.begin(), row.unknown.end(), f) != row.unknown.end()
                           ? ordered_json()
                           : fact_json(row.facts[f]);
      ordered_json mj{{"id", rule.id}, {"name", rule.name}};
      if (points_method(d))
        mj["points"] = fact_json(rule.points);
      else
        mj["colour"] = d.rules->colours[rule.colour].id;
      mj["facts"] = std::move(read);
      mj["verified"] = rule.verified;
      matched.push_back(std::move(mj));
    }
    ordered_json skipped = ordered_json::array();
    for (auto m : row.skipped) skipped.push_back(d.rules->classification.rules[m].id);
    ordered_json unknown = ordered_json::array();
    for (auto f : row.unknown) unknown.push_back(ids[f]);
    ordered_json ej{
        {"id", ent.id},
        {"name", ent.name},
        {"unit", ent.unit},
        {"township", ent.township},
        {"industry", ent.industry},
        {"colour", d.rules->colours[row.colour].id},
        {"previous", ent.previous ? ordered_json(d.rules->colours[*ent.previous].id) : ordered_json()},
        {"change", targeting::to_string(row.change)}};
    if (points_method(d)) ej["points"] = fact_json(row.points);
    ej["rules"] = std::move(matched);
    ej["not_applied"] = std::move(skipped);
    ej["facts"] = std::move(facts);
    ej["unknown"] = std::move(unknown);
    ej["line"] = ent.line;
    rows.push_back(std::move(ej));
  }
  j["enterprises"] = std::move(rows);
  out << json_text(j, 2) << '\n';
}

void write_classification_csv(std::ostream& out, const ClassifyData& d) {
  out << "id,name,unit,township,industry,colour,colour_name,previous,change,points,rules,reasons,inspections_"
         "per_"
         "year,interview,credit,incentive\r\n";
  for (std::size_t e = 0; e < d.list->rows.size(); ++e) {
    const auto& ent = d.list->rows[e];
    const auto& row = d.result->rows[e];
    const auto& col = d.rules->colours[row.colour];
    std::vector<std::string> rule_ids;
    for (auto m : row.matched) rule_ids.push_back(d.rules->classification.rules[m].id);
    out << csv_field(ent.id) << ',' << csv_field(ent.name) << ',' << csv_field(ent.unit) << ','
        << csv_field(ent.township) << ',' << csv_field(ent.industry) << ',' << csv_field(col.id) << ','
        << csv_field(col.name) << ',' << (ent.previous ? csv_field(d.rules->colours[*ent.previous].id) : "")
        << ',' << targeting::to_string(row.change) << ',' << (points_method(d) ? row.points.str() : "") << ','
        << csv_field(text::join(rule_ids, ";")) << ',' << csv_field(reasons(d, e)) << ','
        << (col.inspections_per_year ? std::to_string(*col.inspections_per_year) : "") << ','
        << csv_field(col.interview) << ',' << csv_field(col.credit) << ',' << csv_field(col.incentive)
        << "\r\n";
  }
}

}  // namespace

std::string reasons(const ClassifyData& d, std::size_t e) {
  const auto& row = d.result->rows[e];
  const auto& cl = d.rules->classification;
  std::vector<std::string> parts;
  for (auto m : row.matched) {
    const auto& rule = cl.rules[m];
    std::string s = rule.name + " (" + facts_text(d, rule, e) + ")";
    if (cl.method == Classification::Method::Points)
      s += (rule.points.negative() ? " " : " +") + rule.points.str();
    parts.push_back(std::move(s));
  }
  std::string skipped;
  if (!row.skipped.empty()) {
    const auto ids = d.rules->field_ids();
    std::vector<std::string> names, unknown;
    for (auto r : row.skipped) names.push_back(cl.rules[r].name);
    for (auto f : row.unknown) unknown.push_back(field_label(d, f, ids));
    skipped = trf("; {} unknown, not applied: {}", text::join(unknown, ", "), text::join(names, ", "));
  }
  if (cl.method == Classification::Method::Points) {
    std::string band = _("below every band");
    for (const auto& b : cl.bands)
      if (row.points >= b.min) {
        band = trf("≥ {} for {}", b.min.str(), colour_name(d, b.colour));
        break;
      }
    return trf("{} points ({}){}", row.points.str(), band,
               parts.empty() ? "" : ": " + text::join(parts, "; ")) +
           skipped;
  }
  return (parts.empty() ? std::string(_("no rule applies")) : parts.front()) + skipped;
}

void write_classification(std::ostream& out, Format format, const ClassifyData& d) {
  switch (format) {
    case Format::Table: {
      out << heading(d) << '\n' << counts_line(d) << '\n';
      if (const auto v = verified_line(*d.rules); !v.empty()) out << v << '\n';
      if (const auto p = previous_line(d); !p.empty()) out << p << '\n';
      if (const auto u = unlisted_line(d); !u.empty()) out << u << '\n';
      out << '\n';
      text_table(out, colour_table(d), 1);
      out << '\n';
      text_table(out, unit_table(d), 1);
      out << '\n';
      text_table(out, enterprise_table(d), 99);
      break;
    }
    case Format::Markdown: {
      out << "# " << md_cell(heading(d)) << "\n\n- " << md_cell(counts_line(d)) << '\n';
      if (const auto v = verified_line(*d.rules); !v.empty()) out << "- " << md_cell(v) << '\n';
      if (const auto p = previous_line(d); !p.empty()) out << "- " << md_cell(p) << '\n';
      if (const auto u = unlisted_line(d); !u.empty()) out << "- " << md_cell(u) << '\n';
      out << "\n## " << md_cell(_("By colour")) << "\n\n";
      md_table(out, colour_table(d));
      out << "## " << md_cell(_("By unit")) << "\n\n";
      md_table(out, unit_table(d));
      out << "## " << md_cell(_("Enterprises")) << "\n\n";
      md_table(out, enterprise_table(d));
      break;
    }
    case Format::Json:
      write_classification_json(out, d);
      break;
    case Format::Csv:
      write_classification_csv(out, d);
      break;
  }
}

namespace {

std::string key_text(const targeting::Sampling& plan, const targeting::Stratum& s, const ClassifyData& c) {
  if (plan.strata.empty()) return _("all enterprises");
  std::vector<std::string> parts;
  for (std::size_t i = 0; i < s.key.size(); ++i) {
    if (plan.strata[i] == targeting::StratumKey::Colour)
      parts.push_back(c.rules->colours[*c.rules->find_colour(s.key[i])].name);
    else
      parts.push_back(s.key[i].empty() ? std::string("—") : s.key[i]);
  }
  return text::join(parts, " / ");
}

// The colours the recent rule covers: "黄, 绿", or every colour.
std::string recent_colours(const ClassifyData& c, const targeting::Sampling& plan) {
  if (plan.recent_colours.empty()) return _("all enterprises");
  std::vector<std::string> names;
  for (auto k : plan.recent_colours) names.push_back(c.rules->colours[k].name);
  return trf("enterprises of {}", text::join(names, ", "));
}

std::string allocation_text(const targeting::Allocation& a) {
  return a.rate ? a.rate->str() + "%" : std::to_string(*a.count);
}

ordered_json plan_json(const targeting::Targeting& t) {
  const auto& p = *t.sampling;
  ordered_json strata = ordered_json::array();
  for (auto k : p.strata) strata.push_back(targeting::to_string(k));
  ordered_json alloc = ordered_json::array();
  for (const auto& a : p.allocation) {
    ordered_json aj = ordered_json::object();
    for (const auto& [k, v] : a.match) aj[std::string(targeting::to_string(k))] = v;
    if (a.rate)
      aj["rate"] = a.rate->str();
    else
      aj["count"] = *a.count;
    alloc.push_back(std::move(aj));
  }
  ordered_json recent_colours = ordered_json::array();
  for (auto c : p.recent_colours) recent_colours.push_back(t.colours[c].id);
  return {{"strata", std::move(strata)},
          {"allocation", std::move(alloc)},
          {"rounding", "up"},
          {"recent",
           {{"months", p.recent_months},
            {"mode", p.recent_exclude ? "exclude" : "weight"},
            {"weight", p.recent_weight},
            {"colours", std::move(recent_colours)}}},
          {"team_size", p.team_size},
          {"max_per_inspector", p.max_per_inspector},
          {"qualification", p.qualification},
          {"avoid",
           {{"related", true}, {"last_inspection", p.avoid_last}, {"own_township", p.avoid_own_township}}}};
}

}  // namespace

ordered_json draw_record(const DrawData& d) {
  const auto& c = *d.classes;
  const auto& plan = *c.rules->sampling;
  const auto& dr = *d.draw;
  ordered_json j;
  j["record"] = "safeassess-draw/1";
  j["tool"] = "safeassess " + d.version;
  j["manifest"] = d.manifest;
  j["seed"] = d.seed;
  j["seed_sha256"] = hash::sha256_hex(d.seed);
  j["beacon"] = d.beacon.empty() ? ordered_json() : ordered_json(d.beacon);
  j["date"] = date::format(d.date);
  j["generator"] = {
      {"algorithm", "ChaCha20 (RFC 8439), nonce 0, block counter from 0"},
      {"key", "SHA-256(\"safeassess-draw-v1\\n\" || seed [|| \"\\n\" || beacon])"},
      {"integers", "little-endian 64-bit words; below(n): reject x < 2^64 mod n, return x mod n"},
      {"words", dr.words}};
  ordered_json inputs = ordered_json::array();
  for (const auto& f : d.inputs) inputs.push_back({{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}});
  j["inputs"] = std::move(inputs);
  j["rules"] = {{"ruleset", c.ruleset_id},
                {"ruleset_sha256", d.ruleset_sha256},
                {"classification", points_method(c) ? "points" : "first-match"},
                {"sampling", plan_json(*c.rules)}};
  ordered_json strata = ordered_json::array();
  for (const auto& s : dr.strata) {
    ordered_json key = ordered_json::object();
    for (std::size_t i = 0; i < s.key.size(); ++i)
      key[std::string(targeting::to_string(plan.strata[i]))] = s.key[i];
    ordered_json drawn = ordered_json::array();
    for (auto e : s.drawn) drawn.push_back(c.list->rows[e].id);
    strata.push_back({{"key", std::move(key)},
                      {"size", s.size},
                      {"recent", s.recent},
                      {"eligible", s.eligible},
                      {"allocation", allocation_text(plan.allocation[s.allocation])},
                      {"count", s.count},
                      {"drawn", std::move(drawn)}});
  }
  j["strata"] = std::move(strata);
  ordered_json teams = ordered_json::array();
  for (const auto& t : dr.teams) {
    ordered_json who = ordered_json::array();
    for (auto i : t.inspectors) who.push_back(d.roster->inspectors[i].id);
    teams.push_back({{"enterprise", c.list->rows[t.enterprise].id}, {"inspectors", std::move(who)}});
  }
  j["teams"] = std::move(teams);
  ordered_json load = ordered_json::array();
  for (std::size_t i = 0; i < dr.load.size(); ++i)
    if (dr.load[i]) load.push_back({{"inspector", d.roster->inspectors[i].id}, {"assigned", dr.load[i]}});
  j["load"] = std::move(load);
  return j;
}

void write_draw(std::ostream& out, Format format, const DrawData& d) {
  if (format == Format::Json) {
    out << json_text(draw_record(d), 2) << '\n';
    return;
  }
  const auto& c = *d.classes;
  const auto& plan = *c.rules->sampling;
  const auto& dr = *d.draw;
  std::vector<std::size_t> stratum_of(c.list->rows.size(), 0);
  for (std::size_t s = 0; s < dr.strata.size(); ++s)
    for (auto e : dr.strata[s].drawn) stratum_of[e] = s;
  auto names = [&](const targeting::Team& t) {
    std::vector<std::string> parts;
    for (auto i : t.inspectors)
      parts.push_back(d.roster->inspectors[i].id + " " + d.roster->inspectors[i].name);
    return text::join(parts, ", ");
  };
  if (format == Format::Csv) {
    out << "order,enterprise,name,unit,township,industry,colour,stratum,inspectors,inspector_names\r\n";
    for (std::size_t k = 0; k < dr.teams.size(); ++k) {
      const auto& t = dr.teams[k];
      const auto& ent = c.list->rows[t.enterprise];
      std::vector<std::string> ids, ns;
      for (auto i : t.inspectors) {
        ids.push_back(d.roster->inspectors[i].id);
        ns.push_back(d.roster->inspectors[i].name);
      }
      out << (k + 1) << ',' << csv_field(ent.id) << ',' << csv_field(ent.name) << ',' << csv_field(ent.unit)
          << ',' << csv_field(ent.township) << ',' << csv_field(ent.industry) << ','
          << csv_field(c.rules->colours[c.result->rows[t.enterprise].colour].id) << ','
          << csv_field(key_text(plan, dr.strata[stratum_of[t.enterprise]], c)) << ','
          << csv_field(text::join(ids, ";")) << ',' << csv_field(text::join(ns, ";")) << "\r\n";
    }
    return;
  }
  const bool md = format == Format::Markdown;
  const std::string title = d.beacon.empty()
                                ? trf("双随机 draw of {} on {} — seed SHA-256 {}", c.list->file,
                                      date::format(d.date), hash::sha256_hex(d.seed))
                                : trf("双随机 draw of {} on {} — seed SHA-256 {}, beacon {}", c.list->file,
                                      date::format(d.date), hash::sha256_hex(d.seed), d.beacon);
  std::size_t drawn = 0;
  for (const auto& s : dr.strata) drawn += s.count;
  const std::string summary =
      trf("{} of {} enterprises drawn in {} strata; {} inspectors assigned, {} per enterprise", drawn,
          c.list->rows.size(), dr.strata.size(),
          std::count_if(dr.load.begin(), dr.load.end(), [](long x) { return x > 0; }), plan.team_size);
  const std::string recent =
      plan.recent_months > 0
          ? trf("{} inspected since {} ({} months): {}", recent_colours(c, plan),
                date::format(dr.recent_from), plan.recent_months,
                plan.recent_exclude ? _("left out") : trf("weight {}%", plan.recent_weight))
          : std::string();
  Table strata{
      {_("stratum"), _("enterprises"), _("recently inspected"), _("eligible"), _("allocation"), _("drawn")},
      {}};
  for (const auto& s : dr.strata)
    strata.rows.push_back({key_text(plan, s, c), std::to_string(s.size), std::to_string(s.recent),
                           std::to_string(s.eligible), allocation_text(plan.allocation[s.allocation]),
                           std::to_string(s.count)});
  Table teams{{"#", _("enterprise"), _("name"), _("stratum"), _("inspectors")}, {}};
  for (std::size_t k = 0; k < dr.teams.size(); ++k) {
    const auto& t = dr.teams[k];
    const auto& ent = c.list->rows[t.enterprise];
    teams.rows.push_back({std::to_string(k + 1), ent.id, ent.name,
                          key_text(plan, dr.strata[stratum_of[t.enterprise]], c), names(t)});
  }
  Table load{{_("inspector"), _("name"), _("assigned")}, {}};
  for (std::size_t i = 0; i < dr.load.size(); ++i)
    if (dr.load[i])
      load.rows.push_back(
          {d.roster->inspectors[i].id, d.roster->inspectors[i].name, std::to_string(dr.load[i])});
  if (md) {
    out << "# " << md_cell(title) << "\n\n- " << md_cell(summary) << '\n';
    if (!recent.empty()) out << "- " << md_cell(recent) << '\n';
    out << "\n## " << md_cell(_("Strata")) << "\n\n";
    md_table(out, strata);
    out << "## " << md_cell(_("Teams")) << "\n\n";
    md_table(out, teams);
    out << "## " << md_cell(_("Workload")) << "\n\n";
    md_table(out, load);
    return;
  }
  out << title << '\n' << summary << '\n';
  if (!recent.empty()) out << recent << '\n';
  out << '\n';
  text_table(out, strata, 1);
  out << '\n';
  text_table(out, teams, 99);
  out << '\n';
  text_table(out, load, 2);
}

}  // namespace safeassess::report
