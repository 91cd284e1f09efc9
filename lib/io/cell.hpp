#pragma once
// Numbers as people type them into Excel and WPS cells (README "Typed values"): "12分",
// "85%", "1,234.5", full-width "１２．５". What is unambiguous is read; anything that could
// mean two things ("1,23": 1.23 or 123?) is refused with the reason, never guessed.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace safeassess::io {

// What a cell of one column may carry around its number.
struct NumberForm {
  bool percent = false;                // a trailing % (the number is in percent already)
  std::span<const std::string> units;  // trailing units the column's name states ("万元", "起")
};

// The plain number in `cell` ("1234.5", "-3", "1e3"), ready for Decimal::parse: full-width
// forms made ASCII, thousands separators (groups of exactly three digits) removed, a
// trailing % or unit of `form` removed. nullopt with `why` set when the cell has a comma
// that is not a thousands separator, a % where none belongs or a unit the column does not
// state; nullopt with `why` empty when it is simply not a number. The result views `cell`
// or `buffer`.
[[nodiscard]] std::optional<std::string_view> plain_number(std::string_view cell, const NumberForm& form,
                                                           std::string& buffer, std::string& why);

// The units a column's name states, which its cells may carry: the last part of a closing
// parenthesis ("财政投入（本年，万元）" → 万元) and the measure word before a final 数
// ("事故起数" → 起, "死亡人数" → 人, "检查次数" → 次).
[[nodiscard]] std::vector<std::string> units_of(std::string_view name);

}  // namespace safeassess::io
