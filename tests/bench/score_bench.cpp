// Benchmark: generate a large assessment (default 1,000,000 units x 30 columns, 5 expert
// ratings each) for the bundled county-annual ruleset, then time each phase of a run:
// load (CSV streaming and checking), score, and writing the CSV and JSON reports.
//
//   safeassess_bench [--units N] [--dir DIR] [--keep] [--skip-json]
//
// Prints one line per phase with seconds, and the peak resident memory. The generated
// data is deterministic (a fixed-seed generator), so runs are comparable.

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <streambuf>
#include <string>

#include "assessment/assessment.hpp"
#include "bench/bench_util.hpp"
#include "report/score_report.hpp"
#include "score/engine.hpp"

namespace {

// A stream buffer that counts bytes and keeps none, so writing is measured without disk.
class CountingBuffer : public std::streambuf {
 public:
  std::size_t count = 0;

 protected:
  std::streamsize xsputn(const char*, std::streamsize n) override {
    count += static_cast<std::size_t>(n);
    return n;
  }
  int_type overflow(int_type c) override {
    ++count;
    return c;
  }
};

void generate(const std::filesystem::path& dir, std::size_t units) {
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "manifest.yaml")
      << "assessment: {name: 基准测试, period: \"2024\"}\n"
         "ruleset: builtin:county-annual\n"
         "units: units.csv\nindicators: indicators.csv\nratings: ratings.csv\n";
  safeassess::bench::Rng rng(0x9E3779B97F4A7C15ULL);
  fmt::memory_buffer u, v, r;
  std::ofstream uf(dir / "units.csv"), vf(dir / "indicators.csv"), rf(dir / "ratings.csv");
  fmt::format_to(std::back_inserter(u), "id,name,level,parent\n");
  // 24 declared inputs plus the unit column and 5 columns the ruleset does not read: 30.
  fmt::format_to(std::back_inserter(v),
                 "unit,accidents_cur,accidents_prev,deaths_cur,deaths_prev,larger_accidents,"
                 "fatal_general_accidents,late_reports,major_accidents,concealed_accidents,"
                 "major_hazard_rectified_pct,general_hazard_rectified_pct,overdue_major_hazards,"
                 "enterprise_investment_pct,fiscal_investment_cur,fiscal_investment_prev,fiscal_budget_pct,"
                 "training_coverage_pct,special_certified_pct,committee_meetings,secretary_inspections,"
                 "duty_lists_complete,commend_national,commend_provincial,commend_city,"
                 "note1,note2,note3,note4,note5\n");
  fmt::format_to(std::back_inserter(r), "unit,item,rater,rating\n");
  auto flush = [](fmt::memory_buffer& b, std::ofstream& f) {
    if (b.size() > (1 << 22)) {
      f.write(b.data(), static_cast<std::streamsize>(b.size()));
      b.clear();
    }
  };
  for (std::size_t i = 0; i < units; ++i) {
    fmt::format_to(std::back_inserter(u), "U{:07},第{}县,county,某省\n", i, i);
    const int prev = rng.in(3, 30);
    fmt::format_to(
        std::back_inserter(v),
        "U{:07},{},{},{},{},{},{},{},{},{},{}.{}%,{}.{}%,{},{}.{},{},{},{}.{},{}.{},{}.{},{},{},{},{},{},{},"
        "备注,\"a, b\",x,y,z\n",
        i, rng.in(0, prev + 3), prev, rng.in(0, 8), rng.in(0, 8), rng.in(0, 1) * rng.in(0, 1), rng.in(0, 3),
        rng.in(0, 2), rng.next() % 200 == 0 ? 1 : 0, rng.next() % 500 == 0 ? 1 : 0, rng.in(80, 99),
        rng.in(0, 9), rng.in(80, 99), rng.in(0, 9), rng.in(0, 3), rng.in(0, 2), rng.in(0, 9),
        rng.in(500, 3000), rng.in(500, 3000), rng.in(0, 2), rng.in(0, 9), rng.in(60, 99), rng.in(0, 9),
        rng.in(75, 99), rng.in(0, 9), rng.in(1, 5), rng.in(4, 14), rng.in(0, 1) ? "是" : "否",
        rng.in(0, 1) * rng.in(0, 1), rng.in(0, 1), rng.in(0, 2));
    for (int k = 1; k <= 5; ++k)
      fmt::format_to(std::back_inserter(r), "U{:07},expert_review,R{},{}.{}\n", i, k, rng.in(1, 4),
                     rng.in(0, 9));
    flush(u, uf);
    flush(v, vf);
    flush(r, rf);
  }
  uf.write(u.data(), static_cast<std::streamsize>(u.size()));
  vf.write(v.data(), static_cast<std::streamsize>(v.size()));
  rf.write(r.data(), static_cast<std::streamsize>(r.size()));
}

}  // namespace

int main(int argc, char** argv) {
  using namespace safeassess;
  std::size_t units = 1000000;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "safeassess-bench";
  bool keep = false;
  bool skip_json = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--units") && i + 1 < argc)
      units = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc)
      dir = argv[++i];
    else if (!std::strcmp(argv[i], "--keep"))
      keep = true;
    else if (!std::strcmp(argv[i], "--skip-json"))
      skip_json = true;
    else {
      std::cerr << "usage: safeassess_bench [--units N] [--dir DIR] [--keep] [--skip-json]\n";
      return 2;
    }
  }
  try {
    auto t0 = std::chrono::steady_clock::now();
    generate(dir, units);
    std::cout << fmt::format("generate  {:>8.2f} s  ({} units, 30 columns, {} ratings)\n",
                             bench::seconds_since(t0), units, units * 5);
    t0 = std::chrono::steady_clock::now();
    const auto a = assessment::load_assessment(dir / "manifest.yaml");
    std::cout << fmt::format("load      {:>8.2f} s\n", bench::seconds_since(t0));
    t0 = std::chrono::steady_clock::now();
    const auto r = score::score(assessment::score_input(a));
    std::cout << fmt::format("score     {:>8.2f} s\n", bench::seconds_since(t0));
    CountingBuffer csv_buf, json_buf;
    std::ostream csv(&csv_buf), json(&json_buf);
    t0 = std::chrono::steady_clock::now();
    report::write_csv(csv, a, r);
    std::cout << fmt::format("write csv {:>8.2f} s  ({} MB)\n", bench::seconds_since(t0),
                             csv_buf.count >> 20);
    if (!skip_json) {
      t0 = std::chrono::steady_clock::now();
      report::write_json(json, a, r);
      std::cout << fmt::format("write json{:>8.2f} s  ({} MB)\n", bench::seconds_since(t0),
                               json_buf.count >> 20);
    }
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    std::cout << fmt::format("peak RSS  {:>8} MB\n", ru.ru_maxrss / 1024);
  } catch (const std::exception& e) {
    std::cerr << "bench failed: " << e.what() << '\n';
    return 1;
  }
  if (!keep) std::filesystem::remove_all(dir);
  return 0;
}
