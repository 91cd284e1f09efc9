#pragma once
// Building blocks of the HTML report: its style sheet, tags, tables and inline SVG charts
// (bars, and the chain as a layered diagram). Every text from an input is escaped here.

#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "assessment/assessment.hpp"
#include "chain/analysis.hpp"

namespace safeassess::report::html {

// The report's style sheet (screen, narrow screens, print).
[[nodiscard]] const char* css();

// A coloured label; `cls` is "bad", "warn" or "ok".
[[nodiscard]] std::string tag(std::string_view text, const char* cls);

// Horizontal bars (label, value, max) with optional vertical marks (name, at), as SVG.
[[nodiscard]] std::string bar_chart(const std::string& id,
                                    const std::vector<std::tuple<std::string, double, double>>& bars,
                                    int precision,
                                    const std::vector<std::pair<std::string, double>>& marks = {});

// The chain as layers from the top (breadth-first), unreachable nodes last; gap nodes red.
// Past 400 nodes, a note pointing at `trace -f dot` instead.
[[nodiscard]] std::string chain_svg(const assessment::ChainData& data, const chain::Analysis& analysis);

// Appends a table; cells are escaped, except the last one of each row when `raw_last`.
void table(std::string& h, const std::vector<std::string>& head,
           const std::vector<std::vector<std::string>>& rows, const std::vector<bool>& numeric,
           bool raw_last = false);

// What `write` writes to a stream, as a string.
template <class F>
[[nodiscard]] std::string capture(F&& write) {
  std::ostringstream out;
  write(out);
  return out.str();
}

}  // namespace safeassess::report::html
