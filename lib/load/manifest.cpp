#include "load/manifest.hpp"

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "io/workbook.hpp"
#include "io/yaml.hpp"

namespace safeassess::assessment {

std::vector<std::filesystem::path> input_paths(const Manifest& m) {
  std::vector<std::filesystem::path> paths{m.file};
  auto add = [&](const std::string& ref) {
    if (!ref.empty() && !ref.starts_with("builtin:")) paths.push_back(m.dir / io::file_of(ref));
  };
  add(m.ruleset_ref);
  for (const auto* ref :
       {&m.units, &m.indicators, &m.ratings, &m.hazards, &m.duties, &m.chain, &m.chain_edges, &m.records,
        &m.accidents, &m.risks, &m.risk_matrix, &m.tasks, &m.task_milestones, &m.task_progress,
        &m.enterprises, &m.inspectors, &m.recusals, &m.inspections, &m.previous_colours})
    if (*ref) add((*ref)->path);
  return paths;
}

Manifest parse_manifest(const std::string& display, const std::string& text,
                        const std::filesystem::path& dir) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  io::YamlReader reader(display, text, diagnostics);
  Manifest m;
  m.file = display;
  m.dir = dir;
  if (reader.expect_map(root, _("the manifest"),
                        {"assessment",  "ruleset",    "missing",  "encoding",    "units",
                         "indicators",  "ratings",    "hazards",  "duties",      "chain",
                         "records",     "accidents",  "risks",    "risk_matrix", "tasks",
                         "enterprises", "inspectors", "recusals", "inspections", "previous_colours"})) {
    const YAML::Node a = root["assessment"];
    if (!a.IsDefined()) {
      reader.error(root, _("missing required key \"assessment\" (with name and period)"));
    } else if (reader.expect_map(a, "\"assessment\"", {"name", "period", "assessor"})) {
      m.name = reader.string(a, "name", true).value_or("");
      m.period = reader.string(a, "period", true).value_or("");
      if (a["period"].IsDefined()) m.period_at = reader.at(a["period"]);
      if (!m.period.empty() && !date::parse_period(m.period))
        reader.error(a["period"], trf("\"{}\" is not a period; write 2024, 2024-H1, 2024-Q3 or 2024-07 "
                                      "(years {} to {})",
                                      m.period, date::k_first_year, date::k_last_year));
      m.assessor = reader.string(a, "assessor", false).value_or("");
    }
    if (auto r = reader.string(root, "ruleset", true)) {
      m.ruleset_ref = *r;
      m.ruleset_at = reader.at(root["ruleset"]);
    }
    if (auto p = reader.string(root, "missing", false)) {
      m.missing_at = reader.at(root["missing"]);
      if (auto policy = ruleset::parse_missing_policy(*p))
        m.missing = *policy;
      else
        reader.error(root["missing"],
                     trf("unknown missing-data policy \"{}\"; expected error, zero or exclude", *p));
    }
    if (auto e = reader.string(root, "encoding", false)) {
      try {
        m.encoding = io::parse_encoding(*e);
      } catch (const UsageError& err) {
        reader.error(root["encoding"], err.what());
      }
    }
    auto data = [&](const char* key, bool required) -> std::optional<Manifest::DataRef> {
      auto p = reader.string(root, key, required);
      if (!p) return std::nullopt;
      return Manifest::DataRef{*p, reader.at(root[key])};
    };
    m.units = data("units", true);
    m.indicators = data("indicators", true);
    m.ratings = data("ratings", false);
    m.hazards = data("hazards", false);
    m.duties = data("duties", false);
    if (const YAML::Node c = root["chain"]; c.IsDefined() && c.IsMap()) {
      if (reader.expect_map(c, "\"chain\"", {"nodes", "edges"})) {
        if (auto p = reader.string(c, "nodes", true)) m.chain = Manifest::DataRef{*p, reader.at(c["nodes"])};
        if (auto p = reader.string(c, "edges", true))
          m.chain_edges = Manifest::DataRef{*p, reader.at(c["edges"])};
      }
    } else {
      m.chain = data("chain", false);
      if (m.chain && (m.chain->path.ends_with(".csv") || m.chain->path.ends_with(".CSV")))
        reader.error(root["chain"],
                     _("a CSV chain comes as two files: write chain: {nodes: nodes.csv, edges: edges.csv}"));
      else if (m.chain && io::sheet_ref(m.chain->path))
        reader.error(
            root["chain"],
            _("a chain in a workbook comes as two sheets: write chain: {nodes: data.xlsx#节点, edges: "
              "data.xlsx#上下级}"));
    }
    if (const YAML::Node t = root["tasks"]; t.IsDefined() && t.IsMap()) {
      if (reader.expect_map(t, "\"tasks\"", {"list", "milestones", "progress"})) {
        auto ref = [&](const char* key, bool required) -> std::optional<Manifest::DataRef> {
          auto p = reader.string(t, key, required);
          if (!p) return std::nullopt;
          return Manifest::DataRef{*p, reader.at(t[key])};
        };
        m.tasks = ref("list", true);
        m.task_milestones = ref("milestones", false);
        m.task_progress = ref("progress", false);
      }
    } else {
      m.tasks = data("tasks", false);
    }
    m.records = data("records", false);
    m.accidents = data("accidents", false);
    m.risks = data("risks", false);
    m.risk_matrix = data("risk_matrix", false);
    m.enterprises = data("enterprises", false);
    m.inspectors = data("inspectors", false);
    m.recusals = data("recusals", false);
    m.inspections = data("inspections", false);
    m.previous_colours = data("previous_colours", false);
    if (m.previous_colours && !m.enterprises)
      reader.error(root["previous_colours"],
                   _("\"previous_colours\" are of the enterprises of a list: add \"enterprises\""));
    if (m.recusals && !m.inspectors)
      reader.error(root["recusals"], _("\"recusals\" name inspectors of a roster: add \"inspectors\""));
    if (m.inspections && !m.inspectors)
      reader.error(root["inspections"], _("\"inspections\" name inspectors of a roster: add \"inspectors\""));
    if (m.inspectors && !m.enterprises)
      reader.error(root["inspectors"],
                   _("a roster of inspectors is for drawing teams for the enterprises of a "
                     "list: add \"enterprises\""));
    if (m.risk_matrix && !m.risks)
      reader.error(root["risk_matrix"],
                   _("\"risk_matrix\" grades the risk points of \"risks\"; add \"risks\""));
    if (m.chain && !m.duties)
      reader.error(root["chain"],
                   _("the chain needs its duty list: add \"duties: builtin:county-chain\" or a path"));
    if (m.records && !m.chain)
      reader.error(root["records"], _("\"records\" need the chain they refer to: add \"chain\""));
  }
  diagnostics.throw_if_any();
  return m;
}

std::int32_t period_end(const Manifest& m) {
  if (auto p = date::parse_period(m.period)) return p->last;
  throw InputError(
      m.period_at.file.empty() ? Location{m.file} : m.period_at,
      trf("cannot tell the last day of period \"{}\"; write 2024, 2024-H1, 2024-Q3 or 2024-07", m.period));
}

}  // namespace safeassess::assessment
