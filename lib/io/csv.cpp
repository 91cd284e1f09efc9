#include "io/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::io {

CsvReader::CsvReader(std::string display, std::string& text, std::size_t start)
    : m_display(std::move(display)),
      m_sheet(Location::is_sheet(m_display)),
      m_data(text.data()),
      m_size(text.size()),
      m_pos(start) {}

bool CsvReader::next() {
  while (read_record()) {
    const bool blank = std::all_of(m_fields.begin(), m_fields.end(), [](auto f) { return trim(f).empty(); });
    if (blank) continue;
    // The note row of a template (init): the first row under the header, its first cell
    // starting with "# ". Nowhere else is a row skipped for what it holds.
    if (m_note_allowed) {
      m_note_allowed = false;
      if (trim(m_fields.front()).starts_with("# ")) continue;
    }
    if (m_header && m_fields.size() != m_header->size()) check_width();
    return true;
  }
  return false;
}

void CsvReader::check_width() const {
  const std::size_t want = m_header->size(), got = m_fields.size();
  auto names = [&](std::size_t from) {
    std::string list;
    for (std::size_t i = from; i < want && i < from + 4; ++i)
      list +=
          fmt::format("{}{} \"{}\"", list.empty() ? "" : ", ", text::column_letter(i + 1), (*m_header)[i]);
    if (want > from + 4) list += ", ...";
    return list;
  };
  if (got > want)
    throw InputError(Location{m_display, m_record_line, static_cast<long>(want + 1)},
                     trf("this row has {} cells but the header has {} columns (the last is {} \"{}\"); "
                         "remove the extra cells, or quote the field that holds a comma",
                         got, want, text::column_letter(want), m_header->back()));
  throw InputError(
      Location{m_display, m_record_line, static_cast<long>(got + 1)},
      trf(got == 1 ? N_("this row has 1 cell but the header has {1} columns: {2} missing ({3}); add "
                        "the missing cells, empty if need be")
                   : N_("this row has {0} cells but the header has {1} columns: {2} missing ({3}); add "
                        "the missing cells, empty if need be"),
          got, want, want - got == 1 ? std::string(_("one is")) : trf("{} are", want - got), names(got)));
}

bool CsvReader::read_record() {
  m_fields.clear();
  if (m_pos >= m_size) return false;
  m_record_line = m_line;
  while (true) {
    std::size_t start = m_pos;
    if (m_pos < m_size && m_data[m_pos] == '"') {
      // Quoted field: copy it down over itself, turning "" into ".
      const long open_line = m_line;
      const std::size_t open_col = m_fields.size() + 1;
      ++m_pos;
      std::size_t out = m_pos;
      start = m_pos;
      while (true) {
        if (m_pos >= m_size)
          throw InputError(Location{m_display, open_line, static_cast<long>(open_col)},
                           _("quoted field never closes; add the missing '\"'"));
        const char c = m_data[m_pos];
        if (c == '"') {
          if (m_pos + 1 < m_size && m_data[m_pos + 1] == '"') {
            m_data[out++] = '"';
            m_pos += 2;
            continue;
          }
          ++m_pos;
          break;
        }
        if (c == '\n' && !m_sheet) ++m_line;
        m_data[out++] = c;
        ++m_pos;
      }
      std::size_t end = out;
      // Excel never writes text after a closing quote, but tolerate `"a" ,` spacing.
      while (m_pos < m_size && (m_data[m_pos] == ' ' || m_data[m_pos] == '\t')) ++m_pos;
      // A CR before the LF of a CRLF line end is not part of the field.
      if (m_pos < m_size && m_data[m_pos] != ',' && m_data[m_pos] != '\n' && m_data[m_pos] != '\r')
        throw InputError(Location{m_display, m_line, static_cast<long>(open_col)},
                         _("unexpected text after a closing quote; quote the whole field"));
      m_fields.emplace_back(m_data + start, end - start);
    } else {
      while (m_pos < m_size && m_data[m_pos] != ',' && m_data[m_pos] != '\n') ++m_pos;
      std::size_t end = m_pos;
      if (end > start && m_data[end - 1] == '\r' && (m_pos >= m_size || m_data[m_pos] == '\n')) --end;
      m_fields.emplace_back(m_data + start, end - start);
    }
    if (m_pos < m_size && m_data[m_pos] == '\r') ++m_pos;
    if (m_pos >= m_size) return true;
    if (m_data[m_pos] == ',') {
      ++m_pos;
      if (m_pos >= m_size) {  // trailing comma at end of file: one more empty field
        m_fields.emplace_back();
        return true;
      }
      continue;
    }
    // '\n'
    ++m_pos;
    ++m_line;
    return true;
  }
}

CsvHeader::CsvHeader(CsvReader& reader) : m_file(reader.file()) {
  if (!reader.next()) throw InputError(Location{m_file}, _("the file is empty; expected a header row"));
  m_line = reader.line();
  reader.allow_note_row();
  Diagnostics diagnostics;
  for (std::size_t i = 0; i < reader.size(); ++i) {
    std::string name(trim(reader[i]));
    auto [it, inserted] = m_index.emplace(name, i);
    if (!inserted && !name.empty())
      diagnostics.error(Location{m_file, reader.line(), static_cast<long>(i + 1)},
                        trf("column \"{}\" appears twice in the header (columns {} and "
                            "{}); rename or remove one",
                            name, text::column_letter(it->second + 1), text::column_letter(i + 1)));
    m_names.push_back(std::move(name));
  }
  diagnostics.throw_if_any();
}

std::optional<std::size_t> CsvHeader::find(std::string_view name) const {
  const auto it = m_index.find(std::string(name));
  if (it == m_index.end()) return std::nullopt;
  return it->second;
}

std::optional<std::size_t> CsvHeader::require(std::string_view column, std::string_view why,
                                              Diagnostics& diagnostics) const {
  return require_any({std::string(column)}, why, diagnostics);
}

namespace {

// The column under one of `names`; `conflict` is set when two of them are present.
std::optional<std::size_t> any_of(const CsvHeader& h, const std::vector<std::string>& names,
                                  std::optional<std::size_t>& conflict) {
  std::optional<std::size_t> found;
  for (const auto& n : names) {
    const auto c = h.find(n);
    if (!c) continue;
    if (found && *found != *c) {
      conflict = c;
      return found;
    }
    found = c;
  }
  return found;
}

}  // namespace

std::optional<std::size_t> CsvHeader::optional_any(const std::vector<std::string>& names,
                                                   Diagnostics& diagnostics) const {
  std::optional<std::size_t> conflict;
  const auto found = any_of(*this, names, conflict);
  if (!conflict) return found;
  diagnostics.error(
      Location{m_file, m_line, static_cast<long>(*conflict + 1)},
      trf("columns {} \"{}\" and {} \"{}\" both hold \"{}\"; keep one", text::column_letter(*found + 1),
          m_names[*found], text::column_letter(*conflict + 1), m_names[*conflict], names.front()));
  return std::nullopt;
}

std::optional<std::size_t> CsvHeader::require_any(const std::vector<std::string>& names, std::string_view why,
                                                  Diagnostics& diagnostics) const {
  std::optional<std::size_t> conflict;
  const auto found = any_of(*this, names, conflict);
  if (conflict) {
    diagnostics.error(Location{m_file, m_line, static_cast<long>(*conflict + 1)},
                      trf("columns {} \"{}\" and {} \"{}\" both hold \"{}\" ({}); keep one",
                          text::column_letter(*found + 1), m_names[*found],
                          text::column_letter(*conflict + 1), m_names[*conflict], names.front(), why));
    return std::nullopt;
  }
  if (found) return found;
  std::string also;
  for (std::size_t i = 1; i < names.size(); ++i) also += trf(" or \"{}\"", names[i]);
  std::string hint;
  for (const auto& n : names) {
    hint = text::did_you_mean(n, m_names);
    if (!hint.empty()) break;
  }
  diagnostics.error(Location{m_file, m_line, 0},
                    trf("missing column \"{}\"{} ({}){}", names.front(), also, why, hint));
  return std::nullopt;
}

Location CsvHeader::cell(long line, std::size_t column) const {
  return Location{m_file, line, static_cast<long>(column + 1)};
}

std::string CsvHeader::column_label(std::size_t column) const {
  const std::string& n = column < m_names.size() ? m_names[column] : std::string();
  return trf("column {} \"{}\"", text::column_letter(column + 1), n);
}

namespace {

// Decodes `text` to UTF-8 in place and returns where the text starts. A file whose lines
// end in CR alone (Mac OS 9, old Excel for Mac) is given LF line ends, so that it is not
// read as one giant row.
//
// Control characters, direction overrides (U+202E) and a CR that ends no line are written
// out visibly ("\x1b", "\u202e") here, once, so that no cell can carry them into a
// terminal, a report or a message.
std::size_t prepare(std::string& text, Encoding enc, const std::string& display) {
  const std::size_t start = decode_to_utf8(text, enc, display);
  if (text.find('\r', start) != std::string::npos) {
    // Rows end in CR alone when no LF ends one outside quotes (old Excel for Mac keeps LF
    // for line breaks inside a cell). A doubled "" toggles twice, so counting quotes is enough.
    bool quoted = false, lf_ends = false, cr_ends = false;
    for (std::size_t i = start; i < text.size() && !lf_ends; ++i) {
      const char c = text[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      lf_ends = c == '\n';
      cr_ends = cr_ends || (c == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
    }
    if (cr_ends && !lf_ends)
      for (std::size_t i = start; i < text.size(); ++i)
        if (text[i] == '\r') text[i] = '\n';
  }
  // Almost every file has nothing to write out: find that without copying it.
  bool lone_cr = false;
  for (auto p = text.find('\r', start); p != std::string::npos && !lone_cr; p = text.find('\r', p + 1))
    lone_cr = p + 1 == text.size() || text[p + 1] != '\n';
  if (!lone_cr && !text::has_invisible(std::string_view(text).substr(start), true)) return start;
  std::string out = text.substr(0, start);
  out.reserve(text.size() + 16);
  const std::string_view rest = std::string_view(text).substr(start);
  for (std::size_t i = 0; i < rest.size();) {
    if (rest[i] == '\r' && (i + 1 == rest.size() || rest[i + 1] != '\n')) {
      out += "\\x0d";
      ++i;
      continue;
    }
    const std::size_t n = text::invisible_at(rest.substr(i), true);
    if (n == 0) {
      out += rest[i++];
      continue;
    }
    out += text::visible(rest.substr(i, n));
    i += n;
  }
  text = std::move(out);
  return start;
}

}  // namespace

CsvFile::CsvFile(std::string display, std::string bytes, Encoding enc)
    : m_text(std::move(bytes)),
      // A sheet's text is UTF-8, whatever the encoding of the CSV files beside it.
      m_start(prepare(m_text, Location::is_sheet(display) ? Encoding::Utf8 : enc, display)),
      m_reader(std::move(display), m_text, m_start),
      m_header(m_reader) {
  m_reader.expect_width(m_header.names());
}

std::string_view CsvFile::cell(std::optional<std::size_t> c) const {
  return c && *c < m_reader.size() ? trim(m_reader[*c]) : std::string_view();
}

void RepeatedRows::add(const CsvFile& file) {
  // FNV-1a over the trimmed cells, each followed by a separator no cell can hold.
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](unsigned char c) { h = (h ^ c) * 1099511628211ULL; };
  const CsvReader& r = file.reader();
  for (std::size_t i = 0; i < r.size(); ++i) {
    for (char c : trim(r[i])) mix(static_cast<unsigned char>(c));
    mix(0xFF);
  }
  m_rows.emplace_back(h, r.line());
}

std::vector<std::pair<long, long>> RepeatedRows::repeats() {
  std::sort(m_rows.begin(), m_rows.end());
  std::vector<std::pair<long, long>> out;
  for (std::size_t i = 1; i < m_rows.size(); ++i) {
    std::size_t first = i - 1;
    while (i < m_rows.size() && m_rows[i].first == m_rows[first].first)
      out.emplace_back(m_rows[i++].second, m_rows[first].second);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> parse_number(std::string_view s) {
  s = trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace safeassess::io
