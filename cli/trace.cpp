#include "trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>

#include "assessment/assessment.hpp"
#include "assessment/attribution.hpp"
#include "chain/analysis.hpp"
#include "common.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "hazard/ledger.hpp"
#include "io/file.hpp"
#include "io/workbook.hpp"
#include "load/manifest.hpp"
#include "report/attribution_report.hpp"
#include "report/chain_report.hpp"
#include "score/engine.hpp"

namespace safeassess::cli {

void setup_trace(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<TraceOptions>();
  auto* sub = app.add_subcommand(
      "trace",
      _("Gaps along the responsibility chain (监管真空, 多头管理, broken links, 上热中温下冷, critical "
        "links ...), accountability for a case (一案双查), and who lost a unit's points"));
  sub->add_option("manifest", options->manifest,
                  _("The assessment manifest naming duties, chain and records"))
      ->required();
  add_format_option(sub, options->format, {"table", "json", "csv", "md", "dot"});
  add_output_option(sub, options->output);
  auto* from = sub->add_option("--from", options->from,
                               _("Accountability: the path up the chain from this enterprise (id or name)"))
                   ->type_name("ENTERPRISE")
                   ->check(non_empty());
  auto* hazard =
      sub->add_option("--hazard", options->hazard, _("Accountability for this hazard of the ledger"))
          ->type_name("ID")
          ->check(non_empty());
  auto* accident = sub->add_option("--accident", options->accident, _("Accountability for this accident"))
                       ->type_name("ID")
                       ->check(non_empty());
  auto* points = sub->add_option("--points", options->points,
                                 _("Attribution: the posts and enterprises behind each point this unit lost"))
                     ->type_name("UNIT")
                     ->check(non_empty());
  from->excludes(hazard)->excludes(accident)->excludes(points);
  hazard->excludes(accident)->excludes(points);
  accident->excludes(points);
  std::vector<std::string> kinds{"any"};
  std::string footer = _("\nGap kinds (--fail-on):\n");
  for (const auto& k : chain::gap_kinds()) {
    kinds.emplace_back(k.id);
    footer += fmt::format("  {:<24} {}: {}\n", k.id, k.chinese, _(std::string(k.summary).c_str()));
  }
  sub->footer(footer);
  auto* fail_on = sub->add_option("--fail-on", options->fail_on,
                                  _("Exit 1 if the chain has gaps of these kinds (or any)"))
                      ->delimiter(',')
                      ->check(CLI::IsMember(kinds));
  // Gates judge the gaps; with an accountability or attribution report they would be ignored.
  fail_on->excludes(from)->excludes(hazard)->excludes(accident)->excludes(points);
  add_encoding_option(sub, options->encoding);
  sub->callback([options, &exit_code] { exit_code = run_trace(*options); });
}

namespace {

report::Format parse_trace_format(const std::string& f) {
  return f == "dot" ? report::Format::Table : report::parse_format(f);
}

}  // namespace

int run_trace(const TraceOptions& options) {
  const bool dot = options.format == "dot";
  const auto format = parse_trace_format(options.format);
  assessment::LoadOptions load;
  if (!options.encoding.empty()) load.encoding = io::parse_encoding(options.encoding);
  load.chain = true;
  if (!options.points.empty()) {
    if (dot) throw UsageError(_("--points writes table, json, csv or md, not dot"));
    const auto a = assessment::load_assessment(options.manifest, load);
    if (!a.chain)
      throw InputError(Location{a.manifest.file}, _("the manifest names no responsibility chain"));
    const auto unit = a.units.find(options.points);
    if (!unit)
      throw UsageError(trf("--points: no unit \"{}\" in {}{}", options.points, a.manifest.units->path,
                           text::did_you_mean(options.points, a.units.ids)));
    const auto results = score::score(assessment::score_input(a));
    const auto att = assessment::attribute(a, results, *unit);
    emit(options.output, assessment::input_paths(a.manifest),
         [&](std::ostream& out) { report::write_attribution(out, format, a, results, att); });
    return code(ExitCode::Ok);
  }
  const auto b = assessment::load_basics(options.manifest, load);
  if (!b.chain)
    throw InputError(
        Location{b.manifest.file},
        _("the manifest names no responsibility chain; add \"duties\" and \"chain\" (and \"records\")"));
  const auto& data = *b.chain;
  const auto* compliance = data.compliance ? &*data.compliance : nullptr;
  if (!options.from.empty() || !options.hazard.empty() || !options.accident.empty()) {
    if (dot) throw UsageError(_("accountability is written as table, json, csv or md, not dot"));
    chain::Case of;
    std::optional<std::size_t> enterprise;
    if (!options.from.empty()) {
      of.kind = "enterprise";
      of.id = options.from;
      enterprise = data.chain.find_enterprise(options.from);
      if (!enterprise)
        throw UsageError(
            trf("--from: \"{}\" is not an enterprise of the chain (give its id, or a name no "
                "other enterprise shares)",
                options.from));
    } else if (!options.hazard.empty()) {
      if (!b.manifest.hazards) throw UsageError(_("--hazard: the manifest names no hazard ledger"));
      const auto path = b.manifest.dir / b.manifest.hazards->path;
      io::Table table = io::read_table(path, path.lexically_normal().string(), b.manifest.hazards->at);
      const auto h = hazard::find_hazard(table.shown, std::move(table.text),
                                         load.encoding.value_or(b.manifest.encoding), options.hazard);
      of.kind = "hazard";
      of.id = h.id;
      of.description = trf("{}隐患, found {}", h.level, date::format(h.found));
      of.date = h.found;  // a hazard is owed before it is found (finding it) and after (fixing it)
      of.bears_on = duty::k_case_hazard;
      enterprise = data.chain.find_enterprise(h.enterprise);
      if (!enterprise)
        throw InputError(Location{table.shown, h.line, 0},
                         trf("hazard \"{}\" is at \"{}\", which is not an enterprise of the chain {}", h.id,
                             h.enterprise, data.chain.file));
    } else {
      const auto& list = data.accidents;
      const auto it =
          std::find_if(list.begin(), list.end(), [&](const auto& x) { return x.id == options.accident; });
      if (it == list.end())
        throw UsageError(
            b.manifest.accidents
                ? trf("--accident: no accident \"{}\" in {}", options.accident, b.manifest.accidents->path)
                : trf("--accident: no accident \"{}\"; the manifest names no accidents file",
                      options.accident));
      of.kind = "accident";
      of.id = it->id;
      of.description = fmt::format("{} {}", it->level, it->description);
      of.shown = it->shown;
      of.date = it->date;
      of.until = it->date;  // what was owed before the accident
      of.bears_on = duty::k_case_accident;
      enterprise = it->enterprise;
    }
    const auto acc =
        chain::account(data.chain, data.duties, compliance, static_cast<std::uint32_t>(*enterprise), of);
    emit(options.output, assessment::input_paths(b.manifest),
         [&](std::ostream& out) { report::write_accountability(out, format, data, acc); });
    return code(ExitCode::Ok);
  }
  const auto graph = chain::build_graph(data.chain);
  const auto analysis = chain::analyse(data.chain, graph, data.duties, compliance, b.units.names);
  emit(options.output, assessment::input_paths(b.manifest), [&](std::ostream& out) {
    if (dot)
      report::write_dot(out, data, analysis);
    else
      report::write_gaps(out, format, data, analysis, b.units.names);
  });
  std::array<bool, chain::k_gap_kinds> asked{};
  const bool any = std::find(options.fail_on.begin(), options.fail_on.end(), "any") != options.fail_on.end();
  for (std::size_t k = 0; k < chain::k_gap_kinds; ++k)
    asked[k] = any || std::find(options.fail_on.begin(), options.fail_on.end(),
                                chain::to_string(static_cast<chain::GapKind>(k))) != options.fail_on.end();
  int status = code(ExitCode::Ok);
  for (const auto& trip : chain::check_gap_gates(data.chain, analysis, b.units.ids, asked)) {
    report_gate(std::string(chain::to_string(trip.kind)), "gap", trip.places);
    status = code(ExitCode::GateTripped);
  }
  return status;
}

}  // namespace safeassess::cli
