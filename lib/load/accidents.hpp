#pragma once
// Reading the accident register (model/accident.hpp) from CSV.

#include <string>

#include "io/encoding.hpp"
#include "model/accident.hpp"
#include "model/units.hpp"

namespace safeassess::accident {

// Loads `accidents.csv`. One row per report: the first report of an accident (record
// 首报/initial, the default) with id, unit, enterprise, industry, occurred_at, deaths,
// serious_injuries, direct_loss (万元), responsibility, optional concealment (漏报/瞒报/谎报),
// reported_county_at, reported_city_at, reported_province_at, reported_state_at,
// description; and any number of revisions (record 补报/revision) with id, reported_at,
// deaths and serious_injuries (the totals as revised). Throws InputError listing every
// problem: an unknown unit, negative or fractional counts, a report before the accident,
// a level told before the level below it, a revision of an accident not in the file, a
// repeated id.
[[nodiscard]] Register load_register(const std::string& display, std::string bytes, io::Encoding enc,
                                     const assessment::Units& units);

}  // namespace safeassess::accident
