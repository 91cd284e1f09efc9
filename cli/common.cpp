#include "common.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/file.hpp"
#include "report/format.hpp"

namespace safeassess::cli {

void emit(const std::string& path, const std::vector<std::filesystem::path>& inputs,
          const std::function<void(std::ostream&)>& write) {
  if (path.empty() || path == "-") {
    write(std::cout);
    std::cout.flush();
    return;
  }
  io::write_file_atomically(path, write, inputs);
}

std::vector<std::filesystem::path> existing_files(const std::vector<std::string>& refs) {
  std::vector<std::filesystem::path> files;
  for (const auto& r : refs) {
    std::error_code ec;
    if (!r.starts_with("builtin:") && std::filesystem::is_regular_file(r, ec)) files.emplace_back(r);
  }
  return files;
}

void print_diagnostics(const InputError& e) {
  // A file of a million bad rows would drown the terminal: show the first 200.
  constexpr std::size_t k_shown = 200;
  const auto& diagnostics = e.diagnostics();
  for (std::size_t i = 0; i < diagnostics.size() && i < k_shown; ++i)
    std::cerr << text::visible(diagnostics[i].to_string(), false) << '\n';
  if (e.total() > k_shown) std::cerr << trf("... and {} more problems", e.total() - k_shown) << '\n';
  std::cerr << (e.total() == 1 ? std::string(_("safeassess: 1 problem found; no output was written"))
                               : trf("safeassess: {} problems found; no output was written", e.total()))
            << '\n';
}

void add_format_option(CLI::App* sub, std::string& format, const std::vector<std::string>& formats) {
  std::vector<std::string> accepted;
  std::string list;
  for (std::size_t i = 0; i < formats.size(); ++i) {
    const auto& specs = report::format_specs();
    const auto spec =
        std::find_if(specs.begin(), specs.end(), [&](const auto& s) { return s.name == formats[i]; });
    if (spec == specs.end()) throw std::logic_error("format \"" + formats[i] + "\" is not in the registry");
    accepted.emplace_back(spec->name);
    if (!spec->alias.empty()) accepted.emplace_back(spec->alias);
    list += (i == 0 ? "" : i + 1 == formats.size() ? _(" or ") : ", ") + formats[i];
  }
  sub->add_option("-f,--format", format, trf("Output format: {}", list))
      ->check(CLI::IsMember(accepted))
      ->capture_default_str();
}

void add_output_option(CLI::App* sub, std::string& output) {
  sub->add_option(
      "-o,--output", output,
      _("Write to FILE instead of stdout (atomically: a failed run leaves no half file; never an input)"));
}

void add_encoding_option(CLI::App* sub, std::string& encoding) {
  sub->add_option("--encoding", encoding, _("Encoding of the CSV files: auto (default), utf-8 or gb18030"))
      ->check(CLI::IsMember({"auto", "utf-8", "utf8", "gb18030", "gbk", "gb2312"}));
}

void add_missing_option(CLI::App* sub, std::string& missing) {
  sub->add_option("--missing", missing, _("Override the missing-data policy: error, zero or exclude"))
      ->check(CLI::IsMember({"error", "zero", "exclude"}));
}

void add_gate_options(CLI::App* sub, std::optional<double>& fail_below, std::vector<std::string>& fail_on,
                      GateWords words) {
  sub->add_option("--fail-below", fail_below,
                  words == GateWords::Batch ? _("A run's exit code is 1 if any unit's total is below SCORE")
                                            : _("Exit 1 if any unit's total is below SCORE"))
      ->type_name("SCORE")
      ->check(finite_number())
      ->check(CLI::Range(-1000.0, 1000.0));
  const char* help = nullptr;
  std::vector<std::string> accepted{"veto", "fail", "interview"};
  switch (words) {
    case GateWords::Score:
      help = _(
          "Exit 1 if any unit is vetoed (veto), graded failing (fail) or on the interview list (interview); "
          "repeat or separate with commas");
      break;
    case GateWords::Assess:
      help = _(
          "Exit 1 if any unit is vetoed (veto), failing (fail), on the interview list (interview), has an "
          "overdue major hazard (overdue-major), an invalid closure (invalid-closure), a task red or overdue "
          "(red-task), or a task or hazard with an escalation step due (escalation)");
      break;
    case GateWords::Batch:
      help = _(
          "A run's exit code is 1 if any unit is vetoed (veto), failing (fail), on the interview list "
          "(interview), has an overdue major hazard (overdue-major), an invalid closure (invalid-closure), a "
          "task red or overdue (red-task), or a task or hazard with an escalation step due (escalation)");
      break;
  }
  if (words != GateWords::Score)
    accepted.insert(accepted.end(), {"overdue-major", "invalid-closure", "red-task", "escalation"});
  sub->add_option("--fail-on", fail_on, help)->delimiter(',')->check(CLI::IsMember(accepted));
}

CLI::Validator finite_number() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        if (io::parse_number(value)) return {};
        return trf("expected a finite number, got \"{}\"", value);
      },
      "NUMBER");
}

std::optional<date::Day> date_option(std::string_view name, const std::string& value) {
  if (value.empty()) return std::nullopt;
  const auto d = date::parse(value);
  if (!d) throw UsageError(std::string(name) + ": " + date::why_not(value));
  return d;
}

bool ladder_missing(const std::vector<std::string>& fail_on,
                    const std::vector<ruleset::EscalationStep>& ladder) {
  return ladder.empty() && std::find(fail_on.begin(), fail_on.end(), "escalation") != fail_on.end();
}

CLI::Validator non_empty() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        return value.empty() ? _("an empty value names nothing") : "";
      },
      "");
}

assessment::AssessGates gates_asked(std::optional<double> fail_below,
                                    const std::vector<std::string>& fail_on) {
  assessment::AssessGates gates;
  if (fail_below) gates.score.fail_below = num::Decimal::from_double(*fail_below);
  for (const auto& g : fail_on) {
    gates.score.on_veto = gates.score.on_veto || g == "veto";
    gates.score.on_fail = gates.score.on_fail || g == "fail";
    gates.score.on_interview = gates.score.on_interview || g == "interview";
    gates.overdue_major = gates.overdue_major || g == "overdue-major";
    gates.invalid_closure = gates.invalid_closure || g == "invalid-closure";
    gates.red_task = gates.red_task || g == "red-task";
    gates.escalation = gates.escalation || g == "escalation";
  }
  return gates;
}

std::optional<io::Encoding> encoding_of(const std::string& option) {
  if (option.empty()) return std::nullopt;
  return io::parse_encoding(option);
}

void report_gate(std::string_view gate, std::string_view thing, const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
  // The things a gate counts, in the singular and the plural (Chinese has one form).
  const bool one = names.size() == 1;
  std::string things;
  if (thing == "unit")
    things = one ? _("1 unit") : trf("{} units", names.size());
  else if (thing == "holder")
    things = one ? _("1 holder") : trf("{} holders", names.size());
  else if (thing == "hazard")
    things = one ? _("1 hazard") : trf("{} hazards", names.size());
  else if (thing == "finding")
    things = one ? _("1 finding") : trf("{} findings", names.size());
  else if (thing == "gap")
    things = one ? _("1 gap") : trf("{} gaps", names.size());
  else if (thing == "task")
    things = one ? _("1 task") : trf("{} tasks", names.size());
  else if (thing == "enterprise")
    things = one ? _("1 enterprise") : trf("{} enterprises", names.size());
  else
    things = fmt::format("{} {}", names.size(), thing);
  std::cerr << text::visible(trf("safeassess: gate {} tripped by {}: {}", gate, things, list), false) << '\n';
}

}  // namespace safeassess::cli
