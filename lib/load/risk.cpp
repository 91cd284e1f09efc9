#include "load/risk.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>
#include <unordered_map>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/edition.hpp"

namespace safeassess::risk {

namespace {

double lowest_score(const Matrix& m) {
  double p = 1;
  for (const auto& f : m.factors)
    p *= f.values.empty() ? f.min : *std::min_element(f.values.begin(), f.values.end());
  return p;
}

}  // namespace

Matrix load_matrix(const std::string& display, const std::string& text) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  io::YamlReader reader(display, text, diagnostics);
  Matrix m;
  m.file = display;
  if (reader.expect_map(root, _("the risk matrix"),
                        {"id", "name", "version", "description", "source", "verified", "warning", "factors",
                         "levels", "number", "published", "effective_from", "effective_until", "preceded_by",
                         "superseded_by", "dates_verified", "dates_note"})) {
    m.edition = load::read_edition(reader, root, false);
    m.warning = reader.string(root, "warning", false).value_or("");
    m.id = reader.string(root, "id", true).value_or("");
    m.name = reader.string(root, "name", true).value_or("");
    m.version = reader.string(root, "version", true).value_or("");
    m.description = reader.string(root, "description", false).value_or("");
    m.source = reader.string(root, "source", true).value_or("");
    m.verified = reader.boolean(root, "verified", false).value_or(true);
    const YAML::Node factors = root["factors"];
    if (!factors.IsDefined()) {
      reader.error(root, _("missing required key \"factors\" (e.g. likelihood and severity)"));
    } else if (reader.expect_sequence(factors, "\"factors\"")) {
      for (const auto& n : factors) {
        if (!reader.expect_map(n, _("a factor"), {"id", "name", "values", "min", "max", "integer"})) continue;
        Factor f;
        f.id = reader.string(n, "id", true).value_or("");
        f.name = reader.string(n, "name", true).value_or("");
        if (n["values"].IsDefined()) {
          if (n["min"].IsDefined() || n["max"].IsDefined())
            reader.error(n, _("a factor has either \"values\" or \"min\"/\"max\", not both"));
          if (reader.expect_sequence(n["values"], "\"values\""))
            for (const auto& v : n["values"])
              if (auto d = reader.number_value(v, _("a factor value"))) f.values.push_back(*d);
          if (f.values.empty()) reader.error(n["values"], _("\"values\" is empty"));
          f.integer = false;
        } else {
          f.min = reader.number(n, "min", true).value_or(1);
          f.max = reader.number(n, "max", true).value_or(5);
          f.integer = reader.boolean(n, "integer", false).value_or(true);
          if (!(f.max > f.min)) reader.error(n, _("\"max\" must be above \"min\""));
        }
        for (const auto& other : m.factors)
          if (!f.id.empty() && other.id == f.id)
            reader.error(n["id"], trf("factor \"{}\" is declared twice", f.id));
        m.factors.push_back(std::move(f));
      }
      if (m.factors.empty()) reader.error(factors, _("\"factors\" is empty"));
    }
    const YAML::Node levels = root["levels"];
    if (!levels.IsDefined()) {
      reader.error(root, _("missing required key \"levels\" (highest first, each with min or above)"));
    } else if (reader.expect_sequence(levels, "\"levels\"")) {
      for (const auto& n : levels) {
        if (!reader.expect_map(n, _("a level"), {"id", "name", "colour", "rgb", "min", "above"})) continue;
        Level l;
        l.id = reader.string(n, "id", true).value_or("");
        for (const auto& other : m.levels)
          if (!l.id.empty() && other.id == l.id)
            reader.error(n["id"], trf("level \"{}\" is declared twice", l.id));
        l.name = reader.string(n, "name", true).value_or("");
        l.colour = reader.string(n, "colour", true).value_or("");
        l.rgb = reader.string(n, "rgb", false).value_or("");
        const auto min = reader.number(n, "min", false);
        const auto above = reader.number(n, "above", false);
        if (min.has_value() == above.has_value())
          reader.error(n,
                       _("a level needs exactly one of \"min\" (score ≥ min) or \"above\" (score > above)"));
        l.bound = min ? *min : above.value_or(0);
        l.strict = above.has_value();
        // Equal bounds leave the later level unreachable, unless the earlier one is
        // strict ("above 320" then "min 320" gives 320 itself to the later one).
        if (!m.levels.empty()) {
          const auto& prev = m.levels.back();
          if (l.bound > prev.bound || (l.bound == prev.bound && !(prev.strict && !l.strict)))
            reader.error(n, trf("level \"{}\" does not start below the level before it; list levels "
                                "from the highest down",
                                l.name));
        }
        m.levels.push_back(std::move(l));
      }
      if (m.levels.empty()) reader.error(levels, _("\"levels\" is empty"));
    }
    if (!m.factors.empty() && !m.levels.empty()) {
      const double low = lowest_score(m);
      const auto& last = m.levels.back();
      if (last.strict ? !(low > last.bound) : !(low >= last.bound))
        reader.error(levels, trf("the lowest possible score, {}, falls below every level; lower the "
                                 "last level's bound",
                                 text::plain(low)));
    }
  }
  diagnostics.throw_if_any();
  m.sha256 = hash::sha256_hex(text);
  return m;
}

Matrix load_matrix_ref(const std::string& ref) {
  std::string name = ref;
  const bool builtin = name.starts_with("builtin:");
  if (builtin) name = name.substr(8);
  std::error_code ec;
  if (!builtin && std::filesystem::exists(ref, ec)) return load_matrix(ref, io::read_file(ref, ref));
  if (auto f = ruleset::find_builtin("risk", name)) return load_matrix(f->path, f->text);
  const auto names = ruleset::builtin_names("risk");
  const std::string hint = text::did_you_mean(name, names);
  throw InputError(Location{ref}, trf("no risk matrix file or bundled matrix \"{}\"{}", name,
                                      hint.empty() ? "; bundled: " + text::join(names, ", ") : hint));
}

}  // namespace safeassess::risk
