#include "init.hpp"

#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>

#include "common.hpp"
#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "io/file.hpp"
#include "io/workbook.hpp"
#include "load/ruleset.hpp"
#include "load/tables.hpp"
#include "report/template.hpp"

namespace safeassess::cli {

void setup_init(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<InitOptions>();
  auto* sub = app.add_subcommand(
      "init",
      _("Start a new assessment: a fill-in workbook (or CSV files) with one table per input the ruleset "
        "needs, a note under each header, data validation, and a manifest that runs as is"));
  sub->add_option("dir", options->dir, _("The new folder (it must not exist, or be empty)"))->required();
  sub->add_option("--ruleset", options->ruleset,
                  _("The ruleset: a bundled one (county-annual, builtin:shuozhou) or a path"))
      ->required();
  sub->add_option("--units", options->units,
                  _("Pre-fill the units (and a row per unit in the indicators) from this table (CSV or "
                    "data.xlsx#单位)"));
  sub->add_option("--period", options->period,
                  _("The assessment's period (2024, 2024-H1, ...); default: this year"));
  sub->add_option("--name", options->name,
                  _("The assessment's name; default: the ruleset's name and the period"));
  sub->add_flag("--csv", options->csv,
                _("Write CSV files (UTF-8, as Excel opens them) instead of a workbook"));
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_init(*options); });
}

int run_init(const InitOptions& options) {
  namespace fs = std::filesystem;
  std::string ref = options.ruleset;
  std::error_code ec;
  const bool path = fs::exists(ref, ec) && !ref.starts_with("builtin:");
  if (!path && !ref.starts_with("builtin:")) ref = "builtin:" + ref;
  const ruleset::Ruleset rules = ruleset::load_ruleset_ref(ref, fs::current_path(), {}, nullptr);
  std::string period = options.period;
  if (period.empty()) {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    period = std::to_string(tm.tm_year + 1900);
  }
  if (!date::parse_period(period))
    throw UsageError(
        trf("--period: \"{}\" is not a period; write 2024, 2024-H1, 2024-Q3 or 2024-07", period));
  std::optional<assessment::Units> units;
  if (!options.units.empty()) {
    const auto enc = options.encoding.empty() ? io::Encoding::Auto : io::parse_encoding(options.encoding);
    io::Table t = io::read_table(options.units, options.units);
    Diagnostics diagnostics;
    units = assessment::load_units(t.shown, std::move(t.text), enc, diagnostics, rules.grouping.column);
    diagnostics.throw_if_any();
  }
  const fs::path dir = options.dir;
  if (fs::exists(dir, ec) && !(fs::is_directory(dir, ec) && fs::is_empty(dir, ec)))
    throw UsageError(
        trf("{}: already exists and is not an empty folder; init writes only into a new or empty "
            "folder, so that nothing filled in is ever overwritten",
            options.dir));
  fs::create_directories(dir, ec);
  if (ec) throw Error(trf("cannot create {}: {}", options.dir, ec.message()));

  const auto tables = report::template_tables(rules, units ? &*units : nullptr);
  const std::string name = options.name.empty() ? fmt::format("{}（{}）", rules.name, period) : options.name;
  // A ruleset file is named relative to the new folder, where the manifest is.
  const std::string manifest_ref =
      path ? fs::relative(fs::absolute(ref), fs::absolute(dir), ec).string() : ref;
  const std::string workbook = options.csv ? "" : "assessment.xlsx";
  std::vector<std::string> written;
  if (options.csv) {
    for (const auto& t : tables) {
      io::write_file_atomically(dir / t.csv, [&](std::ostream& o) { report::write_template_csv(o, t); });
      written.push_back(t.csv);
    }
  } else {
    const fs::path xlsx = dir / workbook;
    const fs::path tmp = dir / ".assessment.xlsx.tmp";
    report::write_template_xlsx(tmp.string(), xlsx.string(), name, tables);
    fs::rename(tmp, xlsx, ec);
    if (ec) throw Error(trf("cannot write {}: {}", xlsx.string(), ec.message()));
    written.push_back(workbook);
  }
  io::write_file_atomically(dir / "manifest.yaml", [&](std::ostream& o) {
    o << report::template_manifest(name, period, manifest_ref, tables, workbook);
  });
  written.push_back("manifest.yaml");
  std::string shown = dir.lexically_normal().string();
  while (shown.size() > 1 && shown.back() == '/') shown.pop_back();
  std::cout << trf("{}: {} for ruleset {} ({} tables)", shown, text::join(written, ", "), rules.id,
                   tables.size())
            << '\n'
            << trf("fill them in, then: safeassess validate {0}/manifest.yaml; safeassess assess "
                   "{0}/manifest.yaml -o "
                   "{0}/report",
                   shown)
            << '\n';
  return code(ExitCode::Ok);
}

}  // namespace safeassess::cli
