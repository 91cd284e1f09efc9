#pragma once
// Exact decimal arithmetic for scores (issue 12): a score decides a rank, and a rank decides
// careers, so no number on the way from a ruleset or a data file to a printed total passes
// through binary floating point.
//
// Decimal holds a number as an integer count of 10^-12 (12 decimals, |value| <= 10^18), read
// exactly from its text. Ratio holds an exact quotient of two wide integers, for the steps
// that divide (achievement = (x - floor) / (target - floor), a mean, a derived rate); it is
// rounded once, half away from zero, to the decimals a ruleset reports.

#include <boost/multiprecision/cpp_int.hpp>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace safeassess::num {

// The wide integer of a Ratio. Checked: an overflow throws std::overflow_error instead of
// wrapping (it needs numbers far beyond the 10^18 a Decimal allows).
using Wide = boost::multiprecision::checked_int512_t;

class Decimal {
 public:
  __extension__ typedef __int128 Rep;            // NOLINT(modernize-use-using)
  __extension__ typedef unsigned __int128 URep;  // NOLINT(modernize-use-using)
  static constexpr int k_digits = 12;            // decimals held
  static constexpr int k_max_digits = 18;        // integer digits allowed

  constexpr Decimal() = default;
  // The integer n.
  static Decimal of(long long n);
  // The number raw x 10^-12.
  static constexpr Decimal from_raw(Rep raw) {
    Decimal d;
    d.m_raw = raw;
    return d;
  }
  // Reads "12", "-0.75", "98.5", "1.5e-3", "+3". nullopt (with the reason in `why` when
  // given) for anything else, for more than 12 decimals and for values above 10^18.
  static std::optional<Decimal> parse(std::string_view text, std::string* why = nullptr);
  // The nearest Decimal to a double (for numbers that arrive as doubles: YAML-free callers,
  // tests). Exact for doubles that print in 15 significant digits or fewer.
  static Decimal from_double(double v);

  [[nodiscard]] constexpr Rep raw() const { return m_raw; }
  [[nodiscard]] double to_double() const;
  // Shortest text: "12.5", "7", "-0.000001".
  [[nodiscard]] std::string str() const;
  // Exactly `decimals` places (0..12), rounded half away from zero; -0 prints as 0.
  [[nodiscard]] std::string fixed(int decimals) const;
  // Rounded half away from zero to `decimals` places (0..12).
  [[nodiscard]] Decimal round(int decimals) const;
  // Decimal places the number needs (0 for whole numbers, at most 12).
  [[nodiscard]] int decimals() const;
  [[nodiscard]] bool is_integer() const { return m_raw % 1000000000000 == 0; }
  // The whole part (toward zero).
  [[nodiscard]] long long whole() const;
  [[nodiscard]] bool is_zero() const { return m_raw == 0; }
  [[nodiscard]] bool negative() const { return m_raw < 0; }

  friend Decimal operator+(Decimal a, Decimal b);
  friend Decimal operator-(Decimal a, Decimal b);
  friend Decimal operator-(Decimal a) { return from_raw(-a.m_raw); }
  // The product, rounded half away from zero to 12 decimals (exact when the factors'
  // decimals add up to 12 or fewer, as for a count times points).
  friend Decimal operator*(Decimal a, Decimal b);
  Decimal& operator+=(Decimal b) { return *this = *this + b; }
  Decimal& operator-=(Decimal b) { return *this = *this - b; }
  friend constexpr auto operator<=>(Decimal a, Decimal b) = default;
  friend constexpr bool operator==(Decimal a, Decimal b) = default;

 private:
  Rep m_raw = 0;
};

// a / b rounded half away from zero (b > 0), in 128-bit integers.
[[nodiscard]] Decimal::Rep div_round(Decimal::Rep a, Decimal::Rep b);

[[nodiscard]] Decimal min(Decimal a, Decimal b);
[[nodiscard]] Decimal max(Decimal a, Decimal b);
[[nodiscard]] Decimal abs(Decimal a);

// An exact quotient n / d with d > 0. Not reduced: it is built from a handful of steps and
// rounded once.
class Ratio {
 public:
  Ratio() = default;
  Ratio(Decimal v);  // NOLINT(google-explicit-constructor): every Decimal is a Ratio
  static Ratio of(const Wide& n, const Wide& d);

  [[nodiscard]] const Wide& num() const { return m_n; }
  [[nodiscard]] const Wide& den() const { return m_d; }

  friend Ratio operator+(const Ratio& a, const Ratio& b);
  friend Ratio operator-(const Ratio& a, const Ratio& b);
  friend Ratio operator*(const Ratio& a, const Ratio& b);
  // Throws std::domain_error when b is 0.
  friend Ratio operator/(const Ratio& a, const Ratio& b);
  friend std::strong_ordering operator<=>(const Ratio& a, const Ratio& b);
  friend bool operator==(const Ratio& a, const Ratio& b) { return (a <=> b) == 0; }

  // Rounded half away from zero to `decimals` places (0..12).
  [[nodiscard]] Decimal round(int decimals) const;
  // Rounded toward minus infinity / plus infinity to whole numbers.
  [[nodiscard]] Wide floor() const;
  [[nodiscard]] Wide ceil() const;
  [[nodiscard]] Ratio clamp01() const;
  [[nodiscard]] bool is_zero() const { return m_n == 0; }
  [[nodiscard]] bool negative() const { return m_n < 0; }

 private:
  Wide m_n = 0;
  Wide m_d = 1;
};

}  // namespace safeassess::num
