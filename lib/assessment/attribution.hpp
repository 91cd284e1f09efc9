#pragma once
// Attribution of lost points: for one unit's score, indicator by indicator, which
// enterprises and posts account for the points it lost — where the data reaches below the
// unit. A ledger-fed indicator is shared among the unit's enterprises by their hazards
// not done (unrectified, invalidly closed, overdue: whatever the metric counts); a
// duty-fed one among the unit's holders by their missed duty periods. Shares are in
// proportion to those counts, rounded so that they add up to the printed loss exactly.
// Other indicators stop at the unit: the data says nothing below it.

#include <cstdint>
#include <string>
#include <vector>

#include "assessment/assessment.hpp"
#include "score/engine.hpp"

namespace safeassess::assessment {

struct Share {
  std::string id;    // node id (posts) or enterprise name (ledger)
  std::string name;  // display name
  std::string what;  // what it failed: "2 of 3 major hazards not validly closed", missed duties
  std::uint64_t count = 0;
  num::Decimal points;
};

struct IndicatorLoss {
  std::size_t indicator = 0;
  num::Decimal lost;
  std::string source;  // "hazard ledger", "duty records", or empty when it stops at the unit
  std::vector<Share> shares;
};

struct Attribution {
  std::size_t unit = 0;
  num::Decimal lost;  // sum over indicators
  std::vector<IndicatorLoss> indicators;
};

// Uses the assessment's hazard ledger and duty compliance, when it has them.
[[nodiscard]] Attribution attribute(const Assessment& a, const score::Results& r, std::size_t unit);

// Splits `total` (already rounded to `precision`) in proportion to `weights`, rounding each
// part to `precision` so that the parts add up to `total` exactly (largest remainder).
[[nodiscard]] std::vector<num::Decimal> apportion(num::Decimal total,
                                                  const std::vector<std::uint64_t>& weights, int precision);

}  // namespace safeassess::assessment
