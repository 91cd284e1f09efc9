#pragma once
// The one-shot report set of `safeassess assess`: everything the manifest has data for —
// score, duty compliance, chain gaps, hazards, lost-point attribution — as HTML (one
// self-contained file with inline SVG charts), Markdown, JSON, CSV per table, JUnit XML and
// xlsx. The writers format what the engines computed; the same inputs give the same bytes.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assessment/attribution.hpp"
#include "assessment/run.hpp"
#include "chain/analysis.hpp"
#include "hazard/ledger.hpp"
#include "risk/risk.hpp"
#include "score/engine.hpp"

namespace safeassess::report {

// What the writers read: one run's data and results, and what the report is stamped with.
struct AssessData {
  AssessData(const assessment::Run& run, std::string version, std::optional<std::string> timestamp);

  const assessment::Assessment* a = nullptr;
  const score::Results* r = nullptr;
  const hazard::LedgerReport* ledger = nullptr;  // when the manifest names a ledger
  const chain::Analysis* analysis = nullptr;     // when it names a chain
  const risk::Matrix* matrix = nullptr;          // when it names risks
  const risk::RiskList* risks = nullptr;
  const std::vector<assessment::Attribution>& attributions;  // per unit, when it names a chain or ledger
  const std::vector<assessment::GateCase>& gates;
  std::string version;                   // the tool's
  std::optional<std::string> timestamp;  // only with --timestamp
};

void write_html_report(std::ostream& out, const AssessData& d);
[[nodiscard]] std::string markdown_report(const AssessData& d);
void write_json_report(std::ostream& out, const AssessData& d);
[[nodiscard]] std::string junit_report(const AssessData& d);
// (file name, contents) for every CSV table.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> csv_tables(const AssessData& d);
// Writes the workbook at `path`. Throws Error naming `shown` (the path as the user will
// find it) and libxlsxwriter's reason if it fails.
void write_xlsx(const std::string& path, const std::string& shown, const AssessData& d);

// Text escaped for HTML and XML content and attribute values.
[[nodiscard]] std::string xml_escape(std::string_view s);
// A spreadsheet cell's text, neutralised like a CSV field (a leading ' before =, +, -, @,
// tab or CR) but not quoted, and cut to 32,000 bytes (Excel's cell limit is 32,767
// characters) with "…(truncated)" after it.
[[nodiscard]] std::string cell_text(std::string_view s);

}  // namespace safeassess::report
