#include <doctest/doctest.h>

#include <string>

#include "accident/register.hpp"
#include "load/accidents.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::accident;

namespace {

assessment::Units two_units() {
  assessment::Units u;
  (void)u.add("U1", "甲县", 2);
  (void)u.add("U2", "乙县", 3);
  return u;
}

const std::string k_header =
    "id,record,unit,enterprise,industry,occurred_at,deaths,serious_injuries,direct_loss,responsibility,"
    "concealment,"
    "reported_county_at,reported_city_at,reported_province_at,reported_state_at,reported_at\n";

Register load(const std::string& rows) {
  return load_register("a.csv", k_header + rows, io::Encoding::Auto, two_units());
}

}  // namespace

TEST_CASE("493号令 Art 3: the highest grade of deaths, serious injuries and loss; 以上 includes the number") {
  // deaths: 3 / 10 / 30 start 较大 / 重大 / 特别重大
  CHECK(grade_of(2, 0, 0) == Grade::General);
  CHECK(grade_of(3, 0, 0) == Grade::Larger);
  CHECK(grade_of(9, 0, 0) == Grade::Larger);
  CHECK(grade_of(10, 0, 0) == Grade::Major);
  CHECK(grade_of(29, 0, 0) == Grade::Major);
  CHECK(grade_of(30, 0, 0) == Grade::ExtraMajor);
  // serious injuries: 10 / 50 / 100
  CHECK(grade_of(0, 9, 0) == Grade::General);
  CHECK(grade_of(0, 10, 0) == Grade::Larger);
  CHECK(grade_of(0, 49, 0) == Grade::Larger);
  CHECK(grade_of(0, 50, 0) == Grade::Major);
  CHECK(grade_of(0, 99, 0) == Grade::Major);
  CHECK(grade_of(0, 100, 0) == Grade::ExtraMajor);
  // direct loss (万元): 1000 / 5000 / 10000
  CHECK(grade_of(0, 0, 999.99) == Grade::General);
  CHECK(grade_of(0, 0, 1000) == Grade::Larger);
  CHECK(grade_of(0, 0, 4999.99) == Grade::Larger);
  CHECK(grade_of(0, 0, 5000) == Grade::Major);
  CHECK(grade_of(0, 0, 9999.99) == Grade::Major);
  CHECK(grade_of(0, 0, 10000) == Grade::ExtraMajor);
  // seed 000 §1.4.2: 15 deaths alone is 重大, but with 2.1亿 loss it is 特别重大.
  CHECK(grade_of(15, 0, 0) == Grade::Major);
  CHECK(grade_of(15, 0, 21000) == Grade::ExtraMajor);
  CHECK(grade_of(1, 12, 0) == Grade::Larger);
}

TEST_CASE(
    "迟报: the county within 1 hour (Art 9), each level within 2 hours (Art 11), up to the grade's level") {
  const auto reg = load(
      "A1,,U1,厂,coal,2024-03-01 08:00,1,0,10,是,,2024-03-01 09:00,2024-03-01 11:00,,,\n"  // 60 min, 120 min:
                                                                                           // on time
      "A2,,U1,厂,coal,2024-03-01 08:00,1,0,10,是,,2024-03-01 09:01,2024-03-01 10:00,,,\n"  // 61 min: late
      "A3,,U1,厂,coal,2024-03-01 08:00,1,0,10,是,,2024-03-01 08:30,2024-03-01 10:31,,,\n"  // city 121 min:
                                                                                           // late
      "A4,,U1,厂,coal,2024-03-01 08:00,3,0,10,是,,2024-03-01 08:30,2024-03-01 09:00,,,\n"  // 较大: province
                                                                                           // not recorded
      "A5,,U1,厂,coal,2024-03-01 08:00,0,0,10,否,漏报,,,,,\n");
  REQUIRE(reg.records.size() == 5);
  const Checked a1 = check(reg.records[0]);
  CHECK_FALSE(a1.late);
  CHECK(a1.unchecked.empty());
  const Checked a2 = check(reg.records[1]);
  CHECK(a2.late);
  REQUIRE(a2.breaches.size() == 1);
  CHECK(a2.breaches[0] == "县级报告晚于事故发生 1 小时 1 分，超过第九条的1小时");
  const Checked a3 = check(reg.records[2]);
  CHECK(a3.late);
  REQUIRE(a3.breaches.size() == 1);
  CHECK(a3.breaches[0] == "设区的市级上报晚于县级 2 小时 1 分，超过第十一条每级2小时");
  const Checked a4 = check(reg.records[3]);
  CHECK(a4.grade == Grade::Larger);
  CHECK_FALSE(a4.late);
  REQUIRE(a4.unchecked.size() == 1);
  CHECK(a4.unchecked[0] == "省级上报时间未记录，未核查");
  const Checked a5 = check(reg.records[4]);
  CHECK(a5.late);
  CHECK(a5.breaches == std::vector<std::string>{"漏报（未按第九条报告）"});
}

TEST_CASE("补报 (Art 13): revisions within 30 days, 7 for road traffic and fire, change the figures") {
  const auto reg = load(
      "B1,首报,U1,矿,coal,2024-07-12 03:20,8,0,100,是,,2024-07-12 03:50,,,,\n"
      "B1,补报,,,,,10,0,,,,,,,,2024-08-11 23:00\n"  // day 30 after: counts, 8 → 10 deaths: 重大
      "B2,首报,U1,车队,road-traffic,2024-07-01 10:00,2,0,10,是,,2024-07-01 10:30,,,,\n"
      "B2,补报,,,,,3,0,,,,,,,,2024-07-09 09:00\n"  // day 8: outside the 7-day window
      "B3,首报,U1,车队,road-traffic,2024-07-01 10:00,2,0,10,是,,2024-07-01 10:30,,,,\n"
      "B3,补报,,,,,3,0,,,,,,,,2024-07-08 22:00\n"  // day 7: inside
      "B4,首报,U2,厂,chemical,2024-07-01 10:00,2,0,10,是,,2024-07-01 10:30,,,,\n"
      "B4,补报,,,,,4,0,,,,,,,,2024-08-01 08:00\n");  // day 31: outside
  REQUIRE(reg.records.size() == 4);
  const Checked b1 = check(reg.records[0]);
  CHECK(b1.first_grade == Grade::Larger);
  CHECK(b1.grade == Grade::Major);
  CHECK(b1.deaths == 10);
  const Checked b2 = check(reg.records[1]);
  CHECK(b2.deaths == 2);
  CHECK(b2.grade == Grade::General);
  CHECK(b2.revisions ==
        std::vector<std::string>{
            "补报 2024-07-09 09:00（死亡3人、重伤0人）：超出第十三条7日期限，不改变事故统计"});
  CHECK(check(reg.records[2]).grade == Grade::Larger);
  CHECK(check(reg.records[3]).deaths == 2);
}

TEST_CASE("the register adds up per unit and period") {
  const auto reg = load(
      "C1,,U1,矿,coal,2024-07-12 03:20,12,3,1800,是,,2024-07-12 05:10,,,,\n"
      "C2,,U1,厂,building-materials,2024-03-05 14:40,1,0,120,是,,2024-03-05 15:20,,,,\n"
      "C3,,U1,厂,building-materials,2024-04-05 14:40,2,0,120,否,瞒报,,,,,\n"
      "C4,,U2,厂,building-materials,2023-12-31 23:59,1,0,120,是,,2024-01-01 00:30,,,,\n"
      "C4,补报,,,,,2,0,,,,,,,,2024-01-05 10:00\n"
      "C5,,U2,厂,chemical,2024-06-01 10:00,0,12,50,是,谎报,2024-06-01 10:10,,,,\n");
  const auto s = summarize(reg, 2, *date::parse_period("2024"));
  CHECK(s.outside_period == 2);  // C4 happened in 2023: its first report and its revision
  const auto& u1 = s.by_unit[0];
  CHECK(metric(u1, Metric::Accidents) == 3);
  CHECK(metric(u1, Metric::Deaths) == 15);
  CHECK(metric(u1, Metric::MajorOrAboveResponsibility) == 1);
  CHECK(metric(u1, Metric::LargerOrAbove) == 1);
  CHECK(metric(u1, Metric::FatalGeneral) == 2);
  CHECK(metric(u1, Metric::GeneralOneDeath) == 1);
  CHECK(metric(u1, Metric::GeneralTwoDeaths) == 1);
  CHECK(metric(u1, Metric::LateReports) == 1);  // C1: 1 h 50 min
  CHECK(metric(u1, Metric::Concealed) == 1);    // C3 瞒报
  CHECK(metric(u1, Metric::DirectLoss) == 2040);
  const auto& u2 = s.by_unit[1];
  CHECK(metric(u2, Metric::Accidents) == 1);
  CHECK(metric(u2, Metric::Larger) == 1);  // 12 serious injuries
  CHECK(metric(u2, Metric::LargerResponsibility) == 1);
  CHECK(metric(u2, Metric::Concealed) == 1);  // 谎报
  CHECK(accident::metric_specs().size() == k_metrics);
}

TEST_CASE("bad register rows are input errors, each with its place") {
  CHECK(test::input_error([] {
          (void)load("D1,,U9,厂,coal,2024-03-01 08:00,-1,0.5,abc,也许,藏,2024-03-01 07:00,,,,\n");
        }) ==
        "a.csv:2:3: column C \"unit\": unit \"U9\" is not in the units file, did you mean \"U1\"?\n"
        "a.csv:2:7: column G \"deaths\": deaths expects a whole number of at least 0, got \"-1\"\n"
        "a.csv:2:8: column H \"serious_injuries\": serious injuries expects a whole number of at least 0, "
        "got \"0.5\"\n"
        "a.csv:2:9: column I \"direct_loss\": direct economic loss expects a number of 万元 from 0 to "
        "1000000000, got \"abc\"\n"
        "a.csv:2:10: column J \"responsibility\": expects yes or no (是/否), got \"也许\"\n"
        "a.csv:2:11: column K \"concealment\": \"藏\" is not a finding; write 漏报, 瞒报, 谎报 or leave it "
        "empty\n"
        "a.csv:2:12: column L \"reported_county_at\": reported at 2024-03-01 07:00, before the accident "
        "occurred at "
        "2024-03-01 08:00");
  CHECK(
      test::input_error([] {
        (void)load(
            "D2,,U1,厂,coal,2024-03-01 08:00,1,0,1,是,,2024-03-01 08:30,2024-03-01 08:10,,,\n"
            "D2,,U1,厂,coal,2024-03-01 08:00,1,0,1,是,,2024-03-01 08:30,,,,\n"
            "D3,补报,,,,,2,0,,,,,,,,2024-03-02 08:00\n"
            "D4,,U1,厂,coal,2024-02-30 08:00,1,0,1,是,,,,,,\n");
      }) ==
      "a.csv:2:13: column M \"reported_city_at\": 设区的市级 was told at 2024-03-01 08:10, before the level "
      "below it (2024-03-01 08:30)\n"
      "a.csv:3:1: column A \"id\": accident \"D2\" is already listed on line 2; a later report of its "
      "casualties is a row with record 补报\n"
      "a.csv:4:1: column A \"id\": revision (补报) of accident \"D3\", which no row above lists; put its "
      "first report (record 首报) above its revisions\n"
      "a.csv:5:6: column F \"occurred_at\": \"2024-02-30\" is not a date: 2024-02 has 29 days\n"
      "a.csv:5:12: column L \"reported_county_at\": empty; write the date and time, YYYY-MM-DD HH:MM");
  // A header-only register is a year without accidents.
  CHECK(load("").records.empty());
}

TEST_CASE("a revision changes casualties only; a skipped level is timed from the one below it") {
  CHECK(
      test::input_error([] {
        (void)load(
            "E1,首报,U1,厂,coal,2024-03-01 08:00,1,0,1,是,,2024-03-01 08:30,,,,2024-03-02 08:00\n"
            "E1,补报,U2,厂,,,2,0,,,瞒报,,,,,2024-03-02 08:00\n");
      }) ==
      "a.csv:2:16: column P \"reported_at\": a first report has no 补报时间; a later report of the "
      "casualties "
      "is a row of its own with record 补报\n"
      "a.csv:3:3: column C \"unit\": a revision (补报) gives only reported_at, deaths and serious_injuries; "
      "leave this empty, or correct the first report on line 2\n"
      "a.csv:3:4: column D \"enterprise\": a revision (补报) gives only reported_at, deaths and "
      "serious_injuries; leave this empty, or correct the first report on line 2\n"
      "a.csv:3:11: column K \"concealment\": a revision (补报) gives only reported_at, deaths and "
      "serious_injuries; leave this empty, or correct the first report on line 2");
  // 较大 (5 deaths): the city is not recorded, so the province is timed from the county,
  // 2 hours per level: 4 hours allowed, 4 h 1 min is late.
  const auto reg = load(
      "F1,,U1,厂,coal,2024-03-01 08:00,5,0,1,是,,2024-03-01 08:30,,2024-03-01 12:30,,\n"
      "F2,,U1,厂,coal,2024-03-01 08:00,5,0,1,是,,2024-03-01 08:30,,2024-03-01 12:31,,\n");
  const Checked f1 = check(reg.records[0]);
  CHECK_FALSE(f1.late);
  CHECK(f1.unchecked == std::vector<std::string>{"设区的市级上报时间未记录，未核查"});
  const Checked f2 = check(reg.records[1]);
  CHECK(f2.late);
  CHECK(f2.breaches == std::vector<std::string>{"省级上报晚于县级 4 小时 1 分，超过第十一条每级2小时"});
  CHECK(facts(reg.records[1], f2).find("设区的市级上报时间未记录，未核查") != std::string::npos);
}
