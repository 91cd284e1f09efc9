#include "score.hpp"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "assessment/assessment.hpp"
#include "common.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "load/manifest.hpp"
#include "report/score_report.hpp"
#include "score/engine.hpp"

namespace safeassess::cli {

void setup_score(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ScoreOptions>();
  auto* sub = app.add_subcommand("score", _("Score every unit of an assessment: totals, categories, "
                                            "bonus, veto, grade, rank and the interview list"));
  sub->add_option("manifest", options->manifest, _("The assessment manifest (YAML)"))->required();
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  sub->add_option("--explain", options->explain,
                  _("Print the arithmetic for one unit, step by step (text, or JSON with --format json)"))
      ->check(non_empty());
  add_gate_options(sub, options->fail_below, options->fail_on, GateWords::Score);
  add_encoding_option(sub, options->encoding);
  add_missing_option(sub, options->missing);
  sub->callback([options, &exit_code] { exit_code = run_score(*options); });
}

int run_score(const ScoreOptions& options) {
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  if (!options.missing.empty()) load.missing = ruleset::parse_missing_policy(options.missing);
  const auto format = report::parse_format(options.format);
  const assessment::Assessment a = assessment::load_assessment(options.manifest, load);
  const score::Results r = score::score(assessment::score_input(a));

  if (!options.explain.empty()) {
    const auto u = a.units.find(options.explain);
    if (!u) {
      std::string units_file;
      for (const auto& f : a.files)
        if (f.role == "units") units_file = f.path;
      throw UsageError(trf("--explain: no unit \"{}\" in {}{}", options.explain, units_file,
                           text::did_you_mean(options.explain, a.units.ids)));
    }
    emit(options.output, assessment::input_paths(a.manifest), [&](std::ostream& out) {
      if (format == report::Format::Json)
        report::write_explain_json(out, a, r, *u);
      else
        report::write_explain(out, a, r, *u);
    });
  } else {
    emit(options.output, assessment::input_paths(a.manifest), [&](std::ostream& out) {
      switch (format) {
        case report::Format::Table:
          report::write_table(out, a, r);
          break;
        case report::Format::Json:
          report::write_json(out, a, r);
          break;
        case report::Format::Csv:
          report::write_csv(out, a, r);
          break;
        case report::Format::Markdown:
          report::write_markdown(out, a, r);
          break;
      }
    });
  }

  const auto trips = score::check_gates(a.rules, r, gates_asked(options.fail_below, options.fail_on).score);
  for (const auto& t : trips) {
    std::vector<std::string> names;
    for (auto u : t.units) names.push_back(fmt::format("{} {}", a.units.ids[u], a.units.names[u]));
    report_gate(t.gate, "unit", names);
  }
  return code(trips.empty() ? ExitCode::Ok : ExitCode::GateTripped);
}

}  // namespace safeassess::cli
