#pragma once
// Builds small .xlsx workbooks in memory for tests, part by part (the XML as Excel, WPS or
// LibreOffice writes it), so that each case shows exactly what the reader is given.

#include <zip.h>

#include <unistd.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace safeassess::test {

using Parts = std::vector<std::pair<std::string, std::string>>;

// The bytes of a zip holding `parts`.
inline std::string zip_parts(const Parts& parts) {
  const auto path =
      std::filesystem::temp_directory_path() /
      ("safeassess-test-" + std::to_string(::getpid()) + "-" + std::to_string(rand()) + ".xlsx");
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (!z) throw std::runtime_error("zip_open failed");
  for (const auto& [name, text] : parts) {
    zip_source_t* s = zip_source_buffer(z, text.data(), text.size(), 0);
    if (!s || zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0)
      throw std::runtime_error("zip_file_add failed");
  }
  if (zip_close(z) != 0) throw std::runtime_error("zip_close failed");
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  return bytes.str();
}

inline constexpr const char* k_main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
inline constexpr const char* k_rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

struct SheetSpec {
  std::string name;
  std::string sheet_data;  // the content of <sheetData>
  std::string after;       // after </sheetData> (mergeCells, ...)
  std::string state;       // "" or "hidden"
};

// A workbook of `sheets`, with shared strings and cell formats (`xfs`: the numFmtId of each
// cellXfs entry, `num_fmts`: <numFmt> elements) when given.
inline std::string workbook(const std::vector<SheetSpec>& sheets, const std::vector<std::string>& shared = {},
                            const std::vector<int>& xfs = {}, const std::string& num_fmts = "",
                            bool date1904 = false) {
  Parts parts;
  std::string wb = std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"") + k_main +
                   "\" xmlns:r=\"" + k_rel + "\"><workbookPr" + (date1904 ? " date1904=\"1\"" : "") +
                   "/><sheets>";
  std::string rels =
      "<?xml version=\"1.0\"?><Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    wb += "<sheet name=\"" + sheets[i].name + "\" sheetId=\"" + n + "\"" +
          (sheets[i].state.empty() ? "" : " state=\"" + sheets[i].state + "\"") + " r:id=\"rId" + n + "\"/>";
    rels += "<Relationship Id=\"rId" + n + "\" Type=\"" + k_rel + "/worksheet\" Target=\"worksheets/sheet" +
            n + ".xml\"/>";
    parts.push_back({"xl/worksheets/sheet" + n + ".xml",
                     std::string("<?xml version=\"1.0\"?><worksheet xmlns=\"") + k_main + "\"><sheetData>" +
                         sheets[i].sheet_data + "</sheetData>" + sheets[i].after + "</worksheet>"});
  }
  wb += "</sheets></workbook>";
  if (!shared.empty()) {
    std::string sst = std::string("<?xml version=\"1.0\"?><sst xmlns=\"") + k_main + "\">";
    for (const auto& s : shared)
      sst += s.starts_with("<") ? "<si>" + s + "</si>" : "<si><t>" + s + "</t></si>";
    sst += "</sst>";
    parts.push_back({"xl/sharedStrings.xml", sst});
    rels += std::string("<Relationship Id=\"rIdS\" Type=\"") + k_rel +
            "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
  }
  if (!xfs.empty()) {
    std::string st = std::string("<?xml version=\"1.0\"?><styleSheet xmlns=\"") + k_main + "\">";
    if (!num_fmts.empty()) st += "<numFmts>" + num_fmts + "</numFmts>";
    st += "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
    for (int id : xfs) st += "<xf numFmtId=\"" + std::to_string(id) + "\"/>";
    st += "</cellXfs></styleSheet>";
    parts.push_back({"xl/styles.xml", st});
    rels += std::string("<Relationship Id=\"rIdT\" Type=\"") + k_rel + "/styles\" Target=\"styles.xml\"/>";
  }
  rels += "</Relationships>";
  parts.push_back({"xl/workbook.xml", wb});
  parts.push_back({"xl/_rels/workbook.xml.rels", rels});
  return zip_parts(parts);
}

}  // namespace safeassess::test
