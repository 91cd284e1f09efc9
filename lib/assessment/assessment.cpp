#include "assessment/assessment.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/date.hpp"
#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "hazard/ledger.hpp"
#include "io/file.hpp"
#include "io/workbook.hpp"
#include "load/accidents.hpp"
#include "load/chain.hpp"
#include "load/duty_list.hpp"
#include "load/manifest.hpp"
#include "load/risk.hpp"
#include "load/ruleset.hpp"
#include "load/tables.hpp"
#include "load/targeting.hpp"
#include "load/tasks.hpp"
#include "task/status.hpp"

namespace safeassess::assessment {

using ruleset::MissingPolicy;

namespace {

// n / d in percent, exact to 12 decimals (half away from zero): the rates the ledger and the
// duty records feed are held as decimals like every other input.
num::Decimal percent_of(std::uint64_t n, std::uint64_t d) {
  return num::Ratio::of(num::Wide(n) * 100, num::Wide(d)).round(num::Decimal::k_digits);
}

num::Decimal ledger_value(const hazard::Tally& t, ruleset::LedgerMetric m) {
  using ruleset::LedgerMetric;
  switch (m) {
    case LedgerMetric::MajorRate:
    case LedgerMetric::GeneralRate: {
      const std::size_t l = m == LedgerMetric::MajorRate ? 0 : 1;
      // Nothing of that level found: nothing left unrectified, 100%.
      return t.found[l] == 0 ? num::Decimal::of(100) : percent_of(t.done[l], t.found[l]);
    }
    default:
      return num::Decimal::of(static_cast<long long>(hazard::metric(t, m)));
  }
}

// The register's accidents at enterprises of the chain, for `trace --accident`; the others
// count in the score but cannot be traced. An accident at a chain enterprise of another
// unit than the register says is an error: the score and the trace would disagree.
std::vector<chain::Accident> chain_accidents(const accident::Register& reg, const chain::Chain& ch,
                                             const Units& units, Diagnostics& d) {
  std::vector<chain::Accident> out;
  for (const auto& r : reg.records) {
    const auto e = ch.find_enterprise(r.enterprise);
    if (!e) continue;
    const auto u = ch.unit[*e];
    if (u != chain::k_no_index && u != r.unit && u < units.size() && r.unit < units.size())
      d.error(Location{reg.file, r.line},
              trf("accident \"{}\" counts for unit {}, but its enterprise {} ({}) belongs to unit {} in "
                  "the chain {}; correct the unit or the enterprise",
                  r.id, units.ids[r.unit], ch.ids[*e], ch.names[*e], units.ids[u], ch.file));
    const auto c = accident::check(r);
    out.push_back(
        {r.id, static_cast<std::uint32_t>(*e), date::day_of(r.occurred_at),
         std::string(accident::grade_name(c.grade)),
         r.description.empty() ? accident::facts(r, c) : r.description + "；" + accident::facts(r, c),
         accident::shown(r, c), r.line});
  }
  return out;
}

// The state of one load: what has been read so far and every problem found, so that one
// run reports the problems of all files.
struct Loading {
  Basics b;
  Diagnostics diagnostics;
  io::Encoding enc = io::Encoding::Auto;
  bool have_rules = false;
  std::string display;
  std::optional<accident::Register> accidents;
  bool chain_only = false;  // the chain and its duty list, without records

  bool register_read = false, chain_read = false;  // each is read once, whoever asks first

  void load_register() {
    if (register_read) return;
    register_read = true;
    if (!b.manifest.accidents || b.units.size() == 0) return;
    collect([&] {
      std::string shown;
      std::string bytes = read("accidents", *b.manifest.accidents, shown);
      accidents = accident::load_register(shown, std::move(bytes), enc, b.units);
    });
    if (accidents && b.chain)
      b.chain->accidents = chain_accidents(*accidents, b.chain->chain, b.units, diagnostics);
  }

  std::string read(const char* role, const Manifest::DataRef& ref, std::string& shown) {
    const std::filesystem::path p = b.manifest.dir / ref.path;
    io::Table t = io::read_table(p, p.lexically_normal().string(), ref.at, &diagnostics);
    shown = std::move(t.shown);
    b.files.push_back({role, shown, std::move(t.sha256), std::nullopt});
    return std::move(t.text);
  }
  // The task list the manifest names ("tasks": a file, or {list, milestones, progress}),
  // each of its tables registered as an input file.
  void load_tasks() {
    const Manifest& m = b.manifest;
    if (!m.tasks) return;
    collect([&] {
      const std::size_t before = diagnostics.size();
      std::string shown, ms_shown, pr_shown;
      std::string list = read("tasks", *m.tasks, shown);
      const std::string sha256 = b.files.back().sha256;
      // A small list in YAML holds its milestones and progress.
      const auto ext = std::filesystem::path(m.tasks->path).extension().string();
      if (ext == ".yaml" || ext == ".yml" || ext == ".YAML" || ext == ".YML") {
        if (m.task_milestones || m.task_progress)
          throw InputError(m.tasks->at, _("a task list in YAML holds its own milestones and progress; drop "
                                          "\"milestones\" and \"progress\" from \"tasks\""));
        b.tasks = task::read_tasks_yaml(shown, list, &b.units);
        b.tasks->sha256 = sha256;
        return;
      }
      std::optional<task::TableText> milestones, progress;
      if (m.task_milestones) {
        std::string bytes = read("task milestones", *m.task_milestones, ms_shown);
        milestones = task::TableText{ms_shown, std::move(bytes)};
      }
      if (m.task_progress) {
        std::string bytes = read("task progress", *m.task_progress, pr_shown);
        progress = task::TableText{pr_shown, std::move(bytes)};
      }
      if (diagnostics.size() != before) return;  // a table that could not be read is reported already
      b.tasks = task::read_tasks({shown, std::move(list)}, std::move(milestones), std::move(progress), enc,
                                 &b.units);
      // The file's hash as every other input file's (a sheet's is its workbook's).
      b.tasks->sha256 = sha256;
    });
  }
  void load_chain() {
    const Manifest& m = b.manifest;
    if (!m.chain || chain_read) return;
    chain_read = true;
    ChainData data;
    try {
      data.duties = duty::load_duty_list_ref(m.duties->path, m.dir, m.duties->at);
    } catch (const InputError& e) {
      diagnostics.append(e);
      return;
    }
    b.files.push_back({"duties", data.duties.file, data.duties.sha256, std::nullopt});
    collect([&] {
      std::string shown;
      std::string bytes = read("chain", *m.chain, shown);
      if (m.chain_edges) {
        std::string edges_shown;
        std::string edges = read("chain edges", *m.chain_edges, edges_shown);
        data.chain = chain::load_chain_csv(shown, std::move(bytes), edges_shown, std::move(edges), enc,
                                           data.duties, b.units.size() ? &b.units : nullptr);
      } else {
        data.chain = chain::load_chain_yaml(shown, bytes, data.duties, b.units.size() ? &b.units : nullptr);
      }
    });
    if (!diagnostics.empty()) return;
    if (m.records && !chain_only)
      collect([&] {
        std::string shown;
        std::string bytes = read("records", *m.records, shown);
        const auto period = date::parse_period(m.period);
        if (!period) (void)period_end(m);  // throws, naming the period
        data.compliance = duty::read_records(shown, std::move(bytes), enc, data.duties, data.chain, *period);
      });
    b.chain = std::move(data);
  }

  // What classify and sample read (LoadOptions::targeting, ::roster).
  void load_targeting(bool roster) {
    const Manifest& m = b.manifest;
    if (!have_rules) return;
    if (!b.rules.targeting) {
      diagnostics.error(
          Location{b.rules.file},
          trf("ruleset \"{}\" has no \"targeting\" section: classify and sample need its colours "
              "and rules (README \"Targeting rules\")",
              b.rules.id));
      return;
    }
    if (roster && !b.rules.targeting->sampling) {
      diagnostics.error(
          b.rules.targeting->at,
          trf("ruleset \"{}\" has no sampling plan (targeting.sampling): sample needs its strata "
              "and allocation",
              b.rules.id));
      return;
    }
    if (!m.enterprises) {
      diagnostics.error(Location{m.file}, _("the manifest names no enterprise list; add \"enterprises: "
                                            "enterprises.csv\""));
      return;
    }
    if (roster && !m.inspectors) {
      diagnostics.error(Location{m.file}, _("the manifest names no roster of inspectors; add \"inspectors: "
                                            "inspectors.csv\""));
      return;
    }
    if (b.units.size() == 0) return;
    const auto period = date::parse_period(m.period);
    if (!period) return;
    if (m.chain && diagnostics.empty()) load_chain();
    load_register();
    if (accidents) {
      b.accident_summary = accident::summarize(*accidents, b.units.size(), *period);
      b.accidents = std::move(accidents);
      accidents.reset();
    }
    if (m.hazards)
      collect([&] {
        std::string shown;
        std::string bytes = read("hazards", *m.hazards, shown);
        b.ledger = hazard::read_ledger(shown, std::move(bytes), enc, period->last, b.rules.ledger, &b.units,
                                       *period);
      });
    auto need = targeting::needs(*b.rules.targeting, roster);
    need.previous_file = m.previous_colours.has_value();
    collect([&] {
      std::string shown;
      std::string bytes = read("enterprises", *m.enterprises, shown);
      b.enterprises =
          targeting::read_enterprises({shown, std::move(bytes)}, enc, b.units, *b.rules.targeting, need);
    });
    if (m.previous_colours && b.enterprises)
      collect([&] {
        std::string shown;
        std::string bytes = read("previous colours", *m.previous_colours, shown);
        targeting::read_previous({shown, std::move(bytes)}, enc, *b.enterprises, *b.rules.targeting);
      });
    if (!roster) return;
    if (!b.enterprises) {
      // The roster's own problems are reported with the list's; its recusals and past
      // inspections name enterprises of the list, so they wait for it.
      collect([&] {
        std::string shown;
        std::string bytes = read("inspectors", *m.inspectors, shown);
        (void)targeting::read_roster({shown, std::move(bytes)}, std::nullopt, std::nullopt, enc, {},
                                     need.roster_township);
      });
      return;
    }
    collect([&] {
      std::string shown, rec_shown, ins_shown;
      std::string bytes = read("inspectors", *m.inspectors, shown);
      std::optional<targeting::Table> recusals, inspections;
      if (m.recusals) {
        std::string r = read("recusals", *m.recusals, rec_shown);
        recusals = targeting::Table{rec_shown, std::move(r)};
      }
      if (m.inspections) {
        std::string r = read("inspections", *m.inspections, ins_shown);
        inspections = targeting::Table{ins_shown, std::move(r)};
      }
      b.roster = targeting::read_roster({shown, std::move(bytes)}, std::move(recusals),
                                        std::move(inspections), enc, *b.enterprises, need.roster_township);
    });
  }

  template <class F>
  void collect(F&& step) {
    try {
      step();
    } catch (const InputError& e) {
      diagnostics.append(e);
    }
  }
};

// Manifest, ruleset, units. Throws when the manifest itself is unreadable; other problems
// are collected.
void start(Loading& l, const std::filesystem::path& path, const LoadOptions& options) {
  l.display = path.lexically_normal().string();
  const std::string manifest_text = io::read_file(path, l.display);
  l.b.manifest = parse_manifest(l.display, manifest_text, path.parent_path());
  l.b.files.push_back({"manifest", l.display, hash::sha256_hex(manifest_text), std::nullopt});
  l.enc = options.encoding.value_or(l.b.manifest.encoding);
  l.collect([&] {
    l.b.rules = ruleset::load_ruleset_ref(l.b.manifest.ruleset_ref, l.b.manifest.dir, l.b.manifest.ruleset_at,
                                          &l.b.files);
    l.have_rules = true;
  });
  std::string units_file;
  l.collect([&] {
    l.b.units = load_units(units_file, l.read("units", *l.b.manifest.units, units_file), l.enc, l.diagnostics,
                           l.have_rules ? l.b.rules.grouping.column : std::string());
    // With groups listed, a unit of another group is a typo ("县 " for "县"), not a new group.
    if (l.have_rules && !l.b.rules.grouping.groups.empty())
      for (std::size_t u = 0; u < l.b.units.groups.size(); ++u) {
        const auto& listed = l.b.rules.grouping.groups;
        const auto& g = l.b.units.groups[u];
        if (!g.empty() && std::find(listed.begin(), listed.end(), g) == listed.end())
          l.diagnostics.error(Location{units_file, l.b.units.lines[u], 0},
                              trf("unit \"{}\": group \"{}\" is not one of the ruleset's groups ({}){}; "
                                  "correct column \"{}\"",
                                  l.b.units.ids[u], g, text::join(listed, ", "),
                                  text::did_you_mean(g, listed), l.b.rules.grouping.column));
      }
    // A listed group with no unit is a mistake of the ruleset or of the units file.
    if (l.have_rules)
      for (const auto& g : l.b.rules.grouping.groups)
        if (std::find(l.b.units.groups.begin(), l.b.units.groups.end(), g) == l.b.units.groups.end() &&
            !l.b.units.groups.empty())
          l.diagnostics.error(l.b.rules.grouping.at,
                              trf("group \"{}\" of the ruleset's grouping has no unit in {}; remove it from "
                                  "\"groups\" or correct column \"{}\"",
                                  g, units_file, l.b.rules.grouping.column));
  });
}

}  // namespace

namespace {

// What became of the rows of each table the run read. Every loader refuses (exit 2) a row
// it does not use unless it says why it leaves it out, so the counts follow from what was
// loaded: a unit per units row and per indicators row, a rating per ratings row, and so on.
void account_rows(std::vector<InputFile>& files, const Units& units, const Ratings* ratings,
                  const std::optional<ChainData>& chain, const hazard::LedgerReport* ledger,
                  const accident::Register* accidents, const accident::Summary* summary, bool chain_csv,
                  const task::TaskBook* tasks) {
  for (auto& f : files) {
    if (f.role == "units" || f.role == "indicators")
      f.rows = RowAccount::all(units.size());
    else if (f.role == "ratings" && ratings)
      f.rows = RowAccount::all(ratings->values.size());
    else if (f.role == "hazards" && ledger)
      f.rows = RowAccount::with_excluded(ledger->rows, ledger->found_after,
                                         trf("found after the as-of date {}", date::format(ledger->as_of)));
    else if (f.role == "chain" && chain && chain_csv)
      f.rows = RowAccount::all(chain->chain.size());
    else if (f.role == "chain edges" && chain)
      f.rows = RowAccount::all(chain->chain.edges.size());
    else if (f.role == "records" && chain && chain->compliance)
      f.rows = RowAccount::with_excluded(chain->compliance->records, chain->compliance->records_not_assessed,
                                         _("in a duty period not wholly inside the assessment period"));
    else if (f.role == "accidents" && accidents)
      f.rows = summary ? RowAccount::with_excluded(accidents->rows, summary->outside_period,
                                                   _("an accident outside the assessment period"))
                       : RowAccount::all(accidents->rows);
    else if (f.role == "tasks" && tasks)
      f.rows = RowAccount::all(tasks->tasks.size());
    else if (f.role == "task milestones" && tasks)
      f.rows = RowAccount::all(tasks->milestone_rows);
    else if (f.role == "task progress" && tasks)
      f.rows = RowAccount::all(tasks->progress_rows);
  }
}

}  // namespace

std::vector<std::string> edition_warnings(const Assessment& a) {
  std::vector<std::string> out;
  const auto period = date::parse_period(a.manifest.period);
  if (!period) return out;
  auto check = [&](const model::Edition& e, const char* what, const std::string& id) {
    if (!e.from || (e.in_force(period->first) && e.in_force(period->last))) return;
    const std::string superseded =
        e.superseded_by.empty() ? std::string() : trf("; superseded by {}", e.superseded_by);
    const std::string first = date::format(period->first);
    const std::string last = date::format(period->last);
    out.push_back(e.in_force(period->first) || e.in_force(period->last)
                      ? trf("period {} ({} to {}) lies partly outside the days {} \"{}\" is meant for ({}){}",
                            a.manifest.period, first, last, _(what), id, e.span(), superseded)
                      : trf("period {} ({} to {}) lies outside the days {} \"{}\" is meant for ({}){}",
                            a.manifest.period, first, last, _(what), id, e.span(), superseded));
  };
  check(a.rules.edition, N_("ruleset"), a.rules.id);
  if (a.chain) check(a.chain->duties.edition, N_("duty list"), a.chain->duties.id);
  // Quotas this data can never fill or that leave a grade empty in a group.
  const auto& rules = a.rules;
  if (!rules.quotas.empty()) {
    std::vector<std::pair<std::string, std::size_t>> groups;  // name, units
    for (std::size_t u = 0; u < a.units.size(); ++u) {
      const std::string g = a.units.groups.empty() ? std::string() : a.units.groups[u];
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.first == g; });
      if (it == groups.end())
        groups.emplace_back(g, 1);
      else
        ++it->second;
    }
    for (const auto& q : rules.quotas) {
      if (!q.percent) continue;
      for (const auto& [g, n] : groups) {
        const auto allowed = (num::Ratio(num::Decimal::of(static_cast<long long>(n))) *
                              num::Ratio(*q.percent) / num::Ratio(num::Decimal::of(100)))
                                 .floor();
        if (allowed == 0)
          out.push_back(
              g.empty()
                  ? trf("the quota of {} ({}%) allows ⌊{} x {} / 100⌋ = 0 of the assessment's {} units: "
                        "none can be graded {}; raise the percent or give a count",
                        rules.grades[q.grade].name, q.percent->str(), n, q.percent->str(), n,
                        rules.grades[q.grade].name)
                  : trf("the quota of {} ({}%) allows ⌊{} x {} / 100⌋ = 0 of group {}'s {} units: none can "
                        "be graded {}; raise the percent or give a count",
                        rules.grades[q.grade].name, q.percent->str(), n, q.percent->str(), g, n,
                        rules.grades[q.grade].name));
      }
    }
  }
  return out;
}

Basics load_basics(const std::filesystem::path& path, const LoadOptions& options) {
  Loading l;
  start(l, path, options);
  l.chain_only = options.chain_only;
  if (options.chain && l.diagnostics.empty()) l.load_chain();
  if (options.chain && !options.chain_only) l.load_register();
  if (options.tasks) l.load_tasks();
  if (options.targeting) l.load_targeting(options.roster);
  l.diagnostics.throw_if_any();
  const accident::Register* reg = l.accidents ? &*l.accidents : l.b.accidents ? &*l.b.accidents : nullptr;
  account_rows(l.b.files, l.b.units, nullptr, l.b.chain, l.b.ledger ? &*l.b.ledger : nullptr, reg,
               l.b.accident_summary ? &*l.b.accident_summary : nullptr, l.b.manifest.chain_edges.has_value(),
               l.b.tasks ? &*l.b.tasks : nullptr);
  for (auto& f : l.b.files) {
    if (f.role == "enterprises" && l.b.enterprises)
      f.rows = RowAccount::all(l.b.enterprises->rows.size());
    else if (f.role == "inspectors" && l.b.roster)
      f.rows = RowAccount::all(l.b.roster->inspectors.size());
    else if (f.role == "recusals" && l.b.roster)
      f.rows = RowAccount::all(l.b.roster->recusals.size());
    else if (f.role == "previous colours" && l.b.enterprises)
      f.rows = RowAccount::with_excluded(l.b.enterprises->previous_rows, l.b.enterprises->previous_unlisted,
                                         _("an enterprise no longer on the list"));
    else if (f.role == "inspections" && l.b.roster)
      f.rows = RowAccount::all(l.b.roster->inspections.size());
  }
  return std::move(l.b);
}

Assessment load_assessment(const std::filesystem::path& path, const LoadOptions& options) {
  Loading l;
  start(l, path, options);
  Assessment a;
  const Manifest& m = l.b.manifest;
  const ruleset::Ruleset& rules = l.b.rules;
  a.missing = options.missing ? *options.missing : m.missing ? *m.missing : rules.missing;
  if (!l.have_rules || l.b.units.size() == 0) {
    // The other files cannot be checked without a ruleset and units; say at least
    // whether they exist.
    for (const auto& ref : {m.indicators, m.ratings, m.hazards})
      if (ref)
        l.collect([&] {
          (void)io::read_table(m.dir / ref->path, (m.dir / ref->path).lexically_normal().string(), ref->at);
        });
    l.diagnostics.throw_if_any();
  }
  // Inputs the ruleset takes from the hazard ledger, when the manifest names one.
  std::vector<std::size_t> supplied;
  std::optional<hazard::LedgerReport> ledger;
  if (m.hazards) {
    l.collect([&] {
      const date::Day as_of = period_end(m);
      std::string shown;
      std::string bytes = l.read("hazards", *m.hazards, shown);
      ledger = hazard::read_ledger(shown, std::move(bytes), l.enc, as_of, rules.ledger, &l.b.units,
                                   date::parse_period(m.period));
    });
    for (const auto& [input, metric] : rules.ledger.inputs) supplied.push_back(input);
  }
  // Inputs the ruleset takes from the task list (as of the period's end), when the manifest
  // names one.
  l.load_tasks();
  auto& tasks = l.b.tasks;
  if (m.tasks)
    for (const auto& [input, metric] : rules.tasks.inputs) supplied.push_back(input);
  // Inputs the ruleset takes from the accident register, when the manifest names one.
  if (m.accidents)
    for (const auto& [input, metric] : rules.accident_register.inputs) supplied.push_back(input);
  // Inputs the ruleset takes from duty compliance, when the manifest names records.
  if (m.chain && l.diagnostics.empty()) l.load_chain();
  l.load_register();
  auto& accidents = l.accidents;
  std::vector<std::pair<std::size_t, std::vector<char>>> duty_fed;  // input -> selected roles
  if (l.b.chain && l.b.chain->compliance) {
    const auto& list = l.b.chain->duties;
    for (const auto& d : rules.duty_inputs) {
      std::vector<char> selected(list.roles.size(), 0);
      for (const auto& id : d.roles) {
        if (auto r = list.find_role(id))
          selected[*r] = 1;
        else
          l.diagnostics.error(
              d.at, trf("input \"{}\" takes the compliance of role \"{}\", which duty list "
                        "\"{}\" does not have{}",
                        rules.inputs[d.input].id, id, list.id, text::did_you_mean(id, list.role_ids())));
      }
      for (const auto& t : d.tiers) {
        const auto tier = duty::parse_tier(t);
        if (!tier) {
          l.diagnostics.error(d.at,
                              trf("unknown tier \"{}\"; expected decision, management or execution", t));
          continue;
        }
        for (std::size_t r = 0; r < list.roles.size(); ++r)
          if (list.roles[r].tier == *tier) selected[r] = 1;
      }
      duty_fed.emplace_back(d.input, std::move(selected));
      supplied.push_back(d.input);
    }
  }
  l.collect([&] {
    std::string shown;
    std::string bytes = l.read("indicators", *m.indicators, shown);
    if (rules.periods.empty()) {
      a.values = load_values(shown, std::move(bytes), l.enc, rules, a.missing, l.b.units, supplied);
    } else {
      // One pass per period over the same file; every problem of every period is reported.
      Diagnostics all;
      for (const auto& p : rules.periods) {
        try {
          a.period_values.push_back(
              load_values(shown, bytes, l.enc, rules, a.missing, l.b.units, supplied, p.id));
        } catch (const InputError& e) {
          all.append(e);
        }
      }
      all.throw_if_any();
      a.values = combine_periods(rules, a.period_values);
    }
  });
  a.input_origin.assign(rules.inputs.size(), std::string());
  if (ledger)
    for (const auto& [input, metric] : rules.ledger.inputs)
      a.input_origin[input] = trf("hazard ledger {} ({})", ledger->file, ruleset::to_string(metric));
  if (ledger && a.values.columns == rules.inputs.size())
    for (std::size_t u = 0; u < l.b.units.size(); ++u)
      for (const auto& [input, metric] : rules.ledger.inputs)
        a.values.data[u * a.values.columns + input] = ledger_value(ledger->by_unit[u], metric);
  if (tasks) {
    for (const auto& [input, metric] : rules.tasks.inputs)
      a.input_origin[input] = trf("task list {} ({}, as of {})", tasks->file, ruleset::to_string(metric),
                                  date::format(period_end(m)));
    a.task_report = task::judge(*tasks, period_end(m), std::nullopt, rules.tasks, l.b.units.ids);
    if (a.values.columns == rules.inputs.size())
      for (std::size_t u = 0; u < l.b.units.size(); ++u)
        for (const auto& [input, metric] : rules.tasks.inputs)
          a.values.data[u * a.values.columns + input] = task::metric(a.task_report->by_unit[u], metric);
  }
  if (accidents) {
    const auto period = date::parse_period(m.period);
    if (!period) (void)period_end(m);  // throws, naming the period
    auto summary = accident::summarize(*accidents, l.b.units.size(), *period);
    for (const auto& [input, metric] : rules.accident_register.inputs) {
      a.input_origin[input] = trf("accident register {} ({}, accidents of {})", accidents->file,
                                  accident::metric_name(metric), m.period);
    }
    if (a.values.columns == rules.inputs.size())
      for (std::size_t u = 0; u < l.b.units.size(); ++u)
        for (const auto& [input, metric] : rules.accident_register.inputs)
          a.values.data[u * a.values.columns + input] =
              num::Decimal::from_double(accident::metric(summary.by_unit[u], metric));
    a.accident_summary = std::move(summary);
  }
  if (!duty_fed.empty()) {
    for (const auto& [input, roles] : duty_fed)
      a.input_origin[input] =
          trf("duty records {} (compliance of the unit's holders)", l.b.chain->compliance->file);
    if (a.values.columns == rules.inputs.size()) {
      const auto& ch = l.b.chain->chain;
      const auto& comp = *l.b.chain->compliance;
      for (const auto& [input, roles] : duty_fed) {
        std::vector<duty::Tally> by_unit(l.b.units.size());
        for (std::size_t v = 0; v < ch.size(); ++v)
          if (comp.is_holder(v) && roles[ch.role[v]] && ch.unit[v] != chain::k_no_index)
            by_unit[ch.unit[v]].add(comp.by_node[v]);
        for (std::size_t u = 0; u < l.b.units.size(); ++u)
          a.values.data[u * a.values.columns + input] =
              by_unit[u].due == 0 ? k_missing : percent_of(by_unit[u].met, by_unit[u].due);
      }
    }
  }
  if (a.values.columns == rules.inputs.size())
    l.collect([&] {
      derive_inputs(rules, l.b.units, a.values);
      for (auto& pv : a.period_values) derive_inputs(rules, l.b.units, pv);
    });
  for (const auto& [input, d] : rules.derived) {
    std::vector<std::string> terms;
    for (auto t : d.terms) terms.push_back(rules.inputs[t].id);
    using Kind = ruleset::Derivation::Kind;
    a.input_origin[input] =
        d.kind == Kind::Ratio
            ? trf("ruleset's derive: {} x {}, rounded half away from zero to {} decimals{}",
                  text::join(terms, " / "), d.times.str(), d.decimals,
                  d.zero_over_zero ? fmt::format("; 0 / 0 = {}", d.zero_over_zero->str()) : std::string())
            : trf("ruleset's derive: {}", text::join(terms, d.kind == Kind::Sum ? " + " : " - "));
  }
  const bool has_rating_items =
      std::any_of(rules.indicators.begin(), rules.indicators.end(),
                  [](const auto& i) { return i.method == ruleset::Method::Rating; });
  if (m.ratings) {
    l.collect([&] {
      std::string shown;
      std::string bytes = l.read("ratings", *m.ratings, shown);
      a.ratings = load_ratings(shown, std::move(bytes), l.enc, rules, a.missing, l.b.units);
    });
  } else {
    if (has_rating_items && a.missing == MissingPolicy::Error)
      l.diagnostics.error(Location{l.display},
                          trf("ruleset \"{}\" has rating indicators but the manifest names no "
                              "\"ratings\" file; add one, or set \"missing\"",
                              rules.id));
    l.collect([&] { a.ratings = load_ratings(l.display, std::nullopt, l.enc, rules, a.missing, l.b.units); });
  }
  l.diagnostics.throw_if_any();
  a.manifest = std::move(l.b.manifest);
  a.rules = std::move(l.b.rules);
  a.units = std::move(l.b.units);
  a.files = std::move(l.b.files);
  a.chain = std::move(l.b.chain);
  a.ledger = std::move(ledger);
  a.tasks = std::move(tasks);
  a.accidents = std::move(accidents);
  account_rows(a.files, a.units, &a.ratings, a.chain, a.ledger ? &*a.ledger : nullptr,
               a.accidents ? &*a.accidents : nullptr, a.accident_summary ? &*a.accident_summary : nullptr,
               a.manifest.chain_edges.has_value(), a.tasks ? &*a.tasks : nullptr);
  return a;
}

std::optional<Risks> load_risks(const Manifest& m, std::optional<io::Encoding> encoding, Assessment* a) {
  if (!m.risks) return std::nullopt;
  const std::string ref = m.risk_matrix ? m.risk_matrix->path : std::string("builtin:ls-5x5");
  Risks r;
  r.matrix =
      risk::load_matrix_ref(ref.starts_with("builtin:") ? ref : (m.dir / ref).lexically_normal().string());
  const auto path = m.dir / m.risks->path;
  io::Table t = io::read_table(path, path.lexically_normal().string(), m.risks->at);
  const std::string shown = t.shown;
  r.list = risk::grade(shown, std::move(t.text), encoding.value_or(m.encoding), r.matrix);
  if (!a) return r;
  Diagnostics diagnostics;
  for (const auto& p : r.list.points)
    if (!a->units.find(p.unit))
      diagnostics.error(Location{shown, p.line},
                        trf("column \"unit\": unit \"{}\" of risk point \"{}\" is not in the units file{}",
                            p.unit, p.id, suggest_unit(p.unit, a->units)));
  diagnostics.throw_if_any();
  if (!ref.starts_with("builtin:"))
    a->files.push_back({"risk matrix", r.matrix.file, r.matrix.sha256, std::nullopt});
  a->files.push_back({"risks", shown, r.list.sha256, RowAccount::all(r.list.points.size())});
  return r;
}

score::Input score_input(const Assessment& a) {
  return {a.rules, a.units, a.values, a.ratings, a.missing, a.manifest.file, a.period_values};
}

}  // namespace safeassess::assessment
