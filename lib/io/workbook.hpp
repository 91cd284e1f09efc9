#pragma once
// Tables that live in Excel/WPS workbooks (.xlsx): any table input may be a sheet,
// `data.xlsx#单位` (by name) or `data.xlsx` (the first visible sheet). A sheet is read with
// libzip and expat and handed to the CSV reader as UTF-8 CSV text, one record per sheet row,
// so that every table reader reads a sheet and a CSV file the same way. Places in a sheet
// print as `data.xlsx#单位!C7` (Location::to_string).
//
// What a cell becomes (README "Workbooks"):
// - text (shared or inline strings) as written; a number as Excel shows it in General format
//   (15 significant digits: a formula's 0.30000000000000004 is 0.3);
// - a number in a percent format as it shows, to full precision ("98.5%" for 0.985);
// - a number in a date format as YYYY-MM-DD (YYYY-MM-DD HH:MM with a time of day), in the
//   workbook's date system (1900, with Excel's non-existent 1900-02-29 refused, or 1904);
// - TRUE / FALSE for a boolean; a formula as its cached value.
// Refused, naming the cell: a formula without a cached value, an error value (#DIV/0!), and
// merged cells (one value would stand for several cells).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace safeassess::io {

// A table reference split into its workbook and sheet: "a/data.xlsx#单位" is
// {"a/data.xlsx", "单位"}, "data.xlsx" is {"data.xlsx", ""} (the first visible sheet).
// nullopt when `ref` names no workbook (a CSV file). Workbooks end in .xlsx or .xlsm, in
// any case.
struct SheetRef {
  std::string workbook;
  std::string sheet;
};
[[nodiscard]] std::optional<SheetRef> sheet_ref(std::string_view ref);

// The path of the file behind a table reference: the workbook of a sheet, else `ref`.
[[nodiscard]] std::string file_of(std::string_view ref);

// True for the display name of a sheet ("data.xlsx#单位"), as made by read_table.
[[nodiscard]] bool is_sheet_display(std::string_view display);

// The sheets of a workbook, in the workbook's order.
struct SheetInfo {
  std::string name;
  bool hidden = false;
};
[[nodiscard]] std::vector<SheetInfo> list_sheets(const std::string& bytes, const std::string& display);

// One sheet of the workbook in `bytes` as CSV text: record k is sheet row k (rows the sheet
// does not have are empty lines, which the CSV reader skips); `sheet` empty means the first
// visible sheet. `shown` is set to "display#name" with the name of the sheet read. Throws
// InputError naming the cell for every problem of the sheet's cells, or, when `problems` is
// given, adds them there and reads those cells as empty (so that the tables after it are
// still checked in the same run; the run fails all the same). Always throws, naming the
// workbook, for a file that is not one (an .xls, an encrypted workbook) or a sheet it does
// not have.
[[nodiscard]] std::string read_sheet(const std::string& bytes, const std::string& display,
                                     const std::string& sheet, std::string& shown,
                                     const Location& cited_from = {}, Diagnostics* problems = nullptr);

// A table input as text the CSV reader reads: a CSV file's bytes, or a sheet converted by
// read_sheet. `path` may carry a sheet ("in/data.xlsx#单位"); `display` is the path as the
// user should see it.
struct Table {
  std::string shown;   // how messages name it: "in/units.csv", "in/data.xlsx#单位"
  std::string text;    // CSV text
  std::string sha256;  // of the file on disk (the whole workbook for a sheet)
};
[[nodiscard]] Table read_table(const std::filesystem::path& path, const std::string& display,
                               const Location& cited_from = {}, Diagnostics* problems = nullptr);

}  // namespace safeassess::io
