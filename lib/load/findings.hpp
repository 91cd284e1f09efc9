#pragma once
// Reading inspection findings (model/finding.hpp) from CSV or YAML, each checked against
// the standard that covers its industry.

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "io/encoding.hpp"
#include "model/criteria.hpp"
#include "model/finding.hpp"

namespace safeassess::hazard {

// Loads findings. CSV: `id` (编号), `enterprise` (企业), `industry` (行业), optional
// `location`, `date`, `inspector`, `note`, then one column per field of the standards.
// YAML: `findings: [{id, enterprise, industry, facts: {field: value}}]`. Throws InputError
// with every problem: an industry no standard covers, a column that is no standard's field,
// a fact of the wrong type or not in its finding's standard, a duplicate finding id, a
// finding with neither a date nor `as_of`.
//
// Each finding is placed in the edition of its standard in force on its date (or `as_of`
// when it has none); when no loaded edition is, Finding::out_of_force says why and its
// facts are not read.
[[nodiscard]] std::vector<Finding> load_findings_csv(const std::string& display, std::string bytes,
                                                     io::Encoding enc, const std::vector<Criteria>& standards,
                                                     std::optional<date::Day> as_of = std::nullopt);
[[nodiscard]] std::vector<Finding> load_findings_yaml(const std::string& display, const std::string& text,
                                                      const std::vector<Criteria>& standards,
                                                      std::optional<date::Day> as_of = std::nullopt);

}  // namespace safeassess::hazard
