#pragma once
// Writers for targeting (classify, sample): each enterprise's colour with the rules that
// decided it, its change and its consequences; the draw per stratum with the teams, and the
// draw record (JSON) that `sample --verify` recomputes.

#include <iosfwd>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/manifest.hpp"
#include "model/targeting.hpp"
#include "report/format.hpp"
#include "targeting/classify.hpp"
#include "targeting/sample.hpp"

namespace safeassess::report {

struct ClassifyData {
  const targeting::Targeting* rules = nullptr;
  const targeting::EnterpriseList* list = nullptr;
  const targeting::Result* result = nullptr;
  std::vector<std::string> unit_ids;
  std::string ruleset_id;
  std::string period;
  date::Day as_of = 0;
};

void write_classification(std::ostream& out, Format format, const ClassifyData& d);

// Why an enterprise has its colour, in words: the rules that hold with the facts they
// read ("发生较大及以上事故 (larger_accidents = 1)"), or that none does.
[[nodiscard]] std::string reasons(const ClassifyData& d, std::size_t enterprise);

struct DrawData {
  const ClassifyData* classes = nullptr;
  const targeting::Roster* roster = nullptr;
  const targeting::Draw* draw = nullptr;
  std::string version;   // of safeassess
  std::string manifest;  // as given
  std::string seed;
  std::string beacon;
  date::Day date = 0;
  std::vector<assessment::InputFile> inputs;
  std::string ruleset_sha256;
};

// The draw record: everything `sample --verify` needs to recompute the draw, and the draw.
[[nodiscard]] nlohmann::ordered_json draw_record(const DrawData& d);
void write_draw(std::ostream& out, Format format, const DrawData& d);

}  // namespace safeassess::report
