#include "report/ledger_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/accounting.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/labels.hpp"
#include "report/tasks_report.hpp"
#include "report/text_table.hpp"

namespace safeassess::report {

using hazard::Colour;
using hazard::ExtensionProblem;
using hazard::Level;
using hazard::ListedHazard;
using hazard::Tally;
using nlohmann::ordered_json;

std::string colour_name(Colour c) {
  return label(c);
}

// The escalation step due for an overdue hazard, for a reader ("" when none).
std::string hazard_escalation_text(const hazard::LedgerReport& r, const ListedHazard& h,
                                   const task::Actors& actors) {
  if (h.step < 0) return "";
  const auto& step = r.policy.escalation[static_cast<std::size_t>(h.step)];
  return trf("{} by {} from {}", step.name,
             actor_text(step, actors.of_enterprise(step, h.enterprise), h.enterprise, true),
             date::format(h.step_due));
}

namespace {

const char* colour_id(Colour c) {
  switch (c) {
    case Colour::Green:
      return "green";
    case Colour::Yellow:
      return "yellow";
    case Colour::Red:
      return "red";
  }
  return "";
}

const char* level_id(Level l) {
  return l == Level::Major ? "major" : "general";
}

std::string status_text(const ListedHazard& h) {
  if (h.is_open)
    return h.days_overdue > 0 ? trf("{} days overdue ({})", h.days_overdue, label(h.colour))
                              : trf("being rectified ({})", label(h.colour));
  return h.rectified_not_closed ? _("rectified, not yet closed") : _("closed");
}

// The 督办 record of a supervised hazard, when the ledger has one: level, body, 挂牌 and 摘牌.
std::string supervision_text(const ListedHazard& h) {
  std::vector<std::string> parts;
  if (!h.supervision_level.empty()) parts.push_back(h.supervision_level);
  if (!h.supervised_by.empty()) parts.push_back(h.supervised_by);
  if (h.listed_on != date::k_no_day) parts.push_back(trf("listed {}", date::format(h.listed_on)));
  if (h.delisted_on != date::k_no_day) parts.push_back(trf("delisted {}", date::format(h.delisted_on)));
  return text::join(parts, _(", "));
}

// Why an extension did not move the deadline, for a reader.
std::string extension_problem(const ListedHazard& h) {
  const auto& e = *h.extension;
  switch (e.why_not) {
    case ExtensionProblem::None:
      return "";
    case ExtensionProblem::RequestedAfterAsOf:
      return trf("requested on {}, after the as-of date", date::format(e.requested));
    case ExtensionProblem::RequestedLate:
      return trf("requested on {}, after the deadline {} had passed", date::format(e.requested),
                 date::format(h.original_deadline));
    case ExtensionProblem::NotApproved:
      return _("not approved");
    case ExtensionProblem::ApprovedAfterAsOf:
      return trf("approved on {}, after the as-of date", date::format(e.approved));
    case ExtensionProblem::NoApprover:
      return _("approved by no named body (延期批准单位)");
  }
  return "";
}

// An extension (延期): what was asked, who approved it, and whether it moved the deadline.
std::string extension_text(const ListedHazard& h) {
  const auto& e = *h.extension;
  const std::string asked = trf("{} → {}, requested {}", date::format(h.original_deadline),
                                date::format(e.new_deadline), date::format(e.requested));
  const std::string approval =
      e.approved != date::k_no_day
          ? trf("approved {} by {}", date::format(e.approved), e.approved_by.empty() ? "—" : e.approved_by)
          : std::string(_("not approved"));
  return e.valid() ? trf("{}; {}; deadline moved", asked, approval)
                   : trf("{}; {}; deadline not moved: {}", asked, approval, extension_problem(h));
}

// 存量/增量 per unit: open at the period's start and done since; found within it and done.
std::vector<std::string> stock_cells(const Tally& t) {
  return {fmt::format("{}/{}", t.stock_done[0], t.stock[0]),
          fmt::format("{}/{}", t.stock_done[1], t.stock[1]),
          fmt::format("{}/{}", t.increment_done[0], t.increment[0]),
          fmt::format("{}/{}", t.increment_done[1], t.increment[1])};
}
std::vector<std::string> stock_head() {
  return {_("stock major done/open at start"), _("stock general done/open at start"),
          _("new major done/found"), _("new general done/found")};
}
std::string channel_label(hazard::Channel c) {
  return i18n::current() == i18n::Lang::Zh ? std::string(hazard::chinese(c))
                                           : std::string(hazard::to_string(c));
}

std::string rate_text(const Tally& t, Level l) {
  const auto i = static_cast<std::size_t>(l);
  return t.found[i] == 0 ? "—" : text::fixed(t.rate(l), 2) + "%";
}

std::vector<std::string> tally_cells(const Tally& t) {
  return {fmt::format("{}/{}", t.done[0], t.found[0]),
          rate_text(t, Level::Major),
          fmt::format("{}/{}", t.done[1], t.found[1]),
          rate_text(t, Level::General),
          std::to_string(t.overdue[0]),
          std::to_string(t.overdue[1]),
          fmt::format("{}/{}/{}", t.colour[0], t.colour[1], t.colour[2]),
          std::to_string(t.invalid_closures),
          std::to_string(t.supervised)};
}

void table(std::ostream& out, const std::vector<std::string>& head,
           const std::vector<std::vector<std::string>>& rows, std::size_t left_columns) {
  std::vector<bool> right(head.size());
  for (std::size_t c = left_columns; c < head.size(); ++c) right[c] = true;
  write_text_table(out, TextTable{head, rows, right});
}

// The headers of tally_cells' columns.
std::vector<std::string> tally_head() {
  return {_("major closed/total"), _("major rate"),       _("general rectified/total"),
          _("general rate"),       _("overdue major"),    _("overdue general"),
          _("green/yellow/red"),   _("invalid closures"), _("under supervision")};
}

// The 存量/增量 table (per unit, then all units) and the table by channel, for the table and
// the Markdown writers.
using Rows = std::vector<std::vector<std::string>>;
std::pair<std::vector<std::string>, Rows> stock_table(const hazard::LedgerReport& r,
                                                      const std::vector<std::string>& names) {
  std::vector<std::string> cols = {_("unit"), _("name")};
  for (auto& heading : stock_head()) cols.push_back(std::move(heading));
  Rows lines;
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    std::vector<std::string> entry = {r.units[u], u < names.size() ? names[u] : ""};
    for (auto& value : stock_cells(r.by_unit[u])) entry.push_back(std::move(value));
    lines.push_back(std::move(entry));
  }
  std::vector<std::string> sum = {_("all units"), ""};
  for (auto& value : stock_cells(r.total)) sum.push_back(std::move(value));
  lines.push_back(std::move(sum));
  return {std::move(cols), std::move(lines)};
}

std::pair<std::vector<std::string>, Rows> channel_table(const hazard::LedgerReport& r) {
  std::vector<std::string> cols = {_("channel")};
  for (auto& heading : tally_head()) cols.push_back(std::move(heading));
  Rows lines;
  for (std::size_t ch = 0; ch < hazard::k_channels; ++ch) {
    if (r.by_channel[ch].found[0] + r.by_channel[ch].found[1] == 0) continue;
    std::vector<std::string> entry = {channel_label(static_cast<hazard::Channel>(ch))};
    for (auto& value : tally_cells(r.by_channel[ch])) entry.push_back(std::move(value));
    lines.push_back(std::move(entry));
  }
  return {std::move(cols), std::move(lines)};
}

void write_table(std::ostream& out, const hazard::LedgerReport& r, const std::vector<std::string>& names,
                 const std::string& ruleset_id, const task::Actors& actors) {
  const auto tally_heads = tally_head();
  out << trf("Hazard ledger (隐患台账) {} — as of {} (ruleset {}: yellow ≥ {} days overdue, red ≥ {})",
             r.file, date::format(r.as_of), ruleset_id, r.policy.yellow_after_days, r.policy.red_after_days)
      << '\n';
  const std::string hazards = r.rows == 1 ? std::string(_("1 hazard")) : trf("{} hazards", r.rows);
  if (r.found_after)
    out << trf("{}, of which {} found after the as-of date and not counted", hazards, r.found_after);
  else
    out << hazards;
  out << "\n\n";
  std::vector<std::string> head = {_("unit"), _("name")};
  head.insert(head.end(), tally_heads.begin(), tally_heads.end());
  std::vector<std::vector<std::string>> rows;
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    std::vector<std::string> row = {r.units[u], u < names.size() ? names[u] : ""};
    for (auto& c : tally_cells(r.by_unit[u])) row.push_back(std::move(c));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> total = {_("all units"), ""};
  for (auto& c : tally_cells(r.total)) total.push_back(std::move(c));
  rows.push_back(std::move(total));
  table(out, head, rows, 2);
  out << '\n';
  head = {_("industry")};
  head.insert(head.end(), tally_heads.begin(), tally_heads.end());
  rows.clear();
  for (std::size_t i = 0; i < r.industries.size(); ++i) {
    std::vector<std::string> row = {r.industries[i].empty() ? _("(not filled in)") : r.industries[i]};
    for (auto& c : tally_cells(r.by_industry[i])) row.push_back(std::move(c));
    rows.push_back(std::move(row));
  }
  table(out, head, rows, 1);
  out << '\n' << trf("Overdue hazards (逾期隐患): {}", r.overdue.size()) << '\n';
  for (const auto& h : r.overdue) {
    out << "  "
        << trf("{}  {}  {}  {}  {}  deadline {}  {} days overdue", label(h.colour), h.id, h.unit,
               h.enterprise, label(h.level), date::format(h.deadline), h.days_overdue);
    if (h.step >= 0) out << "  " << hazard_escalation_text(r, h, actors);
    out << '\n';
  }
  out << '\n' << trf("Invalid closures (无效销号): {}", r.invalid.size()) << '\n';
  for (const auto& h : r.invalid)
    out << "  " << h.id << "  " << h.unit << "  " << h.enterprise << "  "
        << trf("{}: {}", label(h.level), text::join(h.problems, _("; "))) << '\n';
  out << '\n' << trf("Under supervision (挂牌督办): {}", r.supervised.size()) << '\n';
  for (const auto& h : r.supervised) {
    out << "  " << h.id << "  " << h.unit << "  " << h.enterprise << "  " << label(h.level) << "  ";
    if (!h.supervision.empty()) out << h.supervision << "  ";
    out << status_text(h);
    if (const auto s = supervision_text(h); !s.empty()) out << "  (" << s << ')';
    out << '\n';
  }
  if (r.period) {
    out << '\n'
        << trf("Stock and new hazards (存量/增量): open on {} and found from then to {}",
               date::format(r.period->first), date::format(r.period->last))
        << '\n';
    const auto [cols, lines] = stock_table(r, names);
    table(out, cols, lines, 2);
  }
  if (r.has_channels) {
    out << '\n' << _("By channel (来源渠道)") << '\n';
    const auto [cols, lines] = channel_table(r);
    table(out, cols, lines, 1);
  }
  if (!r.not_delisted.empty()) {
    out << '\n'
        << trf("Closed without 摘牌 (supervised, closed, not delisted): {}", r.not_delisted.size()) << '\n';
    for (const auto& h : r.not_delisted)
      out << "  " << h.id << "  " << h.unit << "  " << h.enterprise << "  " << label(h.level) << "  "
          << (supervision_text(h).empty() ? h.supervision : supervision_text(h)) << '\n';
  }
  if (!r.extended.empty()) {
    out << '\n' << trf("Extensions (延期): {}", r.extended.size()) << '\n';
    for (const auto& h : r.extended)
      out << "  " << h.id << "  " << h.unit << "  " << h.enterprise << "  " << label(h.level) << "  "
          << extension_text(h) << '\n';
  }
}

ordered_json tally_json(const Tally& t) {
  ordered_json j;
  for (auto l : {Level::Major, Level::General}) {
    const auto i = static_cast<std::size_t>(l);
    j[level_id(l)] = {{"found", t.found[i]},
                      {"done", t.done[i]},
                      {"open", t.open[i]},
                      {"overdue", t.overdue[i]},
                      {"rate", text::round_to(t.rate(l), 4)}};
  }
  j["colours"] = {{"green", t.colour[0]}, {"yellow", t.colour[1]}, {"red", t.colour[2]}};
  j["invalid_closures"] = t.invalid_closures;
  j["supervised"] = t.supervised;
  j["stock"] = {{"major", {{"open_at_start", t.stock[0]}, {"done", t.stock_done[0]}}},
                {"general", {{"open_at_start", t.stock[1]}, {"done", t.stock_done[1]}}}};
  j["increment"] = {{"major", {{"found", t.increment[0]}, {"done", t.increment_done[0]}}},
                    {"general", {{"found", t.increment[1]}, {"done", t.increment_done[1]}}}};
  return j;
}

ordered_json hazard_json(const hazard::LedgerReport& r, const ListedHazard& h, const task::Actors& actors) {
  ordered_json j = {{"id", h.id},
                    {"unit", h.unit},
                    {"enterprise", h.enterprise},
                    {"industry", h.industry},
                    {"level", level_id(h.level)},
                    {"found", date::format(h.found)},
                    {"deadline", date::format(h.deadline)},
                    {"line", h.line},
                    {"open", h.is_open},
                    {"days_overdue", h.days_overdue}};
  if (h.is_open) j["colour"] = colour_id(h.colour);
  if (h.step >= 0) {
    const auto& step = r.policy.escalation[static_cast<std::size_t>(h.step)];
    j["escalation"] = actor_json(step, actors.of_enterprise(step, h.enterprise), h.step_due);
  }
  if (!h.supervision.empty()) j["supervision"] = h.supervision;
  if (!h.supervision_level.empty()) j["supervision_level"] = h.supervision_level;
  if (!h.supervised_by.empty()) j["supervised_by"] = h.supervised_by;
  if (h.listed_on != date::k_no_day) j["listed"] = date::format(h.listed_on);
  if (h.delisted_on != date::k_no_day) j["delisted"] = date::format(h.delisted_on);
  if (h.extension) {
    const auto& e = *h.extension;
    j["original_deadline"] = date::format(h.original_deadline);
    j["extension"] = {{"requested", date::format(e.requested)},
                      {"approved", e.approved != date::k_no_day ? ordered_json(date::format(e.approved))
                                                                : ordered_json(nullptr)},
                      {"approved_by", e.approved_by},
                      {"new_deadline", date::format(e.new_deadline)},
                      {"valid", e.valid()},
                      {"why_not", e.valid() ? ordered_json(nullptr) : ordered_json(to_string(e.why_not))}};
  }
  if (!h.problems.empty()) j["problems"] = h.problems;
  return j;
}

void write_json(std::ostream& out, const hazard::LedgerReport& r, const std::vector<std::string>& names,
                const std::string& ruleset_id, const task::Actors& actors) {
  ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", SAFEASSESS_VERSION}};
  j["ledger"] = {
      {"path", r.file},
      {"sha256", r.sha256},
      {"as_of", date::format(r.as_of)},
      {"rows", r.rows},
      {"found_after_as_of", r.found_after},
      {"accounting", accounting_json(RowAccount::with_excluded(
                         r.rows, r.found_after, "found after the as-of date " + date::format(r.as_of)))}};
  j["policy"] = {{"ruleset", ruleset_id},
                 {"yellow_after_days", r.policy.yellow_after_days},
                 {"red_after_days", r.policy.red_after_days},
                 {"three_party_major", r.policy.three_party_major},
                 {"three_party_general", r.policy.three_party_general},
                 {"escalation_verified", r.policy.verified},
                 {"escalation", [&] {
                    ordered_json ladder = ordered_json::array();
                    for (const auto& s : r.policy.escalation)
                      ladder.push_back(
                          {{"id", s.id}, {"name", s.name}, {"after_days", s.after_days}, {"actor", s.actor}});
                    return ladder;
                  }()}};
  ordered_json units = ordered_json::array();
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    ordered_json t = tally_json(r.by_unit[u]);
    ordered_json e = {{"unit", r.units[u]}, {"name", u < names.size() ? names[u] : ""}};
    e.update(t);
    units.push_back(std::move(e));
  }
  j["units"] = std::move(units);
  ordered_json inds = ordered_json::array();
  for (std::size_t i = 0; i < r.industries.size(); ++i) {
    ordered_json e = {{"industry", r.industries[i]}};
    e.update(tally_json(r.by_industry[i]));
    inds.push_back(std::move(e));
  }
  j["industries"] = std::move(inds);
  j["total"] = tally_json(r.total);
  j["period_start"] = r.period ? ordered_json(date::format(r.period->first)) : ordered_json(nullptr);
  j["period_end"] = r.period ? ordered_json(date::format(r.period->last)) : ordered_json(nullptr);
  if (r.has_channels) {
    ordered_json chans = ordered_json::array();
    for (std::size_t c = 0; c < hazard::k_channels; ++c) {
      ordered_json e = {{"channel", hazard::to_string(static_cast<hazard::Channel>(c))}};
      e.update(tally_json(r.by_channel[c]));
      chans.push_back(std::move(e));
    }
    j["channels"] = std::move(chans);
  }
  for (auto [key, list] : {std::pair{"overdue", &r.overdue}, std::pair{"invalid_closures", &r.invalid},
                           std::pair{"supervised", &r.supervised}, std::pair{"extended", &r.extended},
                           std::pair{"not_delisted", &r.not_delisted}}) {
    ordered_json a = ordered_json::array();
    for (const auto& h : *list) a.push_back(hazard_json(r, h, actors));
    j[key] = std::move(a);
  }
  out << json_text(j, 2) << '\n';
}

void write_csv(std::ostream& out, const hazard::LedgerReport& r, const std::vector<std::string>& names) {
  out << "unit,name,major_found,major_closed,major_rate,general_found,general_rectified,general_rate,overdue_"
         "major,"
         "overdue_general,green,yellow,red,invalid_closures,supervised\r\n";
  auto row = [&](const std::string& unit, const std::string& name, const Tally& t) {
    out << csv_field(unit) << ',' << csv_field(name) << ',' << t.found[0] << ',' << t.done[0] << ','
        << text::fixed(t.rate(Level::Major), 2) << ',' << t.found[1] << ',' << t.done[1] << ','
        << text::fixed(t.rate(Level::General), 2) << ',' << t.overdue[0] << ',' << t.overdue[1] << ','
        << t.colour[0] << ',' << t.colour[1] << ',' << t.colour[2] << ',' << t.invalid_closures << ','
        << t.supervised << "\r\n";
  };
  for (std::size_t u = 0; u < r.units.size(); ++u)
    row(r.units[u], u < names.size() ? names[u] : "", r.by_unit[u]);
}

void write_markdown(std::ostream& out, const hazard::LedgerReport& r, const std::vector<std::string>& names,
                    const std::string& ruleset_id, const task::Actors& actors) {
  const auto tally_heads = tally_head();
  auto th = [](const char* text) { return fmt::format(" {} |", text); };
  out << "# " << _("Hazard ledger (隐患台账)") << "\n\n- "
      << trf("ledger: `{}`, sha256 `{}`", md_cell(r.file), r.sha256) << "\n- "
      << trf("as of: {}", date::format(r.as_of)) << "\n- "
      << trf("status colours (ruleset `{}`): yellow ≥ {} days overdue, red ≥ {}", ruleset_id,
             r.policy.yellow_after_days, r.policy.red_after_days)
      << "\n\n## " << _("By unit") << "\n\n|" << th(_("unit")) << th(_("name"));
  for (const auto& h : tally_heads) out << ' ' << h << " |";
  out << "\n|---|---|";
  for (std::size_t k = 0; k < tally_heads.size(); ++k) out << "---:|";
  out << '\n';
  for (std::size_t u = 0; u < r.units.size(); ++u) {
    out << "| " << md_cell(r.units[u]) << " | " << md_cell(u < names.size() ? names[u] : "") << " |";
    for (const auto& c : tally_cells(r.by_unit[u])) out << ' ' << md_cell(c) << " |";
    out << '\n';
  }
  // The escalation column only with a ladder.
  const bool ladder = !r.policy.escalation.empty();
  out << "\n## " << _("Overdue hazards (逾期隐患)") << "\n\n|" << th(_("colour")) << th(_("id"))
      << th(_("unit")) << th(_("enterprise")) << th(_("level")) << th(_("deadline")) << th(_("days overdue"));
  if (ladder) out << th(_("escalation"));
  out << "\n|---|---|---|---|---|---|---:|" << (ladder ? "---|" : "") << '\n';
  for (const auto& h : r.overdue) {
    out << "| " << label(h.colour) << " | " << md_cell(h.id) << " | " << md_cell(h.unit) << " | "
        << md_cell(h.enterprise) << " | " << label(h.level) << " | " << date::format(h.deadline) << " | "
        << h.days_overdue << " |";
    if (ladder) out << ' ' << md_cell(hazard_escalation_text(r, h, actors)) << " |";
    out << '\n';
  }
  out << "\n## " << _("Invalid closures (无效销号)") << "\n\n|" << th(_("id")) << th(_("unit"))
      << th(_("enterprise")) << th(_("level")) << th(_("problems")) << "\n|---|---|---|---|---|\n";
  for (const auto& h : r.invalid)
    out << "| " << md_cell(h.id) << " | " << md_cell(h.unit) << " | " << md_cell(h.enterprise) << " | "
        << label(h.level) << " | " << md_cell(text::join(h.problems, _("; "))) << " |\n";
  out << "\n## " << _("Under supervision (挂牌督办)") << "\n\n|" << th(_("id")) << th(_("unit"))
      << th(_("enterprise")) << th(_("level")) << th(_("supervision")) << th(_("status"))
      << "\n|---|---|---|---|---|---|\n";
  for (const auto& h : r.supervised) {
    std::string sup = h.supervision;
    if (const auto s = supervision_text(h); !s.empty()) sup += " (" + s + ")";
    out << "| " << md_cell(h.id) << " | " << md_cell(h.unit) << " | " << md_cell(h.enterprise) << " | "
        << label(h.level) << " | " << md_cell(sup) << " | " << status_text(h) << " |\n";
  }
  // A table of a label column (or two), then right-aligned counts.
  auto md_table = [&](const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                      std::size_t labels) { write_markdown_table(out, head, rows, labels); };
  if (r.period) {
    out << "\n## "
        << md_cell(trf("Stock and new hazards (存量/增量): open on {} and found from then to {}",
                       date::format(r.period->first), date::format(r.period->last)))
        << "\n\n";
    const auto [cols, lines] = stock_table(r, names);
    md_table(cols, lines, 2);
  }
  if (r.has_channels) {
    out << "\n## " << _("By channel (来源渠道)") << "\n\n";
    const auto [cols, lines] = channel_table(r);
    md_table(cols, lines, 1);
  }
  if (!r.not_delisted.empty()) {
    out << "\n## " << _("Closed without 摘牌") << "\n\n|" << th(_("id")) << th(_("unit"))
        << th(_("enterprise")) << th(_("level")) << th(_("supervision")) << "\n|---|---|---|---|---|\n";
    for (const auto& h : r.not_delisted)
      out << "| " << md_cell(h.id) << " | " << md_cell(h.unit) << " | " << md_cell(h.enterprise) << " | "
          << label(h.level) << " | " << md_cell(h.supervision + " " + supervision_text(h)) << " |\n";
  }
  if (!r.extended.empty()) {
    out << "\n## " << _("Extensions (延期)") << "\n\n|" << th(_("id")) << th(_("unit")) << th(_("enterprise"))
        << th(_("level")) << th(_("extension")) << "\n|---|---|---|---|---|\n";
    for (const auto& h : r.extended)
      out << "| " << md_cell(h.id) << " | " << md_cell(h.unit) << " | " << md_cell(h.enterprise) << " | "
          << label(h.level) << " | " << md_cell(extension_text(h)) << " |\n";
  }
}

}  // namespace

void write_ledger(std::ostream& out, Format format, const hazard::LedgerReport& report,
                  const std::vector<std::string>& names, const std::string& ruleset_id,
                  const task::Actors* actors) {
  const task::Actors none(nullptr, nullptr);
  const task::Actors& who = actors ? *actors : none;
  switch (format) {
    case Format::Table:
      write_table(out, report, names, ruleset_id, who);
      break;
    case Format::Json:
      write_json(out, report, names, ruleset_id, who);
      break;
    case Format::Csv:
      write_csv(out, report, names);
      break;
    case Format::Markdown:
      write_markdown(out, report, names, ruleset_id, who);
      break;
  }
}

}  // namespace safeassess::report
