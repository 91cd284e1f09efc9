#include "io/yaml.hpp"

#include <fmt/format.h>

#include <cmath>

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

YAML::Node parse_yaml(const std::string& display, const std::string& text) {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(Location{display, e.mark.line + 1, character_column(text, e.mark.line, e.mark.column)},
                     fmt::format("YAML syntax error: {}", e.msg));
  }
}

Location YamlReader::at(const YAML::Node& node) const {
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
      return "a mapping";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a single value";
    case YAML::NodeType::Null:
      return "empty";
    default:
      return "undefined";
  }
}
}  // namespace

bool YamlReader::expect_map(const YAML::Node& node, std::string_view what,
                            std::initializer_list<std::string_view> allowed) const {
  if (!node.IsMap()) {
    error(node, fmt::format("{} must be a mapping (key: value lines), found {}", what, kind_name(node)));
    return false;
  }
  std::vector<std::string> names(allowed.begin(), allowed.end());
  for (auto it = node.begin(); it != node.end(); ++it) {
    const std::string key = it->first.Scalar();
    bool known = false;
    for (auto a : allowed) known = known || key == a;
    if (!known)
      error(it->first, fmt::format("unknown key \"{}\" in {}{}", key, what,
                                   text::did_you_mean(key, names).empty()
                                       ? fmt::format("; expected one of: {}", text::join(names, ", "))
                                       : text::did_you_mean(key, names)));
  }
  return true;
}

bool YamlReader::expect_sequence(const YAML::Node& node, std::string_view what) const {
  if (node.IsSequence()) return true;
  error(node, fmt::format("{} must be a list (\"- item\" lines), found {}", what, kind_name(node)));
  return false;
}

std::optional<std::string> YamlReader::string(const YAML::Node& map, const char* key, bool required) const {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) error(map, fmt::format("missing required key \"{}\"", key));
    return std::nullopt;
  }
  if (!v.IsScalar()) {
    error(v, fmt::format("\"{}\" must be a single value, found {}", key, kind_name(v)));
    return std::nullopt;
  }
  return v.Scalar();
}

std::optional<double> YamlReader::number_value(const YAML::Node& node, std::string_view what) const {
  if (!node.IsScalar()) {
    error(node, fmt::format("{} must be a number, found {}", what, kind_name(node)));
    return std::nullopt;
  }
  auto value = parse_number(node.Scalar());
  if (!value) error(node, fmt::format("{} must be a number, got \"{}\"", what, node.Scalar()));
  return value;
}

std::optional<double> YamlReader::number(const YAML::Node& map, const char* key, bool required) const {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) error(map, fmt::format("missing required key \"{}\"", key));
    return std::nullopt;
  }
  return number_value(v, fmt::format("\"{}\"", key));
}

std::optional<long> YamlReader::integer(const YAML::Node& map, const char* key, bool required) const {
  auto d = number(map, key, required);
  if (!d) return std::nullopt;
  if (*d != std::floor(*d) || std::fabs(*d) > 1e15) {
    error(map[key], fmt::format("\"{}\" must be a whole number, got \"{}\"", key, map[key].Scalar()));
    return std::nullopt;
  }
  return static_cast<long>(*d);
}

std::optional<bool> YamlReader::boolean(const YAML::Node& map, const char* key, bool required) const {
  auto s = string(map, key, required);
  if (!s) return std::nullopt;
  if (*s == "true") return true;
  if (*s == "false") return false;
  error(map[key], fmt::format("\"{}\" must be true or false, got \"{}\"", key, *s));
  return std::nullopt;
}

}  // namespace safeassess::io
