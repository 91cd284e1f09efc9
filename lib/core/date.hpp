#pragma once
// Calendar dates as days since 1970-01-01, and assessment periods (2024, 2024-H1, 2024-Q3,
// 2024-07). Dates are parsed the way Excel and WPS export them: 2024-03-05, 2024/3/5.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safeassess::date {

using Day = std::int32_t;

// Days since 1970-01-01 of a valid calendar date; nullopt for anything else (2024-02-30,
// 2024-13-01, text). Accepts YYYY-MM-DD and YYYY/MM/DD with one- or two-digit month and day.
[[nodiscard]] std::optional<Day> parse(std::string_view s);

[[nodiscard]] Day from_civil(int year, unsigned month, unsigned day);

struct Civil {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};
[[nodiscard]] Civil to_civil(Day d);

// YYYY-MM-DD.
[[nodiscard]] std::string format(Day d);

struct Period {
  Day first = 0;  // inclusive
  Day last = 0;   // inclusive
};

// "2024" (the year), "2024-H1"/"2024-H2", "2024-Q1".."2024-Q4", "2024-07" (a month).
[[nodiscard]] std::optional<Period> parse_period(std::string_view s);

}  // namespace safeassess::date
