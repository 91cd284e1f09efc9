#pragma once
// The hazard ledger (一隐患一档案): one row per hazard from finding to closure (销号).
// Read as of a date, it gives per unit and per industry the rectification rates (major and
// general), the overdue hazards with their status colour (green on schedule, yellow
// behind, red seriously behind), the closures that are invalid, and the hazards under
// supervision (挂牌督办). The file streams: rows are tallied as they are read and only the
// hazards a report lists are kept.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "io/encoding.hpp"
#include "model/ruleset.hpp"
#include "model/units.hpp"

namespace safeassess::hazard {

enum class Level { Major = 0, General = 1 };
enum class Colour { Green = 0, Yellow = 1, Red = 2 };

struct Tally {
  std::array<std::uint64_t, 2> found{};    // by level, found on or before the as-of date
  std::array<std::uint64_t, 2> done{};     // major: validly closed; general: rectified
  std::array<std::uint64_t, 2> open{};     // not yet rectified
  std::array<std::uint64_t, 2> overdue{};  // open past the deadline
  std::array<std::uint64_t, 3> colour{};   // open hazards by status colour
  std::uint64_t invalid_closures = 0;
  std::uint64_t supervised = 0;
  // 存量/增量 (with a period): open at the period's start, or found within the period (from its
  // first to its last day); and of those, done by the as-of date. By level. A hazard found
  // after the period's last day is neither.
  std::array<std::uint64_t, 2> stock{}, stock_done{}, increment{}, increment_done{};

  // Rectification rate in percent; 100 when nothing of that level was found.
  [[nodiscard]] double rate(Level level) const;
  void add(const Tally& other);
};

// A deadline extension (延期) as recorded on the hazard's row, and whether it moved the
// deadline: requested on or before the deadline, approved by a named body on or before the
// as-of date (README "Extensions and 督办").
enum class ExtensionProblem : std::uint8_t {
  None,
  RequestedAfterAsOf,  // requested after the as-of date
  RequestedLate,       // requested after the deadline had passed
  NotApproved,         // no approval date
  ApprovedAfterAsOf,   // approved after the as-of date
  NoApprover,          // approved by no named body
};
// "", "requested-after-as-of", "requested-after-deadline", "not-approved",
// "approved-after-as-of", "no-approver"
[[nodiscard]] std::string_view to_string(ExtensionProblem p);

struct Extension {
  date::Day requested = 0;
  date::Day approved = date::k_no_day;  // k_no_day: not approved
  std::string approved_by;
  date::Day new_deadline = 0;
  ExtensionProblem why_not = ExtensionProblem::None;  // None: valid, the deadline moved
  [[nodiscard]] bool valid() const { return why_not == ExtensionProblem::None; }
};

// A hazard that a report lists (overdue, invalidly closed, supervised, or extended).
struct ListedHazard {
  std::string id;
  std::string unit;
  std::string enterprise;
  std::string industry;
  std::string supervision;
  Level level = Level::General;
  date::Day found = 0;
  date::Day deadline = 0;           // the deadline in force: a valid extension's, else the row's
  date::Day original_deadline = 0;  // the row's
  std::optional<Extension> extension;
  std::string supervision_level;           // 督办级别 (国家/省/市/县/乡镇), as written
  std::string supervised_by;               // 督办单位
  date::Day listed_on = date::k_no_day;    // 挂牌 (k_no_day: none)
  date::Day delisted_on = date::k_no_day;  // 摘牌
  long line = 0;
  bool is_open = false;
  bool rectified_not_closed = false;
  int days_overdue = 0;               // > 0 when open past the deadline
  int step = -1;                      // the highest escalation step due (index), or -1
  date::Day step_due = 0;             // the day it fell due
  Colour colour = Colour::Green;      // for open hazards
  std::vector<std::string> problems;  // why a closure is invalid
};

// Where a hazard was found (来源渠道; seed 002 §二(二)5: 企业自查上报、督导检查发现、群众举报查实).
enum class Channel : std::uint8_t { SelfCheck, Inspection, Report, Undercover, Higher, Accident, Other };
inline constexpr std::size_t k_channels = 7;
[[nodiscard]] std::string_view to_string(Channel c);  // self-check, inspection, report, ...
[[nodiscard]] std::string_view chinese(Channel c);  // 自查, 执法检查, 举报, 暗访, 上级督查, 事故调查, 其他

struct LedgerReport {
  std::string file;
  std::string sha256;
  date::Day as_of = 0;
  ruleset::LedgerPolicy policy;
  std::uint64_t rows = 0;
  std::uint64_t found_after = 0;   // rows found after the as-of date (not counted)
  std::vector<std::string> units;  // unit ids, in units-file order when one was given
  std::vector<Tally> by_unit;
  std::vector<std::string> industries;  // in order of first appearance
  std::vector<Tally> by_industry;
  Tally total;
  struct EnterpriseTally {
    std::string name;
    std::uint32_t unit = 0;  // index into units
    Tally tally;
  };
  std::vector<EnterpriseTally> enterprises;  // per (unit, enterprise), in order of first appearance
  std::vector<ListedHazard> overdue;         // most days overdue first
  std::vector<ListedHazard> invalid;         // file order
  std::vector<ListedHazard> supervised;      // file order
  bool has_channels = false;                 // the ledger has a channel column
  std::array<Tally, k_channels> by_channel;  // with it
  std::optional<date::Period> period;        // 存量/增量 are split at its first day
  std::vector<ListedHazard> extended;        // every hazard with an extension, valid or not; file order
  std::vector<ListedHazard> not_delisted;    // under supervision, closed by the as-of date, no 摘牌
};

// Reads a ledger CSV and reports it as of `as_of`. Columns: `id`, `unit`, `level` (重大/一般,
// major/general), `found`, `deadline`; optional `enterprise`, `industry`, `rectified`,
// `verified_regulator`, `verified_expert`, `verified_enterprise`, `closed`, `supervision`
// (Chinese headers accepted). With `units`, every unit must be in it. Throws InputError
// with every problem: an unparseable date, a deadline or any later date before the finding
// date, an unknown level or unit, a duplicate hazard id.
[[nodiscard]] LedgerReport read_ledger(const std::string& display, std::string bytes, io::Encoding enc,
                                       date::Day as_of, const ruleset::LedgerPolicy& policy,
                                       const assessment::Units* units,
                                       std::optional<date::Period> period = std::nullopt);

// One hazard of a ledger by id, for tracing responsibility for it (trace --hazard): its
// enterprise and the date it was found. Throws InputError when the ledger has no such id.
struct HazardCase {
  std::string id;
  std::string enterprise;
  std::string level;  // as written
  date::Day found = 0;
  long line = 0;
};
[[nodiscard]] HazardCase find_hazard(const std::string& display, std::string bytes, io::Encoding enc,
                                     std::string_view id);

// What the ledger gates trip on (hazards --fail-on), in report order: the ids of major
// hazards open past their deadline (overdue-major), and of invalid closures
// (invalid-closure).
[[nodiscard]] std::vector<std::string> overdue_major_ids(const LedgerReport& r);
[[nodiscard]] std::vector<std::string> invalid_closure_ids(const LedgerReport& r);
// Overdue hazards with a step of the ruleset's escalation ladder due (escalation).
[[nodiscard]] std::vector<std::string> escalation_ids(const LedgerReport& r);

// The value of a ledger metric for one unit's tally.
[[nodiscard]] double metric(const Tally& t, ruleset::LedgerMetric m);

}  // namespace safeassess::hazard
