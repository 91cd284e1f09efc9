#pragma once
// Many assessments in one go (batch, for agencies: jurisdictions or years): which manifests a
// folder or a list names, and what each run came to, for the index of the batch.

#include <cstddef>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "assessment/run.hpp"

namespace safeassess::assessment {

struct BatchItem {
  std::filesystem::path manifest;
  std::string shown;   // the manifest as the user wrote or found it
  std::string folder;  // its report set's folder in the batch output: unique, no '/'
};

// The manifests of a batch, in a fixed order:
// - a folder: every file named manifest.yaml in it and its subfolders, by path;
// - a list file: one manifest path per line (relative to the list's folder), in the list's
//   order; blank lines and lines starting with # are skipped.
// Each report folder is named after the manifest's folder relative to the batch folder
// (county-2024, 2023-county-2024 for 2023/county-2024) or, for a list, after the manifest's
// own folder, with the manifest's stem when it is not "manifest", made unique with -2, -3. Throws InputError
// for a missing folder or list, a list line that names no file, a manifest listed twice, or a batch with no
// manifest.
[[nodiscard]] std::vector<BatchItem> batch_items(const std::filesystem::path& dir_or_list);

enum class BatchOutcome { Ok, GateTripped, InvalidInput, InternalError };

// What one run came to.
struct BatchResult {
  BatchItem item;
  BatchOutcome outcome = BatchOutcome::Ok;
  std::vector<std::string> problems;  // the first messages of a failed run
  std::size_t problem_count = 0;
  // When the run succeeded:
  std::string name, period, ruleset;
  std::size_t units = 0;
  std::vector<std::pair<std::string, std::size_t>> grades;  // in the ruleset's order, those present
  std::size_t interviews = 0, vetoed = 0;
  std::vector<std::string> gates;  // the gates it tripped
};

// The summary fields of `result` from a run that succeeded.
void summarize(const Run& run, BatchResult& result);

// The name of an outcome for machines: ok, gate-tripped, invalid-input, internal-error.
[[nodiscard]] const char* outcome_id(BatchOutcome o);

}  // namespace safeassess::assessment
