#pragma once
// The edition of a legal or normative text (版本): its document number, when it was
// published, the days it is in force, and the editions before and after it. Every bundled
// criteria file, risk scheme, duty list and assessment ruleset carries one, so that a finding
// or a period is judged only by a text in force on its date.

#include <optional>
#include <string>

#include "core/date.hpp"

namespace safeassess::model {

struct Edition {
  std::string number;           // document number, e.g. 应急管理部令第4号
  std::string published;        // YYYY-MM-DD, or empty when not known
  std::string effective_from;   // first day in force, YYYY-MM-DD (empty: not stated)
  std::string effective_until;  // last day in force (inclusive); empty: still in force
  std::string preceded_by;      // the edition before, when known (its text need not be bundled)
  std::string superseded_by;    // the edition after, when known
  // False when the dates above were not found in an official copy (e.g. the notice's date
  // taken as its first day in force); reports say so.
  bool dates_verified = true;
  std::string dates_note;
  std::optional<date::Day> from;
  std::optional<date::Day> until;

  // Whether the text is in force on `day`: from <= day <= until (an open end is unbounded;
  // with no effective_from stated, nothing can be said and the answer is false).
  [[nodiscard]] bool in_force(date::Day day) const {
    return from && *from <= day && (!until || day <= *until);
  }
  // When it is in force, in the reader's language: "2021-01-01 起" or "2021-01-01 至
  // 2026-06-30"; "in force from 2021-01-01" or "2021-01-01 to 2026-06-30".
  [[nodiscard]] std::string span() const;
};

}  // namespace safeassess::model
