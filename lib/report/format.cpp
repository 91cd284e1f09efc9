#include "report/format.hpp"

#include <fmt/format.h>

#include <string>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace safeassess::report {

const std::vector<FormatSpec>& format_specs() {
  static const std::vector<FormatSpec> specs = {
      {"table", "", Format::Table, N_("aligned columns for a terminal (Chinese names line up)")},
      {"text", "", std::nullopt, N_("plain lines for a terminal")},
      {"json", "", Format::Json, N_("one JSON document, for programs")},
      {"csv", "", Format::Csv,
       N_("CRLF lines, quoted as needed, cells neutralised against formulas, for Excel/WPS")},
      {"md", "markdown", Format::Markdown, N_("Markdown tables, for a document or a review")},
      {"dot", "", std::nullopt, N_("Graphviz DOT, for a picture of the chain")},
  };
  return specs;
}

std::optional<Format> find_format(std::string_view name) {
  for (const auto& f : format_specs())
    if (name == f.name || (!f.alias.empty() && name == f.alias)) return f.format;
  return std::nullopt;
}

Format parse_format(std::string_view name) {
  if (auto f = find_format(name)) return *f;
  std::vector<std::string_view> names;
  for (const auto& f : format_specs())
    if (f.format) names.push_back(f.name);
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i)
    list += fmt::format("{}{}", i == 0 ? "" : i + 1 == names.size() ? " or " : ", ", names[i]);
  throw UsageError(fmt::format("unknown format \"{}\"; expected {}", name, list));
}

}  // namespace safeassess::report
