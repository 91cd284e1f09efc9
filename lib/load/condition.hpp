#pragma once
// Reading a structured condition (model/condition.hpp) from its YAML form, with every
// mistake reported at its place.

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "io/yaml.hpp"
#include "model/condition.hpp"

namespace safeassess::ruleset {

// Parses a condition; problems go to the reader's diagnostics (unknown field with a
// did-you-mean, unknown operator, malformed node). `input_ids` maps input id -> index;
// `fields` names what the fields are when they are not the ruleset's declared inputs.
[[nodiscard]] Condition parse_condition(const io::YamlReader& reader, const YAML::Node& node,
                                        const std::unordered_map<std::string, std::size_t>& input_ids,
                                        const std::vector<std::string>& input_names,
                                        std::string_view fields = {});

}  // namespace safeassess::ruleset
