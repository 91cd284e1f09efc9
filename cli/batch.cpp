#include "batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>
#include <new>
#include <optional>

#include "assessment/batch.hpp"
#include "assessment/run.hpp"
#include "common.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/manifest.hpp"
#include "report/assess_report.hpp"
#include "report/batch_report.hpp"

namespace safeassess::cli {

void setup_batch(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<BatchOptions>();
  auto* sub = app.add_subcommand(
      "batch", _("Run many assessments (jurisdictions or years): a report set for each manifest and an index "
                 "(HTML, xlsx, JSON) of every run's summary, status and exit code; one failing run does not "
                 "stop the others"));
  sub->add_option("source", options->source,
                  _("A folder (every manifest.yaml in it and its subfolders) or a list file (one manifest "
                    "path per line)"))
      ->required();
  sub->add_option("-o,--output", options->output,
                  _("The batch folder: one report set per run and index.html, index.xlsx, index.json; "
                    "written whole or not at all"))
      ->required();
  add_gate_options(sub, options->fail_below, options->fail_on, GateWords::Batch);
  add_encoding_option(sub, options->encoding);
  add_missing_option(sub, options->missing);
  sub->callback([options, &exit_code] { exit_code = run_batch(*options); });
}

namespace {

using assessment::BatchOutcome;

int exit_code_of(BatchOutcome o) {
  switch (o) {
    case BatchOutcome::Ok:
      return code(ExitCode::Ok);
    case BatchOutcome::GateTripped:
      return code(ExitCode::GateTripped);
    case BatchOutcome::InvalidInput:
      return code(ExitCode::InvalidInput);
    case BatchOutcome::InternalError:
      return code(ExitCode::InternalError);
  }
  return code(ExitCode::InternalError);
}

// The files a manifest names, so that the batch folder is never one of them nor holds one.
void add_inputs(const std::filesystem::path& manifest, std::vector<std::filesystem::path>& inputs) {
  inputs.push_back(manifest);
  try {
    const std::string shown = manifest.lexically_normal().string();
    const auto m = assessment::parse_manifest(shown, io::read_file(manifest, shown), manifest.parent_path());
    for (auto& p : assessment::input_paths(m)) inputs.push_back(std::move(p));
  } catch (const Error&) {
    // Its run reports the problem; the manifest itself is protected already.
  }
}

}  // namespace

int run_batch(const BatchOptions& options) {
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  if (!options.missing.empty()) load.missing = ruleset::parse_missing_policy(options.missing);
  const auto gates = gates_asked(options.fail_below, options.fail_on);
  const auto items = assessment::batch_items(options.source);
  std::vector<std::filesystem::path> inputs;
  for (const auto& item : items) add_inputs(item.manifest, inputs);

  report::BatchIndex index;
  index.version = SAFEASSESS_VERSION;
  io::write_directory_atomically(options.output, inputs, [&](const io::StagingFolder& dir) {
    for (std::size_t i = 0; i < items.size(); ++i) {
      assessment::BatchResult result;
      result.item = items[i];
      const std::string prefix = items[i].folder + "/";
      auto failed = [&](BatchOutcome outcome, std::vector<std::string> problems, std::size_t total) {
        result.outcome = outcome;
        result.problem_count = total;
        std::string text;
        for (const auto& p : problems) text += text::visible(p, false) + "\n";
        if (total > problems.size()) text += trf("... and {} more problems", total - problems.size()) + "\n";
        dir.write(prefix + "problems.txt", text);
        problems.resize(std::min<std::size_t>(problems.size(), 5));
        result.problems = std::move(problems);
      };
      // A run's own problems are its result; a failure to write the batch folder (a full
      // disk) ends the batch, and nothing of it is kept.
      std::optional<assessment::Run> run;
      try {
        run.emplace(assessment::run(items[i].manifest, load, gates));
      } catch (const InputError& e) {
        std::vector<std::string> problems;
        for (const auto& p : e.diagnostics()) problems.push_back(p.to_string());
        failed(BatchOutcome::InvalidInput, std::move(problems), e.total());
      } catch (const Error& e) {
        failed(BatchOutcome::InvalidInput, {items[i].shown + ": " + e.what()}, 1);
      } catch (const std::bad_alloc&) {
        failed(BatchOutcome::InvalidInput,
               {items[i].shown + ": " +
                _("not enough memory for these inputs; split them (by region, say) or run on "
                  "a larger machine")},
               1);
      } catch (const std::exception& e) {
        failed(BatchOutcome::InternalError,
               {trf("{}: internal error: {} (please report this with the input)", items[i].shown, e.what())},
               1);
      }
      if (run) {
        const report::AssessData d(*run, SAFEASSESS_VERSION, std::nullopt);
        report::write_report_set(dir, prefix, d);
        assessment::summarize(*run, result);
        result.outcome = result.gates.empty() ? BatchOutcome::Ok : BatchOutcome::GateTripped;
        run.reset();
      }
      const int rc = exit_code_of(result.outcome);
      std::cout << text::visible(trf("[{}/{}] {}: {} (exit code {})", i + 1, items.size(), items[i].folder,
                                     assessment::outcome_id(result.outcome), rc),
                                 false)
                << '\n';
      index.exit_code = std::max(index.exit_code, rc);
      index.exit_codes.push_back(rc);
      index.results.push_back(std::move(result));
    }
    dir.write("index.html", [&](std::ostream& o) { report::write_batch_html(o, index); });
    dir.write("index.json", [&](std::ostream& o) { report::write_batch_json(o, index); });
    report::write_batch_xlsx(dir.path("index.xlsx").string(), dir.shown("index.xlsx"), index);
    dir.adopt("index.xlsx");
  });
  std::string out = std::filesystem::path(options.output).lexically_normal().string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  std::cout << trf("batch written to {0}/: {0}/index.html, {0}/index.xlsx, {0}/index.json; exit code {1}",
                   out, index.exit_code)
            << '\n';
  return index.exit_code;
}

}  // namespace safeassess::cli
