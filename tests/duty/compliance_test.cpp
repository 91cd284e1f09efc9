#include <doctest/doctest.h>

#include <string>

#include "duty/compliance.hpp"
#include "load/duty_list.hpp"
#include "support/chain_fixtures.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::duty;

namespace {

const char* const k_chain = R"(nodes:
  - {id: pc, name: 县委, kind: party}
  - {id: sec, name: 书记, kind: post, role: secretary, parent: pc}
  - {id: dep, name: 副县长, kind: post, role: deputy, parent: pc}
  - {id: bureau, name: 局, kind: department, parent: pc}
)";

Compliance read(const std::string& rows, const char* period = "2024") {
  static const auto list = test::duty_list();
  static const auto chain = test::chain_from(k_chain, list);
  return read_records("r.csv", "holder,duty,date,evidence,reference\n" + rows, io::Encoding::Auto, list,
                      chain, *date::parse_period(period));
}

date::Day day(const char* s) {
  return *date::parse(s);
}

}  // namespace

TEST_CASE("periods wholly inside the assessment period are the ones assessed") {
  const auto year = make_buckets(*date::parse_period("2024"));
  // month, quarter, half-year, year, week, half-month. 2024-01-01 is a Monday and
  // 2024-12-30 starts a week that ends in 2025: 52 whole weeks.
  CHECK(year.count == std::array<int, k_frequencies>{12, 4, 2, 1, 52, 24});
  const auto q3 = make_buckets(*date::parse_period("2024-Q3"));
  CHECK(q3.count == std::array<int, k_frequencies>{3, 1, 0, 0, 13, 6});  // no half-year or year inside Q3
  const auto h2 = make_buckets(*date::parse_period("2024-H2"));
  CHECK(h2.count == std::array<int, k_frequencies>{6, 2, 1, 0, 26, 12});
  const auto july = make_buckets(*date::parse_period("2024-07"));
  CHECK(july.count == std::array<int, k_frequencies>{1, 0, 0, 0, 4, 2});  // 07-29..08-04 is not inside
  const auto y2025 = make_buckets(*date::parse_period("2025"));           // 2025-01-01 is a Wednesday
  CHECK(y2025.first_week == day("2025-01-06"));
  CHECK(y2025.count[static_cast<std::size_t>(Frequency::Week)] == 51);  // 01-06 .. 12-28
  CHECK(y2025.of(Frequency::Week, day("2025-01-05")) == -1);
  CHECK(y2025.of(Frequency::Week, day("2025-01-06")) == 0);
  CHECK(y2025.of(Frequency::Week, day("2025-01-12")) == 0);
  CHECK(y2025.of(Frequency::Week, day("2025-01-13")) == 1);
  CHECK(y2025.of(Frequency::Week, day("2025-12-29")) == -1);
  CHECK(y2025.label(Frequency::Week, 0) == "2025-W02");
  CHECK(year.label(Frequency::Week, 0) == "2024-W01");
  CHECK(year.of(Frequency::HalfMonth, day("2024-02-15")) == 2);
  CHECK(year.of(Frequency::HalfMonth, day("2024-02-16")) == 3);
  CHECK(year.of(Frequency::HalfMonth, day("2024-12-31")) == 23);
  CHECK(year.label(Frequency::HalfMonth, 3) == "2024-02下半月");
  CHECK(year.bucket_first(Frequency::HalfMonth, 3) == day("2024-02-16"));
  // Edges: the last day of a quarter and the first day of the next.
  CHECK(year.of(Frequency::Quarter, day("2024-03-31")) == 0);
  CHECK(year.of(Frequency::Quarter, day("2024-04-01")) == 1);
  CHECK(year.of(Frequency::Month, day("2024-01-01")) == 0);
  CHECK(year.of(Frequency::Month, day("2024-12-31")) == 11);
  CHECK(year.of(Frequency::HalfYear, day("2024-06-30")) == 0);
  CHECK(year.of(Frequency::HalfYear, day("2024-07-01")) == 1);
  CHECK(year.of(Frequency::Year, day("2024-12-31")) == 0);
  CHECK(h2.of(Frequency::Quarter, day("2024-07-01")) == 0);
  CHECK(h2.of(Frequency::Quarter, day("2024-12-31")) == 1);
  CHECK(q3.of(Frequency::HalfYear, day("2024-08-01")) == -1);
  CHECK(year.label(Frequency::Month, 2) == "2024-03");
  CHECK(year.label(Frequency::Quarter, 3) == "2024-Q4");
  CHECK(h2.label(Frequency::HalfYear, 0) == "2024-H2");
  CHECK(year.label(Frequency::Year, 0) == "2024");
}

TEST_CASE(
    "a period is met with enough evidenced records, unevidenced when only records without evidence make up "
    "the count, missed otherwise") {
  const auto list = test::duty_list();
  const auto chain = test::chain_from(k_chain, list);
  // inspect needs 2 a month: January two with evidence (met), February one with and one
  // without (unevidenced), March one (missed); a record whose evidence kind the duty does
  // not require (minutes) does not prove it.
  const auto c = read(
      "sec,inspect,2024-01-03,record,R1\n"
      "sec,inspect,2024-01-31,record,R2\n"
      "sec,inspect,2024-02-01,record,R3\n"
      "sec,inspect,2024-02-29,,\n"
      "sec,inspect,2024-03-15,minutes,M1\n"
      "sec,meeting,2024-03-31,minutes,M2\n"
      "sec,meeting,2024-04-01,minutes,M3\n");
  const std::size_t sec = *chain.find("sec");
  CHECK(c.status(list, chain, sec, 1, 0) == Status::Met);
  CHECK(c.status(list, chain, sec, 1, 1) == Status::Unevidenced);
  CHECK(c.status(list, chain, sec, 1, 2) == Status::Missed);
  CHECK(c.status(list, chain, sec, 1, 3) == Status::Missed);
  CHECK(c.status(list, chain, sec, 0, 0) == Status::Met);  // Q1 by its last day
  CHECK(c.status(list, chain, sec, 0, 1) == Status::Met);  // Q2 from its first day
  CHECK(c.status(list, chain, sec, 0, 2) == Status::Missed);
  // 4 quarters + 12 months due; met: Q1, Q2 and January.
  CHECK(c.by_node[sec].due == 16);
  CHECK(c.by_node[sec].met == 3);
  CHECK(c.by_node[sec].unevidenced == 1);
  CHECK(c.by_node[sec].rate() == doctest::Approx(18.75));
  CHECK(c.records == 7);
  // The deputy has nothing recorded: both half-years missed.
  const std::size_t dep = *chain.find("dep");
  CHECK(c.by_node[dep].due == 2);
  CHECK(c.by_node[dep].met == 0);
  CHECK_FALSE(c.is_holder(*chain.find("bureau")));
}

TEST_CASE("records of a duty whose period is not wholly inside the assessment period are counted apart") {
  const auto c = read("dep,review,2024-08-01,record,R\nsec,meeting,2024-08-02,minutes,M\n", "2024-Q3");
  CHECK(c.records == 2);
  CHECK(c.records_not_assessed == 1);
}

TEST_CASE("a record repeated cell for cell is refused, not counted twice") {
  CHECK(
      test::input_error([] {
        (void)read(
            "sec,meeting,2024-01-05,minutes,M1\nsec,meeting,2024-01-05,minutes,M2\n"
            "sec,meeting,2024-01-05,minutes,M1\nsec,meeting, 2024-01-05 ,minutes,M2\n");
      }) ==
      "r.csv:4:1: this record repeats line 2 cell for cell, and would be counted twice; remove one (or tell "
      "them apart, e.g. by their reference)\n"
      "r.csv:5:1: this record repeats line 3 cell for cell, and would be counted twice; remove one (or tell "
      "them apart, e.g. by their reference)");
  // Two meetings on one day with their own references are two records.
  CHECK(read("sec,meeting,2024-01-05,minutes,M1\nsec,meeting,2024-01-05,minutes,M2\n").records == 2);
}

TEST_CASE("bad records: every problem named, word for word") {
  const std::string msg = test::input_error([] {
    (void)read(
        "nobody,meeting,2024-01-01,minutes,\n"
        "sec,meting,2024-01-01,minutes,\n"
        "sec,meeting,2024-02-30,minutes,\n"
        "sec,meeting,2025-01-01,minutes,\n"
        "sec,meeting,2024-01-01,minute,\n"
        "bureau,meeting,2024-01-01,minutes,\n"
        ",meeting,2024-01-01,minutes,\n");
  });
  CHECK(
      msg ==
      "r.csv:2:1: column A \"holder\": holder \"nobody\" is not a node of the chain chain.yaml\n"
      "r.csv:3:2: column B \"duty\": \"meting\" is not a duty of role \"secretary\" (书记); its duties: "
      "meeting, "
      "inspect\n"
      "r.csv:4:3: column C \"date\": \"2024-02-30\" is not a date: 2024-02 has 29 days\n"
      "r.csv:5:3: column C \"date\": 2025-01-01 is outside the assessment period 2024-01-01..2024-12-31; "
      "remove "
      "the row or fix the date\n"
      "r.csv:6:4: column D \"evidence\": unknown evidence kind \"minute\", did you mean \"minutes\"?; "
      "declared: "
      "minutes, record\n"
      "r.csv:7:1: column A \"holder\": \"bureau\" is a department; records belong to posts that hold a role\n"
      "r.csv:8:1: column A \"holder\": empty holder");
}

TEST_CASE("a duty list is checked: unknown frequency, evidence and tier; duplicate ids") {
  const std::string msg = test::input_error([] {
    (void)load_duty_list("d.yaml", R"(id: d
name: n
version: "1"
evidence:
  - {id: minutes, name: 纪要}
roles:
  - id: r
    name: 角色
    tier: top
    duties:
      - {id: a, name: 甲, frequency: fortnightly, min: 1, evidence: [minute], source: s}
      - {id: a, name: 乙, frequency: year, min: 0, evidence: [minutes], source: s}
)");
  });
  CHECK(msg ==
        "d.yaml:9:11: unknown tier \"top\"; expected decision, management or execution\n"
        "d.yaml:11:37: unknown frequency \"fortnightly\"; expected week, half-month, month, quarter, "
        "half-year, year\n"
        "d.yaml:11:69: unknown evidence kind \"minute\", did you mean \"minutes\"?\n"
        "d.yaml:12:48: \"min\" is 0; a duty is done at least once a period (1..1000)\n"
        "d.yaml:12:14: duty \"a\" is declared twice in role \"r\"");
}

TEST_CASE("the bundled duty list loads and every duty cites a source") {
  const auto list = load_duty_list_ref("builtin:county-chain", ".", Location{"m"});
  CHECK(list.roles.size() == 12);  // with the 规定's 常委会其他成员 and 分管安全生产的领导
  for (const auto& r : list.roles)
    for (const auto& d : r.duties) CHECK_MESSAGE(!d.source.empty(), r.id << "." << d.id);
  const auto& secretary = list.roles[*list.find_role("county_party_secretary")];
  REQUIRE(secretary.duties.size() == 5);  // 书记“五必做”
  CHECK(secretary.duties[0].frequency == Frequency::Quarter);
  CHECK(secretary.duties[1].frequency == Frequency::Month);
  CHECK(list.roles[*list.find_role("enterprise_principal")].duties.size() == 7);
}

TEST_CASE("a duty's frequency can depend on the holder's industry (seed 002 item 3, 708号令 第八条)") {
  Duty d;
  d.frequency = Frequency::Quarter;
  d.by_industry.push_back({{"煤矿", "危险化学品"}, Frequency::Month, "seed 002"});
  d.by_industry.push_back({{"建筑施工"}, Frequency::HalfYear, "test"});
  CHECK(frequency_for(d, "煤矿") == Frequency::Month);
  CHECK(frequency_for(d, "危险化学品") == Frequency::Month);
  CHECK(frequency_for(d, "建筑施工") == Frequency::HalfYear);
  CHECK(frequency_for(d, "砖瓦建材") == Frequency::Quarter);
  CHECK(frequency_for(d, "") == Frequency::Quarter);  // not under an enterprise
  const auto list = load_duty_list_ref("builtin:county-chain", ".", Location{"test"});
  const auto role = list.find_role("enterprise_principal");
  REQUIRE(role);
  const auto drill = list.roles[*role].find_duty("evacuation_drill");
  REQUIRE(drill);
  CHECK(frequency_for(list.roles[*role].duties[*drill], "煤矿") == Frequency::HalfYear);
  CHECK(frequency_for(list.roles[*role].duties[*drill], "砖瓦建材") == Frequency::Year);
}

TEST_CASE("by_industry: a group must be declared") {
  const char* const text = R"(id: d
name: 清单
version: "1"
industry_groups:
  high_risk: [煤矿]
evidence: [{id: minutes, name: 会议纪要}]
roles:
  - id: r
    name: 角色
    tier: management
    duties:
      - {id: a, name: 甲, frequency: quarter, min: 1, evidence: [minutes], source: s,
         by_industry: [{groups: [high_risks], frequency: month, source: s}]}
)";
  CHECK(test::input_error([&] { (void)load_duty_list("d.yaml", text); }) ==
        "d.yaml:13:34: unknown industry group \"high_risks\", did you mean \"high_risk\"?; declared: "
        "high_risk");
}
