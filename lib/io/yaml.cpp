#include "io/yaml.hpp"

#include <fmt/format.h>
#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>
#include <unordered_map>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace safeassess::io {

long character_column(std::string_view text, int byte_line, int byte_column) {
  std::size_t pos = 0;
  for (int l = 0; l < byte_line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  if (pos == std::string_view::npos) return byte_column + 1;
  long column = 1;
  for (int b = 0; b < byte_column && pos + static_cast<std::size_t>(b) < text.size(); ++b)
    if ((static_cast<unsigned char>(text[pos + static_cast<std::size_t>(b)]) & 0xC0) != 0x80) ++column;
  return column;
}

namespace {

// Where byte `offset` of `text` is, counted as editors count (line and character from 1).
Location place_of(const std::string& display, std::string_view text, std::size_t offset) {
  long line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i)
    if (text[i] == '\n') ++line, start = i + 1;
  long column = 1;
  for (std::size_t i = start; i < offset && i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  return Location{display, line, column};
}

// The bytes yaml-cpp must never see: invalid UTF-8, NUL and the C0 controls other than
// tab, line feed and carriage return (YAML 1.2 "c-printable" excludes them too).
void check_bytes(const std::string& display, std::string_view text) {
  if (text.size() > k_yaml_max_bytes)
    throw InputError(Location{display},
                     trf("the file has {} bytes; a definition file may have at most {} MiB (bulk data "
                         "belongs in CSV files)",
                         text.size(), k_yaml_max_bytes / (1024 * 1024)));
  if (const auto bad = text::first_invalid_utf8(text); bad != std::string_view::npos)
    throw InputError(
        place_of(display, text, bad),
        trf("invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8", static_cast<unsigned char>(text[bad])));
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t n = text::invisible_at(text.substr(i), true);
    if (n == 0) continue;
    const auto c = static_cast<unsigned char>(text[i]);
    if (n == 1)
      throw InputError(place_of(display, text, i),
                       trf("control character U+{:04X} is not allowed in a YAML file; remove it", c));
    throw InputError(place_of(display, text, i),
                     trf("invisible character {} (a control or a direction override) is not allowed in "
                         "a YAML file; remove it",
                         text::visible(text.substr(i, n))));
  }
}

// The first invisible character of `s`, written out visibly.
std::string first_invisible(std::string_view s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (const std::size_t n = text::invisible_at(s.substr(i), true)) return text::visible(s.substr(i, n));
  return {};
}

// Walks the parse events before any node is built: documents, depth, duplicate keys and
// the size of the document with its aliases expanded.
class Guard : public YAML::EventHandler {
 public:
  Guard(const std::string& display, std::string_view text) : m_display(display), m_text(text) {}

  void OnDocumentStart(const YAML::Mark& mark) override { m_start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, "~"); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = m_anchors.find(anchor);
    // An anchor is recorded when its node ends: an alias to one still open is the node
    // inside itself, a cycle that every reader of the tree would follow for ever.
    if (it == m_anchors.end())
      throw InputError(at(mark),
                       _("this alias (*name) refers to a list or mapping that contains it; write the "
                         "value out instead"));
    const std::uint64_t n = it->second;
    if (!m_first_alias) m_first_alias = mark;
    key_or_value(mark, nullptr);
    add(n);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    // A quoted scalar can spell a control character as an escape ("\e", "\u202e").
    if (text::has_invisible(value))
      throw InputError(at(mark), trf("this value holds an invisible character ({}, written as an "
                                     "escape); remove it",
                                     first_invisible(value)));
    leaf(mark, anchor, value);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override { close(); }

  [[nodiscard]] const YAML::Mark& start() const { return m_start; }

  // After the document: refuses an expansion past the limit, at the first alias.
  void check_expansion() const {
    const std::uint64_t limit = std::max<std::uint64_t>(k_yaml_max_nodes, 10 * m_written);
    if (m_expanded > limit && m_first_alias)
      throw InputError(at(*m_first_alias),
                       trf("the aliases (*name) of this file expand it to more than {} nodes; write "
                           "the values out or use fewer aliases of aliases",
                           limit));
  }

 private:
  struct Frame {
    bool map = false;
    bool at_key = true;  // in a map: the next node is a key
    YAML::anchor_t anchor = 0;
    std::uint64_t nodes = 1;  // this node and everything under it, aliases expanded
    std::unordered_map<std::string, YAML::Mark> keys;
  };

  [[nodiscard]] Location at(const YAML::Mark& m) const {
    return Location{m_display, m.line + 1, character_column(m_text, m.line, m.column)};
  }

  // Counts `n` nodes into the current container (saturating: a count past the limit is
  // all that matters).
  void add(std::uint64_t n) {
    m_expanded = saturated(m_expanded + n);
    if (!m_stack.empty()) m_stack.back().nodes = saturated(m_stack.back().nodes + n);
  }

  // Counts stop at 2^60: each step adds at most that much, so a sum never wraps.
  static std::uint64_t saturated(std::uint64_t n) { return std::min(n, std::uint64_t{1} << 60); }

  // A node is about to be added to the current container: if it is a mapping key, check
  // it (`key` is its text, nullptr for a node that cannot be a key).
  void key_or_value(const YAML::Mark& mark, const std::string* key) {
    if (m_stack.empty() || !m_stack.back().map) return;
    Frame& f = m_stack.back();
    if (f.at_key) {
      if (!key)
        throw InputError(at(mark),
                         _("a mapping key must be a plain value, not a list, a mapping or an alias"));
      const auto [it, fresh] = f.keys.emplace(*key, mark);
      if (!fresh)
        throw InputError(
            at(mark), trf("duplicate key \"{}\": it is already set at {}:{}; keep one of them", *key,
                          it->second.line + 1, character_column(m_text, it->second.line, it->second.column)));
    }
    f.at_key = !f.at_key;
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, const std::string& value) {
    ++m_written;
    key_or_value(mark, &value);
    if (anchor) m_anchors[anchor] = 1;
    add(1);
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
    ++m_written;
    key_or_value(mark, nullptr);
    if (m_stack.size() >= static_cast<std::size_t>(k_yaml_max_depth))
      throw InputError(at(mark), trf("lists and mappings are nested deeper than {} levels here; a "
                                     "definition file never needs that many",
                                     k_yaml_max_depth));
    Frame f;
    f.map = map;
    f.anchor = anchor;
    m_stack.push_back(std::move(f));
    ++m_expanded;
  }

  void close() {
    Frame f = std::move(m_stack.back());
    m_stack.pop_back();
    if (f.anchor) m_anchors[f.anchor] = f.nodes;
    if (!m_stack.empty()) m_stack.back().nodes = saturated(m_stack.back().nodes + f.nodes);
  }

  const std::string& m_display;
  std::string_view m_text;
  std::vector<Frame> m_stack;
  std::unordered_map<YAML::anchor_t, std::uint64_t> m_anchors;
  std::uint64_t m_written = 0;   // nodes as written in the file
  std::uint64_t m_expanded = 0;  // nodes with every alias expanded
  std::optional<YAML::Mark> m_first_alias;
  YAML::Mark m_start;  // where the document starts
};

InputError syntax_error(const std::string& display, const std::string& text, const YAML::ParserException& e) {
  return InputError(Location{display, e.mark.line + 1, character_column(text, e.mark.line, e.mark.column)},
                    trf("YAML syntax error: {}", e.msg));
}

}  // namespace

YAML::Node parse_yaml(const std::string& display, const std::string& text) {
  check_bytes(display, text);
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    Guard guard(display, text);
    if (parser.HandleNextDocument(guard)) {
      guard.check_expansion();
      Guard second(display, text);
      if (parser.HandleNextDocument(second))
        throw InputError(
            Location{display, second.start().line + 1, 1},
            _("the file holds more than one YAML document (a second \"---\"); keep one document per "
              "file"));
    }
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw syntax_error(display, text, e);
  }
}

Location YamlReader::at(const YAML::Node& node) const {
  // A key that is not there (map["id"] of a map without one) has no place of its own.
  if (!node.IsDefined()) return Location{m_file};
  const YAML::Mark m = node.Mark();
  if (m.is_null()) return Location{m_file};
  return Location{m_file, m.line + 1, character_column(m_text, m.line, m.column)};
}

void YamlReader::error(const YAML::Node& node, std::string message) const {
  m_diagnostics->error(at(node), std::move(message));
}

namespace {
const char* kind_name(const YAML::Node& n) {
  switch (n.Type()) {
    case YAML::NodeType::Map:
      return _("a mapping");
    case YAML::NodeType::Sequence:
      return _("a list");
    case YAML::NodeType::Scalar:
      return _("a single value");
    case YAML::NodeType::Null:
      return _("empty");
    default:
      return _("undefined");
  }
}
}  // namespace

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what,
                            std::initializer_list<std::string_view> allowed) const {
  if (!node.IsMap()) {
    error(node, trf("{} must be a mapping (key: value lines), found {}", what, kind_name(node)));
    return false;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (!known)
      error(it->first,
            trf("unknown key \"{}\" in {}{}", key, what,
                text::did_you_mean(key, names).empty() ? trf("; expected one of: {}", text::join(names, ", "))
                                                       : text::did_you_mean(key, names)));
  }
  return true;
}

bool YamlReader::expect_sequence(const YAML::Node& node, std::string_view what) const {
  if (node.IsSequence()) return true;
  error(node, trf("{} must be a list (\"- item\" lines), found {}", what, kind_name(node)));
  return false;
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, const char* key, bool required) const {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) error(map, trf("missing required key \"{}\"", key));
    return std::nullopt;
  }
  if (!v.IsScalar()) {
    error(v, trf("\"{}\" must be a single value, found {}", key, kind_name(v)));
    return std::nullopt;
  }
  return v.Scalar();
}

std::optional<double> YamlReader::number_value(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) {
    error(node, trf("{} must be a number, found {}", what, kind_name(node)));
    return std::nullopt;
  }
  auto value = parse_number(node.Scalar());
  if (!value) error(node, trf("{} must be a number, got \"{}\"", what, node.Scalar()));
  return value;
}

std::optional<double> YamlReader::number(const YAML::Node& map, const char* key, bool required) const {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) error(map, trf("missing required key \"{}\"", key));
    return std::nullopt;
  }
  return number_value(v, fmt::format("\"{}\"", key));
}

std::optional<num::Decimal> YamlReader::decimal_value(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) {
    error(node, trf("{} must be a number, found {}", what, kind_name(node)));
    return std::nullopt;
  }
  std::string why;
  auto value = num::Decimal::parse(node.Scalar(), &why);
  if (!value)
    error(node, why == _("not a number") ? trf("{} must be a number, got \"{}\"", what, node.Scalar())
                                         : trf("{} must be a number of at most 12 decimals and at most "
                                               "10^18, got \"{}\" ({})",
                                               what, node.Scalar(), why));
  return value;
}

std::optional<num::Decimal> YamlReader::decimal(const YAML::Node& map, const char* key, bool required) const {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) error(map, trf("missing required key \"{}\"", key));
    return std::nullopt;
  }
  return decimal_value(v, fmt::format("\"{}\"", key));
}

std::optional<long> YamlReader::integer(const YAML::Node& map, const char* key, bool required) const {
  auto d = number(map, key, required);
  if (!d) return std::nullopt;
  if (*d != std::floor(*d) || std::fabs(*d) > 1e15) {
    error(map[key], trf("\"{}\" must be a whole number, got \"{}\"", key, map[key].Scalar()));
    return std::nullopt;
  }
  return static_cast<long>(*d);
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, const char* key, bool required) const {
  auto s = string(map, key, required);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  error(map[key], trf("\"{}\" must be true or false, got \"{}\"", key, *s));
  return std::nullopt;
}

}  // namespace safeassess::io
