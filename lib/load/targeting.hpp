#pragma once
// Reads the tables of targeting (model/targeting.hpp): the enterprise list, the roster of
// inspectors, recusals (回避) and past inspections (README "Targeting tables").

#include <optional>
#include <string>

#include "io/encoding.hpp"
#include "model/targeting.hpp"
#include "model/units.hpp"

namespace safeassess::targeting {

// One input table: as displayed in messages, and its bytes (CSV, or a sheet as CSV text).
struct Table {
  std::string shown;
  std::string bytes;
};

// What the rules read decides which columns must be there: a column a rule, a stratum or
// a recusal rule needs is required, and so is each of its cells.
struct Needs {
  bool township = false, industry = false, risk = false, principal = false, previous = false;
  bool roster_township = false;  // the roster's township column (avoid.own_township)
  bool previous_file = false;    // previous colours come from previous_colours, not a column
};
[[nodiscard]] Needs needs(const Targeting& t, bool sampling);

// Columns: id (企业编号), name (企业名称), unit (单位编号); township (乡镇), industry (行业),
// risk_level (风险等级), principal (主要负责人岗位), previous_colour (上期颜色). Throws
// InputError with every problem: a repeated id, a name repeated within a unit, an unknown
// unit, risk level or colour, an empty cell of a needed column.
[[nodiscard]] EnterpriseList read_enterprises(Table t, io::Encoding enc, const assessment::Units& units,
                                              const Targeting& rules, const Needs& need);

// Last period's colours (the manifest's previous_colours): a table with `id` (企业编号) and
// `colour` (颜色: a colour's id or name) — the CSV `classify -f csv` writes has both. Sets each
// listed enterprise's previous colour; an enterprise of the table no longer on the list is
// counted (list.previous_unlisted), not an error. Throws InputError for a repeated id, an
// unknown colour, or a list whose own previous_colour column gives them already.
void read_previous(Table t, io::Encoding enc, EnterpriseList& list, const Targeting& rules);

// The roster (id 执法人员编号, name 姓名, qualifications 执法资格, township 所在乡镇, max
// 工作量上限), and optionally recusals (inspector, enterprise, reason 回避事由) and past
// inspections (enterprise, date 检查日期, inspectors 检查人员, ids separated by ; or 、).
[[nodiscard]] Roster read_roster(Table inspectors, std::optional<Table> recusals,
                                 std::optional<Table> inspections, io::Encoding enc,
                                 const EnterpriseList& list, bool need_township);

// "a;b、c" → {"a", "b", "c"}: a list in one cell, separated by ; ； 、 , or ，, trimmed,
// empty parts dropped.
[[nodiscard]] std::vector<std::string> split_list(std::string_view cell);

}  // namespace safeassess::targeting
