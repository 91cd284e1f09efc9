#include "report/xlsx_book.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "report/escape.hpp"

namespace safeassess::report {

XlsxBook::XlsxBook(const std::string& path, std::string shown, const std::string& title, std::time_t created,
                   bool constant_memory)
    : m_path(path), m_shown(std::move(shown)) {
  lxw_workbook_options options{};
  options.constant_memory = constant_memory ? LXW_TRUE : LXW_FALSE;
  m_wb = workbook_new_opt(path.c_str(), &options);
  if (!m_wb) throw Error(trf("cannot write {}: {}", m_shown, std::strerror(errno)));
  lxw_doc_properties props{};
  std::string t = cell_text(title);
  props.title = t.data();
  props.created = created;
  workbook_set_properties(m_wb, &props);
  m_head = workbook_add_format(m_wb);
  format_set_bold(m_head);
  format_set_bg_color(m_head, 0xE8ECF2);
}

XlsxBook::~XlsxBook() {
  if (!m_wb) return;
  // Not closed: an exception is on its way. libxlsxwriter frees only on close, so close it and
  // remove what it wrote.
  (void)workbook_close(m_wb);
  (void)std::remove(m_path.c_str());
}

void XlsxBook::check(lxw_error err) const {
  if (err != LXW_NO_ERROR) throw Error(trf("cannot write {}: {}", m_shown, lxw_strerror(err)));
}

void XlsxBook::print_ready(lxw_worksheet* ws, lxw_row_t repeat_last, const std::string& header,
                           const std::string& footer) const {
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);
  check(worksheet_repeat_rows(ws, 0, repeat_last));
  if (!header.empty()) check(worksheet_set_header(ws, header.c_str()));
  if (!footer.empty()) check(worksheet_set_footer(ws, footer.c_str()));
}

void XlsxBook::close() {
  lxw_workbook* wb = m_wb;
  m_wb = nullptr;
  if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR) {
    (void)std::remove(m_path.c_str());
    throw Error(trf("cannot write {}: {}", m_shown, lxw_strerror(err)));
  }
}

}  // namespace safeassess::report
