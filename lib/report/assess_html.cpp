#include <fmt/format.h>

#include <cstdint>
#include <ostream>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/assess_report.hpp"
#include "report/escape.hpp"
#include "report/html.hpp"
#include "report/labels.hpp"
#include "report/ledger_report.hpp"
#include "report/score_report.hpp"

// The HTML report of `assess` (assess_report.hpp): one self-contained file, written a
// unit at a time.

namespace safeassess::report {

namespace {

// Gaps that concern a unit: any of their nodes belongs to it, or (attenuation) it is theirs.
bool gap_in_unit(const assessment::ChainData& c, const chain::Gap& g, std::size_t u) {
  if (g.kind == chain::GapKind::Attenuation) return g.unit == u;
  for (auto v : g.nodes)
    if (c.chain.unit[v] == u) return true;
  for (auto v : g.below)
    if (c.chain.unit[v] == u) return true;
  return false;
}

}  // namespace

void write_html_report(std::ostream& out, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  const auto& rules = a.rules;
  std::string h;
  h += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
                   i18n::current() == i18n::Lang::Zh ? "zh-CN" : "en");
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  h += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
                   xml_escape(a.manifest.name), html::css());
  h += fmt::format("<header><h1>{}</h1>\n<p class=\"meta\">{}</p></header>\n", xml_escape(a.manifest.name),
                   xml_escape(trf("period {} · {}ruleset {} {} ({}) · {} units", a.manifest.period,
                                  a.manifest.assessor.empty() ? std::string() : a.manifest.assessor + " · ",
                                  rules.id, rules.version, rules.name, a.units.size())));
  h += fmt::format("<nav><a href=\"#summary\">{}</a>", xml_escape(_("Summary")));
  if (d.has_chain()) h += fmt::format("<a href=\"#chain\">{}</a>", xml_escape(_("Responsibility chain")));
  if (d.ledger) h += fmt::format("<a href=\"#hazards\">{}</a>", xml_escape(_("Hazards")));
  if (d.risks) h += fmt::format("<a href=\"#risks\">{}</a>", xml_escape(_("Risks")));
  if (d.tasks) h += fmt::format("<a href=\"#tasks\">{}</a>", xml_escape(_("Tasks")));
  h += fmt::format("<a href=\"#appendix\">{}</a></nav>\n", xml_escape(_("Appendix")));

  // Summary.
  h += fmt::format("<section id=\"summary\">\n<h2>{}</h2>\n", xml_escape(_("Assessment summary (考核总览)")));
  std::vector<std::tuple<std::string, double, double>> bars;
  for (auto u : r.order) bars.emplace_back(a.units.names[u], r.total[u].to_double(), 100.0);
  std::vector<std::pair<std::string, double>> marks;
  for (const auto& g : rules.grades)
    if (g.min > num::Decimal{}) marks.emplace_back(g.name, g.min.to_double());
  h += html::bar_chart("ranking-chart", bars, rules.precision, marks);
  std::vector<std::vector<std::string>> rows;
  for (auto u : r.order) {
    std::vector<std::string> vetoes;
    for (auto v : r.vetoes[u]) vetoes.push_back(rules.vetoes[v].name);
    rows.push_back(
        {std::to_string(r.rank[u]),
         fmt::format("<a href=\"#unit-{}\">{} {}</a>", xml_escape(a.units.ids[u]), xml_escape(a.units.ids[u]),
                     xml_escape(a.units.names[u])),
         d.fixed(r.total[u]), xml_escape(rules.grades[r.grade[u]].name),
         fmt::format(
             "{}{}", vetoes.empty() ? std::string() : html::tag(text::join(vetoes, _("; ")), "bad"),
             r.interview[u] ? fmt::format(" {}", html::tag(_("interview (约谈)"), "warn")) : std::string())});
  }
  h += fmt::format(
      "<div class=\"scroll\"><table id=\"ranking\">\n<thead><tr><th class=\"num\">{}</th><th>{}</th>"
      "<th class=\"num\">{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
      xml_escape(_("rank")), xml_escape(_("unit")), xml_escape(_("total")), xml_escape(_("grade")),
      xml_escape(_("veto / interview")));
  for (const auto& row : rows)
    h += fmt::format(
        "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
        row[0], row[1], row[2], row[3], row[4]);
  h += "</tbody></table></div>\n";
  std::vector<std::string> interview;
  for (auto u : r.order)
    if (r.interview[u])
      interview.push_back(xml_escape(fmt::format("{} {}", a.units.ids[u], a.units.names[u])));
  // TRANSLATORS: a label and its value, "Interview list: C11 云台区".
  h += fmt::format("<p>{}</p>\n", trf("<strong>{}</strong>: {}", xml_escape(_("Interview list (约谈名单)")),
                                      interview.empty() ? xml_escape(_("none"))
                                                        : text::join(interview, xml_escape(_(", ")))));
  std::size_t tripped = 0;
  for (const auto& g : d.gates) tripped += g.tripped();
  h += fmt::format("<p>{}</p>\n", trf("<strong>{}</strong>: {}", xml_escape(_("Gates")),
                                      tripped ? html::tag(trf("{} tripped", tripped), "bad")
                                              : html::tag(_("none tripped"), "ok")));
  h += "</section>\n";

  // One section per unit.
  std::vector<std::size_t> attribution_of(a.units.size(), SIZE_MAX);
  for (std::size_t k = 0; k < d.attributions.size(); ++k) attribution_of[d.attributions[k].unit] = k;
  for (auto u : r.order) {
    h += fmt::format("<section class=\"unit\" id=\"unit-{}\">\n<h2>{}</h2>\n", xml_escape(a.units.ids[u]),
                     xml_escape(trf("{} {} — {} · {} · rank {}", a.units.ids[u], a.units.names[u],
                                    d.fixed(r.total[u]), rules.grades[r.grade[u]].name, r.rank[u])));
    std::vector<std::tuple<std::string, double, double>> cats;
    for (std::size_t c = 0; c < r.categories; ++c)
      cats.emplace_back(rules.categories[c].name, r.category(u, c).to_double(),
                        rules.categories[c].weight.to_double());
    h += html::bar_chart("categories-" + a.units.ids[u], cats, rules.precision);
    rows.clear();
    for (std::size_t i = 0; i < r.indicators; ++i) {
      const auto& def = rules.indicators[i];
      const auto& o = r.outcome(u, i);
      rows.push_back({rules.categories[def.category].name, def.id + " " + def.name,
                      std::string(ruleset::spec(def.method).name), d.fixed(o.points), text::plain(def.points),
                      o.status == score::Status::Scored        ? ""
                      : o.status == score::Status::MissingZero ? _("missing → 0")
                                                               : _("excluded, renormalised")});
    }
    html::table(h, {_("category"), _("indicator"), _("method"), _("points"), _("max"), _("note")}, rows,
                {false, false, false, true, true, false});
    h += fmt::format("<details><summary>{}</summary>\n<pre>",
                     xml_escape(_("Every number explained (计分过程)")));
    h += xml_escape(html::capture([&](std::ostream& o) { write_explain(o, a, r, u); }));
    h += "</pre></details>\n";
    if (d.has_chain()) {
      rows.clear();
      for (const auto& g : d.analysis->gaps)
        if (gap_in_unit(*a.chain, g, u)) rows.push_back({label(g.kind), g.why});
      h += fmt::format("<h3>{}</h3>\n", xml_escape(_("Chain gaps (责任链缺口)")));
      if (rows.empty())
        h += fmt::format("<p>{}</p>\n", xml_escape(_("none")));
      else
        html::table(h, {_("kind"), _("why")}, rows, {false, false});
    }
    if (d.ledger) {
      rows.clear();
      const bool ladder = !d.ledger->policy.escalation.empty();
      for (const auto& x : d.ledger->overdue)
        if (x.unit == a.units.ids[u]) {
          rows.push_back({x.id, x.enterprise, label(x.level), date::format(x.deadline),
                          std::to_string(x.days_overdue), label(x.colour)});
          if (ladder) rows.back().push_back(hazard_escalation_text(*d.ledger, x, d.actors));
        }
      h += fmt::format("<h3>{}</h3>\n", xml_escape(_("Overdue hazards (逾期隐患)")));
      std::vector<std::string> head = {_("hazard"),   _("enterprise"),   _("level"),
                                       _("deadline"), _("days overdue"), _("colour")};
      std::vector<bool> right = {false, false, false, false, true, false};
      if (ladder) {
        head.emplace_back(_("escalation"));
        right.push_back(false);
      }
      if (rows.empty())
        h += fmt::format("<p>{}</p>\n", xml_escape(_("none")));
      else
        html::table(h, head, rows, right);
    }
    if (attribution_of[u] != SIZE_MAX) {
      const auto& att = d.attributions[attribution_of[u]];
      rows.clear();
      for (const auto& l : att.indicators)
        for (const auto& s : l.shares)
          rows.push_back({rules.indicators[l.indicator].name, s.id == s.name ? s.name : s.id + " " + s.name,
                          d.fixed(s.points), s.what});
      h += fmt::format("<h3>{}</h3>\n", xml_escape(_("Who lost the points (失分责任)")));
      if (rows.empty())
        h += fmt::format("<p>{}</p>\n", xml_escape(_("nothing below the unit accounts for a lost point")));
      else
        html::table(h, {_("indicator"), _("who"), _("points lost"), _("why")}, rows,
                    {false, false, true, false});
    }
    h += "</section>\n";
    // One unit at a time: a report of a province is never held whole.
    out << h;
    h.clear();
  }

  if (d.has_chain()) {
    h += fmt::format("<section id=\"chain\">\n<h2>{}</h2>\n", xml_escape(_("Responsibility chain (责任链)")));
    rows.clear();
    for (const auto& g : d.analysis->gaps) {
      std::vector<std::string> ids;
      for (auto v : g.nodes) ids.push_back(a.chain->chain.ids[v]);
      rows.push_back({label(g.kind), text::join(ids, " "), g.why});
    }
    if (rows.empty())
      h += fmt::format("<p>{}</p>\n", xml_escape(_("no gaps found")));
    else
      html::table(h, {_("kind"), _("nodes"), _("why")}, rows, {false, false, false});
    h += html::chain_svg(*a.chain, *d.analysis);
    h += "</section>\n";
  }
  if (d.ledger) {
    h += fmt::format("<section id=\"hazards\">\n<h2>{}</h2>\n", xml_escape(_("Hazard ledger (隐患台账)")));
    rows.clear();
    for (std::size_t k = 0; k < d.ledger->units.size(); ++k) {
      const auto& t = d.ledger->by_unit[k];
      rows.push_back({d.ledger->units[k], fmt::format("{}/{}", t.done[0], t.found[0]),
                      t.found[0] ? text::fixed(t.rate(hazard::Level::Major), 2) + "%" : "—",
                      fmt::format("{}/{}", t.done[1], t.found[1]),
                      t.found[1] ? text::fixed(t.rate(hazard::Level::General), 2) + "%" : "—",
                      std::to_string(t.overdue[0] + t.overdue[1]), std::to_string(t.invalid_closures)});
    }
    html::table(h,
                {_("unit"), _("major closed/total"), _("major rate"), _("general rectified/total"),
                 _("general rate"), _("overdue"), _("invalid closures")},
                rows, {false, true, true, true, true, true, true});
    h += "</section>\n";
  }

  if (d.risks) {
    h += fmt::format("<section id=\"risks\">\n<h2>{}</h2>\n<p class=\"meta\">{}{}</p>\n",
                     xml_escape(_("Risk grading (风险分级)")),
                     xml_escape(trf("matrix {} {} ({})", d.matrix->id, d.matrix->version, d.matrix->name)),
                     d.matrix->verified ? std::string() : xml_escape(_(" · bands not verified")));
    std::vector<std::string> head{_("unit")};
    std::vector<bool> numeric{false};
    for (const auto& l : d.matrix->levels) {
      head.push_back(fmt::format("{}（{}）", l.name, l.colour));
      numeric.push_back(true);
    }
    head.push_back(_("all levels"));
    numeric.push_back(true);
    rows.clear();
    for (const auto& u : d.risks->units) {
      std::vector<std::string> row{u.unit};
      for (auto c : u.per_level) row.push_back(std::to_string(c));
      row.push_back(std::to_string(u.total));
      rows.push_back(std::move(row));
    }
    html::table(h, head, rows, numeric);
    rows.clear();
    for (const auto& p : d.risks->points)
      if (p.level == 0)
        rows.push_back({p.unit, p.id, p.name, text::plain(p.score), d.matrix->levels[p.level].name});
    h +=
        fmt::format("<h3>{}</h3>\n", xml_escape(trf("Risk points graded {}", d.matrix->levels.front().name)));
    if (rows.empty())
      h += fmt::format("<p>{}</p>\n", xml_escape(_("none")));
    else
      html::table(h, {_("unit"), _("id"), _("risk point"), _("score"), _("level")}, rows,
                  {false, false, false, true, false});
    h += "</section>\n";
  }

  if (d.tasks) {
    const auto td = d.tasks_data();
    h += fmt::format("<section id=\"tasks\">\n<h2>{}</h2>\n<p class=\"meta\">{}</p>\n",
                     xml_escape(_("Task lists (任务清单)")),
                     xml_escape(trf("as of {}; red and overdue first", date::format(d.tasks->as_of))));
    const auto table = task_table(td);
    if (table.rows.empty()) {
      h += fmt::format("<p>{}</p>\n", xml_escape(_("no tasks")));
    } else {
      std::vector<bool> numeric(table.head.size());
      numeric[7] = numeric[8] = numeric[9] = numeric[10] = true;
      html::table(h, table.head, table.rows, numeric);
    }
    h += "</section>\n";
  }

  h += fmt::format("<section id=\"appendix\">\n<h2>{}</h2>\n", xml_escape(_("Appendix: inputs (附录)")));
  rows.clear();
  rows.push_back({file_role_label("ruleset"), fmt::format("{} {} {}", rules.id, rules.version, rules.name),
                  rules.sha256});
  for (const auto& f : a.files) rows.push_back({file_role_label(f.role), f.path, f.sha256});
  html::table(h, {_("input"), _("file"), "sha256"}, rows, {false, false, false});
  h += fmt::format("<p class=\"meta\">{}</p>\n",
                   xml_escape(d.timestamp ? trf("safeassess {} · generated {}. Missing-data policy: {}.",
                                                d.version, *d.timestamp, ruleset::to_string(a.missing))
                                          : trf("safeassess {}. Missing-data policy: {}.", d.version,
                                                ruleset::to_string(a.missing))));
  h += "</section>\n</main>\n</body>\n</html>\n";
  out << h;
}

}  // namespace safeassess::report
