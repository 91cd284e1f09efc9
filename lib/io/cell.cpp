#include "io/cell.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace safeassess::io {

namespace {

bool plain(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
  });
}

// "1,234,567.5": one to three digits, then groups of three, each after a comma.
bool thousands(std::string_view s) {
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) s.remove_prefix(1);
  const auto point = s.find('.');
  std::string_view whole = s.substr(0, point);
  if (point != std::string_view::npos) {
    const std::string_view fraction = s.substr(point + 1);
    if (fraction.empty() ||
        !std::all_of(fraction.begin(), fraction.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
  }
  const auto first = whole.find(',');
  if (first == 0 || first > 3) return false;
  for (std::size_t i = 0; i < whole.size(); ++i) {
    const bool comma_here = i >= first && (i - first) % 4 == 0;
    if (comma_here != (whole[i] == ',')) return false;
    if (!comma_here && (whole[i] < '0' || whole[i] > '9')) return false;
  }
  return (whole.size() - first) % 4 == 0;
}

}  // namespace

std::optional<std::string_view> plain_number(std::string_view cell, const NumberForm& form,
                                             std::string& buffer, std::string& why) {
  why.clear();
  std::string_view s = trim(cell);
  if (plain(s)) return s;  // almost every cell
  std::string wide;
  std::string_view t = text::half_width(s, wide);
  if (t.data() == wide.data()) {
    buffer = wide;
    t = trim(buffer);
  }
  if (t.ends_with('%')) {
    if (!form.percent) {
      why = _("this column is not a percentage: write the number without %");
      return std::nullopt;
    }
    t = trim(t.substr(0, t.size() - 1));
  } else {
    for (const auto& unit : form.units)
      if (!unit.empty() && t.size() > unit.size() && t.ends_with(unit)) {
        t = trim(t.substr(0, t.size() - unit.size()));
        break;
      }
  }
  if (t.find(',') != std::string_view::npos) {
    if (!thousands(t)) {
      why = _(
          "its comma is not a thousands separator (those come in groups of three: 1,234.5); write a decimal "
          "with a point: 1.5");
      return std::nullopt;
    }
    std::string digits;
    for (char c : t)
      if (c != ',') digits += c;
    buffer = std::move(digits);
    t = buffer;
  }
  if (!plain(t) || t.empty()) {
    // A number followed by something: name the unit that is not the column's.
    std::size_t end = 0;
    while (end < t.size() && (plain(t.substr(end, 1)))) ++end;
    if (end > 0 && end < t.size()) {
      std::string units;
      for (const auto& u : form.units) units += fmt::format("{}{}", units.empty() ? "" : ", ", u);
      if (form.percent) units += units.empty() ? "%" : ", %";
      why = units.empty() ? trf("\"{}\" is not a unit of this column; write the number alone", t.substr(end))
                          : trf("\"{}\" is not a unit of this column ({}); write the number alone",
                                t.substr(end), units);
    }
    return std::nullopt;
  }
  return t;
}

std::vector<std::string> units_of(std::string_view name) {
  std::vector<std::string> units;
  std::string_view n = trim(name);
  for (const auto& [open_paren, close_paren] :
       {std::pair<std::string_view, std::string_view>{"（", "）"}, {"(", ")"}}) {
    if (!n.ends_with(close_paren)) continue;
    const auto open = n.rfind(open_paren);
    if (open == std::string_view::npos) break;
    std::string_view inner =
        n.substr(open + open_paren.size(), n.size() - close_paren.size() - open - open_paren.size());
    for (std::string_view sep : {"，", ",", "、"})
      if (const auto p = inner.rfind(sep); p != std::string_view::npos) inner = inner.substr(p + sep.size());
    // （本年）, （上年）: which year, not a unit.
    inner = trim(inner);
    const bool year =
        inner == "本年" || inner == "上年" || inner == "当年" || inner == "全年" || inner == "累计";
    if (!inner.empty() && !year) units.emplace_back(inner);
    n = trim(n.substr(0, open));
    break;
  }
  for (std::string_view word : {"起", "人", "次", "个", "家", "项", "处", "条", "名", "台", "座", "件"})
    if (n.ends_with(std::string(word) + "数")) {
      units.emplace_back(word);
      break;
    }
  return units;
}

}  // namespace safeassess::io
