#include "hazards.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "assessment/assessment.hpp"
#include "common.hpp"
#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "hazard/ledger.hpp"
#include "io/file.hpp"
#include "io/workbook.hpp"
#include "load/manifest.hpp"
#include "report/ledger_report.hpp"

namespace safeassess::cli {

void setup_hazards(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<HazardsOptions>();
  auto* sub = app.add_subcommand(
      "hazards",
      _("Report the hazard ledger (一隐患一档案): rectification rates, overdue hazards with status "
        "colours, invalid closures and hazards under supervision (挂牌督办)"));
  sub->add_option("manifest", options->manifest,
                  _("The assessment manifest naming units and the hazards ledger"))
      ->required();
  sub->add_option("--as-of", options->as_of,
                  _("Report as of DATE (YYYY-MM-DD); default: the period's last day"))
      ->type_name("DATE")
      ->check(non_empty());
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  sub->add_option("--fail-on", options->fail_on,
                  _("Exit 1 if any major hazard is overdue (overdue-major), any closure is invalid "
                    "(invalid-closure), or an overdue hazard has a step of the ruleset's escalation ladder "
                    "due (escalation)"))
      ->delimiter(',')
      ->check(CLI::IsMember({"overdue-major", "invalid-closure", "escalation"}));
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_hazards(*options); });
}

int run_hazards(const HazardsOptions& options) {
  const auto format = report::parse_format(options.format);
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  auto b = assessment::load_basics(options.manifest, load);
  if (ladder_missing(options.fail_on, b.rules.ledger.escalation))
    throw UsageError(
        trf("--fail-on escalation needs an escalation ladder for the hazard ledger in ruleset "
            "\"{}\" (hazard_ledger.escalation)",
            b.rules.id));
  // The chain names who acts for the escalation ladder's steps: read it when a step needs it.
  const auto& ladder = b.rules.ledger.escalation;
  if (b.manifest.chain && std::any_of(ladder.begin(), ladder.end(), [](const auto& s) {
        return s.actor == "owner" || s.actor == "superior" || s.actor.starts_with("role:");
      })) {
    load.chain = true;
    load.chain_only = true;  // who acts needs the chain, not its records
    b = assessment::load_basics(options.manifest, load);
  }
  if (!b.manifest.hazards)
    throw InputError(Location{b.manifest.file},
                     _("the manifest names no hazard ledger; add \"hazards: ledger.csv\" (一隐患一档案)"));
  const date::Day as_of = date_option("--as-of", options.as_of).value_or(assessment::period_end(b.manifest));
  const auto& ref = *b.manifest.hazards;
  const auto path = b.manifest.dir / ref.path;
  io::Table table = io::read_table(path, path.lexically_normal().string(), ref.at);
  const std::string shown = table.shown;
  const auto rep =
      hazard::read_ledger(shown, std::move(table.text), load.encoding.value_or(b.manifest.encoding), as_of,
                          b.rules.ledger, &b.units, date::parse_period(b.manifest.period));
  emit(options.output, assessment::input_paths(b.manifest), [&](std::ostream& out) {
    const task::Actors actors(b.chain ? &b.chain->chain : nullptr, b.chain ? &b.chain->duties : nullptr);
    report::write_ledger(out, format, rep, b.units.names, b.rules.id, &actors);
  });

  int status = code(ExitCode::Ok);
  for (const auto& gate : options.fail_on) {
    const auto ids = gate == "overdue-major" ? hazard::overdue_major_ids(rep)
                     : gate == "escalation"  ? hazard::escalation_ids(rep)
                                             : hazard::invalid_closure_ids(rep);
    if (ids.empty()) continue;
    report_gate(gate, "hazard", ids);
    status = code(ExitCode::GateTripped);
  }
  return status;
}

}  // namespace safeassess::cli
