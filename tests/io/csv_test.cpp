#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "io/csv.hpp"
#include "io/encoding.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::io;

namespace {
std::vector<std::vector<std::string>> read_all(std::string text, long* last_line = nullptr) {
  const std::size_t start = decode_to_utf8(text, Encoding::Auto, "t.csv");
  CsvReader r("t.csv", text, start);
  std::vector<std::vector<std::string>> rows;
  while (r.next()) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < r.size(); ++i) row.emplace_back(r[i]);
    rows.push_back(row);
    if (last_line) *last_line = r.line();
  }
  return rows;
}
}  // namespace

TEST_CASE("CSV quoting as Excel writes it") {
  const auto rows = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n1,,3\r\n");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
  CHECK(rows[2] == std::vector<std::string>{"1", "", "3"});
}

TEST_CASE("CSV: BOM is skipped, blank rows and Excel's trailing empty rows are skipped") {
  long line = 0;
  const auto rows = read_all("\xEF\xBB\xBFid,name\n\nU1,甲\n,,\n", &line);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0][0] == "id");
  CHECK(rows[1] == std::vector<std::string>{"U1", "甲"});
  CHECK(line == 3);
}

TEST_CASE("CSV: record line numbers count newlines inside quotes") {
  long line = 0;
  read_all("h\n\"a\nb\nc\"\nlast\n", &line);
  CHECK(line == 5);
}

TEST_CASE("CSV: a last line without newline and a trailing comma") {
  const auto rows = read_all("a,b\n1,");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1] == std::vector<std::string>{"1", ""});
}

TEST_CASE("CSV: an unterminated quote names its place") {
  CHECK(test::input_error([] { read_all("a,b\n1,\"open\n"); }) ==
        "t.csv:2:2: quoted field never closes; add the missing '\"'");
}

TEST_CASE("CSV: a repeated header column is an error") {
  std::string text = "id,name,id\n";
  CsvReader r("u.csv", text);
  CHECK(test::input_error([&] { CsvHeader h(r); }) ==
        "u.csv:1:3: column \"id\" appears twice in the header (columns A and C); rename or remove one");
}

TEST_CASE("CSV: a missing column suggests the closest header") {
  std::string text = "unit,acidents_cur\n";
  CsvReader r("v.csv", text);
  CsvHeader h(r);
  Diagnostics d;
  CHECK_FALSE(h.require("accidents_cur", "事故起数", d).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d.items()[0].to_string() ==
        "v.csv:1: missing column \"accidents_cur\" (事故起数), did you mean \"acidents_cur\"?");
}

TEST_CASE("numbers parse strictly") {
  CHECK(parse_number(" 12.5 ") == 12.5);
  CHECK(parse_number("+3") == 3);
  CHECK(parse_number("-0.25") == -0.25);
  CHECK(parse_number("1e3") == 1000);
  CHECK_FALSE(parse_number("").has_value());
  CHECK_FALSE(parse_number("12abc").has_value());
  CHECK_FALSE(parse_number("nan").has_value());
  CHECK_FALSE(parse_number("inf").has_value());
  CHECK_FALSE(parse_number("1,234").has_value());
}

TEST_CASE("GB18030 is detected and decoded") {
  // "id,name\nU1,县" with 县 in GB18030 (0xCF 0xD8).
  const auto rows = read_all("id,name\nU1,\xCF\xD8\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][1] == "县");
}

TEST_CASE("forcing UTF-8 on GB18030 bytes is an error naming the line") {
  std::string text = "id,name\nU1,\xCF\xD8\n";
  CHECK(test::input_error([&] { decode_to_utf8(text, Encoding::Utf8, "u.csv"); }) ==
        "u.csv:2: the file is not valid UTF-8; if it was saved by Excel or WPS as plain \"CSV\", "
        "pass --encoding gb18030");
}

TEST_CASE("encoding names") {
  CHECK(parse_encoding("GBK") == Encoding::Gb18030);
  CHECK(parse_encoding("utf8") == Encoding::Utf8);
  CHECK_THROWS_WITH_AS((void)parse_encoding("latin1"),
                       "unknown encoding \"latin1\"; expected auto, utf-8 or gb18030", UsageError);
}

namespace {
// Every data row of a CSV file opened as the loaders open it.
std::vector<std::vector<std::string>> rows_of(std::string bytes, Encoding enc = Encoding::Auto) {
  CsvFile f("t.csv", std::move(bytes), enc);
  std::vector<std::vector<std::string>> rows{f.header().names()};
  while (f.reader().next()) {
    std::vector<std::string> row;
    for (std::size_t i = 0; i < f.reader().size(); ++i) row.emplace_back(f.reader()[i]);
    rows.push_back(row);
  }
  return rows;
}

std::string gb(const std::string& utf8) {
  // 县 乡 镇 甲 in GB18030.
  std::string out = utf8;
  for (auto [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"县", "\xCF\xD8"}, {"乡", "\xCF\xE7"}, {"镇", "\xD5\xF2"}, {"甲", "\xBC\xD7"}})
    for (std::size_t p; (p = out.find(from)) != std::string::npos;) out.replace(p, from.size(), to);
  return out;
}
}  // namespace

TEST_CASE("CSV: every row has the header's width") {
  CHECK(test::input_error([] { (void)rows_of("id,name,level\nU1,甲,县\nU2,乙,县,extra\n"); }) ==
        "t.csv:3:4: this row has 4 cells but the header has 3 columns (the last is C \"level\"); remove the "
        "extra "
        "cells, or quote the field that holds a comma");
  CHECK(test::input_error([] { (void)rows_of("id,name,level\nU1,甲,县\nU2,乙,县,\n"); }) ==
        "t.csv:3:4: this row has 4 cells but the header has 3 columns (the last is C \"level\"); remove the "
        "extra "
        "cells, or quote the field that holds a comma");
  CHECK(test::input_error([] { (void)rows_of("id,name,level,parent\nU1\n"); }) ==
        "t.csv:2:2: this row has 1 cell but the header has 4 columns: 3 are missing (B \"name\", C "
        "\"level\", D "
        "\"parent\"); add the missing cells, empty if need be");
  CHECK(test::input_error([] { (void)rows_of("id,name\r\nU1,甲\r\nU2\r\n"); }) ==
        "t.csv:3:2: this row has 1 cell but the header has 2 columns: one is missing (B \"name\"); add the "
        "missing cells, empty if need be");
  // A comma inside quotes is one cell; blank rows and Excel's ",," rows are not records.
  CHECK(rows_of("id,name\n\"U1\",\"甲, 乙\"\n\n,\n").size() == 2);
}

TEST_CASE("CSV: lines ended by CR alone (old Mac exports) are read as lines") {
  const auto rows = rows_of("id,name\rU1,甲\rU2,\"two\rlines\"\r");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == std::vector<std::string>{"U1", "甲"});
  CHECK(rows[2] == std::vector<std::string>{"U2", "two\nlines"});
}

TEST_CASE("CSV: old Excel for Mac ends rows with CR and breaks lines in a cell with LF") {
  const auto rows = rows_of("id,name\rU1,\"two\nlines\"\rU2,乙\r");
  REQUIRE(rows.size() == 3);
  CHECK(rows[1] == std::vector<std::string>{"U1", "two\nlines"});
  CHECK(rows[2] == std::vector<std::string>{"U2", "乙"});
  // A file with LF row ends keeps a lone CR inside a cell as text, written out.
  CHECK(rows_of("id,name\nU1,a\rb\n")[1] == std::vector<std::string>{"U1", "a\\x0db"});
}

TEST_CASE("CSV: a GB18030 byte-order mark is read, mixed encodings are refused") {
  const auto rows = rows_of("\x84\x31\x95\x33" + gb("id,name\nU1,甲县\n"));
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"id", "name"});
  CHECK(rows[1] == std::vector<std::string>{"U1", "甲县"});
  CHECK(rows_of("\x84\x31\x95\x33" + gb("id,name\nU1,甲县\n"), Encoding::Gb18030) == rows);
  // Mostly UTF-8, one row pasted from a GB18030 export: that row is named.
  CHECK(
      test::input_error([] { (void)rows_of("id,name\nU1,甲县\nU2,乡镇\n" + gb("U3,甲镇\n") + "U4,县\n"); }) ==
      "t.csv:4: this row is not UTF-8 (GB18030?) but row 2 is UTF-8: the file mixes two encodings; save it "
      "again "
      "from Excel or WPS as one (\"CSV UTF-8\")");
  // Mostly GB18030, one UTF-8 row.
  CHECK(test::input_error([] { (void)rows_of(gb("id,name\nU1,甲县\nU2,乡镇\n") + "U3,甲镇\n"); }) ==
        "t.csv:4: this row is UTF-8 but row 2 is not UTF-8 (GB18030?): the file mixes two encodings; save it "
        "again "
        "from Excel or WPS as one (\"CSV UTF-8\")");
  CHECK(test::input_error([] { (void)rows_of("id,name\nU1,甲县\n", Encoding::Gb18030); }) ==
        "t.csv:2: this file is UTF-8, not GB18030; pass --encoding utf-8 (or remove \"encoding: gb18030\" "
        "from the "
        "manifest)");
  // A pure GB18030 file is still read.
  CHECK(rows_of(gb("id,name\nU1,甲县\nU2,乡镇\n"))[2] == std::vector<std::string>{"U2", "乡镇"});
}

TEST_CASE("CSV: a UTF-8 byte-order mark does not let other bytes through") {
  CHECK(
      test::input_error([] { (void)rows_of("\xEF\xBB\xBFid,name\nU1,甲县\nU2,乡镇\n" + gb("U3,甲镇\n")); }) ==
      "t.csv:4: this row is not UTF-8 (GB18030?) but row 2 is UTF-8: the file mixes two encodings; save it "
      "again "
      "from Excel or WPS as one (\"CSV UTF-8\")");
  CHECK(
      test::input_error([] { (void)rows_of("\xEF\xBB\xBFid,name\nU1,a\n" + gb("U3,甲镇\n")); }) ==
      "t.csv:3: the file starts with a UTF-8 byte-order mark but is not valid UTF-8 here; save it again from "
      "Excel or WPS as \"CSV UTF-8\"");
  CHECK(rows_of("\xEF\xBB\xBFid,name\nU1,甲\n")[1] == std::vector<std::string>{"U1", "甲"});
}

TEST_CASE("CSV: an optional column under two of its names is an error, not a guess") {
  CsvFile f("t.csv", "id,整改完成日期,rectified\nH1,2024-01-02,\n", Encoding::Auto);
  Diagnostics d;
  CHECK_FALSE(f.header().optional_any({"rectified", "整改完成日期"}, d).has_value());
  REQUIRE(d.size() == 1);
  CHECK(d.items()[0].to_string() ==
        "t.csv:1:2: columns C \"rectified\" and B \"整改完成日期\" both hold \"rectified\"; keep one");
  Diagnostics none;
  CHECK(f.header().optional_any({"closed", "销号日期"}, none) == std::nullopt);
  CHECK(f.header().optional_any({"id", "编号"}, none) == 0);
  CHECK(none.empty());
}

TEST_CASE(
    "CSV: only a template's note row is skipped: the first row under the header, starting with \"# \"") {
  std::string text = "id,name\n# 单位编号,单位名称\n#YH-1,甲\n# x,乙\n";
  CsvFile file("t.csv", std::move(text), Encoding::Utf8);
  REQUIRE(file.reader().next());
  CHECK(file.cell(0) == "#YH-1");  // an id that starts with # is data
  REQUIRE(file.reader().next());
  CHECK(file.cell(0) == "# x");  // not right under the header: data
  CHECK_FALSE(file.reader().next());
  std::string plain = "id,name\n#YH-1,甲\n";
  CsvFile second("t.csv", std::move(plain), Encoding::Utf8);
  REQUIRE(second.reader().next());
  CHECK(second.cell(0) == "#YH-1");
}
