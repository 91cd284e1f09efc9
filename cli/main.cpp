// safeassess: the command-line front end. It only registers the subcommands and turns
// errors into messages and exit codes (README "Exit codes"); the work is in lib/.

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <new>
#include <string_view>

#include "assess.hpp"
#include "batch.hpp"
#include "classify.hpp"
#include "common.hpp"
#include "core/text.hpp"
#include "docs.hpp"
#include "duties.hpp"
#include "exit_code.hpp"
#include "hazards.hpp"
#include "init.hpp"
#include "judge.hpp"
#include "lang.hpp"
#include "model/ruleset.hpp"
#include "parse_errors.hpp"
#include "report/format.hpp"
#include "risk.hpp"
#include "rulesets.hpp"
#include "sample.hpp"
#include "score.hpp"
#include "stdout.hpp"
#include "tasks.hpp"
#include "trace.hpp"
#include "validate.hpp"

namespace safeassess::cli {
namespace {

// The registry of subcommands, in the order --help lists them. Each one's setup adds it
// to the app with its options, help and callback; a new subcommand is a file of cli/ and
// a row here.
using Setup = void (*)(CLI::App&, int&);
constexpr Setup k_subcommands[] = {setup_assess, setup_score, setup_validate, setup_judge,   setup_hazards,
                                   setup_tasks,  setup_risk,  setup_duties,   setup_trace,   setup_classify,
                                   setup_sample, setup_batch, setup_init,     setup_rulesets};

int run(int argc, char** argv) {
  // The language first: every help text below is looked up in it.
  i18n::use(choose_language(argc, argv), catalog_dir());
  CLI::App app{_("safeassess: work-safety responsibility assessment (安全生产责任制考核)")};
  // CLI11's own words in the help, in the same language.
  app.option_defaults()->group(_("Options"));
  app.set_help_flag("-h,--help", _("Print this help message and exit"));
  app.get_formatter()->label("Usage", _("Usage"));
  app.get_formatter()->label("Positionals", _("Positionals"));
  app.get_formatter()->label("Options", _("Options"));
  app.get_formatter()->label("Subcommands", _("Subcommands"));
  app.get_formatter()->label("SUBCOMMAND", _("SUBCOMMAND"));
  app.get_formatter()->label("OPTIONS", _("OPTIONS"));
  app.get_formatter()->label("REQUIRED", _("REQUIRED"));
  app.name("safeassess");                // "Usage: safeassess ...", wherever the binary is
  app.failure_message(failure_message);  // CLI11's parse errors in the same language
  std::string lang;
  app.add_option("--lang", lang,
                 _("Language of messages, help and reports: zh or en (default: from the locale, LANG)"))
      ->check(CLI::IsMember({"zh", "en"}));
  app.fallthrough();
  app.set_version_flag("--version", "safeassess " SAFEASSESS_VERSION, _("Print the version and exit"));
  app.require_subcommand(1);
  std::string footer = fmt::format("\n{}\n", _("Scoring methods (ruleset \"method:\"):"));
  for (const auto& m : ruleset::method_specs())
    footer += fmt::format("  {:<13} {}\n", m.name, _(std::string(m.summary).c_str()));
  footer += fmt::format("\n{}\n", _("Output formats (-f; each subcommand offers some):"));
  for (const auto& f : report::format_specs())
    footer += fmt::format("  {:<13} {}\n",
                          f.alias.empty() ? std::string(f.name) : fmt::format("{} ({})", f.name, f.alias),
                          _(std::string(f.summary).c_str()));
  footer += fmt::format("\n{}",
                        _("Exit codes: 0 ran, no gate tripped; 1 a gate tripped; 2 invalid usage or input; 3 "
                          "internal error."));
  app.footer(footer);
  int exit_code = code(ExitCode::Ok);
  for (const auto setup : k_subcommands) setup(app, exit_code);
  // The groups --help prints under, in the same language as everything else.
  for (auto* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->group(_("Subcommands"));
    for (auto* o : sub->get_options())
      if (o->get_group() == "Options") o->group(_("Options"));
  }
  // The man page and the completion script are generated from these definitions at build
  // time (CMakeLists.txt), so that they say what --help says.
  // The man page in the language --lang chooses ("--generate-man --lang zh").
  if (argc >= 2 && std::string_view(argv[1]) == "--generate-man") {
    std::cout << man_page(app);
    return code(ExitCode::Ok);
  }
  if (argc >= 2 && std::string_view(argv[1]) == "--generate-completion") {
    std::cout << bash_completion(app);
    return code(ExitCode::Ok);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // A mistyped subcommand or option: say what was meant rather than CLI11's "A subcommand
    // is required" or "arguments were not expected".
    if (const std::string hint = suggest_for(app, argc, argv); !hint.empty()) {
      std::cerr << _("safeassess: error: ") << text::visible(hint, false) << '\n'
                << _("Run with --help for more information.") << '\n';
      return code(ExitCode::InvalidInput);
    }
    (void)app.exit(e);
    return code(ExitCode::InvalidInput);
  }
  return exit_code;
}

}  // namespace
}  // namespace safeassess::cli

namespace safeassess::cli {
namespace {

// Runs the command and turns every error into its message and exit code.
int run_checked(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const InputError& e) {
    print_diagnostics(e);
    return code(ExitCode::InvalidInput);
  } catch (const Error& e) {
    std::cerr << _("safeassess: error: ") << text::visible(e.what(), false) << '\n';
    return code(ExitCode::InvalidInput);
  } catch (const std::bad_alloc&) {
    std::cerr
        << _("safeassess: error: not enough memory for these inputs; split them (by region, say) or run "
             "on a larger machine")
        << '\n';
    return code(ExitCode::InvalidInput);
  } catch (const std::exception& e) {
    std::cerr << _("safeassess: internal error: ") << text::visible(e.what(), false)
              << _(" (please report this with the input)") << '\n';
    return code(ExitCode::InternalError);
  }
}

}  // namespace
}  // namespace safeassess::cli

int main(int argc, char** argv) {
  using namespace safeassess;
  cli::CheckedStdout out;
  int rc = cli::run_checked(argc, argv);
  // A report that did not reach standard output is a failed run, whatever it found.
  if (const std::string failed = out.finish(); !failed.empty()) {
    std::cerr << _("safeassess: error: ") << failed << '\n';
    rc = cli::code(cli::ExitCode::InvalidInput);
  }
  return rc;
}
