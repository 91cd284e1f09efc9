#pragma once
// Streaming CSV as Excel and WPS write it: RFC 4180 quoting (commas, quotes and newlines
// inside quoted fields), LF or CRLF line ends. The reader works on a UTF-8 buffer it does
// not own and hands out string_views into it; quoted fields are unescaped in place, so
// reading a record allocates nothing once the field vector has grown to the row width.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "io/encoding.hpp"

namespace safeassess::io {

class CsvReader {
 public:
  // `text` must outlive the reader and is modified (quoted fields are unescaped in place).
  // Reading starts at byte `start` (past a byte-order mark).
  CsvReader(std::string display, std::string& text, std::size_t start = 0);

  // Advances to the next record; false at the end of the input. Records whose every
  // field is empty (blank lines, Excel's trailing ",,,," rows) are skipped, and so is the
  // note row of a template (`init`): the first record after allow_note_row() whose first
  // cell starts with "# ". Throws
  // InputError for a quoted field that never closes, and, once expect_width() was called,
  // for a record with more or fewer cells than the header.
  bool next();

  // From now on every record must have as many cells as `header` has names (the vector
  // must outlive the reader); a record that has not is refused at its first extra or
  // missing cell, naming the header.
  void expect_width(const std::vector<std::string>& header) { m_header = &header; }
  // The next record may be a template's note row (CsvHeader calls this after the header).
  void allow_note_row() { m_note_allowed = true; }

  [[nodiscard]] std::size_t size() const { return m_fields.size(); }
  [[nodiscard]] std::string_view operator[](std::size_t i) const { return m_fields[i]; }
  // Line (from 1) on which the current record starts.
  [[nodiscard]] long line() const { return m_record_line; }
  [[nodiscard]] const std::string& file() const { return m_display; }

 private:
  bool read_record();
  void check_width() const;

  std::string m_display;
  // A sheet of a workbook (io/workbook.hpp): record k is row k, whatever line breaks its
  // cells hold, so only the line ends between records count.
  bool m_sheet = false;
  bool m_note_allowed = false;
  const std::vector<std::string>* m_header = nullptr;
  char* m_data;
  std::size_t m_size;
  std::size_t m_pos;
  long m_line = 1;
  long m_record_line = 0;
  std::vector<std::string_view> m_fields;
};

// The header row of a CSV file: column names (trimmed) and lookup by name.
class CsvHeader {
 public:
  // Reads the header from the reader's first record. Throws InputError if the file is
  // empty or a column name repeats.
  explicit CsvHeader(CsvReader& reader);

  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const;
  [[nodiscard]] const std::string& name(std::size_t column) const { return m_names[column]; }
  [[nodiscard]] std::size_t size() const { return m_names.size(); }
  [[nodiscard]] const std::vector<std::string>& names() const { return m_names; }
  // The line (a sheet's row) the header is on.
  [[nodiscard]] long line() const { return m_line; }

  // The column's index, or a diagnostic (with a did-you-mean against the names present)
  // and nullopt when the file has no such column. `why` says what the column is for.
  std::optional<std::size_t> require(std::string_view column, std::string_view why,
                                     Diagnostics& diagnostics) const;
  // The same, accepting any of `names` (the first is the canonical one, used in the
  // message; the rest are aliases such as a Chinese header). Two of them present at once
  // is an error: which column holds the data would be a guess.
  std::optional<std::size_t> require_any(const std::vector<std::string>& names, std::string_view why,
                                         Diagnostics& diagnostics) const;

  // An optional column under any of `names`: nullopt when none is there, and an error
  // (with nullopt) when two are, as for require_any.
  std::optional<std::size_t> optional_any(const std::vector<std::string>& names,
                                          Diagnostics& diagnostics) const;

  // Where a cell is, and the prefix naming its column for messages:
  // `column C "accidents_cur": `.
  [[nodiscard]] Location cell(long line, std::size_t column) const;
  [[nodiscard]] std::string column_label(std::size_t column) const;

 private:
  std::string m_file;
  long m_line = 1;  // of the header row
  std::vector<std::string> m_names;
  std::unordered_map<std::string, std::size_t> m_index;
};

// A CSV file opened for reading: decoded to UTF-8 and positioned after its header row.
// It owns the text, so the views its reader hands out live as long as it does. Old Mac
// exports that end lines with CR alone are read as if they ended with LF; every record
// after the header must have the header's width.
class CsvFile {
 public:
  // Throws InputError for an undecodable or empty file, or a repeated header column.
  CsvFile(std::string display, std::string bytes, Encoding enc);
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;

  [[nodiscard]] CsvReader& reader() { return m_reader; }
  [[nodiscard]] const CsvReader& reader() const { return m_reader; }
  [[nodiscard]] const CsvHeader& header() const { return m_header; }
  [[nodiscard]] const std::string& text() const { return m_text; }
  // The current record's cell in column `c`, trimmed; empty when `c` is not set or the
  // row is shorter.
  [[nodiscard]] std::string_view cell(std::optional<std::size_t> c) const;

 private:
  std::string m_text;
  std::size_t m_start;
  CsvReader m_reader;
  CsvHeader m_header;
};

// Finds rows that repeat an earlier row cell for cell (cells trimmed), for files whose
// rows have no id of their own (performance records): the same record twice would be
// counted twice. Keeps 16 bytes a row; rows are compared by a 64-bit hash of their cells.
class RepeatedRows {
 public:
  // Notes the reader's current record.
  void add(const CsvFile& file);
  // (line, line of the first such row) for every row that repeats an earlier one, in
  // file order.
  [[nodiscard]] std::vector<std::pair<long, long>> repeats();

 private:
  std::vector<std::pair<std::uint64_t, long>> m_rows;  // (hash, line)
};

// The field with ASCII spaces and tabs removed at both ends.
[[nodiscard]] std::string_view trim(std::string_view s);

// A finite decimal number ("12", "-0.5", "+3", "1e3"), surrounding spaces allowed;
// nullopt for anything else, including "", "nan" and "inf".
[[nodiscard]] std::optional<double> parse_number(std::string_view s);

}  // namespace safeassess::io
