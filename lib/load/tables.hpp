#pragma once
// Reading the units, indicator values and ratings tables (CSV) of an assessment, checked
// against its ruleset. Rows stream; values land in flat arrays.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "io/encoding.hpp"
#include "model/ruleset.hpp"
#include "model/units.hpp"
#include "model/values.hpp"

namespace safeassess::assessment {

// ", did you mean \"C08\"?" for an unknown unit id, or empty; skipped past 20,000 units
// (the scan is over every id).
[[nodiscard]] std::string suggest_unit(std::string_view id, const Units& units);

// Loaders for each data file, from text so that tests need no disk. Each throws
// InputError with every problem found. `bytes` is consumed (decoded in place).
[[nodiscard]] Units load_units(const std::string& display, std::string bytes, io::Encoding enc);
// The same, but problems go to `diagnostics` and the valid rows are returned, so that
// the files after it can still be checked in the same run.
// `group_column` (the ruleset's grouping column, 分类考核) is read into Units::groups; every
// unit needs a value.
[[nodiscard]] Units load_units(const std::string& display, std::string bytes, io::Encoding enc,
                               Diagnostics& diagnostics, const std::string& group_column = "");
// `supplied` lists inputs that come from elsewhere (the hazard ledger): the file must not
// have their columns.
// With `period` (a ruleset with periods), only the rows whose "period" column holds it are
// read: one row per unit and period. Rows of undeclared periods are reported when the first
// period is read.
[[nodiscard]] Values load_values(const std::string& display, std::string bytes, io::Encoding enc,
                                 const ruleset::Ruleset& rules, ruleset::MissingPolicy missing,
                                 const Units& units, const std::vector<std::size_t>& supplied = {},
                                 const std::string& period = "");
// The year's values of a ruleset with periods, for what reads the year as a whole (bonus,
// adjustments, vetoes, grade caps): counts add up over the periods, a yes/no is yes when any
// period says yes, other numbers are the last period's (the figure at the year's end).
[[nodiscard]] Values combine_periods(const ruleset::Ruleset& rules, const std::vector<Values>& periods);
// Computes the ruleset's derived inputs (Ruleset::derived) for every unit, after every other
// input is in place (read, or fed by the ledger, the register or the duty records). A term
// that is missing leaves the derived input missing; a division by 0 is an input error at
// the unit's row unless the ruleset states the value of 0 / 0.
void derive_inputs(const ruleset::Ruleset& rules, const Units& units, Values& values);
// `bytes` is nullopt when the manifest names no ratings file.
[[nodiscard]] Ratings load_ratings(const std::string& display, std::optional<std::string> bytes,
                                   io::Encoding enc, const ruleset::Ruleset& rules,
                                   ruleset::MissingPolicy missing, const Units& units);

}  // namespace safeassess::assessment
