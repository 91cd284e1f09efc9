#include "rulesets.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

#include "common.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "exit_code.hpp"
#include "load/builtin.hpp"
#include "load/criteria.hpp"
#include "load/duty_list.hpp"
#include "load/risk.hpp"
#include "load/ruleset.hpp"
#include "model/criteria.hpp"
#include "model/duty_list.hpp"
#include "model/ruleset.hpp"

namespace safeassess::cli {

namespace {

// The edition lines of `rulesets`: dates in force, the editions around it.
nlohmann::ordered_json edition_json(const model::Edition& e) {
  return {{"number", e.number},
          {"published", e.published},
          {"effective_from", e.effective_from},
          {"effective_until", e.effective_until},
          {"preceded_by", e.preceded_by},
          {"superseded_by", e.superseded_by},
          {"dates_verified", e.dates_verified}};
}

// `line` is the message of the dates line: N_("  dates: {}{}{}\n") or the like.
void print_edition(const model::Edition& e, const char* line = N_("  dates: {}{}{}\n")) {
  if (e.effective_from.empty() && e.number.empty()) return;
  if (!e.number.empty() && e.effective_from.empty()) {
    std::cout << trf("  document: {}{}\n", e.number,
                     e.published.empty() ? std::string() : trf(", published {}", e.published));
    return;
  }
  std::cout << trf(line, e.span(), e.published.empty() ? std::string() : trf("; published {}", e.published),
                   e.dates_verified ? std::string() : trf(" (dates not verified: {})", e.dates_note));
  if (!e.preceded_by.empty()) std::cout << trf("  preceded by: {}\n", e.preceded_by);
  if (!e.superseded_by.empty()) std::cout << trf("  superseded by: {}\n", e.superseded_by);
}

}  // namespace

void setup_rulesets(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RulesetsOptions>();
  auto* sub = app.add_subcommand("rulesets", _("List the bundled rulesets with their versions and sources"));
  add_format_option(sub, options->format, {"table", "json"});
  sub->callback([options, &exit_code] { exit_code = run_rulesets(*options); });
}

int run_rulesets(const RulesetsOptions& options) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& name : ruleset::builtin_assessment_names()) {
    const auto file = ruleset::find_builtin_assessment(name);
    const auto r = ruleset::load_ruleset(file->path, file->text);
    // What of it is not verified against its source: indicators, grade caps and adjustments
    // marked verified: false.
    std::size_t checked = 0, verified = 0;
    std::vector<std::string> unverified;
    auto count = [&](const std::string& id, bool ok) {
      ++checked;
      verified += ok;
      if (!ok) unverified.push_back(id);
    };
    for (const auto& i : r.indicators) count(i.id, i.verified);
    for (const auto& [input, d] : r.derived) count(r.inputs[input].id, r.inputs[input].verified);
    for (const auto& v : r.vetoes) count(v.id, v.verified);
    for (const auto& g : r.grade_caps) count(g.id, g.verified);
    for (const auto& x : r.adjustments) count(x.id, x.verified);
    if (!r.bonus.empty()) count(_("bonus cap"), r.bonus_cap_verified);
    if (options.format == "json") {
      auto sources = nlohmann::ordered_json::array();
      for (const auto& s : r.sources)
        sources.push_back({{"id", s.id}, {"title", s.title}, {"number", s.number}, {"date", s.date}});
      list.push_back({{"ref", "builtin:" + name},
                      {"kind", "assessment"},
                      {"id", r.id},
                      {"name", r.name},
                      {"version", r.version},
                      {"edition", edition_json(r.edition)},
                      {"sha256", r.sha256},
                      {"rules", checked},
                      {"rules_verified", verified},
                      {"sources", sources}});
      continue;
    }
    std::cout << trf("builtin:{}  {}  version {}{}\n", name, r.name, r.version,
                     verified < checked ? _("  (not fully verified)") : "");
    print_edition(r.edition, N_("  meant for periods: {}{}{}\n"));
    std::cout << trf(
        "  kind: assessment ruleset; {} categories, {} indicators, {} veto rules{}{}; {} of {} "
        "scoring rules verified against the source\n",
        r.categories.size(), r.indicators.size(), r.vetoes.size(),
        r.grade_caps.empty() ? std::string() : trf(", {} grade caps", r.grade_caps.size()),
        r.adjustments.empty() ? std::string() : trf(", {} adjustments", r.adjustments.size()), verified,
        checked);
    if (!unverified.empty()) std::cout << trf("  not verified: {}\n", text::join(unverified, ", "));
    for (const auto& s : r.sources) {
      std::string source = s.title;
      if (!s.number.empty()) source += " (" + s.number + ")";
      if (!s.date.empty()) source += ", " + s.date;
      std::cout << trf("  source: {}\n", source);
    }
  }
  for (const auto& name : ruleset::builtin_names("criteria")) {
    const auto c = hazard::load_criteria_ref("builtin:" + name);
    if (options.format == "json") {
      list.push_back({{"ref", "builtin:" + name},
                      {"kind", "criteria"},
                      {"id", c.id},
                      {"name", c.name},
                      {"family", c.family},
                      {"edition", edition_json(c.edition)},
                      {"verified", c.verified},
                      {"items_verified", c.verified_items()},
                      {"sha256", c.sha256},
                      {"industries", c.industries},
                      {"items", c.items.size()}});
      continue;
    }
    std::cout << trf("builtin:{}  {}  {}{}\n", name, c.name, c.edition.number,
                     c.verified ? "" : _("  (not fully verified)"));
    std::cout << trf("  kind: major-hazard criteria ({}); {} items, {} verified; industries: {}\n", c.family,
                     c.items.size(), c.verified_items(), fmt::join(c.industries, ", "));
    print_edition(c.edition);
  }
  for (const auto& name : ruleset::builtin_names("risk")) {
    const auto m = risk::load_matrix_ref("builtin:" + name);
    if (options.format == "json") {
      list.push_back({{"ref", "builtin:" + name},
                      {"kind", "risk"},
                      {"id", m.id},
                      {"name", m.name},
                      {"version", m.version},
                      {"edition", edition_json(m.edition)},
                      {"sha256", m.sha256},
                      {"verified", m.verified},
                      {"warning", m.warning},
                      {"source", m.source}});
      continue;
    }
    std::vector<std::string> levels;
    for (const auto& l : m.levels) levels.push_back(l.name + "/" + l.colour);
    std::cout << trf("builtin:{}  {}  version {}{}\n", name, m.name, m.version,
                     m.verified ? "" : _("  (bands not verified)"));
    std::cout << trf("  kind: risk matrix; levels: {}\n", fmt::join(levels, ", "));
    print_edition(m.edition);
    std::cout << trf("  source: {}\n", m.source);
    if (!m.warning.empty()) std::cout << trf("  warning: {}\n", m.warning);
  }
  for (const auto& name : ruleset::builtin_names("duties")) {
    const auto d = duty::load_duty_list_ref("builtin:" + name, ".", Location{name});
    std::size_t duties = 0;
    for (const auto& r : d.roles) duties += r.duties.size();
    if (options.format == "json") {
      list.push_back({{"ref", "builtin:" + name},
                      {"kind", "duties"},
                      {"id", d.id},
                      {"name", d.name},
                      {"version", d.version},
                      {"edition", edition_json(d.edition)},
                      {"sha256", d.sha256},
                      {"roles", d.roles.size()},
                      {"duties", duties}});
      continue;
    }
    std::cout << trf("builtin:{}  {}  version {}\n", name, d.name, d.version);
    std::cout << trf("  kind: duty list; {} roles, {} duties\n", d.roles.size(), duties);
    print_edition(d.edition, N_("  meant for periods: {}{}{}\n"));
  }
  if (options.format == "json") std::cout << list.dump(2) << '\n';
  return code(ExitCode::Ok);
}

}  // namespace safeassess::cli
