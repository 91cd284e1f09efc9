#pragma once
// 双随机 draws (README "The draw, exactly"): enterprises drawn per stratum with the portable ChaCha20
// stream of core/chacha20.hpp, then a team of inspectors for each from the roster, within
// qualifications, recusals (回避) and workload limits. The draw is a pure function of the
// enterprise list, the colours, the roster, the plan, the draw date and the seed: nothing
// else (no clock, no address, no hash-map order) reaches it.

#include <string>
#include <vector>

#include "core/chacha20.hpp"
#include "core/date.hpp"
#include "model/targeting.hpp"

namespace safeassess::targeting {

struct DrawInput {
  const Targeting* rules = nullptr;  // with a sampling plan
  const EnterpriseList* list = nullptr;
  const std::vector<std::size_t>* colours = nullptr;  // per enterprise; needed when colour is a stratum
  const Roster* roster = nullptr;
  date::Day date = 0;  // the day of the draw
  std::string seed;
  std::string beacon;  // a public value announced after the inputs were fixed; may be empty
};

struct Stratum {
  std::vector<std::string> key;    // values in the plan's strata order (colour: its id)
  std::size_t size = 0;            // enterprises in the stratum
  std::size_t recent = 0;          // of those, inspected within the plan's recent months
  std::size_t eligible = 0;        // with a weight above 0
  std::size_t allocation = 0;      // index of the allocation that applies
  std::size_t count = 0;           // to draw
  std::vector<std::size_t> drawn;  // enterprises, in draw order
};

struct Team {
  std::size_t enterprise = 0;
  std::vector<std::size_t> inspectors;  // in draw order
};

struct Draw {
  std::vector<Stratum> strata;  // by key: a colour in the scheme's order, other values bytewise
  std::vector<Team> teams;      // in draw order
  std::vector<long> load;       // per inspector: enterprises assigned
  std::vector<char> recent;     // per enterprise: inspected within the recent months
  date::Day recent_from = 0;    // the first day that counts as recent
  std::uint64_t words = 0;      // keystream words used
};

// The key of the stream: SHA-256 of "safeassess-draw-v1\n" followed by the seed's bytes, and
// with a beacon by a LF and the beacon's bytes.
[[nodiscard]] random::Key draw_key(std::string_view seed, std::string_view beacon = {});

// The first day within `months` months before `day`: the same day of the month `months`
// earlier (the month's last day when it has fewer days).
[[nodiscard]] date::Day months_before(date::Day day, long months);

// Throws InputError for an impossible request, naming the stratum or the enterprise and
// what stands in the way: a count above the stratum's eligible enterprises, a stratum that
// no allocation covers, no team of the plan's size left after qualifications, recusals and
// workload limits, an inspection dated after the draw.
[[nodiscard]] Draw draw(const DrawInput& in);

}  // namespace safeassess::targeting
