#include "report/labels.hpp"

#include <array>

#include "core/i18n.hpp"

namespace safeassess::report {

namespace {

bool chinese_reader() {
  return i18n::current() == i18n::Lang::Zh;
}

std::string pick(std::string_view zh, std::string_view en) {
  return std::string(chinese_reader() ? zh : en);
}

template <class E>
constexpr std::size_t at(E e) {
  return static_cast<std::size_t>(e);
}

}  // namespace

std::string label(chain::GapKind k) {
  static constexpr std::array<std::string_view, chain::k_gap_kinds> en{"unregulated industry",
                                                                       "unsupervised enterprise",
                                                                       "several regulators, no lead",
                                                                       "post without a duty list",
                                                                       "leader without a portfolio",
                                                                       "regulation without enterprises",
                                                                       "cycle of superiors",
                                                                       "cut off from the top",
                                                                       "broken link",
                                                                       "attenuation down the tiers",
                                                                       "critical link"};
  return pick(chain::chinese(k), en[at(k)]);
}

std::string label(chain::Responsibility r) {
  static constexpr std::array<std::string_view, 3> en{"direct responsibility", "supervisory responsibility",
                                                      "leadership responsibility"};
  return pick(chain::chinese(r), en[at(r)]);
}

std::string label(chain::NodeKind k) {
  static constexpr std::array<std::string_view, 8> en{
      "party committee", "government", "department", "township", "village", "enterprise", "workshop", "post"};
  return pick(chain::chinese(k), en[at(k)]);
}

std::string label(chain::EdgeKind k) {
  static constexpr std::array<std::string_view, 4> en{"reporting line", "oversight", "industry regulation",
                                                      "supervision"};
  return pick(chain::chinese(k), en[at(k)]);
}

std::string label(duty::Tier t) {
  static constexpr std::array<std::string_view, duty::k_tiers> en{"decision tier", "management tier",
                                                                  "execution tier"};
  return pick(duty::chinese(t), en[at(t)]);
}

std::string label(duty::Frequency f) {
  static constexpr std::array<std::string_view, duty::k_frequencies> en{
      "monthly", "quarterly", "half-yearly", "yearly", "weekly", "half-monthly"};
  return pick(duty::chinese(f), en[at(f)]);
}

std::string label(hazard::Colour c) {
  static constexpr std::array<std::string_view, 3> zh{"绿", "黄", "红"};
  static constexpr std::array<std::string_view, 3> en{"green", "yellow", "red"};
  return pick(zh[at(c)], en[at(c)]);
}

std::string label(hazard::Level l) {
  static constexpr std::array<std::string_view, 2> zh{"重大", "一般"};
  static constexpr std::array<std::string_view, 2> en{"major", "general"};
  return pick(zh[at(l)], en[at(l)]);
}

std::string label(hazard::Verdict v) {
  static constexpr std::array<std::string_view, 3> zh{"重大事故隐患", "一般隐患", "待定"};
  static constexpr std::array<std::string_view, 3> en{"major accident hazard", "general hazard", "undecided"};
  return pick(zh[at(v)], en[at(v)]);
}

std::string file_role_label(std::string_view role) {
  static constexpr std::array<std::pair<std::string_view, const char*>, 16> k{{
      {"manifest", N_("manifest")},
      {"ruleset", N_("ruleset")},
      {"units", N_("units file")},
      {"indicators", N_("indicator data")},
      {"ratings", N_("expert ratings")},
      {"hazards", N_("hazard ledger")},
      {"duties", N_("duty list")},
      {"chain", N_("responsibility chain")},
      {"chain edges", N_("chain edges")},
      {"records", N_("performance records")},
      {"accidents", N_("accident register")},
      {"risk matrix", N_("risk matrix")},
      {"risks", N_("risk points")},
      {"tasks", N_("task list")},
      {"task milestones", N_("task milestones")},
      {"task progress", N_("task progress")},
  }};
  for (const auto& [id, name] : k)
    if (id == role) return _(name);
  return std::string(role);
}

}  // namespace safeassess::report
