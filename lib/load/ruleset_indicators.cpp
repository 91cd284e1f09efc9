#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/i18n.hpp"
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
  add(ind.floor.input);
  add(ind.target.input);
  add(ind.ceiling.input);
  if (ind.method == Method::Steps) add(ind.steps.threshold.input);
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
    m_reader.error(root, _("missing required key \"categories\""));
    return;
  }
  if (!m_reader.expect_sequence(list, "\"categories\"")) return;
  Decimal weight_sum;
  std::vector<std::string> category_ids;
  std::vector<std::string> indicator_ids;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a category"), {"id", "name", "weight", "indicators"})) continue;
    Category c;
    c.id = m_reader.string(n, "id", true).value_or("");
    c.name = m_reader.string(n, "name", true).value_or("");
    if (auto w = at_precision(n, "weight", r, "weight", true)) {
      if (*w <= Decimal{}) m_reader.error(n["weight"], _("a category weight must be above 0"));
      c.weight = *w;
    }
    weight_sum += c.weight;
    if (std::find(category_ids.begin(), category_ids.end(), c.id) != category_ids.end())
      m_reader.error(n["id"], trf("category \"{}\" is declared twice", c.id));
    category_ids.push_back(c.id);
    const std::size_t category_index = r.categories.size();
    const YAML::Node inds = n["indicators"];
    Decimal points_sum;
    if (!inds.IsDefined()) {
      m_reader.error(n, trf("category \"{}\" has no \"indicators\"", c.id));
    } else if (m_reader.expect_sequence(inds, "\"indicators\"")) {
      for (const auto& in : inds) {
        Indicator ind = load_indicator(in, r);
        ind.category = category_index;
        points_sum += ind.points;
        if (ind.id.empty()) continue;
        ind.columns = compute_columns(ind);
        if (std::find(indicator_ids.begin(), indicator_ids.end(), ind.id) != indicator_ids.end()) {
          m_reader.error(in["id"], trf("indicator \"{}\" is declared twice", ind.id));
          continue;
        }
        indicator_ids.push_back(ind.id);
        c.indicators.push_back(r.indicators.size());
        r.indicators.push_back(std::move(ind));
      }
      if (points_sum != c.weight)
        m_reader.error(n, trf("the points of category \"{}\" add up to {}, but its "
                              "weight is {}; adjust the indicators' points",
                              c.id, points_sum.str(), c.weight.str()));
    }
    r.categories.push_back(std::move(c));
  }
  if (weight_sum != Decimal::of(100))
    m_reader.error(list,
                   trf("category weights add up to {}, expected 100; adjust the weights", weight_sum.str()));
}

Indicator Loader::load_indicator(const YAML::Node& n, const Ruleset& r) {
  Indicator ind;
  if (!m_reader.expect_map(
          n, _("an indicator"),
          {"id",     "name",    "method", "points", "input",   "current",   "previous", "floor",
           "target", "ceiling", "events", "bands",  "scale",   "trim_from", "source",   "verified",
           "below",  "above",   "step",   "per",    "partial", "tiers"}))
    return ind;
  ind.id = m_reader.string(n, "id", true).value_or("");
  ind.name = m_reader.string(n, "name", true).value_or("");
  ind.source = m_reader.string(n, "source", false).value_or("");
  ind.verified = m_reader.boolean(n, "verified", false).value_or(true);
  if (auto p = at_precision(n, "points", r, "points", true)) {
    if (*p <= Decimal{}) m_reader.error(n["points"], _("\"points\" must be above 0"));
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
                   trf("unknown method \"{}\"{}", *method_name,
                       hint.empty() ? trf("; expected one of: {}", text::join(names, ", ")) : hint));
    return ind;
  }
  ind.method = found->method;
  // Keys that belong to other methods are reported, so a half-edited indicator does not
  // silently ignore a threshold.
  auto forbid = [&](std::initializer_list<const char*> keys) {
    for (const char* k : keys)
      if (n[k].IsDefined())
        m_reader.error(
            n[k], trf("\"{}\" does not apply to method \"{}\" (it reads: {})", k, found->name, found->keys));
  };
  switch (ind.method) {
    case Method::Target:
    case Method::TargetLower: {
      const bool lower = ind.method == Method::TargetLower;
      forbid({"current", "previous", "events", "bands", "scale", "trim_from", lower ? "floor" : "ceiling",
              "below", "above", "step", "per", "partial", "tiers"});
      ind.value = input_ref(n, "input", r, true);
      require_type(n, "input", ind.value, r, {InputType::Number, InputType::Count, InputType::Percent},
                   _("this method needs a numeric input"));
      const auto bound = param(n, lower ? "ceiling" : "floor", r, true);
      const auto target = param(n, "target", r, true);
      if (bound && target) {
        (lower ? ind.ceiling : ind.floor) = *bound;
        ind.target = *target;
        // Per-unit figures are checked unit by unit when scored.
        if (!bound->per_unit() && !target->per_unit()) {
          if (!lower && !(target->value > bound->value))
            m_reader.error(n["target"], trf("\"target\" ({}) must be above \"floor\" ({})",
                                            target->value.str(), bound->value.str()));
          if (lower && !(target->value < bound->value))
            m_reader.error(n["target"], trf("\"target\" ({}) must be below \"ceiling\" ({})",
                                            target->value.str(), bound->value.str()));
        }
      }
      break;
    }
    case Method::DeclineRate:
    case Method::Growth: {
      forbid({"input", "ceiling", "events", "bands", "scale", "trim_from", "below", "above", "step", "per",
              "partial", "tiers"});
      ind.current = input_ref(n, "current", r, true);
      ind.previous = input_ref(n, "previous", r, true);
      for (auto [key, idx] : {std::pair{"current", ind.current}, std::pair{"previous", ind.previous}})
        require_type(n, key, idx, r, {InputType::Number, InputType::Count, InputType::Percent},
                     _("this method needs a numeric input"));
      const auto floor = m_reader.decimal(n, "floor", true);
      const auto target = m_reader.decimal(n, "target", true);
      if (floor && target) {
        ind.floor.value = *floor;
        ind.target.value = *target;
        if (!(*target > *floor))
          m_reader.error(n["target"], trf("\"target\" ({}) must be above \"floor\" ({}); "
                                          "both are rates, e.g. 0.15 for 15%",
                                          target->str(), floor->str()));
      }
      break;
    }
    case Method::Deduction: {
      forbid({"input", "current", "previous", "floor", "target", "ceiling", "bands", "scale", "trim_from",
              "below", "above", "step", "per", "partial", "tiers"});
      const YAML::Node events = n["events"];
      if (!events.IsDefined()) {
        m_reader.error(n, _("method \"deduction\" needs \"events\": a list of {input, per}"));
      } else if (m_reader.expect_sequence(events, "\"events\"")) {
        for (const auto& e : events) {
          if (!m_reader.expect_map(e, _("a deduction event"), {"input", "per", "doubling"})) continue;
          DeductionEvent ev;
          ev.input = input_ref(e, "input", r, true);
          require_type(e, "input", ev.input, r, {InputType::Count},
                       _("deduction events count occurrences (declare it as type: count)"));
          // IsSequence() on a missing key throws in yaml-cpp: ask IsDefined() first.
          const YAML::Node per_node = e["per"];
          if (per_node.IsDefined() && per_node.IsSequence()) {
            // Escalating: the k-th event deducts the k-th amount, later ones the last.
            for (const auto& a : per_node)
              if (auto v = m_reader.decimal_value(a, _("an amount of \"per\""))) {
                if (*v <= Decimal{}) m_reader.error(a, _("each amount of \"per\" must be above 0"));
                ev.schedule.push_back(*v);
              }
            if (per_node.size() == 0) m_reader.error(per_node, _("\"per\" is empty"));
            if (!ev.schedule.empty()) ev.per_event = ev.schedule.front();
          } else if (auto per = m_reader.decimal(e, "per", true)) {
            if (*per <= Decimal{})
              m_reader.error(e["per"], _("\"per\" must be above 0 (points deducted per event)"));
            ev.per_event = *per;
          }
          ev.doubling = m_reader.boolean(e, "doubling", false).value_or(false);
          if (ev.doubling && !ev.schedule.empty())
            m_reader.error(e["doubling"],
                           _("an event either doubles or lists its amounts in \"per\", not both"));
          ind.events.push_back(ev);
        }
        if (events.size() == 0) m_reader.error(events, _("\"events\" is empty"));
      }
      break;
    }
    case Method::Bands: {
      forbid({"current", "previous", "floor", "target", "ceiling", "events", "scale", "trim_from", "below",
              "above", "step", "per", "partial", "tiers"});
      ind.value = input_ref(n, "input", r, true);
      const YAML::Node bands = n["bands"];
      if (!bands.IsDefined()) {
        m_reader.error(n, _("method \"bands\" needs \"bands\": a list of {min, fraction}"));
      } else if (m_reader.expect_sequence(bands, "\"bands\"")) {
        std::optional<Decimal> prev_min;
        for (const auto& b : bands) {
          if (!m_reader.expect_map(b, _("a band"), {"min", "when", "fraction"})) continue;
          Band band;
          band.min = m_reader.decimal(b, "min", false);
          if (b["when"].IsDefined())
            band.when = parse_condition(m_reader, b["when"], r.input_index, r.input_ids());
          if (band.min.has_value() == band.when.has_value())
            m_reader.error(b, _("a band needs exactly one of \"min\" or \"when\""));
          if (auto f = m_reader.decimal(b, "fraction", true)) {
            if (*f < Decimal{} || *f > Decimal::of(1))
              m_reader.error(b["fraction"], _("\"fraction\" must be between 0 and 1"));
            band.fraction = *f;
          }
          if (band.min && prev_min && *band.min >= *prev_min)
            m_reader.error(b["min"], trf("band min {} is not below the band before it ({}); "
                                         "list bands from the highest min down",
                                         band.min->str(), prev_min->str()));
          if (band.min) prev_min = band.min;
          ind.bands.push_back(std::move(band));
        }
      }
      break;
    }
    case Method::Steps:
      forbid({"current", "previous", "floor", "target", "ceiling", "events", "bands", "scale", "trim_from",
              "tiers"});
      load_steps(n, r, ind);
      break;
    case Method::Tiers:
      forbid({"current", "previous", "floor", "target", "ceiling", "events", "bands", "scale", "trim_from",
              "below", "above", "step", "per", "partial"});
      load_tiers(n, r, ind);
      break;
    case Method::Rating: {
      forbid({"input", "current", "previous", "floor", "target", "ceiling", "events", "bands", "below",
              "above", "step", "per", "partial", "tiers"});
      load_scale(n, ind);
      break;
    }
    case Method::Boolean: {
      forbid({"current", "previous", "floor", "target", "ceiling", "events", "bands", "scale", "trim_from",
              "below", "above", "step", "per", "partial", "tiers"});
      ind.value = input_ref(n, "input", r, true);
      require_type(n, "input", ind.value, r, {InputType::Boolean},
                   _("method \"boolean\" needs a yes/no input (declare it as type: boolean)"));
      break;
    }
  }
  return ind;
}

void Loader::load_scale(const YAML::Node& n, Indicator& ind) {
  if (auto t = m_reader.integer(n, "trim_from", false)) {
    if (*t < 3)
      m_reader.error(n["trim_from"], _("\"trim_from\" must be at least 3 (dropping the highest and "
                                       "lowest of fewer raters leaves nothing)"));
    else
      ind.scale.trim_from = *t;
  }
  const YAML::Node s = n["scale"];
  if (!s.IsDefined()) {
    m_reader.error(n, _("method \"rating\" needs \"scale\": {min, max} or {grades: {label: fraction}}"));
    return;
  }
  if (!m_reader.expect_map(s, "\"scale\"", {"min", "max", "grades"})) return;
  if (s["grades"].IsDefined()) {
    ind.scale.numeric = false;
    if (s["min"].IsDefined() || s["max"].IsDefined())
      m_reader.error(s, _("a scale has either \"min\"/\"max\" or \"grades\", not both"));
    const YAML::Node g = s["grades"];
    if (!g.IsMap()) {
      m_reader.error(g, _("\"grades\" must map each label to a fraction, e.g. {优: 1, 良: 0.8}"));
      return;
    }
    for (auto it = g.begin(); it != g.end(); ++it) {
      const YAML::Node label = it->first;
      const YAML::Node value = it->second;
      auto f = m_reader.decimal_value(value, trf("grade \"{}\"", label.Scalar()));
      if (f && (*f < Decimal{} || *f > Decimal::of(1)))
        m_reader.error(value, _("a grade's fraction must be between 0 and 1"));
      ind.scale.grades.emplace_back(label.Scalar(), f.value_or(Decimal{}));
    }
    if (ind.scale.grades.empty()) m_reader.error(g, _("\"grades\" is empty"));
    return;
  }
  auto lo = m_reader.decimal(s, "min", true);
  auto hi = m_reader.decimal(s, "max", true);
  if (lo && hi) {
    if (!(*hi > *lo)) m_reader.error(s, _("scale \"max\" must be above \"min\""));
    ind.scale.min = *lo;
    ind.scale.max = *hi;
  }
}

std::optional<Param> Loader::param(const YAML::Node& map, const char* key, const Ruleset& r, bool required) {
  const YAML::Node v = map[key];
  if (!v.IsDefined() || v.IsNull()) {
    if (required) m_reader.error(map, trf("missing required key \"{}\"", key));
    return std::nullopt;
  }
  if (v.IsScalar()) {
    if (auto d = num::Decimal::parse(v.Scalar())) return Param{*d, k_none};
    // Not a number: the id of an input holding each unit's own figure.
    const auto it = r.input_index.find(v.Scalar());
    if (it != r.input_index.end()) {
      if (r.inputs[it->second].type == InputType::Boolean) {
        m_reader.error(v, trf("input \"{}\" is a yes/no value, but \"{}\" needs a number", v.Scalar(), key));
        return std::nullopt;
      }
      return Param{Decimal{}, it->second};
    }
    m_reader.error(v, trf("\"{}\" must be a number or the id of a declared input (a per-unit figure), "
                          "got \"{}\"{}",
                          key, v.Scalar(), text::did_you_mean(v.Scalar(), r.input_ids())));
    return std::nullopt;
  }
  auto d = m_reader.decimal(map, key, required);  // reports the node's kind
  if (!d) return std::nullopt;
  return Param{*d, k_none};
}

void Loader::load_steps(const YAML::Node& n, const Ruleset& r, Indicator& ind) {
  ind.value = input_ref(n, "input", r, true);
  require_type(n, "input", ind.value, r, {InputType::Number, InputType::Count, InputType::Percent},
               _("method \"steps\" needs a numeric input"));
  const bool below = n["below"].IsDefined();
  const bool above = n["above"].IsDefined();
  if (below == above) {
    m_reader.error(n, _("method \"steps\" needs exactly one of \"below\" (每低于 the threshold) or \"above\" "
                        "(每超过 it): the threshold, a number or a per-unit input"));
    return;
  }
  ind.steps.below = below;
  if (auto t = param(n, below ? "below" : "above", r, true)) ind.steps.threshold = *t;
  if (auto st = m_reader.decimal(n, "step", false)) {
    if (*st <= Decimal{})
      m_reader.error(n["step"], _("\"step\" must be above 0 (1 for each percentage point)"));
    ind.steps.step = *st;
  }
  if (auto per = m_reader.decimal(n, "per", true)) {
    if (*per <= Decimal{}) m_reader.error(n["per"], _("\"per\" must be above 0 (points deducted per step)"));
    ind.steps.per = *per;
  }
  if (auto p = m_reader.string(n, "partial", false)) {
    if (*p == "none")
      ind.steps.partial = Partial::None;
    else if (*p == "up")
      ind.steps.partial = Partial::Up;
    else if (*p == "proportional")
      ind.steps.partial = Partial::Proportional;
    else
      m_reader.error(n["partial"],
                     trf("unknown \"partial\" \"{}\"; expected none (a part of a step deducts nothing), "
                         "up (it deducts a whole step) or proportional (its share){}",
                         *p, text::did_you_mean(*p, std::vector<std::string>{"none", "up", "proportional"})));
  }
}

void Loader::load_tiers(const YAML::Node& n, const Ruleset& r, Indicator& ind) {
  ind.value = input_ref(n, "input", r, true);
  require_type(n, "input", ind.value, r, {InputType::Number, InputType::Count, InputType::Percent},
               _("method \"tiers\" needs a numeric input"));
  const YAML::Node tiers = n["tiers"];
  if (!tiers.IsDefined()) {
    m_reader.error(n, _("method \"tiers\" needs \"tiers\": a list of {from, to | below, deduct}"));
    return;
  }
  if (!m_reader.expect_sequence(tiers, "\"tiers\"")) return;
  const bool count = ind.value != k_none && r.inputs[ind.value].type == InputType::Count;
  for (const auto& t : tiers) {
    if (!m_reader.expect_map(t, _("a tier"), {"from", "to", "below", "deduct"})) continue;
    Tier tier;
    tier.at = m_reader.at(t);
    tier.from = m_reader.decimal(t, "from", true).value_or(Decimal{});
    tier.to = m_reader.decimal(t, "to", false);
    tier.below = m_reader.decimal(t, "below", false);
    if (tier.to && tier.below)
      m_reader.error(t, _("a tier ends either at \"to\" (inclusive) or \"below\" (exclusive)"));
    if (tier.to && !count)
      m_reader.error(t["to"],
                     _("\"to\" (inclusive) is for counts; a tier of other values ends \"below\" a number, "
                       "so that the next tier starts exactly there"));
    if (tier.to && *tier.to < tier.from)
      m_reader.error(t["to"], trf("tier ends at {} before it starts at {}", tier.to->str(), tier.from.str()));
    if (tier.below && *tier.below <= tier.from)
      m_reader.error(t["below"],
                     trf("tier ends below {}, not above its start {}", tier.below->str(), tier.from.str()));
    if (auto d = m_reader.decimal(t, "deduct", true)) {
      if (*d < Decimal{})
        m_reader.error(t["deduct"], _("\"deduct\" must be 0 or more (points lost in this tier)"));
      tier.deduct = *d;
    }
    if (!ind.tiers.empty()) {
      // Each tier starts exactly where the one before ends: no gap, no overlap.
      const Tier& prev = ind.tiers.back();
      const std::optional<Decimal> next = prev.below ? prev.below
                                          : prev.to  ? std::optional<Decimal>(*prev.to + Decimal::of(1))
                                                     : std::nullopt;
      if (!next)
        m_reader.error(t, trf("the tier before this one has no end (no \"to\" or \"below\"), so this one "
                              "can never apply; give it an end or remove this tier"));
      else if (tier.from < *next)
        m_reader.error(t["from"],
                       trf("tiers overlap: this tier starts at {}, but the one before covers up "
                           "to {}; start it at {}",
                           tier.from.str(), prev.below ? trf("below {}", prev.below->str()) : prev.to->str(),
                           next->str()));
      else if (tier.from > *next)
        m_reader.error(t["from"],
                       trf("tiers leave a gap: the one before ends {}, this one starts at {}; "
                           "start it at {}",
                           prev.below ? trf("below {}", prev.below->str()) : trf("at {}", prev.to->str()),
                           tier.from.str(), next->str()));
    }
    ind.tiers.push_back(tier);
  }
  if (tiers.size() == 0) m_reader.error(tiers, _("\"tiers\" is empty"));
  if (!ind.tiers.empty() && (ind.tiers.back().to || ind.tiers.back().below))
    m_reader.error(tiers, trf("the last tier ends at {}: a value above it would have no tier; leave the "
                              "last tier open (no \"to\" or \"below\")",
                              ind.tiers.back().to ? ind.tiers.back().to->str()
                                                  : trf("below {}", ind.tiers.back().below->str())));
}

}  // namespace safeassess::ruleset::detail
