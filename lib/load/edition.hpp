#pragma once
// Reading an edition block (model/edition.hpp) from the top level of a YAML file:
// number, published, effective_from, effective_until, preceded_by, superseded_by,
// dates_verified, dates_note.

#include "io/yaml.hpp"
#include "model/edition.hpp"

namespace safeassess::load {

// Reads the edition keys of `root`. `need_from`: effective_from is required. Dates must be
// real dates (YYYY-MM-DD) and effective_until may not precede effective_from.
[[nodiscard]] model::Edition read_edition(const io::YamlReader& reader, const YAML::Node& root,
                                          bool need_from);

}  // namespace safeassess::load
