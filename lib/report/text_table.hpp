#pragma once
// Terminal tables: columns aligned by display width (a CJK character counts two), two
// spaces between columns, a rule under the header. Every table writer uses this one.

#include <iosfwd>
#include <string>
#include <vector>

namespace safeassess::report {

struct TextTable {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;  // each as wide as `head`
  std::vector<bool> right;                     // per column: right-aligned (numbers)
  bool closing_rule = false;                   // a rule under the last row too
  std::string indent = {};                     // written before every line
};

void write_text_table(std::ostream& out, const TextTable& table);

// A Markdown table (cells escaped): the first `labels` columns left-aligned ("---"), the rest
// right-aligned ("---:"); by default every column left-aligned. No blank line after it.
void write_markdown_table(std::ostream& out, const std::vector<std::string>& head,
                          const std::vector<std::vector<std::string>>& rows,
                          std::size_t labels = static_cast<std::size_t>(-1));

}  // namespace safeassess::report
