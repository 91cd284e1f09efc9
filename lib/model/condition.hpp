#pragma once
// Structured conditions (veto rules, bands): all / any / not over comparisons of one
// declared input with a number. Deliberately not a string expression language: every
// part has a YAML position, so a mistake is reported where it is.
//
//   when: {field: major_accidents, op: ge, value: 1}
//   when: {any: [{field: a, op: gt, value: 0}, {not: {field: b, op: eq, value: 1}}]}

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/decimal.hpp"

namespace safeassess::ruleset {

enum class Op { Eq, Ne, Lt, Le, Gt, Ge };

struct Condition {
  enum class Kind { All, Any, Not, Compare };
  Kind kind = Kind::Compare;
  std::vector<Condition> children;  // All, Any: any number; Not: exactly one
  std::size_t input = 0;            // Compare: index into Ruleset::inputs
  Op op = Op::Eq;
  num::Decimal value;
};

// Evaluates against one unit's input values (indexed like Ruleset::inputs).
[[nodiscard]] bool evaluate(const Condition& c, std::span<const num::Decimal> values);

// Every input index the condition reads, in first-use order, without repeats.
void collect_inputs(const Condition& c, std::vector<std::size_t>& out);

// Human-readable form, e.g. "major_accidents ≥ 1 or concealed_accidents ≥ 1"; `ids`
// gives the input ids by index.
[[nodiscard]] std::string describe(const Condition& c, const std::vector<std::string>& ids);

[[nodiscard]] const char* op_symbol(Op op);

}  // namespace safeassess::ruleset
