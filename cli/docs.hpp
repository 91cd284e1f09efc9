#pragma once
// What is generated from the command line's own definition, so that it cannot drift from
// --help: the man page (one section per subcommand), the bash completion, and the
// did-you-mean for a mistyped subcommand or option.

#include <CLI/CLI.hpp>

#include <string>

namespace safeassess::cli {

// safeassess(1) in roff, from the app's subcommands, options and footer.
[[nodiscard]] std::string man_page(const CLI::App& app);

// A bash completion script: subcommands, each one's options, and the values of the options
// that take one of a list.
[[nodiscard]] std::string bash_completion(const CLI::App& app);

// ": did you mean \"score\"?" for a mistyped subcommand (argv[1]) or an option of the chosen
// subcommand, or "" when nothing is close.
[[nodiscard]] std::string suggest_for(const CLI::App& app, int argc, const char* const* argv);

}  // namespace safeassess::cli
