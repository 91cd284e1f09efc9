#pragma once
// One assessment run: the manifest (which ruleset, which data files) and the data it names,
// loaded and checked against the ruleset. Bulk data streams from CSV: values are kept in
// flat arrays, one row per unit, not as strings.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "accident/register.hpp"
#include "duty/compliance.hpp"
#include "hazard/ledger.hpp"
#include "io/encoding.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"
#include "model/manifest.hpp"
#include "model/risk.hpp"
#include "model/ruleset.hpp"
#include "model/targeting.hpp"
#include "model/task.hpp"
#include "model/units.hpp"
#include "model/values.hpp"
#include "risk/risk.hpp"
#include "score/engine.hpp"
#include "task/status.hpp"

namespace safeassess::assessment {

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
  Values values;  // with periods: the year's values (combine_periods)
  // A ruleset with periods: each period's values, in the ruleset's order.
  std::vector<Values> period_values;
  Ratings ratings;
  std::vector<InputFile> files;
  // Per input: where its values came from when not the indicators file (e.g. "hazard
  // ledger examples/x/ledger.csv"); empty otherwise. Reports name it next to the value.
  std::vector<std::string> input_origin;
  std::optional<ChainData> chain;       // when the manifest names one
  std::optional<task::TaskBook> tasks;  // when it names a task list
  // The task list judged as of the period's last day (judged once, here: the score takes
  // inputs from it and the reports list the tasks).
  std::optional<task::Report> task_report;
  // The hazard ledger as of the period's last day, when the manifest names one (read once,
  // here: the score takes inputs from it and the reports list its hazards).
  std::optional<hazard::LedgerReport> ledger;
  // The accident register, when the manifest names one, and what it adds up to per unit in
  // the manifest's period (the score takes inputs from it; reports list the accidents).
  std::optional<accident::Register> accidents;
  std::optional<accident::Summary> accident_summary;
};

// Warnings about the texts a loaded run applies (for `validate`): the manifest's period
// lies wholly or partly outside the days its ruleset is in force.
[[nodiscard]] std::vector<std::string> edition_warnings(const Assessment& a);

// What the score engine reads of a loaded run (it refers into `a`, which must outlive it).
[[nodiscard]] score::Input score_input(const Assessment& a);
score::Input score_input(Assessment&& a) = delete;

// Command-line overrides of what the manifest and ruleset say.
struct LoadOptions {
  std::optional<io::Encoding> encoding;           // overrides the manifest's
  std::optional<ruleset::MissingPolicy> missing;  // overrides manifest and ruleset
  bool chain = false;                             // load_basics: also load the chain
  bool tasks = false;                             // load_basics: also load the task list
  bool chain_only = false;  // with `chain`: the chain and its duty list only (no records, no register)
  // load_basics: what classify needs (the ruleset's targeting section, the enterprise list,
  // the ledger, the accident register, the chain with its records), and with `roster` what
  // sample needs besides (the roster, recusals and past inspections).
  bool targeting = false;
  bool roster = false;
};

// The manifest, its ruleset and its units: what every subcommand on a manifest needs.
struct Basics {
  Manifest manifest;
  ruleset::Ruleset rules;
  Units units;
  std::vector<InputFile> files;
  std::optional<ChainData> chain;       // with LoadOptions::chain, when the manifest names one
  std::optional<task::TaskBook> tasks;  // with LoadOptions::tasks, when the manifest names one
  // With LoadOptions::targeting: the ledger as of the period's last day and the accident
  // register with its summary for the period (when the manifest names them), the enterprise
  // list, and with LoadOptions::roster the roster.
  std::optional<hazard::LedgerReport> ledger;
  std::optional<accident::Register> accidents;
  std::optional<accident::Summary> accident_summary;
  std::optional<targeting::EnterpriseList> enterprises;
  std::optional<targeting::Roster> roster;
};
[[nodiscard]] Basics load_basics(const std::filesystem::path& path, const LoadOptions& options = {});

// Reads the manifest at `path`, the ruleset it names and every data file, and checks them
// against each other. Throws InputError with all problems found across the files.
[[nodiscard]] Assessment load_assessment(const std::filesystem::path& path, const LoadOptions& options = {});

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
