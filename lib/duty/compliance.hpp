#pragma once
// Duty compliance (履职考核): the performance records (履职记录: holder, duty, date, evidence)
// counted per holder, duty and period of the assessment period. A period is met when the
// duty was done at least `min` times with evidence of a kind the duty requires; met
// without the required evidence when the records reach `min` only by counting those
// without it; missed otherwise. Only periods wholly inside the assessment period are
// assessed (a half-year duty is not assessed in a Q3 assessment).

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "io/encoding.hpp"
#include "model/chain.hpp"
#include "model/duty_list.hpp"

namespace safeassess::duty {

enum class Status : std::uint8_t { Met = 0, Unevidenced = 1, Missed = 2 };
[[nodiscard]] std::string_view to_string(Status s);

// The periods of each frequency that lie wholly inside the assessment period.
struct Buckets {
  date::Period period;
  int first_month = 0;                                    // year * 12 + month - 1 of the period's first month
  int months = 0;                                         // months in the period (whole months only)
  std::array<int, k_frequencies> count{};                 // periods per frequency
  std::array<std::array<std::int8_t, 12>, 4> of_month{};  // month-based: month offset -> period, or -1
  date::Day first_week = 0;  // the first Monday on or after the period's first day
  // "2024-03", "2024-Q1", "2024-H2", "2024", "2024-W10" (ISO week), "2024-03上半月".
  [[nodiscard]] std::string label(Frequency f, int bucket) const;
  // The period of frequency f holding day d, or -1 if d's period is not assessed.
  [[nodiscard]] int of(Frequency f, date::Day d) const;
  [[nodiscard]] date::Day bucket_first(Frequency f, int bucket) const;
};
[[nodiscard]] Buckets make_buckets(date::Period period);

// Periods due, met and met without evidence: for a holder, a role, a tier or a unit.
struct Tally {
  std::uint64_t due = 0;
  std::uint64_t met = 0;
  std::uint64_t unevidenced = 0;
  // Compliance in percent (met / due); NaN when nothing was due.
  [[nodiscard]] double rate() const { return due == 0 ? std::nan("") : 100.0 * double(met) / double(due); }
  void add(const Tally& o) {
    due += o.due;
    met += o.met;
    unevidenced += o.unevidenced;
  }
};

struct Compliance {
  std::string file;  // the records file as displayed
  std::string sha256;
  Buckets buckets;
  std::uint64_t records = 0;
  std::uint64_t records_not_assessed = 0;  // in a period not wholly inside the assessment period
  // Slot layout: a holder's slots start at offset[node]; within them duty d of its role
  // starts at duty_start[first_duty[node] + d] and has buckets.count[its frequency] slots.
  // A duty's frequency can depend on the holder's industry (Duty::by_industry), so each
  // holder has its own list of duty frequencies.
  std::vector<std::uint32_t> offset;       // per node, k_no_index for non-holders
  std::vector<std::uint32_t> first_duty;   // per node: into duty_start / duty_frequency
  std::vector<std::uint32_t> duty_start;   // per holder and duty
  std::vector<Frequency> duty_frequency;   // per holder and duty
  std::vector<std::uint16_t> evidenced;    // per slot (saturating)
  std::vector<std::uint16_t> unevidenced;  // per slot (saturating)
  std::vector<Tally> by_node;              // per node (zero for non-holders)

  [[nodiscard]] bool is_holder(std::size_t node) const { return offset[node] != k_no_index; }
  // The frequency duty `duty` of holder `node` is due at, and how many periods that makes.
  [[nodiscard]] Frequency frequency(std::size_t node, std::size_t duty) const {
    return duty_frequency[first_duty[node] + duty];
  }
  [[nodiscard]] int periods(std::size_t node, std::size_t duty) const {
    return buckets.count[static_cast<std::size_t>(frequency(node, duty))];
  }
  [[nodiscard]] std::size_t slot(std::size_t node, std::size_t duty, int bucket) const {
    return offset[node] + duty_start[first_duty[node] + duty] + static_cast<std::size_t>(bucket);
  }
  [[nodiscard]] Status status(const DutyList& list, const chain::Chain& chain, std::size_t node,
                              std::size_t duty, int bucket) const;
  // Met periods out of due ones for one duty of a holder.
  [[nodiscard]] Tally duty_tally(const DutyList& list, const chain::Chain& chain, std::size_t node,
                                 std::size_t duty) const;
};

// The frequency `d` is due at for a holder in `industry` (empty: not under an enterprise).
[[nodiscard]] Frequency frequency_for(const Duty& d, std::string_view industry);
// The industry of the enterprise a node belongs to (its nearest enterprise ancestor), or "".
[[nodiscard]] std::string_view industry_of(const chain::Chain& chain, std::size_t node);

// Lays out the slots for every post with a role, with nothing recorded yet.
[[nodiscard]] Compliance empty_compliance(const DutyList& list, const chain::Chain& chain,
                                          date::Period period);

// Reads the performance records CSV (holder, duty, date, evidence[, reference]) and counts
// them. Throws InputError with every problem: a holder not in the chain or not a post with
// a role, a duty not of the holder's role, an unparseable date or one outside the period,
// an evidence kind the duty list does not declare.
[[nodiscard]] Compliance read_records(const std::string& display, std::string bytes, io::Encoding enc,
                                      const DutyList& list, const chain::Chain& chain, date::Period period);

// The duties gate (duties --fail-below PCT): the ids of the holders with something due whose
// compliance is below `pct`, in chain order.
[[nodiscard]] std::vector<std::string> holders_below(const chain::Chain& chain, const Compliance& c,
                                                     double pct);

// Sums over holders.
struct Summary {
  std::vector<Tally> by_role;                            // per duty-list role
  std::array<Tally, k_tiers> by_tier{};                  // per tier
  std::vector<std::array<Tally, k_tiers>> by_unit_tier;  // per assessment unit, per tier
  std::vector<Tally> by_unit;                            // per assessment unit
  Tally total;
};
[[nodiscard]] Summary summarise(const DutyList& list, const chain::Chain& chain, const Compliance& c,
                                std::size_t units);

}  // namespace safeassess::duty
