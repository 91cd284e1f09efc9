#pragma once
// What every workbook safeassess writes shares: opening it with libxlsxwriter, its title and
// creation time (fixed by the caller, so the same inputs give the same bytes), the header-row
// format, the print setup, and libxlsxwriter's errors as Error naming the file as the user will
// find it. A workbook not closed (an exception on the way) is discarded: no half file is left.

#include <xlsxwriter.h>

#include <ctime>
#include <string>

namespace safeassess::report {

class XlsxBook {
 public:
  // `constant_memory`: rows are written in order and stream to temporary files.
  XlsxBook(const std::string& path, std::string shown, const std::string& title, std::time_t created,
           bool constant_memory = false);
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;
  ~XlsxBook();

  [[nodiscard]] lxw_workbook* get() const { return m_wb; }
  // Bold on grey, for header rows.
  [[nodiscard]] lxw_format* head() const { return m_head; }
  // Throws Error naming the workbook unless `err` is LXW_NO_ERROR.
  void check(lxw_error err) const;
  // A4 landscape, one page wide, rows 0..`repeat_last` on every page; a header and footer in
  // Excel's codes (&P, &N) when not empty.
  void print_ready(lxw_worksheet* ws, lxw_row_t repeat_last, const std::string& header,
                   const std::string& footer) const;
  // Writes the file. Throws Error naming it if that fails.
  void close();

 private:
  std::string m_path, m_shown;
  lxw_workbook* m_wb = nullptr;
  lxw_format* m_head = nullptr;
};

}  // namespace safeassess::report
