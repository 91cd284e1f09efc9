#include "validate.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>

#include "assessment/assessment.hpp"
#include "classify.hpp"
#include "common.hpp"
#include "core/i18n.hpp"
#include "exit_code.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/criteria.hpp"
#include "load/duty_list.hpp"
#include "load/risk.hpp"
#include "load/ruleset.hpp"
#include "model/criteria.hpp"
#include "model/duty_list.hpp"

namespace safeassess::cli {

void setup_validate(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ValidateOptions>();
  auto* sub = app.add_subcommand(
      "validate",
      _("Check rulesets, manifests (with the data files they name), major-hazard criteria and risk "
        "matrices; report every problem as file:line:col: message"));
  sub->add_option("paths", options->paths,
                  _("Ruleset, manifest, criteria, risk matrix or duty list files, or builtin:NAME"))
      ->required();
  add_format_option(sub, options->format, {"text", "json"});
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_validate(*options); });
}

namespace {

struct Checked {
  std::string path;
  std::string kind;  // ruleset, manifest, unknown
  std::vector<Diagnostic> problems;
  std::vector<std::string> warnings;  // worth knowing, not wrong: the exit code stays 0
};

Checked check_one(const std::string& path, const assessment::LoadOptions& load) {
  Checked c{path, N_("unknown"), {}, {}};
  try {
    if (path.starts_with("builtin:")) {
      const std::string name = path.substr(8);
      if (ruleset::find_builtin("criteria", name)) {
        c.kind = N_("criteria");
        (void)hazard::load_criteria_ref(path);
      } else if (ruleset::find_builtin("risk", name)) {
        c.kind = N_("risk matrix");
        (void)risk::load_matrix_ref(path);
      } else if (ruleset::find_builtin("duties", name)) {
        c.kind = N_("duty list");
        (void)duty::load_duty_list_ref(path, ".", Location{path});
      } else {
        c.kind = N_("ruleset");
        (void)ruleset::load_ruleset_ref(path, ".", Location{path}, nullptr);
      }
      return c;
    }
    const std::string text = io::read_file(path, path);
    const YAML::Node root = io::parse_yaml(path, text);
    if (root.IsMap() && root["categories"].IsDefined()) {
      c.kind = N_("ruleset");
      (void)ruleset::load_ruleset(path, text);
    } else if (root.IsMap() && root["ruleset"].IsDefined()) {
      c.kind = N_("manifest");
      auto a = assessment::load_assessment(path, load);
      (void)assessment::load_risks(a.manifest, load.encoding, &a);
      c.warnings = assessment::edition_warnings(a);
      // The targeting tables (enterprises, roster) are read, and classified, as classify and
      // sample would.
      if (a.manifest.enterprises)
        (void)classify_manifest(path, load.encoding, a.manifest.inspectors.has_value());
    } else if (root.IsMap() && root["items"].IsDefined()) {
      c.kind = N_("criteria");
      (void)hazard::load_criteria(path, text);
    } else if (root.IsMap() && root["factors"].IsDefined()) {
      c.kind = N_("risk matrix");
      (void)risk::load_matrix(path, text);
    } else if (root.IsMap() && root["roles"].IsDefined()) {
      c.kind = N_("duty list");
      (void)duty::load_duty_list(path, text);
    } else {
      c.problems.push_back(
          {Location{path, 1, 1},
           _("not a ruleset (\"categories\"), a manifest (\"ruleset\"), criteria (\"items\"), "
             "a risk matrix (\"factors\") or a duty list (\"roles\")")});
    }
  } catch (const InputError& e) {
    c.problems = e.diagnostics();
  }
  return c;
}

}  // namespace

int run_validate(const ValidateOptions& options) {
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  std::vector<Checked> results;
  std::size_t problems = 0;
  for (const auto& p : options.paths) {
    results.push_back(check_one(p, load));
    problems += results.back().problems.size();
  }
  if (options.format == "json") {
    nlohmann::ordered_json j;
    j["valid"] = problems == 0;
    auto files = nlohmann::ordered_json::array();
    auto list = nlohmann::ordered_json::array();
    for (const auto& c : results) {
      files.push_back(
          {{"path", c.path}, {"kind", c.kind}, {"valid", c.problems.empty()}, {"warnings", c.warnings}});
      for (const auto& d : c.problems)
        list.push_back({{"file", d.where.file},
                        {"line", d.where.line},
                        {"column", d.where.column},
                        {"message", d.message}});
    }
    j["files"] = files;
    j["problems"] = list;
    std::cout << j.dump(2) << '\n';
  } else {
    for (const auto& c : results) {
      for (const auto& d : c.problems) std::cout << d.to_string() << '\n';
      for (const auto& w : c.warnings) std::cout << trf("warning: {}: {}", c.path, w) << '\n';
      if (c.problems.empty()) std::cout << trf("ok: {} ({})\n", c.path, _(c.kind.c_str()));
    }
    if (problems == 1) std::cout << _("1 problem found") << '\n';
    if (problems > 1) std::cout << trf("{} problems found", problems) << '\n';
  }
  return code(problems == 0 ? ExitCode::Ok : ExitCode::InvalidInput);
}

}  // namespace safeassess::cli
