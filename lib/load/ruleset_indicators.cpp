#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/text.hpp"
#include "load/condition.hpp"
#include "load/ruleset_loader.hpp"

// Categories and their indicators: weights that add up, each scoring method's parameters.

namespace safeassess::ruleset::detail {

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

}  // namespace

void Loader::load_categories(const YAML::Node& root, Ruleset& r) {
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
    m_reader.error(list, fmt::format("category weights add up to {}, expected 100", text::plain(weight_sum)));
}

Indicator Loader::load_indicator(const YAML::Node& n, const Ruleset& r) {
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
          if (!m_reader.expect_map(e, "a deduction event", {"input", "per", "doubling"})) continue;
          DeductionEvent ev;
          ev.input = input_ref(e, "input", r, true);
          require_type(e, "input", ev.input, r, {InputType::Count},
                       "deduction events count occurrences (declare it as type: count)");
          if (auto per = m_reader.number(e, "per", true)) {
            if (*per <= 0) m_reader.error(e["per"], "\"per\" must be above 0 (points deducted per event)");
            ev.per_event = *per;
          }
          ev.doubling = m_reader.boolean(e, "doubling", false).value_or(false);
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
      forbid({"current", "previous", "floor", "target", "ceiling", "events", "bands", "scale", "trim_from"});
      ind.value = input_ref(n, "input", r, true);
      require_type(n, "input", ind.value, r, {InputType::Boolean},
                   "method \"boolean\" needs a yes/no input (declare it as type: boolean)");
      break;
    }
  }
  return ind;
}

void Loader::load_scale(const YAML::Node& n, Indicator& ind) {
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

}  // namespace safeassess::ruleset::detail
