#pragma once
// The registry of output formats: every format a subcommand can print (-f/--format), by
// name and alias, with what it is for. A subcommand offers some of them; a new format is
// a row here and a writer.

#include <optional>
#include <string_view>
#include <vector>

namespace safeassess::report {

// The formats the shared writers take. "text" (validate's plain lines) and "dot" (the
// chain as Graphviz, report::write_dot) have a writer of their own each.
enum class Format { Table, Json, Csv, Markdown };

struct FormatSpec {
  std::string_view name;
  std::string_view alias;  // also accepted, never listed (e.g. "markdown" for md)
  std::optional<Format> format;
  std::string_view summary;
};
[[nodiscard]] const std::vector<FormatSpec>& format_specs();

// The format by name or alias, when it is a writers' format.
[[nodiscard]] std::optional<Format> find_format(std::string_view name);

// A format of the enum by name or alias ("table", "json", "csv", "md", also "markdown").
// Throws UsageError naming them otherwise.
[[nodiscard]] Format parse_format(std::string_view name);

}  // namespace safeassess::report
