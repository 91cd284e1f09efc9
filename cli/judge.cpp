#include "judge.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>

#include "common.hpp"
#include "core/date.hpp"
#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "hazard/judge.hpp"
#include "io/file.hpp"
#include "io/workbook.hpp"
#include "load/builtin.hpp"
#include "load/criteria.hpp"
#include "load/findings.hpp"
#include "report/judge_report.hpp"

namespace safeassess::cli {

void setup_judge(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<JudgeOptions>();
  auto* sub = app.add_subcommand(
      "judge", _("Judge inspection findings against the major-hazard criteria (重大事故隐患判定标准)"));
  sub->add_option(
         "findings", options->findings,
         _("Findings: CSV (id, enterprise, industry, date, one column per fact) or YAML (findings: [...])"))
      ->required();
  sub->add_option(
         "-c,--criteria", options->criteria,
         trf("Criteria to judge by: bundled editions ({}), builtin:NAME or YAML files; repeat or "
             "separate with commas. Default: every bundled edition, each judging its own industries on "
             "the days it is in force",
             text::join(ruleset::builtin_names("criteria"), ", ")))
      ->delimiter(',');
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  sub->add_option("--fail-on", options->fail_on,
                  _("Exit 1 if any finding is a major hazard (major) or cannot be decided (undecided)"))
      ->delimiter(',')
      ->check(CLI::IsMember({"major", "undecided"}));
  sub->add_option("--as-of", options->as_of,
                  _("Judge findings that have no date by the editions in force on this day (YYYY-MM-DD); "
                    "a finding's own date always wins"));
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_judge(*options); });
}

int run_judge(const JudgeOptions& options) {
  const auto format = report::parse_format(options.format);
  const auto enc = options.encoding.empty() ? io::Encoding::Auto : io::parse_encoding(options.encoding);
  std::vector<hazard::Criteria> standards;
  const auto refs = options.criteria.empty() ? ruleset::builtin_names("criteria") : options.criteria;
  for (const auto& ref : refs) standards.push_back(hazard::load_criteria_ref(ref));
  const auto as_of = date_option("--as-of", options.as_of);
  const auto ext = std::filesystem::path(options.findings).extension().string();
  io::Table table;
  if (ext == ".yaml" || ext == ".yml") {
    table.shown = options.findings;
    table.text = io::read_file(options.findings, options.findings);
    table.sha256 = hash::sha256_hex(table.text);
  } else {
    table = io::read_table(options.findings, options.findings);
  }
  const std::string sha = table.sha256;
  const auto findings =
      (ext == ".yaml" || ext == ".yml")
          ? hazard::load_findings_yaml(table.shown, table.text, standards, as_of)
          : hazard::load_findings_csv(table.shown, std::move(table.text), enc, standards, as_of);
  std::vector<hazard::Judgement> judgements;
  judgements.reserve(findings.size());
  for (const auto& f : findings) judgements.push_back(hazard::judge(standards[f.standard], f));

  report::JudgeInput in{table.shown, sha, &standards, &findings, &judgements};
  auto inputs = existing_files(refs);
  inputs.emplace_back(io::file_of(options.findings));
  emit(options.output, inputs, [&](std::ostream& out) { report::write_judge(out, format, in); });

  int status = code(ExitCode::Ok);
  for (const auto& gate : options.fail_on) {
    const auto want = gate == "major" ? hazard::Verdict::Major : hazard::Verdict::Undecided;
    const auto ids = hazard::judged(findings, judgements, want);
    if (ids.empty()) continue;
    report_gate(gate, "finding", ids);
    status = code(ExitCode::GateTripped);
  }
  return status;
}

}  // namespace safeassess::cli
