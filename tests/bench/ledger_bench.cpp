// Benchmark: a hazard ledger of N rows (default 10,000,000) over 100,000 units, read and
// reported as of a date: decode, parse and check every cell, tally rates and colours,
// list overdue and invalid hazards, find duplicate ids.
//
//   safeassess_ledger_bench [--rows N] [--dir DIR] [--keep]

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "assessment/assessment.hpp"
#include "bench/bench_util.hpp"
#include "hazard/ledger.hpp"
#include "io/file.hpp"
#include "load/tables.hpp"

int main(int argc, char** argv) {
  using namespace safeassess;
  std::size_t rows = 10000000;
  const std::size_t units = 100000;
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "safeassess-ledger-bench";
  bool keep = false;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--rows") && i + 1 < argc)
      rows = std::stoul(argv[++i]);
    else if (!std::strcmp(argv[i], "--dir") && i + 1 < argc)
      dir = argv[++i];
    else if (!std::strcmp(argv[i], "--keep"))
      keep = true;
    else {
      std::cerr << "usage: safeassess_ledger_bench [--rows N] [--dir DIR] [--keep]\n";
      return 2;
    }
  }
  try {
    auto t0 = std::chrono::steady_clock::now();
    std::filesystem::create_directories(dir);
    {
      fmt::memory_buffer u;
      fmt::format_to(std::back_inserter(u), "id,name\n");
      for (std::size_t i = 0; i < units; ++i)
        fmt::format_to(std::back_inserter(u), "U{:06},第{}单位\n", i, i);
      std::ofstream(dir / "units.csv").write(u.data(), static_cast<std::streamsize>(u.size()));
      std::ofstream f(dir / "ledger.csv");
      fmt::memory_buffer b;
      fmt::format_to(
          std::back_inserter(b),
          "id,unit,enterprise,industry,level,found,deadline,rectified,verified_regulator,verified_expert,"
          "verified_enterprise,closed,supervision\n");
      static const char* k_industries[] = {"coal", "chemical", "construction", "light-industry",
                                           "metallurgy"};
      bench::Rng rng(0x2545F4914F6CDD1DULL);
      for (std::size_t r = 0; r < rows; ++r) {
        const int m = rng.in(1, 10), d = rng.in(1, 28);
        const bool major = rng.next() % 10 == 0;
        const int state = rng.in(0, 9);  // 0-1 open, 2-3 rectified, 4-9 closed
        const std::string found = fmt::format("2024-{:02}-{:02}", m, d);
        const std::string deadline = fmt::format("2024-{:02}-{:02}", std::min(m + 2, 12), d);
        const std::string done = fmt::format("2024-{:02}-{:02}", std::min(m + 1, 12), d);
        fmt::format_to(std::back_inserter(b), "YH{:09},U{:06},企业{},{},{},{},{},{},{},{},{},{},{}\n", r,
                       r % units, r % 50000, k_industries[r % 5], major ? "重大" : "一般", found, deadline,
                       state >= 2 ? done : "", state >= 4 ? done : "", state >= 5 ? done : "",
                       state >= 4 ? done : "", state >= 4 ? done : "",
                       rng.next() % 100 == 0 ? "县级挂牌督办" : "");
        if (b.size() > (1u << 22)) {
          f.write(b.data(), static_cast<std::streamsize>(b.size()));
          b.clear();
        }
      }
      f.write(b.data(), static_cast<std::streamsize>(b.size()));
    }
    std::cout << fmt::format("generate  {:>8.2f} s  ({} rows, {} MB)\n", bench::seconds_since(t0), rows,
                             std::filesystem::file_size(dir / "ledger.csv") >> 20);
    const auto unit_table = assessment::load_units("units.csv", io::read_file(dir / "units.csv", "units.csv"),
                                                   io::Encoding::Auto);
    t0 = std::chrono::steady_clock::now();
    std::string bytes = io::read_file(dir / "ledger.csv", "ledger.csv");
    const double read_s = bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const auto rep = hazard::read_ledger("ledger.csv", std::move(bytes), io::Encoding::Auto,
                                         *date::parse("2024-12-31"), ruleset::LedgerPolicy{}, &unit_table);
    std::cout << fmt::format("read file {:>8.2f} s\n", read_s);
    std::cout << fmt::format("report    {:>8.2f} s  ({} overdue, {} invalid closures, {} supervised)\n",
                             bench::seconds_since(t0), rep.overdue.size(), rep.invalid.size(),
                             rep.supervised.size());
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
