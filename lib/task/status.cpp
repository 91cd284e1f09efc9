#include "task/status.hpp"

#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/i18n.hpp"

namespace safeassess::task {

namespace {

using Rep = num::Decimal::Rep;
constexpr Rep k_scale = 1000000000000;  // 10^12: a Decimal's raw unit

// The plan's progress by the end of `day`, as an exact fraction num / den of 100 percent.
struct Expected {
  Rep num = 0;  // in Decimal raw units of percent, times den
  Rep den = 1;
};

Expected expected_at(const Task& t, date::Day day) {
  if (day < t.start) return {0, 1};
  if (!t.milestones.empty()) {
    Rep sum = 0;
    for (const auto& m : t.milestones)
      if (m.due <= day) sum += m.weight.raw();
    return {sum, 1};
  }
  const Rep total = static_cast<Rep>(t.deadline) - t.start + 1;
  const Rep elapsed = std::min<Rep>(static_cast<Rep>(day) - t.start + 1, total);
  return {elapsed * 100 * k_scale, total};
}

// num / den rounded half away from zero to a Decimal.
num::Decimal decimal_of(const Expected& e) {
  const Rep q = e.num / e.den;
  const Rep r = e.num % e.den;
  return num::Decimal::from_raw(2 * r >= e.den ? q + 1 : q);
}

// Whether expected - reported >= points, exactly.
bool lag_at_least(const Expected& e, num::Decimal reported, num::Decimal points) {
  return e.num - (reported.raw() + points.raw()) * e.den >= 0;
}
bool lag_above(const Expected& e, num::Decimal reported, num::Decimal points) {
  return e.num - (reported.raw() + points.raw()) * e.den > 0;
}

// The progress reported by the end of `day`: the last record on or before it.
const Progress* reported_at(const Task& t, date::Day day) {
  const Progress* last = nullptr;
  for (const auto& p : t.progress) {
    if (p.day > day) break;
    last = &p;
  }
  return last;
}

// The day the task was done, as of `day`: the first day of the last run of records at 100
// (0 when the last record is below 100).
date::Day done_on(const Task& t, date::Day day) {
  date::Day since = 0;
  const auto hundred = num::Decimal::of(100);
  for (const auto& p : t.progress) {
    if (p.day > day) break;
    if (p.percent >= hundred) {
      if (since == 0) since = p.day;
    } else {
      since = 0;
    }
  }
  return since;
}

// The state at the end of `day`, without the red run.
Status point(const Task& t, date::Day day, const ruleset::TaskPolicy& policy) {
  Status s;
  const Expected e = expected_at(t, day);
  s.expected = decimal_of(e);
  if (const Progress* p = reported_at(t, day)) s.reported = p->percent;
  s.lag = s.expected - s.reported;
  s.done_on = done_on(t, day);
  if (s.done_on) {
    s.state = s.done_on <= t.deadline ? State::Done : State::DoneLate;
  } else if (day < t.start) {
    s.state = State::NotStarted;
  } else if (day > t.deadline) {
    s.state = State::Overdue;
    s.days_overdue = day - t.deadline;
  } else if (lag_above(e, s.reported, policy.red_lag)) {
    s.state = State::Red;
  } else if (lag_at_least(e, s.reported, policy.yellow_lag)) {
    s.state = State::Yellow;
  } else {
    s.state = State::Green;
  }
  return s;
}

}  // namespace

std::string_view to_string(State s) {
  static constexpr std::array<std::string_view, 7> k{"not-started", "green", "yellow",   "red",
                                                     "overdue",     "done",  "done-late"};
  return k[static_cast<std::size_t>(s)];
}

bool is_red(State s) {
  return s == State::Red || s == State::Overdue;
}
bool is_done(State s) {
  return s == State::Done || s == State::DoneLate;
}

Status status(const Task& t, date::Day day, const ruleset::TaskPolicy& policy) {
  Status s = point(t, day, policy);
  if (!is_red(s.state)) return s;
  // The red run: back day by day to the first red day (a task is red at most from its start).
  date::Day first = day;
  while (first > t.start && is_red(point(t, first - 1, policy).state)) --first;
  s.red_since = first;
  s.days_red = day - first;
  for (std::size_t k = 0; k < policy.escalation.size(); ++k)
    if (policy.escalation[k].after_days <= s.days_red) s.step = static_cast<int>(k);
  return s;
}

Actor actor_of(const ruleset::EscalationStep& step, const Task& t, const chain::Chain* chain,
               const duty::DutyList* duties) {
  const std::string& a = step.actor;
  const bool needs_chain = a == "owner" || a == "superior" || a.starts_with("role:");
  if (!needs_chain) return {a, true};
  if (t.owner.empty()) return {trf("{} (the task names no owner)", a), false};
  if (!chain) return {trf("{} of {} (the manifest names no chain)", a, t.owner), false};
  const auto owner = chain->find(t.owner);
  if (!owner) return {trf("{} of {} (not in the chain)", a, t.owner), false};
  auto shown = [&](std::size_t v) { return chain->ids[v] + " " + chain->names[v]; };
  if (a == "owner") return {shown(*owner), true};
  // The organisation the owner belongs to, then the ones above it.
  std::vector<std::size_t> above;
  for (auto v = chain->parent[*owner]; v != chain::k_no_index && above.size() <= chain->size();
       v = chain->parent[v])
    above.push_back(v);
  if (a == "superior") {
    // The organisation above the owner's own (an owner that is an organisation is its own):
    // its head post when it has one.
    const std::size_t at = chain->is_post(*owner) ? 1 : 0;
    if (above.size() <= at) return {trf("{} of {} (nothing above it in the chain)", a, t.owner), false};
    const auto org = above[at];
    if (duties)
      for (std::size_t v = 0; v < chain->size(); ++v)
        if (chain->is_post(v) && chain->parent[v] == org && chain->role[v] != chain::k_no_index &&
            duties->roles[chain->role[v]].head)
          return {shown(v), true};
    return {shown(org), true};
  }
  const std::string role = a.substr(5);
  const auto r = duties ? duties->find_role(role) : std::nullopt;
  if (!r) return {trf("{} of {} (no role \"{}\" in the duty list)", a, t.owner, role), false};
  for (const auto org : above)
    for (std::size_t v = 0; v < chain->size(); ++v)
      if (v != *owner && chain->is_post(v) && chain->parent[v] == org && chain->role[v] == *r)
        return {shown(v), true};
  return {trf("{} of {} (no post above it holds the role)", a, t.owner), false};
}

num::Decimal Counts::completion_rate() const {
  if (due == 0) return num::Decimal::of(100);
  return decimal_of({static_cast<Rep>(done_by_due) * 100 * k_scale, static_cast<Rep>(due)});
}
num::Decimal Counts::on_time_rate() const {
  if (due == 0) return num::Decimal::of(100);
  return decimal_of({static_cast<Rep>(on_time) * 100 * k_scale, static_cast<Rep>(due)});
}

void Counts::add(const Status& s, date::Day as_of, const Task& t) {
  ++tasks;
  switch (s.state) {
    case State::NotStarted:
      ++not_started;
      break;
    case State::Green:
      ++green;
      break;
    case State::Yellow:
      ++yellow;
      break;
    case State::Red:
      ++red;
      break;
    case State::Overdue:
      ++overdue;
      break;
    case State::Done:
      ++done;
      break;
    case State::DoneLate:
      ++done_late;
      break;
  }
  if (t.deadline <= as_of) {
    ++due;
    if (is_done(s.state)) ++done_by_due;
    if (s.state == State::Done) ++on_time;
  }
  if (s.step >= 0) ++escalations;
}

num::Decimal metric(const Counts& c, ruleset::TaskMetric m) {
  switch (m) {
    case ruleset::TaskMetric::CompletionRate:
      return c.completion_rate();
    case ruleset::TaskMetric::OnTimeRate:
      return c.on_time_rate();
    case ruleset::TaskMetric::Overdue:
      return num::Decimal::of(static_cast<long long>(c.overdue));
    case ruleset::TaskMetric::Red:
      return num::Decimal::of(static_cast<long long>(c.red + c.overdue));
  }
  return {};
}

Report judge(const TaskBook& book, date::Day as_of, std::optional<date::Day> since,
             const ruleset::TaskPolicy& policy, const std::vector<std::string>& units) {
  Report r;
  r.as_of = as_of;
  r.since = since;
  r.policy = policy;
  r.by_list.resize(k_list_kinds);
  std::unordered_map<std::string, std::size_t> unit_at, owner_at;
  auto unit_of = [&](const std::string& id) {
    const auto [it, fresh] = unit_at.emplace(id, r.units.size());
    if (fresh) {
      r.units.push_back(id);
      r.by_unit.emplace_back();
    }
    return it->second;
  };
  for (const auto& u : units) (void)unit_of(u);
  for (std::uint32_t k = 0; k < book.tasks.size(); ++k) {
    const Task& t = book.tasks[k];
    Row row;
    row.task = k;
    row.now = status(t, as_of, policy);
    std::uint8_t change = 0;
    if (since) {
      row.before = status(t, *since, policy);
      if (t.start > *since && t.start <= as_of) change |= k_new;
      if (is_red(row.now.state) && !is_red(row.before.state)) change |= k_new_red;
      if ((row.before.state == State::Yellow || is_red(row.before.state)) &&
          (row.now.state == State::Green || is_done(row.now.state)))
        change |= k_recovered;
      if (is_done(row.now.state) && !is_done(row.before.state)) change |= k_done;
      for (std::size_t s = 0; s < policy.escalation.size(); ++s) {
        if (!is_red(row.now.state)) break;
        const date::Day due = row.now.red_since + policy.escalation[s].after_days;
        if (due > *since && due <= as_of) row.steps_due.push_back(static_cast<int>(s));
      }
      if (!row.steps_due.empty()) change |= k_escalated;
    } else {
      for (int s = 0; s <= row.now.step; ++s) row.steps_due.push_back(s);
    }
    const auto u = unit_of(t.unit);
    r.by_unit[u].add(row.now, as_of, t);
    const auto [o, fresh] = owner_at.emplace(t.owner, r.owners.size());
    if (fresh) {
      r.owners.push_back(t.owner);
      r.by_owner.emplace_back();
    }
    r.by_owner[o->second].add(row.now, as_of, t);
    r.by_list[static_cast<std::size_t>(t.list)].add(row.now, as_of, t);
    r.total.add(row.now, as_of, t);
    r.rows.push_back(std::move(row));
    r.changes.push_back(change);
  }
  // Red first (longest red first), then yellow (furthest behind first), green, not started,
  // done; file order within a rank.
  auto rank = [](State s) {
    switch (s) {
      case State::Overdue:
      case State::Red:
        return 0;
      case State::Yellow:
        return 1;
      case State::Green:
        return 2;
      case State::NotStarted:
        return 3;
      case State::DoneLate:
        return 4;
      case State::Done:
        return 5;
    }
    return 6;
  };
  std::vector<std::size_t> order(r.rows.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& x = r.rows[a].now;
    const auto& y = r.rows[b].now;
    if (rank(x.state) != rank(y.state)) return rank(x.state) < rank(y.state);
    if (is_red(x.state) && x.days_red != y.days_red) return x.days_red > y.days_red;
    if (x.state == State::Yellow && x.lag != y.lag) return x.lag > y.lag;
    return false;
  });
  std::vector<Row> rows;
  std::vector<std::uint8_t> changes;
  for (auto i : order) {
    rows.push_back(std::move(r.rows[i]));
    changes.push_back(r.changes[i]);
  }
  r.rows = std::move(rows);
  r.changes = std::move(changes);
  return r;
}

std::vector<std::string> red_ids(const TaskBook& book, const Report& r) {
  std::vector<std::string> ids;
  for (const auto& row : r.rows)
    if (is_red(row.now.state)) ids.push_back(book.tasks[row.task].id);
  return ids;
}

std::vector<std::string> escalation_ids(const TaskBook& book, const Report& r) {
  std::vector<std::string> ids;
  for (const auto& row : r.rows)
    if (!row.steps_due.empty()) ids.push_back(book.tasks[row.task].id);
  return ids;
}

}  // namespace safeassess::task
