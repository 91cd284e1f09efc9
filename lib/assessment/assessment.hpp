#pragma once
// One assessment run: the manifest (which ruleset, which data files) and the data it names,
// loaded and checked against the ruleset. Bulk data streams from CSV: values are kept in
// flat arrays, one row per unit, not as strings.

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "assessment/units.hpp"
#include "chain/chain.hpp"
#include "core/rows.hpp"
#include "duty/compliance.hpp"
#include "duty/duty_list.hpp"
#include "hazard/ledger.hpp"
#include "io/encoding.hpp"
#include "model/ruleset.hpp"
#include "risk/risk.hpp"

namespace safeassess::assessment {

// A file the run read, for the report's appendix.
struct InputFile {
  std::string role;  // "manifest", "ruleset", "units", "indicators", "ratings"
  std::string path;  // as displayed
  std::string sha256;
  std::optional<RowAccount> rows;  // for a table (CSV); nullopt for a YAML file
};

struct Manifest {
  std::string file;  // as displayed
  std::filesystem::path dir;
  std::string name;         // assessment.name
  std::string period;       // assessment.period
  std::string assessor;     // assessment.assessor (optional)
  std::string ruleset_ref;  // "builtin:NAME" or a path
  Location ruleset_at;
  std::optional<ruleset::MissingPolicy> missing;
  Location missing_at;
  Location period_at;
  struct DataRef {
    std::string path;  // as written in the manifest
    Location at;
  };
  std::optional<DataRef> units, indicators, ratings, hazards;
  // The responsibility chain: its duty list ("builtin:NAME" or a path), the chain (a YAML
  // file, or nodes and edges CSV files), the performance records and the accidents.
  std::optional<DataRef> duties, chain, chain_edges, records, accidents;
  // Risk points (风险分级管控) and the matrix that grades them ("builtin:NAME" or a path).
  std::optional<DataRef> risks, risk_matrix;
  io::Encoding encoding = io::Encoding::Auto;
};

// The files on disk a manifest names, itself first (paths as the run opens them; bundled
// "builtin:" references are not files). An output may not be one of them or hold one.
[[nodiscard]] std::vector<std::filesystem::path> input_paths(const Manifest& m);

// Parses a manifest; throws InputError with every problem found.
[[nodiscard]] Manifest parse_manifest(const std::string& display, const std::string& text,
                                      const std::filesystem::path& dir);

// Input values, unit-major: value(u, i). NaN marks an empty cell (the missing-data
// policy decides what it means; loading already rejected what the policy forbids).
struct Values {
  std::size_t columns = 0;
  std::vector<double> data;
  [[nodiscard]] std::span<const double> row(std::size_t unit) const {
    return {data.data() + unit * columns, columns};
  }
};

// Expert ratings per (unit, rating indicator), already mapped to [0, 1], in CSR form.
struct Ratings {
  std::vector<std::size_t> items;      // indicator index for each rating item slot
  std::vector<std::uint32_t> offsets;  // (unit * items.size() + slot) -> start in values
  std::vector<double> values;
  [[nodiscard]] std::size_t slot_of(std::size_t indicator) const;
  [[nodiscard]] std::span<const double> of(std::size_t unit, std::size_t slot) const {
    const std::size_t k = unit * items.size() + slot;
    return {values.data() + offsets[k], offsets[k + 1] - offsets[k]};
  }
};

// The responsibility chain a manifest names, with its duty list, the duty compliance its
// records give (when it names records) and its accidents.
struct ChainData {
  duty::DutyList duties;
  chain::Chain chain;
  std::optional<duty::Compliance> compliance;
  std::vector<chain::Accident> accidents;
};

struct Assessment {
  Manifest manifest;
  ruleset::Ruleset rules;
  ruleset::MissingPolicy missing = ruleset::MissingPolicy::Error;  // effective policy
  Units units;
  Values values;
  Ratings ratings;
  std::vector<InputFile> files;
  // Per input: where its values came from when not the indicators file (e.g. "hazard
  // ledger examples/x/ledger.csv"); empty otherwise. Reports name it next to the value.
  std::vector<std::string> input_origin;
  std::optional<ChainData> chain;  // when the manifest names one
  // The hazard ledger as of the period's last day, when the manifest names one (read once,
  // here: the score takes inputs from it and the reports list its hazards).
  std::optional<hazard::LedgerReport> ledger;
};

// Loaders for each data file, from text so that tests need no disk. Each throws
// InputError with every problem found. `bytes` is consumed (decoded in place).
[[nodiscard]] Units load_units(const std::string& display, std::string bytes, io::Encoding enc);
// The same, but problems go to `diagnostics` and the valid rows are returned, so that
// the files after it can still be checked in the same run.
[[nodiscard]] Units load_units(const std::string& display, std::string bytes, io::Encoding enc,
                               Diagnostics& diagnostics);
// `supplied` lists inputs that come from elsewhere (the hazard ledger): the file must not
// have their columns.
[[nodiscard]] Values load_values(const std::string& display, std::string bytes, io::Encoding enc,
                                 const ruleset::Ruleset& rules, ruleset::MissingPolicy missing,
                                 const Units& units, const std::vector<std::size_t>& supplied = {});
// `bytes` is nullopt when the manifest names no ratings file.
[[nodiscard]] Ratings load_ratings(const std::string& display, std::optional<std::string> bytes,
                                   io::Encoding enc, const ruleset::Ruleset& rules,
                                   ruleset::MissingPolicy missing, const Units& units);

// Command-line overrides of what the manifest and ruleset say.
struct LoadOptions {
  std::optional<io::Encoding> encoding;           // overrides the manifest's
  std::optional<ruleset::MissingPolicy> missing;  // overrides manifest and ruleset
  bool chain = false;                             // load_basics: also load the chain
};

// The manifest, its ruleset and its units: what every subcommand on a manifest needs.
struct Basics {
  Manifest manifest;
  ruleset::Ruleset rules;
  Units units;
  std::vector<InputFile> files;
  std::optional<ChainData> chain;  // with LoadOptions::chain, when the manifest names one
};
[[nodiscard]] Basics load_basics(const std::filesystem::path& path, const LoadOptions& options = {});

// The last day of the manifest's period (the as-of date of its hazard ledger). Throws
// InputError at the manifest's period when it is not 2024, 2024-H1, 2024-Q3 or 2024-07.
[[nodiscard]] std::int32_t period_end(const Manifest& m);

// Reads the manifest at `path`, the ruleset it names and every data file, and checks them
// against each other. Throws InputError with all problems found across the files.
[[nodiscard]] Assessment load_assessment(const std::filesystem::path& path, const LoadOptions& options = {});

// Loads a ruleset reference: "builtin:NAME" or a path (relative to `dir`). `at` is the
// place that names it. Returns the ruleset and records the file in `files`.
[[nodiscard]] ruleset::Ruleset load_ruleset_ref(const std::string& ref, const std::filesystem::path& dir,
                                                const Location& at, std::vector<InputFile>* files);

// The risk points a manifest names, graded with its matrix (default builtin:ls-5x5; a path
// is relative to the manifest); nullopt when it names none. Throws InputError.
struct Risks {
  risk::Matrix matrix;
  risk::RiskList list;
};
// With `a`, every point's unit must be one of its units, and the risk list (and a matrix
// read from a file) joins a->files, with its row accounting.
[[nodiscard]] std::optional<Risks> load_risks(const Manifest& m, std::optional<io::Encoding> encoding = {},
                                              Assessment* a = nullptr);

}  // namespace safeassess::assessment
