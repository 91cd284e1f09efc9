#include "core/decimal.hpp"
#include "core/i18n.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace safeassess::num {

namespace {

using Rep = Decimal::Rep;

// 10^0 .. 10^38: an int128 holds up to about 1.7 x 10^38.
constexpr std::array<Rep, 39> make_pow10() {
  std::array<Rep, 39> p{};
  p[0] = 1;
  for (std::size_t i = 1; i < p.size(); ++i) p[i] = p[i - 1] * 10;
  return p;
}
constexpr auto k_pow10 = make_pow10();
constexpr Rep k_one = k_pow10[Decimal::k_digits];
// 10^18 in units of 10^-12: the largest magnitude a Decimal holds.
constexpr Rep k_limit = k_pow10[Decimal::k_max_digits] * k_one;

Rep checked(Rep v) {
  if (v > k_limit || v < -k_limit)
    throw std::overflow_error(_("a number beyond 10^18 arose in a computation"));
  return v;
}

std::string digits_of(Rep v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  return {s.rbegin(), s.rend()};
}

// 10^0 .. 10^24 as wide integers, made once: rounding needs them for every indicator.
const Wide& wide_pow10(int n) {
  static const std::array<Wide, 25> table = [] {
    std::array<Wide, 25> t{};
    t[0] = 1;
    for (std::size_t i = 1; i < t.size(); ++i) t[i] = t[i - 1] * 10;
    return t;
  }();
  return table.at(static_cast<std::size_t>(n));
}

Wide to_wide(Rep v) {
  // Most numbers fit in 64 bits (|value| < 9.2 x 10^6): the direct constructor is cheap.
  constexpr Rep k_small = static_cast<Rep>(std::numeric_limits<long long>::max());
  if (v <= k_small && v >= -k_small) return Wide(static_cast<long long>(v));
  // Wide has no constructor from __int128: go through two 64-bit halves.
  const bool neg = v < 0;
  const auto m = static_cast<Decimal::URep>(neg ? -v : v);
  Wide w = static_cast<std::uint64_t>(m >> 64);
  w <<= 64;
  w += static_cast<std::uint64_t>(m);
  return neg ? Wide(-w) : w;
}

Rep from_wide(const Wide& w) {
  static const Wide k_small_wide(std::numeric_limits<long long>::max());
  if (w <= k_small_wide && w >= -k_small_wide) return static_cast<Rep>(static_cast<long long>(w));
  const bool neg = w < 0;
  const Wide m = neg ? Wide(-w) : w;
  if (m > to_wide(k_limit)) throw std::overflow_error(_("a number beyond 10^18 arose in a computation"));
  const auto hi = static_cast<std::uint64_t>(m >> 64);
  const auto lo = static_cast<std::uint64_t>(m & Wide(std::numeric_limits<std::uint64_t>::max()));
  const Rep r = static_cast<Rep>((static_cast<Decimal::URep>(hi) << 64) | lo);
  return neg ? -r : r;
}

// floor(|n| / d + 1/2), signed like n: n / d rounded half away from zero.
Wide wide_div_round(const Wide& n, const Wide& d) {
  const bool neg = n < 0;
  const Wide m = neg ? Wide(-n) : n;
  const Wide q = (2 * m + d) / (2 * d);
  return neg ? Wide(-q) : q;
}

}  // namespace

Decimal Decimal::of(long long n) {
  return from_raw(checked(static_cast<Rep>(n) * k_one));
}

std::optional<Decimal> Decimal::parse(std::string_view s, std::string* why) {
  auto fail = [&](const char* reason) -> std::optional<Decimal> {
    if (why) *why = reason;
    return std::nullopt;
  };
  std::size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  std::string digits;  // all significant digits, integer part then fraction
  int fraction = 0;    // how many of them follow the point
  bool any = false, point = false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (point) ++fraction;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return fail(_("not a number"));
  long exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (i == s.size()) return fail(_("not a number"));
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
      exponent = exponent * 10 + (s[i] - '0');
      if (exponent > 100) return fail(_("its exponent is out of range"));
    }
    if (eneg) exponent = -exponent;
  }
  if (i != s.size()) return fail(_("not a number"));
  // value = digits x 10^(exponent - fraction); drop trailing zeros of the fraction first.
  long scale = static_cast<long>(fraction) - exponent;  // decimals of digits
  while (scale > 0 && !digits.empty() && digits.back() == '0') {
    digits.pop_back();
    --scale;
  }
  if (digits.empty()) return Decimal{};
  if (scale > k_digits) return fail(_("it has more than 12 decimals"));
  const long int_digits = static_cast<long>(digits.size()) - scale;
  if (int_digits > k_max_digits + 1) return fail(_("it is above 10^18"));  // 10^18 itself has 19
  // At most 19 integer digits (10^18) and 12 decimals: 31 digits, and 10^31 fits in an int128.
  Rep v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  const long shift = k_digits - scale;  // 0 .. 30 (scale may be negative with an exponent)
  if (shift < 0 || shift > 31) return fail(_("it is above 10^18"));
  v *= k_pow10[static_cast<std::size_t>(shift)];
  if (v > k_limit) return fail(_("it is above 10^18"));
  return from_raw(neg ? -v : v);
}

Decimal Decimal::from_double(double v) {
  if (!std::isfinite(v)) throw std::domain_error(_("not a finite number"));
  // 15 significant digits read back every double that was written with 15 or fewer.
  const std::string s = fmt::format("{:.15g}", v);
  std::string why;
  auto d = parse(s, &why);
  if (!d) {
    // More than 12 decimals: round the double itself.
    d = parse(fmt::format("{:.12f}", v), &why);
    if (!d) throw std::overflow_error(trf("{} cannot be held: {}", s, why));
  }
  return *d;
}

double Decimal::to_double() const {
  // Through the shortest text, so the double is the one nearest to the decimal.
  return std::stod(str());
}

std::string Decimal::str() const {
  std::string s = fixed(k_digits);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string Decimal::fixed(int decimals) const {
  if (decimals < 0 || decimals > k_digits) throw std::invalid_argument(_("decimals out of 0..12"));
  const Rep r = round(decimals).m_raw / k_pow10[static_cast<std::size_t>(k_digits - decimals)];
  const bool neg = r < 0;
  std::string d = digits_of(neg ? -r : r);
  if (decimals > 0) {
    if (d.size() <= static_cast<std::size_t>(decimals))
      d.insert(0, static_cast<std::size_t>(decimals) + 1 - d.size(), '0');
    d.insert(d.size() - static_cast<std::size_t>(decimals), 1, '.');
  }
  return neg ? fmt::format("-{}", d) : d;
}

Decimal Decimal::round(int decimals) const {
  if (decimals < 0 || decimals > k_digits) throw std::invalid_argument(_("decimals out of 0..12"));
  const Rep unit = k_pow10[static_cast<std::size_t>(k_digits - decimals)];
  return from_raw(checked(div_round(m_raw, unit) * unit));
}

int Decimal::decimals() const {
  Rep m = m_raw < 0 ? -m_raw : m_raw;
  if (m == 0) return 0;
  int d = k_digits;
  while (d > 0 && m % 10 == 0) {
    m /= 10;
    --d;
  }
  return d;
}

long long Decimal::whole() const {
  return static_cast<long long>(m_raw / k_one);
}

Decimal operator+(Decimal a, Decimal b) {
  return Decimal::from_raw(checked(a.m_raw + b.m_raw));
}

Decimal operator-(Decimal a, Decimal b) {
  return Decimal::from_raw(checked(a.m_raw - b.m_raw));
}

Decimal operator*(Decimal a, Decimal b) {
  const Wide p = to_wide(a.m_raw) * to_wide(b.m_raw);
  return Decimal::from_raw(from_wide(wide_div_round(p, wide_pow10(Decimal::k_digits))));
}

Rep div_round(Rep a, Rep b) {
  const bool neg = a < 0;
  const Rep m = neg ? -a : a;
  Rep q = m / b;
  if ((m % b) * 2 >= b) ++q;
  return neg ? -q : q;
}

Decimal min(Decimal a, Decimal b) {
  return b < a ? b : a;
}
Decimal max(Decimal a, Decimal b) {
  return a < b ? b : a;
}
Decimal abs(Decimal a) {
  return a.negative() ? -a : a;
}

Ratio::Ratio(Decimal v) : m_n(to_wide(v.raw())), m_d(wide_pow10(Decimal::k_digits)) {}

Ratio Ratio::of(const Wide& n, const Wide& d) {
  if (d == 0) throw std::domain_error(_("division by zero"));
  Ratio r;
  r.m_n = d < 0 ? Wide(-n) : n;
  r.m_d = d < 0 ? Wide(-d) : d;
  // Reduced once the numbers grow (a chain of steps: periods, means), so they stay far from
  // the 512-bit limit; small ones are left as they are, a gcd costs more than the steps.
  if (boost::multiprecision::msb(r.m_d) > 160) {
    const Wide g = boost::multiprecision::gcd(r.m_n < 0 ? Wide(-r.m_n) : r.m_n, r.m_d);
    if (g > 1) {
      r.m_n /= g;
      r.m_d /= g;
    }
  }
  return r;
}

Ratio operator+(const Ratio& a, const Ratio& b) {
  if (a.m_d == b.m_d) return Ratio::of(a.m_n + b.m_n, a.m_d);
  return Ratio::of(a.m_n * b.m_d + b.m_n * a.m_d, a.m_d * b.m_d);
}

Ratio operator-(const Ratio& a, const Ratio& b) {
  if (a.m_d == b.m_d) return Ratio::of(a.m_n - b.m_n, a.m_d);
  return Ratio::of(a.m_n * b.m_d - b.m_n * a.m_d, a.m_d * b.m_d);
}

Ratio operator*(const Ratio& a, const Ratio& b) {
  // Keep the numbers small where the common case allows: a Decimal times a Decimal.
  return Ratio::of(a.m_n * b.m_n, a.m_d * b.m_d);
}

Ratio operator/(const Ratio& a, const Ratio& b) {
  if (b.m_n == 0) throw std::domain_error(_("division by zero"));
  if (a.m_d == b.m_d) return Ratio::of(a.m_n, b.m_n);
  return Ratio::of(a.m_n * b.m_d, a.m_d * b.m_n);
}

std::strong_ordering operator<=>(const Ratio& a, const Ratio& b) {
  const Wide l = a.m_d == b.m_d ? a.m_n : Wide(a.m_n * b.m_d);
  const Wide r = a.m_d == b.m_d ? b.m_n : Wide(b.m_n * a.m_d);
  return l < r   ? std::strong_ordering::less
         : l > r ? std::strong_ordering::greater
                 : std::strong_ordering::equal;
}

Decimal Ratio::round(int decimals) const {
  if (decimals < 0 || decimals > Decimal::k_digits) throw std::invalid_argument(_("decimals out of 0..12"));
  const Wide q = wide_div_round(m_n * wide_pow10(decimals), m_d);
  return Decimal::from_raw(from_wide(q * wide_pow10(Decimal::k_digits - decimals)));
}

Wide Ratio::floor() const {
  Wide q = m_n / m_d;  // toward zero
  if (m_n < 0 && q * m_d != m_n) --q;
  return q;
}

Wide Ratio::ceil() const {
  Wide q = m_n / m_d;
  if (m_n > 0 && q * m_d != m_n) ++q;
  return q;
}

Ratio Ratio::clamp01() const {
  if (m_n <= 0) return Ratio(Decimal{});
  if (m_n >= m_d) return Ratio(Decimal::of(1));
  return *this;
}

}  // namespace safeassess::num
