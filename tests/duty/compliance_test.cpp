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
  CHECK(year.count == std::array<int, 4>{12, 4, 2, 1});
  const auto q3 = make_buckets(*date::parse_period("2024-Q3"));
  CHECK(q3.count == std::array<int, 4>{3, 1, 0, 0});  // no half-year or year lies inside Q3
  const auto h2 = make_buckets(*date::parse_period("2024-H2"));
  CHECK(h2.count == std::array<int, 4>{6, 2, 1, 0});
  const auto july = make_buckets(*date::parse_period("2024-07"));
  CHECK(july.count == std::array<int, 4>{1, 0, 0, 0});
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
      - {id: a, name: 甲, frequency: weekly, min: 1, evidence: [minute], source: s}
      - {id: a, name: 乙, frequency: year, min: 0, evidence: [minutes], source: s}
)");
  });
  CHECK(msg ==
        "d.yaml:9:11: unknown tier \"top\"; expected decision, management or execution\n"
        "d.yaml:11:37: unknown frequency \"weekly\"; expected month, quarter, half-year or year\n"
        "d.yaml:11:64: unknown evidence kind \"minute\", did you mean \"minutes\"?\n"
        "d.yaml:12:48: \"min\" is 0; a duty is done at least once a period (1..1000)\n"
        "d.yaml:12:14: duty \"a\" is declared twice in role \"r\"");
}

TEST_CASE("the bundled duty list loads and every duty cites a source") {
  const auto list = load_duty_list_ref("builtin:county-chain", ".", Location{"m"});
  CHECK(list.roles.size() == 10);
  for (const auto& r : list.roles)
    for (const auto& d : r.duties) CHECK_MESSAGE(!d.source.empty(), r.id << "." << d.id);
  const auto& secretary = list.roles[*list.find_role("county_party_secretary")];
  REQUIRE(secretary.duties.size() == 5);  // 书记“五必做”
  CHECK(secretary.duties[0].frequency == Frequency::Quarter);
  CHECK(secretary.duties[1].frequency == Frequency::Month);
  CHECK(list.roles[*list.find_role("enterprise_principal")].duties.size() == 7);
}
