#include "parse_errors.hpp"

#include <regex>

#include "core/i18n.hpp"

namespace safeassess::cli {

std::string parse_error_message(const CLI::Error& e) {
  const std::string what = e.what();
  if (i18n::current() == i18n::Lang::En) return what;
  // CLI11 2.x's messages (CLI/Error.hpp), most specific first.
  static const std::regex extras("The following arguments? (?:was|were) not expected: (.*)");
  static const std::regex subcommand("A subcommand is required");
  static const std::regex required("(\\S+) is required");
  static const std::regex missing("(\\S+): (\\d+) required (\\S+) missing");
  static const std::regex excludes("(\\S+) excludes (\\S+)");
  static const std::regex requires_("(\\S+) requires (\\S+)");
  static const std::regex not_member("(\\S+): (.*) not in \\{(.*)\\}");
  static const std::regex flag_value("(\\S+): too many inputs for a flag");
  static const std::regex convert("Could not convert: (\\S+) = (.*)");
  static const std::regex not_allowed("The value (.*) is not an allowed value for (\\S+)");
  std::smatch m;
  if (std::regex_match(what, m, extras)) return trf("unexpected arguments: {}", m[1].str());
  if (std::regex_match(what, m, subcommand)) return _("a subcommand is required");
  if (std::regex_match(what, m, required)) return trf("{} is required", m[1].str());
  if (std::regex_match(what, m, missing))
    return trf("{} expects {} value(s) ({})", m[1].str(), m[2].str(), m[3].str());
  if (std::regex_match(what, m, excludes))
    return trf("{} cannot be used together with {}", m[1].str(), m[2].str());
  if (std::regex_match(what, m, requires_)) return trf("{} needs {} as well", m[1].str(), m[2].str());
  if (std::regex_match(what, m, not_member))
    return trf("{}: \"{}\" is not one of {}", m[1].str(), m[2].str(), m[3].str());
  if (std::regex_match(what, m, flag_value)) return trf("{} takes no value", m[1].str());
  if (std::regex_match(what, m, convert))
    return trf("\"{}\" is not a valid value of {}", m[2].str(), m[1].str());
  if (std::regex_match(what, m, not_allowed))
    return trf("\"{}\" is not a valid value of {}", m[1].str(), m[2].str());
  return what;
}

std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string s = parse_error_message(e) + "\n";
  if (app->get_help_ptr() != nullptr) s += std::string(_("Run with --help for more information.")) + "\n";
  return s;
}

}  // namespace safeassess::cli
