// Benchmark: a task list of N tasks (default 200,000) over 2,000 units, half with 5
// milestones, each with R progress records (default 50) that creep up and fall back: read
// the three tables, then judge the list as of 2022-12-31 with a dispatch window from
// 2022-12-01 (every red run, every escalation step due in the window) and without — the
// work `tasks --since` and `assess` do.
//
//   safeassess_tasks_bench [--tasks N] [--records R]

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <iostream>

#include "bench/bench_util.hpp"
#include "core/date.hpp"
#include "load/tasks.hpp"
#include "task/status.hpp"

int main(int argc, char** argv) {
  using namespace safeassess;
  std::size_t tasks = 200000, records = 50;
  const std::size_t units = 2000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--tasks") && i + 1 < argc)
      tasks = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--records") && i + 1 < argc)
      records = std::stoul(argv[++i]);
    else {
      std::cerr << "usage: safeassess_tasks_bench [--tasks N] [--records R]\n";
      return 2;
    }
  }
  try {
    auto t0 = std::chrono::steady_clock::now();
    fmt::memory_buffer list, ms, pr;
    fmt::format_to(std::back_inserter(list), "id,list,title,unit,owner,start,deadline\n");
    fmt::format_to(std::back_inserter(ms), "task,id,due,weight\n");
    fmt::format_to(std::back_inserter(pr), "task,date,percent,milestone\n");
    bench::Rng rng(0x9E3779B97F4A7C15ULL);
    const date::Day year = *date::parse("2022-01-01");
    for (std::size_t t = 0; t < tasks; ++t) {
      // Start in 2022, due within a year: by 2024-12-31 most are long past their deadline.
      const date::Day start = year + rng.in(0, 300);
      const date::Day deadline = start + rng.in(60, 365);
      fmt::format_to(std::back_inserter(list), "K{},任务,任务{},U{:04},,{},{}\n", t, t, t % units,
                     date::format(start), date::format(deadline));
      const bool milestones = t % 2 == 0;
      if (milestones)
        for (int m = 0; m < 5; ++m)
          fmt::format_to(std::back_inserter(ms), "K{},M{},{},20\n", t, m,
                         date::format(start + (deadline - start) * (m + 1) / 5));
      // Progress records every few days, creeping up and sometimes falling back: many red runs.
      int percent = 0;
      for (std::size_t r = 0; r < records; ++r) {
        const date::Day d = start + static_cast<int>(r) * 7 + rng.in(0, 6);
        percent = std::min(99, std::max(0, percent + rng.in(-10, 12)));
        fmt::format_to(std::back_inserter(pr), "K{},{},{},\n", t, date::format(d), percent);
      }
    }
    const std::size_t bytes = list.size() + ms.size() + pr.size();
    std::cout << fmt::format("generated {} tasks, {} records ({:.0f} MB of CSV) in {:.2f} s\n", tasks,
                             tasks * records, static_cast<double>(bytes) / 1e6, bench::seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const auto book =
        task::read_tasks({"tasks.csv", fmt::to_string(list)}, task::TableText{"ms.csv", fmt::to_string(ms)},
                         task::TableText{"pr.csv", fmt::to_string(pr)}, io::Encoding::Utf8, nullptr);
    std::cout << fmt::format("read the three tables: {:.2f} s\n", bench::seconds_since(t0));
    ruleset::TaskPolicy policy;
    policy.escalation = {{"reminder", "提醒", 0, "superior", {}},
                         {"letter", "督办函", 7, "县安委办", {}},
                         {"notice", "通报", 15, "县安委办", {}},
                         {"interview", "约谈", 30, "role:county_party_secretary", {}},
                         {"exposure", "公开曝光", 60, "县安委会", {}}};
    t0 = std::chrono::steady_clock::now();
    const auto rep = task::judge(book, *date::parse("2022-12-31"), *date::parse("2022-12-01"), policy, {});
    std::size_t steps = 0;
    for (const auto& row : rep.rows) steps += row.steps_due.size();
    std::cout << fmt::format(
        "judge as of 2022-12-31 with a window from 2022-12-01: {:.2f} s ({} red or overdue, "
        "{} steps due in the window)\n",
        bench::seconds_since(t0), rep.total.red + rep.total.overdue, steps);
    t0 = std::chrono::steady_clock::now();
    const auto year_end = task::judge(book, *date::parse("2024-12-31"), std::nullopt, policy, {});
    std::cout << fmt::format("judge without a window: {:.2f} s ({} tasks)\n", bench::seconds_since(t0),
                             year_end.total.tasks);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::cout << fmt::format("peak memory: {:.0f} MB\n", static_cast<double>(ru.ru_maxrss) / 1024);
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
