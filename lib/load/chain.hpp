#pragma once
// Reading a responsibility chain (model/chain.hpp) from YAML or from nodes and edges CSV
// files, and the accidents traced along it.

#include <string>
#include <vector>

#include "io/encoding.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"
#include "model/units.hpp"

namespace safeassess::chain {

// Loads a chain from YAML (`nodes:` and `edges:` lists). Roles are checked against
// `duties`, units against `units` when given. Throws InputError with every problem.
[[nodiscard]] Chain load_chain_yaml(const std::string& display, const std::string& text,
                                    const duty::DutyList& duties, const assessment::Units* units);

// Loads a chain from a nodes CSV (id, name, kind, tier, role, parent, industry, unit) and
// an edges CSV (from, to, kind, lead). Rows stream; Chinese headers are accepted.
[[nodiscard]] Chain load_chain_csv(const std::string& nodes_display, std::string nodes_bytes,
                                   const std::string& edges_display, std::string edges_bytes,
                                   io::Encoding enc, const duty::DutyList& duties,
                                   const assessment::Units* units);

}  // namespace safeassess::chain
