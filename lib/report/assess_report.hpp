#pragma once
// The one-shot report set of `safeassess assess`: everything the manifest has data for —
// score, duty compliance, chain gaps, hazards, lost-point attribution — as HTML (one
// self-contained file with inline SVG charts), Markdown, JSON, CSV per table, JUnit XML and
// xlsx. The writers format what the engines computed; the same inputs give the same bytes.

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "assessment/attribution.hpp"
#include "assessment/run.hpp"
#include "chain/analysis.hpp"
#include "hazard/ledger.hpp"
#include "io/file.hpp"
#include "report/tasks_report.hpp"
#include "risk/risk.hpp"
#include "score/engine.hpp"

namespace safeassess::report {

// What the writers read: one run's data and results, and what the report is stamped with.
struct AssessData {
  AssessData(const assessment::Run& run, std::string version, std::optional<std::string> timestamp);
  // It refers into the run, which must outlive it.
  AssessData(assessment::Run&& run, std::string version, std::optional<std::string> timestamp) = delete;

  const assessment::Assessment* a = nullptr;
  const score::Results* r = nullptr;
  const hazard::LedgerReport* ledger = nullptr;  // when the manifest names a ledger
  const chain::Analysis* analysis = nullptr;     // when it names a chain
  const risk::Matrix* matrix = nullptr;          // when it names risks
  const risk::RiskList* risks = nullptr;
  const std::vector<assessment::Attribution>& attributions;  // per unit, when it names a chain or ledger
  const std::vector<assessment::GateCase>& gates;
  const task::Report* tasks = nullptr;   // when it names a task list
  task::Actors actors;                   // who acts for escalation steps, through the chain
  std::string version;                   // the tool's
  std::optional<std::string> timestamp;  // only with --timestamp

  [[nodiscard]] bool has_chain() const;   // a chain was analysed
  [[nodiscard]] bool has_duties() const;  // with duty records
  // What the task writers take (tasks_report.hpp); only with `tasks`.
  [[nodiscard]] TasksData tasks_data() const;
  // A number at the ruleset's precision.
  [[nodiscard]] std::string fixed(double v) const;
  [[nodiscard]] std::string fixed(num::Decimal v) const;
};

// Each writer streams its file to `out` (assess_html.cpp, assess_report.cpp).
void write_html_report(std::ostream& out, const AssessData& d);
void write_markdown_report(std::ostream& out, const AssessData& d);
void write_json_report(std::ostream& out, const AssessData& d);
void write_junit_report(std::ostream& out, const AssessData& d);

// One CSV table of the set: its file name and its writer.
struct CsvTable {
  std::string name;
  std::function<void(std::ostream&)> write;
};
// The tables the run has data for, in a fixed order; the writers refer into `d`.
[[nodiscard]] std::vector<CsvTable> csv_tables(const AssessData& d);
std::vector<CsvTable> csv_tables(AssessData&& d) = delete;
// Writes the workbook at `path` (assess_xlsx.cpp). Throws Error naming `shown` (the path as the user will
// find it) and libxlsxwriter's reason if it fails.
void write_xlsx(const std::string& path, const std::string& shown, const AssessData& d);

// The whole report set into `dir` under `prefix` ("" or "县名/"): report.html, report.md,
// report.json, junit.xml, csv/*.csv and report.xlsx.
void write_report_set(const io::StagingFolder& dir, const std::string& prefix, const AssessData& d);

}  // namespace safeassess::report
