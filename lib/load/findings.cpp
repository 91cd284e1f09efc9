#include "load/findings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/criteria.hpp"

namespace safeassess::hazard {

namespace {

// industry -> the editions of the one standard that judges it. Two standards (families)
// claiming one industry make the choice a guess; two editions of one standard in force on
// the same day make the edition a guess.
std::unordered_map<std::string, std::vector<std::size_t>> industry_map(
    const std::vector<Criteria>& standards) {
  std::unordered_map<std::string, std::vector<std::size_t>> map;
  Diagnostics d;
  for (std::size_t s = 0; s < standards.size(); ++s) {
    const Criteria& cr = standards[s];
    for (std::size_t t = 0; t < s; ++t) {
      const Criteria& other = standards[t];
      if (other.family != cr.family || !other.edition.from || !cr.edition.from) continue;
      const bool apart = (other.edition.until && *other.edition.until < *cr.edition.from) ||
                         (cr.edition.until && *cr.edition.until < *other.edition.from);
      if (!apart)
        d.error(Location{cr.file}, trf("editions \"{}\" ({}) and \"{}\" ({}) of {} are both in force on "
                                       "some day; fix effective_from/effective_until",
                                       other.id, other.edition.span(), cr.id, cr.edition.span(), cr.family));
    }
    for (const auto& ind : cr.industries) {
      auto& list = map[ind];
      if (!list.empty() && standards[list.front()].family != cr.family) {
        d.error(Location{cr.file}, trf("industry \"{}\" is judged by both \"{}\" and \"{}\"; pass "
                                       "only one of them with --criteria",
                                       ind, standards[list.front()].id, cr.id));
        continue;
      }
      if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
    }
  }
  d.throw_if_any();
  return map;
}

// The day that picks a finding's edition, or why there is none.
std::optional<date::Day> judging_day(const Finding& f, std::optional<date::Day> as_of) {
  if (!f.date.empty()) return date::parse(f.date);
  return as_of;
}

std::string no_day(const Finding& f) {
  return trf(
      "finding \"{}\" has no date, so the edition of the criteria in force cannot be chosen; "
      "fill its date (YYYY-MM-DD) or run judge --as-of YYYY-MM-DD",
      f.id);
}

// Picks the finding's edition and sizes its facts; false when it has none in force (then
// its facts are not read).
bool place(Finding& f, date::Day day, const std::vector<std::size_t>& family,
           const std::vector<Criteria>& standards) {
  const EditionChoice choice = choose_edition(standards, family, day);
  f.standard = choice.standard;
  f.judged_as_of = date::format(day);
  f.out_of_force = choice.why_not;
  f.facts.assign(standards[f.standard].fields.size(), Fact{});
  return f.out_of_force.empty();
}

// For a finding without a usable date (already an error): its facts are still checked,
// against the newest edition, so that one run reports every problem.
bool place_for_checking(Finding& f, const std::vector<std::size_t>& family,
                        const std::vector<Criteria>& standards) {
  f.standard = family.front();
  for (const std::size_t s : family)
    if (standards[s].edition.from > standards[f.standard].edition.from) f.standard = s;
  f.facts.assign(standards[f.standard].fields.size(), Fact{});
  return true;
}

std::vector<std::string> industry_names(const std::vector<Criteria>& standards) {
  std::vector<std::string> out;
  for (const auto& s : standards)
    for (const auto& i : s.industries) out.push_back(i);
  return out;
}

std::string unknown_industry(std::string_view industry, const std::vector<Criteria>& standards) {
  const auto names = industry_names(standards);
  const std::string hint = text::did_you_mean(industry, names);
  return trf("industry \"{}\" is not judged by any standard loaded{}", industry,
             hint.empty() ? trf("; known industries: {}", text::join(names, ", ")) : hint);
}

// Why a column is unknown: a field of a bundled standard that was not loaded, or a
// misspelling.
std::string unknown_field_hint(const std::string& name, const std::vector<std::string>& known,
                               const std::vector<Criteria>& loaded) {
  for (const auto& bundled : ruleset::builtin_names("criteria")) {
    if (std::any_of(loaded.begin(), loaded.end(), [&](const Criteria& c) { return c.id == bundled; }))
      continue;
    const Criteria other = load_criteria_ref("builtin:" + bundled);
    if (other.find_field(name))
      return trf(": it belongs to {} ({}); add --criteria {} or remove the column", other.id,
                 other.edition.number, other.id);
  }
  return text::did_you_mean(name, known);
}

}  // namespace

std::vector<Finding> load_findings_csv(const std::string& display, std::string bytes, io::Encoding enc,
                                       const std::vector<Criteria>& standards,
                                       std::optional<date::Day> as_of) {
  const auto industries = industry_map(standards);
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  Diagnostics d;
  const auto c_id = header.require_any({"id", "编号"}, _("the finding's identifier"), d);
  const auto c_ent = header.require_any({"enterprise", "企业"}, _("the enterprise inspected"), d);
  const auto c_ind = header.require_any({"industry", "行业"}, _("which standard judges the finding"), d);
  std::optional<std::size_t> c_loc = header.find("location"), c_date = header.find("date"),
                             c_note = header.find("note");
  const std::vector<std::string> descriptive = {"id",   "编号",     "enterprise", "企业",      "industry",
                                                "行业", "location", "date",       "inspector", "note"};
  // Every other column must be a field of some standard, with one type across standards.
  struct Column {
    std::size_t csv;
    std::string field;
  };
  std::vector<Column> columns;
  std::vector<std::string> all_fields = descriptive;
  for (const auto& s : standards)
    for (const auto& f : s.fields) all_fields.push_back(f.id);
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = header.name(c);
    if (std::find(descriptive.begin(), descriptive.end(), name) != descriptive.end()) continue;
    bool known = false;
    std::optional<FieldType> type;
    for (const auto& s : standards)
      if (auto f = s.find_field(name)) {
        known = true;
        if (type && *type != s.fields[*f].type)
          d.error(header.cell(header.line(), c),
                  trf("field \"{}\" has different types in the standards loaded", name));
        type = s.fields[*f].type;
      }
    if (!known)
      d.error(header.cell(header.line(), c),
              trf("column {} \"{}\" is not a field of any standard loaded{}", text::column_letter(c + 1),
                  name, unknown_field_hint(name, all_fields, standards)));
    else
      columns.push_back({c, name});
  }
  // A bad column is left out and the rows are still checked, so that one run reports all.
  if (!c_id || !c_ent || !c_ind) d.throw_if_any();

  std::vector<Finding> out;
  std::unordered_map<std::string, long> seen;
  auto cell = [&](std::optional<std::size_t> c) { return file.cell(c); };
  while (reader.next()) {
    Finding f;
    f.line = reader.line();
    f.id = cell(c_id);
    f.enterprise = cell(c_ent);
    f.industry = cell(c_ind);
    f.location = cell(c_loc);
    f.date = cell(c_date);
    const bool bad_date = !f.date.empty() && !date::parse(f.date);
    if (bad_date)
      d.error(header.cell(f.line, *c_date), header.column_label(*c_date) + ": " + date::why_not(f.date));
    f.note = cell(c_note);
    if (f.id.empty()) {
      d.error(header.cell(f.line, *c_id), trf("{}: empty finding id", header.column_label(*c_id)));
      continue;
    }
    if (f.enterprise.empty())
      d.error(header.cell(f.line, *c_ent),
              trf("{}: empty enterprise for finding \"{}\"", header.column_label(*c_ent), f.id));
    const auto [it, fresh] = seen.emplace(f.id, f.line);
    if (!fresh) {
      d.error(header.cell(f.line, *c_id), trf("{}: finding \"{}\" is already listed on line {}",
                                              header.column_label(*c_id), f.id, it->second));
      continue;
    }
    const auto s = industries.find(f.industry);
    if (s == industries.end()) {
      d.error(header.cell(f.line, *c_ind),
              trf("{}: {}", header.column_label(*c_ind), unknown_industry(f.industry, standards)));
      continue;
    }
    const auto day = bad_date ? std::nullopt : judging_day(f, as_of);
    if (!day && !bad_date)
      d.error(c_date ? header.cell(f.line, *c_date) : Location{display, f.line},
              (c_date ? header.column_label(*c_date) + ": " : std::string()) + no_day(f));
    // A finding no edition is in force for still has its facts checked, against the
    // nearest edition; only facts that edition does not define are let through.
    const bool in_force =
        day ? place(f, *day, s->second, standards) : place_for_checking(f, s->second, standards);
    const Criteria& cr = standards[f.standard];
    for (const auto& col : columns) {
      const auto raw = cell(col.csv);
      if (raw.empty()) continue;
      const auto field = cr.find_field(col.field);
      if (!field) {
        if (!in_force) continue;
        d.error(header.cell(f.line, col.csv),
                trf("{}: \"{}\" is not a fact that {} ({}) judges for industry \"{}\"; leave it empty",
                    header.column_label(col.csv), col.field, cr.id, cr.edition.number, f.industry));
        continue;
      }
      std::string error;
      if (!parse_fact(cr.fields[*field], raw, f.facts[*field], error))
        d.error(header.cell(f.line, col.csv), trf("{}: {}", header.column_label(col.csv), error));
    }
    out.push_back(std::move(f));
  }
  if (out.empty() && d.empty())
    d.error(Location{display}, _("no findings: the file has a header but no rows"));
  d.throw_if_any();
  return out;
}

std::vector<Finding> load_findings_yaml(const std::string& display, const std::string& text,
                                        const std::vector<Criteria>& standards,
                                        std::optional<date::Day> as_of) {
  const auto industries = industry_map(standards);
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics d;
  io::YamlReader reader(display, text, d);
  std::vector<Finding> out;
  if (!reader.expect_map(root, _("the findings file"), {"findings"}) || !root["findings"].IsDefined()) {
    if (root.IsMap()) reader.error(root, _("missing required key \"findings\""));
    d.throw_if_any();
  }
  const YAML::Node list = root["findings"];
  if (list.IsSequence() && list.size() == 0) reader.error(list, _("no findings: the list is empty"));
  if (reader.expect_sequence(list, "\"findings\"")) {
    std::unordered_map<std::string, long> seen;
    for (const auto& n : list) {
      if (!reader.expect_map(
              n, _("a finding"),
              {"id", "enterprise", "industry", "location", "date", "inspector", "note", "facts"}))
        continue;
      Finding f;
      f.line = reader.at(n).line;
      f.id = reader.string(n, "id", true).value_or("");
      f.enterprise = reader.string(n, "enterprise", true).value_or("");
      f.industry = reader.string(n, "industry", true).value_or("");
      f.location = reader.string(n, "location", false).value_or("");
      f.date = reader.string(n, "date", false).value_or("");
      const bool bad_date = !f.date.empty() && !date::parse(f.date);
      if (bad_date) reader.error(n["date"], date::why_not(f.date));
      f.note = reader.string(n, "note", false).value_or("");
      if (f.id.empty() && n["id"].IsDefined()) reader.error(n["id"], _("empty finding id"));
      if (f.industry.empty() && n["industry"].IsDefined())
        reader.error(n["industry"], _("empty industry: it chooses the standard that judges the finding"));
      if (!f.id.empty() && !seen.emplace(f.id, f.line).second) {
        reader.error(n["id"], trf("finding \"{}\" is already listed on line {}", f.id, seen[f.id]));
        continue;
      }
      const auto s = industries.find(f.industry);
      if (s == industries.end()) {
        if (!f.industry.empty()) reader.error(n["industry"], unknown_industry(f.industry, standards));
        continue;
      }
      const auto day = bad_date ? std::nullopt : judging_day(f, as_of);
      if (!day && !bad_date) reader.error(n, no_day(f));
      const bool in_force =
          day ? place(f, *day, s->second, standards) : place_for_checking(f, s->second, standards);
      const Criteria& cr = standards[f.standard];
      const YAML::Node facts = n["facts"];
      if (facts.IsDefined() && !facts.IsMap())
        reader.error(facts, _("\"facts\" must map fields to values, e.g. {gas_sensor_disabled: true}"));
      if (facts.IsMap()) {
        std::vector<std::string> ids;
        for (const auto& fd : cr.fields) ids.push_back(fd.id);
        for (auto it = facts.begin(); it != facts.end(); ++it) {
          const std::string key = it->first.Scalar();
          const auto field = cr.find_field(key);
          if (!field) {
            if (!in_force) continue;
            reader.error(it->first, trf("\"{}\" is not a field of {} ({}){}", key, cr.id, cr.edition.number,
                                        text::did_you_mean(key, ids)));
            continue;
          }
          if (!it->second.IsScalar()) {
            reader.error(it->second, trf("\"{}\" takes one value, e.g. {}: true", key, key));
            continue;
          }
          std::string error;
          if (!parse_fact(cr.fields[*field], it->second.Scalar(), f.facts[*field], error))
            reader.error(it->second, error);
        }
      }
      out.push_back(std::move(f));
    }
  }
  d.throw_if_any();
  return out;
}

}  // namespace safeassess::hazard
