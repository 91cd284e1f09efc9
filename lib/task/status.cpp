#include "task/status.hpp"

#include <algorithm>
#include <array>
#include <span>
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

// What the records say by the end of a day: the last progress reported, and the day the
// task was done (the first day of the last run of records at 100; 0 when the last record is
// below 100).
struct Reported {
  num::Decimal percent;
  date::Day done_on = date::k_no_day;
  void add(const Progress& p) {
    percent = p.percent;
    if (p.percent < num::Decimal::of(100))
      done_on = date::k_no_day;
    else if (done_on == date::k_no_day)
      done_on = p.day;
  }
};

Reported reported_at(const Task& t, date::Day day) {
  Reported r;
  for (const auto& p : t.progress) {
    if (p.day > day) break;
    r.add(p);
  }
  return r;
}

// The state at the end of `day` given what was reported by then, without the red run.
State state_of(const Task& t, date::Day day, const Reported& r, const Expected& e,
               const ruleset::TaskPolicy& policy) {
  if (r.done_on != date::k_no_day) return r.done_on <= t.deadline ? State::Done : State::DoneLate;
  if (day < t.start) return State::NotStarted;
  if (day > t.deadline) return State::Overdue;
  if (lag_above(e, r.percent, policy.red_lag)) return State::Red;
  if (lag_at_least(e, r.percent, policy.yellow_lag)) return State::Yellow;
  return State::Green;
}

Status point(const Task& t, date::Day day, const ruleset::TaskPolicy& policy) {
  Status s;
  const Expected e = expected_at(t, day);
  const Reported r = reported_at(t, day);
  s.expected = decimal_of(e);
  s.reported = r.percent;
  s.lag = s.expected - s.reported;
  s.done_on = r.done_on;
  s.state = state_of(t, day, r, e, policy);
  if (s.state == State::Overdue) s.days_overdue = day - t.deadline;
  return s;
}

}  // namespace

std::vector<RedRun> red_runs(const Task& t, date::Day to, const ruleset::TaskPolicy& policy) {
  std::vector<RedRun> runs;
  if (to < t.start) return runs;
  // Between two of these days nothing the state depends on changes except the linear plan,
  // which only grows: within each stretch the red days are a suffix of it.
  std::vector<date::Day> cuts{t.start};
  for (const auto& p : t.progress)
    if (p.day > t.start && p.day <= to) cuts.push_back(p.day);
  for (const auto& m : t.milestones)
    if (m.due > t.start && m.due <= to) cuts.push_back(m.due);
  if (t.deadline >= t.start && t.deadline < to) cuts.push_back(t.deadline + 1);
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  Reported r;
  std::size_t next = 0;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    const date::Day a = cuts[i];
    const date::Day b = i + 1 < cuts.size() ? cuts[i + 1] - 1 : to;
    for (; next < t.progress.size() && t.progress[next].day <= a; ++next) r.add(t.progress[next]);
    auto red = [&](date::Day d) { return is_red(state_of(t, d, r, expected_at(t, d), policy)); };
    date::Day first = a;
    if (!red(a)) {
      if (!red(b)) continue;
      date::Day lo = a, hi = b;  // lo not red, hi red
      while (hi - lo > 1) {
        const date::Day mid = lo + (hi - lo) / 2;
        (red(mid) ? hi : lo) = mid;
      }
      first = hi;
    }
    if (!runs.empty() && runs.back().last + 1 == first)
      runs.back().last = b;
    else
      runs.push_back({first, b});
  }
  return runs;
}

namespace {}  // namespace

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
  const auto runs = red_runs(t, day, policy);
  s.red_since = runs.back().first;  // red today: the last run ends today
  s.days_red = day - s.red_since;
  for (std::size_t k = 0; k < policy.escalation.size(); ++k)
    if (policy.escalation[k].after_days <= s.days_red) s.step = static_cast<int>(k);
  return s;
}

std::string_view to_string(Unresolved u) {
  static constexpr std::array<std::string_view, 7> k{
      "", "no-owner", "no-chain", "owner-not-in-chain", "nothing-above", "unknown-role", "no-post-with-role"};
  return k[static_cast<std::size_t>(u)];
}

Actors::Actors(const chain::Chain* chain, const duty::DutyList* duties) : m_chain(chain), m_duties(duties) {
  if (!chain) return;
  const std::size_t n = chain->size();
  m_first.assign(n + 1, 0);
  for (std::size_t v = 0; v < n; ++v)
    if (chain->is_post(v) && chain->parent[v] != chain::k_no_index) ++m_first[chain->parent[v] + 1];
  for (std::size_t v = 0; v < n; ++v) m_first[v + 1] += m_first[v];
  m_posts.resize(m_first[n]);
  std::vector<std::uint32_t> at(m_first.begin(), m_first.end() - 1);
  for (std::size_t v = 0; v < n; ++v)
    if (chain->is_post(v) && chain->parent[v] != chain::k_no_index)
      m_posts[at[chain->parent[v]]++] = static_cast<std::uint32_t>(v);
  m_supervisor.assign(n, chain::k_no_index);
  for (const auto& e : chain->edges) {
    if (e.kind != chain::EdgeKind::Supervises || e.to >= n || m_supervisor[e.to] != chain::k_no_index)
      continue;
    if (chain->kind[e.to] != chain::NodeKind::Enterprise || chain->parent[e.to] != chain::k_no_index)
      continue;
    const auto org = chain->is_post(e.from) ? chain->parent[e.from] : e.from;
    m_supervisor[e.to] = org;
  }
}

namespace {
bool needs_chain(const std::string& a) {
  return a == "owner" || a == "superior" || a.starts_with("role:");
}
}  // namespace

Actor Actors::of_enterprise(const ruleset::EscalationStep& step, std::string_view enterprise) const {
  if (!needs_chain(step.actor)) return {step.actor, "", Unresolved::None};
  if (enterprise.empty()) return {"", "", Unresolved::NoOwner};
  if (!m_chain) return {"", "", Unresolved::NoChain};
  const auto e = m_chain->find_enterprise(enterprise);
  if (!e) return {"", "", Unresolved::NotInChain};
  return of(step, m_chain->ids[*e]);
}

Actor Actors::of(const ruleset::EscalationStep& step, std::string_view owner_id) const {
  const std::string& a = step.actor;
  if (!needs_chain(a)) return {a, "", Unresolved::None};
  if (owner_id.empty()) return {"", "", Unresolved::NoOwner};
  if (!m_chain) return {"", "", Unresolved::NoChain};
  const chain::Chain& ch = *m_chain;
  const auto owner = ch.find(owner_id);
  if (!owner) return {"", "", Unresolved::NotInChain};
  auto node = [&](std::size_t v) { return Actor{ch.ids[v], ch.names[v], Unresolved::None}; };
  if (a == "owner") return node(*owner);
  auto posts = [&](std::size_t org) {
    return std::span<const std::uint32_t>(m_posts.data() + m_first[org], m_first[org + 1] - m_first[org]);
  };
  // The organisation the owner belongs to, then the ones above it (a chain is acyclic; the
  // bound guards a malformed one).
  // An enterprise without a parent answers to the organisation that supervises it.
  std::vector<std::size_t> above;
  const auto first = ch.parent[*owner] != chain::k_no_index ? ch.parent[*owner] : m_supervisor[*owner];
  // An enterprise without a parent answers to the organisation that supervises it, also
  // on the way up from a post inside it.
  for (auto v = first; v != chain::k_no_index && above.size() <= ch.size();
       v = ch.parent[v] != chain::k_no_index ? ch.parent[v] : m_supervisor[v])
    above.push_back(v);
  if (a == "superior") {
    // The organisation above the owner's own (an owner that is an organisation is its own):
    // its head post when it has one.
    const std::size_t at = ch.is_post(*owner) ? 1 : 0;
    if (above.size() <= at) return {"", "", Unresolved::NothingAbove};
    const auto org = above[at];
    if (m_duties)
      for (const auto v : posts(org))
        if (ch.role[v] != chain::k_no_index && m_duties->roles[ch.role[v]].head) return node(v);
    return node(org);
  }
  const auto r = m_duties ? m_duties->find_role(std::string_view(a).substr(5)) : std::nullopt;
  if (!r) return {"", "", Unresolved::UnknownRole};
  for (const auto org : above)
    for (const auto v : posts(org))
      if (v != *owner && ch.role[v] == *r) return node(v);
  return {"", "", Unresolved::NoPost};
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
      // Every step that fell due in the window, in every red run that reached into it (a task
      // that recovered before the as-of date keeps the steps that fell due while it was red).
      if (!policy.escalation.empty())
        for (const auto& run : red_runs(t, as_of, policy)) {
          if (run.last <= *since) continue;
          for (std::size_t s = 0; s < policy.escalation.size(); ++s) {
            const date::Day due = run.first + policy.escalation[s].after_days;
            if (due > *since && due <= run.last)
              row.steps_due.push_back({static_cast<int>(s), due, run.last == as_of});
          }
        }
      if (!row.steps_due.empty()) change |= k_escalated;
    } else {
      for (int s = 0; s <= row.now.step; ++s)
        row.steps_due.push_back(
            {s, row.now.red_since + policy.escalation[static_cast<std::size_t>(s)].after_days, true});
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
