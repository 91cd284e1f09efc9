#include "core/date.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::date {

namespace {

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned days_in_month(int y, unsigned m) {
  static constexpr unsigned k_days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : k_days[m - 1];
}

// Reads 1..max_digits digits; false if none.
bool number(std::string_view& s, std::size_t max_digits, int& out) {
  std::size_t n = 0;
  while (n < s.size() && n < max_digits && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0) return false;
  std::from_chars(s.data(), s.data() + n, out);
  s.remove_prefix(n);
  return true;
}

}  // namespace

Day from_civil(int y, unsigned m, unsigned d) {
  // Howard Hinnant's days_from_civil.
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<Day>(doe) - 719468;
}

namespace {

// The parts of a date written YYYY-MM-DD or YYYY/M/D, not yet checked against the calendar.
struct Parts {
  int y = 0, m = 0, d = 0;
};

std::optional<Parts> split(std::string_view s) {
  std::string buffer;
  s = text::half_width(s, buffer);
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  Parts p;
  if (s.size() < 8 || !number(s, 4, p.y)) return std::nullopt;
  // 2024年3月5日, as Chinese documents and WPS write dates.
  auto take = [&](std::string_view word) {
    if (!s.starts_with(word)) return false;
    s.remove_prefix(word.size());
    return true;
  };
  if (take("年")) {
    if (!number(s, 2, p.m) || !take("月") || !number(s, 2, p.d) || !take("日") || !s.empty())
      return std::nullopt;
    return p;
  }
  if (s.empty() || (s.front() != '-' && s.front() != '/' && s.front() != '.')) return std::nullopt;
  const char sep = s.front();
  s.remove_prefix(1);
  if (!number(s, 2, p.m) || s.empty() || s.front() != sep) return std::nullopt;
  s.remove_prefix(1);
  if (!number(s, 2, p.d) || !s.empty()) return std::nullopt;
  return p;
}

bool in_range(int y) {
  return y >= k_first_year && y <= k_last_year;
}

}  // namespace

std::optional<Day> parse(std::string_view s) {
  // Fast path for the canonical YYYY-MM-DD: ledgers hold millions of them.
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    auto digit = [&](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
    bool digits = true;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) digits = digits && digit(i) <= 9;
    if (digits) {
      const int y = static_cast<int>(digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3));
      const unsigned m = digit(5) * 10 + digit(6), d = digit(8) * 10 + digit(9);
      if (!in_range(y) || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
      return from_civil(y, m, d);
    }
  }
  const auto p = split(s);
  if (!p || !in_range(p->y) || p->m < 1 || p->m > 12 || p->d < 1 ||
      static_cast<unsigned>(p->d) > days_in_month(p->y, static_cast<unsigned>(p->m)))
    return std::nullopt;
  return from_civil(p->y, static_cast<unsigned>(p->m), static_cast<unsigned>(p->d));
}

std::string why_not(std::string_view s) {
  const auto p = split(s);
  if (!p) return trf("\"{}\" is not a date; write YYYY-MM-DD", s);
  if (p->m < 1 || p->m > 12) return trf("\"{}\" is not a date: there is no month {}", s, p->m);
  const unsigned days = days_in_month(p->y, static_cast<unsigned>(p->m));
  if (p->d < 1 || static_cast<unsigned>(p->d) > days)
    return trf("\"{}\" is not a date: {:04}-{:02} has {} days", s, p->y, p->m, days);
  if (!in_range(p->y))
    return trf("\"{}\" is out of range: dates run from {}-01-01 to {}-12-31", s, k_first_year, k_last_year);
  return trf("\"{}\" is not a date; write YYYY-MM-DD", s);
}

namespace {

// Splits "date time" at a space or "T"; the time part is H:MM or HH:MM, optionally :SS.
struct Clock {
  std::string_view date;
  int hour = -1, minute = -1;
};

std::optional<Clock> split_clock(std::string_view s) {
  const auto cut = s.find_first_of(" T");
  if (cut == std::string_view::npos) return std::nullopt;
  Clock c;
  c.date = s.substr(0, cut);
  std::string_view t = s.substr(cut + 1);
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  auto number = [&](std::size_t max_digits) {
    int v = 0;
    std::size_t n = 0;
    while (n < t.size() && n < max_digits && t[n] >= '0' && t[n] <= '9') v = v * 10 + (t[n++] - '0');
    t.remove_prefix(n);
    return n == 0 ? -1 : v;
  };
  c.hour = number(2);
  if (t.empty() || t.front() != ':') return std::nullopt;
  t.remove_prefix(1);
  if (t.size() < 2) return std::nullopt;
  c.minute = number(2);
  if (!t.empty()) {
    if (t.front() != ':') return std::nullopt;
    t.remove_prefix(1);
    if (t.size() != 2 || number(2) < 0 || !t.empty()) return std::nullopt;
  }
  return c;
}

}  // namespace

std::optional<Minute> parse_datetime(std::string_view s) {
  std::string buffer;
  s = text::half_width(s, buffer);
  const auto c = split_clock(s);
  if (!c || c->hour < 0 || c->hour > 23 || c->minute < 0 || c->minute > 59) return std::nullopt;
  const auto d = parse(c->date);
  if (!d) return std::nullopt;
  return static_cast<Minute>(*d) * 1440 + c->hour * 60 + c->minute;
}

std::string why_not_datetime(std::string_view s) {
  const auto c = split_clock(s);
  if (!c) return trf("\"{}\" is not a date and time; write YYYY-MM-DD HH:MM", s);
  if (!parse(c->date)) return why_not(c->date);
  if (c->hour < 0 || c->hour > 23 || c->minute < 0 || c->minute > 59)
    return trf("\"{}\" is not a time of day: hours run 0–23 and minutes 0–59", s);
  return trf("\"{}\" is not a date and time; write YYYY-MM-DD HH:MM", s);
}

std::string format_datetime(Minute m) {
  const Day d = day_of(m);
  const auto rest = m - static_cast<Minute>(d) * 1440;
  return fmt::format("{} {:02}:{:02}", format(d), rest / 60, rest % 60);
}

Civil to_civil(Day z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  return Civil{y, m, d};
}

std::string format(Day z) {
  const Civil c = to_civil(z);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::optional<Period> parse_period(std::string_view s) {
  int y = 0;
  if (s.size() < 4 || !number(s, 4, y) || !in_range(y)) return std::nullopt;
  auto span = [&](unsigned m1, unsigned m2) {
    return Period{from_civil(y, m1, 1), from_civil(y, m2, days_in_month(y, m2))};
  };
  if (s.empty()) return span(1, 12);
  if (s.front() != '-') return std::nullopt;
  s.remove_prefix(1);
  if (s == "H1") return span(1, 6);
  if (s == "H2") return span(7, 12);
  if (s.size() == 2 && s[0] == 'Q' && s[1] >= '1' && s[1] <= '4') {
    const unsigned q = static_cast<unsigned>(s[1] - '0');
    return span(3 * q - 2, 3 * q);
  }
  int m = 0;
  if (number(s, 2, m) && s.empty() && m >= 1 && m <= 12)
    return span(static_cast<unsigned>(m), static_cast<unsigned>(m));
  return std::nullopt;
}

}  // namespace safeassess::date
