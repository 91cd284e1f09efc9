#pragma once
// The ruleset reader's internals, shared by its three files: ruleset.cpp (the top level,
// sources and inputs), ruleset_indicators.cpp (categories and indicators) and
// ruleset_outcomes.cpp (bonus, vetoes, grades, interview, and the inputs the hazard ledger
// and duty records feed). Not for use outside lib/load.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "io/yaml.hpp"
#include "model/ruleset.hpp"

namespace safeassess::ruleset::detail {

// Reads one ruleset document; every problem goes to the diagnostics given.
class Loader {
 public:
  Loader(const std::string& display, std::string_view text, Diagnostics& diagnostics)
      : m_reader(display, text, diagnostics) {}

  Ruleset load(const YAML::Node& root);
  static std::string missing_policy_message(const std::string& got);

 private:
  void load_sources(const YAML::Node& root, Ruleset& r);
  void load_inputs(const YAML::Node& root, Ruleset& r);
  void load_derived(const YAML::Node& root, Ruleset& r);
  // map[key] as a decimal with no more decimals than the ruleset's precision (points,
  // weights, caps and grade bounds: numbers a score is printed against).
  std::optional<Decimal> at_precision(const YAML::Node& map, const char* key, const Ruleset& r,
                                      std::string_view what, bool required);
  // A number or, per unit, the id of an input (控制指标).
  std::optional<Param> param(const YAML::Node& map, const char* key, const Ruleset& r, bool required);
  std::size_t input_ref(const YAML::Node& map, const char* key, const Ruleset& r, bool required);
  void require_type(const YAML::Node& map, const char* key, std::size_t input, const Ruleset& r,
                    std::initializer_list<InputType> types, std::string_view why);
  static const char* type_name(InputType t);
  void load_categories(const YAML::Node& root, Ruleset& r);
  Indicator load_indicator(const YAML::Node& n, const Ruleset& r);
  void load_scale(const YAML::Node& n, Indicator& ind);
  void load_steps(const YAML::Node& n, const Ruleset& r, Indicator& ind);
  void load_tiers(const YAML::Node& n, const Ruleset& r, Indicator& ind);
  void load_bonus(const YAML::Node& root, Ruleset& r);
  void load_adjustments(const YAML::Node& root, Ruleset& r);
  void load_grade_caps(const YAML::Node& root, Ruleset& r);
  void load_quotas(const YAML::Node& root, Ruleset& r);
  void load_grouping(const YAML::Node& root, Ruleset& r);
  void load_periods(const YAML::Node& root, Ruleset& r);
  std::size_t grade_ref(const YAML::Node& map, const char* key, const Ruleset& r, bool required);
  void load_vetoes(const YAML::Node& root, Ruleset& r);
  void load_grades(const YAML::Node& root, Ruleset& r);
  void load_interview(const YAML::Node& root, Ruleset& r);
  std::optional<std::size_t> declared_input(const YAML::Node& key, const Ruleset& r);
  // A declared input that no other source (hazard ledger, task list, duty compliance,
  // accident register) feeds yet; an error at `key` otherwise.
  std::optional<std::size_t> fed_input(const YAML::Node& key, const Ruleset& r);
  // An escalation ladder (task_list or hazard_ledger): steps in order, after_days from
  // `min_days`.
  void load_escalation(const YAML::Node& steps, std::vector<EscalationStep>& out, int min_days);
  void load_ledger(const YAML::Node& root, Ruleset& r);
  void load_task_list(const YAML::Node& root, Ruleset& r);
  void load_duty_compliance(const YAML::Node& root, Ruleset& r);
  void load_accident_register(const YAML::Node& root, Ruleset& r);
  // The "targeting" section (ruleset_targeting.cpp).
  void load_targeting(const YAML::Node& root, Ruleset& r);
  std::optional<std::size_t> colour_ref(const YAML::Node& map, const char* key, const targeting::Targeting& t,
                                        bool required);

  io::YamlReader m_reader;
};

}  // namespace safeassess::ruleset::detail
