#include <fmt/format.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <ctime>

#include "core/date.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "report/assess_report.hpp"
#include "report/escape.hpp"
#include "report/ledger_report.hpp"

// The workbook of `assess` (assess_report.hpp): one sheet per table, streamed.

namespace safeassess::report {

void write_xlsx(const std::string& path, const std::string& shown, const AssessData& d) {
  const auto& a = *d.a;
  const auto& r = *d.r;
  lxw_workbook_options options{};
  // Rows are written in order, so each sheet streams to a temporary file instead of memory:
  // the workbook of a province costs megabytes, not gigabytes.
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  if (!wb) throw Error(fmt::format("cannot write {}: {}", shown, std::strerror(errno)));
  lxw_doc_properties props{};
  std::string title = cell_text(a.manifest.name);
  props.title = title.data();
  // A fixed creation time unless --timestamp asked for one: the same inputs give the same bytes.
  props.created = 0;
  if (d.timestamp)
    props.created = static_cast<time_t>(std::time(nullptr));
  else
    props.created = static_cast<time_t>(date::parse_period(a.manifest.period)
                                            ? 86400LL * date::parse_period(a.manifest.period)->last
                                            : 86400LL);
  workbook_set_properties(wb, &props);
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xE8ECF2);
  lxw_format* num = workbook_add_format(wb);
  format_set_num_format(num, a.rules.precision == 2 ? "0.00" : "0.####");
  auto sheet = [&](const char* name, const std::vector<std::string>& cols) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name);
    for (std::size_t c = 0; c < cols.size(); ++c)
      worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), cell_text(cols[c]).c_str(), head);
    worksheet_freeze_panes(ws, 1, 0);
    return ws;
  };
  auto str = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view s) {
    if (const lxw_error err = worksheet_write_string(ws, row, col, cell_text(s).c_str(), nullptr);
        err != LXW_NO_ERROR)
      throw Error(fmt::format("cannot write {}: {}", shown, lxw_strerror(err)));
  };
  auto dbl = [&](lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, double v) {
    if (std::isnan(v))
      worksheet_write_blank(ws, row, col, nullptr);
    else
      worksheet_write_number(ws, row, col, v, num);
  };
  {
    lxw_worksheet* ws = sheet("排名", {"排名", "单位编号", "单位名称", "总分", "等次", "一票否决", "约谈"});
    worksheet_set_column(ws, 2, 2, 16, nullptr);
    lxw_row_t row = 1;
    for (auto u : r.order) {
      std::vector<std::string> vetoes;
      for (auto v : r.vetoes[u]) vetoes.push_back(a.rules.vetoes[v].name);
      dbl(ws, row, 0, r.rank[u]);
      str(ws, row, 1, a.units.ids[u]);
      str(ws, row, 2, a.units.names[u]);
      dbl(ws, row, 3, r.total[u].to_double());
      str(ws, row, 4, a.rules.grades[r.grade[u]].name);
      str(ws, row, 5, text::join(vetoes, "；"));
      str(ws, row, 6, r.interview[u] ? "是" : "");
      ++row;
    }
  }
  {
    lxw_worksheet* ws =
        sheet("指标明细", {"单位编号", "单位名称", "类别", "指标编号", "指标", "得分", "满分", "达成度"});
    worksheet_set_column(ws, 4, 4, 28, nullptr);
    lxw_row_t row = 1;
    for (auto u : r.order)
      for (std::size_t i = 0; i < r.indicators; ++i, ++row) {
        const auto& def = a.rules.indicators[i];
        str(ws, row, 0, a.units.ids[u]);
        str(ws, row, 1, a.units.names[u]);
        str(ws, row, 2, a.rules.categories[def.category].name);
        str(ws, row, 3, def.id);
        str(ws, row, 4, def.name);
        dbl(ws, row, 5, r.outcome(u, i).points.to_double());
        dbl(ws, row, 6, def.points.to_double());
        dbl(ws, row, 7, r.outcome(u, i).achievement.round(4).to_double());
      }
  }
  if (d.has_chain()) {
    lxw_worksheet* ws = sheet("责任链缺口", {"类型", "kind", "节点", "说明"});
    worksheet_set_column(ws, 3, 3, 80, nullptr);
    lxw_row_t row = 1;
    for (const auto& g : d.analysis->gaps) {
      std::vector<std::string> ids;
      for (auto v : g.nodes) ids.push_back(a.chain->chain.ids[v]);
      str(ws, row, 0, chain::chinese(g.kind));
      str(ws, row, 1, chain::to_string(g.kind));
      str(ws, row, 2, text::join(ids, " "));
      str(ws, row, 3, g.why);
      ++row;
    }
  }
  if (d.has_duties()) {
    lxw_worksheet* ws = sheet("履职", {"岗位编号", "岗位", "角色", "层级", "考核单位", "应履职期数", "已履职",
                                       "无佐证", "履职率(%)"});
    const auto& c = a.chain->chain;
    const auto& comp = *a.chain->compliance;
    lxw_row_t row = 1;
    for (std::size_t v = 0; v < c.size(); ++v) {
      if (!comp.is_holder(v)) continue;
      const auto& role = a.chain->duties.roles[c.role[v]];
      const auto& t = comp.by_node[v];
      str(ws, row, 0, c.ids[v]);
      str(ws, row, 1, c.names[v]);
      str(ws, row, 2, role.name);
      str(ws, row, 3, duty::chinese(role.tier));
      str(ws, row, 4, c.unit[v] == chain::k_no_index ? "" : a.units.names[c.unit[v]]);
      dbl(ws, row, 5, static_cast<double>(t.due));
      dbl(ws, row, 6, static_cast<double>(t.met));
      dbl(ws, row, 7, static_cast<double>(t.unevidenced));
      dbl(ws, row, 8, t.due ? text::round_to(t.rate(), 2) : std::nan(""));
      ++row;
    }
  }
  if (d.ledger) {
    lxw_worksheet* ws = sheet("隐患", {"隐患编号", "单位", "企业", "行业", "等级", "发现日期", "整改期限",
                                       "状态", "逾期天数", "问题"});
    lxw_row_t row = 1;
    auto put = [&](const hazard::ListedHazard& x, std::string_view status) {
      str(ws, row, 0, x.id);
      str(ws, row, 1, x.unit);
      str(ws, row, 2, x.enterprise);
      str(ws, row, 3, x.industry);
      str(ws, row, 4, x.level == hazard::Level::Major ? "重大" : "一般");
      str(ws, row, 5, date::format(x.found));
      str(ws, row, 6, date::format(x.deadline));
      str(ws, row, 7, status);
      dbl(ws, row, 8, x.days_overdue);
      str(ws, row, 9, text::join(x.problems, "；"));
      ++row;
    };
    for (const auto& x : d.ledger->overdue) put(x, fmt::format("逾期（{}）", colour_name(x.colour)));
    for (const auto& x : d.ledger->invalid) put(x, "销号无效");
  }
  if (d.risks) {
    lxw_worksheet* ws = sheet("风险", {"单位", "编号", "风险点", "分值", "等级", "颜色"});
    worksheet_set_column(ws, 2, 2, 30, nullptr);
    lxw_row_t row = 1;
    for (const auto& p : d.risks->points) {
      const auto& level = d.matrix->levels[p.level];
      str(ws, row, 0, p.unit);
      str(ws, row, 1, p.id);
      str(ws, row, 2, p.name);
      dbl(ws, row, 3, p.score);
      str(ws, row, 4, level.name);
      str(ws, row, 5, level.colour);
      ++row;
    }
  }
  if (const lxw_error err = workbook_close(wb); err != LXW_NO_ERROR)
    throw Error(fmt::format("cannot write {}: {}", shown, lxw_strerror(err)));
}

}  // namespace safeassess::report
