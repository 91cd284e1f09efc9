#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "load/condition.hpp"
#include "load/ruleset_loader.hpp"

// What a total leads to (bonus, vetoes, grades, the interview list), and the inputs that
// the hazard ledger and duty records feed.

namespace safeassess::ruleset::detail {

void Loader::load_bonus(const YAML::Node& root, Ruleset& r) {
  const YAML::Node b = root["bonus"];
  if (!b.IsDefined()) return;
  if (!m_reader.expect_map(b, "\"bonus\"", {"cap", "items", "verified"})) return;
  r.bonus_cap_verified = m_reader.boolean(b, "verified", false).value_or(true);
  if (auto cap = at_precision(b, "cap", r, _("the bonus cap"), true)) {
    if (*cap < Decimal{}) m_reader.error(b["cap"], _("the bonus cap must not be negative"));
    r.bonus_cap = *cap;
  }
  const YAML::Node items = b["items"];
  if (!items.IsDefined()) {
    m_reader.error(b, _("missing required key \"items\""));
    return;
  }
  if (!m_reader.expect_sequence(items, "bonus \"items\"")) return;
  for (const auto& n : items) {
    if (!m_reader.expect_map(n, _("a bonus item"), {"id", "name", "input", "per", "source"})) continue;
    BonusItem item;
    item.id = m_reader.string(n, "id", true).value_or("");
    item.name = m_reader.string(n, "name", true).value_or("");
    item.source = m_reader.string(n, "source", false).value_or("");
    item.input = input_ref(n, "input", r, true);
    require_type(n, "input", item.input, r, {InputType::Count},
                 _("a bonus item counts occurrences (declare it as type: count)"));
    if (auto per = m_reader.decimal(n, "per", true)) {
      if (*per <= Decimal{}) m_reader.error(n["per"], _("\"per\" must be above 0"));
      item.per = *per;
    }
    for (const auto& other : r.bonus)
      if (other.id == item.id) m_reader.error(n["id"], trf("bonus item \"{}\" is declared twice", item.id));
    r.bonus.push_back(std::move(item));
  }
}

void Loader::load_vetoes(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["vetoes"];
  if (!list.IsDefined()) return;
  if (!m_reader.expect_sequence(list, "\"vetoes\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a veto rule"), {"id", "name", "when", "cap_total", "source", "verified"}))
      continue;
    Veto v;
    v.id = m_reader.string(n, "id", true).value_or("");
    v.name = m_reader.string(n, "name", true).value_or("");
    v.source = m_reader.string(n, "source", false).value_or("");
    v.verified = m_reader.boolean(n, "verified", false).value_or(true);
    v.cap_total = at_precision(n, "cap_total", r, "\"cap_total\"", false);
    if (v.cap_total && *v.cap_total < Decimal{}) {
      m_reader.error(n["cap_total"], trf("\"cap_total\" must be 0 or more, got {}", v.cap_total->str()));
      v.cap_total.reset();
    }
    if (!n["when"].IsDefined())
      m_reader.error(n, _("missing required key \"when\" (the condition that triggers the veto)"));
    else
      v.when = parse_condition(m_reader, n["when"], r.input_index, r.input_ids());
    collect_inputs(v.when, v.columns);
    for (const auto& other : r.vetoes)
      if (other.id == v.id) m_reader.error(n["id"], trf("veto \"{}\" is declared twice", v.id));
    r.vetoes.push_back(std::move(v));
  }
}

void Loader::load_grades(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["grades"];
  if (!list.IsDefined()) {
    m_reader.error(root, _("missing required key \"grades\" (grade bands, e.g. {name: 优秀, min: 90})"));
    return;
  }
  if (!m_reader.expect_sequence(list, "\"grades\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a grade"), {"name", "min"})) continue;
    Grade g;
    g.name = m_reader.string(n, "name", true).value_or("");
    g.min = at_precision(n, "min", r, _("the grade's min"), true).value_or(Decimal{});
    if (!r.grades.empty() && g.min >= r.grades.back().min)
      m_reader.error(n, trf("grade \"{}\" (min {}) must have a lower min than the grade "
                            "before it; list grades from the highest down",
                            g.name, g.min.str()));
    r.grades.push_back(std::move(g));
  }
  if (r.grades.empty()) {
    m_reader.error(list, _("\"grades\" is empty"));
    return;
  }
  if (r.grades.back().min > Decimal{})
    m_reader.error(list, trf("the lowest grade \"{}\" starts at {}, so a lower total would have no "
                             "grade; give the lowest grade min: 0",
                             r.grades.back().name, r.grades.back().min.str()));
  r.failing_grade = r.grades.size() - 1;
  if (auto f = m_reader.string(root, "failing_grade", false)) {
    std::vector<std::string> names;
    for (const auto& g : r.grades) names.push_back(g.name);
    const auto it = std::find(names.begin(), names.end(), *f);
    if (it == names.end())
      m_reader.error(root["failing_grade"], trf("\"failing_grade\" names \"{}\", which is "
                                                "not a grade{}",
                                                *f, text::did_you_mean(*f, names)));
    else
      r.failing_grade = static_cast<std::size_t>(it - names.begin());
  }
}

void Loader::load_adjustments(const YAML::Node& root, Ruleset& r) {
  if (root["total_cap"].IsDefined()) {
    r.total_cap = at_precision(root, "total_cap", r, "\"total_cap\"", true);
    if (r.total_cap && *r.total_cap < Decimal{})
      m_reader.error(root["total_cap"], _("\"total_cap\" must be 0 or more"));
  }
  const YAML::Node list = root["adjustments"];
  if (!list.IsDefined()) return;
  if (!m_reader.expect_sequence(list, "\"adjustments\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("an adjustment"),
                             {"id", "name", "input", "per", "cap", "source", "verified"}))
      continue;
    Adjustment a;
    a.id = m_reader.string(n, "id", true).value_or("");
    a.name = m_reader.string(n, "name", true).value_or("");
    a.source = m_reader.string(n, "source", false).value_or("");
    a.verified = m_reader.boolean(n, "verified", false).value_or(true);
    a.input = input_ref(n, "input", r, true);
    require_type(n, "input", a.input, r, {InputType::Count},
                 _("an adjustment counts occurrences (declare it as type: count)"));
    if (auto per = m_reader.decimal(n, "per", true)) {
      if (*per <= Decimal{})
        m_reader.error(n["per"], _("\"per\" must be above 0 (points off the total per count)"));
      a.per = *per;
    }
    a.cap = at_precision(n, "cap", r, _("the adjustment's cap"), false);
    if (a.cap && *a.cap <= Decimal{})
      m_reader.error(n["cap"],
                     trf("the adjustment's \"cap\" must be above 0 (the most it takes off the total), "
                         "got {}",
                         a.cap->str()));
    for (const auto& other : r.adjustments)
      if (other.id == a.id) m_reader.error(n["id"], trf("adjustment \"{}\" is declared twice", a.id));
    if (a.input != k_none) r.adjustments.push_back(std::move(a));
  }
}

std::size_t Loader::grade_ref(const YAML::Node& map, const char* key, const Ruleset& r, bool required) {
  auto name = m_reader.string(map, key, required);
  if (!name) return k_none;
  std::vector<std::string> names;
  for (const auto& g : r.grades) names.push_back(g.name);
  const auto it = std::find(names.begin(), names.end(), *name);
  if (it == names.end()) {
    m_reader.error(map[key], trf("\"{}\" names \"{}\", which is not a grade{}", key, *name,
                                 names.empty() ? std::string() : text::did_you_mean(*name, names)));
    return k_none;
  }
  return static_cast<std::size_t>(it - names.begin());
}

void Loader::load_grade_caps(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["grade_caps"];
  if (!list.IsDefined()) return;
  if (!m_reader.expect_sequence(list, "\"grade_caps\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a grade cap"),
                             {"id", "name", "when", "lower_by", "at_most", "source", "verified"}))
      continue;
    GradeCap g;
    g.id = m_reader.string(n, "id", true).value_or("");
    g.name = m_reader.string(n, "name", true).value_or("");
    g.source = m_reader.string(n, "source", false).value_or("");
    g.verified = m_reader.boolean(n, "verified", false).value_or(true);
    if (auto l = m_reader.integer(n, "lower_by", false)) {
      if (*l < 1) m_reader.error(n["lower_by"], _("\"lower_by\" must be 1 or more (grades to go down)"));
      g.lower_by = std::max(0L, *l);
    }
    g.at_most = grade_ref(n, "at_most", r, false);
    if (g.at_most == 0 && !r.grades.empty())
      m_reader.error(n["at_most"],
                     trf("\"at_most: {}\" names the best grade, so it caps nothing; name the best "
                         "grade the unit may still get (不得评为优秀: at_most 良好)",
                         r.grades.front().name));
    if (g.lower_by == 0 && g.at_most == k_none && !n["at_most"].IsDefined())
      m_reader.error(n, _("a grade cap needs \"lower_by\" (降N等) or \"at_most\" (the best grade allowed)"));
    if (!n["when"].IsDefined())
      m_reader.error(n, _("missing required key \"when\" (the condition that lowers the grade)"));
    else
      g.when = parse_condition(m_reader, n["when"], r.input_index, r.input_ids());
    collect_inputs(g.when, g.columns);
    for (const auto& other : r.grade_caps)
      if (other.id == g.id) m_reader.error(n["id"], trf("grade cap \"{}\" is declared twice", g.id));
    r.grade_caps.push_back(std::move(g));
  }
}

void Loader::load_quotas(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["quotas"];
  if (!list.IsDefined()) return;
  if (!m_reader.expect_sequence(list, "\"quotas\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a quota"), {"grade", "percent", "count", "ties", "source"})) continue;
    Quota q;
    q.at = m_reader.at(n);
    q.source = m_reader.string(n, "source", false).value_or("");
    const std::size_t g = grade_ref(n, "grade", r, true);
    if (g == k_none) continue;
    q.grade = g;
    if (g + 1 >= r.grades.size())
      m_reader.error(n["grade"], trf("\"{}\" is the lowest grade: a unit past its quota would have no grade "
                                     "to move to; put quotas on higher grades",
                                     r.grades[g].name));
    q.percent = m_reader.decimal(n, "percent", false);
    q.count = m_reader.integer(n, "count", false);
    if (q.percent.has_value() == q.count.has_value())
      m_reader.error(n, _("a quota needs exactly one of \"percent\" (of the group's units) or \"count\""));
    if (q.percent && (*q.percent <= Decimal{} || *q.percent > Decimal::of(100)))
      m_reader.error(n["percent"],
                     trf("\"percent\" must be above 0 and at most 100, got {}", q.percent->str()));
    if (q.count && *q.count < 0) m_reader.error(n["count"], _("\"count\" must be 0 or more"));
    if (q.count && *q.count == 0)
      m_reader.error(n["count"], trf("a quota of 0 makes \"{}\" unreachable; remove the grade or the quota",
                                     r.grades[g].name));
    if (auto t = m_reader.string(n, "ties", false)) {
      if (*t == "demote")
        q.demote_ties = true;
      else if (*t == "keep")
        q.demote_ties = false;
      else
        m_reader.error(n["ties"], trf("unknown \"ties\" \"{}\"; expected demote (units tied across the "
                                      "quota's edge all move down, so the quota is never exceeded) or keep "
                                      "(they all keep the grade)",
                                      *t));
    }
    for (const auto& other : r.quotas)
      if (other.grade == q.grade)
        m_reader.error(n["grade"], trf("grade \"{}\" has two quotas", r.grades[q.grade].name));
    r.quotas.push_back(std::move(q));
  }
  std::sort(r.quotas.begin(), r.quotas.end(),
            [](const Quota& a, const Quota& b) { return a.grade < b.grade; });
}

void Loader::load_grouping(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["grouping"];
  if (n.IsDefined() && m_reader.expect_map(n, "\"grouping\"", {"column", "groups", "interview_bottom"})) {
    r.grouping.at = m_reader.at(n);
    r.grouping.column = m_reader.string(n, "column", true).value_or("");
    if (n["groups"].IsDefined() && m_reader.expect_sequence(n["groups"], "\"groups\"")) {
      for (const auto& g : n["groups"]) {
        const std::string name = g.IsScalar() ? g.Scalar() : std::string();
        if (name.empty()) {
          m_reader.error(g, _("a group is named by a value of the grouping column"));
          continue;
        }
        if (std::find(r.grouping.groups.begin(), r.grouping.groups.end(), name) != r.grouping.groups.end())
          m_reader.error(g, trf("group \"{}\" is listed twice", name));
        r.grouping.groups.push_back(name);
      }
    }
    const YAML::Node ib = n["interview_bottom"];
    if (ib.IsDefined()) {
      if (!ib.IsMap()) {
        m_reader.error(ib, _("\"interview_bottom\" maps a group to the bottom N interviewed in it"));
      } else {
        for (auto it = ib.begin(); it != ib.end(); ++it) {
          const YAML::Node key = it->first;
          const YAML::Node value = it->second;
          const std::string group = key.Scalar();
          if (!r.grouping.groups.empty() &&
              std::find(r.grouping.groups.begin(), r.grouping.groups.end(), group) == r.grouping.groups.end())
            m_reader.error(key, trf("\"{}\" is not one of the listed groups{}", group,
                                    text::did_you_mean(group, r.grouping.groups)));
          auto v = m_reader.decimal_value(value, trf("the interview count of group \"{}\"", group));
          if (v && (!v->is_integer() || v->negative()))
            m_reader.error(value, _("the interview count must be a whole number 0 or more"));
          else if (v)
            r.grouping.interview_bottom.emplace_back(group, v->whole());
        }
      }
    }
  }
  const YAML::Node c = root["commendation"];
  if (c.IsDefined() &&
      m_reader.expect_map(c, "\"commendation\"", {"top", "min_grade", "exclude_vetoed", "source"})) {
    if (auto t = m_reader.integer(c, "top", true)) {
      if (*t < 1)
        m_reader.error(c["top"], _("\"top\" must be 1 or more (the units commended in each group)"));
      r.commendation.top = std::max(0L, *t);
    }
    r.commendation.min_grade = grade_ref(c, "min_grade", r, false);
    r.commendation.exclude_vetoed = m_reader.boolean(c, "exclude_vetoed", false).value_or(true);
    r.commendation.source = m_reader.string(c, "source", false).value_or("");
    // A list the quotas can never fill: every grade it admits has a fixed count.
    if (r.commendation.top > 0 && r.commendation.min_grade != k_none) {
      long allowed = 0;
      bool bounded = true;
      for (std::size_t g = 0; g <= r.commendation.min_grade; ++g) {
        const auto q =
            std::find_if(r.quotas.begin(), r.quotas.end(), [&](const Quota& x) { return x.grade == g; });
        if (q == r.quotas.end() || !q->count) {
          bounded = false;
          break;
        }
        allowed += *q->count;
      }
      if (bounded && allowed < r.commendation.top)
        m_reader.error(c["top"],
                       trf("the commendation lists the top {} graded {} or better, but the quotas "
                           "allow at most {} such units per group; lower \"top\" or raise the quotas",
                           r.commendation.top, r.grades[r.commendation.min_grade].name, allowed));
    }
  }
}

void Loader::load_periods(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["periods"];
  if (!list.IsDefined()) return;
  if (!m_reader.expect_sequence(list, "\"periods\"")) return;
  Decimal sum;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a period"), {"id", "name", "weight"})) continue;
    PeriodDef p;
    p.id = m_reader.string(n, "id", true).value_or("");
    p.name = m_reader.string(n, "name", false).value_or(p.id);
    if (auto w = m_reader.decimal(n, "weight", true)) {
      if (*w <= Decimal{})
        m_reader.error(n["weight"], _("a period's weight must be above 0 (percent of the year)"));
      p.weight = *w;
    }
    sum += p.weight;
    for (const auto& other : r.periods)
      if (other.id == p.id) m_reader.error(n["id"], trf("period \"{}\" is declared twice", p.id));
    r.periods.push_back(std::move(p));
  }
  if (r.periods.size() < 2)
    m_reader.error(list,
                   _("\"periods\" needs at least two periods (one period is the whole year: leave it out)"));
  if (sum != Decimal::of(100))
    m_reader.error(list, trf("period weights add up to {}, expected 100 (percent of the year); adjust the "
                             "weights",
                             sum.str()));
  if (!r.ledger.inputs.empty() || !r.tasks.inputs.empty() || !r.accident_register.inputs.empty() ||
      !r.duty_inputs.empty())
    m_reader.error(list,
                   _("a ruleset with \"periods\" cannot yet take inputs from the hazard ledger, the task "
                     "list, the accident register or the duty records: enter them per period in the "
                     "indicators file"));
}

void Loader::load_interview(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["interview"];
  if (!n.IsDefined()) return;
  if (!m_reader.expect_map(n, "\"interview\"", {"bottom", "failing"})) return;
  if (auto b = m_reader.integer(n, "bottom", false)) {
    if (*b < 0) m_reader.error(n["bottom"], _("\"bottom\" must not be negative"));
    r.interview_bottom = std::max(0L, *b);
  }
  r.interview_failing = m_reader.boolean(n, "failing", false).value_or(true);
}

std::optional<std::size_t> Loader::declared_input(const YAML::Node& key, const Ruleset& r) {
  const std::string id = key.Scalar();
  const auto in = r.input_index.find(id);
  if (in != r.input_index.end()) return in->second;
  m_reader.error(key, trf("\"{}\" is not a declared input{}", id, text::did_you_mean(id, r.input_ids())));
  return std::nullopt;
}

std::optional<std::size_t> Loader::fed_input(const YAML::Node& key, const Ruleset& r) {
  const auto in = declared_input(key, r);
  if (!in) return in;
  auto has = [&](const auto& list) {
    return std::any_of(list.begin(), list.end(), [&](const auto& p) { return p.first == *in; });
  };
  const char* source =
      has(r.ledger.inputs)              ? N_("the hazard ledger")
      : has(r.tasks.inputs)             ? N_("the task list")
      : has(r.accident_register.inputs) ? N_("the accident register")
      : std::any_of(r.duty_inputs.begin(), r.duty_inputs.end(), [&](const auto& d) { return d.input == *in; })
          ? N_("duty compliance")
          : nullptr;
  if (!source) return in;
  m_reader.error(key, trf("input \"{}\" is already computed from {}; an input has one source: keep one of "
                          "the two mappings",
                          key.Scalar(), _(source)));
  return std::nullopt;
}

void Loader::load_ledger(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["hazard_ledger"];
  if (!n.IsDefined()) return;
  if (!m_reader.expect_map(n, "\"hazard_ledger\"",
                           {"yellow_after_days", "red_after_days", "three_party", "inputs", "escalation",
                            "verified", "source"}))
    return;
  auto& p = r.ledger;
  load_escalation(n["escalation"], p.escalation, 1);
  p.verified = m_reader.boolean(n, "verified", false).value_or(false);
  p.source = m_reader.string(n, "source", false).value_or("");
  if (auto y = m_reader.integer(n, "yellow_after_days", false)) p.yellow_after_days = static_cast<int>(*y);
  if (auto red = m_reader.integer(n, "red_after_days", false)) p.red_after_days = static_cast<int>(*red);
  if (p.yellow_after_days < 1 || p.red_after_days < p.yellow_after_days)
    m_reader.error(n, _("need 1 <= yellow_after_days <= red_after_days (days past the deadline)"));
  if (n["three_party"].IsDefined() && m_reader.expect_sequence(n["three_party"], "\"three_party\"")) {
    p.three_party_major = p.three_party_general = false;
    for (const auto& level : n["three_party"]) {
      if (level.Scalar() == "major")
        p.three_party_major = true;
      else if (level.Scalar() == "general")
        p.three_party_general = true;
      else
        m_reader.error(level, trf("unknown hazard level \"{}\"; expected major or general", level.Scalar()));
    }
  }
  const YAML::Node inputs = n["inputs"];
  if (!inputs.IsDefined()) return;
  if (!inputs.IsMap()) {
    m_reader.error(inputs, _("\"inputs\" maps an input id to a ledger metric"));
    return;
  }
  static const LedgerMetric k_metrics[] = {LedgerMetric::MajorRate, LedgerMetric::GeneralRate,
                                           LedgerMetric::OverdueMajor, LedgerMetric::OverdueGeneral,
                                           LedgerMetric::InvalidClosures};
  std::vector<std::string> metric_names;
  for (auto m : k_metrics) metric_names.emplace_back(to_string(m));
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    const std::string id = it->first.Scalar();
    const auto in = fed_input(it->first, r);
    if (!in) continue;
    const std::string metric = it->second.Scalar();
    const auto* found = std::find_if(std::begin(k_metrics), std::end(k_metrics),
                                     [&](LedgerMetric m) { return to_string(m) == metric; });
    if (found == std::end(k_metrics)) {
      m_reader.error(it->second, trf("unknown ledger metric \"{}\"; expected one of: {}", metric,
                                     text::join(metric_names, ", ")));
      continue;
    }
    const bool rate = *found == LedgerMetric::MajorRate || *found == LedgerMetric::GeneralRate;
    const auto type = r.inputs[*in].type;
    if (rate ? type != InputType::Percent : type != InputType::Count)
      m_reader.error(
          it->second,
          rate ? trf("ledger metric \"{}\" is a percent, but input \"{}\" is not declared so", metric, id)
               : trf("ledger metric \"{}\" is a count, but input \"{}\" is not declared so", metric, id));
    p.inputs.emplace_back(*in, *found);
  }
}

void Loader::load_escalation(const YAML::Node& steps, std::vector<EscalationStep>& out, int min_days) {
  if (!steps.IsDefined() || !m_reader.expect_sequence(steps, "\"escalation\"")) return;
  for (const auto& s : steps) {
    if (!m_reader.expect_map(s, _("an escalation step"), {"id", "name", "after_days", "actor"})) continue;
    EscalationStep step;
    step.at = m_reader.at(s);
    step.id = m_reader.string(s, "id", true).value_or("");
    step.name = m_reader.string(s, "name", true).value_or("");
    step.actor = m_reader.string(s, "actor", true).value_or("");
    if (auto d = m_reader.integer(s, "after_days", true)) {
      if (*d < min_days || *d > 3660)
        m_reader.error(s["after_days"], min_days == 0
                                            ? _("after_days: days a task has been red, from 0 to 3660")
                                            : _("after_days: days a hazard has been overdue, from 1 (the day "
                                                "after its deadline) to 3660"));
      else
        step.after_days = static_cast<int>(*d);
    }
    if (step.actor.starts_with("role:") && step.actor.size() == 5)
      m_reader.error(s["actor"], _("\"role:\" names a duty-list role: role:township_party_secretary"));
    for (const auto& other : out) {
      if (other.id == step.id)
        m_reader.error(s["id"], trf("escalation step \"{}\" is declared twice", step.id));
      else if (other.after_days > step.after_days)
        m_reader.error(s["after_days"],
                       trf("escalation steps go up the ladder: \"{}\" after {} days comes before \"{}\" "
                           "after {} days",
                           other.id, other.after_days, step.id, step.after_days));
    }
    out.push_back(std::move(step));
  }
}

void Loader::load_task_list(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["task_list"];
  if (!n.IsDefined()) return;
  if (!m_reader.expect_map(n, "\"task_list\"",
                           {"yellow_lag", "red_lag", "verified", "source", "escalation", "inputs"}))
    return;
  auto& p = r.tasks;
  if (auto y = m_reader.decimal(n, "yellow_lag", false)) p.yellow_lag = *y;
  if (auto red = m_reader.decimal(n, "red_lag", false)) p.red_lag = *red;
  if (p.yellow_lag <= Decimal{} || p.red_lag < p.yellow_lag || p.red_lag > Decimal::of(100))
    m_reader.error(n, _("need 0 < yellow_lag <= red_lag <= 100 (percentage points behind schedule)"));
  p.verified = m_reader.boolean(n, "verified", false).value_or(false);
  p.source = m_reader.string(n, "source", false).value_or("");
  load_escalation(n["escalation"], p.escalation, 0);
  const YAML::Node inputs = n["inputs"];
  if (!inputs.IsDefined()) return;
  if (!inputs.IsMap()) {
    m_reader.error(inputs, _("\"inputs\" maps an input id to a task-list metric"));
    return;
  }
  static const TaskMetric k_metrics[] = {TaskMetric::CompletionRate, TaskMetric::OnTimeRate,
                                         TaskMetric::Overdue, TaskMetric::Red};
  std::vector<std::string> metric_names;
  for (auto m : k_metrics) metric_names.emplace_back(to_string(m));
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    const auto in = fed_input(it->first, r);
    if (!in) continue;
    const std::string id = it->first.Scalar();
    const std::string metric = it->second.Scalar();
    const auto* found = std::find_if(std::begin(k_metrics), std::end(k_metrics),
                                     [&](TaskMetric m) { return to_string(m) == metric; });
    if (found == std::end(k_metrics)) {
      m_reader.error(it->second, trf("unknown task-list metric \"{}\"; expected one of: {}", metric,
                                     text::join(metric_names, ", ")));
      continue;
    }
    const bool rate = *found == TaskMetric::CompletionRate || *found == TaskMetric::OnTimeRate;
    const auto type = r.inputs[*in].type;
    if (rate ? type != InputType::Percent : type != InputType::Count)
      m_reader.error(it->second, rate ? trf("task-list metric \"{}\" is a percent, but input \"{}\" is not "
                                            "declared so",
                                            metric, id)
                                      : trf("task-list metric \"{}\" is a count, but input \"{}\" is not "
                                            "declared so",
                                            metric, id));
    p.inputs.emplace_back(*in, *found);
  }
}

void Loader::load_accident_register(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["accident_register"];
  if (!n.IsDefined() || !m_reader.expect_map(n, "\"accident_register\"", {"inputs"})) return;
  const YAML::Node inputs = n["inputs"];
  if (!inputs.IsDefined() || !inputs.IsMap()) {
    m_reader.error(inputs.IsDefined() ? inputs : n,
                   _("\"inputs\" maps an input id to an accident-register metric"));
    return;
  }
  std::vector<std::string> names;
  for (const auto& s : accident::metric_specs()) names.emplace_back(s.name);
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    const auto in = fed_input(it->first, r);
    if (!in) continue;
    const std::string metric = it->second.Scalar();
    const auto* spec = accident::find_metric(metric);
    if (!spec) {
      m_reader.error(it->second, trf("unknown accident-register metric \"{}\"; expected one of: {}{}", metric,
                                     text::join(names, ", "), text::did_you_mean(metric, names)));
      continue;
    }
    const bool amount = spec->metric == accident::Metric::DirectLoss;
    const auto type = r.inputs[*in].type;
    if (amount ? (type != InputType::Number && type != InputType::Count) : type != InputType::Count)
      m_reader.error(
          it->second,
          amount ? trf("accident-register metric \"{}\" is an amount (万元), but input \"{}\" is not "
                       "declared so",
                       metric, it->first.Scalar())
                 : trf("accident-register metric \"{}\" is a count, but input \"{}\" is not declared so",
                       metric, it->first.Scalar()));
    r.accident_register.inputs.emplace_back(*in, spec->metric);
  }
}

void Loader::load_duty_compliance(const YAML::Node& root, Ruleset& r) {
  const YAML::Node n = root["duty_compliance"];
  if (!n.IsDefined() || !m_reader.expect_map(n, "\"duty_compliance\"", {"inputs"})) return;
  const YAML::Node inputs = n["inputs"];
  if (!inputs.IsDefined() || !inputs.IsMap()) {
    m_reader.error(
        inputs.IsDefined() ? inputs : n,
        _("\"inputs\" maps an input id to the holders whose compliance it takes ({roles: [...]} or "
          "{tiers: [...]})"));
    return;
  }
  for (auto it = inputs.begin(); it != inputs.end(); ++it) {
    const std::string id = it->first.Scalar();
    const auto in = fed_input(it->first, r);
    if (!in) continue;
    if (r.inputs[*in].type != InputType::Percent)
      m_reader.error(it->first, trf("input \"{}\" takes a compliance rate and must be a percent", id));
    if (!m_reader.expect_map(it->second, _("a duty-compliance input"), {"roles", "tiers"})) continue;
    DutyInput d;
    d.input = *in;
    d.at = m_reader.at(it->second);
    for (const char* key : {"roles", "tiers"}) {
      const YAML::Node list = it->second[key];
      if (!list.IsDefined() || !m_reader.expect_sequence(list, key)) continue;
      for (const auto& x : list) (std::string_view(key) == "roles" ? d.roles : d.tiers).push_back(x.Scalar());
    }
    if (d.roles.empty() && d.tiers.empty())
      m_reader.error(it->second, _("name the holders: \"roles\" (duty-list role ids) or \"tiers\""));
    r.duty_inputs.push_back(std::move(d));
  }
}

}  // namespace safeassess::ruleset::detail
