#pragma once
// Writers for task lists (tasks): each task's colour as of a date with its escalation,
// counts per unit, owner and list, and with a dispatch window what changed in it (调度).

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/chain.hpp"
#include "model/duty_list.hpp"
#include "report/format.hpp"
#include "task/status.hpp"

namespace safeassess::report {

struct TasksData {
  const task::TaskBook* book = nullptr;
  const task::Report* report = nullptr;
  const chain::Chain* chain = nullptr;     // to name who acts (may be null)
  const duty::DutyList* duties = nullptr;  // with the chain
  std::vector<std::string> unit_names;     // aligned with report->units ("" when unknown)
  std::string ruleset_id;
};

void write_tasks(std::ostream& out, Format format, const TasksData& d);

// The task table every human format shows (red first), for the assess HTML and workbook.
struct TaskTable {
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
};
[[nodiscard]] TaskTable task_table(const TasksData& d);

// Who acts for an escalation step, for a reader: the chain node's id and name, the body as
// written, or why the chain names nobody (`owner`: the task's owner, a hazard's enterprise).
[[nodiscard]] std::string actor_text(const ruleset::EscalationStep& step, const task::Actor& actor,
                                     std::string_view owner, bool hazard = false);
// The same for machines: {id, name, actor, who, who_name, resolved, unresolved, due}.
[[nodiscard]] nlohmann::ordered_json actor_json(const ruleset::EscalationStep& step, const task::Actor& actor,
                                                date::Day due);

// The colour word of a state in the report's language (绿/黄/红/逾期/已完成…).
[[nodiscard]] std::string state_label(task::State s);

}  // namespace safeassess::report
