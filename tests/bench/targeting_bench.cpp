// Benchmark: classify and draw for a province-sized list. N enterprises (default 100,000) in
// 200 townships and 20 industries, a roster of M inspectors (default 2,000) with 3
// qualifications each (one in ten 全部), 5,000 recusals and 30,000 past inspections; the
// plan draws by colour and township (红 100%, 黄 30%, 绿 5%, recent ones left out) with teams
// of two, at most 20 per inspector — the work `classify` and `sample` do after loading.
//
//   safeassess_targeting_bench [--enterprises N] [--inspectors M]

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <iostream>

#include "bench/bench_util.hpp"
#include "load/ruleset.hpp"
#include "load/targeting.hpp"
#include "support/fixtures.hpp"
#include "targeting/classify.hpp"
#include "targeting/sample.hpp"

int main(int argc, char** argv) {
  using namespace safeassess;
  std::size_t enterprises = 100000, inspectors = 2000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--enterprises") && i + 1 < argc)
      enterprises = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--inspectors") && i + 1 < argc)
      inspectors = std::stoul(argv[++i]);
    else {
      std::cerr << "usage: safeassess_targeting_bench [--enterprises N] [--inspectors M]\n";
      return 2;
    }
  }
  try {
    const std::string rules_text = std::string(test::k_small_ruleset) + R"(targeting:
  colours:
    - {id: red, name: 红, inspections_per_year: 4}
    - {id: yellow, name: 黄, inspections_per_year: 2}
    - {id: green, name: 绿, inspections_per_year: 1}
  classification:
    otherwise: green
    rules:
      - {id: a, name: 重大风险且上期红色, colour: red,
         when: {all: [{field: risk_level, op: ge, value: 4}, {field: previous_red, op: eq, value: 1}]}}
      - {id: b, name: 重大风险, colour: yellow, when: {field: risk_level, op: ge, value: 4}}
      - {id: c, name: 上期红色, colour: yellow, when: {field: previous_red, op: eq, value: 1}}
  sampling:
    strata: [colour, township]
    allocation:
      - {colour: red, rate: 100}
      - {colour: yellow, rate: 30}
      - {rate: 5}
    recent: {months: 6}
    team_size: 2
    max_per_inspector: 20
    avoid: {last_inspection: true, own_township: true}
)";
    const auto rules = *ruleset::load_ruleset("bench.yaml", rules_text).targeting;
    assessment::Units units;
    const std::size_t n_units = 20;
    for (std::size_t u = 0; u < n_units; ++u)
      units.add(fmt::format("U{:02}", u), fmt::format("县{}", u), 2 + long(u));
    auto t0 = std::chrono::steady_clock::now();
    bench::Rng rng(0x9E3779B97F4A7C15ULL);
    const char* risks[] = {"重大", "较大", "一般", "低"};
    const char* colours[] = {"红", "黄", "绿", "绿", "绿", "绿", "绿", "绿", "绿", ""};
    fmt::memory_buffer el, rl, rc, ins;
    fmt::format_to(std::back_inserter(el), "id,name,unit,township,industry,risk_level,previous_colour\n");
    for (std::size_t e = 0; e < enterprises; ++e) {
      const int town = rng.in(0, 199);
      fmt::format_to(std::back_inserter(el), "QY{:06},企业{},U{:02},乡镇{:03},行业{:02},{},{}\n", e, e,
                     town % n_units, town, rng.in(0, 19), risks[rng.in(0, 3) == 0 ? 0 : rng.in(1, 3)],
                     colours[rng.in(0, 9)]);
    }
    fmt::format_to(std::back_inserter(rl), "id,name,township,qualifications,max\n");
    for (std::size_t i = 0; i < inspectors; ++i) {
      const bool all = i % 10 == 0;
      fmt::format_to(
          std::back_inserter(rl), "ZF{:05},人员{},乡镇{:03},{},\n", i, i, rng.in(0, 199),
          all ? std::string("全部")
              : fmt::format("行业{:02}；行业{:02}；行业{:02}", rng.in(0, 19), rng.in(0, 19), rng.in(0, 19)));
    }
    fmt::format_to(std::back_inserter(rc), "inspector,enterprise,reason\n");
    for (int k = 0; k < 5000; ++k)
      fmt::format_to(std::back_inserter(rc), "ZF{:05},QY{:06},亲属\n", rng.next() % inspectors,
                     rng.next() % enterprises);
    fmt::format_to(std::back_inserter(ins), "enterprise,date,inspectors\n");
    const date::Day from = *date::parse("2024-01-01");
    for (int k = 0; k < 30000; ++k)
      fmt::format_to(std::back_inserter(ins), "QY{:06},{},ZF{:05}；ZF{:05}\n", rng.next() % enterprises,
                     date::format(from + rng.in(0, 420)), rng.next() % inspectors, rng.next() % inspectors);
    std::cout << fmt::format(
        "generated {} enterprises, {} inspectors ({:.1f} MB of CSV) in {:.2f} s\n", enterprises, inspectors,
        static_cast<double>(el.size() + rl.size() + rc.size() + ins.size()) / 1e6, bench::seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const auto list = targeting::read_enterprises({"e.csv", fmt::to_string(el)}, io::Encoding::Utf8, units,
                                                  rules, targeting::needs(rules, true));
    const auto roster = targeting::read_roster(
        {"z.csv", fmt::to_string(rl)}, targeting::Table{"r.csv", fmt::to_string(rc)},
        targeting::Table{"i.csv", fmt::to_string(ins)}, io::Encoding::Utf8, list, true);
    std::cout << fmt::format("read the four tables: {:.2f} s\n", bench::seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const auto result = targeting::classify(rules, list, {});
    std::cout << fmt::format("classify: {:.2f} s (红 {}, 黄 {}, 绿 {})\n", bench::seconds_since(t0),
                             result.counts[0], result.counts[1], result.counts[2]);
    std::vector<std::size_t> colour;
    for (const auto& r : result.rows) colour.push_back(r.colour);
    t0 = std::chrono::steady_clock::now();
    const targeting::DrawInput in{&rules,       &list, &colour, &roster, *date::parse("2025-03-01"),
                                  "bench-seed", ""};
    const auto d = targeting::draw(in);
    std::cout << fmt::format("draw: {:.2f} s ({} strata, {} enterprises, {} keystream words)\n",
                             bench::seconds_since(t0), d.strata.size(), d.teams.size(), d.words);
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::cout << fmt::format("peak memory: {:.0f} MB\n", static_cast<double>(ru.ru_maxrss) / 1024);
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
