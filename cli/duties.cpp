#include "duties.hpp"

#include <memory>

#include "assessment/assessment.hpp"
#include "common.hpp"
#include "core/i18n.hpp"
#include "exit_code.hpp"
#include "load/manifest.hpp"
#include "report/duties_report.hpp"

namespace safeassess::cli {

void setup_duties(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DutiesOptions>();
  auto* sub = app.add_subcommand(
      "duties",
      _("Duty compliance (履职): for every holder and duty of the chain, which periods were met, met "
        "without the required evidence, or missed; rates per holder, role, tier and unit"));
  sub->add_option("manifest", options->manifest,
                  _("The assessment manifest naming duties, chain and records"))
      ->required();
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  sub->add_option("--fail-below", options->fail_below,
                  _("Exit 1 if any holder's compliance is below this percentage"))
      ->check(finite_number())
      ->check(CLI::Range(0.0, 100.0));
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_duties(*options); });
}

int run_duties(const DutiesOptions& options) {
  const auto format = report::parse_format(options.format);
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  load.chain = true;
  const auto b = assessment::load_basics(options.manifest, load);
  if (!b.chain)
    throw InputError(
        Location{b.manifest.file},
        _("the manifest names no responsibility chain; add \"duties\", \"chain\" and \"records\""));
  if (!b.chain->compliance)
    throw InputError(Location{b.manifest.file},
                     _("the manifest names no performance records (履职记录); add \"records: records.csv\""));
  emit(options.output, assessment::input_paths(b.manifest),
       [&](std::ostream& out) { report::write_duties(out, format, *b.chain, b.units.names); });
  if (options.fail_below < 0) return code(ExitCode::Ok);
  const auto below = duty::holders_below(b.chain->chain, *b.chain->compliance, options.fail_below);
  if (below.empty()) return code(ExitCode::Ok);
  report_gate("fail-below", "holder", below);
  return code(ExitCode::GateTripped);
}

}  // namespace safeassess::cli
