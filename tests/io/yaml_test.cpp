#include <doctest/doctest.h>

#include <fmt/format.h>

#include <string>

#include "io/yaml.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;

namespace {
std::string parse_error(const std::string& text) {
  return test::input_error([&] { (void)io::parse_yaml("r.yaml", text); });
}

// `levels` nested flow lists under a key.
std::string nested(int levels) {
  return "x: " + std::string(static_cast<std::size_t>(levels), '[') +
         std::string(static_cast<std::size_t>(levels), ']') + "\n";
}

// Ten aliases of the level below, `levels` deep: 10^levels nodes once expanded.
std::string laughs(int levels) {
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= levels; ++i) {
    // fmt, not "literal" + std::string: g++ 12 warns falsely on that (-Wrestrict at -O2).
    text += fmt::format("a{0}: &a{0} [", i);
    for (int k = 0; k < 10; ++k) text += fmt::format("{}*a{}", k ? ", " : "", i - 1);
    text += "]\n";
  }
  return text;
}
}  // namespace

TEST_CASE("YAML: a key twice in one mapping names both places") {
  CHECK(parse_error("id: a\nname: b\nid: c\n") ==
        "r.yaml:3:1: duplicate key \"id\": it is already set at 1:1; keep one of them");
  CHECK(parse_error("indicators:\n  - id: a\n    名称: 甲\n    名称: 乙\n") ==
        "r.yaml:4:5: duplicate key \"名称\": it is already set at 3:5; keep one of them");
  // The same key in two different mappings is fine.
  CHECK(io::parse_yaml("r.yaml", "a: {id: 1}\nb: {id: 2}\n")["b"]["id"].Scalar() == "2");
  CHECK(parse_error("? [a, b]\n: c\n") ==
        "r.yaml:1:3: a mapping key must be a plain value, not a list, a mapping or an alias");
}

TEST_CASE("YAML: one document per file") {
  CHECK(parse_error("id: a\n---\nid: b\n") ==
        "r.yaml:2:1: the file holds more than one YAML document (a second \"---\"); keep one document per "
        "file");
  CHECK(io::parse_yaml("r.yaml", "---\nid: a\n...\n")["id"].Scalar() == "a");
}

TEST_CASE("YAML: nesting and alias expansion are bounded") {
  CHECK(io::parse_yaml("r.yaml", nested(63)).IsMap());
  CHECK(
      parse_error(nested(64)) ==
      "r.yaml:1:67: lists and mappings are nested deeper than 64 levels here; a definition file never needs "
      "that many");
  // A hundred thousand levels: refused at level 64, not a stack overflow.
  CHECK(parse_error(nested(100000)).starts_with("r.yaml:1:67: lists and mappings are nested deeper"));
  CHECK(io::parse_yaml("r.yaml", laughs(3)).IsMap());  // 11,110 nodes expanded
  CHECK(parse_error(laughs(5)) ==
        "r.yaml:2:10: the aliases (*name) of this file expand it to more than 100000 nodes; write the values "
        "out "
        "or use fewer aliases of aliases");
  CHECK(parse_error(laughs(40)).starts_with("r.yaml:2:10: the aliases"));  // 10^40: refused at once
}

TEST_CASE("YAML: bytes that are not text are refused with their place") {
  CHECK(parse_error(std::string("id: a\nname: b\0c\n", 16)) ==
        "r.yaml:2:8: control character U+0000 is not allowed in a YAML file; remove it");
  CHECK(parse_error("id: a\nname: 县\x1b[31m\n") ==
        "r.yaml:2:8: control character U+001B is not allowed in a YAML file; remove it");
  CHECK(parse_error("id: a\nname: b\x7f\n") ==
        "r.yaml:2:8: control character U+007F is not allowed in a YAML file; remove it");
  CHECK(parse_error("id: a\nname: \xff\xfe\n") ==
        "r.yaml:2:7: invalid UTF-8 (byte 0xFF); save the file as UTF-8");
  CHECK(parse_error("name: \xc4\xb3\xcf\xd8\n") ==
        "r.yaml:1:8: invalid UTF-8 (byte 0xCF); save the file as UTF-8");
  CHECK(io::parse_yaml("r.yaml", "id: a\r\nname:\tb\r\n")["name"].Scalar() == "b");
  CHECK(parse_error(std::string(io::k_yaml_max_bytes + 1, ' ')) ==
        "r.yaml: the file has 16777217 bytes; a definition file may have at most 16 MiB (bulk data belongs "
        "in CSV "
        "files)");
}

TEST_CASE("YAML: a number that is not a finite decimal is refused, naming the key") {
  for (const char* bad :
       {".nan", ".NaN", ".inf", "-.inf", "1e400", "0x1F", "0o17", "1_000", "nan", "inf", ""}) {
    CAPTURE(bad);
    const std::string text = std::string("points: \"") + bad + "\"\n";
    const auto root = io::parse_yaml("r.yaml", text);
    Diagnostics d;
    io::YamlReader reader("r.yaml", text, d);
    CHECK(!reader.number(root, "points", true));
    REQUIRE(d.size() == 1);
    CHECK(d.items()[0].to_string() ==
          std::string("r.yaml:1:9: \"points\" must be a number, got \"") + bad + "\"");
  }
  const auto root = io::parse_yaml("r.yaml", "points: 12.5\n");
  Diagnostics d;
  io::YamlReader reader("r.yaml", "points: 12.5\n", d);
  CHECK(reader.number(root, "points", true) == 12.5);
  CHECK(d.empty());
}

TEST_CASE("YAML: invisible characters, raw or spelled as escapes, are refused") {
  CHECK(
      parse_error("id: a\nname: \xe2\x80\xae县\n") ==
      "r.yaml:2:7: invisible character \\u202e (a control or a direction override) is not allowed in a YAML "
      "file; remove it");
  CHECK(
      parse_error("name: \"a\xc2\x9b\"\n") ==
      "r.yaml:1:9: invisible character \\u009b (a control or a direction override) is not allowed in a YAML "
      "file; remove it");
  CHECK(parse_error("id: a\nname: \"red\\e[31m\"\n") ==
        "r.yaml:2:7: this value holds an invisible character (\\x1b, written as an escape); remove it");
  CHECK(parse_error("name: \"\\u202Eevil\"\n") ==
        "r.yaml:1:7: this value holds an invisible character (\\u202e, written as an escape); remove it");
  CHECK(parse_error("name: \"a\\0b\"\n") ==
        "r.yaml:1:7: this value holds an invisible character (\\x00, written as an escape); remove it");
  // Line breaks and tabs in a value are text.
  CHECK(io::parse_yaml("r.yaml", "note: |\n  two\n  lines\ntab: \"a\\tb\"\n")["note"].Scalar() ==
        "two\nlines\n");
}

TEST_CASE("YAML: an alias to a node that contains it is refused, not followed for ever") {
  // Found in review: yaml-cpp builds the cycle, and a reader walking it overflows the stack.
  CHECK(parse_error("when: &c {not: *c}\n") ==
        "r.yaml:1:16: this alias (*name) refers to a list or mapping that contains it; write the value out "
        "instead");
  CHECK(parse_error("a: &x [1, [2, *x]]\n") ==
        "r.yaml:1:15: this alias (*name) refers to a list or mapping that contains it; write the value out "
        "instead");
  CHECK(io::parse_yaml("r.yaml", "a: &x [1, 2]\nb: *x\n")["b"].size() == 2);
}
