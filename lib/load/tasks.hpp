#pragma once
// Reads a task list (model/task.hpp) from CSV text or a workbook sheet: the list, and
// optionally its milestones and progress records (README "Tasks").

#include <optional>
#include <string>

#include "io/encoding.hpp"
#include "model/task.hpp"
#include "model/units.hpp"

namespace safeassess::task {

// One input table: as displayed in messages, and its bytes (CSV, or a sheet as CSV text).
struct TableText {
  std::string shown;
  std::string bytes;
};

// Throws InputError with every problem found, each at its row and column: a repeated task
// id, an unknown list kind, unit or task, a date that does not parse, a deadline before the
// start, a milestone outside its task's span or weights that do not sum to 100, a progress
// record before its task starts, out of 0..100, or with neither or both of a percent and a
// milestone. With `units`, every task's unit must be in it.
[[nodiscard]] TaskBook read_tasks(TableText list, std::optional<TableText> milestones,
                                  std::optional<TableText> progress, io::Encoding enc,
                                  const assessment::Units* units);

// A task list in YAML, for small lists: {tasks: [{id, list, title, unit, owner, lead, co,
// source, start, deadline, milestones: [{id, name, due, weight}], progress: [{date, percent |
// milestone, evidence}]}]}, read by the same rules as the tables; every problem is placed at
// its key in the YAML.
[[nodiscard]] TaskBook read_tasks_yaml(const std::string& display, const std::string& text,
                                       const assessment::Units* units);

}  // namespace safeassess::task
