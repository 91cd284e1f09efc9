#pragma once
// JSON text for the reports. Input text is valid UTF-8 by the time it reaches a writer,
// but a path from the command line may not be (a file name is bytes): it is written with
// U+FFFD for each bad byte instead of failing the run.

#include <nlohmann/json.hpp>
#include <string>

namespace safeassess::report {

[[nodiscard]] inline std::string json_text(const nlohmann::ordered_json& j, int indent = -1) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace safeassess::report
