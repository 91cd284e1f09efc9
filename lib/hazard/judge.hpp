#pragma once
// Judging inspection findings against major-hazard criteria (重大事故隐患判定).
//
// Each finding is judged by the standard whose `industries` include its industry. Items
// whose fields the finding does not touch at all do not apply to it (the inspector made no
// observation there). Of the items that apply:
//  - any true: a major hazard (重大事故隐患), with every matching item and why;
//  - else any undecided: undecided, with exactly the unrecorded facts that could decide it;
//  - else: a general hazard (一般隐患).

#include <string>
#include <vector>

#include "io/encoding.hpp"
#include "model/criteria.hpp"

namespace safeassess::hazard {

struct Finding {
  std::string id;
  std::string enterprise;
  std::string industry;
  std::string location;
  std::string date;
  std::string note;
  long line = 0;
  std::size_t standard = 0;  // index into the standards it was loaded against
  Facts facts;               // indexed like that standard's fields
};

enum class Verdict { Major, General, Undecided };

struct Match {
  std::size_t item = 0;
  std::string why;  // the recorded facts against the thresholds
};

struct Judgement {
  Verdict verdict = Verdict::General;
  std::vector<Match> matches;
  std::vector<std::size_t> undecided_items;
  std::vector<std::size_t> missing;  // fields, in dictionary order
};

// Loads findings. CSV: `id` (编号), `enterprise` (企业), `industry` (行业), optional
// `location`, `date`, `inspector`, `note`, then one column per field of the standards.
// YAML: `findings: [{id, enterprise, industry, facts: {field: value}}]`. Throws InputError
// with every problem: an industry no standard covers, a column that is no standard's field,
// a fact of the wrong type or not in its finding's standard, a duplicate finding id.
[[nodiscard]] std::vector<Finding> load_findings_csv(const std::string& display, std::string bytes,
                                                     io::Encoding enc,
                                                     const std::vector<Criteria>& standards);
[[nodiscard]] std::vector<Finding> load_findings_yaml(const std::string& display, const std::string& text,
                                                      const std::vector<Criteria>& standards);

[[nodiscard]] Judgement judge(const Criteria& criteria, const Finding& finding);

}  // namespace safeassess::hazard
