#include "accident/register.hpp"

#include <fmt/format.h>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::accident {

namespace {

constexpr date::Minute k_county_limit = 60;  // Art 9: 1小时内
constexpr date::Minute k_level_limit = 120;  // Art 11: 每级上报的时间不得超过2小时

// Checked's words come in two forms: fixed Chinese, for the JSON and CSV outputs (and what
// facts() gives them), and the reader's language (i18n), for what describe() shows people.
enum class Words { Fixed, Reader };

std::string minutes_words(date::Minute m, Words w) {
  if (w == Words::Reader) return m % 60 == 0 ? trf("{} h", m / 60) : trf("{} h {} min", m / 60, m % 60);
  return m % 60 == 0 ? fmt::format("{} 小时", m / 60) : fmt::format("{} 小时 {} 分", m / 60, m % 60);
}

// model/accident.hpp's grade_name and level_name are Chinese; these are their names for a reader.
const char* grade_words(Grade g) {
  static constexpr const char* names[] = {N_("general accident"), N_("larger accident"), N_("major accident"),
                                          N_("extra-major accident")};
  return _(names[static_cast<std::size_t>(g)]);
}

std::string level_words(Level l, Words w) {
  static constexpr const char* names[] = {N_("county level"), N_("city level"), N_("provincial level"),
                                          N_("State Council")};
  return w == Words::Reader ? std::string(_(names[static_cast<std::size_t>(l)])) : std::string(level_name(l));
}

Checked check(const Record& r, Words w) {
  const bool reader = w == Words::Reader;
  Checked c;
  c.deaths = r.deaths;
  c.serious_injuries = r.serious_injuries;
  c.first_grade = grade_of(r.deaths, r.serious_injuries, r.direct_loss_wan);
  // Art 13: revisions within 30 days (7 for road traffic and fire) of the accident's day.
  const int window = r.road_or_fire ? 7 : 30;
  const date::Day last_day = date::day_of(r.occurred_at) + window;
  std::optional<date::Minute> latest;
  for (const auto& v : r.revisions) {
    const bool inside = date::day_of(v.reported_at) <= last_day;
    const std::string at = date::format_datetime(v.reported_at);
    if (!reader)
      c.revisions.push_back(
          fmt::format("补报 {}（死亡{}人、重伤{}人）{}", at, v.deaths, v.serious_injuries,
                      inside ? "" : fmt::format("：超出第十三条{}日期限，不改变事故统计", window)));
    else if (inside)
      c.revisions.push_back(
          trf("revised at {}: {} dead, {} seriously injured", at, v.deaths, v.serious_injuries));
    else
      c.revisions.push_back(
          trf("revised at {}: {} dead, {} seriously injured; past the {}-day limit of Art 13, "
              "so the figures are not changed",
              at, v.deaths, v.serious_injuries, window));
    if (inside && (!latest || v.reported_at >= *latest)) {
      latest = v.reported_at;
      c.deaths = v.deaths;
      c.serious_injuries = v.serious_injuries;
    }
  }
  c.grade = grade_of(c.deaths, c.serious_injuries, r.direct_loss_wan);
  if (r.concealment == Concealment::Omitted) {
    c.late = true;
    c.breaches.push_back(reader ? _("never reported as Art 9 requires (漏报)") : "漏报（未按第九条报告）");
  }
  if (r.concealment == Concealment::Omitted || r.concealment == Concealment::Concealed) return c;
  const auto& at = r.reported_at;
  if (at[0] && *at[0] - r.occurred_at > k_county_limit) {
    c.late = true;
    const std::string after = minutes_words(*at[0] - r.occurred_at, w);
    c.breaches.push_back(
        reader
            ? trf("the county-level report came {} after the accident, more than the 1 hour of Art 9", after)
            : fmt::format("县级报告晚于事故发生 {}，超过第九条的1小时", after));
  }
  // Each level within 2 hours of the level below; across a level not recorded, the limit is
  // 2 hours per step from the nearest level recorded below.
  const auto top = static_cast<std::size_t>(top_level(c.grade));
  std::optional<std::size_t> below = at[0] ? std::optional<std::size_t>(0) : std::nullopt;
  for (std::size_t l = 1; l <= top; ++l) {
    const std::string level = level_words(static_cast<Level>(l), w);
    if (!at[l]) {
      c.unchecked.push_back(reader ? trf("{}: time of the report not recorded, not checked", level)
                                   : fmt::format("{}上报时间未记录，未核查", level));
      continue;
    }
    if (below) {
      const auto gap = *at[l] - *at[*below];
      const auto limit = k_level_limit * static_cast<date::Minute>(l - *below);
      if (gap > limit) {
        c.late = true;
        const std::string lower = level_words(static_cast<Level>(*below), w);
        const std::string by = minutes_words(gap, w);
        c.breaches.push_back(reader
                                 ? trf("the {} report came later than the {} one by {}, more than the 2 "
                                       "hours per level of Art 11",
                                       level, lower, by)
                                 : fmt::format("{}上报晚于{} {}，超过第十一条每级2小时", level, lower, by));
      }
    }
    below = l;
  }
  return c;
}

}  // namespace

Checked check(const Record& r) {
  return check(r, Words::Fixed);
}

double value(const Record& r, const Checked& c, Metric m) {
  const bool general = c.grade == Grade::General;
  switch (m) {
    case Metric::Accidents:
      return 1;
    case Metric::Deaths:
      return static_cast<double>(c.deaths);
    case Metric::SeriousInjuries:
      return static_cast<double>(c.serious_injuries);
    case Metric::DirectLoss:
      return r.direct_loss_wan;
    case Metric::Larger:
      return c.grade == Grade::Larger;
    case Metric::LargerResponsibility:
      return c.grade == Grade::Larger && r.responsibility;
    case Metric::LargerOrAbove:
      return c.grade >= Grade::Larger;
    case Metric::LargerOrAboveResponsibility:
      return c.grade >= Grade::Larger && r.responsibility;
    case Metric::MajorOrAboveResponsibility:
      return c.grade >= Grade::Major && r.responsibility;
    case Metric::ExtraMajor:
      return c.grade == Grade::ExtraMajor;
    case Metric::FatalGeneral:
      return general && c.deaths >= 1;
    case Metric::GeneralOneDeath:
      return general && c.deaths == 1;
    case Metric::GeneralTwoDeaths:
      return general && c.deaths == 2;
    case Metric::LateReports:
      return c.late;
    case Metric::Concealed:
      return r.concealment == Concealment::Concealed || r.concealment == Concealment::False;
  }
  return 0;
}

Summary summarize(const Register& reg, std::size_t units, date::Period period) {
  Summary s;
  s.by_unit.assign(units, UnitTally{});
  s.checked.reserve(reg.records.size());
  s.in_period.assign(reg.records.size(), 0);
  for (std::size_t k = 0; k < reg.records.size(); ++k) {
    const Record& r = reg.records[k];
    s.checked.push_back(check(r));
    const date::Day day = date::day_of(r.occurred_at);
    if (day < period.first || day > period.last || r.unit >= units) {
      s.outside_period += 1 + r.revisions.size();  // its rows: the first report and each revision
      continue;
    }
    s.in_period[k] = 1;
    const Checked& c = s.checked.back();
    UnitTally& t = s.by_unit[r.unit];
    t.records.push_back(k);
    for (std::size_t m = 0; m < k_metrics; ++m) t.values[m] += value(r, c, static_cast<Metric>(m));
  }
  return s;
}

double metric(const UnitTally& t, Metric m) {
  return t.values[static_cast<std::size_t>(m)];
}

std::string facts(const Record& r, const Checked& c) {
  std::vector<std::string> parts = {fmt::format("死亡{}人", c.deaths),
                                    fmt::format("重伤{}人", c.serious_injuries),
                                    fmt::format("直接经济损失{}万元", text::plain(r.direct_loss_wan))};
  parts.emplace_back(r.responsibility ? "责任事故" : "非责任事故");
  if (c.grade != c.first_grade) parts.push_back(fmt::format("首报为{}", grade_name(c.first_grade)));
  for (const auto& v : c.revisions) parts.push_back(v);
  for (const auto& b : c.breaches) parts.push_back("迟报：" + b);
  for (const auto& u : c.unchecked) parts.push_back(u);
  if (r.concealment == Concealment::Concealed) parts.emplace_back("瞒报");
  if (r.concealment == Concealment::False) parts.emplace_back("谎报");
  return text::join(parts, "，");
}

// facts() in the reader's language, for what people read (describe()); facts() itself stays
// fixed Chinese, as the JSON outputs have it.
std::string facts_text(const Record& r, const Checked& c) {
  const Checked words = check(r, Words::Reader);
  std::string s = trf("{} dead", c.deaths);
  auto add = [&s](const std::string& part) { s = trf("{}, {}", s, part); };
  add(trf("{} seriously injured", c.serious_injuries));
  add(trf("direct economic loss of {} × 10,000 yuan", text::plain(r.direct_loss_wan)));
  add(r.responsibility ? _("liability accident") : _("not a liability accident"));
  if (c.grade != c.first_grade) add(trf("first reported as {}", grade_words(c.first_grade)));
  for (const auto& v : words.revisions) add(v);
  for (const auto& b : words.breaches) add(trf("late report: {}", b));
  for (const auto& u : words.unchecked) add(u);
  if (r.concealment == Concealment::Concealed) add(_("concealed (瞒报)"));
  if (r.concealment == Concealment::False) add(_("falsely reported (谎报)"));
  return s;
}

std::string shown(const Record& r, const Checked& c) {
  return r.description.empty() ? fmt::format("{} {}", grade_words(c.grade), facts_text(r, c))
                               : trf("{} {}; {}", grade_words(c.grade), r.description, facts_text(r, c));
}

std::string describe(const Record& r, const Checked& c) {
  return trf("{} {} ({})", r.id, grade_words(c.grade), facts_text(r, c));
}

}  // namespace safeassess::accident
