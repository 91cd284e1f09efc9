#include "parse_errors.hpp"

#include <string_view>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::cli {

namespace {

// CLI11 2.x's messages (CLI/Error.hpp) are "prefix rest", "A sep B" or "A suffix": read
// with plain string operations, so a message of any length costs one pass (std::regex
// recurses per character and overflows the stack on a few thousand arguments).
bool after(std::string_view s, std::string_view prefix, std::string_view& rest) {
  if (!s.starts_with(prefix)) return false;
  rest = s.substr(prefix.size());
  return true;
}

bool split(std::string_view s, std::string_view sep, std::string_view& a, std::string_view& b) {
  const auto at = s.find(sep);
  if (at == std::string_view::npos || at == 0) return false;
  a = s.substr(0, at);
  b = s.substr(at + sep.size());
  return !b.empty() && a.find(' ') == std::string_view::npos;
}

bool before(std::string_view s, std::string_view suffix, std::string_view& a) {
  if (!s.ends_with(suffix) || s.size() == suffix.size()) return false;
  a = s.substr(0, s.size() - suffix.size());
  return a.find(' ') == std::string_view::npos;
}

// What the user typed, shown safely (no terminal controls).
std::string shown(std::string_view s) {
  return text::visible(s, false);
}

}  // namespace

std::string parse_error_message(const CLI::Error& e) {
  const std::string what = e.what();
  if (i18n::current() == i18n::Lang::En) return what;
  const std::string_view w = what;
  std::string_view a, b, c;
  if (after(w, "The following arguments were not expected: ", a) ||
      after(w, "The following argument was not expected: ", a))
    return trf("unexpected arguments: {}", shown(a));
  if (w == "A subcommand is required") return _("a subcommand is required");
  if (before(w, " is required", a)) return trf("{} is required", shown(a));
  if (before(w, ": too many inputs for a flag", a)) return trf("{} takes no value", shown(a));
  if (after(w, "Could not convert: ", c) && split(c, " = ", a, b))
    return trf("\"{}\" is not a valid value of {}", shown(b), shown(a));
  if (after(w, "The value ", c)) {
    const auto at = c.rfind(" is not an allowed value for ");
    if (at != std::string_view::npos)
      return trf("\"{}\" is not a valid value of {}", shown(c.substr(0, at)),
                 shown(c.substr(at + std::string_view(" is not an allowed value for ").size())));
  }
  if (split(w, " excludes ", a, b)) return trf("{} cannot be used together with {}", shown(a), shown(b));
  if (split(w, " requires ", a, b)) return trf("{} needs {} as well", shown(a), shown(b));
  // "NAME: N required TYPE missing" and validators' "NAME: VALUE not in {A,B}".
  if (split(w, ": ", a, c)) {
    if (c.ends_with(" missing")) {
      const auto n_end = c.find(" required ");
      if (n_end != std::string_view::npos && n_end > 0) {
        const auto type = c.substr(n_end + 10, c.size() - n_end - 10 - 8);
        return trf("{} expects {} value(s) ({})", shown(a), shown(c.substr(0, n_end)), shown(type));
      }
    }
    const auto in = c.rfind(" not in {");
    if (in != std::string_view::npos && c.ends_with("}"))
      return trf("{}: \"{}\" is not one of {}", shown(a), shown(c.substr(0, in)),
                 shown(c.substr(in + 9, c.size() - in - 10)));
  }
  return what;
}

std::string failure_message(const CLI::App* app, const CLI::Error& e) {
  std::string s = parse_error_message(e) + "\n";
  if (app->get_help_ptr() != nullptr) s += std::string(_("Run with --help for more information.")) + "\n";
  return s;
}

}  // namespace safeassess::cli
