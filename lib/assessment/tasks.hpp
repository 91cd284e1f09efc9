#pragma once
// The task list a manifest names ("tasks": a file, or {list, milestones, progress}), read
// with its units (README "Tasks").

#include <optional>

#include "io/encoding.hpp"
#include "model/manifest.hpp"
#include "model/task.hpp"
#include "model/units.hpp"

namespace safeassess::assessment {

// nullopt when the manifest names no task list. Throws InputError with every problem.
[[nodiscard]] std::optional<task::TaskBook> load_tasks(const Manifest& m, const Units& units,
                                                       std::optional<io::Encoding> encoding = {});

}  // namespace safeassess::assessment
