#pragma once
// Calendar dates as days since 1970-01-01, and assessment periods (2024, 2024-H1, 2024-Q3,
// 2024-07). Dates are parsed the way Excel and WPS export them: 2024-03-05, 2024/3/5.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safeassess::date {

using Day = std::int32_t;
// "No day" where a day may be absent (not done, not red): below every date parse() gives,
// so that 1970-01-01 (day 0) is a day like any other.
inline constexpr Day k_no_day = -2147483647 - 1;

// The years a date may fall in: a date before 1900 or after 2100 in an assessment is a
// typing error (1024 for 2024), never data.
inline constexpr int k_first_year = 1900;
inline constexpr int k_last_year = 2100;

// Days since 1970-01-01 of a valid calendar date from k_first_year to k_last_year; nullopt
// for anything else (2024-02-30, 2024-13-01, 1899-12-31, text). Accepts YYYY-MM-DD,
// YYYY/MM/DD, YYYY.MM.DD and YYYY年M月D日 with one- or two-digit month and day, in half- or
// full-width digits. Day-first or month-first forms (3/5/2024) are refused: which is meant
// would be a guess.
[[nodiscard]] std::optional<Day> parse(std::string_view s);

// Why parse(s) failed, for a message: "\"2024-02-30\" is not a date: 2024-02 has 29 days",
// "\"2024/13/1\" is not a date: there is no month 13", "\"1899-12-31\" is out of range:
// dates run from 1900-01-01 to 2100-12-31", "\"abc\" is not a date; write YYYY-MM-DD".
[[nodiscard]] std::string why_not(std::string_view s);

[[nodiscard]] Day from_civil(int year, unsigned month, unsigned day);

struct Civil {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};
[[nodiscard]] Civil to_civil(Day d);

// YYYY-MM-DD.
[[nodiscard]] std::string format(Day d);

// A moment to the minute, as minutes since 1970-01-01 00:00 (local time: registers are
// kept in one time zone, and only differences matter).
using Minute = std::int64_t;

// "2024-07-12 14:05" (also 2024/7/12 14:05, a "T" separator, and seconds ":00" which are
// dropped). A date without a time is not a moment: nullopt.
[[nodiscard]] std::optional<Minute> parse_datetime(std::string_view s);
[[nodiscard]] std::string why_not_datetime(std::string_view s);
// YYYY-MM-DD HH:MM.
[[nodiscard]] std::string format_datetime(Minute m);
[[nodiscard]] inline Day day_of(Minute m) {
  return static_cast<Day>(m >= 0 ? m / 1440 : (m - 1439) / 1440);
}

struct Period {
  Day first = 0;  // inclusive
  Day last = 0;   // inclusive
};

// "2024" (the year), "2024-H1"/"2024-H2", "2024-Q1".."2024-Q4", "2024-07" (a month).
[[nodiscard]] std::optional<Period> parse_period(std::string_view s);

}  // namespace safeassess::date
