#pragma once
// A small duty list and chains built from text, for the duty and chain tests.

#include <string>

#include "load/chain.hpp"
#include "load/duty_list.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"

namespace safeassess::test {

// Roles of every tier; `deputy` needs a portfolio. Thresholds: broken link below 60%,
// attenuation of 15 points, critical at 2 enterprises.
inline const char* const k_duty_list = R"(id: t
name: 测试清单
version: "1"
thresholds: {broken_link_pct: 60, attenuation_pct: 15, critical_enterprises: 2}
evidence:
  - {id: minutes, name: 会议纪要}
  - {id: record, name: 检查记录}
roles:
  - id: secretary
    name: 书记
    tier: decision
    head: true
    duties:
      - {id: meeting, name: 季度会议, frequency: quarter, min: 1, evidence: [minutes], source: s}
      - {id: inspect, name: 月度检查, frequency: month, min: 2, evidence: [record], bears_on: [hazard], source: s}
  - id: deputy
    name: 副职
    tier: decision
    portfolio: true
    duties:
      - {id: review, name: 半年评估, frequency: half-year, min: 1, evidence: [record], source: s}
  - id: chief
    name: 局长
    tier: management
    head: true
    duties:
      - {id: yearly, name: 年度检查, frequency: year, min: 1, evidence: [record], source: s}
  - id: worker
    name: 班组长
    tier: execution
    duties:
      - {id: check, name: 季度检查, frequency: quarter, min: 1, evidence: [record], source: s}
)";

inline duty::DutyList duty_list() {
  return duty::load_duty_list("duties.yaml", k_duty_list);
}

inline chain::Chain chain_from(const std::string& yaml, const duty::DutyList& list) {
  return chain::load_chain_yaml("chain.yaml", yaml, list, nullptr);
}

}  // namespace safeassess::test
