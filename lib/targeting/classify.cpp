#include "targeting/classify.hpp"

#include <algorithm>
#include <span>
#include <unordered_map>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace safeassess::targeting {

namespace {

Decimal count(std::uint64_t n) {
  return Decimal::of(static_cast<long long>(n));
}

// met / due in percent, to 12 decimals (compared so: 79.996% is below 80; reports show 2);
// 100 when nothing was due (nothing was left undone, as for a rectification rate with nothing
// found).
Decimal percent(std::uint64_t met, std::uint64_t due) {
  if (due == 0) return Decimal::of(100);
  const auto r = num::Ratio(count(met)) * num::Ratio(Decimal::of(100)) / num::Ratio(count(due));
  return r.round(12);
}

// A condition on facts some of which may be unknown, in three values: a comparison with an
// unknown fact is unknown; `all` is false when any part is false, `any` true when any part is
// true, and otherwise unknown when a part is; `not` keeps unknown.
enum class Truth : std::uint8_t { False, True, Unknown };

Truth evaluate3(const ruleset::Condition& c, std::span<const Decimal> facts, const std::vector<char>& known) {
  using Kind = ruleset::Condition::Kind;
  switch (c.kind) {
    case Kind::Compare:
      if (!known[c.input]) return Truth::Unknown;
      return ruleset::evaluate(c, facts) ? Truth::True : Truth::False;
    case Kind::Not: {
      const auto t = evaluate3(c.children.front(), facts, known);
      return t == Truth::Unknown ? t : t == Truth::True ? Truth::False : Truth::True;
    }
    case Kind::All:
    case Kind::Any: {
      const Truth decisive = c.kind == Kind::All ? Truth::False : Truth::True;
      bool unknown = false;
      for (const auto& child : c.children) {
        const auto t = evaluate3(child, facts, known);
        if (t == decisive) return decisive;
        unknown = unknown || t == Truth::Unknown;
      }
      return unknown ? Truth::Unknown : c.kind == Kind::All ? Truth::True : Truth::False;
    }
  }
  return Truth::Unknown;
}

std::string key(std::uint32_t unit, std::string_view name) {
  std::string k = std::to_string(unit);
  k += '\n';
  k += name;
  return k;
}

}  // namespace

std::string_view to_string(Change c) {
  switch (c) {
    case Change::New:
      return "new";
    case Change::Same:
      return "same";
    case Change::Worse:
      return "worse";
    case Change::Better:
      return "better";
  }
  return "";
}

Result classify(const Targeting& rules, const EnterpriseList& list, const Sources& src) {
  Result out;
  const std::size_t fields = rules.fields();
  out.has_source.assign(k_facts, false);
  auto mark = [&](std::initializer_list<Fact> fs, bool present) {
    for (auto f : fs) out.has_source[static_cast<std::size_t>(f)] = present;
  };
  mark({Fact::Accidents, Fact::Deaths, Fact::SeriousInjuries, Fact::LargerAccidents, Fact::ConcealedAccidents,
        Fact::ResponsibilityAccidents},
       src.accidents && src.accident_summary);
  mark({Fact::OpenMajorHazards, Fact::OverdueMajorHazards, Fact::OpenHazards, Fact::OverdueHazards,
        Fact::RedHazards, Fact::InvalidClosures, Fact::SupervisedHazards},
       src.ledger != nullptr);
  mark({Fact::RiskLevel}, list.has_risk);
  mark({Fact::PrincipalCompliance}, src.chain && src.compliance && list.has_principal);
  {
    Diagnostics d;
    for (const auto& r : rules.classification.rules)
      for (auto f : r.fields) {
        if (f >= k_facts || out.has_source[f]) continue;
        const auto fact = static_cast<Fact>(f);
        std::string where;
        switch (fact) {
          case Fact::RiskLevel:
            where = _("a risk_level column in the enterprise list");
            break;
          case Fact::PrincipalCompliance:
            where =
                _("a chain with performance records in the manifest (chain, records) and a principal "
                  "column in the enterprise list");
            break;
          case Fact::Accidents:
          case Fact::Deaths:
          case Fact::SeriousInjuries:
          case Fact::LargerAccidents:
          case Fact::ConcealedAccidents:
          case Fact::ResponsibilityAccidents:
            where = _("an accident register in the manifest (accidents: accidents.csv)");
            break;
          default:
            where = _("a hazard ledger in the manifest (hazards: ledger.csv)");
            break;
        }
        d.error(r.at, trf("rule \"{}\" reads {}, which needs {}", r.id, fact_id(fact), where));
      }
    d.throw_if_any();
  }
  // unit + name and unit + id -> enterprise
  std::unordered_map<std::string, std::size_t> by_key;
  for (std::size_t e = 0; e < list.rows.size(); ++e) {
    by_key.emplace(key(list.rows[e].unit_index, list.rows[e].name), e);
    by_key.emplace(key(list.rows[e].unit_index, list.rows[e].id), e);
  }
  auto find = [&](std::uint32_t unit, std::string_view name) -> std::optional<std::size_t> {
    const auto it = by_key.find(key(unit, name));
    if (it == by_key.end()) return std::nullopt;
    return it->second;
  };
  auto unlisted = [&](std::uint32_t unit, std::string_view name) {
    const std::string shown_name =
        (src.unit_ids && unit < src.unit_ids->size() ? (*src.unit_ids)[unit] : std::to_string(unit)) + ' ' +
        std::string(name.empty() ? std::string_view(_("(no enterprise)")) : name);
    if (std::find(out.unlisted_names.begin(), out.unlisted_names.end(), shown_name) !=
        out.unlisted_names.end())
      return;
    if (out.unlisted_names.size() < 20) out.unlisted_names.push_back(shown_name);
  };
  out.rows.resize(list.rows.size());
  for (auto& row : out.rows) row.facts.assign(fields, Decimal{});
  auto add = [&](std::size_t e, Fact f, Decimal v) {
    auto& x = out.rows[e].facts[static_cast<std::size_t>(f)];
    x += v;
  };
  if (src.accidents && src.accident_summary) {
    const auto& reg = *src.accidents;
    for (std::size_t i = 0; i < reg.records.size(); ++i) {
      if (!src.accident_summary->in_period[i]) continue;
      const auto& r = reg.records[i];
      const auto& c = src.accident_summary->checked[i];
      const auto e = find(static_cast<std::uint32_t>(r.unit), r.enterprise);
      if (!e) {
        ++out.unlisted_accidents;
        unlisted(static_cast<std::uint32_t>(r.unit), r.enterprise);
        continue;
      }
      add(*e, Fact::Accidents, Decimal::of(1));
      add(*e, Fact::Deaths, Decimal::of(c.deaths));
      add(*e, Fact::SeriousInjuries, Decimal::of(c.serious_injuries));
      if (c.grade >= accident::Grade::Larger) add(*e, Fact::LargerAccidents, Decimal::of(1));
      if (r.concealment == accident::Concealment::Concealed || r.concealment == accident::Concealment::False)
        add(*e, Fact::ConcealedAccidents, Decimal::of(1));
      if (r.responsibility) add(*e, Fact::ResponsibilityAccidents, Decimal::of(1));
    }
  }
  if (src.ledger) {
    for (const auto& et : src.ledger->enterprises) {
      const auto& t = et.tally;
      const auto e = find(et.unit, et.name);
      if (!e) {
        out.unlisted_hazards += t.found[0] + t.found[1];
        unlisted(et.unit, et.name);
        continue;
      }
      const auto major = static_cast<std::size_t>(hazard::Level::Major);
      add(*e, Fact::OpenMajorHazards, count(t.found[major] - t.done[major]));
      add(*e, Fact::OverdueMajorHazards, count(t.overdue[major]));
      add(*e, Fact::OpenHazards, count(t.found[0] + t.found[1] - t.done[0] - t.done[1]));
      add(*e, Fact::OverdueHazards, count(t.overdue[0] + t.overdue[1]));
      add(*e, Fact::RedHazards, count(t.colour[static_cast<std::size_t>(hazard::Colour::Red)]));
      add(*e, Fact::InvalidClosures, count(t.invalid_closures));
      add(*e, Fact::SupervisedHazards, count(t.supervised));
    }
  }
  Diagnostics d;
  const bool need_compliance = out.has_source[static_cast<std::size_t>(Fact::PrincipalCompliance)];
  for (std::size_t e = 0; e < list.rows.size(); ++e) {
    const auto& ent = list.rows[e];
    auto& row = out.rows[e];
    if (ent.risk_level)
      row.facts[static_cast<std::size_t>(Fact::RiskLevel)] = Decimal::of(*ent.risk_level);
    else if (list.has_risk)
      row.unknown.push_back(static_cast<std::size_t>(Fact::RiskLevel));  // an empty cell no rule reads
    if (need_compliance && ent.principal.empty())
      row.unknown.push_back(static_cast<std::size_t>(Fact::PrincipalCompliance));
    if (need_compliance && !ent.principal.empty()) {
      const auto& ch = *src.chain;
      const auto node = ch.find(ent.principal);
      if (!node || !ch.is_post(*node)) {
        d.error(Location{list.file, ent.line},
                trf("enterprise \"{}\": principal \"{}\" is not a post of the chain {}", ent.id,
                    ent.principal, ch.file));
        continue;
      }
      // The post must belong to this enterprise: its nearest enterprise above it in the chain
      // has the enterprise's id or name (a township secretary's compliance is not the
      // principal's).
      std::optional<std::size_t> owner;
      for (std::size_t v = *node, steps = 0; v != chain::k_no_index && steps <= ch.size() && !owner;
           v = ch.parent[v], ++steps)
        if (ch.kind[v] == chain::NodeKind::Enterprise) owner = v;
      if (!owner || (ch.ids[*owner] != ent.id && ch.names[*owner] != ent.name)) {
        d.error(
            Location{list.file, ent.line},
            owner ? trf("enterprise \"{}\": principal \"{}\" is a post of {} {} in the chain {}, not of this "
                        "enterprise",
                        ent.id, ent.principal, ch.ids[*owner], ch.names[*owner], ch.file)
                  : trf("enterprise \"{}\": principal \"{}\" is not a post of an enterprise in the chain {}",
                        ent.id, ent.principal, ch.file));
        continue;
      }
      const auto& t = src.compliance->by_node[*node];
      row.facts[static_cast<std::size_t>(Fact::PrincipalCompliance)] = percent(t.met, t.due);
    }
    if (ent.previous) row.facts[k_facts + *ent.previous] = Decimal::of(1);
  }
  d.throw_if_any();
  const auto& cl = rules.classification;
  out.counts.assign(rules.colours.size(), 0);
  out.previous.assign(rules.colours.size(), 0);
  for (std::size_t e = 0; e < list.rows.size(); ++e) {
    auto& row = out.rows[e];
    const bool points = cl.method == Classification::Method::Points;
    std::vector<char> known(fields, 1);
    for (auto f : row.unknown) known[f] = 0;
    for (std::size_t r = 0; r < cl.rules.size(); ++r) {
      const auto t = evaluate3(cl.rules[r].when, row.facts, known);
      if (t == Truth::Unknown) {
        row.skipped.push_back(r);
        continue;
      }
      if (t == Truth::False) continue;
      row.matched.push_back(r);
      if (!points) break;
      row.points += cl.rules[r].points;
    }
    if (points) {
      row.colour = cl.fallback;
      for (const auto& b : cl.bands)
        if (row.points >= b.min) {
          row.colour = b.colour;
          break;
        }
    } else {
      row.colour = row.matched.empty() ? cl.fallback : cl.rules[row.matched.front()].colour;
    }
    ++out.counts[row.colour];
    const auto& prev = list.rows[e].previous;
    if (!prev) {
      row.change = Change::New;
    } else {
      ++out.previous[*prev];
      row.change = row.colour == *prev ? Change::Same : row.colour < *prev ? Change::Worse : Change::Better;
    }
    ++out.changes[static_cast<std::size_t>(row.change)];
  }
  return out;
}

}  // namespace safeassess::targeting
