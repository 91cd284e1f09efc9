#pragma once
#include <CLI/CLI.hpp>
#include <string>

namespace safeassess::cli {

struct SampleOptions {
  std::string manifest;
  std::string seed;
  std::string beacon;      // the public value joined to the seed (README "Announcing a draw")
  std::string date;        // the day of the draw
  std::string verify;      // a draw record to recompute
  std::string commitment;  // with --verify: the SHA-256 of the seed published before the draw
  bool commit = false;     // print the commitment of --seed and stop
  std::string format;      // empty: table
  std::string output;
  std::string encoding;
};

void setup_sample(CLI::App& app, int& exit_code);
[[nodiscard]] int run_sample(const SampleOptions& options);

}  // namespace safeassess::cli
