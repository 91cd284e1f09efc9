#pragma once
// Judging inspection findings against major-hazard criteria (重大事故隐患判定).
//
// Each finding is judged by the edition in force on its date of the standard whose
// `industries` include its industry; with no loaded edition in force then, the verdict is
// undecided and `out_of_force` says why (never a judgement by a replaced or future text). Items
// whose fields the finding does not touch at all do not apply to it (the inspector made no
// observation there). Of the items that apply:
//  - any true: a major hazard (重大事故隐患), with every matching item and why;
//  - else any undecided: undecided, with exactly the unrecorded facts that could decide it;
//  - else: a general hazard (一般隐患).

#include <string>
#include <vector>

#include "model/criteria.hpp"
#include "model/finding.hpp"

namespace safeassess::hazard {

enum class Verdict { Major, General, Undecided };

struct Match {
  std::size_t item = 0;
  std::string why;  // the recorded facts against the thresholds
};

struct Judgement {
  Verdict verdict = Verdict::General;
  std::vector<Match> matches;
  std::vector<Match> cleared;  // items that applied and were not met, with the facts: why not
  std::vector<std::size_t> undecided_items;
  std::vector<std::size_t> missing;  // fields, in dictionary order
  std::string out_of_force;          // undecided because no edition in force: why
};

[[nodiscard]] Judgement judge(const Criteria& criteria, const Finding& finding);

// The ids of the findings judged `verdict` (judge --fail-on major/undecided), in order;
// `judgements` is parallel to `findings`.
[[nodiscard]] std::vector<std::string> judged(const std::vector<Finding>& findings,
                                              const std::vector<Judgement>& judgements, Verdict verdict);

}  // namespace safeassess::hazard
