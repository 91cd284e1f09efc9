#include "model/targeting.hpp"

#include <array>

namespace safeassess::targeting {

namespace {
struct FactText {
  std::string_view id, name;
};
constexpr std::array<FactText, k_facts> k_fact_text{{
    {"accidents", "事故起数"},
    {"deaths", "死亡人数"},
    {"serious_injuries", "重伤人数"},
    {"larger_accidents", "较大及以上事故起数"},
    {"concealed_accidents", "瞒报谎报事故起数"},
    {"responsibility_accidents", "责任事故起数"},
    {"open_major_hazards", "未销号重大事故隐患"},
    {"overdue_major_hazards", "逾期未整改重大事故隐患"},
    {"open_hazards", "未整改隐患"},
    {"overdue_hazards", "逾期未整改隐患"},
    {"red_hazards", "红色（严重滞后）隐患"},
    {"invalid_closures", "无效销号"},
    {"supervised_hazards", "挂牌督办隐患"},
    {"risk_level", "风险等级"},
    {"principal_compliance", "主要负责人履职率"},
}};
}  // namespace

std::string_view fact_id(Fact f) {
  return k_fact_text[static_cast<std::size_t>(f)].id;
}
std::string_view fact_name(Fact f) {
  return k_fact_text[static_cast<std::size_t>(f)].name;
}

std::optional<int> parse_risk_level(std::string_view s) {
  static constexpr std::array<std::array<std::string_view, 6>, 4> k_names{{
      {"低", "低风险", "蓝", "蓝色", "low", "1"},
      {"一般", "一般风险", "黄", "黄色", "general", "2"},
      {"较大", "较大风险", "橙", "橙色", "larger", "3"},
      {"重大", "重大风险", "红", "红色", "major", "4"},
  }};
  for (std::size_t level = 0; level < k_names.size(); ++level)
    for (auto n : k_names[level])
      if (s == n) return static_cast<int>(level) + 1;
  return std::nullopt;
}

std::string_view to_string(StratumKey k) {
  switch (k) {
    case StratumKey::Colour:
      return "colour";
    case StratumKey::Industry:
      return "industry";
    case StratumKey::Township:
      return "township";
  }
  return "";
}

std::vector<std::string> Targeting::field_ids() const {
  std::vector<std::string> out;
  out.reserve(fields());
  for (std::size_t f = 0; f < k_facts; ++f) out.emplace_back(fact_id(static_cast<Fact>(f)));
  for (const auto& c : colours) out.push_back("previous_" + c.id);
  return out;
}

std::optional<std::size_t> Targeting::find_colour(std::string_view id_or_name) const {
  for (std::size_t c = 0; c < colours.size(); ++c)
    if (colours[c].id == id_or_name || colours[c].name == id_or_name) return c;
  return std::nullopt;
}

}  // namespace safeassess::targeting
