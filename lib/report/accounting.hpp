#pragma once
// Row accounting in the JSON reports (README "Row accounting"): per input table, the rows
// read, the rows used and the rows excluded with why; read = used + excluded.

#include <nlohmann/json.hpp>
#include <optional>

#include "core/rows.hpp"

namespace safeassess::report {

// {"read", "used", "excluded": [{"why", "rows"}]}, or null for a file that is not a table.
[[nodiscard]] nlohmann::ordered_json accounting_json(const std::optional<RowAccount>& rows);

}  // namespace safeassess::report
