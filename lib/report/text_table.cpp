#include "report/text_table.hpp"

#include <algorithm>
#include <optional>
#include <ostream>

#include "core/text.hpp"
#include "report/escape.hpp"

namespace safeassess::report {

namespace {

// A cell is one line of the terminal: a line break or tab from the input (a quoted CSV
// field may hold one) is written out ("\x0a"), like every other control character.
bool needs_escape(const TextTable& t) {
  auto any = [](const std::vector<std::string>& cells) {
    return std::any_of(cells.begin(), cells.end(),
                       [](const auto& c) { return text::has_invisible(c, false); });
  };
  return any(t.head) || std::any_of(t.rows.begin(), t.rows.end(), any);
}

}  // namespace

void write_text_table(std::ostream& out, const TextTable& table) {
  std::optional<TextTable> escaped;
  if (needs_escape(table)) {
    escaped = table;
    for (auto& c : escaped->head) c = text::visible(c, false);
    for (auto& r : escaped->rows)
      for (auto& c : r) c = text::visible(c, false);
  }
  const TextTable& t = escaped ? *escaped : table;
  std::vector<std::size_t> width(t.head.size());
  for (std::size_t c = 0; c < t.head.size(); ++c) {
    width[c] = text::display_width(t.head[c]);
    for (const auto& r : t.rows) width[c] = std::max(width[c], text::display_width(r[c]));
  }
  auto line = [&](const std::vector<std::string>& cells) {
    std::string s;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (c) s += "  ";
      s += text::pad(cells[c], width[c], c < t.right.size() && t.right[c]);
    }
    while (!s.empty() && s.back() == ' ') s.pop_back();
    out << t.indent << s << '\n';
  };
  std::size_t total = 0;
  for (auto w : width) total += w + 2;
  const std::string rule(total >= 2 ? total - 2 : 0, '-');
  line(t.head);
  out << t.indent << rule << '\n';
  for (const auto& r : t.rows) line(r);
  if (t.closing_rule) out << t.indent << rule << '\n';
}

void write_markdown_table(std::ostream& out, const std::vector<std::string>& head,
                          const std::vector<std::vector<std::string>>& rows, std::size_t labels) {
  out << '|';
  for (const auto& h : head) out << ' ' << md_cell(h) << " |";
  out << "\n|";
  for (std::size_t k = 0; k < head.size(); ++k) out << (k < labels ? "---|" : "---:|");
  out << '\n';
  for (const auto& row : rows) {
    out << '|';
    for (const auto& c : row) out << ' ' << md_cell(c) << " |";
    out << '\n';
  }
}

}  // namespace safeassess::report
