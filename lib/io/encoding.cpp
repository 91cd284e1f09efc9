#include "io/encoding.hpp"

#include <fmt/format.h>
#include <iconv.h>

#include <cerrno>

#include "core/error.hpp"
#include "core/text.hpp"

namespace safeassess::io {

Encoding parse_encoding(std::string_view name) {
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "auto") return Encoding::Auto;
  if (lower == "utf-8" || lower == "utf8") return Encoding::Utf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312") return Encoding::Gb18030;
  throw UsageError(fmt::format("unknown encoding \"{}\"; expected auto, utf-8 or gb18030", name));
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
    throw Error("this system's iconv cannot convert GB18030; install the locales package");
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
                       fmt::format("byte 0x{:02X} at offset {} is neither UTF-8 nor GB18030; save "
                                   "the file as \"CSV UTF-8\" or pass --encoding",
                                   static_cast<unsigned char>(in[at]), at));
    }
  }
  iconv_close(cd);
  out.resize(out.size() - dst_left);
  return out;
}

}  // namespace

std::size_t decode_to_utf8(std::string& bytes, Encoding encoding, const std::string& display) {
  if (has_bom(bytes) && encoding != Encoding::Gb18030) return 3;
  if (encoding != Encoding::Gb18030) {
    const std::size_t bad = text::first_invalid_utf8(bytes);
    if (bad == std::string::npos) return 0;
    if (encoding == Encoding::Utf8)
      throw InputError(Location{display, line_of(bytes, bad), 0},
                       "the file is not valid UTF-8; if it was saved by Excel or WPS as plain "
                       "\"CSV\", pass --encoding gb18030");
  }
  bytes = gb18030_to_utf8(bytes, display);
  return 0;
}

}  // namespace safeassess::io
