#pragma once
// 三色 classification of enterprises (README "safeassess classify"): each enterprise's facts from the
// accident register, the hazard ledger, the enterprise list and the duty records, the
// ruleset's rules applied first-match or by points, the colour and the rules that decided
// it, and the change since the previous period.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "accident/register.hpp"
#include "duty/compliance.hpp"
#include "hazard/ledger.hpp"
#include "model/chain.hpp"
#include "model/targeting.hpp"

namespace safeassess::targeting {

// What the facts are taken from; any may be absent, but a rule that reads a fact whose
// source is absent is an error (a fact is never silently zero).
struct Sources {
  const hazard::LedgerReport* ledger = nullptr;
  const accident::Register* accidents = nullptr;
  const accident::Summary* accident_summary = nullptr;  // with `accidents`
  const chain::Chain* chain = nullptr;
  const duty::Compliance* compliance = nullptr;        // with `chain`
  const std::vector<std::string>* unit_ids = nullptr;  // for the unlisted names
};

enum class Change : std::uint8_t { New, Same, Worse, Better };
[[nodiscard]] std::string_view to_string(Change c);  // new, same, worse, better

struct Classified {
  std::size_t colour = 0;
  std::vector<Decimal> facts;        // by field (Targeting::field_ids)
  std::vector<std::size_t> matched;  // the rules that hold, in rule order (first-match: the first only)
  // Rules not applied: whether they hold depends on a fact this enterprise does not have
  // (principal_compliance of an enterprise with no principal post in the chain); a rule that
  // holds or fails whatever that fact is (an `any` with a known part true) is applied. In rule
  // order, up to the match.
  std::vector<std::size_t> skipped;
  std::vector<std::size_t> unknown;  // the fields it does not have
  Decimal points;                    // points method: the sum of the matched rules' points
  Change change = Change::New;
};

struct Result {
  std::vector<Classified> rows;          // parallel to the enterprise list
  std::vector<std::size_t> counts;       // per colour
  std::vector<std::size_t> previous;     // per colour, of those with a previous colour
  std::array<std::size_t, 4> changes{};  // by Change
  // Hazards and accidents of the period that name no enterprise on the list (counted for
  // their unit by the assessment, not classified here).
  std::uint64_t unlisted_hazards = 0;
  std::uint64_t unlisted_accidents = 0;
  std::vector<std::string> unlisted_names;  // "unit name", the first 20
  std::vector<bool> has_source;             // per fact: its source was given
};

// Throws InputError when a rule reads a fact whose source the manifest does not name, or an
// enterprise's principal is not a post of the chain.
[[nodiscard]] Result classify(const Targeting& rules, const EnterpriseList& list, const Sources& sources);

}  // namespace safeassess::targeting
