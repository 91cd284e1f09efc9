#include "io/workbook.hpp"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>
#include <functional>
#include <memory>
#include <unordered_map>

#include "core/date.hpp"
#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/file.hpp"

namespace safeassess::io {
namespace {

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  return std::equal(suffix.begin(), suffix.end(), s.end() - static_cast<std::ptrdiff_t>(suffix.size()),
                    [](char a, char b) { return std::tolower(static_cast<unsigned char>(b)) == a; });
}

bool is_workbook_name(std::string_view s) {
  return ends_with_ci(s, ".xlsx") || ends_with_ci(s, ".xlsm");
}

}  // namespace

std::optional<SheetRef> sheet_ref(std::string_view ref) {
  if (const auto hash = Location::sheet_mark(ref); hash != std::string_view::npos)
    return SheetRef{std::string(ref.substr(0, hash)), std::string(ref.substr(hash + 1))};
  if (is_workbook_name(ref)) return SheetRef{std::string(ref), ""};
  return std::nullopt;
}

std::string file_of(std::string_view ref) {
  if (auto s = sheet_ref(ref)) return s->workbook;
  return std::string(ref);
}

bool is_sheet_display(std::string_view display) {
  return Location::is_sheet(display);
}

namespace {

// An xlsx file opened from memory. Every part read counts against k_max_input_bytes, so a
// zip bomb is refused instead of filling memory.
class Zip {
 public:
  Zip(const std::string& bytes, std::string display) : m_display(std::move(display)) {
    if (bytes.size() >= 4 && static_cast<unsigned char>(bytes[0]) == 0xD0 &&
        static_cast<unsigned char>(bytes[1]) == 0xCF)
      fail(
          _("is not an .xlsx workbook: it is an old .xls file or an encrypted (password-protected) "
            "workbook; save it as .xlsx (Excel: 另存为 → Excel 工作簿 *.xlsx) without a password"));
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source) {
      m_zip = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (!m_zip) zip_source_free(source);
    }
    const std::string why = zip_error_strerror(&error);
    zip_error_fini(&error);
    if (!m_zip)
      fail(
          trf("is not an .xlsx workbook ({}); open it in Excel, WPS or LibreOffice and save it as "
              ".xlsx",
              why));
  }
  Zip(const Zip&) = delete;
  Zip& operator=(const Zip&) = delete;
  ~Zip() {
    if (m_zip) zip_discard(m_zip);
  }

  [[nodiscard]] bool has(const std::string& part) const {
    return zip_name_locate(m_zip, part.c_str(), ZIP_FL_NOCASE) >= 0;
  }

  // Streams the part through `sink`, in chunks.
  void read(const std::string& part, const std::function<void(const char*, std::size_t)>& sink) {
    const zip_int64_t index = zip_name_locate(m_zip, part.c_str(), ZIP_FL_NOCASE);
    if (index < 0) fail(trf("has no part \"{}\"; save it again from Excel, WPS or LibreOffice", part));
    std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
        zip_fopen_index(m_zip, static_cast<zip_uint64_t>(index), 0), &zip_fclose);
    if (!file) fail(trf("cannot read its part \"{}\": {}", part, zip_strerror(m_zip)));
    std::vector<char> buffer(1 << 16);
    while (true) {
      const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0) fail(trf("cannot read its part \"{}\": {}", part, zip_file_strerror(file.get())));
      if (n == 0) break;
      m_total += static_cast<std::uint64_t>(n);
      if (m_total > k_max_input_bytes)
        fail(trf("unpacks to more than {} GiB; safeassess reads workbooks of up to that size: split it",
                 k_max_input_bytes >> 30));
      sink(buffer.data(), static_cast<std::size_t>(n));
    }
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(Location{m_display}, fmt::format("\"{}\" {}", m_display, what));
  }

 private:
  std::string m_display;
  zip_t* m_zip = nullptr;
  std::uint64_t m_total = 0;
};

// The local part of an expat namespaced name ("uri|local" or "local").
std::string_view local(const XML_Char* name) {
  std::string_view n(name);
  if (const auto bar = n.rfind('|'); bar != std::string_view::npos) n.remove_prefix(bar + 1);
  return n;
}

const char* attribute(const XML_Char** attributes, std::string_view name) {
  for (std::size_t i = 0; attributes[i]; i += 2)
    if (local(attributes[i]) == name) return attributes[i + 1];
  return nullptr;
}

// Parses one part with handlers for start, end and character data. What a handler throws
// is caught inside the callback (it must not cross expat's C frames), parsing stops, and it
// is rethrown once XML_Parse has returned. Elements nested deeper than any spreadsheet part
// nests them are refused: expat's stack would grow with the depth.
class XmlPart {
 public:
  using Start = std::function<void(std::string_view, const XML_Char**)>;
  using End = std::function<void(std::string_view)>;
  using Text = std::function<void(std::string_view)>;
  static constexpr int k_max_depth = 64;

  static void parse(Zip& zip, const std::string& part, Start start, End end, Text text) {
    XmlPart p{std::move(start), std::move(end), std::move(text)};
    std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser(XML_ParserCreateNS(nullptr, '|'),
                                                                        &XML_ParserFree);
    if (!parser) throw std::bad_alloc();
    p.m_parser = parser.get();
    XML_SetUserData(parser.get(), &p);
    XML_SetElementHandler(
        parser.get(),
        [](void* self, const XML_Char* name, const XML_Char** attributes) {
          auto* x = static_cast<XmlPart*>(self);
          x->guard([&] {
            if (++x->m_depth > k_max_depth)
              throw InputError(Location{}, _("its elements nest deeper than a spreadsheet's do"));
            if (x->m_start) x->m_start(local(name), attributes);
          });
        },
        [](void* self, const XML_Char* name) {
          auto* x = static_cast<XmlPart*>(self);
          x->guard([&] {
            --x->m_depth;
            if (x->m_end) x->m_end(local(name));
          });
        });
    XML_SetCharacterDataHandler(parser.get(), [](void* self, const XML_Char* s, int len) {
      auto* x = static_cast<XmlPart*>(self);
      x->guard([&] {
        if (x->m_text) x->m_text(std::string_view(s, static_cast<std::size_t>(len)));
      });
    });
    auto bad = [&] {
      if (p.m_error) {
        // A structural problem found by a handler: an InputError without a place is the
        // part's damage; anything else (a cell's problem, out of memory) as it was thrown.
        try {
          std::rethrow_exception(p.m_error);
        } catch (const InputError& e) {
          if (!e.diagnostics().empty() && e.diagnostics().front().where.file.empty())
            zip.fail(trf("has a damaged part \"{}\" ({}); save it again from Excel, WPS or LibreOffice", part,
                         e.diagnostics().front().message));
          throw;
        }
      }
      zip.fail(trf("has a damaged part \"{}\" (line {}: {}); save it again from Excel, WPS or LibreOffice",
                   part, XML_GetCurrentLineNumber(parser.get()),
                   XML_ErrorString(XML_GetErrorCode(parser.get()))));
    };
    zip.read(part, [&](const char* data, std::size_t n) {
      if (XML_Parse(parser.get(), data, static_cast<int>(n), 0) != XML_STATUS_OK || p.m_error) bad();
    });
    if (XML_Parse(parser.get(), "", 0, 1) != XML_STATUS_OK || p.m_error) bad();
  }

 private:
  XmlPart(Start s, End e, Text t) : m_start(std::move(s)), m_end(std::move(e)), m_text(std::move(t)) {}

  template <class F>
  void guard(F&& f) {
    if (m_error) return;
    try {
      f();
    } catch (...) {
      m_error = std::current_exception();
      XML_StopParser(m_parser, XML_FALSE);
    }
  }

  Start m_start;
  End m_end;
  Text m_text;
  XML_Parser m_parser = nullptr;
  int m_depth = 0;
  std::exception_ptr m_error;
};

// OOXML writes characters XML cannot hold as _xHHHH_ (ST_Xstring).
std::string unescape_ooxml(std::string s) {
  if (s.find("_x") == std::string::npos) return s;
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned code = 0;
    if (s.compare(i, 2, "_x") == 0 && i + 7 <= s.size() && s[i + 6] == '_' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 6, code, 16).ptr == s.data() + i + 6) {
      text::append_utf8(out, code);
      i += 7;
      continue;
    }
    out += s[i++];
  }
  return out;
}

// A part's path inside the package, from a relationship target relative to `base` ("xl/").
std::string resolve(const std::string& base, std::string_view target) {
  std::string path = target.starts_with('/') ? std::string() : base;
  if (target.starts_with('/')) target.remove_prefix(1);
  while (target.starts_with("../")) {
    target.remove_prefix(3);
    if (!path.empty()) path.pop_back();
    const auto slash = path.rfind('/');
    path.erase(slash == std::string::npos ? 0 : slash + 1);
  }
  return path + std::string(target);
}

enum class CellFormat : std::uint8_t { General, Percent, Date, DateTime, Time };

// What a number format shows: a date, a time or a plain number. Built-in ids after
// ECMA-376 18.8.30 (14-22, 45-47) and the CJK ids Excel and WPS use (27-36, 50-58: dates,
// except 32-35 and 55-56, times).
CellFormat builtin_format(unsigned id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 ||
      id == 58)
    return CellFormat::Date;
  if (id == 22) return CellFormat::DateTime;
  // 18-21 and 45-47 in every locale; in zh-CN 32-35 and 55-56 are 上午/下午h"时"mm"分" times.
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
    return CellFormat::Time;
  if (id == 9 || id == 10) return CellFormat::Percent;
  return CellFormat::General;
}

CellFormat custom_format(std::string_view code) {
  // Only the first section (positive numbers) decides; quoted text, [colour]/[$-locale] and
  // escaped characters are not codes. "General" is a number (LibreOffice writes it as a custom
  // format); E+/E- is an exponent; an elapsed time ([h]:mm) is a duration, shown as the number.
  std::string letters;  // the format's code letters, lower case, in order
  bool percent = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(code[i])));
    if (c == ';') break;
    if (c == '"') {
      const auto close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '[') {
      const auto close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      const std::string_view inside = code.substr(i + 1, close - i - 1);
      if (!inside.empty() && (inside.front() == 'h' || inside.front() == 'm' || inside.front() == 's' ||
                              inside.front() == 'H' || inside.front() == 'M' || inside.front() == 'S'))
        return CellFormat::General;  // elapsed time
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == 'e' && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {
      ++i;  // scientific
    } else if (code.substr(i).size() >= 7 &&
               std::equal(code.begin() + static_cast<std::ptrdiff_t>(i),
                          code.begin() + static_cast<std::ptrdiff_t>(i) + 7, "general",
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
      i += 6;
    } else if (c == 'y' || c == 'd' || c == 'h' || c == 's' || c == 'm') {
      letters += c;
    } else if (c == '%') {
      percent = true;
    }
  }
  bool date = false, time = false;
  for (std::size_t k = 0; k < letters.size(); ++k) {
    const char c = letters[k];
    if (c == 'y' || c == 'd') date = true;
    if (c == 'h' || c == 's') time = true;
    if (c == 'm') {
      // Minutes right after hours or right before seconds (h:mm, mm:ss); a month otherwise.
      std::size_t prev = k, next = k;
      while (prev > 0 && letters[prev - 1] == 'm') --prev;
      while (next + 1 < letters.size() && letters[next + 1] == 'm') ++next;
      const bool minutes =
          (prev > 0 && letters[prev - 1] == 'h') || (next + 1 < letters.size() && letters[next + 1] == 's');
      (minutes ? time : date) = true;
      k = next;
    }
  }
  if (date && time) return CellFormat::DateTime;
  if (date) return CellFormat::Date;
  if (time) return CellFormat::Time;
  if (percent) return CellFormat::Percent;
  return CellFormat::General;
}

struct WorkbookInfo {
  std::vector<SheetInfo> sheets;
  std::vector<std::string> parts;   // of each sheet
  std::vector<bool> chart;          // a chart sheet, not a worksheet
  std::string shared_strings_part;  // empty when there is none
  std::string styles_part;
  bool date1904 = false;
};

WorkbookInfo read_workbook(Zip& zip) {
  std::string workbook_part = "xl/workbook.xml";
  if (zip.has("_rels/.rels"))
    XmlPart::parse(
        zip, "_rels/.rels",
        [&](std::string_view name, const XML_Char** a) {
          const char* type = attribute(a, "Type");
          const char* target = attribute(a, "Target");
          if (name == "Relationship" && type && target && std::string_view(type).ends_with("/officeDocument"))
            workbook_part = resolve("", target);
        },
        nullptr, nullptr);
  const auto slash = workbook_part.rfind('/');
  const std::string base = slash == std::string::npos ? "" : workbook_part.substr(0, slash + 1);
  const std::string rels = base + "_rels/" + workbook_part.substr(base.size()) + ".rels";

  struct Rel {
    std::string target, type;
  };
  std::unordered_map<std::string, Rel> by_id;
  WorkbookInfo info;
  if (zip.has(rels))
    XmlPart::parse(
        zip, rels,
        [&](std::string_view name, const XML_Char** a) {
          const char *id = attribute(a, "Id"), *type = attribute(a, "Type"), *target = attribute(a, "Target");
          if (name != "Relationship" || !id || !type || !target) return;
          by_id[id] = Rel{resolve(base, target), type};
          const std::string_view t(type);
          if (t.ends_with("/sharedStrings")) info.shared_strings_part = resolve(base, target);
          if (t.ends_with("/styles")) info.styles_part = resolve(base, target);
        },
        nullptr, nullptr);
  std::vector<std::string> ids;
  XmlPart::parse(
      zip, workbook_part,
      [&](std::string_view name, const XML_Char** a) {
        if (name == "workbookPr") {
          const char* d = attribute(a, "date1904");
          info.date1904 = d && (std::string_view(d) == "1" || std::string_view(d) == "true");
        } else if (name == "sheet") {
          const char *n = attribute(a, "name"), *state = attribute(a, "state"), *id = attribute(a, "id");
          info.sheets.push_back({n ? n : "", state && std::string_view(state) != "visible"});
          ids.emplace_back(id ? id : "");
        }
      },
      nullptr, nullptr);
  for (const auto& id : ids) {
    const auto it = by_id.find(id);
    info.parts.push_back(it == by_id.end() ? std::string() : it->second.target);
    info.chart.push_back(it != by_id.end() && !it->second.type.ends_with("/worksheet"));
  }
  if (info.shared_strings_part.empty() && zip.has("xl/sharedStrings.xml"))
    info.shared_strings_part = "xl/sharedStrings.xml";
  if (info.styles_part.empty() && zip.has("xl/styles.xml")) info.styles_part = "xl/styles.xml";
  return info;
}

std::vector<std::string> read_shared_strings(Zip& zip, const std::string& part) {
  std::vector<std::string> strings;
  if (part.empty()) return strings;
  std::string current;
  bool in_si = false, in_t = false;
  int phonetic = 0;  // inside <rPh>: the reading of a word, not its text
  XmlPart::parse(
      zip, part,
      [&](std::string_view name, const XML_Char**) {
        if (name == "si") {
          in_si = true;
          current.clear();
        } else if (name == "rPh") {
          ++phonetic;
        } else if (name == "t" && in_si && phonetic == 0) {
          in_t = true;
        }
      },
      [&](std::string_view name) {
        if (name == "si") {
          strings.push_back(unescape_ooxml(std::move(current)));
          in_si = false;
        } else if (name == "rPh") {
          --phonetic;
        } else if (name == "t") {
          in_t = false;
        }
      },
      [&](std::string_view s) {
        if (in_t) current += s;
      });
  return strings;
}

std::vector<CellFormat> read_styles(Zip& zip, const std::string& part) {
  std::vector<CellFormat> formats;
  if (part.empty()) return formats;
  std::unordered_map<unsigned, CellFormat> custom;
  bool in_xfs = false;
  auto number = [](const char* s) {
    unsigned v = 0;
    if (s) std::from_chars(s, s + std::char_traits<char>::length(s), v);
    return v;
  };
  XmlPart::parse(
      zip, part,
      [&](std::string_view name, const XML_Char** a) {
        if (name == "numFmt") {
          const char* code = attribute(a, "formatCode");
          custom[number(attribute(a, "numFmtId"))] = custom_format(code ? code : "");
        } else if (name == "cellXfs") {
          in_xfs = true;
        } else if (name == "xf" && in_xfs) {
          const unsigned id = number(attribute(a, "numFmtId"));
          const auto it = custom.find(id);
          formats.push_back(it != custom.end() ? it->second : builtin_format(id));
        }
      },
      [&](std::string_view name) {
        if (name == "cellXfs") in_xfs = false;
      },
      nullptr);
  return formats;
}

// "C7" → column 3, row 7; false for anything else.
bool parse_ref(std::string_view ref, long& column, long& row) {
  std::size_t i = 0;
  column = 0;
  while (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])) && i < 3)
    column = column * 26 + (std::toupper(static_cast<unsigned char>(ref[i++])) - 'A' + 1);
  if (i == 0 || column > 16384) return false;
  const auto r = std::from_chars(ref.data() + i, ref.data() + ref.size(), row);
  return r.ec == std::errc() && r.ptr == ref.data() + ref.size() && row >= 1 && row <= 1048576;
}

// A number as Excel shows it in General format: 15 significant digits, no exponent.
std::string general_number(double x) {
  if (x == 0) return "0";
  std::string s = fmt::format("{:.15g}", x);
  const auto e = s.find('e');
  if (e == std::string::npos) return s;
  const int exponent = std::stoi(s.substr(e + 1));
  std::string mantissa = s.substr(0, e);
  const bool negative = mantissa.front() == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  int point = 0;  // digits before the decimal point in the mantissa
  for (char c : mantissa) {
    if (c == '.') {
      point = static_cast<int>(digits.size());
      continue;
    }
    digits += c;
  }
  if (mantissa.find('.') == std::string::npos) point = static_cast<int>(digits.size());
  point += exponent;
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (point >= static_cast<int>(digits.size())) {
    out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
          digits.substr(static_cast<std::size_t>(point));
  }
  while (out.find('.') != std::string::npos && (out.back() == '0' || out.back() == '.')) {
    const bool dot = out.back() == '.';
    out.pop_back();
    if (dot) break;
  }
  return negative ? "-" + out : out;
}

// A serial date of the workbook's date system as text; false (with `why`) for a serial
// that is no date of the calendar.
bool serial_date(double serial, bool date1904, CellFormat format, std::string& out, std::string& why) {
  if (!std::isfinite(serial) || serial < 0 || serial > 2958465.0) {
    why = _("is not a date Excel can show");
    return false;
  }
  auto days = static_cast<long>(std::floor(serial));
  auto seconds = static_cast<long>(std::llround((serial - static_cast<double>(days)) * 86400.0));
  if (seconds >= 86400) {
    ++days;
    seconds -= 86400;
  }
  std::string day;
  if (format != CellFormat::Time) {
    date::Day d = 0;
    if (date1904) {
      d = date::from_civil(1904, 1, 1) + static_cast<date::Day>(days);
    } else {
      if (days == 60) {
        why = _("is 1900-02-29, a day that did not exist (Excel's 1900 leap-year error); type the date");
        return false;
      }
      if (days == 0) {
        why = _("is day 0 of Excel's calendar (1900-01-00), not a date; type the date");
        return false;
      }
      d = date::from_civil(1899, 12, days < 60 ? 31 : 30) + static_cast<date::Day>(days);
    }
    day = date::format(d);
  }
  std::string time;
  if (format != CellFormat::Date) {
    time = fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
    if (seconds % 60 != 0) time += fmt::format(":{:02}", seconds % 60);
  } else if (seconds != 0) {
    // A date format over a number with a time of day: the time is part of the value.
    time = fmt::format("{:02}:{:02}", seconds / 3600, seconds / 60 % 60);
    if (seconds % 60 != 0) time += fmt::format(":{:02}", seconds % 60);
  }
  out = day.empty() ? time : time.empty() ? day : day + " " + time;
  return true;
}

void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

class SheetReader {
 public:
  SheetReader(std::string shown, const std::vector<std::string>& strings,
              const std::vector<CellFormat>& formats, bool date1904)
      : m_shown(std::move(shown)), m_strings(strings), m_formats(formats), m_date1904(date1904) {}

  std::string read(Zip& zip, const std::string& part) {
    XmlPart::parse(
        zip, part, [this](std::string_view name, const XML_Char** a) { start(name, a); },
        [this](std::string_view name) { end(name); },
        [this](std::string_view s) {
          if (m_capture) m_text += s;
        });
    for (const auto& [ref, row] : m_merged)
      m_diagnostics.error(
          Location{m_shown, row, 0},
          trf("cells {} are merged; safeassess reads one value per cell: unmerge them "
              "(取消合并单元格) and give every cell its value{}",
              ref,
              row <= m_header_row || m_header_row == 0 ? _(" (a header cell of each column holds its name)")
                                                       : ""));
    if (m_problems) {
      for (const auto& d : m_diagnostics.items()) m_problems->error(d.where, d.message);
    } else {
      m_diagnostics.throw_if_any();
    }
    return std::move(m_out);
  }

  // Problems of cells go to `problems` (the cell is read as empty) instead of being thrown.
  void collect_into(Diagnostics* problems) { m_problems = problems; }

 private:
  void start(std::string_view name, const XML_Char** a) {
    if (name == "row") {
      if (m_in_row) throw InputError(Location{}, _("a row inside a row"));
      long r = m_last_row + 1;
      if (const char* s = attribute(a, "r")) {
        const auto res = std::from_chars(s, s + std::char_traits<char>::length(s), r);
        if (res.ec != std::errc() || r < 1 || r > 1048576)
          throw InputError(Location{}, trf("row number \"{}\" is not one", s));
      }
      if (r <= m_last_row) throw InputError(Location{}, trf("row {} comes after row {}", r, m_last_row));
      m_in_row = true;
      m_row = r;
      m_cells.clear();
      m_column = 0;
    } else if (name == "c") {
      if (!m_in_row || m_in_cell) throw InputError(Location{}, _("a cell outside a row, or inside a cell"));
      m_in_cell = true;
      m_type.clear();
      if (const char* t = attribute(a, "t")) m_type = t;
      m_style = 0;
      if (const char* s = attribute(a, "s"))
        std::from_chars(s, s + std::char_traits<char>::length(s), m_style);
      long column = m_column + 1, row = m_row;
      if (const char* ref = attribute(a, "r")) {
        if (!parse_ref(ref, column, row)) throw InputError(Location{}, trf("\"{}\" is not a cell", ref));
        if (row != m_row) throw InputError(Location{}, trf("cell {} is in row {}", ref, m_row));
        if (column <= m_column)
          throw InputError(Location{}, trf("cell {} comes twice, or out of order", ref));
      }
      if (column > 16384) throw InputError(Location{}, _("a cell past column XFD"));
      m_column = column;
      m_value.clear();
      m_inline.clear();
      m_has_value = m_has_formula = false;
    } else if (name == "v") {
      m_capture = true;
      m_text.clear();
      m_has_value = true;
    } else if (name == "f") {
      m_has_formula = true;
    } else if (name == "is") {
      m_in_inline = true;
    } else if (name == "rPh") {
      ++m_phonetic;
    } else if (name == "t" && m_in_inline && m_phonetic == 0) {
      m_capture = true;
      m_text.clear();
    } else if (name == "mergeCell") {
      if (const char* ref = attribute(a, "ref")) {
        long c = 0, r = 0;
        const std::string_view s(ref);
        parse_ref(s.substr(0, s.find(':')), c, r);
        m_merged.emplace_back(ref, r);
      }
    }
  }

  void end(std::string_view name) {
    if (name == "v") {
      m_value = std::move(m_text);
      m_capture = false;
    } else if (name == "t" && m_in_inline && m_capture) {
      m_inline += m_text;
      m_capture = false;
    } else if (name == "rPh") {
      --m_phonetic;
    } else if (name == "is") {
      m_in_inline = false;
      m_has_value = true;
    } else if (name == "c") {
      m_in_cell = false;
      cell();
    } else if (name == "row") {
      m_in_row = false;
      row();
    }
  }

  void error(std::string message) {
    m_diagnostics.error(Location{m_shown, m_row, m_column}, std::move(message));
  }

  void cell() {
    std::string value;
    const std::string_view t = m_type;
    // LibreOffice and openpyxl write <v></v> for a formula never computed; only a text
    // result can be empty.
    if (m_has_formula && (!m_has_value || (m_value.empty() && t != "str"))) {
      error(_(
          "the formula in this cell has no saved result; open the workbook in Excel, WPS or LibreOffice and "
          "save it (so that it computes), or type the value"));
      return;
    }
    if (t == "s") {
      std::size_t index = 0;
      const auto r = std::from_chars(m_value.data(), m_value.data() + m_value.size(), index);
      if (r.ec != std::errc() || index >= m_strings.size()) {
        error(_("the workbook is damaged: this cell names a text that is not in it; save it again"));
        return;
      }
      value = m_strings[index];
    } else if (t == "inlineStr") {
      value = unescape_ooxml(std::move(m_inline));
    } else if (t == "str") {
      value = unescape_ooxml(std::move(m_value));
    } else if (t == "b") {
      if (m_value == "1") {
        value = "TRUE";
      } else if (m_value == "0") {
        value = "FALSE";
      } else if (!m_value.empty()) {
        error(trf("the workbook is damaged: this yes/no cell holds \"{}\"; save it again", m_value));
        return;
      }
    } else if (t == "e") {
      error(trf("the cell holds the error value {}; correct the formula or type the value", m_value));
      return;
    } else if (t == "d") {
      // An ISO 8601 date (strict OOXML): 2024-03-05T14:05:00.
      value = m_value;
      if (const auto tee = value.find('T'); tee != std::string::npos) {
        std::string time = value.substr(tee + 1, 8);  // HH:MM:SS, fractions of a second dropped
        value = value.substr(0, tee);
        if (time.size() == 8 && time.ends_with(":00")) time.resize(5);
        if (!time.empty() && time != "00:00") value += " " + time;
      }
    } else if (!m_value.empty()) {
      double x = 0;
      const auto r = std::from_chars(m_value.data(), m_value.data() + m_value.size(), x);
      if (r.ec != std::errc() || r.ptr != m_value.data() + m_value.size() || !std::isfinite(x)) {
        error(trf("the workbook is damaged: this cell's number \"{}\" is not a number", m_value));
        return;
      }
      const CellFormat format = m_style < m_formats.size() ? m_formats[m_style] : CellFormat::General;
      if (format == CellFormat::General) {
        value = general_number(x);
      } else if (format == CellFormat::Percent) {
        // Shown as 98.5%: the cell holds 0.985. Written as shown, to full precision.
        value = general_number(x * 100) + "%";
      } else {
        std::string why;
        if (!serial_date(x, m_date1904, format, value, why)) {
          error(trf("the cell is formatted as a date but its value {} {}", general_number(x), why));
          return;
        }
      }
    }
    if (value.empty()) return;
    // Right of the header's last column a value has no name: refused here, so that the text
    // handed on is never wider than the header (a cell at XFD would widen every row).
    if (m_header_row != 0 && static_cast<std::size_t>(m_column) > m_width) {
      error(_("this cell is right of the header's last column; give its column a header, or clear the cell"));
      return;
    }
    if (m_cells.size() < static_cast<std::size_t>(m_column))
      m_cells.resize(static_cast<std::size_t>(m_column));
    m_cells[static_cast<std::size_t>(m_column) - 1] = std::move(value);
  }

  void row() {
    m_last_row = m_row;
    while (!m_cells.empty() && m_cells.back().empty()) m_cells.pop_back();
    if (m_cells.empty()) return;
    if (m_header_row == 0) {
      m_header_row = m_row;
      m_width = m_cells.size();
      if (m_width > k_max_columns)
        throw InputError(Location{m_shown, m_row, static_cast<long>(m_width)},
                         trf("the header has {} columns; safeassess reads tables of up to {} columns",
                             m_width, k_max_columns));
    }
    if (m_out.size() > k_max_text)
      throw InputError(
          Location{m_shown, m_row, 0},
          trf("the sheet is larger than safeassess reads ({} MiB as text); split it (by region, say)",
              k_max_text >> 20));
    // Record k of the text is sheet row k: rows the sheet skips are empty lines.
    m_out.append(static_cast<std::size_t>(m_row - m_written - 1), '\n');
    m_written = m_row;
    const std::size_t n = std::max(m_cells.size(), m_width);
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) m_out += ',';
      if (i < m_cells.size()) append_field(m_out, m_cells[i]);
    }
    m_out += '\n';
  }

  std::string m_shown;
  const std::vector<std::string>& m_strings;
  const std::vector<CellFormat>& m_formats;
  bool m_date1904;
  Diagnostics m_diagnostics;
  Diagnostics* m_problems = nullptr;
  std::string m_out;
  long m_row = 0, m_last_row = 0, m_written = 0, m_column = 0, m_header_row = 0;
  std::size_t m_width = 0;
  std::vector<std::string> m_cells;
  std::string m_type, m_value, m_inline, m_text;
  std::size_t m_style = 0;
  bool m_has_value = false, m_has_formula = false, m_capture = false, m_in_inline = false;
  bool m_in_row = false, m_in_cell = false;
  static constexpr std::size_t k_max_columns = 2000;
  static constexpr std::size_t k_max_text = std::size_t{1} << 30;
  int m_phonetic = 0;
  std::vector<std::pair<std::string, long>> m_merged;
};

std::string sheet_list(const std::vector<SheetInfo>& sheets) {
  std::string out;
  for (const auto& s : sheets)
    out += fmt::format("{}\"{}\"{}", out.empty() ? "" : ", ", s.name, s.hidden ? _(" (hidden)") : "");
  return out.empty() ? std::string(_("none")) : out;
}

}  // namespace

std::vector<SheetInfo> list_sheets(const std::string& bytes, const std::string& display) {
  Zip zip(bytes, display);
  return read_workbook(zip).sheets;
}

std::string read_sheet(const std::string& bytes, const std::string& display, const std::string& sheet,
                       std::string& shown, const Location& cited_from, Diagnostics* problems) {
  Zip zip(bytes, display);
  const WorkbookInfo info = read_workbook(zip);
  std::size_t index = info.sheets.size();
  for (std::size_t i = 0; i < info.sheets.size(); ++i)
    if (sheet.empty() ? !info.sheets[i].hidden : info.sheets[i].name == sheet) {
      index = i;
      break;
    }
  const Location where = cited_from.file.empty() ? Location{display} : cited_from;
  if (index == info.sheets.size()) {
    std::vector<std::string> names;
    for (const auto& s : info.sheets) names.push_back(s.name);
    if (sheet.empty())
      throw InputError(where, trf("workbook \"{}\" has no visible sheet (its sheets: {}); name one: {}#NAME",
                                  display, sheet_list(info.sheets), display));
    throw InputError(where, trf("workbook \"{}\" has no sheet \"{}\"; its sheets are {}{}", display, sheet,
                                sheet_list(info.sheets), text::did_you_mean(sheet, names)));
  }
  shown = fmt::format("{}#{}", display, info.sheets[index].name);
  if (info.chart[index] || info.parts[index].empty())
    throw InputError(where, trf("sheet \"{}\" of \"{}\" is a chart, not a table; name a worksheet",
                                info.sheets[index].name, display));
  const std::vector<std::string> strings = read_shared_strings(zip, info.shared_strings_part);
  const std::vector<CellFormat> formats = read_styles(zip, info.styles_part);
  SheetReader reader(shown, strings, formats, info.date1904);
  reader.collect_into(problems);
  return reader.read(zip, info.parts[index]);
}

Table read_table(const std::filesystem::path& path, const std::string& display, const Location& cited_from,
                 Diagnostics* problems) {
  Table t;
  const auto ref = sheet_ref(path.string());
  if (!ref) {
    t.shown = display;
    t.text = read_file(path, display, cited_from);
    t.sha256 = hash::sha256_hex(t.text);
    return t;
  }
  const auto shown_ref = sheet_ref(display);
  const std::string workbook_display = shown_ref ? shown_ref->workbook : display;
  const std::string bytes = read_file(ref->workbook, workbook_display, cited_from);
  t.sha256 = hash::sha256_hex(bytes);
  t.text = read_sheet(bytes, workbook_display, ref->sheet, t.shown, cited_from, problems);
  return t;
}

}  // namespace safeassess::io
