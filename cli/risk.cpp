#include "risk.hpp"

#include <memory>

#include "common.hpp"
#include "core/i18n.hpp"
#include "exit_code.hpp"
#include "io/file.hpp"
#include "io/workbook.hpp"
#include "load/risk.hpp"
#include "report/risk_report.hpp"
#include "risk/risk.hpp"

namespace safeassess::cli {

void setup_risk(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RiskOptions>();
  auto* sub = app.add_subcommand(
      "risk", _("Grade risk points (风险分级) with an L×S or LEC matrix: level, colour and counts per unit"));
  sub->add_option("risks", options->risks, _("Risk list CSV: unit, id, name and one column per factor"))
      ->required();
  sub->add_option(
         "-m,--matrix", options->matrix,
         _("Matrix: a bundled one (ls-5x5, ls-5x5-3colour, lec, lec-5; or builtin:NAME) or a YAML file"))
      ->capture_default_str();
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_risk(*options); });
}

int run_risk(const RiskOptions& options) {
  const auto format = report::parse_format(options.format);
  const auto enc = options.encoding.empty() ? io::Encoding::Auto : io::parse_encoding(options.encoding);
  const risk::Matrix matrix = risk::load_matrix_ref(options.matrix);
  io::Table table = io::read_table(options.risks, options.risks);
  const risk::RiskList list = risk::grade(table.shown, std::move(table.text), enc, matrix);
  emit(options.output, existing_files({io::file_of(options.risks), options.matrix}),
       [&](std::ostream& out) { report::write_risk(out, format, matrix, list); });
  return code(ExitCode::Ok);
}

}  // namespace safeassess::cli
