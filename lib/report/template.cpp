#include "report/template.hpp"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ostream>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"
#include "report/xlsx_book.hpp"

namespace safeassess::report {

namespace {

using Kind = TemplateColumn::Kind;

// How many rows of each sheet carry the validation (Excel applies it to empty cells too).
constexpr lxw_row_t k_validated_rows = 5000;

std::string range_note(const ruleset::InputDef& in) {
  if (in.min && in.max) return trf("{} to {}", in.min->str(), in.max->str());
  if (in.min) return trf("at least {}", in.min->str());
  if (in.max) return trf("at most {}", in.max->str());
  return {};
}

TemplateColumn input_column(const ruleset::InputDef& in) {
  TemplateColumn c;
  c.header = in.name.empty() ? in.id : in.name;
  if (in.min) c.min = in.min->to_double();
  if (in.max) c.max = in.max->to_double();
  const std::string range = range_note(in);
  switch (in.type) {
    case ruleset::InputType::Boolean:
      c.kind = Kind::YesNo;
      c.list = {"是", "否"};
      c.note = trf("{}: 是 or 否", in.id);
      break;
    case ruleset::InputType::Count:
      c.kind = Kind::Whole;
      if (!c.min || *c.min < 0) c.min = 0;
      c.note = range.empty() ? trf("{}: a whole number, 0 or more", in.id)
                             : trf("{}: a whole number, {}", in.id, range);
      break;
    case ruleset::InputType::Percent:
      // 98.5% typed into Excel is the number 0.985: a range check on the cell would refuse
      // it, so the range is in the note only.
      c.kind = Kind::Decimal;
      c.min.reset();
      c.max.reset();
      c.note = range.empty() ? trf("{}: percent (98.5 or 98.5%)", in.id)
                             : trf("{}: percent (98.5 or 98.5%), {}", in.id, range);
      break;
    case ruleset::InputType::Number:
      c.kind = Kind::Decimal;
      c.note = range.empty() ? trf("{}: a number", in.id) : trf("{}: a number, {}", in.id, range);
      break;
  }
  return c;
}

// Derived inputs are computed, never asked for. Inputs a hazard ledger, an accident register
// or duty records can feed are asked for: the template's manifest names none of those.
bool asked(const ruleset::Ruleset& rules, std::size_t i) {
  return std::none_of(rules.derived.begin(), rules.derived.end(),
                      [&](const auto& d) { return d.first == i; });
}

}  // namespace

std::vector<TemplateTable> template_tables(const ruleset::Ruleset& rules, const assessment::Units* units) {
  std::vector<TemplateTable> tables;
  {
    TemplateTable t{"units", "单位", "units.csv", {}, {}};
    t.columns.push_back({"单位编号", _("unit id (required, unique)"), Kind::Text, {}, {}, {}, false});
    t.columns.push_back({"单位名称", _("unit name"), Kind::Text, {}, {}, {}, false});
    if (!rules.grouping.column.empty()) {
      TemplateColumn g{rules.grouping.column,
                       trf("the unit's group ({})", text::join(rules.grouping.groups, ", ")),
                       Kind::Text,
                       {},
                       {},
                       {},
                       false};
      if (!rules.grouping.groups.empty()) {
        g.kind = Kind::List;
        g.list = rules.grouping.groups;
      }
      t.columns.push_back(std::move(g));
    }
    if (units)
      for (std::size_t u = 0; u < units->size(); ++u) {
        std::vector<std::string> row{units->ids[u], units->names[u]};
        if (!rules.grouping.column.empty()) row.push_back(u < units->groups.size() ? units->groups[u] : "");
        t.rows.push_back(std::move(row));
      }
    tables.push_back(std::move(t));
  }
  {
    TemplateTable t{"indicators", "指标", "indicators.csv", {}, {}};
    t.columns.push_back({"单位编号", _("unit id, as in the units table"), Kind::Text, {}, {}, {}, true});
    std::vector<std::string> periods;
    for (const auto& p : rules.periods) periods.push_back(p.id);
    if (!periods.empty())
      t.columns.push_back(
          {"考核期", trf("period: {}", text::join(periods, ", ")), Kind::List, {}, {}, periods, false});
    for (std::size_t i = 0; i < rules.inputs.size(); ++i)
      if (asked(rules, i)) {
        TemplateColumn c = input_column(rules.inputs[i]);
        // A name two inputs share, or another input's id, would be ambiguous: head it by the id.
        const auto& in = rules.inputs[i];
        const bool shared = std::count_if(rules.inputs.begin(), rules.inputs.end(), [&](const auto& o) {
                              return o.name == in.name || o.id == in.name;
                            }) > 1;
        if (shared) c.header = in.id;
        t.columns.push_back(std::move(c));
      }
    if (units)
      for (std::size_t u = 0; u < units->size(); ++u) {
        if (periods.empty()) {
          t.rows.push_back({units->ids[u]});
        } else {
          for (const auto& p : periods) t.rows.push_back({units->ids[u], p});
        }
      }
    tables.push_back(std::move(t));
  }
  std::vector<std::string> items;
  bool numeric = true;
  double lo = 0, hi = 0;
  std::vector<std::string> labels;
  for (const auto& ind : rules.indicators)
    if (ind.method == ruleset::Method::Rating) {
      items.push_back(ind.id);
      if (!ind.scale.numeric) {
        numeric = false;
        for (const auto& [label, f] : ind.scale.grades)
          if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
      } else {
        lo = items.size() == 1 ? ind.scale.min.to_double() : std::min(lo, ind.scale.min.to_double());
        hi = items.size() == 1 ? ind.scale.max.to_double() : std::max(hi, ind.scale.max.to_double());
      }
    }
  if (!items.empty()) {
    TemplateTable t{"ratings", "专家评分", "ratings.csv", {}, {}};
    t.columns.push_back({"单位编号", _("unit id, as in the units table"), Kind::Text, {}, {}, {}, true});
    t.columns.push_back(
        {"指标", trf("rating indicator: {}", text::join(items, ", ")), Kind::List, {}, {}, items, false});
    t.columns.push_back(
        {"评分人", _("who gave the rating (one row per rater)"), Kind::Text, {}, {}, {}, false});
    if (numeric)
      t.columns.push_back({"评分", trf("a score from {} to {}", lo, hi), Kind::Decimal, lo, hi, {}, false});
    else if (std::none_of(rules.indicators.begin(), rules.indicators.end(), [](const auto& i) {
               return i.method == ruleset::Method::Rating && i.scale.numeric;
             }))
      t.columns.push_back(
          {"评分", trf("one of: {}", text::join(labels, ", ")), Kind::List, {}, {}, labels, false});
    else  // numeric scores for some items, grades for others: no one check fits the column
      t.columns.push_back(
          {"评分", trf("a score, or one of: {}", text::join(labels, ", ")), Kind::Text, {}, {}, {}, false});
    tables.push_back(std::move(t));
  }
  return tables;
}

void write_template_xlsx(const std::string& path, const std::string& shown, const std::string& title,
                         const std::vector<TemplateTable>& tables) {
  XlsxBook book(path, shown, title, 86400);  // fixed: the same ruleset gives the same template
  lxw_workbook* wb = book.get();
  lxw_format* head = book.head();
  auto check = [&](lxw_error err) { book.check(err); };
  lxw_format* note = workbook_add_format(wb);
  format_set_italic(note);
  format_set_font_color(note, 0x5B6472);
  format_set_text_wrap(note);
  format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* text_cell = workbook_add_format(wb);
  format_set_num_format(text_cell, "@");  // ids stay text: 001 is not 1
  for (const auto& table : tables) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, table.sheet.c_str());
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      const auto& col = table.columns[c];
      const auto cc = static_cast<lxw_col_t>(c);
      check(worksheet_write_string(ws, 0, cc, cell_text(col.header).c_str(), head));
      // The note row: its first cell starts with #, which the loaders skip.
      const std::string n = c == 0 ? "# " + col.note : col.note;
      check(worksheet_write_string(ws, 1, cc, cell_text(n).c_str(), note));
      const double width = static_cast<double>(
          std::clamp<std::size_t>(std::max(text::display_width(col.header) + 4,
                                           std::min<std::size_t>(text::display_width(n) / 2, 40)),
                                  12, 40));
      check(worksheet_set_column(ws, cc, cc, width, col.kind == Kind::Text ? text_cell : nullptr));
      lxw_data_validation dv{};
      std::vector<char*> values;  // libxlsxwriter's struct is not const-correct; it only reads them
      std::string message = cell_text(col.note);
      if (message.size() > 250) message.resize(250);  // Excel's limit for an input message is 255
      dv.input_message = message.data();
      dv.show_input = LXW_VALIDATION_ON;
      dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
      std::string error = cell_text(trf("{}: {}", col.header, col.note));
      if (error.size() > 250) error.resize(250);
      dv.error_message = error.data();
      bool validate = true;
      switch (col.kind) {
        case Kind::Text:
          // A unit id could be listed from the units sheet (LIST_FORMULA), but libxlsxwriter
          // 1.1.4 leaks that formula's copy; validate names an unknown unit at its cell instead.
          validate = false;
          break;
        case Kind::YesNo:
        case Kind::List:
          for (const auto& v : col.list) values.push_back(const_cast<char*>(v.c_str()));
          values.push_back(nullptr);
          dv.validate = LXW_VALIDATION_TYPE_LIST;
          dv.value_list = values.data();
          break;
        case Kind::Whole:
        case Kind::Decimal:
          dv.validate = col.kind == Kind::Whole ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
          if (col.min && col.max) {
            dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            dv.minimum_number = *col.min;
            dv.maximum_number = *col.max;
          } else if (col.min) {
            dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
            dv.value_number = *col.min;
          } else if (col.max) {
            dv.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO;
            dv.value_number = *col.max;
          } else {
            dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            dv.minimum_number = -1e15;
            dv.maximum_number = 1e15;
          }
          break;
      }
      // A list of more than 255 characters cannot be inline: leave such a column unchecked.
      std::size_t list_chars = 0;
      for (const auto& v : col.list) list_chars += v.size() + 1;
      if (validate && list_chars < 250)
        check(worksheet_data_validation_range(ws, 2, cc, k_validated_rows, cc, &dv));
    }
    lxw_row_t row = 2;
    for (const auto& cells : table.rows) {
      for (std::size_t c = 0; c < cells.size(); ++c)
        if (!cells[c].empty())
          check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), cell_text(cells[c]).c_str(),
                                       nullptr));
      ++row;
    }
    worksheet_freeze_panes(ws, 2, 1);
    book.print_ready(ws, 1, "", "");
  }
  book.close();
}

void write_template_csv(std::ostream& out, const TemplateTable& table) {
  out << "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << csv_field(cells[c]);
    out << "\r\n";
  };
  std::vector<std::string> head, notes;
  for (std::size_t c = 0; c < table.columns.size(); ++c) {
    head.push_back(table.columns[c].header);
    notes.push_back(c == 0 ? "# " + table.columns[c].note : table.columns[c].note);
  }
  line(head);
  line(notes);
  for (auto row : table.rows) {
    row.resize(table.columns.size());
    line(row);
  }
}

std::string template_manifest(const std::string& name, const std::string& period,
                              const std::string& ruleset_ref, const std::vector<TemplateTable>& tables,
                              const std::string& workbook) {
  auto quoted = [](const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  };
  std::string m =
      _("# Written by safeassess init. Fill in the tables, then:\n"
        "#   safeassess validate manifest.yaml       (every empty or wrong cell, at once)\n"
        "#   safeassess assess manifest.yaml -o report\n");
  m += fmt::format("assessment:\n  name: {}\n  period: {}\n", quoted(name), quoted(period));
  m += fmt::format("ruleset: {}\n", quoted(ruleset_ref));
  for (const auto& t : tables)
    m += fmt::format("{}: {}\n", t.role, quoted(workbook.empty() ? t.csv : workbook + "#" + t.sheet));
  return m;
}

}  // namespace safeassess::report
