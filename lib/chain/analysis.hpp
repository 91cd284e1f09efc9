#pragma once
// Gaps along the responsibility chain (责任链): who regulates and supervises what, where
// the chain is not joined up, where duties go undone and what that leaves uncovered, how
// compliance fades from tier to tier, and which posts alone carry many enterprises. And
// accountability (一案双查): from an enterprise up to every post that answers for it.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/graph.hpp"
#include "duty/compliance.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"

namespace safeassess::chain {

enum class GapKind : std::uint8_t {
  UnregulatedIndustry,     // 监管真空: an industry present among the enterprises that no one regulates
  UnsupervisedEnterprise,  // 失控漏管: an enterprise nobody supervises
  SeveralRegulators,       // 多头管理: several regulators and no single designated lead
  NoDutyList,              // a post without a role, so without a duty list (一岗双责 清单)
  NoPortfolio,             // a leader whose role needs a portfolio (分管) and who oversees nothing
  Dangling,                // an industry regulated that no enterprise of the chain is in
  Cycle,                   // nodes that are each other's superiors
  Unreachable,             // nodes the top of the chain does not reach
  BrokenLink,              // a holder below the compliance threshold, and what it leaves uncovered
  Attenuation,             // 上热中温下冷: compliance falling tier by tier
  CriticalLink,            // a post every chain to many enterprises passes through
};
inline constexpr std::size_t k_gap_kinds = 11;

// The registry of gap kinds, in GapKind order: its id in reports, its Chinese name, and
// what it means (trace --help lists them). A new kind is an enumerator and a row here.
struct GapKindSpec {
  GapKind kind;
  std::string_view id;
  std::string_view chinese;
  std::string_view summary;
};
[[nodiscard]] const std::array<GapKindSpec, k_gap_kinds>& gap_kinds();
[[nodiscard]] std::string_view to_string(GapKind k);
[[nodiscard]] std::string_view chinese(GapKind k);

struct Gap {
  GapKind kind = GapKind::Cycle;
  std::vector<std::uint32_t> nodes;     // the nodes involved, the principal one first
  std::uint32_t industry = k_no_index;  // industry gaps
  std::uint32_t unit = k_no_index;      // attenuation: the unit (k_no_index: the whole chain)
  std::vector<std::uint32_t> below;     // broken link: uncovered enterprises and posts; critical: enterprises
  std::uint64_t count = 0;              // unreachable: nodes in the region; critical: enterprises carried
  std::array<double, duty::k_tiers> rates{};  // attenuation: compliance per tier (NaN: no holders)
  double rate = 0;                            // broken link: the holder's compliance
  std::string why;                            // one sentence
};

struct Analysis {
  std::vector<Gap> gaps;                          // by kind, then by first node
  std::vector<std::uint32_t> carried;             // per node: enterprises it alone carries (dominates)
  std::vector<char> reachable;                    // per node
  std::array<std::size_t, k_gap_kinds> counts{};  // gaps per kind
  bool compliance_known = false;                  // broken links and attenuation need records
};

// A gap gate (trace --fail-on KIND): for each kind asked for that has gaps, where they are —
// the principal node's id, else the industry, else the unit's id, else "chain" — in
// report order.
struct GapTrip {
  GapKind kind = GapKind::Cycle;
  std::vector<std::string> places;
};
[[nodiscard]] std::vector<GapTrip> check_gap_gates(const Chain& chain, const Analysis& analysis,
                                                   const std::vector<std::string>& unit_ids,
                                                   const std::array<bool, k_gap_kinds>& asked);

// `compliance` may be null (no records): broken links and attenuation are then not traced.
// `unit_names` names the assessment units (for attenuation per unit).
[[nodiscard]] Analysis analyse(const Chain& chain, const Graph& graph, const duty::DutyList& list,
                               const duty::Compliance* compliance,
                               const std::vector<std::string>& unit_names);

enum class Responsibility : std::uint8_t { Direct = 0, Supervisory = 1, Leadership = 2 };
[[nodiscard]] std::string_view to_string(Responsibility r);
[[nodiscard]] std::string_view chinese(Responsibility r);

struct FailedDuty {
  std::uint32_t duty = 0;
  std::vector<int> missed;       // periods with too few records
  std::vector<int> unevidenced;  // periods met only without the required evidence
};

struct AccountablePost {
  std::uint32_t node = 0;
  Responsibility responsibility = Responsibility::Direct;
  std::uint32_t via = k_no_index;  // the node through which it answers for the case
  EdgeKind via_kind = EdgeKind::Reports;
  int depth = 0;                   // steps up from the enterprise
  std::vector<FailedDuty> failed;  // duties bearing on the case, not performed
};

struct Case {
  std::string kind;  // "enterprise", "hazard", "accident"
  std::string id;
  std::string description;
  std::optional<date::Day> date;   // when it happened or was found, for the report
  std::optional<date::Day> until;  // duties count in periods that began on or before it (an
                                   // accident: what was owed before it); none: all periods
  std::uint8_t bears_on = duty::k_case_hazard | duty::k_case_accident;
  std::string shown;  // the description for people (reader's language); empty: the description
};

struct Accountability {
  Case of;
  std::uint32_t enterprise = 0;
  std::vector<AccountablePost> posts;  // direct, then supervisory, then leadership; by depth
  std::vector<std::uint32_t> path;     // every node visited going up, in order
};

// Walks up from the enterprise: its own posts answer directly (直接责任); the organisations
// and posts that supervise it or regulate its industry, and their heads, answer for
// supervision (监管责任); the leaders above them — their heads, their overseers (分管领导),
// and on up to the top — answer for leadership (领导责任).
[[nodiscard]] Accountability account(const Chain& chain, const duty::DutyList& list,
                                     const duty::Compliance* compliance, std::uint32_t enterprise, Case of);

}  // namespace safeassess::chain
