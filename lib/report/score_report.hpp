#pragma once
// Writers for score results. They format what the engine computed and compute nothing
// themselves. Every writer is deterministic: the same results give the same bytes.

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "assessment/assessment.hpp"
#include "score/engine.hpp"

#include "report/escape.hpp"
#include "report/format.hpp"

namespace safeassess::report {

// The terminal table: columns aligned by display width, so Chinese names line up.
void write_table(std::ostream& out, const assessment::Assessment& a, const score::Results& r);

// The JSON document described in README "JSON output".
void write_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r);

// A member of a larger document built on the score's: its name and a writer of its value
// (any JSON text).
struct JsonMember {
  std::string name;
  std::function<void(std::ostream&)> write;
};
// The score's document with "tool.timestamp" (`timestamp`, null when empty) and `extra`
// members after "units", streamed: a report set of any size is never one JSON tree.
void write_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                const std::optional<std::string>& timestamp, const std::vector<JsonMember>& extra);

// One row per unit in rank order; see README "CSV output".
void write_csv(std::ostream& out, const assessment::Assessment& a, const score::Results& r);

void write_markdown(std::ostream& out, const assessment::Assessment& a, const score::Results& r);

// The arithmetic for one unit, line by line (--explain), as text or as JSON.
void write_explain(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                   std::size_t unit);
void write_explain_json(std::ostream& out, const assessment::Assessment& a, const score::Results& r,
                        std::size_t unit);

// The JSON object of one unit; with `trace`, each indicator carries its explanation steps.
[[nodiscard]] nlohmann::ordered_json unit_json(const assessment::Assessment& a, const score::Results& r,
                                               std::size_t unit, bool trace);

}  // namespace safeassess::report
