#include "accident/register.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace safeassess::accident {

namespace {

constexpr date::Minute k_county_limit = 60;  // Art 9: 1小时内
constexpr date::Minute k_level_limit = 120;  // Art 11: 每级上报的时间不得超过2小时

std::string minutes_words(date::Minute m) {
  return m % 60 == 0 ? fmt::format("{} 小时", m / 60) : fmt::format("{} 小时 {} 分", m / 60, m % 60);
}

}  // namespace

Checked check(const Record& r) {
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
    c.revisions.push_back(fmt::format(
        "补报 {}（死亡{}人、重伤{}人）{}", date::format_datetime(v.reported_at), v.deaths, v.serious_injuries,
        inside ? "" : fmt::format("：超出第十三条{}日期限，不改变事故统计", window)));
    if (inside && (!latest || v.reported_at >= *latest)) {
      latest = v.reported_at;
      c.deaths = v.deaths;
      c.serious_injuries = v.serious_injuries;
    }
  }
  c.grade = grade_of(c.deaths, c.serious_injuries, r.direct_loss_wan);
  if (r.concealment == Concealment::Omitted) {
    c.late = true;
    c.breaches.push_back("漏报（未按第九条报告）");
  }
  if (r.concealment == Concealment::Omitted || r.concealment == Concealment::Concealed) return c;
  const auto& at = r.reported_at;
  if (at[0] && *at[0] - r.occurred_at > k_county_limit) {
    c.late = true;
    c.breaches.push_back(
        fmt::format("县级报告晚于事故发生 {}，超过第九条的1小时", minutes_words(*at[0] - r.occurred_at)));
  }
  // Each level within 2 hours of the level below; across a level not recorded, the limit is
  // 2 hours per step from the nearest level recorded below.
  const auto top = static_cast<std::size_t>(top_level(c.grade));
  std::optional<std::size_t> below = at[0] ? std::optional<std::size_t>(0) : std::nullopt;
  for (std::size_t l = 1; l <= top; ++l) {
    if (!at[l]) {
      c.unchecked.push_back(fmt::format("{}上报时间未记录，未核查", level_name(static_cast<Level>(l))));
      continue;
    }
    if (below) {
      const auto gap = *at[l] - *at[*below];
      const auto limit = k_level_limit * static_cast<date::Minute>(l - *below);
      if (gap > limit) {
        c.late = true;
        c.breaches.push_back(fmt::format("{}上报晚于{} {}，超过第十一条每级2小时",
                                         level_name(static_cast<Level>(l)),
                                         level_name(static_cast<Level>(*below)), minutes_words(gap)));
      }
    }
    below = l;
  }
  return c;
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

std::string describe(const Record& r, const Checked& c) {
  return fmt::format("{} {}（{}）", r.id, grade_name(c.grade), facts(r, c));
}

}  // namespace safeassess::accident
