#pragma once
// Text helpers: terminal display width of UTF-8, spelling suggestions, number
// formatting that is the same on every machine.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"

namespace safeassess::text {

// Columns a UTF-8 string takes in a terminal: CJK ideographs and full-width forms count
// 2, combining marks 0. Invalid bytes count 1 each.
[[nodiscard]] std::size_t display_width(std::string_view utf8);

// `s` padded with spaces to `width` display columns (left- or right-aligned). A string
// already wider than `width` is returned unchanged.
[[nodiscard]] std::string pad(std::string_view s, std::size_t width, bool right_align = false);

// Edit distance between two strings, counted in bytes.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word` if it is close enough to be a likely misspelling
// (distance at most max(1, len/3)); empty when nothing is close.
[[nodiscard]] std::string closest(std::string_view word, std::span<const std::string> candidates);

// ", did you mean \"X\"?" when a close candidate exists, else "".
[[nodiscard]] std::string did_you_mean(std::string_view word, std::span<const std::string> candidates);

// A double rounded half away from zero to `decimals` places.
[[nodiscard]] double round_to(double value, int decimals);

// Fixed-point text with exactly `decimals` places ("87.50"); -0 prints as 0.
[[nodiscard]] std::string fixed(double value, int decimals);
// The same for an exact decimal (rounded half away from zero when it has more places).
[[nodiscard]] inline std::string fixed(num::Decimal value, int decimals) {
  return value.fixed(decimals);
}
// Shortest text of an exact decimal ("12.5", "7").
[[nodiscard]] inline std::string plain(num::Decimal value) {
  return value.str();
}

// The same text as fixed(), written into `out` (at least 32 bytes) without allocating;
// returns its length. For writers that format millions of numbers. `decimals` is 0..9.
std::size_t write_fixed(char* out, double value, int decimals);
std::size_t write_fixed(char* out, num::Decimal value, int decimals);

// Shortest text that reads back as the same double ("0.95", "12", "1e-05" avoided:
// plain notation up to 6 significant decimals). For echoing parameters and inputs.
[[nodiscard]] std::string plain(double value);

// A yes/no answer as Excel, WPS and inspectors write it: 1/0, yes/no, y/n, true/false
// (any case), 是/否, 有/无. nullopt for anything else, including "".
[[nodiscard]] std::optional<bool> parse_yes_no(std::string_view s);

// Spreadsheet column name for a 1-based index: 1 -> A, 27 -> AA.
[[nodiscard]] std::string column_letter(std::size_t index);

// Joins strings with a separator.
[[nodiscard]] std::string join(std::span<const std::string> parts, std::string_view sep);

// Offset of the first byte that is not part of valid UTF-8, or npos when all are valid.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view bytes);
// `s` with full-width ASCII (U+FF01..U+FF5E: "１２．５％", "２０２４－３－５") as ASCII and the
// ideographic space U+3000 as a space, as a Chinese input method types them; `s` itself when
// it has none (no copy), else a view of `buffer`.
[[nodiscard]] std::string_view half_width(std::string_view s, std::string& buffer);

// Appends code point `code` as UTF-8 (U+FFFD for a surrogate or a value past U+10FFFF).
void append_utf8(std::string& out, unsigned code);

// Characters that must never reach a terminal, a table or a report raw: C0 controls and
// DEL (ESC starts terminal sequences), C1 controls (U+0080..U+009F) and the invisible
// direction marks and overrides (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069)
// that make text display in another order than it is read. `keep_layout` keeps tab, line
// feed and carriage return (the structure of a CSV file or a message).
// The length in bytes of such a character at the start of `s`, or 0.
[[nodiscard]] std::size_t invisible_at(std::string_view s, bool keep_layout);
// Whether `s` (valid UTF-8) holds such a character.
[[nodiscard]] bool has_invisible(std::string_view s, bool keep_layout = true);
// `s` with each such character written out visibly: "\x1b" for a byte below 0x80,
// "\u202e" for the others. Everything else is kept as it is.
[[nodiscard]] std::string visible(std::string_view s, bool keep_layout = true);

// Whether the bytes are valid UTF-8.
[[nodiscard]] inline bool is_valid_utf8(std::string_view bytes) {
  return first_invalid_utf8(bytes) == std::string_view::npos;
}

}  // namespace safeassess::text
