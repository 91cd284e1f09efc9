// The ruleset's "targeting" section (README "Targeting rules"): the 三色 scheme, the classification
// rules and the 双随机 sampling plan.

#include <algorithm>
#include <unordered_map>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "load/condition.hpp"
#include "load/ruleset_loader.hpp"

namespace safeassess::ruleset::detail {

namespace {

const std::vector<std::string>& stratum_names() {
  static const std::vector<std::string> names{"colour", "industry", "township"};
  return names;
}

std::optional<targeting::StratumKey> parse_stratum(std::string_view s) {
  if (s == "colour" || s == "color") return targeting::StratumKey::Colour;
  if (s == "industry") return targeting::StratumKey::Industry;
  if (s == "township") return targeting::StratumKey::Township;
  return std::nullopt;
}

}  // namespace

std::optional<std::size_t> Loader::colour_ref(const YAML::Node& map, const char* key,
                                              const targeting::Targeting& t, bool required) {
  const auto v = m_reader.string(map, key, required);
  if (!v) return std::nullopt;
  if (auto c = t.find_colour(*v)) return c;
  std::vector<std::string> ids;
  for (const auto& c : t.colours) ids.push_back(c.id);
  m_reader.error(map[key], trf("unknown colour \"{}\"; the scheme's colours are {}{}", *v,
                               text::join(ids, ", "), text::did_you_mean(*v, ids)));
  return std::nullopt;
}

void Loader::load_targeting(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["targeting"];
  if (!n.IsDefined()) return;
  if (!m_reader.expect_map(n, "\"targeting\"",
                           {"colours", "classification", "sampling", "source", "verified"}))
    return;
  targeting::Targeting t;
  t.at = m_reader.at(n);
  t.source = m_reader.string(n, "source", false).value_or("");
  t.verified = m_reader.boolean(n, "verified", false).value_or(false);
  const YAML::Node colours = n["colours"];
  if (!colours.IsDefined()) {
    m_reader.error(n, _("\"targeting\" needs \"colours\": the scheme's colours, most severe first "
                        "(e.g. red 红, yellow 黄, green 绿)"));
    return;
  }
  if (!m_reader.expect_sequence(colours, "\"colours\"")) return;
  for (const auto& c : colours) {
    if (!m_reader.expect_map(c, _("a colour"),
                             {"id", "name", "inspections_per_year", "interview", "credit", "incentive"}))
      continue;
    targeting::Colour col;
    col.id = m_reader.string(c, "id", true).value_or("");
    col.name = m_reader.string(c, "name", true).value_or("");
    if (auto f = m_reader.integer(c, "inspections_per_year", false)) {
      if (*f < 0 || *f > 366)
        m_reader.error(c["inspections_per_year"], _("\"inspections_per_year\" must be from 0 to 366"));
      else
        col.inspections_per_year = *f;
    }
    col.interview = m_reader.string(c, "interview", false).value_or("");
    col.credit = m_reader.string(c, "credit", false).value_or("");
    col.incentive = m_reader.string(c, "incentive", false).value_or("");
    if (col.id.empty()) continue;
    if (t.find_colour(col.id) || t.find_colour(col.name)) {
      m_reader.error(c, trf("colour \"{}\" is declared twice", col.id));
      continue;
    }
    t.colours.push_back(std::move(col));
  }
  if (t.colours.size() < 2) {
    m_reader.error(colours, _("a scheme needs at least two colours"));
    return;
  }
  const auto ids = t.field_ids();
  std::unordered_map<std::string, std::size_t> field_index;
  for (std::size_t i = 0; i < ids.size(); ++i) field_index.emplace(ids[i], i);
  // Classification.
  const YAML::Node cl = n["classification"];
  if (!cl.IsDefined()) {
    m_reader.error(n, _("\"targeting\" needs \"classification\": its rules and the colour when none applies "
                        "(\"otherwise\")"));
  } else if (m_reader.expect_map(cl, "\"classification\"", {"method", "rules", "bands", "otherwise"})) {
    auto& c = t.classification;
    const auto method = m_reader.string(cl, "method", false).value_or("first-match");
    if (method == "points")
      c.method = targeting::Classification::Method::Points;
    else if (method != "first-match")
      m_reader.error(cl["method"],
                     trf("unknown classification method \"{}\"; expected first-match or points{}", method,
                         text::did_you_mean(method, std::vector<std::string>{"first-match", "points"})));
    const bool points = c.method == targeting::Classification::Method::Points;
    if (auto o = colour_ref(cl, "otherwise", t, true)) c.fallback = *o;
    const YAML::Node rules = cl["rules"];
    if (!rules.IsDefined())
      m_reader.error(cl, _("\"classification\" needs \"rules\""));
    else if (m_reader.expect_sequence(rules, "\"rules\""))
      for (const auto& rn : rules) {
        if (!m_reader.expect_map(rn, _("a classification rule"),
                                 {"id", "name", points ? "points" : "colour", "when", "source", "verified"}))
          continue;
        targeting::ClassRule rule;
        rule.at = m_reader.at(rn);
        rule.id = m_reader.string(rn, "id", true).value_or("");
        rule.name = m_reader.string(rn, "name", true).value_or("");
        rule.source = m_reader.string(rn, "source", false).value_or("");
        rule.verified = m_reader.boolean(rn, "verified", false).value_or(false);
        if (points) {
          if (auto p = m_reader.decimal(rn, "points", true)) rule.points = *p;
        } else if (auto col = colour_ref(rn, "colour", t, true)) {
          rule.colour = *col;
        }
        if (!rn["when"].IsDefined()) {
          m_reader.error(rn,
                         trf("rule \"{}\" needs \"when\": the condition on the enterprise's facts", rule.id));
          continue;
        }
        rule.when =
            parse_condition(m_reader, rn["when"], field_index, ids,
                            _("a fact classify knows of an enterprise (README \"safeassess classify\")"));
        ruleset::collect_inputs(rule.when, rule.fields);
        if (std::any_of(c.rules.begin(), c.rules.end(), [&](const auto& x) { return x.id == rule.id; }))
          m_reader.error(rn["id"], trf("rule \"{}\" is declared twice", rule.id));
        c.rules.push_back(std::move(rule));
      }
    const YAML::Node bands = cl["bands"];
    if (points && !bands.IsDefined())
      m_reader.error(cl, _("the points method needs \"bands\": [{colour, min}], the colour from a total of "
                           "at least min points"));
    if (!points && bands.IsDefined())
      m_reader.error(bands, _("\"bands\" belong to the points method; a first-match rule names its colour"));
    if (points && bands.IsDefined() && m_reader.expect_sequence(bands, "\"bands\""))
      for (const auto& b : bands) {
        if (!m_reader.expect_map(b, _("a band"), {"colour", "min"})) continue;
        const auto col = colour_ref(b, "colour", t, true);
        const auto min = m_reader.decimal(b, "min", true);
        if (!col || !min) continue;
        if (!c.bands.empty() && !(*min < c.bands.back().min))
          m_reader.error(b["min"], _("bands go from the highest \"min\" down, each below the one before"));
        c.bands.push_back({*col, *min});
      }
  }
  // Sampling.
  const YAML::Node sm = n["sampling"];
  if (sm.IsDefined() && m_reader.expect_map(sm, "\"sampling\"",
                                            {"strata", "allocation", "recent", "team_size",
                                             "max_per_inspector", "qualification", "avoid"})) {
    targeting::Sampling s;
    const YAML::Node strata = sm["strata"];
    if (strata.IsDefined() && m_reader.expect_sequence(strata, "\"strata\""))
      for (const auto& k : strata) {
        const std::string v = k.IsScalar() ? k.Scalar() : std::string();
        const auto key = parse_stratum(v);
        if (!key)
          m_reader.error(k, trf("unknown stratum \"{}\"; expected colour, industry or township{}", v,
                                text::did_you_mean(v, stratum_names())));
        else if (std::find(s.strata.begin(), s.strata.end(), *key) != s.strata.end())
          m_reader.error(k, trf("stratum \"{}\" is listed twice", v));
        else
          s.strata.push_back(*key);
      }
    const YAML::Node alloc = sm["allocation"];
    if (alloc.IsDefined()) s.allocation_at = m_reader.at(alloc);
    if (!alloc.IsDefined())
      m_reader.error(sm, _("\"sampling\" needs \"allocation\": [{rate: PERCENT} or {count: N}, optionally "
                           "for a stratum, e.g. {colour: red, rate: 100}]"));
    else if (m_reader.expect_sequence(alloc, "\"allocation\""))
      for (const auto& a : alloc) {
        if (!m_reader.expect_map(a, _("an allocation"), {"colour", "industry", "township", "rate", "count"}))
          continue;
        targeting::Allocation al;
        al.at = m_reader.at(a);
        for (const auto& key : stratum_names()) {
          if (!a[key].IsDefined()) continue;
          const auto k = *parse_stratum(key);
          if (std::find(s.strata.begin(), s.strata.end(), k) == s.strata.end()) {
            m_reader.error(a[key], trf("\"{}\" is not one of \"strata\"; add it there or drop it here", key));
            continue;
          }
          if (k == targeting::StratumKey::Colour) {
            if (auto col = colour_ref(a, "colour", t, true)) al.match.emplace_back(k, t.colours[*col].id);
          } else if (auto v = m_reader.string(a, key.c_str(), true)) {
            al.match.emplace_back(k, *v);
          }
        }
        al.rate = m_reader.decimal(a, "rate", false);
        al.count = m_reader.integer(a, "count", false);
        if (al.rate.has_value() == al.count.has_value())
          m_reader.error(a, _("an allocation gives either \"rate\" (percent of the stratum) or \"count\""));
        else if (al.rate && (*al.rate < Decimal{} || *al.rate > Decimal::of(100)))
          m_reader.error(a["rate"], _("\"rate\" is a percent from 0 to 100"));
        else if (al.count && *al.count < 0)
          m_reader.error(a["count"], _("\"count\" cannot be negative"));
        s.allocation.push_back(std::move(al));
      }
    const YAML::Node recent = sm["recent"];
    if (recent.IsDefined() &&
        m_reader.expect_map(recent, "\"recent\"", {"months", "mode", "weight", "colours"})) {
      if (auto m = m_reader.integer(recent, "months", true)) {
        if (*m < 1 || *m > 120)
          m_reader.error(recent["months"], _("\"months\" must be from 1 to 120"));
        else
          s.recent_months = *m;
      }
      const auto mode = m_reader.string(recent, "mode", false).value_or("exclude");
      if (mode == "weight") {
        s.recent_exclude = false;
        if (auto w = m_reader.integer(recent, "weight", true)) {
          if (*w < 1 || *w > 99)
            m_reader.error(recent["weight"], _("\"weight\" is a percent of a normal weight, from 1 to 99"));
          else
            s.recent_weight = *w;
        }
      } else if (mode != "exclude") {
        m_reader.error(recent["mode"],
                       trf("unknown mode \"{}\"; expected exclude or weight{}", mode,
                           text::did_you_mean(mode, std::vector<std::string>{"exclude", "weight"})));
      } else if (recent["weight"].IsDefined()) {
        m_reader.error(recent["weight"], _("\"weight\" goes with mode: weight"));
      }
      std::vector<std::string> colour_ids;
      for (const auto& col : t.colours) colour_ids.push_back(col.id);
      const YAML::Node cols = recent["colours"];
      if (cols.IsDefined() && m_reader.expect_sequence(cols, "\"colours\""))
        for (const auto& c : cols) {
          const std::string v = c.IsScalar() ? c.Scalar() : std::string();
          if (auto col = t.find_colour(v))
            s.recent_colours.push_back(*col);
          else
            m_reader.error(c, trf("unknown colour \"{}\"{}", v, text::did_you_mean(v, colour_ids)));
        }
    }
    if (auto ts = m_reader.integer(sm, "team_size", false)) {
      if (*ts < 2 || *ts > 20)
        m_reader.error(sm["team_size"],
                       _("\"team_size\" must be from 2 to 20: an inspection needs at least two "
                         "inspectors"));
      else
        s.team_size = *ts;
    }
    if (auto mx = m_reader.integer(sm, "max_per_inspector", false)) {
      if (*mx < 1)
        m_reader.error(sm["max_per_inspector"], _("\"max_per_inspector\" must be at least 1"));
      else
        s.max_per_inspector = *mx;
    }
    s.qualification = m_reader.boolean(sm, "qualification", false).value_or(true);
    const YAML::Node avoid = sm["avoid"];
    if (avoid.IsDefined() && m_reader.expect_map(avoid, "\"avoid\"", {"last_inspection", "own_township"})) {
      s.avoid_last = m_reader.boolean(avoid, "last_inspection", false).value_or(true);
      s.avoid_own_township = m_reader.boolean(avoid, "own_township", false).value_or(false);
    }
    t.sampling = std::move(s);
  }
  r.targeting = std::move(t);
}

}  // namespace safeassess::ruleset::detail
