#pragma once
// The names reports give the model's kinds, in the report's language (i18n::current()): the
// Chinese name the model carries (chinese(...)) in Chinese, an English name otherwise. JSON and
// CSV keep the ids (to_string(...)); only what people read goes through here.

#include <string>

#include "chain/analysis.hpp"
#include "hazard/judge.hpp"
#include "hazard/ledger.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"

namespace safeassess::report {

[[nodiscard]] std::string label(chain::GapKind k);
[[nodiscard]] std::string label(chain::Responsibility r);
[[nodiscard]] std::string label(chain::NodeKind k);
[[nodiscard]] std::string label(chain::EdgeKind k);
[[nodiscard]] std::string label(duty::Tier t);
[[nodiscard]] std::string label(duty::Frequency f);
[[nodiscard]] std::string label(hazard::Colour c);   // 绿/黄/红 · green/yellow/red
[[nodiscard]] std::string label(hazard::Level l);    // 重大/一般 · major/general
[[nodiscard]] std::string label(hazard::Verdict v);  // 重大事故隐患/一般隐患/待定
// What an input file is for ("units", "hazards", "chain edges": Assessment::files' roles),
// named for people (单位表, 隐患台账); a role it does not know as written.
[[nodiscard]] std::string file_role_label(std::string_view role);

}  // namespace safeassess::report
