#pragma once
// Typed reading of YAML with source positions. Every read reports its problems to a
// Diagnostics collector at `file:line:col` and carries on, so that one pass over a file
// finds all of its problems. yaml-cpp marks count from 0; Locations count from 1.

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/decimal.hpp"
#include "core/error.hpp"

namespace safeassess::io {

// Limits of a definition file (README "Safety"). yaml-cpp has none of its own: a file of
// nested aliases ("billion laughs") would expand past any memory, deep nesting would
// exhaust the stack.
inline constexpr std::size_t k_yaml_max_bytes = 16 * 1024 * 1024;
inline constexpr int k_yaml_max_depth = 64;
// Nodes the document may have once its aliases are expanded: this many, or ten times the
// nodes it writes out, whichever is more.
inline constexpr std::uint64_t k_yaml_max_nodes = 100000;

// Parses one YAML document. Before yaml-cpp builds it, the text is checked: at most
// k_yaml_max_bytes, valid UTF-8 with no NUL or other control character than tab, line
// feed and carriage return, one document, no key twice in a mapping (both places named),
// no complex keys, nesting at most k_yaml_max_depth and at most k_yaml_max_nodes nodes
// with aliases expanded. Throws InputError at the place of the first problem.
[[nodiscard]] YAML::Node parse_yaml(const std::string& display, const std::string& text);

// yaml-cpp counts columns in bytes; editors count characters. The column of a mark in
// `text`, in characters (code points), from 1.
[[nodiscard]] long character_column(std::string_view text, int byte_line, int byte_column);

class YamlReader {
 public:
  // `text` is the parsed source (kept by the caller) so that columns can be given in
  // characters, as editors show them.
  YamlReader(std::string file, std::string_view text, Diagnostics& diagnostics)
      : m_file(std::move(file)), m_text(text), m_diagnostics(&diagnostics) {}

  [[nodiscard]] const std::string& file() const { return m_file; }
  [[nodiscard]] Diagnostics& diagnostics() const { return *m_diagnostics; }
  [[nodiscard]] Location at(const YAML::Node& node) const;
  void error(const YAML::Node& node, std::string message) const;

  // True if `node` is a map; reports it otherwise ("`what` must be a mapping"). Every key
  // not in `allowed` is reported at the key, with a did-you-mean.
  bool expect_map(const YAML::Node& node, std::string_view what,
                  std::initializer_list<std::string_view> allowed) const;
  // True if `node` is a sequence; reports it otherwise.
  bool expect_sequence(const YAML::Node& node, std::string_view what) const;

  // The scalar at map[key]. A missing key is reported when `required` (at the map);
  // a key holding a map or a sequence is always reported.
  std::optional<std::string> string(const YAML::Node& map, const char* key, bool required) const;
  std::optional<double> number(const YAML::Node& map, const char* key, bool required) const;
  // The same read exactly as a decimal (at most 12 decimals, at most 10^18): for every number
  // a score is computed from.
  std::optional<num::Decimal> decimal(const YAML::Node& map, const char* key, bool required) const;
  std::optional<long> integer(const YAML::Node& map, const char* key, bool required) const;
  std::optional<bool> boolean(const YAML::Node& map, const char* key, bool required) const;

  // A scalar node read as a number, reported if it is not one.
  std::optional<double> number_value(const YAML::Node& node, std::string_view what) const;
  std::optional<num::Decimal> decimal_value(const YAML::Node& node, std::string_view what) const;

 private:
  std::string m_file;
  std::string_view m_text;
  Diagnostics* m_diagnostics;
};

}  // namespace safeassess::io
