#include "hazard/ledger.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace safeassess::hazard {

double Tally::rate(Level level) const {
  const auto l = static_cast<std::size_t>(level);
  return found[l] == 0 ? 100.0 : 100.0 * static_cast<double>(done[l]) / static_cast<double>(found[l]);
}

void Tally::add(const Tally& o) {
  for (std::size_t l = 0; l < 2; ++l) {
    found[l] += o.found[l];
    done[l] += o.done[l];
    open[l] += o.open[l];
    overdue[l] += o.overdue[l];
  }
  for (std::size_t c = 0; c < 3; ++c) colour[c] += o.colour[c];
  invalid_closures += o.invalid_closures;
  supervised += o.supervised;
  for (std::size_t l = 0; l < 2; ++l) {
    stock[l] += o.stock[l];
    stock_done[l] += o.stock_done[l];
    increment[l] += o.increment[l];
    increment_done[l] += o.increment_done[l];
  }
}

namespace {
constexpr std::array<std::string_view, k_channels> k_channel_ids{
    "self-check", "inspection", "report", "undercover", "higher", "accident", "other"};
constexpr std::array<std::string_view, k_channels> k_channel_names{"自查",     "执法检查", "举报", "暗访",
                                                                   "上级督查", "事故调查", "其他"};

std::optional<Channel> parse_channel(std::string_view s) {
  static const std::array<std::vector<std::string_view>, k_channels> k{{
      {"自查", "自查上报", "企业自查", "self-check"},
      {"执法检查", "监督检查", "督导检查", "检查", "inspection"},
      {"举报", "举报查实", "群众举报", "report"},
      {"暗访", "四不两直", "明查暗访", "undercover"},
      {"上级督查", "督查", "巡查", "higher"},
      {"事故调查", "accident"},
      {"其他", "other"},
  }};
  for (std::size_t i = 0; i < k_channels; ++i)
    for (auto w : k[i])
      if (s == w) return static_cast<Channel>(i);
  return std::nullopt;
}
}  // namespace

std::string_view to_string(ExtensionProblem p) {
  static constexpr std::array<std::string_view, 6> k{"",
                                                     "requested-after-as-of",
                                                     "requested-after-deadline",
                                                     "not-approved",
                                                     "approved-after-as-of",
                                                     "no-approver"};
  return k[static_cast<std::size_t>(p)];
}

std::string_view to_string(Channel c) {
  return k_channel_ids[static_cast<std::size_t>(c)];
}
std::string_view chinese(Channel c) {
  return k_channel_names[static_cast<std::size_t>(c)];
}

double metric(const Tally& t, ruleset::LedgerMetric m) {
  using ruleset::LedgerMetric;
  switch (m) {
    case LedgerMetric::MajorRate:
      return t.rate(Level::Major);
    case LedgerMetric::GeneralRate:
      return t.rate(Level::General);
    case LedgerMetric::OverdueMajor:
      return static_cast<double>(t.overdue[0]);
    case LedgerMetric::OverdueGeneral:
      return static_cast<double>(t.overdue[1]);
    case LedgerMetric::InvalidClosures:
      return static_cast<double>(t.invalid_closures);
  }
  return 0;
}

namespace {

constexpr date::Day k_none = date::k_no_day;

struct IdKey {
  std::uint64_t hash;
  std::uint64_t offset;  // of the id in the decoded buffer
  std::uint32_t length;
  std::uint32_t line;
};

// 督办 levels: the tiers that list hazards for supervision (seed 002 §二(二)4: the level that
// found it; Qingdao's 3+X lists townships too).
bool is_supervision_level(std::string_view s) {
  for (std::string_view w :
       {"国家", "国家级", "省", "省级", "市", "市级", "设区的市级", "县", "县级", "区", "区级", "乡镇",
        "乡镇级", "街道", "national", "province", "city", "county", "township"})
    if (s == w) return true;
  return false;
}

}  // namespace

LedgerReport read_ledger(const std::string& display, std::string bytes, io::Encoding enc, date::Day as_of,
                         const ruleset::LedgerPolicy& policy, const assessment::Units* units,
                         std::optional<date::Period> period) {
  LedgerReport rep;
  rep.file = display;
  rep.sha256 = hash::sha256_hex(bytes);
  rep.as_of = as_of;
  rep.policy = policy;
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  Diagnostics d;
  const auto c_id = header.require_any({"id", "隐患编号"}, _("the hazard's identifier"), d);
  const auto c_unit =
      header.require_any({"unit", "单位编号"}, _("the assessed unit the hazard counts for"), d);
  const auto c_level = header.require_any({"level", "隐患等级"}, _("重大 or 一般"), d);
  const auto c_found = header.require_any({"found", "发现日期"}, _("the date it was found"), d);
  const auto c_deadline = header.require_any({"deadline", "整改期限"}, _("the rectification deadline"), d);
  d.throw_if_any();
  auto optional = [&](std::initializer_list<const char*> names) {
    return header.optional_any(std::vector<std::string>(names.begin(), names.end()), d);
  };
  const auto c_ent = optional({"enterprise", "企业"});
  const auto c_ind = optional({"industry", "行业"});
  const auto c_rect = optional({"rectified", "整改完成日期"});
  const auto c_vreg = optional({"verified_regulator", "监管部门确认"});
  const auto c_vexp = optional({"verified_expert", "专家确认"});
  const auto c_vent = optional({"verified_enterprise", "企业确认"});
  const auto c_closed = optional({"closed", "销号日期"});
  const auto c_sup = optional({"supervision", "挂牌督办"});
  const auto c_sup_level = optional({"supervision_level", "督办级别"});
  const auto c_sup_by = optional({"supervised_by", "督办单位"});
  const auto c_listed = optional({"listed", "挂牌日期"});
  const auto c_delisted = optional({"delisted", "摘牌日期"});
  const auto c_ext_req = optional({"extension_requested", "延期申请日期"});
  const auto c_ext_ok = optional({"extension_approved", "延期批准日期"});
  const auto c_ext_by = optional({"extension_approved_by", "延期批准单位"});
  const auto c_ext_to = optional({"extended_deadline", "延期后期限"});
  const auto c_channel = optional({"channel", "来源渠道"});
  rep.has_channels = c_channel.has_value();
  rep.period = period;
  d.throw_if_any();  // a column under two names: which one holds the dates would be a guess

  std::unordered_map<std::string, std::size_t> unit_index;  // without a units file
  if (units) {
    rep.units = units->ids;
    rep.by_unit.assign(units->size(), Tally{});
  }
  std::size_t last_industry = 0;
  struct ViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view v) const { return std::hash<std::string_view>{}(v); }
  };
  std::unordered_map<std::string, std::uint32_t, ViewHash, std::equal_to<>> enterprise_index;
  std::string key;
  std::vector<IdKey> ids;
  std::size_t last_unit = 0;

  auto cell = [&](std::optional<std::size_t> c) { return file.cell(c); };
  // A date cell: k_none when empty; reported and k_none when it does not parse.
  auto date_of = [&](std::optional<std::size_t> c, long line, bool& ok) -> date::Day {
    const auto s = cell(c);
    if (s.empty()) return k_none;
    if (auto v = date::parse(s)) return *v;
    d.error(header.cell(line, *c), trf("{}: {}", header.column_label(*c), date::why_not(s)));
    ok = false;
    return k_none;
  };

  while (reader.next()) {
    const long line = reader.line();
    ++rep.rows;
    bool ok = true;
    const auto id = cell(c_id);
    if (id.empty()) {
      d.error(header.cell(line, *c_id), trf("{}: empty hazard id", header.column_label(*c_id)));
      ok = false;
    } else {
      ids.push_back({std::hash<std::string_view>{}(id),
                     static_cast<std::uint64_t>(id.data() - file.text().data()),
                     static_cast<std::uint32_t>(id.size()), static_cast<std::uint32_t>(line)});
    }
    const auto level_text = cell(c_level);
    Level level = Level::General;
    if (level_text == "重大" || level_text == "major" || level_text == "重大事故隐患")
      level = Level::Major;
    else if (level_text == "一般" || level_text == "general" || level_text == "一般事故隐患")
      level = Level::General;
    else {
      d.error(header.cell(line, *c_level),
              trf("{}: \"{}\" is not a hazard level; write 重大 or 一般 (major or general)",
                  header.column_label(*c_level), level_text));
      ok = false;
    }
    const date::Day found = date_of(c_found, line, ok);
    const date::Day deadline = date_of(c_deadline, line, ok);
    const date::Day rectified = date_of(c_rect, line, ok);
    const date::Day v_reg = date_of(c_vreg, line, ok);
    const date::Day v_exp = date_of(c_vexp, line, ok);
    const date::Day v_ent = date_of(c_vent, line, ok);
    const date::Day closed = date_of(c_closed, line, ok);
    const date::Day listed_on = date_of(c_listed, line, ok);
    const date::Day delisted_on = date_of(c_delisted, line, ok);
    const date::Day ext_req = date_of(c_ext_req, line, ok);
    const date::Day ext_ok = date_of(c_ext_ok, line, ok);
    const date::Day ext_to = date_of(c_ext_to, line, ok);
    const auto ext_by = cell(c_ext_by);
    const auto sup_level = cell(c_sup_level);
    Channel channel = Channel::Other;
    if (c_channel && !cell(c_channel).empty()) {  // empty: not recorded, counted as 其他
      const auto text = cell(c_channel);
      if (const auto ch = parse_channel(text)) {
        channel = *ch;
      } else {
        d.error(header.cell(line, *c_channel), trf("{}: \"{}\" is not a channel; write 自查, 执法检查, 举报, "
                                                   "暗访 (四不两直), 上级督查, 事故调查 or 其他",
                                                   header.column_label(*c_channel), text));
        ok = false;
      }
    }
    if (!sup_level.empty() && !is_supervision_level(sup_level)) {
      d.error(header.cell(line, *c_sup_level),
              trf("{}: \"{}\" is not a supervision level; write 国家, 省, 市, 县 or 乡镇 (or 省级, 市级 …)",
                  header.column_label(*c_sup_level), sup_level));
      ok = false;
    }
    if (ok && delisted_on != k_none && (listed_on == k_none || delisted_on < listed_on)) {
      d.error(
          header.cell(line, *c_delisted),
          listed_on == k_none
              ? trf("{}: delisted (摘牌) on {}, but the row has no listing date (挂牌日期)",
                    header.column_label(*c_delisted), date::format(delisted_on))
              : trf("{}: delisted (摘牌) on {}, before it was listed (挂牌) on {}",
                    header.column_label(*c_delisted), date::format(delisted_on), date::format(listed_on)));
      ok = false;
    }
    const bool has_extension = ext_req != k_none || ext_ok != k_none || ext_to != k_none || !ext_by.empty();
    if (ok && has_extension) {
      if (ext_req == k_none || ext_to == k_none) {
        const auto col = ext_req == k_none ? c_ext_req : c_ext_to;
        d.error(col ? header.cell(line, *col) : Location{display, line},
                _("an extension (延期) needs the day it was requested (延期申请日期) and the new deadline "
                  "(延期后期限)"));
        ok = false;
      } else if (ext_ok != k_none && ext_ok < ext_req) {
        d.error(header.cell(line, *c_ext_ok),
                trf("{}: the extension is approved on {}, before it was requested on {}",
                    header.column_label(*c_ext_ok), date::format(ext_ok), date::format(ext_req)));
        ok = false;
      } else if (deadline != k_none && ext_to <= deadline) {
        d.error(header.cell(line, *c_ext_to),
                trf("{}: the new deadline {} is not after the deadline {}; an extension moves it later",
                    header.column_label(*c_ext_to), date::format(ext_to), date::format(deadline)));
        ok = false;
      }
    }
    if (ok && found == k_none) {
      d.error(header.cell(line, *c_found), trf("{}: empty finding date", header.column_label(*c_found)));
      ok = false;
    }
    if (ok && deadline == k_none) {
      d.error(header.cell(line, *c_deadline),
              trf("{}: empty deadline; every hazard has one", header.column_label(*c_deadline)));
      ok = false;
    }
    // Nothing happens to a hazard before it is found.
    if (ok)
      for (auto [col, day, what] :
           {std::tuple{c_deadline, deadline, N_("deadline")}, std::tuple{c_listed, listed_on, N_("listing")},
            std::tuple{c_ext_req, ext_req, N_("extension request")},
            std::tuple{c_rect, rectified, N_("rectification")}, std::tuple{c_vreg, v_reg, N_("verification")},
            std::tuple{c_vexp, v_exp, N_("verification")}, std::tuple{c_vent, v_ent, N_("verification")},
            std::tuple{c_closed, closed, N_("closure")}})
        if (day != k_none && day < found) {
          d.error(header.cell(line, *col),
                  trf("{}: the {} date {} is before the finding date {}", header.column_label(*col), _(what),
                      date::format(day), date::format(found)));
          ok = false;
        }
    const auto unit_id = cell(c_unit);
    std::size_t u = 0;
    if (units) {
      const auto found_unit = units->find(unit_id, last_unit);
      if (!found_unit) {
        d.error(header.cell(line, *c_unit),
                trf("{}: unit \"{}\" is not in the units file{}", header.column_label(*c_unit), unit_id,
                    units->size() <= 20000 ? text::did_you_mean(unit_id, units->ids) : ""));
        ok = false;
      } else {
        u = last_unit = *found_unit;
      }
    } else if (unit_id.empty()) {
      d.error(header.cell(line, *c_unit), trf("{}: empty unit", header.column_label(*c_unit)));
      ok = false;
    }
    if (!ok) continue;
    if (!units) {
      const auto [it, fresh] = unit_index.emplace(std::string(unit_id), rep.units.size());
      if (fresh) {
        rep.units.emplace_back(unit_id);
        rep.by_unit.emplace_back();
      }
      u = it->second;
    }
    if (found > as_of) {
      ++rep.found_after;
      continue;
    }
    // Few industries, and rows usually repeat the last one: a short scan, no allocation.
    const auto industry = cell(c_ind);
    if (last_industry >= rep.industries.size() || rep.industries[last_industry] != industry) {
      const auto it = std::find(rep.industries.begin(), rep.industries.end(), industry);
      last_industry = static_cast<std::size_t>(it - rep.industries.begin());
      if (it == rep.industries.end()) {
        rep.industries.emplace_back(industry);
        rep.by_industry.emplace_back();
      }
    }
    Tally& tu = rep.by_unit[u];
    Tally& ti = rep.by_industry[last_industry];
    const auto l = static_cast<std::size_t>(level);

    // Closure: valid when closed by the as-of date after rectification, with the required
    // verifications dated between rectification and closure.
    std::vector<std::string> problems;
    const bool is_closed = closed != k_none && closed <= as_of;
    if (is_closed) {
      const bool three = level == Level::Major ? policy.three_party_major : policy.three_party_general;
      if (three) {
        for (auto [day, who] : {std::pair{v_reg, _(N_("regulator"))}, std::pair{v_exp, _(N_("expert"))},
                                std::pair{v_ent, _(N_("enterprise"))}}) {
          if (day == k_none)
            problems.push_back(trf("closed without the {}'s verification (三方确认)", who));
          else if (day > closed)
            problems.push_back(trf("the {}'s verification is dated after the closure", who));
          else if (rectified != k_none && day < rectified)
            problems.push_back(trf("the {}'s verification is dated before the rectification", who));
        }
      }
      if (rectified == k_none)
        problems.push_back(_("closed with no rectification date"));
      else if (rectified > closed)
        problems.push_back(_("rectified after the closure"));
    }
    // The deadline in force: an extension moves it only when it was requested on or before
    // the deadline (the deadline's own day included) and approved by a named body by the
    // as-of date.
    date::Day due = deadline;
    std::optional<Extension> extension;
    if (has_extension) {
      Extension e;
      e.requested = ext_req;
      e.approved = ext_ok;
      e.approved_by = std::string(ext_by);
      e.new_deadline = ext_to;
      using P = ExtensionProblem;
      e.why_not = ext_req > as_of      ? P::RequestedAfterAsOf
                  : ext_req > deadline ? P::RequestedLate
                  : ext_ok == k_none   ? P::NotApproved
                  : ext_ok > as_of     ? P::ApprovedAfterAsOf
                  : ext_by.empty()     ? P::NoApprover
                                       : P::None;
      if (e.valid()) due = ext_to;
      extension = std::move(e);
    }
    const bool is_rectified = rectified != k_none && rectified <= as_of;
    Tally row;
    row.found[l]++;
    const bool done = level == Level::Major ? (is_closed && problems.empty()) : is_rectified;
    if (done) row.done[l]++;
    ListedHazard listed;
    bool list_it = false;
    if (!is_rectified) {
      row.open[l]++;
      const int late = as_of - due;
      const Colour colour = late >= policy.red_after_days      ? Colour::Red
                            : late >= policy.yellow_after_days ? Colour::Yellow
                                                               : Colour::Green;
      row.colour[static_cast<std::size_t>(colour)]++;
      listed.is_open = true;
      listed.colour = colour;
      if (late > 0) {
        row.overdue[l]++;
        listed.days_overdue = late;
        list_it = true;
        // The ladder: the highest step whose days overdue have been reached.
        for (std::size_t k = 0; k < policy.escalation.size(); ++k)
          if (policy.escalation[k].after_days <= late) {
            listed.step = static_cast<int>(k);
            listed.step_due = due + policy.escalation[k].after_days;
          }
      }
    } else if (!is_closed) {
      listed.rectified_not_closed = true;
    }
    if (!problems.empty()) row.invalid_closures++;
    if (period) {
      // Done (a major hazard validly closed, a general one rectified) on this day, if ever.
      const date::Day done_day =
          level == Level::Major ? (is_closed && problems.empty() ? closed : k_none) : rectified;
      const bool done_by_as_of = done_day != k_none && done_day <= as_of;
      if (found > period->last) {
        // found after the period: neither 存量 nor 增量 of it
      } else if (found >= period->first) {
        row.increment[l]++;
        if (done_by_as_of) row.increment_done[l]++;
      } else if (done_day == k_none || done_day >= period->first) {
        row.stock[l]++;  // open when the period began
        if (done_by_as_of) row.stock_done[l]++;
      }
    }
    const auto sup = cell(c_sup);
    // Any text but an explicit no (否, 无, no, 0) names the supervision: 县级挂牌督办, 是, ...
    const bool supervised =
        (!sup.empty() && text::parse_yes_no(sup) != false) || (listed_on != k_none && listed_on <= as_of);
    // Only a ledger that records 摘牌 (a "delisted" column) can show one missing.
    const bool not_delisted =
        c_delisted && supervised && is_closed && (delisted_on == k_none || delisted_on > as_of);
    if (supervised) row.supervised++;
    tu.add(row);
    ti.add(row);
    if (c_channel) rep.by_channel[static_cast<std::size_t>(channel)].add(row);
    {
      // Per enterprise within its unit, for attributing a unit's lost points.
      const auto ent = cell(c_ent);
      key.assign(unit_id);
      key += '\x1f';
      key += ent;
      auto it = enterprise_index.find(std::string_view(key));
      if (it == enterprise_index.end()) {
        it = enterprise_index.emplace(key, static_cast<std::uint32_t>(rep.enterprises.size())).first;
        rep.enterprises.push_back({std::string(ent), static_cast<std::uint32_t>(u), {}});
      }
      rep.enterprises[it->second].tally.add(row);
    }
    if (list_it || !problems.empty() || supervised || extension) {
      listed.id = id;
      listed.unit = unit_id;
      listed.enterprise = cell(c_ent);
      listed.industry = industry;
      listed.supervision = sup;
      listed.level = level;
      listed.found = found;
      listed.deadline = due;
      listed.original_deadline = deadline;
      listed.extension = extension;
      listed.supervision_level = sup_level;
      listed.supervised_by = cell(c_sup_by);
      listed.listed_on = listed_on;
      listed.delisted_on = delisted_on;
      listed.line = line;
      listed.problems = std::move(problems);
      if (list_it) rep.overdue.push_back(listed);
      if (!listed.problems.empty()) rep.invalid.push_back(listed);
      if (extension) rep.extended.push_back(listed);
      if (not_delisted) rep.not_delisted.push_back(listed);
      if (supervised) rep.supervised.push_back(std::move(listed));
    }
  }
  // Duplicate ids: sort 24-byte keys instead of holding millions of strings in a set.
  std::sort(ids.begin(), ids.end(), [](const IdKey& a, const IdKey& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.line < b.line;
  });
  auto view = [&](const IdKey& k) { return std::string_view(file.text().data() + k.offset, k.length); };
  for (std::size_t k = 1; k < ids.size(); ++k)
    for (std::size_t j = k; j-- > 0 && ids[j].hash == ids[k].hash;)
      if (view(ids[j]) == view(ids[k])) {
        d.error(Location{display, ids[k].line, static_cast<long>(*c_id + 1)},
                trf("{}: hazard \"{}\" is already recorded on line {}; one hazard, one record (一隐患一档案)",
                    header.column_label(*c_id), view(ids[k]), ids[j].line));
        break;
      }
  if (rep.rows == 0) d.error(Location{display}, _("no hazards: the file has a header but no rows"));
  // Problems in file order (line, then column), however they were found.
  auto items = d.items();
  std::stable_sort(items.begin(), items.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return a.where.line != b.where.line ? a.where.line < b.where.line : a.where.column < b.where.column;
  });
  if (!d.empty()) throw InputError(items, d.size());
  for (const auto& t : rep.by_unit) rep.total.add(t);
  // Most overdue first. Sort positions, then move: the records are large.
  std::vector<std::uint32_t> order(rep.overdue.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return rep.overdue[a].days_overdue > rep.overdue[b].days_overdue;
  });
  std::vector<ListedHazard> sorted;
  sorted.reserve(order.size());
  for (auto k : order) sorted.push_back(std::move(rep.overdue[k]));
  rep.overdue = std::move(sorted);
  return rep;
}

HazardCase find_hazard(const std::string& display, std::string bytes, io::Encoding enc, std::string_view id) {
  io::CsvFile file(display, std::move(bytes), enc);
  const io::CsvHeader& header = file.header();
  Diagnostics d;
  const auto c_id = header.require_any({"id", "隐患编号"}, _("the hazard's identifier"), d);
  const auto c_ent = header.require_any({"enterprise", "企业"}, _("the enterprise the hazard is at"), d);
  const auto c_level = header.require_any({"level", "隐患等级"}, _("重大 or 一般"), d);
  const auto c_found = header.require_any({"found", "发现日期"}, _("the date it was found"), d);
  d.throw_if_any();
  while (file.reader().next()) {
    if (file.cell(c_id) != id) continue;
    HazardCase h;
    h.line = file.reader().line();
    h.id = id;
    h.enterprise = file.cell(c_ent);
    h.level = file.cell(c_level);
    const auto found = date::parse(file.cell(c_found));
    if (!found)
      throw InputError(header.cell(h.line, *c_found),
                       header.column_label(*c_found) + ": " + date::why_not(file.cell(c_found)));
    h.found = *found;
    return h;
  }
  throw InputError(Location{display}, trf("the ledger has no hazard \"{}\"", id));
}

std::vector<std::string> overdue_major_ids(const LedgerReport& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.overdue)
    if (h.level == Level::Major) ids.push_back(h.id);
  return ids;
}

std::vector<std::string> escalation_ids(const LedgerReport& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.overdue)
    if (h.step >= 0) ids.push_back(h.id);
  return ids;
}

std::vector<std::string> invalid_closure_ids(const LedgerReport& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.invalid) ids.push_back(h.id);
  return ids;
}

}  // namespace safeassess::hazard
