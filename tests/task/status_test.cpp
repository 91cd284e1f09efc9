#include <doctest/doctest.h>

#include <string>

#include "load/tasks.hpp"
#include "support/fixtures.hpp"
#include "task/status.hpp"

using namespace safeassess;
using namespace safeassess::task;

namespace {

date::Day day(const char* s) {
  return *date::parse(s);
}

const std::string k_list = "id,list,title,unit,owner,start,deadline\n";

TaskBook read(const std::string& tasks, const std::string& milestones = "",
              const std::string& progress = "") {
  std::optional<TableText> m, p;
  if (!milestones.empty()) m = TableText{"m.csv", "task,id,due,weight\n" + milestones};
  if (!progress.empty()) p = TableText{"p.csv", "task,date,percent,milestone\n" + progress};
  return read_tasks({"t.csv", k_list + tasks}, m, p, io::Encoding::Auto, nullptr);
}

std::string error(const std::string& tasks, const std::string& milestones = "",
                  const std::string& progress = "") {
  return test::input_error([&] { (void)read(tasks, milestones, progress); });
}

ruleset::TaskPolicy ladder() {
  ruleset::TaskPolicy p;
  p.escalation = {{"reminder", "提醒", 0, "owner", {}},
                  {"letter", "督办函", 7, "县安委办", {}},
                  {"interview", "约谈", 30, "superior", {}}};
  return p;
}

}  // namespace

TEST_CASE(
    "linear schedule: (day - start + 1) / (deadline - start + 1); yellow from 10 points behind, red above "
    "30") {
  // 10 days from 01-01 to 01-10: by the end of 01-05 the plan asks for 50%.
  auto at = [](const char* reported) {
    const auto b =
        read("T1,任务,x,U1,,2024-01-01,2024-01-10\n", "", std::string("T1,2024-01-02,") + reported + ",\n");
    return status(b.tasks[0], day("2024-01-05"), ruleset::TaskPolicy{});
  };
  CHECK(at("41").state == State::Green);   // 9 points behind
  CHECK(at("40").state == State::Yellow);  // 10: yellow includes its edge
  CHECK(at("20").state == State::Yellow);  // 30: so does red's ("up to and including 30")
  CHECK(at("19.999").state == State::Red);
  CHECK(at("40").expected == num::Decimal::of(50));
  CHECK(at("40").lag == num::Decimal::of(10));
  // A third of the way: 33.333333333333 (12 decimals, half away from zero), compared exactly.
  const auto b = read("T1,任务,x,U1,,2024-01-01,2024-01-03\n");
  CHECK(status(b.tasks[0], day("2024-01-01"), ruleset::TaskPolicy{}).expected.str() == "33.333333333333");
  CHECK(status(b.tasks[0], day("2024-01-01"), ruleset::TaskPolicy{}).state == State::Red);  // 33.3 > 30
}

TEST_CASE("before the start, on the deadline, after it") {
  const auto b = read("T1,整改,x,U1,,2024-03-01,2024-03-31\n", "", "T1,2024-03-10,60,\n");
  const auto& t = b.tasks[0];
  const ruleset::TaskPolicy p;
  CHECK(status(t, day("2024-02-29"), p).state == State::NotStarted);
  // Due today and not done: behind, not overdue (the day is not over).
  const auto due = status(t, day("2024-03-31"), p);
  CHECK(due.state == State::Red);
  CHECK(due.days_overdue == 0);
  CHECK(due.expected == num::Decimal::of(100));
  const auto late = status(t, day("2024-04-02"), p);
  CHECK(late.state == State::Overdue);
  CHECK(late.days_overdue == 2);
}

TEST_CASE("done on the first day at 100; reported after the deadline it is done late") {
  const auto b =
      read("T1,任务,x,U1,,2024-01-01,2024-01-31\n", "", "T1,2024-01-20,90,\nT1,2024-02-03,100%,\n");
  const auto& t = b.tasks[0];
  const ruleset::TaskPolicy p;
  CHECK(status(t, day("2024-02-02"), p).state == State::Overdue);
  const auto s = status(t, day("2024-06-30"), p);
  CHECK(s.state == State::DoneLate);
  CHECK(s.done_on == day("2024-02-03"));
  // Done on the deadline is on time.
  const auto on = read("T1,任务,x,U1,,2024-01-01,2024-01-31\n", "", "T1,2024-01-31,100,\n");
  CHECK(status(on.tasks[0], day("2024-12-31"), p).state == State::Done);
}

TEST_CASE("milestones: the plan is the weights due; a milestone reached counts its weight") {
  const auto b =
      read("T1,任务,x,U1,,2024-01-01,2024-12-31\n",
           "T1,M1,2024-03-31,30\nT1,M2,2024-06-30,30\nT1,M3,2024-12-31,40\n", "T1,2024-04-10,,M1\n");
  const auto& t = b.tasks[0];
  const ruleset::TaskPolicy p;
  // Before M1 is due nothing is expected: green whatever is reported.
  CHECK(status(t, day("2024-03-30"), p).state == State::Green);
  // M1 due and not reached: 30 behind, yellow; M1 reached (04-10): on plan.
  CHECK(status(t, day("2024-04-01"), p).state == State::Yellow);
  CHECK(status(t, day("2024-04-10"), p).state == State::Green);
  const auto s = status(t, day("2024-07-01"), p);
  CHECK(s.expected == num::Decimal::of(60));
  CHECK(s.reported == num::Decimal::of(30));
  CHECK(s.state == State::Yellow);  // 30 behind: yellow up to and including 30
}

TEST_CASE("how long a task has been red, and the escalation steps due") {
  // 43 days, 40% reported on 08-10: red from 08-19 (31/43 = 72.09% - 40 > 30), overdue from 09-01.
  const auto b = read("K3,问题,x,U1,p1,2024-07-20,2024-08-31\n", "", "K3,2024-08-10,40,\n");
  const auto& t = b.tasks[0];
  const auto p = ladder();
  CHECK(status(t, day("2024-08-18"), p).state == State::Yellow);
  const auto first = status(t, day("2024-08-19"), p);
  CHECK(first.state == State::Red);
  CHECK(first.red_since == day("2024-08-19"));
  CHECK(first.days_red == 0);
  CHECK(first.step == 0);  // 提醒 on the first red day
  CHECK(status(t, day("2024-08-25"), p).step == 0);
  CHECK(status(t, day("2024-08-26"), p).step == 1);  // 7 days red: 督办函
  const auto s = status(t, day("2024-09-30"), p);
  CHECK(s.state == State::Overdue);
  CHECK(s.days_red == 42);
  CHECK(s.step == 2);  // 约谈 from 09-18
}

TEST_CASE("a dispatch: what changed after --since up to the as-of date") {
  const auto b = read(
      "A,任务,new,U1,,2024-09-20,2024-12-31\n"
      "B,任务,turns red,U1,,2024-07-20,2024-08-31\n"
      "C,任务,recovers,U2,,2024-01-01,2024-12-31\n"
      "D,任务,done,U2,,2024-01-01,2024-12-31\n",
      "", "B,2024-08-10,40,\nC,2024-01-02,10,\nC,2024-09-20,80,\nD,2024-09-25,100,\n");
  const auto r = judge(b, day("2024-09-30"), day("2024-08-15"), ladder(), {"U1", "U2", "U3"});
  auto change = [&](const char* id) {
    for (std::size_t i = 0; i < r.rows.size(); ++i)
      if (b.tasks[r.rows[i].task].id == id) return r.changes[i];
    return std::uint8_t{0xFF};
  };
  CHECK(change("A") == k_new);
  CHECK(change("B") == (k_new_red | k_escalated));
  CHECK(change("C") == k_recovered);
  CHECK(change("D") == (k_recovered | k_done));
  // Red first; units from the units file, listed even without tasks.
  CHECK(b.tasks[r.rows[0].task].id == "B");
  CHECK(r.units == std::vector<std::string>{"U1", "U2", "U3"});
  CHECK(r.by_unit[2].tasks == 0);
  // Completion: of the tasks due by 09-30 (B), done by then: none.
  CHECK(r.by_unit[0].due == 1);
  CHECK(r.by_unit[0].completion_rate() == num::Decimal{});
  CHECK(r.by_unit[1].completion_rate() == num::Decimal::of(100));  // nothing due
  CHECK(red_ids(b, r) == std::vector<std::string>{"B"});
  CHECK(escalation_ids(b, r) == std::vector<std::string>{"B"});
}

TEST_CASE("task list errors name the row and column, every one of them") {
  CHECK(error("T1,任务,x,U1,,2024-01-01,2024-01-10\nT1,任务,y,U1,,2024-01-01,2024-01-10\n") ==
        "t.csv:3:1: column A \"id\": task \"T1\" is already listed on line 2; one task, one row");
  CHECK(
      error("T1,计划,x,U1,,2024-01-01,2024-01-10\nT2,任务,,U1,,2024-02-01,2024-01-10\n") ==
      "t.csv:2:2: column B \"list\": \"计划\" is not a list; write 责任, 任务, 问题 or 整改 (responsibility, "
      "task, problem, rectification)\n"
      "t.csv:3:3: column C \"title\": empty title; say what is to be done\n"
      "t.csv:3:7: column G \"deadline\": the deadline 2024-01-10 is before the start 2024-02-01");
  CHECK(error("T1,任务,x,U1,,2024-01-01,2024-12-31\n",
              "T1,M1,2024-03-31,30\nT1,M2,2025-01-31,30\nT2,M1,2024-03-31,40\n") ==
        "m.csv:3:3: column C \"due\": milestone \"M2\" is due 2025-01-31, outside its task's span 2024-01-01 "
        "to "
        "2024-12-31\n"
        "m.csv:4:1: column A \"task\": task \"T2\" is not in the task list t.csv, did you mean \"T1\"?\n"
        "m.csv:2:4: column D \"weight\": the milestones of task \"T1\" weigh 30 in all; their weights are "
        "percents "
        "of the task and sum to 100");
  CHECK(error("T1,任务,x,U1,,2024-03-01,2024-12-31\n", "",
              "T1,2024-02-01,10,\nT1,2024-04-01,,\nT1,2024-04-02,101,\n") ==
        "p.csv:2:2: column B \"date\": the report is dated 2024-02-01, before task \"T1\" starts on "
        "2024-03-01\n"
        "p.csv:3:3: empty report: give the percent done or the milestone reached\n"
        "p.csv:4:3: column C \"percent\": expected a percent from 0 to 100, got \"101\"");
}
