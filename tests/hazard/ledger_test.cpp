#include <doctest/doctest.h>

#include <string>

#include "hazard/ledger.hpp"
#include "load/tables.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::hazard;

namespace {

const std::string k_header =
    "id,unit,enterprise,industry,level,found,deadline,rectified,verified_regulator,verified_expert,"
    "verified_enterprise,closed,supervision\n";

date::Day day(const char* s) {
  return *date::parse(s);
}

LedgerReport read(const std::string& rows, const char* as_of = "2024-12-31",
                  ruleset::LedgerPolicy policy = ruleset::LedgerPolicy{}) {
  return read_ledger("l.csv", k_header + rows, io::Encoding::Auto, day(as_of), policy, nullptr);
}

}  // namespace

TEST_CASE("rates: a major hazard counts when validly closed, a general one when rectified") {
  const auto r = read(
      "H1,A,e,coal,重大,2024-01-10,2024-03-31,2024-03-01,2024-03-05,2024-03-05,2024-03-05,2024-03-10,"
      "\n"                                                                 // valid
      "H2,A,e,coal,重大,2024-02-10,2024-12-31,2024-06-01,,,,,\n"           // rectified, not closed
      "H3,A,e,coal,一般,2024-02-10,2024-03-10,2024-03-09,,,,,\n"           // rectified
      "H4,A,e,coal,一般,2024-02-10,2025-03-10,,,,,,\n"                     // open, on schedule
      "H5,B,f,chemical,major,2024-05-01,2024-06-01,,,,,,县级挂牌督办\n");  // open, overdue
  REQUIRE(r.units == std::vector<std::string>{"A", "B"});
  const Tally& a = r.by_unit[0];
  CHECK(a.found[0] == 2);
  CHECK(a.done[0] == 1);
  CHECK(a.rate(Level::Major) == doctest::Approx(50.0));
  CHECK(a.rate(Level::General) == doctest::Approx(50.0));
  CHECK(a.open[1] == 1);
  CHECK(a.overdue[0] + a.overdue[1] == 0);
  const Tally& b = r.by_unit[1];
  CHECK(b.rate(Level::Major) == 0.0);
  CHECK(b.rate(Level::General) == 100.0);  // nothing found: nothing left to rectify
  CHECK(b.overdue[0] == 1);
  CHECK(b.supervised == 1);
  CHECK(r.total.found[0] == 3);
  REQUIRE(r.overdue.size() == 1);
  CHECK(r.overdue[0].id == "H5");
  CHECK(r.overdue[0].days_overdue == 213);
  CHECK(r.industries == std::vector<std::string>{"coal", "chemical"});
}

TEST_CASE("status colours at their edges: on the deadline green, 1 day late yellow, 30 days late red") {
  // as of 2024-12-31; deadlines 2024-12-31 (0 late), 12-30 (1), 12-02 (29), 12-01 (30)
  const auto r = read(
      "G,A,e,x,一般,2024-11-01,2024-12-31,,,,,,\n"
      "Y1,A,e,x,一般,2024-11-01,2024-12-30,,,,,,\n"
      "Y29,A,e,x,一般,2024-11-01,2024-12-02,,,,,,\n"
      "R30,A,e,x,一般,2024-11-01,2024-12-01,,,,,,\n");
  CHECK(r.by_unit[0].colour[0] == 1);
  CHECK(r.by_unit[0].colour[1] == 2);
  CHECK(r.by_unit[0].colour[2] == 1);
  REQUIRE(r.overdue.size() == 3);
  CHECK(r.overdue[0].id == "R30");
  CHECK(r.overdue[0].colour == Colour::Red);
  CHECK(r.overdue[1].colour == Colour::Yellow);
  CHECK(r.overdue[2].id == "Y1");
  CHECK(r.overdue[2].days_overdue == 1);
  // The thresholds come from the ruleset.
  ruleset::LedgerPolicy strict;
  strict.red_after_days = 2;
  const auto s = read("Y29,A,e,x,一般,2024-11-01,2024-12-02,,,,,,\n", "2024-12-31", strict);
  CHECK(s.overdue[0].colour == Colour::Red);
}

TEST_CASE("invalid closures of each kind") {
  const auto r = read(
      "NOEXP,A,e,x,重大,2024-01-10,2024-03-31,2024-03-01,2024-03-05,,2024-03-05,2024-03-10,\n"
      "LATE,A,e,x,重大,2024-01-10,2024-03-31,2024-03-20,2024-03-21,2024-03-21,2024-03-21,2024-03-15,\n"
      "VAFTER,A,e,x,重大,2024-01-10,2024-03-31,2024-03-01,2024-03-12,2024-03-05,2024-03-05,2024-03-10,\n"
      "NORECT,A,e,x,一般,2024-01-10,2024-03-31,,,,,2024-03-10,\n"
      "GENOK,A,e,x,一般,2024-01-10,2024-03-31,2024-03-01,,,,2024-03-10,\n");
  REQUIRE(r.invalid.size() == 4);
  CHECK(r.invalid[0].problems ==
        std::vector<std::string>{"closed without the expert's verification (三方确认)"});
  CHECK(r.invalid[1].problems ==
        std::vector<std::string>{"the regulator's verification is dated after the closure",
                                 "the expert's verification is dated after the closure",
                                 "the enterprise's verification is dated after the closure",
                                 "rectified after the closure"});
  CHECK(r.invalid[2].problems ==
        std::vector<std::string>{"the regulator's verification is dated after the closure"});
  CHECK(r.invalid[3].problems == std::vector<std::string>{"closed with no rectification date"});
  // Invalidly closed major hazards do not count as rectified; the general one closed
  // without verifications is valid under the default policy (three parties for major only).
  CHECK(r.by_unit[0].done[0] == 0);
  CHECK(r.by_unit[0].done[1] == 1);
  CHECK(r.by_unit[0].invalid_closures == 4);
}

TEST_CASE("hazards found after the as-of date are not counted") {
  const auto r = read("H1,A,e,x,重大,2025-01-05,2025-03-31,,,,,,\n");
  CHECK(r.found_after == 1);
  CHECK(r.by_unit[0].found[0] == 0);
}

TEST_CASE("bad ledgers are reported with their place") {
  CHECK(
      test::input_error([] {
        (void)read(
            "H1,A,e,x,重大,2024-13-01,2024-03-31,,,,,,\n"
            "H2,A,e,x,特大,2024-01-10,2024-03-31,,,,,,\n"
            "H3,A,e,x,一般,2024-05-10,2024-03-31,,,,,,\n"
            "H1,A,e,x,一般,2024-01-10,2024-03-31,2024-01-01,,,,,\n");
      }) ==
      "l.csv:2:6: column F \"found\": \"2024-13-01\" is not a date: there is no month 13\n"
      "l.csv:3:5: column E \"level\": \"特大\" is not a hazard level; write 重大 or 一般 (major or general)\n"
      "l.csv:4:7: column G \"deadline\": the deadline date 2024-03-31 is before the finding date 2024-05-10\n"
      "l.csv:5:1: column A \"id\": hazard \"H1\" is already recorded on line 2; one hazard, one record "
      "(一隐患一档案)\n"
      "l.csv:5:8: column H \"rectified\": the rectification date 2024-01-01 is before the finding date "
      "2024-01-10");
}

TEST_CASE("a ledger's units must be assessed units") {
  auto units = assessment::load_units("u.csv", "id,name\nC01,甲\nC02,乙\n", io::Encoding::Auto);
  CHECK(test::input_error([&] {
          (void)read_ledger("l.csv", k_header + "H1,C1,e,x,一般,2024-01-10,2024-03-31,,,,,,\n",
                            io::Encoding::Auto, day("2024-12-31"), ruleset::LedgerPolicy{}, &units);
        }) == "l.csv:2:2: column B \"unit\": unit \"C1\" is not in the units file, did you mean \"C01\"?");
  const auto r = read_ledger("l.csv", k_header + "H1,C02,e,x,一般,2024-01-10,2024-03-31,,,,,,\n",
                             io::Encoding::Auto, day("2024-12-31"), ruleset::LedgerPolicy{}, &units);
  REQUIRE(r.units.size() == 2);  // every assessed unit is reported, in units-file order
  CHECK(r.by_unit[0].found[1] == 0);
  CHECK(r.by_unit[1].found[1] == 1);
}

TEST_CASE("ledger metrics feed the score's inputs") {
  Tally t;
  t.found = {4, 10};
  t.done = {3, 9};
  t.overdue = {2, 1};
  t.invalid_closures = 5;
  CHECK(metric(t, ruleset::LedgerMetric::MajorRate) == 75.0);
  CHECK(metric(t, ruleset::LedgerMetric::GeneralRate) == 90.0);
  CHECK(metric(t, ruleset::LedgerMetric::OverdueMajor) == 2.0);
  CHECK(metric(t, ruleset::LedgerMetric::OverdueGeneral) == 1.0);
  CHECK(metric(t, ruleset::LedgerMetric::InvalidClosures) == 5.0);
}

TEST_CASE("supervision: any text but an explicit no") {
  const auto r = read(
      "S1,A,e,x,一般,2024-01-10,2025-03-31,,,,,,县级挂牌督办\n"
      "S2,A,e,x,一般,2024-01-10,2025-03-31,,,,,,No\n"
      "S3,A,e,x,一般,2024-01-10,2025-03-31,,,,,,无\n"
      "S4,A,e,x,一般,2024-01-10,2025-03-31,,,,,,是\n");
  REQUIRE(r.supervised.size() == 2);
  CHECK(r.supervised[0].id == "S1");
  CHECK(r.supervised[1].id == "S4");
}

namespace {

const std::string k_ext_header =
    "id,unit,level,found,deadline,rectified,closed,verified_regulator,verified_expert,verified_enterprise,"
    "supervision_level,supervised_by,listed,delisted,extension_requested,extension_approved,"
    "extension_approved_by,extended_deadline\n";

LedgerReport read_ext(const std::string& rows, const char* as_of = "2024-12-31") {
  return read_ledger("e.csv", k_ext_header + rows, io::Encoding::Auto, day(as_of), ruleset::LedgerPolicy{},
                     nullptr);
}

}  // namespace

TEST_CASE(
    "an extension (延期) moves the deadline only when asked by the deadline and approved by a named body") {
  // Requested on the deadline's own day (2024-03-31), approved: the deadline moves to 06-30.
  auto r =
      read_ext("H1,U1,一般,2024-03-01,2024-03-31,,,,,,,,,,2024-03-31,2024-04-02,县应急管理局,2024-06-30\n",
               "2024-05-01");
  REQUIRE(r.extended.size() == 1);
  CHECK(r.extended[0].extension->valid());
  CHECK(r.extended[0].deadline == day("2024-06-30"));
  CHECK(r.overdue.empty());
  // The day after the deadline: it does not move; overdue is counted against 03-31.
  r = read_ext("H1,U1,一般,2024-03-01,2024-03-31,,,,,,,,,,2024-04-01,2024-04-02,县应急管理局,2024-06-30\n",
               "2024-05-01");
  CHECK_FALSE(r.extended[0].extension->valid());
  CHECK(r.extended[0].extension->why_not == ExtensionProblem::RequestedLate);
  REQUIRE(r.overdue.size() == 1);
  CHECK(r.overdue[0].days_overdue == 31);
  // Never approved, or approved by nobody named, or approved after the as-of date: not moved.
  r = read_ext(
      "H1,U1,一般,2024-03-01,2024-03-31,,,,,,,,,,2024-03-20,,,2024-06-30\n"
      "H2,U1,一般,2024-03-01,2024-03-31,,,,,,,,,,2024-03-20,2024-03-25,,2024-06-30\n"
      "H3,U1,一般,2024-03-01,2024-03-31,,,,,,,,,,2024-03-20,2024-05-02,县政府,2024-06-30\n",
      "2024-05-01");
  CHECK(r.extended[0].extension->why_not == ExtensionProblem::NotApproved);
  CHECK(r.extended[1].extension->why_not == ExtensionProblem::NoApprover);
  CHECK(r.extended[2].extension->why_not == ExtensionProblem::ApprovedAfterAsOf);
  CHECK(to_string(ExtensionProblem::ApprovedAfterAsOf) == "approved-after-as-of");
  CHECK(r.overdue.size() == 3);
}

TEST_CASE("督办: a supervised hazard closed without 摘牌 is listed; impossible records are input errors") {
  const auto r = read_ext(
      "H1,U1,重大,2024-03-01,2024-04-30,2024-04-20,2024-04-25,2024-04-22,2024-04-22,2024-04-22,县,县安委办,"
      "2024-03-05,,,,,\n"
      "H2,U1,重大,2024-03-01,2024-04-30,2024-04-20,2024-04-25,2024-04-22,2024-04-22,2024-04-22,县,县安委办,"
      "2024-03-05,2024-04-28,,,,\n");
  REQUIRE(r.not_delisted.size() == 1);
  CHECK(r.not_delisted[0].id == "H1");
  CHECK(r.supervised.size() == 2);
  CHECK(
      test::input_error([] {
        (void)read_ext(
            "H1,U1,重大,2024-03-01,2024-04-30,,,,,,省级,省安委办,2024-03-05,2024-03-04,,,,\n"
            "H2,U1,一般,2024-03-01,2024-04-30,,,,,,片区,,,,2024-04-01,2024-03-30,县政府,2024-05-31\n"
            "H3,U1,一般,2024-03-01,2024-04-30,,,,,,,,,,2024-04-01,2024-04-02,县政府,2024-04-30\n");
      }) ==
      "e.csv:2:14: column N \"delisted\": delisted (摘牌) on 2024-03-04, before it was listed (挂牌) on "
      "2024-03-05\n"
      "e.csv:3:11: column K \"supervision_level\": \"片区\" is not a supervision level; write 国家, 省, 市, "
      "县 or 乡镇 (or 省级, 市级 …)\n"
      "e.csv:4:18: column R \"extended_deadline\": the new deadline 2024-04-30 is not after the deadline "
      "2024-04-30; an extension moves it later");
  CHECK(test::input_error([] {
          (void)read_ext(
              "H2,U1,一般,2024-03-01,2024-04-30,,,,,,,,,,2024-04-01,2024-03-30,县政府,2024-05-31\n");
        }) ==
        "e.csv:2:16: column P \"extension_approved\": the extension is approved on 2024-03-30, before it was "
        "requested on 2024-04-01");
}

TEST_CASE("存量/增量 split at the period's start; rates per channel") {
  const std::string header = "id,unit,level,found,deadline,rectified,closed,channel\n";
  const auto r = read_ledger("s.csv",
                             header +
                                 // open on 2024-01-01 and rectified in the period: stock, done
                                 "S1,U1,一般,2023-11-01,2024-02-01,2024-01-20,2024-01-20,自查\n"
                                 // rectified before the period began: neither stock nor new
                                 "S2,U1,一般,2023-11-01,2023-12-01,2023-12-30,2023-12-30,执法检查\n"
                                 // open at the start and still open: stock, not done
                                 "S3,U1,一般,2023-12-15,2024-03-01,,,举报\n"
                                 // found within the period: new
                                 "N1,U1,一般,2024-01-01,2024-03-01,2024-02-01,2024-02-01,四不两直\n"
                                 // found after the period (the as-of date is later): neither
                                 "A1,U1,一般,2025-01-05,2025-03-01,,,自查\n",
                             io::Encoding::Auto, day("2025-01-31"), ruleset::LedgerPolicy{}, nullptr,
                             date::Period{day("2024-01-01"), day("2024-12-31")});
  const auto& t = r.by_unit[0];
  CHECK(t.stock[1] == 2);
  CHECK(t.stock_done[1] == 1);
  CHECK(t.increment[1] == 1);
  CHECK(t.increment_done[1] == 1);
  CHECK(t.found[1] == 5);  // counted in the ledger as of 2025-01-31, not in the period's split
  CHECK(r.has_channels);
  CHECK(r.by_channel[static_cast<std::size_t>(Channel::Report)].overdue[1] == 1);
  CHECK(r.by_channel[static_cast<std::size_t>(Channel::Undercover)].done[1] == 1);
  CHECK(test::input_error([&] {
          (void)read_ledger("s.csv", header + "X,U1,一般,2024-01-01,2024-03-01,,,电话\n", io::Encoding::Auto,
                            day("2024-12-31"), ruleset::LedgerPolicy{}, nullptr);
        }) ==
        "s.csv:2:8: column H \"channel\": \"电话\" is not a channel; write 自查, 执法检查, 举报, 暗访 "
        "(四不两直), "
        "上级督查, 事故调查 or 其他");
}

TEST_CASE("an empty channel is not recorded, counted as 其他, like any other optional column") {
  const auto r =
      read_ledger("s.csv", "id,unit,level,found,deadline,channel\nY,U1,一般,2024-01-01,2024-03-01,\n",
                  io::Encoding::Auto, day("2024-12-31"), ruleset::LedgerPolicy{}, nullptr);
  CHECK(r.by_channel[static_cast<std::size_t>(Channel::Other)].found[1] == 1);
}

TEST_CASE("the escalation ladder of an overdue hazard: by days past the deadline in force") {
  ruleset::LedgerPolicy p;
  p.escalation = {{"reminder", "督促提醒", 1, "superior", {}},
                  {"letter", "督办函", 15, "县安委办", {}},
                  {"interview", "约谈", 60, "role:county_party_secretary", {}}};
  // Deadline 03-31: 1 day overdue on 04-01 (督促提醒 from 04-01), 15 on 04-15 (督办函 from 04-15).
  const std::string rows =
      "H1,A,e,x,一般,2024-01-10,2024-03-31,,,,,,\nH2,A,e,x,一般,2024-01-10,2024-12-31,,,,,,\n";
  CHECK(read(rows, "2024-03-31", p).overdue.empty());  // due today: not yet overdue
  auto r = read(rows, "2024-04-01", p);
  REQUIRE(r.overdue.size() == 1);
  CHECK(r.overdue[0].step == 0);
  CHECK(r.overdue[0].step_due == day("2024-04-01"));
  r = read(rows, "2024-04-14", p);
  CHECK(r.overdue[0].step == 0);
  r = read(rows, "2024-04-15", p);
  CHECK(r.overdue[0].days_overdue == 15);
  CHECK(r.overdue[0].step == 1);
  CHECK(r.overdue[0].step_due == day("2024-04-15"));
  r = read(rows, "2024-05-29", p);  // 59 days
  CHECK(r.overdue[0].step == 1);
  CHECK(r.overdue[0].step_due == day("2024-04-15"));
  r = read(rows, "2024-05-30", p);
  CHECK(r.overdue[0].step == 2);  // 60 days overdue
  CHECK(escalation_ids(r) == std::vector<std::string>{"H1"});
  // Without a ladder nothing is due.
  CHECK(read(rows, "2024-05-30").overdue[0].step == -1);
  CHECK(escalation_ids(read(rows, "2024-05-30")).empty());
}
