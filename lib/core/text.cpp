#include "core/text.hpp"
#include "core/i18n.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace safeassess::text {

std::size_t display_width(std::string_view utf8) {
  std::size_t width = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  auto left = static_cast<utf8proc_ssize_t>(utf8.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: count it as one column and move on
      ++width;
      ++p;
      --left;
      continue;
    }
    const int w = utf8proc_charwidth(cp);
    width += static_cast<std::size_t>(std::max(w, 0));
    p += n;
    left -= n;
  }
  return width;
}

std::string pad(std::string_view s, std::size_t width, bool right_align) {
  const std::size_t w = display_width(s);
  if (w >= width) return std::string(s);
  std::string fill(width - w, ' ');
  return right_align ? fill + std::string(s) : std::string(s) + fill;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1);
  std::vector<std::size_t> cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t subst = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, subst});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest(std::string_view word, std::span<const std::string> candidates) {
  // An edit distance costs the product of the lengths: a suggestion for a 200,000-byte id
  // would take minutes. Nobody mistypes an id that long.
  constexpr std::size_t k_longest = 256;
  if (word.size() > k_longest) return {};
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::size_t best = limit + 1;
  std::string best_word;
  for (const auto& c : candidates) {
    if (c.size() > word.size() + limit) continue;  // too far apart to be a misspelling
    const std::size_t d = edit_distance(word, c);
    if (d < best) {
      best = d;
      best_word = c;
    }
  }
  return best <= limit ? best_word : std::string();
}

std::string did_you_mean(std::string_view word, std::span<const std::string> candidates) {
  const std::string c = closest(word, candidates);
  return c.empty() ? std::string() : trf(", did you mean \"{}\"?", c);
}

namespace {
constexpr double k_scales[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

double scale_of(int decimals) {
  return decimals >= 0 && decimals < 10 ? k_scales[decimals] : std::pow(10.0, decimals);
}

// value x 10^decimals, rounded half away from zero. The small nudge makes values such as
// 2.675 (stored as 2.67499999...) round the way a person computing by hand expects.
double scaled_round(double value, double scale) {
  const double scaled = value * scale;
  return std::round(scaled + (scaled >= 0 ? 1e-9 : -1e-9));
}
}  // namespace

double round_to(double value, int decimals) {
  const double scale = scale_of(decimals);
  const double out = scaled_round(value, scale) / scale;
  return out == 0.0 ? 0.0 : out;
}

std::size_t write_fixed(char* out, double value, int decimals) {
  const double r = scaled_round(value, scale_of(decimals));
  if (!(std::fabs(r) < 9e15)) {  // beyond exact integers (or NaN): the general path
    const std::string s = fmt::format("{:.{}f}", value, decimals);
    const std::size_t n = std::min<std::size_t>(s.size(), 31);
    std::memcpy(out, s.data(), n);
    return n;
  }
  auto n = static_cast<long long>(r);
  std::size_t len = 0;
  if (n < 0) {
    out[len++] = '-';
    n = -n;
  }
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  auto count = static_cast<int>(end - digits);
  // Pad with leading zeros so there is at least one digit before the point.
  const int whole = count - decimals;
  if (whole <= 0) {
    out[len++] = '0';
    if (decimals > 0) out[len++] = '.';
    for (int z = 0; z < -whole; ++z) out[len++] = '0';
    std::memcpy(out + len, digits, static_cast<std::size_t>(count));
    return len + static_cast<std::size_t>(count);
  }
  std::memcpy(out + len, digits, static_cast<std::size_t>(whole));
  len += static_cast<std::size_t>(whole);
  if (decimals > 0) {
    out[len++] = '.';
    std::memcpy(out + len, digits + whole, static_cast<std::size_t>(decimals));
    len += static_cast<std::size_t>(decimals);
  }
  return len;
}

std::string fixed(double value, int decimals) {
  char buf[32];
  return std::string(buf, write_fixed(buf, value, decimals));
}

std::size_t write_fixed(char* out, num::Decimal value, int decimals) {
  // The rounded number as an integer count of 10^-decimals, written digit by digit.
  const num::Decimal r = value.round(decimals);
  static constexpr auto k_div = [] {
    std::array<num::Decimal::Rep, num::Decimal::k_digits + 1> t{};
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  num::Decimal::Rep q = r.raw() / k_div[static_cast<std::size_t>(num::Decimal::k_digits - decimals)];
  std::size_t len = 0;
  if (q < 0) {
    out[len++] = '-';
    q = -q;
  }
  char digits[48];
  int count = 0;
  if (q <= static_cast<num::Decimal::Rep>(UINT64_MAX)) {
    auto v = static_cast<std::uint64_t>(q);  // 64-bit division is much cheaper
    do {
      digits[count++] = static_cast<char>('0' + static_cast<int>(v % 10));
      v /= 10;
    } while (v > 0);
  } else {
    do {
      digits[count++] = static_cast<char>('0' + static_cast<int>(q % 10));
      q /= 10;
    } while (q > 0);
  }
  while (count <= decimals) digits[count++] = '0';  // at least one digit before the point
  for (int k = count - 1; k >= 0; --k) {
    out[len++] = digits[k];
    if (k == decimals && decimals > 0) out[len++] = '.';
  }
  return len;
}

std::string plain(double value) {
  if (value == 0.0) return "0";
  const double r = round_to(value, 6);
  // fmt's shortest round-trip form is exact and fast; it switches to exponents outside
  // this range, where the fixed form below is used instead.
  if (std::fabs(r) >= 1e-4 && std::fabs(r) < 1e15) return fmt::format("{}", r);
  std::string s = fmt::format("{:.6f}", value);
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::optional<bool> parse_yes_no(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  auto is = [&](std::string_view word) {
    return s.size() == word.size() && std::equal(s.begin(), s.end(), word.begin(), [](char a, char b) {
             return static_cast<char>(std::tolower(static_cast<unsigned char>(a))) == b;
           });
  };
  for (auto yes : {"1", "yes", "y", "true", "是", "有"})
    if (is(yes)) return true;
  for (auto no : {"0", "no", "n", "false", "否", "无"})
    if (is(no)) return false;
  return std::nullopt;
}

std::string_view half_width(std::string_view s, std::string& buffer) {
  // Full-width forms are EF BC 81..EF BD 9E; the ideographic space is E3 80 80.
  if (s.find('\xEF') == std::string_view::npos && s.find('\xE3') == std::string_view::npos) return s;
  buffer.clear();
  for (std::size_t i = 0; i < s.size();) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    if (i + 2 < s.size() && b(0) == 0xEF && (b(1) == 0xBC || b(1) == 0xBD) && b(2) >= 0x80 && b(2) <= 0xBF) {
      const unsigned code = 0xFF00u + (b(1) == 0xBD ? 0x40u : 0u) + (b(2) - 0x80u);
      if (code >= 0xFF01 && code <= 0xFF5E) {
        buffer += static_cast<char>(code - 0xFF01 + 0x21);
        i += 3;
        continue;
      }
    }
    if (i + 2 < s.size() && b(0) == 0xE3 && b(1) == 0x80 && b(2) == 0x80) {
      buffer += ' ';
      i += 3;
      continue;
    }
    buffer += s[i++];
  }
  return buffer;
}

void append_utf8(std::string& out, unsigned code) {
  if ((code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) code = 0xFFFD;
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

std::string column_letter(std::size_t index) {
  std::string out;
  while (index > 0) {
    const std::size_t rem = (index - 1) % 26;
    out.insert(out.begin(), static_cast<char>('A' + rem));
    index = (index - 1) / 26;
  }
  return out;
}

std::string join(std::span<const std::string> parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::size_t invisible_at(std::string_view s, bool keep_layout) {
  if (s.empty()) return 0;
  const auto c = static_cast<unsigned char>(s[0]);
  if (c < 0x20) return keep_layout && (c == '\t' || c == '\n' || c == '\r') ? 0 : 1;
  if (c == 0x7F) return 1;
  if (c < 0x80 || s.size() < 2) return 0;
  const auto c1 = static_cast<unsigned char>(s[1]);
  if (c == 0xC2 && c1 >= 0x80 && c1 <= 0x9F) return 2;  // U+0080..U+009F
  if (c == 0xD8 && c1 == 0x9C) return 2;                // U+061C arabic letter mark
  if (c != 0xE2 || s.size() < 3) return 0;
  const auto c2 = static_cast<unsigned char>(s[2]);
  if (c1 == 0x80 && (c2 == 0x8E || c2 == 0x8F || (c2 >= 0xAA && c2 <= 0xAE)))
    return 3;                                            // U+200E/F, U+202A..E
  if (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9) return 3;  // U+2066..U+2069
  return 0;
}

bool has_invisible(std::string_view s, bool keep_layout) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    // Only these bytes can start such a character.
    if ((c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2) &&
        invisible_at(s.substr(i), keep_layout))
      return true;
  }
  return false;
}

std::string visible(std::string_view s, bool keep_layout) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = invisible_at(s.substr(i), keep_layout);
    if (n == 0) {
      out += s[i++];
      continue;
    }
    const auto b = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(s[i + k])); };
    if (n == 1)
      out += fmt::format("\\x{:02x}", b(0));
    else if (n == 2)
      out += fmt::format("\\u{:04x}", ((b(0) & 0x1F) << 6) | (b(1) & 0x3F));
    else
      out += fmt::format("\\u{:04x}", ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F));
    i += n;
  }
  return out;
}

std::size_t first_invalid_utf8(std::string_view bytes) {
  const auto* begin = reinterpret_cast<const unsigned char*>(bytes.data());
  const auto* p = begin;
  const auto* end = p + bytes.size();
  while (p < end) {
    // Most of a CSV file is ASCII: skip it eight bytes at a time.
    while (end - p >= 8) {
      std::uint64_t chunk;
      std::memcpy(&chunk, p, 8);
      if (chunk & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p >= end) break;
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n = 0;
    unsigned cp = 0;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return static_cast<std::size_t>(p - begin);
    }
    if (end - p <= n) return static_cast<std::size_t>(p - begin);
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return static_cast<std::size_t>(p - begin);
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return static_cast<std::size_t>(p - begin);
    p += n + 1;
  }
  return std::string_view::npos;
}

}  // namespace safeassess::text
