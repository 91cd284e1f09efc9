#pragma once
// Helpers shared by the subcommands: where output goes, and how problems are printed.

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "assessment/gates.hpp"
#include "core/date.hpp"
#include "core/error.hpp"
#include "io/encoding.hpp"

namespace safeassess::cli {

// Writes to stdout, or atomically to `path` when it is not empty or "-". `inputs` are the
// files the run read: `path` may not be one of them.
void emit(const std::string& path, const std::vector<std::filesystem::path>& inputs,
          const std::function<void(std::ostream&)>& write);

// The paths among `refs` that name files on disk (a bundled name such as "ls-5x5" or
// "builtin:coal-2021" is not one).
[[nodiscard]] std::vector<std::filesystem::path> existing_files(const std::vector<std::string>& refs);

// Prints the diagnostics as `file:line:col: message` on stderr, then the count of every
// problem found.
void print_diagnostics(const InputError& e);

// The options every report-writing subcommand shares, with one wording everywhere.
// -f/--format, offering these formats of the registry (report/format.hpp) and their aliases.
void add_format_option(CLI::App* sub, std::string& format,
                       const std::vector<std::string>& formats = {"table", "json", "csv", "md"});
void add_output_option(CLI::App* sub, std::string& output);
void add_encoding_option(CLI::App* sub, std::string& encoding);
// The --encoding option's value: nullopt when not given.
[[nodiscard]] std::optional<io::Encoding> encoding_of(const std::string& option);
void add_missing_option(CLI::App* sub, std::string& missing);

// --fail-below SCORE and --fail-on WORDS: score offers veto, fail and interview; assess and
// batch also overdue-major and invalid-closure (batch words them per run).
enum class GateWords { Score, Assess, Batch };
void add_gate_options(CLI::App* sub, std::optional<double>& fail_below, std::vector<std::string>& fail_on,
                      GateWords words);

// Accepts a finite decimal number only: CLI11 would take "nan" (a gate that never trips)
// and "1e400" (infinity).
[[nodiscard]] CLI::Validator finite_number();

// Refuses an empty value: "--explain ''" would otherwise mean "not given" and print something
// other than what was asked for.
[[nodiscard]] CLI::Validator non_empty();

// The day an option names (YYYY-MM-DD): nullopt for an empty value (the option not given);
// a UsageError naming the option and what is wrong otherwise.
[[nodiscard]] std::optional<date::Day> date_option(std::string_view name, const std::string& value);

// Whether "escalation" is among the gates asked for while the ladder it reads is empty (a
// gate that could never trip is refused, not silently passed).
[[nodiscard]] bool ladder_missing(const std::vector<std::string>& fail_on,
                                  const std::vector<ruleset::EscalationStep>& ladder);

// The gates `--fail-below` and `--fail-on veto,fail,interview,overdue-major,invalid-closure`
// ask for (score takes the first three words, assess all five).
[[nodiscard]] assessment::AssessGates gates_asked(std::optional<double> fail_below,
                                                  const std::vector<std::string>& fail_on);

// "safeassess: gate NAME tripped by N things: a, b" on stderr.
void report_gate(std::string_view gate, std::string_view thing, const std::vector<std::string>& names);

}  // namespace safeassess::cli
