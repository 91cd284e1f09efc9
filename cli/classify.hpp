#pragma once
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "assessment/assessment.hpp"
#include "report/targeting_report.hpp"
#include "targeting/classify.hpp"

namespace safeassess::cli {

struct ClassifyOptions {
  std::string manifest;
  std::string format = "table";
  std::string output;
  std::vector<std::string> fail_on;  // a colour id, or worse
  std::string encoding;
};

void setup_classify(CLI::App& app, int& exit_code);
[[nodiscard]] int run_classify(const ClassifyOptions& options);

// A manifest loaded and classified, for classify and sample (on the heap: `data` points into
// `basics` and `result`).
struct Classified {
  assessment::Basics basics;
  targeting::Result result;
  report::ClassifyData data;
};
[[nodiscard]] std::unique_ptr<Classified> classify_manifest(const std::string& manifest,
                                                            std::optional<io::Encoding> encoding,
                                                            bool roster);

}  // namespace safeassess::cli
