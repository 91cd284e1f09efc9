#pragma once
// The fill-in tables of a new assessment (safeassess init): one table per input file the
// ruleset needs, with headers the loaders read (the inputs' Chinese names), a note row
// under the header explaining each column (its first cell starts with #, so the loaders skip
// it), data validation for yes/no, counts, ranges and lists, and the units pre-filled when a
// units file is given. Written as a workbook (one sheet per table) or as CSV files.

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "model/ruleset.hpp"
#include "model/units.hpp"

namespace safeassess::report {

struct TemplateColumn {
  enum class Kind { Text, Whole, Decimal, YesNo, List };
  std::string header;
  std::string note;  // what goes in it: unit, range, allowed values
  Kind kind = Kind::Text;
  std::optional<double> min, max;
  std::vector<std::string> list;  // Kind::List
  bool unit_ref = false;          // a unit id: listed from the units table
};

struct TemplateTable {
  std::string role;   // the manifest key: units, indicators, ratings
  std::string sheet;  // 单位, 指标, 专家评分
  std::string csv;    // units.csv, ...
  std::vector<TemplateColumn> columns;
  std::vector<std::vector<std::string>> rows;  // pre-filled cells, row by row
};

// The tables `rules` needs from the user (derived inputs are not asked for; the template's
// manifest names no ledger, register or duty records, so the inputs they could feed are), pre-filled from
// `units` when given: the units table, and one indicators row per unit (and period).
[[nodiscard]] std::vector<TemplateTable> template_tables(const ruleset::Ruleset& rules,
                                                         const assessment::Units* units);

// The workbook: one sheet per table. Throws Error naming `shown` if libxlsxwriter fails.
void write_template_xlsx(const std::string& path, const std::string& shown, const std::string& title,
                         const std::vector<TemplateTable>& tables);
// One table as CSV (UTF-8 with a byte-order mark, CRLF, as Excel reads it).
void write_template_csv(std::ostream& out, const TemplateTable& table);

// A manifest naming the tables: `workbook` "assessment.xlsx" (sheets), or empty (CSV files).
[[nodiscard]] std::string template_manifest(const std::string& name, const std::string& period,
                                            const std::string& ruleset_ref,
                                            const std::vector<TemplateTable>& tables,
                                            const std::string& workbook);

}  // namespace safeassess::report
