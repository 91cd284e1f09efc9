#include "assessment/assessment.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>

#include "core/date.hpp"
#include "core/hash.hpp"
#include "core/text.hpp"
#include "hazard/ledger.hpp"
#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/ruleset.hpp"

namespace safeassess::assessment {

using ruleset::InputType;
using ruleset::MissingPolicy;

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();
// Suggesting the closest unit id is a scan of all ids; past this many units it is skipped.
constexpr std::size_t k_suggest_limit = 20000;

std::string suggest_unit(std::string_view id, const Units& units) {
  if (units.size() > k_suggest_limit) return {};
  return text::did_you_mean(id, units.ids);
}

// Parses one cell for an input; returns the value or sets `error` to what was expected.
double parse_cell(const ruleset::InputDef& in, std::string_view raw, std::string& error) {
  std::string_view s = io::trim(raw);
  double v = 0;
  switch (in.type) {
    case InputType::Boolean: {
      if (const auto yes = text::parse_yes_no(s)) return *yes ? 1 : 0;
      error = fmt::format("expected yes or no (1/0, yes/no, true/false, 是/否), got \"{}\"", raw);
      return 0;
    }
    case InputType::Percent: {
      std::string_view num = s;
      if (!num.empty() && num.back() == '%') num = io::trim(num.substr(0, num.size() - 1));
      auto p = io::parse_number(num);
      if (!p) {
        error = fmt::format("expected a percentage such as 98.5 or 98.5%, got \"{}\"", raw);
        return 0;
      }
      v = *p;
      break;
    }
    case InputType::Count: {
      auto p = io::parse_number(s);
      if (!p || *p < 0 || *p != std::floor(*p)) {
        error = fmt::format("expected a whole number 0 or more (a count), got \"{}\"", raw);
        return 0;
      }
      v = *p;
      break;
    }
    case InputType::Number: {
      auto p = io::parse_number(s);
      if (!p) {
        error = fmt::format("expected a number, got \"{}\"{}", raw,
                            s.find(',') != std::string_view::npos ? "; remove the thousands separators" : "");
        return 0;
      }
      v = *p;
      break;
    }
  }
  if ((in.min && v < *in.min) || (in.max && v > *in.max)) {
    error = fmt::format("{} is outside the allowed range {}..{} for \"{}\"", text::plain(v),
                        in.min ? text::plain(*in.min) : "", in.max ? text::plain(*in.max) : "", in.id);
    return 0;
  }
  return v;
}

}  // namespace

std::optional<std::size_t> Units::find(std::string_view id) const {
  return m_index.find(id, ids);
}

std::optional<std::size_t> Units::add(std::string_view id, std::string_view name, long line) {
  if (auto existing = find(id)) return existing;
  ids.emplace_back(id);
  names.emplace_back(name);
  lines.push_back(line);
  m_index.added(ids);
  return std::nullopt;
}

std::size_t Ratings::slot_of(std::size_t indicator) const {
  for (std::size_t s = 0; s < items.size(); ++s)
    if (items[s] == indicator) return s;
  return ruleset::k_none;
}

std::vector<std::filesystem::path> input_paths(const Manifest& m) {
  std::vector<std::filesystem::path> paths{m.file};
  auto add = [&](const std::string& ref) {
    if (!ref.empty() && !ref.starts_with("builtin:")) paths.push_back(m.dir / ref);
  };
  add(m.ruleset_ref);
  for (const auto* ref : {&m.units, &m.indicators, &m.ratings, &m.hazards, &m.duties, &m.chain,
                          &m.chain_edges, &m.records, &m.accidents, &m.risks, &m.risk_matrix})
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
  if (reader.expect_map(root, "the manifest",
                        {"assessment", "ruleset", "missing", "encoding", "units", "indicators", "ratings",
                         "hazards", "duties", "chain", "records", "accidents", "risks", "risk_matrix"})) {
    const YAML::Node a = root["assessment"];
    if (!a.IsDefined()) {
      reader.error(root, "missing required key \"assessment\" (with name and period)");
    } else if (reader.expect_map(a, "\"assessment\"", {"name", "period", "assessor"})) {
      m.name = reader.string(a, "name", true).value_or("");
      m.period = reader.string(a, "period", true).value_or("");
      if (a["period"].IsDefined()) m.period_at = reader.at(a["period"]);
      if (!m.period.empty() && !date::parse_period(m.period))
        reader.error(a["period"],
                     fmt::format("\"{}\" is not a period; write 2024, 2024-H1, 2024-Q3 or 2024-07 "
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
                     fmt::format("unknown missing-data policy \"{}\"; expected error, zero or exclude", *p));
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
                     "a CSV chain comes as two files: write chain: {nodes: nodes.csv, edges: edges.csv}");
    }
    m.records = data("records", false);
    m.accidents = data("accidents", false);
    m.risks = data("risks", false);
    m.risk_matrix = data("risk_matrix", false);
    if (m.risk_matrix && !m.risks)
      reader.error(root["risk_matrix"], "\"risk_matrix\" grades the risk points of \"risks\"; add \"risks\"");
    if (m.chain && !m.duties)
      reader.error(root["chain"],
                   "the chain needs its duty list: add \"duties: builtin:county-chain\" or a path");
    for (const auto& [ref, key] : {std::pair{&m.records, "records"}, std::pair{&m.accidents, "accidents"}})
      if (*ref && !m.chain)
        reader.error(root[key], fmt::format("\"{}\" need the chain they refer to: add \"chain\"", key));
  }
  diagnostics.throw_if_any();
  return m;
}

Units load_units(const std::string& display, std::string bytes, io::Encoding enc) {
  Diagnostics diagnostics;
  Units units = load_units(display, std::move(bytes), enc, diagnostics);
  diagnostics.throw_if_any();
  return units;
}

Units load_units(const std::string& display, std::string bytes, io::Encoding enc, Diagnostics& diagnostics) {
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  const auto id_col = header.require_any({"id", "单位编号", "编号"}, "the unit's identifier", diagnostics);
  const auto name_col =
      header.require_any({"name", "单位名称", "名称"}, "the unit's display name", diagnostics);
  Units units;
  if (!id_col || !name_col) return units;
  while (reader.next()) {
    const long line = reader.line();
    const std::string_view id = io::trim(*id_col < reader.size() ? reader[*id_col] : std::string_view());
    const std::string_view name =
        io::trim(*name_col < reader.size() ? reader[*name_col] : std::string_view());
    if (id.empty()) {
      diagnostics.error(header.cell(line, *id_col),
                        fmt::format("{}: empty unit id; every unit needs one", header.column_label(*id_col)));
      continue;
    }
    if (name.empty())
      diagnostics.error(header.cell(line, *name_col),
                        fmt::format("{}: empty name for unit \"{}\"", header.column_label(*name_col), id));
    if (const auto first = units.add(id, name, line))
      diagnostics.error(header.cell(line, *id_col),
                        fmt::format("{}: unit id \"{}\" is already used on line {}; unit ids must be unique",
                                    header.column_label(*id_col), id, units.lines[*first]));
  }
  if (units.ids.empty()) diagnostics.error(Location{display}, "no units: the file has a header but no rows");
  return units;
}

Values load_values(const std::string& display, std::string bytes, io::Encoding enc,
                   const ruleset::Ruleset& rules, MissingPolicy missing, const Units& units,
                   const std::vector<std::size_t>& supplied) {
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  Diagnostics diagnostics;
  const auto unit_col =
      header.require_any({"unit", "单位编号"}, "the unit id each row belongs to", diagnostics);
  // Inputs that bonus items or vetoes read cannot be excluded: a veto that silently does
  // not fire, or a bonus silently not given, would change a grade with no trace.
  std::vector<char> must_have(rules.inputs.size(), 0);
  for (const auto& b : rules.bonus) must_have[b.input] = 1;
  for (const auto& v : rules.vetoes)
    for (auto c : v.columns) must_have[c] = 1;
  struct Column {
    std::size_t input;
    std::size_t csv;
  };
  std::vector<Column> columns;
  for (std::size_t i : rules.used_inputs()) {
    const auto& in = rules.inputs[i];
    if (std::find(supplied.begin(), supplied.end(), i) != supplied.end()) {
      for (const auto& name : {in.id, in.name})
        if (auto c = header.find(name))
          diagnostics.error(
              Location{display, 1, static_cast<long>(*c + 1)},
              fmt::format("column {} \"{}\" is computed from the hazard ledger the manifest names; "
                          "remove the column",
                          text::column_letter(*c + 1), name));
      continue;
    }
    // An evaluator's template may carry the input's Chinese name as its header.
    if (auto c = header.require_any({in.id, in.name}, "an input the ruleset reads", diagnostics))
      columns.push_back({i, *c});
  }
  diagnostics.throw_if_any();

  Values values;
  values.columns = rules.inputs.size();
  values.data.assign(units.size() * values.columns, k_nan);
  std::vector<long> row_line(units.size(), 0);
  std::string error;
  std::size_t expected = 0;
  while (reader.next()) {
    const long line = reader.line();
    const std::string_view id = io::trim(*unit_col < reader.size() ? reader[*unit_col] : std::string_view());
    const auto u = units.find(id, expected);
    if (u) expected = *u + 1;
    if (!u) {
      diagnostics.error(header.cell(line, *unit_col),
                        id.empty()
                            ? fmt::format("{}: empty unit id", header.column_label(*unit_col))
                            : fmt::format("{}: unit \"{}\" is not in the units file{}",
                                          header.column_label(*unit_col), id, suggest_unit(id, units)));
      continue;
    }
    if (row_line[*u] != 0) {
      diagnostics.error(header.cell(line, *unit_col),
                        fmt::format("{}: unit \"{}\" already has a row on line {}; give each unit "
                                    "one row",
                                    header.column_label(*unit_col), id, row_line[*u]));
      continue;
    }
    row_line[*u] = line;
    double* row = values.data.data() + *u * values.columns;
    for (const auto& col : columns) {
      const std::string_view cell = col.csv < reader.size() ? reader[col.csv] : std::string_view();
      const auto& in = rules.inputs[col.input];
      if (io::trim(cell).empty()) {
        if (missing == MissingPolicy::Error)
          diagnostics.error(header.cell(line, col.csv),
                            fmt::format("{}: empty cell for unit \"{}\"; enter a value, or set "
                                        "\"missing: zero\" or \"missing: exclude\" in the manifest",
                                        header.column_label(col.csv), id));
        else if (must_have[col.input] && missing == MissingPolicy::Exclude)
          diagnostics.error(header.cell(line, col.csv),
                            fmt::format("{}: empty cell for unit \"{}\"; \"{}\" decides a veto or "
                                        "bonus and cannot be excluded: enter a value (0 if none)",
                                        header.column_label(col.csv), id, in.id));
        continue;  // stays NaN: the engine applies the policy and reports it
      }
      error.clear();
      const double v = parse_cell(in, cell, error);
      if (!error.empty()) {
        diagnostics.error(header.cell(line, col.csv),
                          fmt::format("{}: {}", header.column_label(col.csv), error));
        continue;
      }
      row[col.input] = v;
    }
  }
  for (std::size_t u = 0; u < units.size(); ++u)
    if (row_line[u] == 0)
      diagnostics.error(Location{display},
                        fmt::format("unit \"{}\" (units file line {}) has no row; add a row with "
                                    "unit = {}",
                                    units.ids[u], units.lines[u], units.ids[u]));
  diagnostics.throw_if_any();
  return values;
}

Ratings load_ratings(const std::string& display, std::optional<std::string> file, io::Encoding enc,
                     const ruleset::Ruleset& rules, MissingPolicy missing, const Units& units) {
  Ratings ratings;
  std::vector<std::string> item_ids;
  for (std::size_t i = 0; i < rules.indicators.size(); ++i)
    if (rules.indicators[i].method == ruleset::Method::Rating) {
      ratings.items.push_back(i);
      item_ids.push_back(rules.indicators[i].id);
    }
  const std::size_t n_items = ratings.items.size();
  const std::size_t n_slots = units.size() * n_items;

  struct Entry {
    std::uint32_t slot;
    std::string_view rater;  // into the file's text
    double value;
    long line;
  };
  std::vector<Entry> entries;
  // Slots with a row that was rejected: their "no rating" would only repeat that error.
  std::vector<char> attempted(n_slots, 0);
  Diagnostics diagnostics;
  // At function scope: the entries hold views into the file's text until they are sorted.
  std::optional<io::CsvFile> csv;
  if (file) {
    csv.emplace(display, std::move(*file), enc);
    io::CsvReader& reader = csv->reader();
    const io::CsvHeader& header = csv->header();
    const auto c_unit = header.require_any({"unit", "单位编号"}, "the rated unit's id", diagnostics);
    const auto c_item = header.require_any({"item", "指标"}, "the rated indicator's id", diagnostics);
    const auto c_rater = header.require_any({"rater", "评分人"}, "who gave the rating", diagnostics);
    const auto c_rating = header.require_any({"rating", "评分"}, "the score or grade given", diagnostics);
    diagnostics.throw_if_any();
    auto cell = [&](std::size_t c) { return csv->cell(c); };
    std::size_t last_unit = 0;  // ratings come grouped by unit: try the last one first
    while (reader.next()) {
      const long line = reader.line();
      const auto unit_id = cell(*c_unit);
      const auto item = cell(*c_item);
      const auto rater = cell(*c_rater);
      const auto raw = cell(*c_rating);
      const auto u = units.find(unit_id, last_unit);
      if (u) last_unit = *u;
      bool ok = true;
      if (!u) {
        diagnostics.error(header.cell(line, *c_unit),
                          fmt::format("{}: unit \"{}\" is not in the units file{}",
                                      header.column_label(*c_unit), unit_id, suggest_unit(unit_id, units)));
        ok = false;
      }
      std::size_t slot = ruleset::k_none;
      for (std::size_t s = 0; s < n_items; ++s)
        if (item_ids[s] == item) slot = s;
      if (slot == ruleset::k_none) {
        diagnostics.error(header.cell(line, *c_item),
                          fmt::format("{}: \"{}\" is not a rating indicator of ruleset \"{}\"{}",
                                      header.column_label(*c_item), item, rules.id,
                                      text::did_you_mean(item, item_ids).empty() && !item_ids.empty()
                                          ? "; rating indicators: " + text::join(item_ids, ", ")
                                          : text::did_you_mean(item, item_ids)));
        ok = false;
      }
      if (rater.empty()) {
        diagnostics.error(
            header.cell(line, *c_rater),
            fmt::format("{}: empty rater; name who gave the rating", header.column_label(*c_rater)));
        ok = false;
      }
      if (!ok) continue;
      attempted[*u * n_items + slot] = 1;
      const auto& scale = rules.indicators[ratings.items[slot]].scale;
      double value = 0;
      if (scale.numeric) {
        auto v = io::parse_number(raw);
        if (!v || *v < scale.min || *v > scale.max) {
          diagnostics.error(header.cell(line, *c_rating),
                            fmt::format("{}: rating \"{}\" is outside the scale {}..{} of \"{}\"",
                                        header.column_label(*c_rating), raw, text::plain(scale.min),
                                        text::plain(scale.max), item));
          continue;
        }
        value = (*v - scale.min) / (scale.max - scale.min);
      } else {
        bool found = false;
        std::vector<std::string> labels;
        for (const auto& [label, fraction] : scale.grades) {
          labels.push_back(label);
          if (label == raw) {
            value = fraction;
            found = true;
          }
        }
        if (!found) {
          diagnostics.error(header.cell(line, *c_rating),
                            fmt::format("{}: rating \"{}\" is not a grade of \"{}\"; expected one of: {}",
                                        header.column_label(*c_rating), raw, item, text::join(labels, ", ")));
          continue;
        }
      }
      entries.push_back({static_cast<std::uint32_t>(*u * n_items + slot), rater, value, line});
    }
  }
  // Group by slot (stable, so ratings keep file order) and reject a rater rating twice.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.slot != b.slot ? a.slot < b.slot : a.rater < b.rater;
  });
  ratings.offsets.assign(n_slots + 1, 0);
  ratings.values.reserve(entries.size());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const auto& e = entries[k];
    if (k > 0 && entries[k - 1].slot == e.slot && entries[k - 1].rater == e.rater) {
      const std::size_t u = e.slot / n_items;
      diagnostics.error(Location{display, e.line, 0},
                        fmt::format("rater \"{}\" already rated \"{}\" for unit \"{}\" on line {}; "
                                    "keep one rating per rater",
                                    e.rater, item_ids[e.slot % n_items], units.ids[u], entries[k - 1].line));
      continue;
    }
    ratings.offsets[e.slot + 1]++;
  }
  std::partial_sum(ratings.offsets.begin(), ratings.offsets.end(), ratings.offsets.begin());
  for (std::size_t k = 0; k < entries.size(); ++k)
    if (!(k > 0 && entries[k - 1].slot == entries[k].slot && entries[k - 1].rater == entries[k].rater))
      ratings.values.push_back(entries[k].value);
  if (missing == MissingPolicy::Error && file) {
    for (std::size_t u = 0; u < units.size(); ++u)
      for (std::size_t s = 0; s < n_items; ++s)
        if (ratings.offsets[u * n_items + s + 1] == ratings.offsets[u * n_items + s] &&
            !attempted[u * n_items + s])
          diagnostics.error(Location{display},
                            fmt::format("unit \"{}\" has no rating for \"{}\"; add the raters' "
                                        "ratings, or set \"missing: zero\" or \"missing: exclude\" "
                                        "in the manifest",
                                        units.ids[u], item_ids[s]));
  }
  diagnostics.throw_if_any();
  return ratings;
}

ruleset::Ruleset load_ruleset_ref(const std::string& ref, const std::filesystem::path& dir,
                                  const Location& at, std::vector<InputFile>* files) {
  constexpr std::string_view k_builtin = "builtin:";
  std::string display;
  std::string text;
  if (std::string_view(ref).starts_with(k_builtin)) {
    const std::string name = ref.substr(k_builtin.size());
    const auto found = ruleset::find_builtin_assessment(name);
    if (!found) {
      const auto names = ruleset::builtin_assessment_names();
      const std::string hint = text::did_you_mean(name, names);
      throw InputError(at, fmt::format("no bundled ruleset \"{}\"{}", name,
                                       hint.empty() ? "; bundled: " + text::join(names, ", ") : hint));
    }
    display = found->path;
    text = found->text;
  } else {
    const std::filesystem::path p = dir / ref;
    display = p.lexically_normal().string();
    text = io::read_file(p, display, at);
  }
  auto r = ruleset::load_ruleset(display, text);
  if (files) files->push_back({"ruleset", display, r.sha256, std::nullopt});
  return r;
}

namespace {

// The state of one load: what has been read so far and every problem found, so that one
// run reports the problems of all files.
struct Loading {
  Basics b;
  Diagnostics diagnostics;
  io::Encoding enc = io::Encoding::Auto;
  bool have_rules = false;
  std::string display;

  std::string read(const char* role, const Manifest::DataRef& ref, std::string& shown) {
    const std::filesystem::path p = b.manifest.dir / ref.path;
    shown = p.lexically_normal().string();
    std::string bytes = io::read_file(p, shown, ref.at);
    b.files.push_back({role, shown, hash::sha256_hex(bytes), std::nullopt});
    return bytes;
  }
  void load_chain() {
    const Manifest& m = b.manifest;
    if (!m.chain) return;
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
    if (m.records)
      collect([&] {
        std::string shown;
        std::string bytes = read("records", *m.records, shown);
        const auto period = date::parse_period(m.period);
        if (!period) (void)period_end(m);  // throws, naming the period
        data.compliance = duty::read_records(shown, std::move(bytes), enc, data.duties, data.chain, *period);
      });
    if (m.accidents)
      collect([&] {
        std::string shown;
        std::string bytes = read("accidents", *m.accidents, shown);
        data.accidents = chain::read_accidents(shown, std::move(bytes), enc, data.chain);
      });
    b.chain = std::move(data);
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
    l.b.rules =
        load_ruleset_ref(l.b.manifest.ruleset_ref, l.b.manifest.dir, l.b.manifest.ruleset_at, &l.b.files);
    l.have_rules = true;
  });
  std::string units_file;
  l.collect([&] {
    l.b.units =
        load_units(units_file, l.read("units", *l.b.manifest.units, units_file), l.enc, l.diagnostics);
  });
}

}  // namespace

std::int32_t period_end(const Manifest& m) {
  if (auto p = date::parse_period(m.period)) return p->last;
  throw InputError(
      m.period_at.file.empty() ? Location{m.file} : m.period_at,
      fmt::format("cannot tell the last day of period \"{}\"; write 2024, 2024-H1, 2024-Q3 or 2024-07",
                  m.period));
}

namespace {

// What became of the rows of each table the run read. Every loader refuses (exit 2) a row
// it does not use unless it says why it leaves it out, so the counts follow from what was
// loaded: a unit per units row and per indicators row, a rating per ratings row, and so on.
void account_rows(std::vector<InputFile>& files, const Units& units, const Ratings* ratings,
                  const std::optional<ChainData>& chain, const hazard::LedgerReport* ledger, bool chain_csv) {
  for (auto& f : files) {
    if (f.role == "units" || f.role == "indicators")
      f.rows = RowAccount::all(units.size());
    else if (f.role == "ratings" && ratings)
      f.rows = RowAccount::all(ratings->values.size());
    else if (f.role == "hazards" && ledger)
      f.rows = RowAccount::with_excluded(
          ledger->rows, ledger->found_after,
          fmt::format("found after the as-of date {}", date::format(ledger->as_of)));
    else if (f.role == "chain" && chain && chain_csv)
      f.rows = RowAccount::all(chain->chain.size());
    else if (f.role == "chain edges" && chain)
      f.rows = RowAccount::all(chain->chain.edges.size());
    else if (f.role == "records" && chain && chain->compliance)
      f.rows = RowAccount::with_excluded(chain->compliance->records, chain->compliance->records_not_assessed,
                                         "in a duty period not wholly inside the assessment period");
    else if (f.role == "accidents" && chain)
      f.rows = RowAccount::all(chain->accidents.size());
  }
}

}  // namespace

Basics load_basics(const std::filesystem::path& path, const LoadOptions& options) {
  Loading l;
  start(l, path, options);
  if (options.chain && l.diagnostics.empty()) l.load_chain();
  l.diagnostics.throw_if_any();
  account_rows(l.b.files, l.b.units, nullptr, l.b.chain, nullptr, l.b.manifest.chain_edges.has_value());
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
          (void)io::read_file(m.dir / ref->path, (m.dir / ref->path).lexically_normal().string(), ref->at);
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
      ledger = hazard::read_ledger(shown, std::move(bytes), l.enc, as_of, rules.ledger, &l.b.units);
    });
    for (const auto& [input, metric] : rules.ledger.inputs) supplied.push_back(input);
  }
  // Inputs the ruleset takes from duty compliance, when the manifest names records.
  if (m.chain && l.diagnostics.empty()) l.load_chain();
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
              d.at,
              fmt::format("input \"{}\" takes the compliance of role \"{}\", which duty list "
                          "\"{}\" does not have{}",
                          rules.inputs[d.input].id, id, list.id, text::did_you_mean(id, list.role_ids())));
      }
      for (const auto& t : d.tiers) {
        const auto tier = duty::parse_tier(t);
        if (!tier) {
          l.diagnostics.error(
              d.at, fmt::format("unknown tier \"{}\"; expected decision, management or execution", t));
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
    a.values = load_values(shown, std::move(bytes), l.enc, rules, a.missing, l.b.units, supplied);
  });
  a.input_origin.assign(rules.inputs.size(), std::string());
  if (ledger)
    for (const auto& [input, metric] : rules.ledger.inputs)
      a.input_origin[input] = fmt::format("hazard ledger {} ({})", ledger->file, ruleset::to_string(metric));
  if (ledger && a.values.columns == rules.inputs.size())
    for (std::size_t u = 0; u < l.b.units.size(); ++u)
      for (const auto& [input, metric] : rules.ledger.inputs)
        a.values.data[u * a.values.columns + input] = hazard::metric(ledger->by_unit[u], metric);
  if (!duty_fed.empty()) {
    for (const auto& [input, roles] : duty_fed)
      a.input_origin[input] =
          fmt::format("duty records {} (compliance of the unit's holders)", l.b.chain->compliance->file);
    if (a.values.columns == rules.inputs.size()) {
      const auto& ch = l.b.chain->chain;
      const auto& comp = *l.b.chain->compliance;
      for (const auto& [input, roles] : duty_fed) {
        std::vector<duty::Tally> by_unit(l.b.units.size());
        for (std::size_t v = 0; v < ch.size(); ++v)
          if (comp.is_holder(v) && roles[ch.role[v]] && ch.unit[v] != chain::k_no_index)
            by_unit[ch.unit[v]].add(comp.by_node[v]);
        for (std::size_t u = 0; u < l.b.units.size(); ++u)
          a.values.data[u * a.values.columns + input] = by_unit[u].rate();
      }
    }
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
                          fmt::format("ruleset \"{}\" has rating indicators but the manifest names no "
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
  account_rows(a.files, a.units, &a.ratings, a.chain, a.ledger ? &*a.ledger : nullptr,
               a.manifest.chain_edges.has_value());
  return a;
}

std::optional<Risks> load_risks(const Manifest& m, std::optional<io::Encoding> encoding, Assessment* a) {
  if (!m.risks) return std::nullopt;
  const std::string ref = m.risk_matrix ? m.risk_matrix->path : std::string("builtin:ls-5x5");
  Risks r;
  r.matrix =
      risk::load_matrix_ref(ref.starts_with("builtin:") ? ref : (m.dir / ref).lexically_normal().string());
  const auto path = m.dir / m.risks->path;
  const std::string shown = path.lexically_normal().string();
  r.list =
      risk::grade(shown, io::read_file(path, shown, m.risks->at), encoding.value_or(m.encoding), r.matrix);
  if (!a) return r;
  Diagnostics diagnostics;
  for (const auto& p : r.list.points)
    if (!a->units.find(p.unit))
      diagnostics.error(
          Location{shown, p.line},
          fmt::format("column \"unit\": unit \"{}\" of risk point \"{}\" is not in the units file{}", p.unit,
                      p.id, suggest_unit(p.unit, a->units)));
  diagnostics.throw_if_any();
  if (!ref.starts_with("builtin:"))
    a->files.push_back({"risk matrix", r.matrix.file, r.matrix.sha256, std::nullopt});
  a->files.push_back({"risks", shown, r.list.sha256, RowAccount::all(r.list.points.size())});
  return r;
}

}  // namespace safeassess::assessment
