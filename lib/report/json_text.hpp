#pragma once
// JSON text for the reports. Input text is valid UTF-8 by the time it reaches a writer,
// but a path from the command line may not be (a file name is bytes): it is written with
// U+FFFD for each bad byte instead of failing the run.

#include <nlohmann/json.hpp>
#include <string>

#include "core/decimal.hpp"

// An exact decimal is written as a JSON number: the double nearest to it, which prints as
// the decimal's own digits (a report's numbers have at most 15 significant digits).
template <>
struct nlohmann::adl_serializer<safeassess::num::Decimal> {
  template <typename Json>
  static void to_json(Json& j, const safeassess::num::Decimal& d) {
    j = d.to_double();
  }
};

namespace safeassess::report {

[[nodiscard]] inline std::string json_text(const nlohmann::ordered_json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace safeassess::report
