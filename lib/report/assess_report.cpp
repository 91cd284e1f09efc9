#include "report/assess_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/accident_report.hpp"
#include "report/attribution_report.hpp"
#include "report/chain_report.hpp"
#include "report/duties_report.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/labels.hpp"
#include "report/ledger_report.hpp"
#include "report/risk_report.hpp"
#include "report/score_report.hpp"

namespace safeassess::report {

using nlohmann::ordered_json;

AssessData::AssessData(const assessment::Run& run, std::string version_,
                       std::optional<std::string> timestamp_)
    : a(&run.a),
      r(&run.results),
      ledger(run.a.ledger ? &*run.a.ledger : nullptr),
      analysis(run.analysis ? &*run.analysis : nullptr),
      matrix(run.risks ? &run.risks->matrix : nullptr),
      risks(run.risks ? &run.risks->list : nullptr),
      attributions(run.attributions),
      gates(run.gates),
      tasks(run.tasks ? &*run.tasks : nullptr),
      actors(run.a.chain ? &run.a.chain->chain : nullptr, run.a.chain ? &run.a.chain->duties : nullptr),
      version(std::move(version_)),
      timestamp(std::move(timestamp_)) {}

bool AssessData::has_chain() const {
  return analysis && a->chain;
}
TasksData AssessData::tasks_data() const {
  TasksData t;
  t.book = &*a->tasks;
  t.report = tasks;
  if (a->chain) {
    t.chain = &a->chain->chain;
    t.duties = &a->chain->duties;
  }
  t.unit_names = a->units.names;
  t.ruleset_id = a->rules.id;
  return t;
}

bool AssessData::has_duties() const {
  return a->chain && a->chain->compliance;
}
std::string AssessData::fixed(double v) const {
  return text::fixed(v, a->rules.precision);
}

std::string AssessData::fixed(num::Decimal v) const {
  return v.fixed(a->rules.precision);
}

// ---------------------------------------------------------------------------- JSON

void write_json_report(std::ostream& out, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  // Each part as its own subcommand writes it, or null when the run has no data for it.
  auto part = [](bool present, std::function<void(std::ostream&)> write) {
    return [present, write = std::move(write)](std::ostream& o) {
      if (present)
        write(o);
      else
        o << "null";
    };
  };
  std::vector<JsonMember> extra;
  extra.push_back({"hazards", part(d.ledger != nullptr, [&](std::ostream& o) {
                     write_ledger(o, Format::Json, *d.ledger, a.units.names, a.rules.id, &d.actors);
                   })});
  extra.push_back({"duties", part(d.has_duties(), [&](std::ostream& o) {
                     write_duties(o, Format::Json, *a.chain, a.units.names);
                   })});
  extra.push_back({"chain", part(d.has_chain(), [&](std::ostream& o) {
                     write_gaps(o, Format::Json, *a.chain, *d.analysis, a.units.names);
                   })});
  extra.push_back({"risks", part(d.risks != nullptr, [&](std::ostream& o) {
                     write_risk(o, Format::Json, *d.matrix, *d.risks);
                   })});
  extra.push_back({"tasks", part(d.tasks != nullptr,
                                 [&](std::ostream& o) { write_tasks(o, Format::Json, d.tasks_data()); })});
  extra.push_back({"attribution", [&](std::ostream& o) {
                     o << '[';
                     for (std::size_t k = 0; k < d.attributions.size(); ++k) {
                       o << (k ? ",\n" : "\n");
                       write_attribution(o, Format::Json, a, r, d.attributions[k]);
                     }
                     o << (d.attributions.empty() ? "]" : "\n  ]");
                   }});
  extra.push_back({"gates", [&](std::ostream& o) {
                     const auto& cases = d.gates;
                     o << '[';
                     for (std::size_t k = 0; k < cases.size(); ++k) {
                       const auto& g = cases[k];
                       o << (k ? ",\n    " : "\n    ")
                         << json_text(ordered_json{{"unit", a.units.ids[g.unit]},
                                                   {"gate", g.gate},
                                                   {"asked", g.asked},
                                                   {"holds", g.holds},
                                                   {"tripped", g.tripped()},
                                                   {"detail", g.detail}});
                     }
                     o << (cases.empty() ? "]" : "\n  ]");
                   }});
  write_json(out, a, r, d.timestamp, extra);
}

// ---------------------------------------------------------------------------- JUnit

void write_junit_report(std::ostream& out, const AssessData& d) {
  const auto& a = *d.a;
  const auto& cases = d.gates;
  std::size_t failures = 0;
  for (const auto& c : cases) failures += c.tripped();
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"0\">\n",
                   xml_escape("safeassess " + a.manifest.name), cases.size(), failures);
  x += fmt::format(
      "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\" time=\"0\"{}>\n",
      xml_escape(fmt::format("gates: {} ({} {})", a.manifest.name, a.rules.id, a.rules.version)),
      cases.size(), failures,
      d.timestamp ? fmt::format(" timestamp=\"{}\"", xml_escape(*d.timestamp)) : std::string());
  x += "    <properties>\n";
  x += fmt::format("      <property name=\"ruleset\" value=\"{}\"/>\n",
                   xml_escape(fmt::format("{} {} sha256:{}", a.rules.id, a.rules.version, a.rules.sha256)));
  x += fmt::format("      <property name=\"period\" value=\"{}\"/>\n", xml_escape(a.manifest.period));
  x += fmt::format("      <property name=\"tool\" value=\"safeassess {}\"/>\n", xml_escape(d.version));
  x += "    </properties>\n";
  for (const auto& c : cases) {
    const std::string cls = fmt::format("{} {}", a.units.ids[c.unit], a.units.names[c.unit]);
    x += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"0\"", xml_escape(cls),
                     xml_escape(c.gate));
    if (c.tripped()) {
      x += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n",
                       xml_escape(fmt::format("gate {} tripped: {}", c.gate, c.detail)), xml_escape(c.gate),
                       xml_escape(c.detail));
    } else if (c.holds) {
      x += fmt::format(">\n      <system-out>{}</system-out>\n    </testcase>\n",
                       xml_escape(trf("{} (gate not asked for)", c.detail)));
    } else {
      x += "/>\n";
    }
  }
  x += "  </testsuite>\n</testsuites>\n";
  out << x;
}

// ---------------------------------------------------------------------------- CSV

std::vector<CsvTable> csv_tables(const AssessData& d) {
  std::vector<CsvTable> t;
  t.push_back({"ranking.csv", [&d](std::ostream& o) { write_csv(o, *d.a, *d.r); }});
  t.push_back({"indicators.csv", [&d](std::ostream& o) {
                 const auto& a = *d.a;
                 const auto& r = *d.r;
                 o << "unit,unit_name,category,indicator,indicator_name,method,points,max,achievement,"
                      "status\r\n";
                 for (auto u : r.order)
                   for (std::size_t i = 0; i < r.indicators; ++i) {
                     const auto& def = a.rules.indicators[i];
                     const auto& outcome = r.outcome(u, i);
                     o << fmt::format("{},{},{},{},{},{},{},{},{},{}\r\n", csv_field(a.units.ids[u]),
                                      csv_field(a.units.names[u]),
                                      csv_field(a.rules.categories[def.category].id), csv_field(def.id),
                                      csv_field(def.name), ruleset::spec(def.method).name,
                                      d.fixed(outcome.points), text::plain(def.points),
                                      text::fixed(outcome.achievement, 4),
                                      outcome.status == score::Status::Scored        ? "scored"
                                      : outcome.status == score::Status::MissingZero ? "missing-zero"
                                                                                     : "excluded");
                   }
               }});
  if (d.ledger)
    t.push_back({"hazards.csv", [&d](std::ostream& o) {
                   write_ledger(o, Format::Csv, *d.ledger, d.a->units.names, d.a->rules.id);
                 }});
  if (d.has_duties())
    t.push_back({"duties.csv",
                 [&d](std::ostream& o) { write_duties(o, Format::Csv, *d.a->chain, d.a->units.names); }});
  if (d.has_chain())
    t.push_back({"gaps.csv", [&d](std::ostream& o) {
                   write_gaps(o, Format::Csv, *d.a->chain, *d.analysis, d.a->units.names);
                 }});
  if (d.risks)
    t.push_back({"risks.csv", [&d](std::ostream& o) { write_risk(o, Format::Csv, *d.matrix, *d.risks); }});
  if (d.a->accidents && d.a->accident_summary)
    t.push_back({"accidents.csv", [&d](std::ostream& o) {
                   write_accidents_csv(o, *d.a->accidents, *d.a->accident_summary, d.a->units.ids);
                 }});
  if (d.tasks)
    t.push_back({"tasks.csv", [&d](std::ostream& o) { write_tasks(o, Format::Csv, d.tasks_data()); }});
  if (!d.attributions.empty())
    t.push_back({"attribution.csv", [&d](std::ostream& o) {
                   write_attribution_csv_header(o);
                   for (const auto& att : d.attributions) write_attribution_csv_rows(o, *d.a, att);
                 }});
  t.push_back({"gates.csv", [&d](std::ostream& o) {
                 o << "unit,gate,asked,holds,tripped,detail\r\n";
                 for (const auto& g : d.gates)
                   o << fmt::format("{},{},{},{},{},{}\r\n", csv_field(d.a->units.ids[g.unit]),
                                    csv_field(g.gate), g.asked, g.holds, g.tripped(), csv_field(g.detail));
               }});
  return t;
}

// ---------------------------------------------------------------------------- Markdown

void write_markdown_report(std::ostream& out, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  write_markdown(out, a, r);
  // Each part as its own subcommand writes it, after a blank line.
  auto part = [&](auto&& write) {
    out << '\n';
    write(out);
  };
  if (d.ledger)
    part([&](std::ostream& o) {
      write_ledger(o, Format::Markdown, *d.ledger, a.units.names, a.rules.id, &d.actors);
    });
  if (d.has_duties())
    part([&](std::ostream& o) { write_duties(o, Format::Markdown, *a.chain, a.units.names); });
  if (d.has_chain())
    part([&](std::ostream& o) { write_gaps(o, Format::Markdown, *a.chain, *d.analysis, a.units.names); });
  if (d.risks) part([&](std::ostream& o) { write_risk(o, Format::Markdown, *d.matrix, *d.risks); });
  if (d.tasks) part([&](std::ostream& o) { write_tasks(o, Format::Markdown, d.tasks_data()); });
  for (const auto& x : d.attributions)
    part([&](std::ostream& o) { write_attribution(o, Format::Markdown, a, r, x); });
  std::string md = fmt::format("\n# {}\n\n", _("Appendix: inputs (附录)"));
  md += "- " +
        trf("ruleset: {} {} ({}), sha256 `{}`", md_cell(a.rules.id), md_cell(a.rules.version),
            md_cell(a.rules.name), a.rules.sha256) +
        '\n';
  for (const auto& f : a.files)
    md += "- " +
          trf("{}: {}", file_role_label(f.role), fmt::format("{} sha256 `{}`", md_cell(f.path), f.sha256)) +
          '\n';
  md += "- " + trf("tool: safeassess {}", d.version) + '\n';
  if (d.timestamp) md += "- " + trf("generated: {}", *d.timestamp) + '\n';
  out << md;
}

}  // namespace safeassess::report
