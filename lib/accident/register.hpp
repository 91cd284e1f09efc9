#pragma once
// Grading and checking the accidents of a register (model/accident.hpp) under 生产安全事故
// 报告和调查处理条例 (国务院令第493号), and what they add up to per unit and period.
//
// Readings (README "The accident register"):
//  - grade: Art 3, the highest grade any of deaths / serious injuries / direct loss
//    reaches, 以上 including the number and 以下 excluding it;
//  - casualties: the first report, replaced by the latest revision (补报) reported within
//    30 days of the day of the accident (7 for road traffic and fire), Art 13; the period
//    starts the day after the accident (开始的当日不计入). Later revisions are listed and do
//    not change the figures;
//  - 迟报: the county-level report more than 1 hour after the accident (Art 9: the clock
//    starts at the accident, since the register does not record when the unit's head was
//    told), or a level more than 2 hours after the level below it (Art 11), up to the
//    level the grade must reach (Art 10). A level not recorded is not checked, and says so;
//  - 漏报 counts with 迟报; 瞒报 and 谎报 count apart.

#include <array>
#include <string>
#include <vector>

#include "model/accident.hpp"

namespace safeassess::accident {

struct Checked {
  long deaths = 0;            // after in-window revisions
  long serious_injuries = 0;  // after in-window revisions
  Grade grade = Grade::General;
  Grade first_grade = Grade::General;  // as first reported
  bool late = false;                   // 迟报 or 漏报
  std::vector<std::string> breaches;   // each late step, in words with its article
  std::vector<std::string> unchecked;  // levels not recorded
  std::vector<std::string> revisions;  // each revision: counted, or outside the window
};

[[nodiscard]] Checked check(const Record& r);

struct UnitTally {
  std::array<double, k_metrics> values{};
  std::vector<std::size_t> records;  // the accidents of the period, in register order
};

struct Summary {
  std::vector<Checked> checked;    // parallel to the register's records
  std::vector<char> in_period;     // parallel to the records
  std::vector<UnitTally> by_unit;  // per assessed unit
  std::size_t outside_period = 0;  // rows (reports and revisions) of accidents outside the period
};

// What one accident adds to `m` (1 or 0 for the counts; deaths, injuries, loss).
[[nodiscard]] double value(const Record& r, const Checked& c, Metric m);

[[nodiscard]] Summary summarize(const Register& reg, std::size_t units, date::Period period);
[[nodiscard]] double metric(const UnitTally& t, Metric m);

// "死亡12人，重伤3人，直接经济损失1800万元，责任事故，…": the figures, revisions and
// breaches behind the grade.
[[nodiscard]] std::string facts(const Record& r, const Checked& c);
// "SG2024-0712 重大事故（facts）".
[[nodiscard]] std::string describe(const Record& r, const Checked& c);
// The grade and the facts in the reader's language, without the id: "重大事故 瓦斯爆炸；死亡12人…"
// (in English "major accident 瓦斯爆炸; 12 deaths, …"); the description as written first.
[[nodiscard]] std::string shown(const Record& r, const Checked& c);

}  // namespace safeassess::accident
