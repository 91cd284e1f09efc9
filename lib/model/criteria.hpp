#pragma once
// Major-accident-hazard judgement criteria (重大事故隐患判定标准): a field dictionary of
// inspection facts and a list of items, each a structured condition over those facts.
//
// Facts may be unknown (an inspector records only what was observed), so conditions are
// evaluated in three-valued logic: true, false or unknown (Kleene: "all" is false as soon
// as one part is false, "any" is true as soon as one part is true).

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "model/edition.hpp"

namespace safeassess::hazard {

enum class FieldType { Boolean, Number, Text };

struct FieldDef {
  std::string id;
  std::string label;  // Chinese label, e.g. 悬挑脚手架架体高度
  std::string unit;   // e.g. m, MPa, %
  FieldType type = FieldType::Boolean;
  std::vector<std::string> values;  // Text: the allowed values (empty: any text)
  // Number: the values the fact can take (e.g. 重大危险源等级 1–4); a value outside is an
  // input error, never a verdict.
  std::optional<double> min, max;
  bool integer = false;
};

// One recorded fact; `known` false when the inspector did not record it.
struct Fact {
  bool known = false;
  double number = 0;  // Number, and Boolean as 1/0
  std::string text;   // Text
};

enum class Tri { False, True, Unknown };

enum class Op { Eq, Ne, Lt, Le, Gt, Ge, In, Between, Exists };

struct Condition {
  enum class Kind { All, Any, Not, Compare };
  Kind kind = Kind::Compare;
  std::vector<Condition> children;
  std::size_t field = 0;
  Op op = Op::Eq;
  double number = 0;               // Eq/Ne/Lt/... on Number or Boolean
  std::string text;                // Eq/Ne on Text
  std::vector<double> numbers;     // In (Number), Between (two bounds, inclusive)
  std::vector<std::string> texts;  // In (Text)
  bool exists = true;              // Exists: whether the fact must be recorded
  // Compare with another fact times a factor instead of a constant:
  // {field: slope_angle_deg, op: gt, ref: {field: design_slope_angle_deg, times: 1}}
  std::optional<std::size_t> ref;
  double ref_times = 1;
};

using Facts = std::vector<Fact>;  // indexed like Criteria::fields

struct Item {
  std::string id;
  std::string article;   // 第三条第（一）项
  std::string category;  // 粉尘防爆
  std::string description;
  Condition when;
  std::vector<std::size_t> fields;  // every field the condition reads
  bool verified = true;
  std::string source;  // where this item's wording was checked, when not the file's source
  std::string note;
  std::vector<Facts> meets;   // examples the item must judge true
  std::vector<Facts> misses;  // examples it must judge false
};

struct Criteria {
  std::string id;
  std::string name;
  // The standard this file is one edition of (coal, chemical, ...): findings of its
  // industries are judged by the edition of their family in force on their date.
  std::string family;
  model::Edition edition;
  std::string source;
  bool verified = true;                 // the file's claim; true only when every item is verified
  std::vector<std::string> industries;  // the findings' industry values it judges
  std::vector<FieldDef> fields;
  std::unordered_map<std::string, std::size_t> field_index;
  std::vector<Item> items;
  std::string file;
  std::string sha256;

  [[nodiscard]] std::optional<std::size_t> find_field(const std::string& id) const;
  [[nodiscard]] std::size_t verified_items() const;
};

// Which of the editions `family` (indices into `standards`, one family, dates not
// overlapping) is in force on `day`. When none is, `standard` is the nearest edition and
// `why_not` says which text was in force instead and that it is not loaded.
struct EditionChoice {
  std::size_t standard = 0;
  std::string why_not;
};
[[nodiscard]] EditionChoice choose_edition(const std::vector<Criteria>& standards,
                                           const std::vector<std::size_t>& family, date::Day day);

[[nodiscard]] Tri evaluate(const Condition& c, const Criteria& criteria, const Facts& facts);

// Every field the condition reads, in first-use order, appended to `out` without repeats.
void collect_fields(const Condition& c, std::vector<std::size_t>& out);

// Appends the unrecorded fields whose value could still decide `c` (none unless `c` is
// Unknown): only the parts not already decided by the recorded facts.
void missing_fields(const Condition& c, const Criteria& criteria, const Facts& facts,
                    std::vector<std::size_t>& out);

// The condition in words with the recorded values, e.g.
// "scaffold_cantilever_height_m = 21 (> 20)".
[[nodiscard]] std::string explain(const Condition& c, const Criteria& criteria, const Facts& facts);

}  // namespace safeassess::hazard
