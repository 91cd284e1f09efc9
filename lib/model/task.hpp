#pragma once
// Task lists (四张清单: 责任清单, 任务清单, 问题清单, 整改清单; seed 000 §2.4.1): what a
// responsibility becomes over a year. A task has an owner post, lead and co-responsible
// units, a start and a deadline, optional milestones with dates and weights, and progress
// records (a percent, or a milestone reached). How progress is judged (红黄绿, the
// escalation ladder) is the ruleset's TaskPolicy (model/ruleset.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/decimal.hpp"

namespace safeassess::task {

// The four lists of Zhejiang's 四张清单 (seed 000 §2.4.1).
enum class ListKind : std::uint8_t { Responsibility = 0, Task = 1, Problem = 2, Rectification = 3 };
inline constexpr std::size_t k_list_kinds = 4;
[[nodiscard]] std::string_view to_string(ListKind k);  // responsibility, task, problem, rectification
[[nodiscard]] std::string_view chinese(ListKind k);  // 责任清单, 任务清单, 问题清单, 整改清单
// By id or Chinese name, with or without 清单 (责任, 责任清单, responsibility).
[[nodiscard]] std::optional<ListKind> parse_list_kind(std::string_view s);

struct Milestone {
  std::string id;
  std::string name;
  date::Day due = 0;
  num::Decimal weight;  // percent of the task; a task's weights sum to 100
  long line = 0;
};

// One progress report: a percent done, or a milestone reached (its cumulative weight).
struct Progress {
  date::Day day = 0;
  num::Decimal percent;                  // 0..100 after the milestone is resolved
  std::uint32_t milestone = 0xFFFFFFFF;  // index into the task's milestones, or none
  std::string evidence;
  long line = 0;
};

struct Task {
  std::string id;
  ListKind list = ListKind::Task;
  std::string title;
  std::string unit;  // the assessed unit it counts for (may be empty without a units file)
  std::uint32_t unit_index = 0xFFFFFFFF;
  std::string owner;   // the owner post: a chain node id (may be empty)
  std::string lead;    // lead unit (牵头单位)
  std::string co;      // co-responsible units (配合单位), as written
  std::string source;  // where it comes from: a duty, a hazard, an inspection, a higher-level 督办
  date::Day start = 0;
  date::Day deadline = 0;
  long line = 0;
  std::vector<Milestone> milestones;  // by due date
  std::vector<Progress> progress;     // by date (file order within a day)
};

struct TaskBook {
  std::string file;             // the task list as displayed
  std::string milestones_file;  // empty when none
  std::string progress_file;    // empty when none
  std::string sha256;           // of the task list's bytes
  std::vector<Task> tasks;      // file order
  std::uint64_t milestone_rows = 0;
  std::uint64_t progress_rows = 0;
};

}  // namespace safeassess::task
