#include "load/tasks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/cell.hpp"
#include "io/csv.hpp"
#include "io/yaml.hpp"

namespace safeassess::task {

namespace {

constexpr std::uint32_t k_none = 0xFFFFFFFF;

using Column = std::optional<std::size_t>;

// A date cell: nullopt (reported) when it is empty or does not parse.
std::optional<date::Day> date_cell(const io::CsvFile& f, Column c, long line, Diagnostics& d) {
  const auto s = f.cell(c);
  const auto& h = f.header();
  if (s.empty()) {
    d.error(h.cell(line, *c), trf("{}: empty date; write YYYY-MM-DD", h.column_label(*c)));
    return std::nullopt;
  }
  if (auto v = date::parse(s)) return v;
  d.error(h.cell(line, *c), trf("{}: {}", h.column_label(*c), date::why_not(s)));
  return std::nullopt;
}

// A percent from 0 to 100 ("60", "60%", "６０％"): nullopt (reported) otherwise.
std::optional<num::Decimal> percent_cell(const io::CsvFile& f, Column c, long line, bool positive,
                                         Diagnostics& d) {
  const auto s = f.cell(c);
  const auto& h = f.header();
  std::string buffer, why;
  const io::NumberForm form{true, {}};
  const auto plain = io::plain_number(s, form, buffer, why);
  std::optional<num::Decimal> v;
  if (plain) v = num::Decimal::parse(*plain);
  if (!v || *v < num::Decimal{} || *v > num::Decimal::of(100) || (positive && v->is_zero())) {
    d.error(h.cell(line, *c),
            trf("{}: expected a percent {} 100, got \"{}\"{}", h.column_label(*c),
                positive ? _("above 0 and up to") : _("from 0 to"), s, why.empty() ? "" : "; " + why));
    return std::nullopt;
  }
  return v;
}

// A table whose header has problems cannot be read: its problems join the earlier tables'
// (so that those are not lost), and reading stops.
void header_checked(const Diagnostics& header, Diagnostics& d) {
  if (header.empty()) return;
  for (const auto& x : header.items()) d.error(x.where, x.message);
  d.throw_if_any();
}

io::CsvFile open(TableText& t, io::Encoding enc) {
  return io::CsvFile(t.shown, std::move(t.bytes), enc);
}

}  // namespace

TaskBook read_tasks(TableText list, std::optional<TableText> milestones, std::optional<TableText> progress,
                    io::Encoding enc, const assessment::Units* units) {
  TaskBook book;
  book.file = list.shown;
  book.sha256 = hash::sha256_hex(list.bytes);
  Diagnostics d;
  std::unordered_map<std::string, std::uint32_t> index;
  {
    io::CsvFile f = open(list, enc);
    const auto& h = f.header();
    const auto c_id = h.require_any({"id", "任务编号"}, _("the task's identifier"), d);
    const auto c_list = h.require_any({"list", "清单"}, _("责任, 任务, 问题 or 整改 (the list it is on)"), d);
    const auto c_title = h.require_any({"title", "任务名称"}, _("what is to be done"), d);
    const auto c_unit = h.require_any({"unit", "单位编号"}, _("the assessed unit the task counts for"), d);
    const auto c_start = h.require_any({"start", "开始日期"}, _("the day work starts (YYYY-MM-DD)"), d);
    const auto c_deadline = h.require_any({"deadline", "完成时限"}, _("the day it is due (YYYY-MM-DD)"), d);
    d.throw_if_any();
    auto optional = [&](std::initializer_list<const char*> names) {
      return h.optional_any(std::vector<std::string>(names.begin(), names.end()), d);
    };
    const auto c_owner = optional({"owner", "责任岗位"});
    const auto c_lead = optional({"lead", "牵头单位"});
    const auto c_co = optional({"co", "配合单位"});
    const auto c_source = optional({"source", "来源"});
    d.throw_if_any();
    io::CsvReader& r = f.reader();
    while (r.next()) {
      const long line = r.line();
      Task t;
      t.line = line;
      t.id = std::string(f.cell(c_id));
      bool ok = true;
      if (t.id.empty()) {
        d.error(h.cell(line, *c_id), trf("{}: empty task id", h.column_label(*c_id)));
        ok = false;
      } else if (const auto [it, fresh] = index.emplace(t.id, static_cast<std::uint32_t>(book.tasks.size()));
                 !fresh) {
        d.error(h.cell(line, *c_id), trf("{}: task \"{}\" is already listed on line {}; one task, one row",
                                         h.column_label(*c_id), t.id, book.tasks[it->second].line));
        ok = false;
      }
      const auto kind_text = f.cell(c_list);
      if (const auto k = parse_list_kind(kind_text)) {
        t.list = *k;
      } else {
        d.error(
            h.cell(line, *c_list),
            trf("{}: \"{}\" is not a list; write 责任, 任务, 问题 or 整改 (responsibility, task, problem, "
                "rectification)",
                h.column_label(*c_list), kind_text));
        ok = false;
      }
      t.title = std::string(f.cell(c_title));
      if (t.title.empty()) {
        d.error(h.cell(line, *c_title),
                trf("{}: empty title; say what is to be done", h.column_label(*c_title)));
        ok = false;
      }
      t.unit = std::string(f.cell(c_unit));
      if (units) {
        if (const auto u = units->find(t.unit)) {
          t.unit_index = static_cast<std::uint32_t>(*u);
        } else {
          d.error(h.cell(line, *c_unit),
                  trf("{}: unit \"{}\" is not in the units file{}", h.column_label(*c_unit), t.unit,
                      text::did_you_mean(t.unit, units->ids)));
          ok = false;
        }
      } else if (t.unit.empty()) {
        d.error(h.cell(line, *c_unit), trf("{}: empty unit", h.column_label(*c_unit)));
        ok = false;
      }
      const auto start = date_cell(f, c_start, line, d);
      const auto deadline = date_cell(f, c_deadline, line, d);
      if (start && deadline && *deadline < *start) {
        d.error(h.cell(line, *c_deadline),
                trf("{}: the deadline {} is before the start {}", h.column_label(*c_deadline),
                    date::format(*deadline), date::format(*start)));
        ok = false;
      }
      if (!start || !deadline) ok = false;
      t.owner = std::string(f.cell(c_owner));
      t.lead = std::string(f.cell(c_lead));
      t.co = std::string(f.cell(c_co));
      t.source = std::string(f.cell(c_source));
      if (!ok) {
        if (!t.id.empty() && index.at(t.id) == book.tasks.size()) index.erase(t.id);
        continue;
      }
      t.start = *start;
      t.deadline = *deadline;
      book.tasks.push_back(std::move(t));
    }
  }
  auto task_of = [&](const io::CsvFile& f, Column c, long line) -> Task* {
    const std::string id(f.cell(c));
    const auto it = index.find(id);
    if (it != index.end()) return &book.tasks[it->second];
    const auto& h = f.header();
    std::vector<std::string> ids;
    if (book.tasks.size() <= 20000)
      for (const auto& t : book.tasks) ids.push_back(t.id);
    d.error(h.cell(line, *c), trf("{}: task \"{}\" is not in the task list {}{}", h.column_label(*c), id,
                                  book.file, text::did_you_mean(id, ids)));
    return nullptr;
  };
  if (milestones) {
    book.milestones_file = milestones->shown;
    io::CsvFile f = open(*milestones, enc);
    const auto& h = f.header();
    Diagnostics hd;  // the header's problems end this table; the list's are kept with them
    const auto c_task = h.require_any({"task", "任务编号"}, _("the task the milestone belongs to"), hd);
    const auto c_id = h.require_any({"id", "节点编号"}, _("the milestone's identifier within its task"), hd);
    const auto c_due = h.require_any({"due", "计划完成日期"}, _("the day it is due (YYYY-MM-DD)"), hd);
    const auto c_weight = h.require_any(
        {"weight", "权重"}, _("its share of the task in percent (a task's weights sum to 100)"), hd);
    const auto c_name = h.optional_any({"name", "节点名称"}, hd);
    header_checked(hd, d);
    std::unordered_map<const Task*, long> first_line;
    while (f.reader().next()) {
      const long line = f.reader().line();
      ++book.milestone_rows;
      Task* t = task_of(f, c_task, line);
      const auto due = date_cell(f, c_due, line, d);
      const auto weight = percent_cell(f, c_weight, line, true, d);
      const std::string id(f.cell(c_id));
      if (id.empty()) {
        d.error(h.cell(line, *c_id), trf("{}: empty milestone id", h.column_label(*c_id)));
        continue;
      }
      if (!t || !due || !weight) continue;
      first_line.emplace(t, line);
      for (const auto& m : t->milestones)
        if (m.id == id) {
          d.error(h.cell(line, *c_id), trf("{}: milestone \"{}\" of task \"{}\" is already listed on line {}",
                                           h.column_label(*c_id), id, t->id, m.line));
          t = nullptr;
          break;
        }
      if (!t) continue;
      if (*due < t->start || *due > t->deadline) {
        d.error(h.cell(line, *c_due), trf("{}: milestone \"{}\" is due {}, outside its task's span {} to {}",
                                          h.column_label(*c_due), id, date::format(*due),
                                          date::format(t->start), date::format(t->deadline)));
        continue;
      }
      t->milestones.push_back({id, std::string(f.cell(c_name)), *due, *weight, line});
    }
    for (auto& t : book.tasks) {
      if (t.milestones.empty()) continue;
      num::Decimal sum;
      for (const auto& m : t.milestones) sum = sum + m.weight;
      if (sum != num::Decimal::of(100))
        d.error(h.cell(first_line.at(&t), *c_weight), trf("{}: the milestones of task \"{}\" weigh {} in "
                                                          "all; their weights are percents of the task and "
                                                          "sum to 100",
                                                          h.column_label(*c_weight), t.id, sum.str()));
      std::stable_sort(t.milestones.begin(), t.milestones.end(),
                       [](const Milestone& a, const Milestone& b) { return a.due < b.due; });
    }
  }
  if (progress) {
    book.progress_file = progress->shown;
    io::CsvFile f = open(*progress, enc);
    const auto& h = f.header();
    Diagnostics hd;
    const auto c_task = h.require_any({"task", "任务编号"}, _("the task the report is for"), hd);
    const auto c_date = h.require_any({"date", "日期"}, _("the day of the report (YYYY-MM-DD)"), hd);
    const auto c_percent = h.optional_any({"percent", "完成进度"}, hd);
    const auto c_milestone = h.optional_any({"milestone", "节点编号"}, hd);
    const auto c_evidence = h.optional_any({"evidence", "佐证"}, hd);
    if (!c_percent && !c_milestone)
      hd.error(h.cell(1, 0), _("a progress file needs a \"percent\" (完成进度) or a \"milestone\" (节点编号) "
                               "column, or both"));
    header_checked(hd, d);
    while (f.reader().next()) {
      const long line = f.reader().line();
      ++book.progress_rows;
      Task* t = task_of(f, c_task, line);
      const auto day = date_cell(f, c_date, line, d);
      const bool has_percent = !f.cell(c_percent).empty();
      const bool has_milestone = !f.cell(c_milestone).empty();
      if (has_percent == has_milestone) {
        d.error(h.cell(line, has_percent ? *c_milestone : (c_percent ? *c_percent : *c_milestone)),
                has_percent ? _("give a percent or a milestone reached, not both")
                            : _("empty report: give the percent done or the milestone reached"));
        continue;
      }
      Progress p;
      p.line = line;
      p.evidence = std::string(f.cell(c_evidence));
      if (has_percent) {
        const auto v = percent_cell(f, c_percent, line, false, d);
        if (!v) continue;
        p.percent = *v;
      }
      if (!t || !day) continue;
      p.day = *day;
      if (*day < t->start) {
        d.error(h.cell(line, *c_date),
                trf("{}: the report is dated {}, before task \"{}\" starts on {}", h.column_label(*c_date),
                    date::format(*day), t->id, date::format(t->start)));
        continue;
      }
      if (has_milestone) {
        const std::string m(f.cell(c_milestone));
        const auto it = std::find_if(t->milestones.begin(), t->milestones.end(),
                                     [&](const Milestone& x) { return x.id == m; });
        if (it == t->milestones.end()) {
          std::vector<std::string> ids;
          for (const auto& x : t->milestones) ids.push_back(x.id);
          d.error(h.cell(line, *c_milestone),
                  t->milestones.empty()
                      ? trf("{}: task \"{}\" has no milestones; report its percent done",
                            h.column_label(*c_milestone), t->id)
                      : trf("{}: task \"{}\" has no milestone \"{}\"{}", h.column_label(*c_milestone), t->id,
                            m, text::did_you_mean(m, ids)));
          continue;
        }
        p.milestone = static_cast<std::uint32_t>(it - t->milestones.begin());
      }
      t->progress.push_back(std::move(p));
    }
  }
  d.throw_if_any();
  // Milestone reports become percents: the weights of every milestone reached by then, but
  // never less than the percent reported just before (reaching a milestone undoes no work;
  // a percent report stands as written).
  for (auto& t : book.tasks) {
    std::stable_sort(t.progress.begin(), t.progress.end(),
                     [](const Progress& a, const Progress& b) { return a.day < b.day; });
    std::vector<char> reached(t.milestones.size(), 0);
    num::Decimal cumulative, last;
    for (auto& p : t.progress) {
      if (p.milestone != k_none) {
        if (!reached[p.milestone]) {
          reached[p.milestone] = 1;
          cumulative = cumulative + t.milestones[p.milestone].weight;
        }
        p.percent = std::max(cumulative, last);
      }
      last = p.percent;
    }
  }
  return book;
}

}  // namespace safeassess::task

namespace safeassess::task {

namespace {

// One cell of a table generated from the YAML, and where its value stands in the YAML.
struct Origin {
  long line = 0, column = 0;
};

// A table generated from the YAML as CSV text, with the YAML place of every cell. A value
// may hold line breaks, so a record is known by the line it starts on, as the CSV reader
// names it.
struct Generated {
  std::vector<std::string> keys;
  std::string text;
  std::vector<std::vector<Origin>> at;  // per CSV line a record starts on (1 is the header), per column
  std::vector<long> map_line;           // per such line: the YAML line of the row's map
  long lines = 1;                       // physical lines so far

  explicit Generated(std::vector<std::string> k) : keys(std::move(k)) {
    for (std::size_t c = 0; c < keys.size(); ++c) text += (c ? "," : "") + keys[c];
    text += '\n';
    at.resize(2);  // line 0: none; line 1: the header
    map_line.resize(2);
  }
  // The YAML line of the record that starts on CSV line `line` (0 when none).
  [[nodiscard]] long yaml_line(long line) const {
    return line > 0 && static_cast<std::size_t>(line) < map_line.size()
               ? map_line[static_cast<std::size_t>(line)]
               : 0;
  }
  // A row from a YAML map: each key's scalar (empty when absent), placed at the scalar, or
  // at the map for an absent key.
  void row(const YAML::Node& map, const io::YamlReader& reader, const std::vector<std::string>& values) {
    std::vector<Origin> places;
    for (std::size_t c = 0; c < keys.size(); ++c) {
      const YAML::Node v = map[keys[c]];
      const auto where = reader.at(v.IsDefined() ? v : map);
      places.push_back({where.line, where.column});
      text += c ? ",\"" : "\"";
      for (char ch : values[c]) text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      text += '"';
    }
    text += '\n';
    const auto start = static_cast<std::size_t>(lines + 1);
    for (const auto& v : values) lines += std::count(v.begin(), v.end(), '\n');
    ++lines;
    at.resize(static_cast<std::size_t>(lines) + 1);
    map_line.resize(static_cast<std::size_t>(lines) + 1);
    at[start] = std::move(places);
    map_line[start] = reader.at(map).line;
  }
};

}  // namespace

TaskBook read_tasks_yaml(const std::string& display, const std::string& text,
                         const assessment::Units* units) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics d;
  io::YamlReader reader(display, text, d);
  static const std::vector<std::string> k_list_keys = {"id",   "list", "title",  "unit",  "owner",
                                                       "lead", "co",   "source", "start", "deadline"};
  Generated list(k_list_keys), milestones({"task", "id", "name", "due", "weight"}),
      progress({"task", "date", "percent", "milestone", "evidence"});
  bool any_milestone = false, any_progress = false;
  if (reader.expect_map(root, _("a task list"), {"tasks"})) {
    const YAML::Node tasks = root["tasks"];
    if (!tasks.IsDefined())
      reader.error(root, _("missing required key \"tasks\": the list of tasks"));
    else if (reader.expect_sequence(tasks, "\"tasks\""))
      for (const auto& t : tasks) {
        if (!reader.expect_map(t, _("a task"),
                               {"id", "list", "title", "unit", "owner", "lead", "co", "source", "start",
                                "deadline", "milestones", "progress"}))
          continue;
        std::vector<std::string> values;
        for (const auto& k : k_list_keys) values.push_back(reader.string(t, k.c_str(), false).value_or(""));
        list.row(t, reader, values);
        const std::string& id = values[0];
        if (const YAML::Node ms = t["milestones"];
            ms.IsDefined() && reader.expect_sequence(ms, "\"milestones\""))
          for (const auto& m : ms) {
            if (!reader.expect_map(m, _("a milestone"), {"id", "name", "due", "weight"})) continue;
            milestones.row(
                m, reader,
                {id, reader.string(m, "id", false).value_or(""), reader.string(m, "name", false).value_or(""),
                 reader.string(m, "due", false).value_or(""),
                 reader.string(m, "weight", false).value_or("")});
            any_milestone = true;
          }
        if (const YAML::Node ps = t["progress"]; ps.IsDefined() && reader.expect_sequence(ps, "\"progress\""))
          for (const auto& p : ps) {
            if (!reader.expect_map(p, _("a progress record"), {"date", "percent", "milestone", "evidence"}))
              continue;
            progress.row(p, reader,
                         {id, reader.string(p, "date", false).value_or(""),
                          reader.string(p, "percent", false).value_or(""),
                          reader.string(p, "milestone", false).value_or(""),
                          reader.string(p, "evidence", false).value_or("")});
            any_progress = true;
          }
      }
  }
  d.throw_if_any();
  // The tables are read as the CSV ones are; each problem is then placed in the YAML, and
  // named by its key rather than by a column of the generated table.
  const std::string list_name = display +
                                "\x1f"
                                "list",
                    ms_name = display +
                              "\x1f"
                              "milestones",
                    pr_name = display +
                              "\x1f"
                              "progress";
  try {
    auto book = read_tasks(
        {list_name, list.text},
        any_milestone ? std::optional<TableText>(TableText{ms_name, milestones.text}) : std::nullopt,
        any_progress ? std::optional<TableText>(TableText{pr_name, progress.text}) : std::nullopt,
        io::Encoding::Utf8, units);
    book.file = display;
    book.milestones_file = any_milestone ? display : "";
    book.progress_file = any_progress ? display : "";
    book.sha256 = hash::sha256_hex(text);
    // Rows are named by their line in the YAML.
    for (auto& t : book.tasks) {
      t.line = list.yaml_line(t.line);
      for (auto& m : t.milestones) m.line = milestones.yaml_line(m.line);
      for (auto& p : t.progress) p.line = progress.yaml_line(p.line);
    }
    return book;
  } catch (const InputError& e) {
    std::vector<Diagnostic> out;
    for (auto diag : e.diagnostics()) {
      const Generated* g = diag.where.file == list_name ? &list
                           : diag.where.file == ms_name ? &milestones
                           : diag.where.file == pr_name ? &progress
                                                        : nullptr;
      if (g) {
        diag.where.file = display;
        const auto line = static_cast<std::size_t>(diag.where.line);
        const auto col = diag.where.column > 0 ? static_cast<std::size_t>(diag.where.column - 1) : 0;
        if (line < g->at.size() && col < g->at[line].size()) {
          diag.where.line = g->at[line][col].line;
          diag.where.column = g->at[line][col].column;
        }
        for (std::size_t c = 0; c < g->keys.size(); ++c) {
          const std::string label = trf("column {} \"{}\"", text::column_letter(c + 1), g->keys[c]);
          for (auto at = diag.message.find(label); at != std::string::npos; at = diag.message.find(label))
            diag.message.replace(at, label.size(), "\"" + g->keys[c] + "\"");
        }
      }
      out.push_back(std::move(diag));
    }
    throw InputError(std::move(out), e.total());
  }
}

}  // namespace safeassess::task
