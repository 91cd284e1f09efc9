#pragma once
// Errors that carry the place in an input file where they were found.
//
// The library never prints or exits: it throws these, and the CLI turns them into a
// message and an exit code. An InputError carries every problem found in one pass, so
// that `validate` can report them all at once.

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace safeassess {

// A place in an input file. line and column count from 1; 0 means "not known"
// (for example a whole-file problem such as a missing file).
struct Location {
  std::string file;
  long line = 0;
  long column = 0;

  // "file:line:col", "file:line" or "file", whichever the known parts allow; in a sheet of
  // a workbook (file "data.xlsx#单位") the cell as Excel names it: "data.xlsx#单位!C7", a
  // row "data.xlsx#单位!7:7".
  [[nodiscard]] std::string to_string() const;
  // True when `file` names a sheet of a workbook ("data.xlsx#单位", "a.XLSM#Sheet1").
  [[nodiscard]] static bool is_sheet(std::string_view file);
  // The position of the '#' that starts the sheet name in a sheet reference, or npos.
  [[nodiscard]] static std::size_t sheet_mark(std::string_view file);
};

// One problem in the input: where, and what (the message says what was expected and,
// where it can, how to fix it).
struct Diagnostic {
  Location where;
  std::string message;

  // "file:line:col: message"
  [[nodiscard]] std::string to_string() const;
};

// Base of every error the library throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input data or definitions (exit code 2). Holds at least one diagnostic.
class InputError : public Error {
 public:
  // `total` counts every problem found, when more were found than are kept.
  explicit InputError(std::vector<Diagnostic> diagnostics, std::size_t total = 0);
  InputError(Location where, std::string message);

  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return m_diagnostics; }
  [[nodiscard]] std::size_t total() const { return std::max(m_total, m_diagnostics.size()); }

 private:
  std::vector<Diagnostic> m_diagnostics;
  std::size_t m_total = 0;
};

// Bad use of the tool that is not a data problem (unknown unit for --explain, ...).
class UsageError : public Error {
 public:
  using Error::Error;
};

// Collects problems so that one run reports all of them, not just the first. A file of
// ten million bad rows must not fill memory with messages: the first k_kept are kept and
// the rest only counted.
class Diagnostics {
 public:
  static constexpr std::size_t k_kept = 10000;

  void error(Location where, std::string message);
  [[nodiscard]] bool empty() const { return m_total == 0; }
  // Every problem found, kept or not.
  [[nodiscard]] std::size_t size() const { return m_total; }
  [[nodiscard]] const std::vector<Diagnostic>& items() const { return m_items; }
  void append(const InputError& e);

  // Throws InputError holding the collected problems if there is any.
  void throw_if_any() const;

 private:
  std::vector<Diagnostic> m_items;
  std::size_t m_total = 0;
};

}  // namespace safeassess
