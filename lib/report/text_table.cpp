#include "report/text_table.hpp"

#include <algorithm>
#include <ostream>

#include "core/text.hpp"

namespace safeassess::report {

void write_text_table(std::ostream& out, const TextTable& t) {
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
    out << s << '\n';
  };
  std::size_t total = 0;
  for (auto w : width) total += w + 2;
  const std::string rule(total >= 2 ? total - 2 : 0, '-');
  line(t.head);
  out << rule << '\n';
  for (const auto& r : t.rows) line(r);
  if (t.closing_rule) out << rule << '\n';
}

}  // namespace safeassess::report
