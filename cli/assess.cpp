#include "assess.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <ctime>
#include <iostream>
#include <map>
#include <memory>

#include "assessment/assessment.hpp"
#include "assessment/run.hpp"
#include "chain/analysis.hpp"
#include "common.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "hazard/ledger.hpp"
#include "io/file.hpp"
#include "load/manifest.hpp"
#include "report/assess_report.hpp"
#include "score/engine.hpp"

namespace safeassess::cli {

void setup_assess(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AssessOptions>();
  auto* sub = app.add_subcommand(
      "assess", _("Run everything the manifest has data for (score, duty compliance, chain gaps, hazards, "
                  "attribution) and write one report set: HTML, xlsx, Markdown, JSON, CSV and JUnit XML"));
  sub->add_option("manifest", options->manifest, _("The assessment manifest (YAML)"))->required();
  sub->add_option(
         "-o,--output", options->output,
         _("The report folder: created, or replaced whole if it is a report set of ours (never another "
           "folder, never one near the inputs); a failed run leaves the previous one intact"))
      ->required()
      ->type_name("DIR");
  add_gate_options(sub, options->fail_below, options->fail_on, GateWords::Assess);
  sub->add_flag("--timestamp", options->timestamp,
                _("Stamp the reports with the time they were made (off by default: the same inputs "
                  "give byte-identical reports)"));
  add_encoding_option(sub, options->encoding);
  add_missing_option(sub, options->missing);
  sub->callback([options, &exit_code] { exit_code = run_assess(*options); });
}

namespace {

// One line on stderr, rewritten in place, while stderr is a terminal; silent otherwise.
class Progress {
 public:
  explicit Progress(int steps) : m_steps(steps), m_tty(::isatty(2) != 0) {}
  void set_steps(int steps) { m_steps = steps; }
  void step(std::string_view what) {
    if (!m_tty) return;
    ++m_done;
    std::cerr << "\r\x1b[K"
              << trf("safeassess assess: [{}/{}] {}", m_done, m_steps ? std::to_string(m_steps) : "?",
                     _(what.data()))
              << std::flush;
  }
  ~Progress() {
    if (m_tty && m_done) std::cerr << "\r\x1b[K" << std::flush;
  }

 private:
  int m_steps;
  int m_done = 0;
  bool m_tty;
};

}  // namespace

int run_assess(const AssessOptions& options) {
  Progress progress(0);  // the number of steps is known once the manifest is read
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  if (!options.missing.empty()) load.missing = ruleset::parse_missing_policy(options.missing);
  const auto gates = gates_asked(options.fail_below, options.fail_on);
  const auto run = assessment::run(options.manifest, load, gates, [&](int steps, std::string_view what) {
    progress.set_steps(steps);
    progress.step(what);
  });
  std::optional<std::string> timestamp;
  if (options.timestamp) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    timestamp = buf;
  }
  const report::AssessData d(run, SAFEASSESS_VERSION, timestamp);
  const auto& a = run.a;
  const auto& r = run.results;
  const auto& ledger = a.ledger;
  const auto& analysis = run.analysis;
  progress.step(N_("writing the reports"));
  io::write_directory_atomically(options.output, assessment::input_paths(a.manifest),
                                 [&](const io::StagingFolder& dir) { report::write_report_set(dir, "", d); });
  progress.step(N_("done"));
  {
    // What was made, and where to open it.
    std::map<std::string, int> grades;
    for (auto u : r.order) ++grades[a.rules.grades[r.grade[u]].name];
    std::vector<std::string> by_grade, interview;
    for (const auto& g : a.rules.grades)
      if (grades.count(g.name)) by_grade.push_back(fmt::format("{} {}", g.name, grades[g.name]));
    for (auto u : r.order)
      if (r.interview[u])
        interview.push_back(text::visible(fmt::format("{} {}", a.units.ids[u], a.units.names[u]), false));
    std::cout << trf("{} — {} units: {}; interview list: {}", a.manifest.name, a.units.size(),
                     text::join(by_grade, _(", ")),
                     interview.empty() ? std::string(_("none")) : text::join(interview, _(", ")))
              << '\n';
    if (analysis)
      std::cout << (a.chain->compliance
                        ? trf("responsibility chain: {} gaps\n", analysis->gaps.size())
                        : trf("responsibility chain: {} gaps (no records: broken links and attenuation not "
                              "traced)\n",
                              analysis->gaps.size()));
    if (ledger)
      std::cout << trf("hazards: {} overdue, {} invalid closures, {} under supervision\n",
                       ledger->overdue.size(), ledger->invalid.size(), ledger->supervised.size());
    std::string dir = std::filesystem::path(options.output).lexically_normal().string();
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();  // "-o out/" is out/, not out//
    std::cout << trf(
        "report set written to {0}/\n"
        "  {0}/report.html   open in a browser: summary, every unit explained, the chain; prints\n"
        "  {0}/report.xlsx   open in Excel or WPS: ranking, indicator detail, gaps, duties, hazards\n"
        "  {0}/report.md, report.json, junit.xml, csv/*.csv\n",
        dir);
  }
  const auto trips = assessment::tripped(run.gates);
  for (const auto& t : trips) {
    std::vector<std::string> names;
    for (auto u : t.units) names.push_back(fmt::format("{} {}", a.units.ids[u], a.units.names[u]));
    report_gate(t.gate, "unit", names);
  }
  return code(trips.empty() ? ExitCode::Ok : ExitCode::GateTripped);
}

}  // namespace safeassess::cli
