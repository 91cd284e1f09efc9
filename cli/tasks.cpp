#include "tasks.hpp"

#include <memory>

#include "assessment/assessment.hpp"
#include "common.hpp"
#include "core/date.hpp"
#include "core/i18n.hpp"
#include "exit_code.hpp"
#include "load/manifest.hpp"
#include "report/tasks_report.hpp"
#include "task/status.hpp"

namespace safeassess::cli {

void setup_tasks(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TasksOptions>();
  auto* sub = app.add_subcommand(
      "tasks", _("Task lists through the year (四张清单): each task green, yellow or red by schedule, "
                 "overdue and done, the escalation steps due and who acts, and with --since what changed "
                 "since the last dispatch (调度)"));
  sub->add_option("manifest", options->manifest, _("The assessment manifest naming units and the task list"))
      ->required();
  sub->add_option("--as-of", options->as_of,
                  _("Report as of DATE (YYYY-MM-DD); default: the period's last day"))
      ->type_name("DATE")
      ->check(non_empty());
  sub->add_option(
         "--since", options->since,
         _("A dispatch report: what changed after DATE (YYYY-MM-DD) up to the as-of date — new tasks, "
           "new reds, recoveries, tasks done, escalation steps that fell due"))
      ->type_name("DATE")
      ->check(non_empty());
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  sub->add_option("--fail-on", options->fail_on,
                  _("Exit 1 if any task is red or overdue (red) or an escalation step is due, in the window "
                    "with --since (escalation)"))
      ->delimiter(',')
      ->check(CLI::IsMember({"red", "escalation"}));
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_tasks(*options); });
}

int run_tasks(const TasksOptions& options) {
  const auto format = report::parse_format(options.format);
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  load.chain = true;
  load.tasks = true;
  const auto b = assessment::load_basics(options.manifest, load);
  if (!b.manifest.tasks)
    throw InputError(
        Location{b.manifest.file},
        _("the manifest names no task list; add \"tasks: tasks.csv\" or \"tasks: {list: tasks.csv, "
          "milestones: milestones.csv, progress: progress.csv}\""));
  if (ladder_missing(options.fail_on, b.rules.tasks.escalation))
    throw UsageError(
        trf("--fail-on escalation needs an escalation ladder for the task list in ruleset "
            "\"{}\" (task_list.escalation)",
            b.rules.id));
  const date::Day as_of = date_option("--as-of", options.as_of).value_or(assessment::period_end(b.manifest));
  const auto since = date_option("--since", options.since);
  if (since) {
    if (*since >= as_of)
      throw UsageError(
          trf("--since {} is not before the as-of date {}: a dispatch covers the days after "
              "--since up to --as-of",
              date::format(*since), date::format(as_of)));
  }
  const auto& book = b.tasks;
  const auto rep = task::judge(*book, as_of, since, b.rules.tasks, b.units.ids);
  report::TasksData data;
  data.book = &*book;
  data.report = &rep;
  if (b.chain) {
    data.chain = &b.chain->chain;
    data.duties = &b.chain->duties;
  }
  data.unit_names = b.units.names;
  data.ruleset_id = b.rules.id;
  emit(options.output, assessment::input_paths(b.manifest),
       [&](std::ostream& out) { report::write_tasks(out, format, data); });
  int status = code(ExitCode::Ok);
  for (const auto& gate : options.fail_on) {
    const auto ids = gate == "red" ? task::red_ids(*book, rep) : task::escalation_ids(*book, rep);
    if (ids.empty()) continue;
    report_gate(gate, "task", ids);
    status = code(ExitCode::GateTripped);
  }
  return status;
}

}  // namespace safeassess::cli
