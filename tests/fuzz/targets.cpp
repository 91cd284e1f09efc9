// The libFuzzer targets, one per loader: built once per target with SAFEASSESS_FUZZ_TARGET
// naming it (tests/fuzz/CMakeLists.txt), so each has its own binary and corpus.

#include <algorithm>
#include <optional>
#include <string>

#include "assessment/assessment.hpp"
#include "chain/analysis.hpp"
#include "chain/graph.hpp"
#include "duty/compliance.hpp"
#include "fuzz.hpp"
#include "hazard/judge.hpp"
#include "hazard/ledger.hpp"
#include "io/csv.hpp"
#include "io/workbook.hpp"
#include "load/accidents.hpp"
#include "load/builtin.hpp"
#include "load/chain.hpp"
#include "load/criteria.hpp"
#include "load/duty_list.hpp"
#include "load/findings.hpp"
#include "load/manifest.hpp"
#include "load/risk.hpp"
#include "load/ruleset.hpp"
#include "load/tables.hpp"
#include "load/targeting.hpp"
#include "model/chain.hpp"
#include "model/criteria.hpp"
#include "model/duty_list.hpp"
#include "model/ruleset.hpp"
#include "risk/risk.hpp"
#include "targeting/classify.hpp"
#include "targeting/sample.hpp"

using namespace safeassess;

namespace {

std::string builtin(const char* kind, const char* name) {
  return ruleset::find_builtin(kind, name)->text;
}

// The fixed side of a cross-checked file: the bundled rulesets and the chain example.
struct World {
  ruleset::Ruleset rules =
      ruleset::load_ruleset("county-annual.yaml", builtin("assessment", "county-annual"));
  assessment::Units units = assessment::load_units(
      "units.csv", fuzz::source_file("examples/county-2024/units.csv"), io::Encoding::Auto);
  duty::DutyList duties = duty::load_duty_list("county-chain.yaml", builtin("duties", "county-chain"));
  assessment::Units chain_units = assessment::load_units(
      "units.csv", fuzz::source_file("examples/chain-2024/units.csv"), io::Encoding::Auto);
  chain::Chain chain = chain::load_chain_yaml(
      "chain.yaml", fuzz::source_file("examples/chain-2024/chain.yaml"), duties, &chain_units);
  hazard::Criteria coal = hazard::load_criteria("coal-2021.yaml", builtin("criteria", "coal-2021"));
  risk::Matrix matrix = risk::load_matrix("ls-5x5.yaml", builtin("risk", "ls-5x5"));
  ruleset::Ruleset township = ruleset::load_ruleset(
      "township-ruleset.yaml", fuzz::source_file("examples/chain-2024/township-ruleset.yaml"));
  targeting::EnterpriseList enterprises = targeting::read_enterprises(
      {"e.csv", fuzz::source_file("examples/targeting-2024/enterprises.csv")}, io::Encoding::Auto,
      chain_units, *township.targeting, targeting::needs(*township.targeting, true));
};

const World& world();

// Classifies (facts from the enterprise list only: the example's rules on accidents and
// hazards are dropped) and draws, as sample does after loading.
void classify_and_draw(const targeting::EnterpriseList& list, const targeting::Roster& roster) {
  const World& w = world();
  targeting::Targeting t = *w.township.targeting;
  std::erase_if(t.classification.rules, [](const targeting::ClassRule& r) {
    return std::any_of(r.fields.begin(), r.fields.end(), [](std::size_t f) {
      return f < targeting::k_facts && f != static_cast<std::size_t>(targeting::Fact::RiskLevel);
    });
  });
  const auto result = targeting::classify(t, list, {});
  std::vector<std::size_t> colours;
  for (const auto& r : result.rows) colours.push_back(r.colour);
  const targeting::DrawInput in{&t, &list, &colours, &roster, date::from_civil(2025, 3, 1), "fuzz", ""};
  (void)targeting::draw(in);
}

const World& world() {
  static const World w;
  return w;
}

void one([[maybe_unused]] const std::string& t) {
  [[maybe_unused]] const World& w = world();
  [[maybe_unused]] const io::Encoding enc = io::Encoding::Auto;
#if SAFEASSESS_FUZZ_TARGET == 1  // ruleset
  (void)ruleset::load_ruleset("r.yaml", t);
#elif SAFEASSESS_FUZZ_TARGET == 2   // manifest
  (void)assessment::parse_manifest("m.yaml", t, "/nonexistent");
#elif SAFEASSESS_FUZZ_TARGET == 3   // criteria
  (void)hazard::load_criteria("c.yaml", t);
#elif SAFEASSESS_FUZZ_TARGET == 4   // risk matrix
  (void)risk::load_matrix("m.yaml", t);
#elif SAFEASSESS_FUZZ_TARGET == 5   // duty list
  (void)duty::load_duty_list("d.yaml", t);
#elif SAFEASSESS_FUZZ_TARGET == 6   // org chart (YAML), traced
  const auto c = chain::load_chain_yaml("chain.yaml", t, w.duties, &w.chain_units);
  const auto g = chain::build_graph(c);
  (void)chain::analyse(c, g, w.duties, nullptr, w.chain_units.names);
#elif SAFEASSESS_FUZZ_TARGET == 7   // org chart (nodes and edges CSV, split at the first NUL)
  const auto cut = t.find('\0');
  const auto c =
      chain::load_chain_csv("n.csv", t.substr(0, cut), "e.csv",
                            cut == std::string::npos ? std::string("from,to,kind\n") : t.substr(cut + 1), enc,
                            w.duties, &w.chain_units);
  const auto g = chain::build_graph(c);
  (void)chain::analyse(c, g, w.duties, nullptr, w.chain_units.names);
#elif SAFEASSESS_FUZZ_TARGET == 8   // units
  (void)assessment::load_units("u.csv", t, enc);
#elif SAFEASSESS_FUZZ_TARGET == 9   // indicators
  (void)assessment::load_values("i.csv", t, enc, w.rules, ruleset::MissingPolicy::Exclude, w.units);
#elif SAFEASSESS_FUZZ_TARGET == 10  // ratings
  (void)assessment::load_ratings("r.csv", t, enc, w.rules, ruleset::MissingPolicy::Exclude, w.units);
#elif SAFEASSESS_FUZZ_TARGET == 11  // hazard ledger
  (void)hazard::read_ledger("l.csv", t, enc, date::from_civil(2024, 12, 31), w.rules.ledger, &w.units);
#elif SAFEASSESS_FUZZ_TARGET == 12  // duty records
  (void)duty::read_records("r.csv", t, enc, w.duties, w.chain, *date::parse_period("2024"));
#elif SAFEASSESS_FUZZ_TARGET == 13  // accidents
  (void)accident::load_register("a.csv", t, enc, w.chain_units);
#elif SAFEASSESS_FUZZ_TARGET == 14  // inspection findings
  const std::vector<hazard::Criteria> standards{w.coal};
  (void)hazard::load_findings_csv("f.csv", t, enc, standards, date::parse("2024-06-01"));
#elif SAFEASSESS_FUZZ_TARGET == 15  // risk points
  (void)risk::grade("r.csv", t, enc, w.matrix);
#elif SAFEASSESS_FUZZ_TARGET == 16  // any CSV: decoding, quoting, widths, repeated rows
  io::CsvFile f("x.csv", t, enc);
  io::RepeatedRows rows;
  while (f.reader().next()) rows.add(f);
  (void)rows.repeats();
#elif SAFEASSESS_FUZZ_TARGET == 17  // a sheet of an xlsx workbook, then read as CSV
  std::string shown;
  std::string text = io::read_sheet(t, "w.xlsx", "", shown);
  io::CsvFile f(shown, std::move(text), enc);
  while (f.reader().next()) {
  }
#elif SAFEASSESS_FUZZ_TARGET == 18  // enterprise list, classified and drawn
  const auto list = targeting::read_enterprises({"e.csv", t}, enc, w.chain_units, *w.township.targeting,
                                                targeting::needs(*w.township.targeting, true));
  const auto roster =
      targeting::read_roster({"z.csv", fuzz::source_file("examples/targeting-2024/inspectors.csv")},
                             std::nullopt, std::nullopt, enc, list, true);
  classify_and_draw(list, roster);
#elif SAFEASSESS_FUZZ_TARGET == 19  // roster, recusals and inspections (split at NULs), drawn
  const auto a = t.find('\0');
  const auto b = a == std::string::npos ? std::string::npos : t.find('\0', a + 1);
  std::optional<targeting::Table> recusals, inspections;
  if (a != std::string::npos)
    recusals =
        targeting::Table{"r.csv", t.substr(a + 1, b == std::string::npos ? std::string::npos : b - a - 1)};
  if (b != std::string::npos) inspections = targeting::Table{"i.csv", t.substr(b + 1)};
  const auto roster =
      targeting::read_roster({"z.csv", t.substr(0, a)}, recusals, inspections, enc, w.enterprises, true);
  classify_and_draw(w.enterprises, roster);
#else
#error "SAFEASSESS_FUZZ_TARGET must name a target"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz::run([&] { one(fuzz::bytes(data, size)); });
}
