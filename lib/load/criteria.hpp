#pragma once
// Reading major-accident-hazard judgement criteria (model/criteria.hpp) from YAML, bundled
// or from a file: every condition checked, every item's examples evaluated.

#include <string>
#include <string_view>

#include "model/criteria.hpp"

namespace safeassess::hazard {

// Parses and validates criteria: unknown fields (with a did-you-mean), type mismatches,
// unreachable items (a text value the field does not allow, contradictory bounds on one
// field), and every example: a `meets` example must judge the item true, a `misses`
// example false. Throws InputError with every problem.
[[nodiscard]] Criteria load_criteria(const std::string& display, const std::string& text);

// "builtin:NAME", a bundled criteria's bare name, or a path.
[[nodiscard]] Criteria load_criteria_ref(const std::string& ref);

// Parses a fact from text for a field ("" gives an unknown fact). Returns false with
// `error` set to what was expected when the text does not fit the field's type.
bool parse_fact(const FieldDef& field, std::string_view text, Fact& out, std::string& error);

}  // namespace safeassess::hazard
