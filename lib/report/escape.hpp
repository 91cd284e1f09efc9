#pragma once
// Text as it lands in each output format: the one place where a name from an input file
// is escaped for CSV, Markdown, HTML/XML, a spreadsheet cell or Graphviz DOT, so that a
// hostile name is inert everywhere.

#include <string>
#include <string_view>

namespace safeassess::report {

// A CSV field: quoted when needed, and neutralised (a leading ') when it begins with =, +,
// -, @, tab or CR, so that a spreadsheet never runs it as a formula.
[[nodiscard]] std::string csv_field(std::string_view s);

// Markdown table cell text: | and newlines escaped.
[[nodiscard]] std::string md_cell(std::string_view s);
// Input text as it lands in a report: escaped for Markdown when `md`, as is otherwise.
[[nodiscard]] std::string as_text(bool md, std::string_view s);

// Text escaped for HTML and XML content and attribute values.
[[nodiscard]] std::string xml_escape(std::string_view s);
// A spreadsheet cell's text, neutralised like a CSV field (a leading ' before =, +, -, @,
// tab or CR) but not quoted, and cut to 32,000 bytes (Excel's cell limit is 32,767
// characters) with "…(truncated)" after it.
[[nodiscard]] std::string cell_text(std::string_view s);

// A DOT string literal's content: quotes, backslashes and newlines escaped.
[[nodiscard]] std::string dot_escape(std::string_view s);

}  // namespace safeassess::report
