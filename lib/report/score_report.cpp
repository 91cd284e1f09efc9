#include "report/score_report.hpp"

#include "report/accounting.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ostream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using nlohmann::ordered_json;
using text::fixed;

namespace {

const char* status_name(score::Status s) {
  switch (s) {
    case score::Status::Scored:
      return "scored";
    case score::Status::MissingZero:
      return "missing_zero";
    case score::Status::Excluded:
      return "excluded";
  }
  return "scored";
}

std::string veto_names(const assessment::Assessment& a, const score::Results& r, std::size_t u) {
  std::vector<std::string> names;
  for (auto v : r.vetoes[u]) names.push_back(a.rules.vetoes[v].name);
  return text::join(names, _(", "));
}

// Why a unit's grade is below its band, as evaluators write it: the grade caps (降等) that
// hold and a move past a quota (名额).
std::string grade_note(const assessment::Assessment& a, const score::Results& r, std::size_t u) {
  std::vector<std::string> why;
  for (auto c : r.caps[u]) why.push_back(a.rules.grade_caps[c].name);
  if (r.grade_reason[u] & score::k_grade_quota)
    why.push_back(trf("quota (band {})", a.rules.grades[r.band_grade[u]].name));
  return text::join(why, _(", "));
}

// The interview reasons, as evaluators write them (是（末3位、不合格）).
std::string interview_text(const assessment::Assessment& a, const score::Results& r, std::size_t u) {
  if (!r.interview[u]) return "";
  std::vector<std::string> why;
  if (r.interview[u] & score::k_interview_bottom) {
    // The group's own bottom N when the ruleset sets one.
    long bottom = a.rules.interview_bottom;
    for (const auto& [name, n] : a.rules.grouping.interview_bottom)
      if (name == r.groups[r.group[u]]) bottom = n;
    why.push_back(trf("bottom {}", bottom));
  }
  if (r.interview[u] & score::k_interview_failing) why.push_back(a.rules.grades[a.rules.failing_grade].name);
  return trf("yes ({})", text::join(why, _(", ")));
}

// The register's accidents of unit `u` behind the register-fed inputs of `ind` (those that
// count in at least one of them), in register order; nullopt when no input of `ind` comes
// from a register.
std::optional<std::vector<std::size_t>> accidents_behind(const assessment::Assessment& a, std::size_t u,
                                                         const ruleset::Indicator& ind) {
  if (!a.accident_summary || !a.accidents) return std::nullopt;
  std::vector<accident::Metric> metrics;
  for (auto col : ind.input_columns())
    for (const auto& [input, metric] : a.rules.accident_register.inputs)
      if (input == col) metrics.push_back(metric);
  if (metrics.empty()) return std::nullopt;
  std::vector<std::size_t> out;
  for (const auto k : a.accident_summary->by_unit[u].records) {
    const auto& rec = a.accidents->records[k];
    const auto& chk = a.accident_summary->checked[k];
    if (std::any_of(metrics.begin(), metrics.end(),
                    [&](accident::Metric m) { return accident::value(rec, chk, m) != 0; }))
      out.push_back(k);
  }
  return out;
}

ordered_json header_json(const assessment::Assessment& a) {
  ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", SAFEASSESS_VERSION}};
  j["ruleset"] = {{"id", a.rules.id},     {"name", a.rules.name},     {"version", a.rules.version},
                  {"file", a.rules.file}, {"sha256", a.rules.sha256}, {"precision", a.rules.precision}};
  ordered_json files = ordered_json::array();
  for (const auto& f : a.files)
    files.push_back(
        {{"role", f.role}, {"path", f.path}, {"sha256", f.sha256}, {"accounting", accounting_json(f.rows)}});
  j["assessment"] = {{"name", a.manifest.name},
                     {"period", a.manifest.period},
                     {"assessor", a.manifest.assessor},
                     {"manifest", a.manifest.file},
                     {"missing_policy", std::string(ruleset::to_string(a.missing))},
                     {"unit_count", a.units.size()},
                     {"files", files}};
  ordered_json cats = ordered_json::array();
  for (const auto& c : a.rules.categories)
    cats.push_back({{"id", c.id}, {"name", c.name}, {"weight", c.weight}});
  j["categories"] = cats;
  ordered_json grades = ordered_json::array();
  for (const auto& g : a.rules.grades) grades.push_back({{"name", g.name}, {"min", g.min}});
  j["grades"] = grades;
  return j;
}

}  // namespace

ordered_json unit_json(const assessment::Assessment& a, const score::Results& r, std::size_t u, bool trace) {
  const auto& rules = a.rules;
  ordered_json j;
  j["id"] = a.units.ids[u];
  j["name"] = a.units.names[u];
  j["rank"] = r.rank[u];
  j["total"] = r.total[u];
  j["grade"] = rules.grades[r.grade[u]].name;
  j["vetoed"] = !r.vetoes[u].empty();
  ordered_json vetoes = ordered_json::array();
  for (auto v : r.vetoes[u]) {
    ordered_json vj = {{"id", rules.vetoes[v].id}, {"name", rules.vetoes[v].name}};
    if (rules.vetoes[v].cap_total) vj["cap_total"] = *rules.vetoes[v].cap_total;
    vetoes.push_back(std::move(vj));
  }
  j["vetoes"] = std::move(vetoes);
  j["interview"] = r.interview[u] != 0;
  ordered_json reasons = ordered_json::array();
  if (r.interview[u] & score::k_interview_bottom) reasons.push_back("bottom");
  if (r.interview[u] & score::k_interview_failing) reasons.push_back("failing");
  j["interview_reasons"] = std::move(reasons);
  j["subtotal"] = r.subtotal[u];
  j["bonus"] = r.bonus[u];
  j["total_before_veto"] = r.uncapped_total[u];
  if (!rules.adjustments.empty()) j["adjustment"] = r.adjustment[u];
  if (r.groups.size() > 1 || !rules.grouping.column.empty()) j["group"] = r.groups[r.group[u]];
  if (!rules.grade_caps.empty()) {
    ordered_json caps = ordered_json::array();
    for (auto c : r.caps[u])
      caps.push_back({{"id", rules.grade_caps[c].id}, {"name", rules.grade_caps[c].name}});
    j["grade_caps"] = std::move(caps);
    j["band_grade"] = rules.grades[r.band_grade[u]].name;
  }
  if (!rules.quotas.empty()) j["quota_demoted"] = (r.grade_reason[u] & score::k_grade_quota) != 0;
  if (rules.commendation.top > 0) j["commended"] = r.commended[u] != 0;
  ordered_json cats = ordered_json::array();
  for (std::size_t c = 0; c < r.categories; ++c) {
    const auto& cat = rules.categories[c];
    cats.push_back({{"id", cat.id},
                    {"name", cat.name},
                    {"weight", cat.weight},
                    {"score", r.category(u, c)},
                    {"renormalised", r.renormalised[u * r.categories + c] != 0}});
  }
  j["categories"] = std::move(cats);
  ordered_json inds = ordered_json::array();
  const auto row = a.values.row(u);
  for (std::size_t i = 0; i < r.indicators; ++i) {
    const auto& ind = rules.indicators[i];
    const auto& o = r.outcome(u, i);
    ordered_json inputs = ordered_json::object();
    const std::size_t slot = a.ratings.slot_of(i);
    std::span<const num::Decimal> ratings;
    if (slot != ruleset::k_none) {
      ratings = a.ratings.of(u, slot);
      // As given: a numeric rating is held above the scale's minimum.
      const num::Decimal base = ind.scale.numeric ? ind.scale.min : num::Decimal{};
      ordered_json list = ordered_json::array();
      for (const num::Decimal v : ratings) list.push_back(v + base);
      inputs["ratings"] = std::move(list);
    }
    for (auto col : ind.input_columns()) {
      if (assessment::is_missing(row[col]))
        inputs[rules.inputs[col].id] = nullptr;
      else
        inputs[rules.inputs[col].id] = row[col];
    }
    score::Trace steps;
    (void)score::indicator_outcome(assessment::score_input(a), u, i, &steps);
    ordered_json ij = {
        {"id", ind.id},
        {"name", ind.name},
        {"category", rules.categories[ind.category].id},
        {"method", std::string(ruleset::spec(ind.method).name)},
        {"inputs", std::move(inputs)},
        {"achievement",
         o.status == score::Status::Excluded ? ordered_json(nullptr) : ordered_json(o.achievement.round(4))},
        {"points", o.points},
        {"max_points", ind.points},
        {"status", status_name(o.status)},
        {"note", text::join(steps, "; ")}};
    ordered_json sources = ordered_json::object();
    for (auto col : ind.input_columns())
      if (col < a.input_origin.size() && !a.input_origin[col].empty())
        sources[rules.inputs[col].id] = a.input_origin[col];
    if (!sources.empty()) ij["input_sources"] = std::move(sources);
    if (trace) {
      ij["steps"] = std::move(steps);
      if (const auto behind = accidents_behind(a, u, ind)) {
        ordered_json list = ordered_json::array();
        for (const auto k : *behind) {
          const auto& rec = a.accidents->records[k];
          const auto& chk = a.accident_summary->checked[k];
          list.push_back({{"id", rec.id},
                          {"grade", std::string(accident::grade_name(chk.grade))},
                          {"deaths", chk.deaths},
                          {"serious_injuries", chk.serious_injuries},
                          {"direct_loss", rec.direct_loss_wan},
                          {"responsibility", rec.responsibility},
                          {"late", chk.late},
                          {"facts", accident::facts(rec, chk)}});
        }
        ij["accidents"] = std::move(list);
      }
    }
    inds.push_back(std::move(ij));
  }
  j["indicators"] = std::move(inds);
  if (trace) j["bonus_steps"] = score::explain_bonus(assessment::score_input(a), u);
  return j;
}

namespace {

void write_score_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                      const std::optional<std::string>* timestamp, const std::vector<JsonMember>& extra) {
  // The header is small; the units are streamed one at a time so that a million units
  // never sit in memory as one JSON tree.
  ordered_json head = header_json(a);
  if (timestamp) head["tool"]["timestamp"] = *timestamp ? ordered_json(**timestamp) : ordered_json(nullptr);
  std::string h = json_text(head, 2);
  h.pop_back();  // drop the closing brace, then append "units"
  while (!h.empty() && (h.back() == '\n' || h.back() == ' ')) h.pop_back();
  out << h << ",\n  \"units\": [";
  // One unit per line: still one JSON document, and a diff of two reports shows which
  // units changed.
  std::string line;
  for (std::size_t k = 0; k < r.order.size(); ++k) {
    line = "\n    ";
    line += json_text(unit_json(a, r, r.order[k], false));
    if (k + 1 < r.order.size()) line += ',';
    out << line;
  }
  out << (r.order.empty() ? "]" : "\n  ]");
  for (const auto& m : extra) {
    out << ",\n  " << json_text(ordered_json(m.name)) << ": ";
    m.write(out);
  }
  out << "\n}\n";
}

}  // namespace

void write_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r) {
  write_score_json(out, a, r, nullptr, {});
}

void write_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                const std::optional<std::string>& timestamp, const std::vector<JsonMember>& extra) {
  write_score_json(out, a, r, &timestamp, extra);
}

void write_csv(std::ostream& out, const assessment::Assessment& a, const score::Results& r) {
  const auto& rules = a.rules;
  const int p = rules.precision;
  // Rows are formatted into one buffer and written in large blocks: a million units must
  // not cost a string per cell.
  fmt::memory_buffer buf;
  auto put = [&](std::string_view s) { buf.append(s.data(), s.data() + s.size()); };
  char number[32];
  auto num = [&](num::Decimal v) { buf.append(number, number + text::write_fixed(number, v, p)); };
  // Columns of the mechanisms a ruleset uses, after "bonus"; a ruleset without them keeps
  // the columns it always had.
  const bool grouped = !rules.grouping.column.empty();
  const bool adjusted = !rules.adjustments.empty();
  const bool capped = !rules.grade_caps.empty() || !rules.quotas.empty();
  const bool commends = rules.commendation.top > 0;
  auto field = [&](std::string_view s) {
    const bool formula = !s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                                        s[0] == '\t' || s[0] == '\r');
    if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos)
      put(s);
    else
      put(csv_field(s));
  };
  put("rank,id,name,total,grade,vetoed,vetoes,interview,interview_reasons,subtotal,bonus");
  if (adjusted) put(",adjustment");
  if (capped) put(",band_grade,grade_caps,quota_demoted");
  if (commends) put(",commended");
  if (grouped) put(",group");
  for (const auto& c : rules.categories) {
    put(",");
    field(c.id);
  }
  for (const auto& i : rules.indicators) {
    put(",");
    field(i.id);
  }
  put("\r\n");
  for (auto u : r.order) {
    fmt::format_to(std::back_inserter(buf), "{},", r.rank[u]);
    field(a.units.ids[u]);
    put(",");
    field(a.units.names[u]);
    put(",");
    num(r.total[u]);
    put(",");
    field(rules.grades[r.grade[u]].name);
    put(r.vetoes[u].empty() ? ",no," : ",yes,");
    for (std::size_t k = 0; k < r.vetoes[u].size(); ++k) {
      if (k) put(";");
      field(rules.vetoes[r.vetoes[u][k]].id);
    }
    put(r.interview[u] ? ",yes," : ",no,");
    const bool bottom = r.interview[u] & score::k_interview_bottom;
    const bool failing = r.interview[u] & score::k_interview_failing;
    put(bottom && failing ? "bottom;failing" : bottom ? "bottom" : failing ? "failing" : "");
    put(",");
    num(r.subtotal[u]);
    put(",");
    num(r.bonus[u]);
    if (adjusted) {
      put(",");
      num(r.adjustment[u]);
    }
    if (capped) {
      put(",");
      field(rules.grades[r.band_grade[u]].name);
      put(",");
      for (std::size_t k = 0; k < r.caps[u].size(); ++k) {
        if (k) put(";");
        field(rules.grade_caps[r.caps[u][k]].id);
      }
      put((r.grade_reason[u] & score::k_grade_quota) ? ",yes" : ",no");
    }
    if (commends) put(r.commended[u] ? ",yes" : ",no");
    if (grouped) {
      put(",");
      field(r.groups[r.group[u]]);
    }
    for (std::size_t c = 0; c < r.categories; ++c) {
      put(",");
      num(r.category(u, c));
    }
    for (std::size_t i = 0; i < r.indicators; ++i) {
      const auto& o = r.outcome(u, i);
      put(",");
      if (o.status != score::Status::Excluded) num(o.points);
    }
    put("\r\n");
    if (buf.size() > (1u << 20)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  }
  out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

void write_table(std::ostream& out, const assessment::Assessment& a, const score::Results& r) {
  const auto& rules = a.rules;
  const int p = rules.precision;
  std::vector<std::string> head = {_("rank"), _("id"), _("unit"), _("total")};
  for (const auto& c : rules.categories) head.push_back(fmt::format("{}({})", c.name, text::plain(c.weight)));
  const bool adjusted = !rules.adjustments.empty();
  head.push_back(_("bonus"));
  if (adjusted) head.push_back(_("adjustment"));
  head.insert(head.end(), {_("grade"), _("veto"), _("interview")});
  // The mechanisms a ruleset uses get their columns; a ruleset without them keeps its table.
  const bool grouped = !rules.grouping.column.empty();
  const bool capped = !rules.grade_caps.empty() || !rules.quotas.empty();
  const bool commends = rules.commendation.top > 0;
  if (capped) head.push_back(_("grade lowered"));
  if (commends) head.push_back(_("commended"));
  if (grouped) head.push_back(_("group"));
  const std::size_t first_text_after =
      4 + rules.categories.size() + 1 + (adjusted ? 1 : 0);  // grade on: text
  std::vector<std::vector<std::string>> rows;
  for (auto u : r.order) {
    std::vector<std::string> row = {std::to_string(r.rank[u]), a.units.ids[u], a.units.names[u],
                                    fixed(r.total[u], p)};
    for (std::size_t c = 0; c < r.categories; ++c) row.push_back(fixed(r.category(u, c), p));
    row.push_back(fixed(r.bonus[u], p));
    if (adjusted) row.push_back(fixed(r.adjustment[u], p));
    row.push_back(rules.grades[r.grade[u]].name);
    row.push_back(r.vetoes[u].empty() ? "" : veto_names(a, r, u));
    row.push_back(interview_text(a, r, u));
    if (capped) row.push_back(grade_note(a, r, u));
    if (commends) row.push_back(r.commended[u] ? _("yes") : "");
    if (grouped) row.push_back(r.groups[r.group[u]]);
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) right[c] = c == 0 || (c >= 3 && c < first_text_after);
  out << trf("{} ({})", a.manifest.name, a.manifest.period) << '\n';
  out << trf("ruleset {} {} · missing-data policy: {}", rules.id, rules.version,
             ruleset::to_string(a.missing))
      << "\n\n";
  write_text_table(out, TextTable{head, rows, right, true});
  // Summary: grade counts, vetoes and the interview list.
  std::vector<std::string> counts;
  for (std::size_t g = 0; g < rules.grades.size(); ++g) {
    std::size_t n = 0;
    for (std::size_t u = 0; u < r.units; ++u) n += r.grade[u] == g;
    counts.push_back(fmt::format("{} {}", rules.grades[g].name, n));
  }
  out << trf("{} units: {}", r.units, text::join(counts, _(", "))) << '\n';
  std::vector<std::string> listed;
  for (auto u : r.order)
    if (r.interview[u]) listed.push_back(fmt::format("{} {}", a.units.ids[u], a.units.names[u]));
  out << trf("interview list: {}", listed.empty() ? std::string(_("none")) : text::join(listed, _(", ")))
      << '\n';
  if (commends) {
    std::vector<std::string> named;
    for (auto u : r.order)
      if (r.commended[u]) named.push_back(fmt::format("{} {}", a.units.ids[u], a.units.names[u]));
    out << trf("commendation list: {}", named.empty() ? std::string(_("none")) : text::join(named, _(", ")))
        << '\n';
  }
}

void write_markdown(std::ostream& out, const assessment::Assessment& a, const score::Results& r) {
  const auto& rules = a.rules;
  const int p = rules.precision;
  out << "# " << md_cell(a.manifest.name) << "\n\n";
  out << "- " << trf("period: {}", md_cell(a.manifest.period)) << "\n";
  out << "- "
      << trf("ruleset: {} — `{}` {}, sha256 `{}`", md_cell(rules.name), rules.id, md_cell(rules.version),
             rules.sha256)
      << "\n";
  out << "- " << trf("missing-data policy: `{}`", ruleset::to_string(a.missing)) << "\n";
  out << "- safeassess " << SAFEASSESS_VERSION << "\n\n";
  out << "## " << _("ranking") << "\n\n| " << _("rank") << " | " << _("id") << " | " << _("unit") << " | "
      << _("total") << " |";
  for (const auto& c : rules.categories)
    out << ' ' << md_cell(c.name) << "(" << text::plain(c.weight) << ") |";
  const bool grouped = !rules.grouping.column.empty();
  const bool adjusted = !rules.adjustments.empty();
  const bool capped = !rules.grade_caps.empty() || !rules.quotas.empty();
  const bool commends = rules.commendation.top > 0;
  auto th = [](const char* label) { return fmt::format(" {} |", label); };
  out << th(_("bonus")) << (adjusted ? th(_("adjustment")) : "") << th(_("grade")) << th(_("veto"))
      << th(_("interview")) << (capped ? th(_("grade lowered")) : "") << (commends ? th(_("commended")) : "")
      << (grouped ? th(_("group")) : "") << "\n|---:|---|---|---:|";
  for (std::size_t c = 0; c < rules.categories.size(); ++c) out << "---:|";
  out << "---:|" << (adjusted ? "---:|" : "") << "---|---|---|" << (capped ? "---|" : "")
      << (commends ? "---|" : "") << (grouped ? "---|" : "") << "\n";
  for (auto u : r.order) {
    out << "| " << r.rank[u] << " | " << md_cell(a.units.ids[u]) << " | " << md_cell(a.units.names[u])
        << " | " << fixed(r.total[u], p) << " |";
    for (std::size_t c = 0; c < r.categories; ++c) out << ' ' << fixed(r.category(u, c), p) << " |";
    out << ' ' << fixed(r.bonus[u], p) << " |";
    if (adjusted) out << ' ' << fixed(r.adjustment[u], p) << " |";
    out << ' ' << md_cell(rules.grades[r.grade[u]].name) << " | " << md_cell(veto_names(a, r, u)) << " | "
        << md_cell(interview_text(a, r, u)) << " |";
    if (capped) out << ' ' << md_cell(grade_note(a, r, u)) << " |";
    if (commends) out << (r.commended[u] ? th(_("yes")) : "  |");
    if (grouped) out << ' ' << md_cell(r.groups[r.group[u]]) << " |";
    out << '\n';
  }
  out << "\n## " << _("interview list") << "\n\n";
  bool any = false;
  for (auto u : r.order)
    if (r.interview[u]) {
      out << "- " << md_cell(a.units.ids[u]) << " " << md_cell(a.units.names[u]) << " — "
          << trf("{}, {}, {}", fixed(r.total[u], p), md_cell(rules.grades[r.grade[u]].name),
                 md_cell(interview_text(a, r, u)))
          << "\n";
      any = true;
    }
  if (!any) out << _("none") << "\n";
  out << "\n## " << _("vetoes") << "\n\n";
  any = false;
  for (auto u : r.order)
    if (!r.vetoes[u].empty()) {
      out << "- " << md_cell(a.units.ids[u]) << " " << md_cell(a.units.names[u]) << ": "
          << md_cell(veto_names(a, r, u)) << "\n";
      any = true;
    }
  if (!any) out << _("none") << "\n";
}

void write_explain(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                   std::size_t u) {
  const auto& rules = a.rules;
  const int p = rules.precision;
  out << a.units.ids[u] << " " << a.units.names[u] << " — " << a.manifest.name << "\n";
  out << trf("ruleset {} {}, missing-data policy: {}", rules.id, rules.version, ruleset::to_string(a.missing))
      << "\n";
  for (std::size_t c = 0; c < r.categories; ++c) {
    const auto& cat = rules.categories[c];
    out << "\n" << trf("{} ({}, weight {})", cat.name, cat.id, text::plain(cat.weight)) << "\n";
    std::vector<std::string> parts;
    num::Decimal available;
    for (std::size_t i : cat.indicators) {
      const auto& ind = rules.indicators[i];
      const auto& o = r.outcome(u, i);
      out << "  "
          << trf("{} {} [{}, max {}]", ind.id, ind.name, ruleset::spec(ind.method).name,
                 text::plain(ind.points))
          << "\n";
      score::Trace steps;
      (void)score::indicator_outcome(assessment::score_input(a), u, i, &steps);
      for (const auto& s : steps) out << "    " << s << "\n";
      for (auto col : ind.input_columns())
        if (col < a.input_origin.size() && !a.input_origin[col].empty())
          out << "    " << trf("({} from the {})", rules.inputs[col].id, a.input_origin[col]) << "\n";
      if (const auto behind = accidents_behind(a, u, ind)) {
        for (const auto k : *behind)
          out << "      " << accident::describe(a.accidents->records[k], a.accident_summary->checked[k])
              << '\n';
        if (behind->empty())
          out << "      " << _("no accident of the register counts here for this unit and period") << "\n";
      }
      if (o.status != score::Status::Excluded) {
        parts.push_back(fixed(o.points, p));
        available += ind.points;
      }
    }
    if (r.renormalised[u * r.categories + c])
      out << "  "
          << trf("subtotal = ({}) x {} / {} (renormalised over the indicators with data) = {} of {}",
                 text::join(parts, " + "), text::plain(cat.weight), text::plain(available),
                 fixed(r.category(u, c), p), text::plain(cat.weight))
          << "\n";
    else
      out << "  "
          << trf("subtotal = {} = {} of {}", text::join(parts, " + "), fixed(r.category(u, c), p),
                 text::plain(cat.weight))
          << "\n";
  }
  std::vector<std::string> cat_parts;
  for (std::size_t c = 0; c < r.categories; ++c) cat_parts.push_back(fixed(r.category(u, c), p));
  out << "\n" << trf("categories = {} = {}", text::join(cat_parts, " + "), fixed(r.subtotal[u], p)) << "\n";
  const auto bonus_steps = score::explain_bonus(assessment::score_input(a), u);
  if (bonus_steps.empty()) out << _("bonus: the ruleset has no bonus items") << "\n";
  for (const auto& s : bonus_steps) out << s << "\n";
  const bool adjusted = !rules.adjustments.empty();
  if (adjusted)
    out << trf("total before caps = max(0, {} + {} - {}) = {}", fixed(r.subtotal[u], p), fixed(r.bonus[u], p),
               fixed(r.adjustment[u], p), fixed(r.uncapped_total[u], p))
        << "\n";
  else
    out << trf("total before veto = {} + {} = {}", fixed(r.subtotal[u], p), fixed(r.bonus[u], p),
               fixed(r.uncapped_total[u], p))
        << "\n";
  if (rules.total_cap)
    out << trf("total cap: min({}, {}) = {}", fixed(r.uncapped_total[u], p), fixed(*rules.total_cap, p),
               fixed(num::min(r.uncapped_total[u], *rules.total_cap), p))
        << "\n";
  const auto& failing = rules.grades[rules.failing_grade];
  if (r.vetoes[u].empty()) {
    out << trf("veto (一票否决): none of {} rules applies", rules.vetoes.size()) << "\n";
  } else {
    for (auto v : r.vetoes[u]) {
      const auto& veto = rules.vetoes[v];
      out << trf("veto (一票否决): {} ({}): {}", veto.name, veto.id,
                 ruleset::describe(veto.when, rules.input_ids()));
      if (veto.cap_total) out << trf("; total at most {}", fixed(*veto.cap_total, p));
      out << trf("; grade at most {}", failing.name) << "\n";
    }
  }
  out << trf("total = {}", fixed(r.total[u], p)) << "\n";
  const auto& band = rules.grades[r.band_grade[u]];
  out << trf("band = {} (total {} ≥ {})", band.name, fixed(r.total[u], p), fixed(band.min, p)) << "\n";
  for (auto c : r.caps[u]) {
    const auto& cap = rules.grade_caps[c];
    std::vector<std::string> what;
    if (cap.lower_by) what.push_back(trf("lowered by {}", cap.lower_by));
    if (cap.at_most != ruleset::k_none) what.push_back(trf("at most {}", rules.grades[cap.at_most].name));
    out << trf("grade cap (降等): {} ({}): {}; {}", cap.name, cap.id,
               ruleset::describe(cap.when, rules.input_ids()), text::join(what, _(", ")))
        << "\n";
  }
  const auto& g = rules.grades[r.grade[u]];
  std::vector<std::string> why;
  if (r.grade_reason[u] & score::k_grade_cap) why.push_back(_("grade caps"));
  if (r.grade_reason[u] & score::k_grade_veto) why.push_back(trf("vetoed: at most {}", failing.name));
  if (!r.vetoes[u].empty() && !(r.grade_reason[u] & score::k_grade_veto))
    why.push_back(r.grade[u] == rules.failing_grade ? trf("vetoed: at most {}", failing.name)
                                                    : trf("vetoed: at most {}, already lower", failing.name));
  if (r.grade_reason[u] & score::k_grade_quota) why.push_back(_("past the quota of the grade above"));
  out << (why.empty() ? trf("grade = {}", g.name) : trf("grade = {} ({})", g.name, text::join(why, _("; "))))
      << "\n";
  if (r.groups.size() > 1 || !rules.grouping.column.empty()) {
    std::size_t in_group = 0;
    for (std::size_t k = 0; k < r.units; ++k) in_group += r.group[k] == r.group[u];
    out << trf("rank = {} of {} in group {}", r.rank[u], in_group, r.groups[r.group[u]]) << "\n";
  } else {
    out << trf("rank = {} of {}", r.rank[u], r.units) << "\n";
  }
  if (rules.commendation.top > 0)
    out << trf("commended (先进): {}", r.commended[u] ? std::string(_("yes")) : std::string(_("no"))) << "\n";
  out << trf("interview (约谈): {}", r.interview[u] ? interview_text(a, r, u) : std::string(_("no"))) << "\n";
}

void write_explain_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                        std::size_t u) {
  ordered_json j = header_json(a);
  j["unit"] = unit_json(a, r, u, true);
  out << json_text(j, 2) << '\n';
}

}  // namespace safeassess::report
