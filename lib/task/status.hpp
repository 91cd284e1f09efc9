#pragma once
// Where each task stands as of a date (红黄绿), how long it has been red and which steps of
// the escalation ladder are due, and what changed between two dispatches (调度).
//
// Expected progress on day d is what the plan asks for by the end of that day: with
// milestones, the weights of the milestones due on or before d; without, linear from the
// start to the deadline, (d - start + 1) / (deadline - start + 1) of 100. Reported progress
// is the last record dated on or before d (the last in file order on that day). The
// variance is expected minus reported, in percentage points: green below the ruleset's
// yellow_lag, yellow from yellow_lag up to and including red_lag, red above it; a task not
// done by the end of its deadline is overdue, and overdue counts as red. A task is done on
// the first day its reported progress reaches 100 (and stays there); done late when that
// day is after the deadline.

#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/decimal.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"
#include "model/ruleset.hpp"
#include "model/task.hpp"

namespace safeassess::task {

enum class State : std::uint8_t { NotStarted, Green, Yellow, Red, Overdue, Done, DoneLate };
[[nodiscard]] std::string_view to_string(State s);  // not-started, green, ..., done-late
[[nodiscard]] bool is_red(State s);                 // red or overdue
[[nodiscard]] bool is_done(State s);

struct Status {
  State state = State::NotStarted;
  num::Decimal expected;                 // percent, to 12 decimals
  num::Decimal reported;                 // percent
  num::Decimal lag;                      // expected - reported, percentage points
  date::Day done_on = date::k_no_day;    // when done (k_no_day: not done)
  int days_overdue = 0;                  // past the deadline and not done
  date::Day red_since = date::k_no_day;  // first day of the current red run (k_no_day: not red)
  int days_red = 0;                      // as_of - red_since
  int step = -1;                         // the highest escalation step due (index), or -1
};

// The status of `t` at the end of `day`.
[[nodiscard]] Status status(const Task& t, date::Day day, const ruleset::TaskPolicy& policy);

// The runs of consecutive red days (red or overdue) of `t` up to the end of `to`, in order;
// the last one ends on `to` when the task is red that day.
struct RedRun {
  date::Day first = 0, last = 0;
};
[[nodiscard]] std::vector<RedRun> red_runs(const Task& t, date::Day to, const ruleset::TaskPolicy& policy);

// Who acts for an escalation step of a task: the step's actor resolved through the chain
// (README "Tasks"), or as written when it names a body. An actor that needs the chain
// (owner, superior, role:ROLE) and cannot be found there is unresolved, with the reason.
enum class Unresolved : std::uint8_t {
  None,
  NoOwner,
  NoChain,
  NotInChain,
  NothingAbove,
  UnknownRole,
  NoPost
};
// "", "no-owner", "no-chain", "owner-not-in-chain", "nothing-above", "unknown-role",
// "no-post-with-role"
[[nodiscard]] std::string_view to_string(Unresolved u);

struct Actor {
  std::string id;    // the chain node's id, or the body as the ruleset writes it; "" when unresolved
  std::string name;  // the chain node's name ("" for a body)
  Unresolved unresolved = Unresolved::None;
  [[nodiscard]] bool resolved() const { return unresolved == Unresolved::None; }
};

// Resolves actors against one chain: the posts of each organisation are indexed once.
class Actors {
 public:
  Actors(const chain::Chain* chain, const duty::DutyList* duties);
  [[nodiscard]] Actor of(const ruleset::EscalationStep& step, const Task& t) const {
    return of(step, t.owner);
  }
  // `owner`: a chain node id ("" for none).
  [[nodiscard]] Actor of(const ruleset::EscalationStep& step, std::string_view owner) const;
  // For a hazard: its enterprise (a chain enterprise's id or name) is the owner.
  [[nodiscard]] Actor of_enterprise(const ruleset::EscalationStep& step, std::string_view enterprise) const;

 private:
  const chain::Chain* m_chain;
  const duty::DutyList* m_duties;
  std::vector<std::uint32_t> m_first;  // per node: its posts are m_posts[m_first[v] .. m_first[v + 1])
  std::vector<std::uint32_t> m_posts;  // posts grouped by the organisation they belong to, chain order
  // Per node: for an enterprise without a parent, the organisation that supervises it (属地监管:
  // the first `supervises` edge to it; a post's organisation), else k_no_index.
  std::vector<std::uint32_t> m_supervisor;
};

// An escalation step due: the step (index into the ladder) and the day it fell due.
// `current`: in the red run that lasts to the as-of date (false for a run the task has
// since left).
struct StepDue {
  int step = 0;
  date::Day due = 0;
  bool current = true;
};

// A task list judged as of a date, with the dispatch window (since, as_of] when asked.
struct Row {
  std::uint32_t task = 0;  // index into the book's tasks
  Status now;
  Status before;                   // at `since` (with a window)
  std::vector<StepDue> steps_due;  // steps that fell due in the window, by run and step (all the
                                   // current run's steps due, without a window)
};

enum Change : std::uint8_t {
  k_new = 1,         // started within the window
  k_new_red = 2,     // red now, not red at the window's start
  k_recovered = 4,   // yellow or red then, green or done now
  k_done = 8,        // done within the window
  k_escalated = 16,  // an escalation step fell due within the window
};

struct Counts {
  std::uint64_t tasks = 0, not_started = 0, green = 0, yellow = 0, red = 0, overdue = 0, done = 0,
                done_late = 0;
  std::uint64_t due = 0;          // deadline on or before the as-of date
  std::uint64_t done_by_due = 0;  // of those, done by the as-of date
  std::uint64_t on_time = 0;      // of those, done by the deadline
  std::uint64_t escalations = 0;  // tasks with an escalation step due
  // Completion and on-time rates (%), 100 when nothing is due.
  [[nodiscard]] num::Decimal completion_rate() const;
  [[nodiscard]] num::Decimal on_time_rate() const;
  void add(const Status& s, date::Day as_of, const Task& t);
};

struct Report {
  date::Day as_of = 0;
  std::optional<date::Day> since;
  ruleset::TaskPolicy policy;
  std::vector<Row> rows;              // one per task, in the report's order: red first (most days
                                      // red first), then yellow, green, not started, done
  std::vector<std::uint8_t> changes;  // per row: Change bits (with a window)
  Counts total;
  std::vector<Counts> by_unit;  // per unit (units file order, or first appearance)
  std::vector<std::string> units;
  std::vector<std::string> owners;  // owners in first-appearance order ("" for none)
  std::vector<Counts> by_owner;
  std::vector<Counts> by_list;  // per ListKind
};

// `units`: the units file's ids (the report lists every unit), or empty to list the units
// the tasks name.
[[nodiscard]] Report judge(const TaskBook& book, date::Day as_of, std::optional<date::Day> since,
                           const ruleset::TaskPolicy& policy, const std::vector<std::string>& units);

// The value of a task-list metric for one unit's counts.
[[nodiscard]] num::Decimal metric(const Counts& c, ruleset::TaskMetric m);

// What the gates trip on (tasks --fail-on red,escalation): ids of red tasks; ids of tasks
// with an escalation step due (in the window, with one).
[[nodiscard]] std::vector<std::string> red_ids(const TaskBook& book, const Report& r);
[[nodiscard]] std::vector<std::string> escalation_ids(const TaskBook& book, const Report& r);

}  // namespace safeassess::task
