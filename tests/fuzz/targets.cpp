// The libFuzzer targets, one per loader: built once per target with SAFEASSESS_FUZZ_TARGET
// naming it (tests/fuzz/CMakeLists.txt), so each has its own binary and corpus.

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
#include "model/chain.hpp"
#include "model/criteria.hpp"
#include "model/duty_list.hpp"
#include "model/ruleset.hpp"
#include "risk/risk.hpp"

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
};

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
#else
#error "SAFEASSESS_FUZZ_TARGET must name a target"
#endif
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return fuzz::run([&] { one(fuzz::bytes(data, size)); });
}
