#include "report/tasks_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using nlohmann::ordered_json;
using task::State;

std::string state_label(State s) {
  switch (s) {
    case State::NotStarted:
      return _("not started");
    case State::Green:
      return _("green");
    case State::Yellow:
      return _("yellow");
    case State::Red:
      return _("red");
    case State::Overdue:
      return _("overdue");
    case State::Done:
      return _("done");
    case State::DoneLate:
      return _("done late");
  }
  return "";
}

std::string actor_text(const ruleset::EscalationStep& step, const task::Actor& actor, std::string_view owner,
                       bool hazard) {
  const std::string& a = step.actor;
  switch (actor.unresolved) {
    case task::Unresolved::None:
      return actor.name.empty() ? actor.id : actor.id + " " + actor.name;
    case task::Unresolved::NoOwner:
      return hazard ? trf("{} (the hazard names no enterprise)", a) : trf("{} (the task names no owner)", a);
    case task::Unresolved::NoChain:
      return trf("{} of {} (the manifest names no chain)", a, owner);
    case task::Unresolved::NotInChain:
      return trf("{} of {} (not in the chain)", a, owner);
    case task::Unresolved::NothingAbove:
      return trf("{} of {} (nothing above it in the chain)", a, owner);
    case task::Unresolved::UnknownRole:
      return trf("{} of {} (no role \"{}\" in the duty list)", a, owner, a.substr(5));
    case task::Unresolved::NoPost:
      return trf("{} of {} (no post above it holds the role)", a, owner);
  }
  return a;
}

ordered_json actor_json(const ruleset::EscalationStep& step, const task::Actor& actor, date::Day due) {
  return {{"id", step.id},
          {"name", step.name},
          {"actor", step.actor},
          {"who", actor.resolved() ? ordered_json(actor.id) : ordered_json(nullptr)},
          {"who_name", actor.name},
          {"resolved", actor.resolved()},
          {"unresolved",
           actor.resolved() ? ordered_json(nullptr) : ordered_json(task::to_string(actor.unresolved))},
          {"due", date::format(due)}};
}

namespace {

std::string list_label(task::ListKind k) {
  return i18n::current() == i18n::Lang::Zh ? std::string(task::chinese(k)) : std::string(task::to_string(k));
}

std::string pct(num::Decimal v) {
  return v.fixed(1) + "%";
}

// The rows every format lists: every task, or with a window the tasks that changed in it or
// are red.
std::vector<std::size_t> listed(const task::Report& r) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < r.rows.size(); ++i)
    if (!r.since || r.changes[i] || task::is_red(r.rows[i].now.state)) out.push_back(i);
  return out;
}

std::vector<std::string> change_words(std::uint8_t c) {
  std::vector<std::string> w;
  if (c & task::k_new) w.emplace_back(_("new"));
  if (c & task::k_new_red) w.emplace_back(_("newly red"));
  if (c & task::k_recovered) w.emplace_back(_("recovered"));
  if (c & task::k_done) w.emplace_back(_("done in the window"));
  if (c & task::k_escalated) w.emplace_back(_("escalation due"));
  return w;
}

std::vector<std::string> change_ids(std::uint8_t c) {
  std::vector<std::string> w;
  if (c & task::k_new) w.emplace_back("new");
  if (c & task::k_new_red) w.emplace_back("new-red");
  if (c & task::k_recovered) w.emplace_back("recovered");
  if (c & task::k_done) w.emplace_back("done");
  if (c & task::k_escalated) w.emplace_back("escalated");
  return w;
}

struct StepLine {
  const ruleset::EscalationStep* step = nullptr;
  task::Actor actor;
  date::Day due = 0;
  bool current = true;
};

// The escalation steps a row lists (`every`: the JSON's, all of them): the highest due
// (without a window), or those that fell
// due in the window.
std::vector<StepLine> steps_of(const TasksData& d, const task::Actors& actors, const task::Row& row,
                               bool every = false) {
  std::vector<StepLine> out;
  const auto& policy = d.report->policy;
  const auto& t = d.book->tasks[row.task];
  auto shown = row.steps_due;
  if (!every && !d.report->since && !shown.empty()) shown = {shown.back()};
  for (const auto& s : shown) {
    const auto& step = policy.escalation[static_cast<std::size_t>(s.step)];
    out.push_back({&step, actors.of(step, t), s.due, s.current});
  }
  return out;
}

std::string steps_text(const std::vector<StepLine>& steps, const task::Task& t) {
  std::vector<std::string> parts;
  for (const auto& s : steps)
    parts.push_back(s.current ? trf("{} by {} from {}", s.step->name, actor_text(*s.step, s.actor, t.owner),
                                    date::format(s.due))
                              : trf("{} by {} from {} (red run since ended)", s.step->name,
                                    actor_text(*s.step, s.actor, t.owner), date::format(s.due)));
  return text::join(parts, _("; "));
}

std::string counts_line(const task::Counts& c) {
  return trf("{} tasks: {} red ({} overdue), {} yellow, {} green, {} not started, {} done ({} late)", c.tasks,
             c.red + c.overdue, c.overdue, c.yellow, c.green, c.not_started, c.done + c.done_late,
             c.done_late);
}

std::vector<std::string> count_cells(const task::Counts& c) {
  return {std::to_string(c.tasks),      fmt::format("{}/{}/{}", c.green, c.yellow, c.red + c.overdue),
          std::to_string(c.overdue),    fmt::format("{}/{}", c.done_by_due, c.due),
          pct(c.completion_rate()),     pct(c.on_time_rate()),
          std::to_string(c.escalations)};
}

std::vector<std::string> count_head() {
  return {_("tasks"),      _("green/yellow/red"), _("overdue"),    _("done/due"),
          _("completion"), _("on time"),          _("escalations")};
}

std::string heading(const TasksData& d) {
  const auto& r = *d.report;
  std::string s = trf("Task list (任务清单) {} — as of {}", d.book->file, date::format(r.as_of));
  if (r.since) s += trf(", dispatch since {} (调度)", date::format(*r.since));
  return s;
}

std::string policy_line(const TasksData& d) {
  const auto& p = d.report->policy;
  std::string s = trf(
      "ruleset {}: yellow from {} points behind schedule, red above {}; escalation by days red: {}",
      d.ruleset_id, p.yellow_lag.str(), p.red_lag.str(),
      p.escalation.empty() ? std::string(_("no escalation ladder")) : [&] {
        std::vector<std::string> w;
        for (const auto& st : p.escalation) w.push_back(fmt::format("{} {}", st.name, st.after_days));
        return text::join(w, " → ");
      }());
  if (!p.verified) s += _(" (not verified: no official text fixes these)");
  return s;
}

std::vector<std::string> row_cells(const TasksData& d, const task::Actors& actors, const task::Row& row,
                                   std::uint8_t change) {
  const auto& t = d.book->tasks[row.task];
  const auto& s = row.now;
  std::vector<std::string> cells = {
      state_label(s.state),
      t.id,
      list_label(t.list),
      t.unit,
      t.owner,
      t.title,
      date::format(t.deadline),
      pct(s.expected),
      pct(s.reported),
      s.state == State::Done || s.state == State::DoneLate || s.state == State::NotStarted ? ""
                                                                                           : s.lag.fixed(1),
      task::is_red(s.state) ? std::to_string(s.days_red) : "",
      steps_text(steps_of(d, actors, row), t)};
  if (d.report->since) cells.push_back(text::join(change_words(change), _(", ")));
  return cells;
}

std::vector<std::string> row_head(const TasksData& d) {
  std::vector<std::string> h = {_("colour"),   _("id"),     _("list"),     _("unit"),
                                _("owner"),    _("title"),  _("deadline"), _("expected"),
                                _("reported"), _("behind"), _("days red"), _("escalation")};
  if (d.report->since) h.emplace_back(_("changes"));
  return h;
}

std::string unit_name(const TasksData& d, std::size_t u) {
  return u < d.unit_names.size() ? d.unit_names[u] : std::string();
}

// The counts that end every human format: by unit, by owner, by list (the lists that have
// tasks), each a label column or two and then count_cells.
struct Summary {
  const char* title;  // a msgid
  std::size_t labels;
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
};

std::vector<Summary> summaries(const TasksData& d) {
  const auto& r = *d.report;
  auto part = [](const char* title, std::vector<std::string> head) {
    Summary s{title, head.size(), std::move(head), {}};
    for (auto& h : count_head()) s.head.push_back(std::move(h));
    return s;
  };
  auto add = [](Summary& s, std::vector<std::string> row, const task::Counts& c) {
    for (auto& cell : count_cells(c)) row.push_back(std::move(cell));
    s.rows.push_back(std::move(row));
  };
  std::vector<Summary> out;
  out.push_back(part(N_("By unit"), {_("unit"), _("name")}));
  for (std::size_t u = 0; u < r.units.size(); ++u)
    add(out.back(), {r.units[u], unit_name(d, u)}, r.by_unit[u]);
  out.push_back(part(N_("By owner"), {_("owner")}));
  for (std::size_t o = 0; o < r.owners.size(); ++o)
    add(out.back(), {r.owners[o].empty() ? std::string(_("(no owner)")) : r.owners[o]}, r.by_owner[o]);
  out.push_back(part(N_("By list"), {_("list")}));
  for (std::size_t k = 0; k < task::k_list_kinds; ++k)
    if (r.by_list[k].tasks) add(out.back(), {list_label(static_cast<task::ListKind>(k))}, r.by_list[k]);
  return out;
}

void write_table(std::ostream& out, const TasksData& d) {
  const auto& r = *d.report;
  const task::Actors actors(d.chain, d.duties);
  out << heading(d) << '\n' << policy_line(d) << '\n' << counts_line(r.total) << "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (auto i : listed(r)) rows.push_back(row_cells(d, actors, r.rows[i], r.changes[i]));
  if (rows.empty()) {
    out << (r.since ? _("nothing changed in the window and nothing is red") : _("no tasks")) << "\n\n";
  } else {
    std::vector<bool> right(row_head(d).size());
    right[7] = right[8] = right[9] = right[10] = true;
    write_text_table(out, TextTable{row_head(d), rows, right});
    out << '\n';
  }
  const auto parts = summaries(d);
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (k) out << '\n';
    std::vector<bool> right(parts[k].head.size());
    for (std::size_t c = parts[k].labels; c < right.size(); ++c) right[c] = true;
    write_text_table(out, TextTable{parts[k].head, parts[k].rows, right});
  }
}

void write_markdown(std::ostream& out, const TasksData& d) {
  const auto& r = *d.report;
  const task::Actors actors(d.chain, d.duties);
  out << "# " << md_cell(heading(d)) << "\n\n- " << md_cell(policy_line(d)) << "\n- "
      << md_cell(counts_line(r.total)) << "\n\n";
  auto table = [&](const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
    write_markdown_table(out, head, rows);
    out << '\n';
  };
  std::vector<std::vector<std::string>> rows;
  for (auto i : listed(r)) rows.push_back(row_cells(d, actors, r.rows[i], r.changes[i]));
  out << "## " << md_cell(_("Tasks")) << "\n\n";
  table(row_head(d), rows);
  for (const auto& part : summaries(d)) {
    out << "## " << md_cell(_(part.title)) << "\n\n";
    table(part.head, part.rows);
  }
}

ordered_json counts_json(const task::Counts& c) {
  return {{"tasks", c.tasks},
          {"not_started", c.not_started},
          {"green", c.green},
          {"yellow", c.yellow},
          {"red", c.red},
          {"overdue", c.overdue},
          {"done", c.done},
          {"done_late", c.done_late},
          {"due", c.due},
          {"done_by_due", c.done_by_due},
          {"on_time", c.on_time},
          {"escalations", c.escalations},
          {"completion_rate", text::round_to(c.completion_rate().to_double(), 4)},
          {"on_time_rate", text::round_to(c.on_time_rate().to_double(), 4)}};
}

ordered_json status_json(const task::Status& s) {
  ordered_json j = {{"state", task::to_string(s.state)},
                    {"expected", text::round_to(s.expected.to_double(), 4)},
                    {"reported", text::round_to(s.reported.to_double(), 4)},
                    {"behind", text::round_to(s.lag.to_double(), 4)}};
  if (s.done_on != date::k_no_day) j["done_on"] = date::format(s.done_on);
  if (s.days_overdue) j["days_overdue"] = s.days_overdue;
  if (s.red_since != date::k_no_day) {
    j["red_since"] = date::format(s.red_since);
    j["days_red"] = s.days_red;
  }
  return j;
}

void write_json(std::ostream& out, const TasksData& d) {
  const auto& r = *d.report;
  const auto& b = *d.book;
  const task::Actors actors(d.chain, d.duties);
  ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", SAFEASSESS_VERSION}};
  j["tasks_file"] = {{"path", b.file},
                     {"sha256", b.sha256},
                     {"milestones", b.milestones_file},
                     {"progress", b.progress_file},
                     {"rows", b.tasks.size()},
                     {"milestone_rows", b.milestone_rows},
                     {"progress_rows", b.progress_rows}};
  j["as_of"] = date::format(r.as_of);
  j["since"] = r.since ? ordered_json(date::format(*r.since)) : ordered_json(nullptr);
  ordered_json ladder = ordered_json::array();
  for (const auto& s : r.policy.escalation)
    ladder.push_back({{"id", s.id}, {"name", s.name}, {"after_days", s.after_days}, {"actor", s.actor}});
  j["policy"] = {{"ruleset", d.ruleset_id},
                 {"yellow_lag", text::round_to(r.policy.yellow_lag.to_double(), 4)},
                 {"red_lag", text::round_to(r.policy.red_lag.to_double(), 4)},
                 {"verified", r.policy.verified},
                 {"escalation", std::move(ladder)}};
  j["total"] = counts_json(r.total);
  ordered_json tasks = ordered_json::array();
  for (auto i : listed(r)) {
    const auto& row = r.rows[i];
    const auto& t = b.tasks[row.task];
    ordered_json e = {{"id", t.id},
                      {"list", task::to_string(t.list)},
                      {"title", t.title},
                      {"unit", t.unit},
                      {"owner", t.owner},
                      {"lead", t.lead},
                      {"co", t.co},
                      {"source", t.source},
                      {"start", date::format(t.start)},
                      {"deadline", date::format(t.deadline)},
                      {"line", t.line},
                      {"status", status_json(row.now)}};
    if (r.since) {
      e["before"] = status_json(row.before);
      e["changes"] = change_ids(r.changes[i]);
    }
    ordered_json steps = ordered_json::array();
    for (const auto& s : steps_of(d, actors, row, true)) {
      auto step = actor_json(*s.step, s.actor, s.due);
      step["current"] = s.current;
      steps.push_back(std::move(step));
    }
    e["escalation"] = std::move(steps);
    tasks.push_back(std::move(e));
  }
  j["tasks"] = std::move(tasks);
  ordered_json units = ordered_json::array();
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    ordered_json e = {{"unit", r.units[u]}, {"name", unit_name(d, u)}};
    e.update(counts_json(r.by_unit[u]));
    units.push_back(std::move(e));
  }
  j["units"] = std::move(units);
  ordered_json owners = ordered_json::array();
  for (std::size_t o = 0; o < r.owners.size(); ++o) {
    ordered_json e = {{"owner", r.owners[o]}};
    e.update(counts_json(r.by_owner[o]));
    owners.push_back(std::move(e));
  }
  j["owners"] = std::move(owners);
  ordered_json lists = ordered_json::array();
  for (std::size_t k = 0; k < task::k_list_kinds; ++k) {
    ordered_json e = {{"list", task::to_string(static_cast<task::ListKind>(k))}};
    e.update(counts_json(r.by_list[k]));
    lists.push_back(std::move(e));
  }
  j["lists"] = std::move(lists);
  out << json_text(j, 2) << '\n';
}

// One row per task. The escalation columns give the highest step due (the most serious);
// steps_due counts them all (the JSON lists each). The change columns are 1 or 0 with a
// window and empty without one.
void write_csv(std::ostream& out, const TasksData& d) {
  const auto& r = *d.report;
  const task::Actors actors(d.chain, d.duties);
  out << "id,list,unit,owner,title,start,deadline,state,expected,reported,behind,days_overdue,red_since,days_"
         "red,steps_due,escalation,escalation_due,escalation_actor,escalation_unresolved,new,new_red,"
         "recovered,"
         "done_in_window,escalated\r\n";
  for (auto i : listed(r)) {
    const auto& row = r.rows[i];
    const auto& t = d.book->tasks[row.task];
    const auto& s = row.now;
    const auto steps = steps_of(d, actors, row);
    const StepLine* top = nullptr;
    for (const auto& st : steps)
      if (!top || st.step->after_days > top->step->after_days) top = &st;
    out << csv_field(t.id) << ',' << task::to_string(t.list) << ',' << csv_field(t.unit) << ','
        << csv_field(t.owner) << ',' << csv_field(t.title) << ',' << date::format(t.start) << ','
        << date::format(t.deadline) << ',' << task::to_string(s.state) << ',' << s.expected.fixed(4) << ','
        << s.reported.fixed(4) << ',' << s.lag.fixed(4) << ',' << s.days_overdue << ','
        << (s.red_since != date::k_no_day ? date::format(s.red_since) : "") << ',' << s.days_red << ','
        << row.steps_due.size() << ',';
    if (top)
      out << csv_field(top->step->id) << ',' << date::format(top->due) << ',' << csv_field(top->actor.id)
          << ',' << task::to_string(top->actor.unresolved);
    else
      out << ",,,";
    const auto c = r.changes[i];
    for (const auto bit :
         {task::k_new, task::k_new_red, task::k_recovered, task::k_done, task::k_escalated}) {
      out << ',';
      if (r.since) out << ((c & bit) ? '1' : '0');
    }
    out << "\r\n";
  }
}

}  // namespace

TaskTable task_table(const TasksData& d) {
  TaskTable t{row_head(d), {}};
  const task::Actors actors(d.chain, d.duties);
  for (auto i : listed(*d.report))
    t.rows.push_back(row_cells(d, actors, d.report->rows[i], d.report->changes[i]));
  return t;
}

void write_tasks(std::ostream& out, Format format, const TasksData& d) {
  switch (format) {
    case Format::Table:
      write_table(out, d);
      break;
    case Format::Json:
      write_json(out, d);
      break;
    case Format::Csv:
      write_csv(out, d);
      break;
    case Format::Markdown:
      write_markdown(out, d);
      break;
  }
}

}  // namespace safeassess::report
