#pragma once
// An assessment manifest as data: which ruleset, which data files, the period and who
// assesses; and the files a run read, for the report's appendix. Read by load/manifest.hpp.

#include <filesystem>
#include <optional>
#include <string>

#include "core/error.hpp"
#include "core/rows.hpp"
#include "io/encoding.hpp"
#include "model/ruleset.hpp"

namespace safeassess::assessment {

// A file the run read, for the report's appendix.
struct InputFile {
  std::string role;  // "manifest", "ruleset", "units", "indicators", "ratings"
  std::string path;  // as displayed
  std::string sha256;
  std::optional<RowAccount> rows;  // for a table (CSV); nullopt for a YAML file
};

struct Manifest {
  std::string file;  // as displayed
  std::filesystem::path dir;
  std::string name;         // assessment.name
  std::string period;       // assessment.period
  std::string assessor;     // assessment.assessor (optional)
  std::string ruleset_ref;  // "builtin:NAME" or a path
  Location ruleset_at;
  std::optional<ruleset::MissingPolicy> missing;
  Location missing_at;
  Location period_at;
  struct DataRef {
    std::string path;  // as written in the manifest
    Location at;
  };
  std::optional<DataRef> units, indicators, ratings, hazards;
  // The responsibility chain: its duty list ("builtin:NAME" or a path), the chain (a YAML
  // file, or nodes and edges CSV files), the performance records and the accidents.
  std::optional<DataRef> duties, chain, chain_edges, records, accidents;
  // Risk points (风险分级管控) and the matrix that grades them ("builtin:NAME" or a path).
  std::optional<DataRef> risks, risk_matrix;
  // The task list (四张清单) with its milestones and progress records (README "Tasks").
  std::optional<DataRef> tasks, task_milestones, task_progress;
  // Targeting (README "Targeting tables"): the enterprises to classify and draw from, the roster of
  // inspectors, their recusals (回避) and past inspections.
  std::optional<DataRef> enterprises, inspectors, recusals, inspections;
  std::optional<DataRef> previous_colours;  // last period's classification (classify -f csv)
  io::Encoding encoding = io::Encoding::Auto;
};

}  // namespace safeassess::assessment
