#include <doctest/doctest.h>

#include <string>

#include "io/csv.hpp"
#include "io/workbook.hpp"
#include "support/workbook.hpp"

using namespace safeassess;
using namespace safeassess::io;
using test::SheetSpec;

namespace {

std::string sheet_text(const std::string& bytes, const std::string& sheet = "",
                       std::string* shown = nullptr) {
  std::string s;
  std::string text = read_sheet(bytes, "in/book.xlsx", sheet, s);
  if (shown) *shown = s;
  return text;
}

// The message of the InputError that `f` throws, every diagnostic on its own line.
template <class F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("sheet references: the workbook and the sheet, or the first visible sheet") {
  const auto a = sheet_ref("in/data.xlsx#单位");
  REQUIRE(a);
  CHECK(a->workbook == "in/data.xlsx");
  CHECK(a->sheet == "单位");
  const auto b = sheet_ref("D.XLSX");
  REQUIRE(b);
  CHECK(b->sheet.empty());
  CHECK(sheet_ref("a#b/units.csv") == std::nullopt);
  CHECK(sheet_ref("units.csv") == std::nullopt);
  // A sheet name may hold '#': the first ".xlsx#" ends the workbook.
  CHECK(sheet_ref("x.xlsx#第1#组")->sheet == "第1#组");
  CHECK(file_of("in/data.xlsm#S") == "in/data.xlsm");
  CHECK(file_of("in/units.csv") == "in/units.csv");
}

TEST_CASE("places in a sheet print as Excel names cells") {
  CHECK(Location{"d.xlsx#单位", 7, 3}.to_string() == "d.xlsx#单位!C7");
  CHECK(Location{"d.xlsx#单位", 7, 28}.to_string() == "d.xlsx#单位!AB7");
  CHECK(Location{"d.xlsx#单位", 7, 0}.to_string() == "d.xlsx#单位!7:7");
  CHECK(Location{"d.xlsx#单位", 0, 0}.to_string() == "d.xlsx#单位");
  CHECK(Location{"units.csv", 7, 3}.to_string() == "units.csv:7:3");
}

TEST_CASE("cells: shared, rich and inline text, numbers as Excel shows them, booleans, cached formulas") {
  const std::string rows =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" "
      "t=\"inlineStr\"><is><t>c</t></is></c><c r=\"D1\" t=\"s\"><v>2</v></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>3</v></c><c r=\"B2\"><v>0.30000000000000004</v></c>"
      "<c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\"><f>B2*10</f><v>3</v></c></row>"
      "<row r=\"4\"><c r=\"A4\" t=\"inlineStr\"><is><r><t>甲</t></r><r><t>乙</t></r></is></c>"
      "<c r=\"B4\"><v>1E-3</v></c><c r=\"C4\" t=\"b\"><v>0</v></c><c r=\"D4\" "
      "t=\"str\"><f>\"a\"&amp;\"b\"</f>"
      "<v>ab</v></c></row>"
      "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>4</v></c><c r=\"B5\"><v>12345678901234567890</v></c></row>";
  const std::string book = test::workbook(
      {{"数据", rows, "", ""}},
      {"id", "x", "<r><t>名</t></r><r><t>称</t></r><rPh><t>ミョウ</t></rPh>", "C01", "a, \"b\"_x000D_"});
  std::string shown;
  CHECK(sheet_text(book, "", &shown) ==
        "id,x,c,名称\nC01,0.3,TRUE,3\n\n甲乙,0.001,FALSE,ab\n\"a, \"\"b\"\"\r\",12345678901234600000,,\n");
  CHECK(shown == "in/book.xlsx#数据");
}

TEST_CASE("dates in the 1900 and 1904 systems, percent formats and custom formats") {
  // xf 0 General, 1 builtin date 14, 2 custom 年月日, 3 builtin datetime 22, 4 percent 10, 5 custom 0.0%
  const std::string fmts =
      "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
      "<numFmt numFmtId=\"177\" formatCode=\"0.0%\"/>";
  const std::string rows =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c>"
      "<c t=\"inlineStr\"><is><t>c</t></is></c><c t=\"inlineStr\"><is><t>d</t></is></c></row>"
      "<row r=\"2\"><c s=\"1\"><v>45356</v></c><c s=\"2\"><v>45356</v></c><c s=\"3\"><v>45356.5</v></c>"
      "<c s=\"4\"><v>0.985</v></c></row>"
      "<row r=\"3\"><c s=\"1\"><v>59</v></c><c s=\"1\"><v>61</v></c><c s=\"1\"><v>1</v></c>"
      "<c s=\"5\"><v>1</v></c></row>";
  CHECK(sheet_text(test::workbook({{"S", rows, "", ""}}, {}, {0, 14, 176, 22, 10, 177}, fmts)) ==
        "a,b,c,d\n2024-03-05,2024-03-05,2024-03-05 12:00,98.5%\n1900-02-28,1900-03-01,1900-01-01,100%\n");
  // The 1904 system counts from 1904-01-01: 43894 is 2024-03-05.
  const std::string rows1904 =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c "
      "s=\"1\"><v>43894</v></c></row>";
  CHECK(sheet_text(test::workbook({{"S", rows1904, "", ""}}, {}, {0, 14}, "", true)) == "a\n2024-03-05\n");
  // Serial 60 is Excel's 1900-02-29, which did not exist.
  const std::string rows60 =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\"><c r=\"A2\" "
      "s=\"1\"><v>60</v></c></row>";
  CHECK(
      error_of([&] {
        (void)sheet_text(test::workbook({{"S", rows60, "", ""}}, {}, {0, 14}));
      }) ==
      "in/book.xlsx#S!A2: the cell is formatted as a date but its value 60 is 1900-02-29, a day that did not "
      "exist (Excel's 1900 leap-year error); type the date");
}

TEST_CASE("refused, naming the cell: a formula without its result, an error value, merged cells") {
  const std::string rows =
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>b</t>"
      "</is></c></row><row r=\"2\"><c r=\"A2\"><f>SUM(X1:X9)</f></c><c r=\"B2\" "
      "t=\"e\"><f>1/0</f><v>#DIV/0!</v>"
      "</c></row>";
  CHECK(error_of([&] {
          (void)sheet_text(
              test::workbook({{"S", rows, "<mergeCells><mergeCell ref=\"A1:B1\"/></mergeCells>", ""}}));
        }) ==
        "in/book.xlsx#S!A2: the formula in this cell has no saved result; open the workbook in Excel, WPS or "
        "LibreOffice and save it (so that it computes), or type the value\n"
        "in/book.xlsx#S!B2: the cell holds the error value #DIV/0!; correct the formula or type the value\n"
        "in/book.xlsx#S!1:1: cells A1:B1 are merged; safeassess reads one value per cell: unmerge them "
        "(取消合并单元格) and give every cell its value (a header cell of each column holds its name)");
}

TEST_CASE("sheets: by name (hidden ones too), the first visible by default, a missing one named") {
  const std::string one = "<row r=\"1\"><c t=\"inlineStr\"><is><t>one</t></is></c></row>";
  const std::string two = "<row r=\"1\"><c t=\"inlineStr\"><is><t>two</t></is></c></row>";
  const std::string book = test::workbook({{"旧", one, "", "hidden"}, {"单位", two, "", ""}});
  CHECK(sheet_text(book) == "two\n");
  CHECK(sheet_text(book, "旧") == "one\n");
  CHECK(error_of([&] { (void)sheet_text(book, "单住"); }) ==
        "in/book.xlsx: workbook \"in/book.xlsx\" has no sheet \"单住\"; its sheets are \"旧\" (hidden), "
        "\"单位\", "
        "did you mean \"单位\"?");
  const auto sheets = list_sheets(book, "in/book.xlsx");
  REQUIRE(sheets.size() == 2);
  CHECK(sheets[0].hidden);
  CHECK_FALSE(sheets[1].hidden);
}

TEST_CASE("a file that is not an xlsx workbook is refused with what to do") {
  CHECK(error_of([] {
          (void)sheet_text("id,name\n");
        }).starts_with("in/book.xlsx: \"in/book.xlsx\" is not an .xlsx workbook ("));
  CHECK(error_of([] { (void)sheet_text(std::string("\xD0\xCF\x11\xE0 old", 8)); }) ==
        "in/book.xlsx: \"in/book.xlsx\" is not an .xlsx workbook: it is an old .xls file or an encrypted "
        "(password-protected) workbook; save it as .xlsx (Excel: 另存为 → Excel 工作簿 *.xlsx) without a "
        "password");
  CHECK(error_of([] {
          (void)sheet_text(test::zip_parts({{"xl/workbook.xml", "<workbook><sheets>"}}));
        }).starts_with("in/book.xlsx: \"in/book.xlsx\" has a damaged part \"xl/workbook.xml\" (line 1: "));
}

TEST_CASE("a sheet's rows keep their numbers in the CSV reader, line breaks in cells or not") {
  const std::string rows =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c><c "
      "t=\"inlineStr\"><is><t>note</t></is></c></row>"
      "<row r=\"2\"><c t=\"inlineStr\"><is><t>U1</t></is></c><c "
      "t=\"inlineStr\"><is><t>two\nlines</t></is></c></row>"
      "<row r=\"5\"><c t=\"inlineStr\"><is><t>U2</t></is></c></row>";
  std::string shown;
  std::string text = read_sheet(test::workbook({{"S", rows, "", ""}}), "b.xlsx", "", shown);
  CsvFile file(shown, std::move(text), Encoding::Gb18030);  // a sheet is UTF-8 whatever is asked
  REQUIRE(file.reader().next());
  CHECK(file.reader().line() == 2);
  CHECK(file.cell(1) == "two\nlines");
  REQUIRE(file.reader().next());
  CHECK(file.reader().line() == 5);
  CHECK(file.header().cell(5, 1).to_string() == "b.xlsx#S!B5");
}

TEST_CASE("number formats: LibreOffice's custom General, scientific and elapsed time are numbers") {
  // xf 1: custom "General" (LibreOffice), 2: 0.00E+00, 3: [h]:mm, 4: mm:ss, 5: yyyy-mm-dd hh:mm, 6: zh-CN
  // time 32
  const std::string fmts =
      "<numFmt numFmtId=\"164\" formatCode=\"General\"/><numFmt numFmtId=\"165\" formatCode=\"0.00E+00\"/>"
      "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/><numFmt numFmtId=\"167\" formatCode=\"mm:ss\"/>"
      "<numFmt numFmtId=\"168\" formatCode=\"yyyy-mm-dd hh:mm\"/>";
  const std::string rows =
      "<row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c><c t=\"inlineStr\"><is><t>b</t></is></c>"
      "<c t=\"inlineStr\"><is><t>c</t></is></c><c t=\"inlineStr\"><is><t>d</t></is></c>"
      "<c t=\"inlineStr\"><is><t>e</t></is></c><c t=\"inlineStr\"><is><t>f</t></is></c></row>"
      "<row r=\"2\"><c s=\"1\"><v>12</v></c><c s=\"2\"><v>12345</v></c><c s=\"3\"><v>1.5</v></c>"
      "<c s=\"4\"><v>0.0010416666666666667</v></c><c s=\"5\"><v>45356.25</v></c><c "
      "s=\"6\"><v>0.75</v></c></row>";
  CHECK(sheet_text(test::workbook({{"S", rows, "", ""}}, {}, {0, 164, 165, 166, 167, 168, 32}, fmts)) ==
        "a,b,c,d,e,f\n12,12345,1.5,00:01:30,2024-03-05 06:00,18:00\n");
}

TEST_CASE("a damaged sheet is refused as damaged, never renumbered or overwritten") {
  auto damaged = [](const std::string& rows) {
    return error_of([&] { (void)sheet_text(test::workbook({{"S", rows, "", ""}})); });
  };
  const std::string prefix =
      "in/book.xlsx: \"in/book.xlsx\" has a damaged part \"xl/worksheets/sheet1.xml\" (";
  CHECK(damaged("<row r=\"1\"><row r=\"2\"><c t=\"inlineStr\"><is><t>x</t></is></c></row></row>") ==
        prefix + "a row inside a row); save it again from Excel, WPS or LibreOffice");
  CHECK(damaged("<row r=\"2\"><c t=\"inlineStr\"><is><t>x</t></is></c></row><row r=\"1\"/>") ==
        prefix + "row 1 comes after row 2); save it again from Excel, WPS or LibreOffice");
  CHECK(
      damaged("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"A1\" t=\"inlineStr\"><is>"
              "<t>y</t></is></c></row>") ==
      prefix + "cell A1 comes twice, or out of order); save it again from Excel, WPS or LibreOffice");
  CHECK(damaged("<row r=\"2\"><c r=\"A5\" t=\"inlineStr\"><is><t>x</t></is></c></row>") ==
        prefix + "cell A5 is in row 2); save it again from Excel, WPS or LibreOffice");
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<x>";
  CHECK(damaged(deep).starts_with(prefix + "its elements nest deeper than a spreadsheet's do)"));
}

TEST_CASE("a value right of the header is refused at its cell; a yes/no cell without a value is empty") {
  const std::string rows =
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"b\"/><c r=\"XFD2\"><v>1</v></c></row>";
  CHECK(error_of([&] {
          (void)sheet_text(test::workbook({{"S", rows, "", ""}}));
        }) ==
        "in/book.xlsx#S!XFD2: this cell is right of the header's last column; give its column a header, or "
        "clear "
        "the cell");
  const std::string ok =
      "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\" t=\"b\"/></row>";
  CHECK(sheet_text(test::workbook({{"S", ok, "", ""}})) == "a\n");
}
