#include "report/accounting.hpp"

namespace safeassess::report {

nlohmann::ordered_json accounting_json(const std::optional<RowAccount>& rows) {
  using nlohmann::ordered_json;
  if (!rows) return nullptr;
  ordered_json excluded = ordered_json::array();
  for (const auto& [why, n] : rows->excluded) excluded.push_back({{"why", why}, {"rows", n}});
  return ordered_json{{"read", rows->read}, {"used", rows->used}, {"excluded", std::move(excluded)}};
}

}  // namespace safeassess::report
