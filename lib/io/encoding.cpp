#include "io/encoding.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::io {

Encoding parse_encoding(std::string_view name) {
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "auto") return Encoding::Auto;
  if (lower == "utf-8" || lower == "utf8") return Encoding::Utf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return Encoding::Gb18030;
  throw UsageError(trf("unknown encoding \"{}\"; expected auto, utf-8 or gb18030", name));
}

namespace {

bool has_bom(std::string_view s) {
  return s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF";
}

// Line number (from 1) of byte offset `pos`, for pointing at an undecodable byte.
long line_of(std::string_view s, std::size_t pos) {
  long line = 1;
  for (std::size_t i = 0; i < pos && i < s.size(); ++i)
    if (s[i] == '\n') ++line;
  return line;
}

std::string gb18030_to_utf8(const std::string& in, const std::string& display) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw Error(_("this system's iconv cannot convert GB18030; install the locales package"));
  std::string out(in.size() * 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1)) {
      if (errno == E2BIG) {
        const std::size_t used = static_cast<std::size_t>(dst - out.data());
        out.resize(out.size() * 2);
        dst = out.data() + used;
        dst_left = out.size() - used;
        continue;
      }
      const std::size_t at = static_cast<std::size_t>(src - in.data());
      iconv_close(cd);
      throw InputError(Location{display, line_of(in, at), 0},
                       trf("byte 0x{:02X} at offset {} is neither UTF-8 nor GB18030; save "
                           "the file as \"CSV UTF-8\" or pass --encoding",
                           static_cast<unsigned char>(in[at]), at));
    }
  }
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

}  // namespace

namespace {

bool has_gb18030_bom(std::string_view s) {
  return s.size() >= 4 && s.substr(0, 4) == "\x84\x31\x95\x33";
}

// How one line of a file is encoded, as far as its bytes tell.
enum class LineKind { Ascii, Utf8, Other };

// A line is UTF-8 when it is valid UTF-8 with at least one three-byte sequence (every
// Chinese character is one); GB18030 text is almost never that. Invalid UTF-8 is Other.
LineKind kind_of(std::string_view line) {
  bool ascii = true;
  for (char c : line) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) return LineKind::Ascii;
  if (!text::is_valid_utf8(line)) return LineKind::Other;
  for (char c : line)
    if ((static_cast<unsigned char>(c) & 0xF0) == 0xE0) return LineKind::Utf8;
  return LineKind::Other;  // only two-byte sequences: as likely GB18030 as UTF-8
}

// Refuses a file whose lines are in two encodings (an Excel export pasted into a UTF-8
// file, or the reverse): decoding it either way would turn one part into mojibake.
// `start` skips a byte-order mark. `chosen` is the encoding the user named, if any.
void refuse_mixed(std::string_view bytes, std::size_t start, const std::string& display, Encoding chosen) {
  long line = 1, utf8_count = 0, other_count = 0;
  long first_utf8 = 0, first_other = 0;
  for (std::size_t pos = start; pos < bytes.size();) {
    std::size_t end = bytes.find('\n', pos);
    if (end == std::string_view::npos) end = bytes.size();
    switch (kind_of(bytes.substr(pos, end - pos))) {
      case LineKind::Utf8:
        if (!utf8_count++) first_utf8 = line;
        break;
      case LineKind::Other:
        if (!other_count++) first_other = line;
        break;
      case LineKind::Ascii:
        break;
    }
    pos = end + 1;
    ++line;
  }
  if (utf8_count && other_count) {
    // The rows in the minority are the ones that went wrong.
    const bool utf8_bad = utf8_count < other_count;
    throw InputError(Location{display, utf8_bad ? first_utf8 : first_other, 0},
                     utf8_bad
                         ? trf("this row is UTF-8 but row {} is not UTF-8 (GB18030?): the file mixes two "
                               "encodings; save it again from Excel or WPS as one (\"CSV UTF-8\")",
                               first_other)
                         : trf("this row is not UTF-8 (GB18030?) but row {} is UTF-8: the file mixes two "
                               "encodings; save it again from Excel or WPS as one (\"CSV UTF-8\")",
                               first_utf8));
  }
  if (chosen == Encoding::Gb18030 && utf8_count)
    throw InputError(
        Location{display, first_utf8, 0},
        _("this file is UTF-8, not GB18030; pass --encoding utf-8 (or remove \"encoding: gb18030\" "
          "from the manifest)"));
}

}  // namespace

std::size_t decode_to_utf8(std::string& bytes, Encoding encoding, const std::string& display) {
  if (has_bom(bytes) && encoding != Encoding::Gb18030) {
    // A UTF-8 byte-order mark says UTF-8: a row that is not (pasted from a GB18030
    // export) would reach the reports as invalid text.
    const std::size_t bad = text::first_invalid_utf8(std::string_view(bytes).substr(3));
    if (bad == std::string::npos) return 3;
    refuse_mixed(bytes, 3, display, Encoding::Utf8);
    throw InputError(
        Location{display, line_of(bytes, bad + 3), 0},
        _("the file starts with a UTF-8 byte-order mark but is not valid UTF-8 here; save it again "
          "from Excel or WPS as \"CSV UTF-8\""));
  }
  std::size_t start = 0;
  if (has_gb18030_bom(bytes) && encoding != Encoding::Utf8) {
    start = 4;
    encoding = Encoding::Gb18030;
  }
  if (encoding != Encoding::Gb18030) {
    const std::size_t bad = text::first_invalid_utf8(bytes);
    if (bad == std::string::npos) return 0;
    if (encoding == Encoding::Utf8)
      throw InputError(Location{display, line_of(bytes, bad), 0},
                       _("the file is not valid UTF-8; if it was saved by Excel or WPS as plain "
                         "\"CSV\", pass --encoding gb18030"));
  }
  refuse_mixed(bytes, start, display, encoding);
  bytes = gb18030_to_utf8(start ? bytes.substr(start) : bytes, display);
  // iconv keeps a byte-order mark as U+FEFF: it is not part of the first column's name.
  return has_bom(bytes) ? 3 : 0;
}

}  // namespace safeassess::io
