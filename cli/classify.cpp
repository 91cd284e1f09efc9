#include "classify.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "common.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "load/manifest.hpp"

namespace safeassess::cli {

std::unique_ptr<Classified> classify_manifest(const std::string& manifest,
                                              std::optional<io::Encoding> encoding, bool roster) {
  assessment::LoadOptions load;
  load.encoding = encoding;
  load.chain = true;
  load.targeting = true;
  load.roster = roster;
  auto out = std::make_unique<Classified>(Classified{assessment::load_basics(manifest, load), {}, {}});
  auto& c = *out;
  const auto& b = c.basics;
  targeting::Sources src;
  if (b.ledger) src.ledger = &*b.ledger;
  if (b.accidents && b.accident_summary) {
    src.accidents = &*b.accidents;
    src.accident_summary = &*b.accident_summary;
  }
  if (b.chain) {
    src.chain = &b.chain->chain;
    if (b.chain->compliance) src.compliance = &*b.chain->compliance;
  }
  src.unit_ids = &b.units.ids;
  c.result = targeting::classify(*b.rules.targeting, *b.enterprises, src);
  c.data.rules = &*c.basics.rules.targeting;
  c.data.list = &*c.basics.enterprises;
  c.data.result = &c.result;
  c.data.unit_ids = b.units.ids;
  c.data.ruleset_id = b.rules.id;
  c.data.period = b.manifest.period;
  c.data.as_of = assessment::period_end(b.manifest);
  return out;
}

void setup_classify(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ClassifyOptions>();
  auto* sub = app.add_subcommand(
      "classify",
      _("三色 classification of enterprises by the ruleset's targeting rules: each enterprise's colour "
        "with the rules that decided it, the change since the previous period and what each colour "
        "means (inspections a year, 约谈, credit, incentives)"));
  sub->add_option("manifest", options->manifest, _("The manifest naming the enterprise list and its data"))
      ->required();
  add_format_option(sub, options->format);
  add_output_option(sub, options->output);
  sub->add_option(
         "--fail-on", options->fail_on,
         _("Exit 1 if an enterprise has one of these colours (ids of the scheme, e.g. red) or is worse "
           "than last period (worse)"))
      ->delimiter(',')
      ->type_name("COLOUR|worse");
  add_encoding_option(sub, options->encoding);
  // What a rule's "when" may read, and how rules combine.
  std::string footer =
      _("\nFacts a classification rule may read (targeting.classification, first-match or points):\n");
  for (std::size_t f = 0; f < targeting::k_facts; ++f)
    footer += fmt::format("  {:<26} {}\n", targeting::fact_id(static_cast<targeting::Fact>(f)),
                          targeting::fact_name(static_cast<targeting::Fact>(f)));
  footer += fmt::format("  {:<26} {}\n", "previous_<colour>", _("1 when last period's colour was that one"));
  sub->footer(footer);
  sub->callback([options, &exit_code] { exit_code = run_classify(*options); });
}

int run_classify(const ClassifyOptions& options) {
  const auto format = report::parse_format(options.format);
  const auto owned = classify_manifest(options.manifest, encoding_of(options.encoding), false);
  const auto& c = *owned;
  const auto& rules = *c.data.rules;
  std::vector<std::size_t> gate_colours;
  bool gate_worse = false;
  for (const auto& g : options.fail_on) {
    if (g == "worse") {
      gate_worse = true;
    } else if (const auto col = rules.find_colour(g)) {
      gate_colours.push_back(*col);
    } else {
      std::vector<std::string> ids{"worse"};
      for (const auto& x : rules.colours) ids.push_back(x.id);
      throw UsageError(trf("--fail-on {}: not a colour of ruleset \"{}\"; expected one of {}", g,
                           c.data.ruleset_id, text::join(ids, ", ")));
    }
  }
  emit(options.output, assessment::input_paths(c.basics.manifest),
       [&](std::ostream& out) { report::write_classification(out, format, c.data); });
  int status = code(ExitCode::Ok);
  for (const auto col : gate_colours) {
    std::vector<std::string> ids;
    for (std::size_t e = 0; e < c.result.rows.size(); ++e)
      if (c.result.rows[e].colour == col) ids.push_back(c.data.list->rows[e].id);
    if (ids.empty()) continue;
    report_gate(rules.colours[col].id, "enterprise", ids);
    status = code(ExitCode::GateTripped);
  }
  if (gate_worse) {
    std::vector<std::string> ids;
    for (std::size_t e = 0; e < c.result.rows.size(); ++e)
      if (c.result.rows[e].change == targeting::Change::Worse) ids.push_back(c.data.list->rows[e].id);
    if (!ids.empty()) {
      report_gate("worse", "enterprise", ids);
      status = code(ExitCode::GateTripped);
    }
  }
  return status;
}

}  // namespace safeassess::cli
