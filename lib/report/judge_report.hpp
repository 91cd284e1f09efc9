#pragma once
// Writers for judged findings: each finding's verdict (重大事故隐患 / 一般隐患 / undecided),
// the items it meets with the facts and thresholds that matched, or the facts missing.

#include <iosfwd>
#include <string>
#include <vector>

#include "hazard/judge.hpp"
#include "report/format.hpp"

namespace safeassess::report {

struct JudgeInput {
  std::string path;
  std::string sha256;
  const std::vector<hazard::Criteria>* standards = nullptr;
  const std::vector<hazard::Finding>* findings = nullptr;
  const std::vector<hazard::Judgement>* judgements = nullptr;
};

void write_judge(std::ostream& out, Format format, const JudgeInput& in);

// The verdict in Chinese, as evaluators write it.
[[nodiscard]] const char* verdict_name(hazard::Verdict v);

}  // namespace safeassess::report
