#include <doctest/doctest.h>

#include <string>

#include "load/tasks.hpp"
#include "support/chain_fixtures.hpp"
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

TEST_CASE("red runs: the stretches between reports, milestones and the deadline, the same as day by day") {
  // A day-by-day scan of the state (what red_runs replaces) on tasks of every kind.
  auto naive = [](const Task& t, date::Day to, const ruleset::TaskPolicy& p) {
    std::vector<RedRun> runs;
    for (date::Day d = t.start; d <= to; ++d) {
      if (!is_red(status(t, d, p).state)) continue;
      if (!runs.empty() && runs.back().last + 1 == d)
        runs.back().last = d;
      else
        runs.push_back({d, d});
    }
    return runs;
  };
  const auto b = read(
      "L,任务,linear,U1,,2024-01-01,2024-03-31\n"
      "M,任务,milestones,U1,,2024-01-01,2024-06-30\n"
      "R,任务,recovers twice,U1,,2024-01-01,2024-02-29\n"
      "D,任务,done late then reopened,U1,,2024-01-10,2024-01-20\n",
      "M,M1,2024-02-15,50\nM,M2,2024-06-30,50\n",
      "L,2024-01-20,10,\nL,2024-03-01,90,\nM,2024-03-10,,M1\nR,2024-01-15,60,\nR,2024-02-10,95,\n"
      "R,2024-02-20,100,\nD,2024-01-25,100,\nD,2024-02-01,50,\n");
  const auto p = ladder();
  for (const auto& t : b.tasks)
    for (const char* to :
         {"2024-01-09", "2024-01-31", "2024-02-15", "2024-03-09", "2024-04-30", "2024-08-01"}) {
      const auto got = red_runs(t, day(to), p);
      const auto want = naive(t, day(to), p);
      REQUIRE_MESSAGE(got.size() == want.size(), t.id, " to ", to);
      for (std::size_t k = 0; k < got.size(); ++k) {
        CHECK_MESSAGE(got[k].first == want[k].first, t.id, " to ", to, " run ", k);
        CHECK_MESSAGE(got[k].last == want[k].last, t.id, " to ", to, " run ", k);
      }
    }
  // By hand for L: 91 days, 10% on 01-20: red when d/91 * 100 - 10 > 30, from day 37 (02-06);
  // 90% on 03-01 (expected 61/91 = 67%): green; overdue from 04-01.
  const auto l = red_runs(b.tasks[0], day("2024-04-30"), p);
  REQUIRE(l.size() == 2);
  CHECK(l[0].first == day("2024-02-06"));
  CHECK(l[0].last == day("2024-02-29"));
  CHECK(l[1].first == day("2024-04-01"));
  CHECK(l[1].last == day("2024-04-30"));
  // D: 11 days, nothing reported: red from its 4th day (4/11 = 36%), overdue, done late on 01-25;
  // reported back below 100 after that, it is open again, and overdue.
  const auto d = red_runs(b.tasks[3], day("2024-02-05"), p);
  REQUIRE(d.size() == 2);
  CHECK(d[0].first == day("2024-01-13"));
  CHECK(d[0].last == day("2024-01-24"));
  CHECK(d[1].first == day("2024-02-01"));
}

TEST_CASE(
    "a dispatch keeps the steps that fell due in the window while the task was red, after it recovered") {
  // Linear over 100 days from 04-01 (to 07-09), nothing reported: red when d% > 30, from 05-01 (day 31).
  // 80% reported on 05-12: green again.
  const auto b = read("S,任务,x,U1,,2024-04-01,2024-07-09\n", "", "S,2024-05-12,80,\n");
  const auto r = judge(b, day("2024-05-20"), day("2024-04-25"), ladder(), {});
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0].now.state == State::Green);
  CHECK(r.changes[0] == (k_recovered | k_escalated));
  // 提醒 on 05-01 and 督办函 on 05-08 (7 days red), both in a run that has since ended.
  REQUIRE(r.rows[0].steps_due.size() == 2);
  CHECK(r.rows[0].steps_due[0].step == 0);
  CHECK(r.rows[0].steps_due[0].due == day("2024-05-01"));
  CHECK(!r.rows[0].steps_due[0].current);
  CHECK(r.rows[0].steps_due[1].step == 1);
  CHECK(r.rows[0].steps_due[1].due == day("2024-05-08"));
  CHECK(escalation_ids(b, r) == std::vector<std::string>{"S"});
  // A window after the run saw nothing due.
  CHECK(judge(b, day("2024-05-20"), day("2024-05-12"), ladder(), {}).rows[0].steps_due.empty());
}

TEST_CASE("who acts: owner, superior (the head post above), role:ROLE nearest above, a body; and why not") {
  const auto duties = test::duty_list();
  const auto chain = test::chain_from(R"(nodes:
  - {id: gov, name: 县政府, kind: government}
  - {id: gsec, name: 县委书记, kind: post, role: secretary, parent: gov}
  - {id: bureau, name: 应急局, kind: department, parent: gov}
  - {id: chief, name: 局长, kind: post, role: chief, parent: bureau}
  - {id: staff, name: 科员, kind: post, role: worker, parent: bureau}
)",
                                      duties);
  const Actors actors(&chain, &duties);
  auto who = [&](const char* actor, const char* owner) {
    Task t;
    t.owner = owner;
    const auto a = actors.of({"s", "s", 0, actor, {}}, t);
    return a.resolved() ? a.id : "?" + std::string(to_string(a.unresolved));
  };
  CHECK(who("owner", "staff") == "staff");
  CHECK(who("superior", "staff") == "gsec");   // above the bureau: the government's head post
  CHECK(who("superior", "bureau") == "gsec");  // an organisation is its own: the one above it
  CHECK(who("superior", "chief") == "gsec");
  CHECK(who("role:chief", "staff") == "chief");
  CHECK(who("role:secretary", "staff") == "gsec");
  CHECK(who("县安委办", "staff") == "县安委办");
  CHECK(who("县安委办", "") == "县安委办");  // a body needs no chain
  CHECK(who("superior", "gov") == "?nothing-above");
  CHECK(who("role:chief", "chief") == "?no-post-with-role");  // never the owner on himself
  CHECK(who("role:mayor", "staff") == "?unknown-role");
  CHECK(who("owner", "") == "?no-owner");
  CHECK(who("owner", "ghost") == "?owner-not-in-chain");
  Task t;
  t.owner = "staff";
  CHECK(Actors(nullptr, nullptr).of({"s", "s", 0, "superior", {}}, t).unresolved == Unresolved::NoChain);
  // Without a duty list a superior is the organisation above.
  CHECK(Actors(&chain, nullptr).of({"s", "s", 0, "superior", {}}, t).id == "gov");
}

TEST_CASE("a milestone reached after a higher percent report does not lower the progress") {
  const auto b = read("T1,任务,x,U1,,2024-01-01,2024-12-31\n", "T1,M1,2024-03-31,30\nT1,M2,2024-12-31,70\n",
                      "T1,2024-02-01,50,\nT1,2024-03-01,,M1\nT1,2024-04-01,40,\nT1,2024-05-01,,M2\n");
  const auto& pr = b.tasks[0].progress;
  REQUIRE(pr.size() == 4);
  CHECK(pr[1].percent == num::Decimal::of(50));   // M1 (30) after 50%: stays 50
  CHECK(pr[2].percent == num::Decimal::of(40));   // a percent report stands as written
  CHECK(pr[3].percent == num::Decimal::of(100));  // M1 + M2
}

TEST_CASE(
    "who acts for an enterprise (a hazard's owner): the organisation that supervises it (属地) and up") {
  const auto duties = test::duty_list();
  const auto chain = test::chain_from(R"(nodes:
  - {id: gov, name: 县政府, kind: government}
  - {id: gsec, name: 县委书记, kind: post, role: secretary, parent: gov}
  - {id: bureau, name: 应急局, kind: department, parent: gov}
  - {id: chief, name: 局长, kind: post, role: chief, parent: bureau}
  - {id: staff, name: 科员, kind: post, role: worker, parent: bureau}
  - {id: e1, name: 一矿, kind: enterprise, industry: coal}
  - {id: e2, name: 二矿, kind: enterprise, industry: coal}
  - {id: e3, name: 三矿, kind: enterprise, industry: coal}
  - {id: boss, name: 一矿矿长, kind: post, role: worker, parent: e1}
edges:
  - {from: staff, to: e1, kind: supervises}
  - {from: gov, to: e2, kind: supervises}
)",
                                      duties);
  const Actors actors(&chain, &duties);
  auto who = [&](const char* actor, const char* enterprise) {
    const auto a = actors.of_enterprise({"s", "s", 0, actor, {}}, enterprise);
    return a.resolved() ? a.id : "?" + std::string(to_string(a.unresolved));
  };
  CHECK(who("owner", "一矿") == "e1");      // by name or id
  CHECK(who("superior", "e1") == "chief");  // supervised by a post of the bureau: its head
  CHECK(who("role:secretary", "一矿") == "gsec");
  CHECK(who("superior", "e2") == "gsec");
  CHECK(who("superior", "e3") == "?nothing-above");  // nobody supervises it
  CHECK(who("superior", "四矿") == "?owner-not-in-chain");
  CHECK(who("superior", "") == "?no-owner");
  CHECK(who("县安委办", "") == "县安委办");
  // A post inside a supervised enterprise (a task's owner) goes up the same way.
  CHECK(actors.of({"s", "s", 0, "superior", {}}, std::string_view("boss")).id == "chief");
  CHECK(actors.of({"s", "s", 0, "role:secretary", {}}, std::string_view("boss")).id == "gsec");
}

TEST_CASE("a task list in YAML: the same book as the tables, problems placed at their keys") {
  const std::string yaml = R"(tasks:
  - id: T1
    list: 任务
    title: 隐患排查全覆盖
    unit: U1
    start: 2024-01-01
    deadline: 2024-12-31
    milestones:
      - {id: M1, due: 2024-03-31, weight: 30}
      - {id: M2, due: 2024-12-31, weight: 70}
    progress:
      - {date: 2024-04-10, milestone: M1}
      - {date: 2024-06-01, percent: 50, evidence: 台账}
  - {id: T2, list: 整改, title: x, unit: U1, start: 2024-03-01, deadline: 2024-03-31}
)";
  const auto y = read_tasks_yaml("t.yaml", yaml, nullptr);
  const auto c =
      read("T1,任务,隐患排查全覆盖,U1,,2024-01-01,2024-12-31\nT2,整改,x,U1,,2024-03-01,2024-03-31\n",
           "T1,M1,2024-03-31,30\nT1,M2,2024-12-31,70\n", "T1,2024-04-10,,M1\nT1,2024-06-01,50,\n");
  REQUIRE(y.tasks.size() == 2);
  CHECK(y.file == "t.yaml");
  CHECK(y.progress_rows == 2);
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(y.tasks[k].id == c.tasks[k].id);
    CHECK(y.tasks[k].start == c.tasks[k].start);
    CHECK(y.tasks[k].deadline == c.tasks[k].deadline);
    CHECK(y.tasks[k].milestones.size() == c.tasks[k].milestones.size());
    REQUIRE(y.tasks[k].progress.size() == c.tasks[k].progress.size());
    for (std::size_t p = 0; p < y.tasks[k].progress.size(); ++p)
      CHECK(y.tasks[k].progress[p].percent == c.tasks[k].progress[p].percent);
  }
  CHECK(y.tasks[0].progress[1].evidence == "台账");
  // Problems at the key's value in the YAML, named by the key.
  auto yaml_error = [](const std::string& text) {
    return test::input_error([&] { (void)read_tasks_yaml("t.yaml", text, nullptr); });
  };
  CHECK(
      yaml_error(
          "tasks:\n  - {id: A, list: 任务, title: x, unit: U1, start: 2024-02-01, deadline: 2024-01-31}\n") ==
      "t.yaml:2:72: \"deadline\": the deadline 2024-01-31 is before the start 2024-02-01");
  CHECK(yaml_error("tasks:\n  - id: A\n    list: 任务\n    title: x\n    unit: U1\n    start: 2024-01-01\n"
                   "    deadline: 2024-02-01\n    progress:\n      - {date: 2024-01-05, percent: 120}\n") ==
        "t.yaml:9:37: \"percent\": expected a percent from 0 to 100, got \"120\"");
  CHECK(yaml_error("tasks:\n  - {id: A, lst: 任务}\n") ==
        "t.yaml:2:13: unknown key \"lst\" in a task, did you mean \"list\"?");
}

TEST_CASE("1970-01-01 is a day like any other: a task done on it is done") {
  const auto b = read("Z,任务,x,U1,,1970-01-01,1970-01-01\n", "", "Z,1970-01-01,100,\n");
  const auto s = status(b.tasks[0], day("1970-01-05"), ruleset::TaskPolicy{});
  CHECK(s.state == State::Done);
  CHECK(s.done_on == day("1970-01-01"));
}
