#include "model/accident.hpp"

#include <algorithm>

namespace safeassess::accident {

std::string_view grade_name(Grade g) {
  switch (g) {
    case Grade::General:
      return "一般事故";
    case Grade::Larger:
      return "较大事故";
    case Grade::Major:
      return "重大事故";
    case Grade::ExtraMajor:
      return "特别重大事故";
  }
  return "";
}

Grade grade_of(long deaths, long serious_injuries, double direct_loss_wan) {
  // Art 3 lower bounds, each inclusive (以上包括本数); the bands below end before them.
  auto by = [](double v, double larger, double major, double extra) {
    return v >= extra    ? Grade::ExtraMajor
           : v >= major  ? Grade::Major
           : v >= larger ? Grade::Larger
                         : Grade::General;
  };
  return std::max({by(static_cast<double>(deaths), 3, 10, 30),
                   by(static_cast<double>(serious_injuries), 10, 50, 100),
                   by(direct_loss_wan, 1000, 5000, 10000)});
}

std::string_view level_name(Level l) {
  switch (l) {
    case Level::County:
      return "县级";
    case Level::City:
      return "设区的市级";
    case Level::Province:
      return "省级";
    case Level::State:
      return "国务院";
  }
  return "";
}

Level top_level(Grade g) {
  switch (g) {
    case Grade::General:
      return Level::City;
    case Grade::Larger:
      return Level::Province;
    case Grade::Major:
    case Grade::ExtraMajor:
      return Level::State;
  }
  return Level::State;
}

const std::vector<MetricSpec>& metric_specs() {
  static const std::vector<MetricSpec> specs = {
      {Metric::Accidents, "accidents", "事故起数"},
      {Metric::Deaths, "deaths", "死亡人数"},
      {Metric::SeriousInjuries, "serious_injuries", "重伤人数"},
      {Metric::DirectLoss, "direct_loss", "直接经济损失（万元）"},
      {Metric::Larger, "larger", "较大事故起数"},
      {Metric::LargerResponsibility, "larger_responsibility", "较大责任事故起数"},
      {Metric::LargerOrAbove, "larger_or_above", "较大及以上事故起数"},
      {Metric::LargerOrAboveResponsibility, "larger_or_above_responsibility", "较大及以上责任事故起数"},
      {Metric::MajorOrAboveResponsibility, "major_or_above_responsibility", "重大及以上责任事故起数"},
      {Metric::ExtraMajor, "extra_major", "特别重大事故起数"},
      {Metric::FatalGeneral, "fatal_general", "造成死亡的一般事故起数"},
      {Metric::GeneralOneDeath, "general_one_death", "死亡1人的一般事故起数"},
      {Metric::GeneralTwoDeaths, "general_two_deaths", "死亡2人的一般事故起数"},
      {Metric::LateReports, "late_reports", "迟报、漏报事故起数"},
      {Metric::Concealed, "concealed", "瞒报、谎报事故起数"},
  };
  return specs;
}

const MetricSpec* find_metric(std::string_view name) {
  const auto& specs = metric_specs();
  const auto it =
      std::find_if(specs.begin(), specs.end(), [&](const MetricSpec& s) { return s.name == name; });
  return it == specs.end() ? nullptr : &*it;
}

std::string_view metric_name(Metric m) {
  for (const auto& s : metric_specs())
    if (s.metric == m) return s.name;
  return "";
}

}  // namespace safeassess::accident
