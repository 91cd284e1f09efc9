#include "load/ruleset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/hash.hpp"
#include "core/text.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/condition.hpp"

namespace safeassess::ruleset {

namespace {

std::vector<std::size_t> compute_columns(const Indicator& ind) {
  std::vector<std::size_t> out;
  auto add = [&](std::size_t i) {
    if (i != k_none && std::find(out.begin(), out.end(), i) == out.end()) out.push_back(i);
  };
  add(ind.value);
  add(ind.current);
  add(ind.previous);
  for (const auto& e : ind.events) add(e.input);
  for (const auto& b : ind.bands)
    if (b.when) {
      std::vector<std::size_t> cols;
      collect_inputs(*b.when, cols);
      for (auto c : cols) add(c);
    }
  return out;
}

constexpr double k_eps = 1e-9;

class Loader {
 public:
  Loader(const std::string& display, std::string_view text, Diagnostics& diagnostics)
      : m_reader(display, text, diagnostics) {}

  Ruleset load(const YAML::Node& root) {
    Ruleset r;
    r.file = m_reader.file();
    if (!m_reader.expect_map(root, "the ruleset",
                             {"id", "name", "version", "description", "sources", "precision", "missing",
                              "inputs", "categories", "bonus", "vetoes", "grades", "failing_grade",
                              "interview", "hazard_ledger", "duty_compliance"}))
      return r;
    r.id = m_reader.string(root, "id", true).value_or("");
    r.name = m_reader.string(root, "name", true).value_or("");
    r.version = m_reader.string(root, "version", true).value_or("");
    r.description = m_reader.string(root, "description", false).value_or("");
    if (auto p = m_reader.integer(root, "precision", false)) {
      if (*p < 0 || *p > 6)
        m_reader.error(root["precision"], "\"precision\" must be between 0 and 6 decimals");
      else
        r.precision = static_cast<int>(*p);
    }
    if (auto m = m_reader.string(root, "missing", false)) {
      if (auto policy = parse_missing_policy(*m))
        r.missing = *policy;
      else
        m_reader.error(root["missing"], missing_policy_message(*m));
    }
    load_sources(root, r);
    load_inputs(root, r);
    load_categories(root, r);
    load_bonus(root, r);
    load_vetoes(root, r);
    load_grades(root, r);
    load_interview(root, r);
    load_ledger(root, r);
    load_duty_compliance(root, r);
    return r;
  }

  static std::string missing_policy_message(const std::string& got) {
    return fmt::format("unknown missing-data policy \"{}\"; expected error, zero or exclude{}", got,
                       text::did_you_mean(got, std::vector<std::string>{"error", "zero", "exclude"}));
  }

 private:
  void load_sources(const YAML::Node& root, Ruleset& r) {
    const YAML::Node list = root["sources"];
    if (!list.IsDefined()) {
      m_reader.error(root,
                     "missing required key \"sources\": a ruleset names the documents its "
                     "rules come from");
      return;
    }
    if (!m_reader.expect_sequence(list, "\"sources\"")) return;
    for (const auto& n : list) {
      if (!m_reader.expect_map(n, "a source", {"id", "title", "number", "date", "note"})) continue;
      SourceDoc s;
      s.id = m_reader.string(n, "id", true).value_or("");
      s.title = m_reader.string(n, "title", true).value_or("");
      s.number = m_reader.string(n, "number", false).value_or("");
      s.date = m_reader.string(n, "date", false).value_or("");
      s.note = m_reader.string(n, "note", false).value_or("");
      r.sources.push_back(std::move(s));
    }
  }

  void load_inputs(const YAML::Node& root, Ruleset& r) {
    const YAML::Node list = root["inputs"];
    if (!list.IsDefined()) {
      m_reader.error(root, "missing required key \"inputs\" (the data columns indicators read)");
      return;
    }
    if (!m_reader.expect_sequence(list, "\"inputs\"")) return;
    for (const auto& n : list) {
      if (!m_reader.expect_map(n, "an input", {"id", "name", "type", "min", "max"})) continue;
      InputDef in;
      in.id = m_reader.string(n, "id", true).value_or("");
      in.name = m_reader.string(n, "name", true).value_or("");
      if (auto t = m_reader.string(n, "type", true)) {
        static const std::vector<std::string> types = {"number", "count", "percent", "boolean"};
        if (*t == "number")
          in.type = InputType::Number;
        else if (*t == "count")
          in.type = InputType::Count;
        else if (*t == "percent")
          in.type = InputType::Percent;
        else if (*t == "boolean")
          in.type = InputType::Boolean;
        else
          m_reader.error(n["type"], fmt::format("unknown input type \"{}\"; expected one of: "
                                                "number, count, percent, boolean{}",
                                                *t, text::did_you_mean(*t, types)));
      }
      in.min = m_reader.number(n, "min", false);
      in.max = m_reader.number(n, "max", false);
      if (in.min && in.max && *in.min > *in.max)
        m_reader.error(n, fmt::format("input \"{}\": min {} is above max {}", in.id, text::plain(*in.min),
                                      text::plain(*in.max)));
      if (in.id.empty()) continue;
      if (!r.input_index.emplace(in.id, r.inputs.size()).second) {
        m_reader.error(n["id"], fmt::format("input \"{}\" is declared twice", in.id));
        continue;
      }
      r.inputs.push_back(std::move(in));
    }
  }

  // Resolves map[key] to a declared input, reporting an undeclared one with a did-you-mean.
  std::size_t input_ref(const YAML::Node& map, const char* key, const Ruleset& r, bool required) {
    auto id = m_reader.string(map, key, required);
    if (!id) return k_none;
    const auto it = r.input_index.find(*id);
    if (it == r.input_index.end()) {
      m_reader.error(map[key], fmt::format("\"{}\" refers to \"{}\", which is not a declared "
                                           "input{}",
                                           key, *id, text::did_you_mean(*id, r.input_ids())));
      return k_none;
    }
    return it->second;
  }

  void require_type(const YAML::Node& map, const char* key, std::size_t input, const Ruleset& r,
                    std::initializer_list<InputType> types, std::string_view why) {
    if (input == k_none) return;
    const InputType t = r.inputs[input].type;
    if (std::find(types.begin(), types.end(), t) == types.end())
      m_reader.error(map[key],
                     fmt::format("input \"{}\" is {}, but {}", r.inputs[input].id, type_name(t), why));
  }

  static const char* type_name(InputType t) {
    switch (t) {
      case InputType::Number:
        return "a number";
      case InputType::Count:
        return "a count";
      case InputType::Percent:
        return "a percent";
      case InputType::Boolean:
        return "a yes/no value";
    }
    return "?";
  }

  void load_categories(const YAML::Node& root, Ruleset& r) {
    const YAML::Node list = root["categories"];
    if (!list.IsDefined()) {
      m_reader.error(root, "missing required key \"categories\"");
      return;
    }
    if (!m_reader.expect_sequence(list, "\"categories\"")) return;
    double weight_sum = 0;
    std::vector<std::string> category_ids;
    std::vector<std::string> indicator_ids;
    for (const auto& n : list) {
      if (!m_reader.expect_map(n, "a category", {"id", "name", "weight", "indicators"})) continue;
      Category c;
      c.id = m_reader.string(n, "id", true).value_or("");
      c.name = m_reader.string(n, "name", true).value_or("");
      if (auto w = m_reader.number(n, "weight", true)) {
        if (*w <= 0) m_reader.error(n["weight"], "a category weight must be above 0");
        c.weight = *w;
      }
      weight_sum += c.weight;
      if (std::find(category_ids.begin(), category_ids.end(), c.id) != category_ids.end())
        m_reader.error(n["id"], fmt::format("category \"{}\" is declared twice", c.id));
      category_ids.push_back(c.id);
      const std::size_t category_index = r.categories.size();
      const YAML::Node inds = n["indicators"];
      double points_sum = 0;
      if (!inds.IsDefined()) {
        m_reader.error(n, fmt::format("category \"{}\" has no \"indicators\"", c.id));
      } else if (m_reader.expect_sequence(inds, "\"indicators\"")) {
        for (const auto& in : inds) {
          Indicator ind = load_indicator(in, r);
          ind.category = category_index;
          points_sum += ind.points;
          if (ind.id.empty()) continue;
          ind.columns = compute_columns(ind);
          if (std::find(indicator_ids.begin(), indicator_ids.end(), ind.id) != indicator_ids.end()) {
            m_reader.error(in["id"], fmt::format("indicator \"{}\" is declared twice", ind.id));
            continue;
          }
          indicator_ids.push_back(ind.id);
          c.indicators.push_back(r.indicators.size());
          r.indicators.push_back(std::move(ind));
        }
        if (std::fabs(points_sum - c.weight) > k_eps)
          m_reader.error(n, fmt::format("the points of category \"{}\" add up to {}, but its "
                                        "weight is {}; adjust the indicators' points",
                                        c.id, text::plain(points_sum), text::plain(c.weight)));
      }
      r.categories.push_back(std::move(c));
    }
    if (std::fabs(weight_sum - 100) > k_eps)
      m_reader.error(list,
                     fmt::format("category weights add up to {}, expected 100", text::plain(weight_sum)));
  }

  Indicator load_indicator(const YAML::Node& n, const Ruleset& r) {
    Indicator ind;
    if (!m_reader.expect_map(
            n, "an indicator",
            {"id", "name", "method", "points", "input", "current", "previous", "floor", "target", "ceiling",
             "events", "bands", "scale", "trim_from", "source", "verified"}))
      return ind;
    ind.id = m_reader.string(n, "id", true).value_or("");
    ind.name = m_reader.string(n, "name", true).value_or("");
    ind.source = m_reader.string(n, "source", false).value_or("");
    ind.verified = m_reader.boolean(n, "verified", false).value_or(true);
    if (auto p = m_reader.number(n, "points", true)) {
      if (*p <= 0) m_reader.error(n["points"], "\"points\" must be above 0");
      ind.points = *p;
    }
    const auto method_name = m_reader.string(n, "method", true);
    if (!method_name) return ind;
    const MethodSpec* found = nullptr;
    std::vector<std::string> names;
    for (const auto& s : method_specs()) {
      names.emplace_back(s.name);
      if (s.name == *method_name) found = &s;
    }
    if (!found) {
      const std::string hint = text::did_you_mean(*method_name, names);
      m_reader.error(n["method"],
                     fmt::format("unknown method \"{}\"{}", *method_name,
                                 hint.empty() ? "; expected one of: " + text::join(names, ", ") : hint));
      return ind;
    }
    ind.method = found->method;
    // Keys that belong to other methods are reported, so a half-edited indicator does not
    // silently ignore a threshold.
    auto forbid = [&](std::initializer_list<const char*> keys) {
      for (const char* k : keys)
        if (n[k].IsDefined())
          m_reader.error(n[k], fmt::format("\"{}\" does not apply to method \"{}\" (it reads: {})", k,
                                           found->name, found->keys));
    };
    switch (ind.method) {
      case Method::Target:
      case Method::TargetLower: {
        const bool lower = ind.method == Method::TargetLower;
        forbid({"current", "previous", "events", "bands", "scale", "trim_from", lower ? "floor" : "ceiling"});
        ind.value = input_ref(n, "input", r, true);
        require_type(n, "input", ind.value, r, {InputType::Number, InputType::Count, InputType::Percent},
                     "this method needs a numeric input");
        const auto bound = m_reader.number(n, lower ? "ceiling" : "floor", true);
        const auto target = m_reader.number(n, "target", true);
        if (bound && target) {
          (lower ? ind.ceiling : ind.floor) = *bound;
          ind.target = *target;
          if (!lower && !(*target > *bound))
            m_reader.error(n["target"], fmt::format("\"target\" ({}) must be above \"floor\" ({})",
                                                    text::plain(*target), text::plain(*bound)));
          if (lower && !(*target < *bound))
            m_reader.error(n["target"], fmt::format("\"target\" ({}) must be below \"ceiling\" ({})",
                                                    text::plain(*target), text::plain(*bound)));
        }
        break;
      }
      case Method::DeclineRate:
      case Method::Growth: {
        forbid({"input", "ceiling", "events", "bands", "scale", "trim_from"});
        ind.current = input_ref(n, "current", r, true);
        ind.previous = input_ref(n, "previous", r, true);
        for (auto [key, idx] : {std::pair{"current", ind.current}, std::pair{"previous", ind.previous}})
          require_type(n, key, idx, r, {InputType::Number, InputType::Count, InputType::Percent},
                       "this method needs a numeric input");
        const auto floor = m_reader.number(n, "floor", true);
        const auto target = m_reader.number(n, "target", true);
        if (floor && target) {
          ind.floor = *floor;
          ind.target = *target;
          if (!(*target > *floor))
            m_reader.error(n["target"], fmt::format("\"target\" ({}) must be above \"floor\" ({}); "
                                                    "both are rates, e.g. 0.15 for 15%",
                                                    text::plain(*target), text::plain(*floor)));
        }
        break;
      }
      case Method::Deduction: {
        forbid({"input", "current", "previous", "floor", "target", "ceiling", "bands", "scale", "trim_from"});
        const YAML::Node events = n["events"];
        if (!events.IsDefined()) {
          m_reader.error(n, "method \"deduction\" needs \"events\": a list of {input, per}");
        } else if (m_reader.expect_sequence(events, "\"events\"")) {
          for (const auto& e : events) {
            if (!m_reader.expect_map(e, "a deduction event", {"input", "per"})) continue;
            DeductionEvent ev;
            ev.input = input_ref(e, "input", r, true);
            require_type(e, "input", ev.input, r, {InputType::Count},
                         "deduction events count occurrences (declare it as type: count)");
            if (auto per = m_reader.number(e, "per", true)) {
              if (*per <= 0) m_reader.error(e["per"], "\"per\" must be above 0 (points deducted per event)");
              ev.per_event = *per;
            }
            ind.events.push_back(ev);
          }
          if (events.size() == 0) m_reader.error(events, "\"events\" is empty");
        }
        break;
      }
      case Method::Bands: {
        forbid({"current", "previous", "floor", "target", "ceiling", "events", "scale", "trim_from"});
        ind.value = input_ref(n, "input", r, true);
        const YAML::Node bands = n["bands"];
        if (!bands.IsDefined()) {
          m_reader.error(n, "method \"bands\" needs \"bands\": a list of {min, fraction}");
        } else if (m_reader.expect_sequence(bands, "\"bands\"")) {
          std::optional<double> prev_min;
          for (const auto& b : bands) {
            if (!m_reader.expect_map(b, "a band", {"min", "when", "fraction"})) continue;
            Band band;
            band.min = m_reader.number(b, "min", false);
            if (b["when"].IsDefined())
              band.when = parse_condition(m_reader, b["when"], r.input_index, r.input_ids());
            if (band.min.has_value() == band.when.has_value())
              m_reader.error(b, "a band needs exactly one of \"min\" or \"when\"");
            if (auto f = m_reader.number(b, "fraction", true)) {
              if (*f < 0 || *f > 1) m_reader.error(b["fraction"], "\"fraction\" must be between 0 and 1");
              band.fraction = *f;
            }
            if (band.min && prev_min && *band.min >= *prev_min)
              m_reader.error(b["min"], fmt::format("band min {} is not below the band before it ({}); "
                                                   "list bands from the highest min down",
                                                   text::plain(*band.min), text::plain(*prev_min)));
            if (band.min) prev_min = band.min;
            ind.bands.push_back(std::move(band));
          }
        }
        break;
      }
      case Method::Rating: {
        forbid({"input", "current", "previous", "floor", "target", "ceiling", "events", "bands"});
        load_scale(n, ind);
        break;
      }
      case Method::Boolean: {
        forbid(
            {"current", "previous", "floor", "target", "ceiling", "events", "bands", "scale", "trim_from"});
        ind.value = input_ref(n, "input", r, true);
        require_type(n, "input", ind.value, r, {InputType::Boolean},
                     "method \"boolean\" needs a yes/no input (declare it as type: boolean)");
        break;
      }
    }
    return ind;
  }

  void load_scale(const YAML::Node& n, Indicator& ind) {
    if (auto t = m_reader.integer(n, "trim_from", false)) {
      if (*t < 3)
        m_reader.error(n["trim_from"],
                       "\"trim_from\" must be at least 3 (dropping the highest and "
                       "lowest of fewer raters leaves nothing)");
      else
        ind.scale.trim_from = *t;
    }
    const YAML::Node s = n["scale"];
    if (!s.IsDefined()) {
      m_reader.error(n, "method \"rating\" needs \"scale\": {min, max} or {grades: {label: fraction}}");
      return;
    }
    if (!m_reader.expect_map(s, "\"scale\"", {"min", "max", "grades"})) return;
    if (s["grades"].IsDefined()) {
      ind.scale.numeric = false;
      if (s["min"].IsDefined() || s["max"].IsDefined())
        m_reader.error(s, "a scale has either \"min\"/\"max\" or \"grades\", not both");
      const YAML::Node g = s["grades"];
      if (!g.IsMap()) {
        m_reader.error(g, "\"grades\" must map each label to a fraction, e.g. {优: 1, 良: 0.8}");
        return;
      }
      for (auto it = g.begin(); it != g.end(); ++it) {
        auto f = m_reader.number_value(it->second, fmt::format("grade \"{}\"", it->first.Scalar()));
        if (f && (*f < 0 || *f > 1)) m_reader.error(it->second, "a grade's fraction must be between 0 and 1");
        ind.scale.grades.emplace_back(it->first.Scalar(), f.value_or(0));
      }
      if (ind.scale.grades.empty()) m_reader.error(g, "\"grades\" is empty");
      return;
    }
    auto lo = m_reader.number(s, "min", true);
    auto hi = m_reader.number(s, "max", true);
    if (lo && hi) {
      if (!(*hi > *lo)) m_reader.error(s, "scale \"max\" must be above \"min\"");
      ind.scale.min = *lo;
      ind.scale.max = *hi;
    }
  }

  void load_bonus(const YAML::Node& root, Ruleset& r) {
    const YAML::Node b = root["bonus"];
    if (!b.IsDefined()) return;
    if (!m_reader.expect_map(b, "\"bonus\"", {"cap", "items"})) return;
    if (auto cap = m_reader.number(b, "cap", true)) {
      if (*cap < 0) m_reader.error(b["cap"], "the bonus cap must not be negative");
      r.bonus_cap = *cap;
    }
    const YAML::Node items = b["items"];
    if (!items.IsDefined()) {
      m_reader.error(b, "missing required key \"items\"");
      return;
    }
    if (!m_reader.expect_sequence(items, "bonus \"items\"")) return;
    for (const auto& n : items) {
      if (!m_reader.expect_map(n, "a bonus item", {"id", "name", "input", "per", "source"})) continue;
      BonusItem item;
      item.id = m_reader.string(n, "id", true).value_or("");
      item.name = m_reader.string(n, "name", true).value_or("");
      item.source = m_reader.string(n, "source", false).value_or("");
      item.input = input_ref(n, "input", r, true);
      require_type(n, "input", item.input, r, {InputType::Count},
                   "a bonus item counts occurrences (declare it as type: count)");
      if (auto per = m_reader.number(n, "per", true)) {
        if (*per <= 0) m_reader.error(n["per"], "\"per\" must be above 0");
        item.per = *per;
      }
      for (const auto& other : r.bonus)
        if (other.id == item.id)
          m_reader.error(n["id"], fmt::format("bonus item \"{}\" is declared twice", item.id));
      r.bonus.push_back(std::move(item));
    }
  }

  void load_vetoes(const YAML::Node& root, Ruleset& r) {
    const YAML::Node list = root["vetoes"];
    if (!list.IsDefined()) return;
    if (!m_reader.expect_sequence(list, "\"vetoes\"")) return;
    for (const auto& n : list) {
      if (!m_reader.expect_map(n, "a veto rule", {"id", "name", "when", "cap_total", "source"})) continue;
      Veto v;
      v.id = m_reader.string(n, "id", true).value_or("");
      v.name = m_reader.string(n, "name", true).value_or("");
      v.source = m_reader.string(n, "source", false).value_or("");
      v.cap_total = m_reader.number(n, "cap_total", false);
      if (v.cap_total && *v.cap_total < 0) {
        m_reader.error(n["cap_total"],
                       fmt::format("\"cap_total\" must be 0 or more, got {}", text::plain(*v.cap_total)));
        v.cap_total.reset();
      }
      if (!n["when"].IsDefined())
        m_reader.error(n, "missing required key \"when\" (the condition that triggers the veto)");
      else
        v.when = parse_condition(m_reader, n["when"], r.input_index, r.input_ids());
      collect_inputs(v.when, v.columns);
      for (const auto& other : r.vetoes)
        if (other.id == v.id) m_reader.error(n["id"], fmt::format("veto \"{}\" is declared twice", v.id));
      r.vetoes.push_back(std::move(v));
    }
  }

  void load_grades(const YAML::Node& root, Ruleset& r) {
    const YAML::Node list = root["grades"];
    if (!list.IsDefined()) {
      m_reader.error(root, "missing required key \"grades\" (grade bands, e.g. {name: 优秀, min: 90})");
      return;
    }
    if (!m_reader.expect_sequence(list, "\"grades\"")) return;
    for (const auto& n : list) {
      if (!m_reader.expect_map(n, "a grade", {"name", "min"})) continue;
      Grade g;
      g.name = m_reader.string(n, "name", true).value_or("");
      g.min = m_reader.number(n, "min", true).value_or(0);
      if (!r.grades.empty() && g.min >= r.grades.back().min)
        m_reader.error(n, fmt::format("grade \"{}\" (min {}) must have a lower min than the grade "
                                      "before it; list grades from the highest down",
                                      g.name, text::plain(g.min)));
      r.grades.push_back(std::move(g));
    }
    if (r.grades.empty()) {
      m_reader.error(list, "\"grades\" is empty");
      return;
    }
    if (r.grades.back().min > 0)
      m_reader.error(list, fmt::format("the lowest grade \"{}\" starts at {}, so a lower total would have no "
                                       "grade; give the lowest grade min: 0",
                                       r.grades.back().name, text::plain(r.grades.back().min)));
    r.failing_grade = r.grades.size() - 1;
    if (auto f = m_reader.string(root, "failing_grade", false)) {
      std::vector<std::string> names;
      for (const auto& g : r.grades) names.push_back(g.name);
      const auto it = std::find(names.begin(), names.end(), *f);
      if (it == names.end())
        m_reader.error(root["failing_grade"], fmt::format("\"failing_grade\" names \"{}\", which is "
                                                          "not a grade{}",
                                                          *f, text::did_you_mean(*f, names)));
      else
        r.failing_grade = static_cast<std::size_t>(it - names.begin());
    }
  }

  void load_interview(const YAML::Node& root, Ruleset& r) {
    const YAML::Node n = root["interview"];
    if (!n.IsDefined()) return;
    if (!m_reader.expect_map(n, "\"interview\"", {"bottom", "failing"})) return;
    if (auto b = m_reader.integer(n, "bottom", false)) {
      if (*b < 0) m_reader.error(n["bottom"], "\"bottom\" must not be negative");
      r.interview_bottom = std::max(0L, *b);
    }
    r.interview_failing = m_reader.boolean(n, "failing", false).value_or(true);
  }

  // The input a key names, or a diagnostic with a did-you-mean.
  std::optional<std::size_t> declared_input(const YAML::Node& key, const Ruleset& r) {
    const std::string id = key.Scalar();
    const auto in = r.input_index.find(id);
    if (in != r.input_index.end()) return in->second;
    m_reader.error(
        key, fmt::format("\"{}\" is not a declared input{}", id, text::did_you_mean(id, r.input_ids())));
    return std::nullopt;
  }

  void load_ledger(const YAML::Node& root, Ruleset& r) {
    const YAML::Node n = root["hazard_ledger"];
    if (!n.IsDefined()) return;
    if (!m_reader.expect_map(n, "\"hazard_ledger\"",
                             {"yellow_after_days", "red_after_days", "three_party", "inputs"}))
      return;
    auto& p = r.ledger;
    if (auto y = m_reader.integer(n, "yellow_after_days", false)) p.yellow_after_days = static_cast<int>(*y);
    if (auto red = m_reader.integer(n, "red_after_days", false)) p.red_after_days = static_cast<int>(*red);
    if (p.yellow_after_days < 1 || p.red_after_days < p.yellow_after_days)
      m_reader.error(n, "need 1 <= yellow_after_days <= red_after_days (days past the deadline)");
    if (n["three_party"].IsDefined() && m_reader.expect_sequence(n["three_party"], "\"three_party\"")) {
      p.three_party_major = p.three_party_general = false;
      for (const auto& level : n["three_party"]) {
        if (level.Scalar() == "major")
          p.three_party_major = true;
        else if (level.Scalar() == "general")
          p.three_party_general = true;
        else
          m_reader.error(
              level, fmt::format("unknown hazard level \"{}\"; expected major or general", level.Scalar()));
      }
    }
    const YAML::Node inputs = n["inputs"];
    if (!inputs.IsDefined()) return;
    if (!inputs.IsMap()) {
      m_reader.error(inputs, "\"inputs\" maps an input id to a ledger metric");
      return;
    }
    static const LedgerMetric k_metrics[] = {LedgerMetric::MajorRate, LedgerMetric::GeneralRate,
                                             LedgerMetric::OverdueMajor, LedgerMetric::OverdueGeneral,
                                             LedgerMetric::InvalidClosures};
    std::vector<std::string> metric_names;
    for (auto m : k_metrics) metric_names.emplace_back(to_string(m));
    for (auto it = inputs.begin(); it != inputs.end(); ++it) {
      const std::string id = it->first.Scalar();
      const auto in = declared_input(it->first, r);
      if (!in) continue;
      const std::string metric = it->second.Scalar();
      const auto* found = std::find_if(std::begin(k_metrics), std::end(k_metrics),
                                       [&](LedgerMetric m) { return to_string(m) == metric; });
      if (found == std::end(k_metrics)) {
        m_reader.error(it->second, fmt::format("unknown ledger metric \"{}\"; expected one of: {}", metric,
                                               text::join(metric_names, ", ")));
        continue;
      }
      const bool rate = *found == LedgerMetric::MajorRate || *found == LedgerMetric::GeneralRate;
      const auto type = r.inputs[*in].type;
      if (rate ? type != InputType::Percent : type != InputType::Count)
        m_reader.error(it->second,
                       fmt::format("ledger metric \"{}\" is {}, but input \"{}\" is not declared so", metric,
                                   rate ? "a percent" : "a count", id));
      p.inputs.emplace_back(*in, *found);
    }
  }

  void load_duty_compliance(const YAML::Node& root, Ruleset& r) {
    const YAML::Node n = root["duty_compliance"];
    if (!n.IsDefined() || !m_reader.expect_map(n, "\"duty_compliance\"", {"inputs"})) return;
    const YAML::Node inputs = n["inputs"];
    if (!inputs.IsDefined() || !inputs.IsMap()) {
      m_reader.error(
          inputs.IsDefined() ? inputs : n,
          "\"inputs\" maps an input id to the holders whose compliance it takes ({roles: [...]} or "
          "{tiers: [...]})");
      return;
    }
    for (auto it = inputs.begin(); it != inputs.end(); ++it) {
      const std::string id = it->first.Scalar();
      const auto in = declared_input(it->first, r);
      if (!in) continue;
      if (r.inputs[*in].type != InputType::Percent)
        m_reader.error(it->first,
                       fmt::format("input \"{}\" takes a compliance rate and must be a percent", id));
      if (!m_reader.expect_map(it->second, "a duty-compliance input", {"roles", "tiers"})) continue;
      DutyInput d;
      d.input = *in;
      d.at = m_reader.at(it->second);
      for (const char* key : {"roles", "tiers"}) {
        const YAML::Node list = it->second[key];
        if (!list.IsDefined() || !m_reader.expect_sequence(list, key)) continue;
        for (const auto& x : list)
          (std::string_view(key) == "roles" ? d.roles : d.tiers).push_back(x.Scalar());
      }
      if (d.roles.empty() && d.tiers.empty())
        m_reader.error(it->second, "name the holders: \"roles\" (duty-list role ids) or \"tiers\"");
      r.duty_inputs.push_back(std::move(d));
    }
  }

  io::YamlReader m_reader;
};

}  // namespace

Ruleset load_ruleset(const std::string& display, const std::string& text) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  Loader loader(display, text, diagnostics);
  Ruleset r = loader.load(root);
  diagnostics.throw_if_any();
  r.sha256 = hash::sha256_hex(text);
  return r;
}

namespace {
using assessment::InputFile;
}  // namespace

Ruleset load_ruleset_ref(const std::string& ref, const std::filesystem::path& dir, const Location& at,
                         std::vector<InputFile>* files) {
  constexpr std::string_view k_builtin = "builtin:";
  std::string display;
  std::string text;
  if (std::string_view(ref).starts_with(k_builtin)) {
    const std::string name = ref.substr(k_builtin.size());
    const auto found = find_builtin_assessment(name);
    if (!found) {
      const auto names = builtin_assessment_names();
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
  auto r = load_ruleset(display, text);
  if (files) files->push_back({"ruleset", display, r.sha256, std::nullopt});
  return r;
}

}  // namespace safeassess::ruleset
