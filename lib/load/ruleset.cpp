#include "load/ruleset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/hash.hpp"
#include "core/text.hpp"
#include "io/file.hpp"
#include "load/builtin.hpp"
#include "load/edition.hpp"
#include "load/ruleset_loader.hpp"

namespace safeassess::ruleset {

namespace detail {

Ruleset Loader::load(const YAML::Node& root) {
  Ruleset r;
  r.file = m_reader.file();
  if (!m_reader.expect_map(root, "the ruleset",
                           {"id",
                            "name",
                            "version",
                            "description",
                            "sources",
                            "precision",
                            "missing",
                            "inputs",
                            "categories",
                            "bonus",
                            "vetoes",
                            "grades",
                            "failing_grade",
                            "interview",
                            "hazard_ledger",
                            "duty_compliance",
                            "accident_register",
                            "number",
                            "published",
                            "effective_from",
                            "effective_until",
                            "preceded_by",
                            "superseded_by",
                            "dates_verified",
                            "dates_note"}))
    return r;
  r.edition = load::read_edition(m_reader, root, false);
  r.id = m_reader.string(root, "id", true).value_or("");
  r.name = m_reader.string(root, "name", true).value_or("");
  r.version = m_reader.string(root, "version", true).value_or("");
  r.description = m_reader.string(root, "description", false).value_or("");
  if (auto p = m_reader.integer(root, "precision", false)) {
    if (*p < 0 || *p > 6)
      m_reader.error(root["precision"], "\"precision\" must be between 0 and 6 decimals");
    else
      r.precision = static_cast<int>(*p);
  }
  if (auto m = m_reader.string(root, "missing", false)) {
    if (auto policy = parse_missing_policy(*m))
      r.missing = *policy;
    else
      m_reader.error(root["missing"], missing_policy_message(*m));
  }
  load_sources(root, r);
  load_inputs(root, r);
  load_categories(root, r);
  load_bonus(root, r);
  load_vetoes(root, r);
  load_grades(root, r);
  load_interview(root, r);
  load_ledger(root, r);
  load_duty_compliance(root, r);
  load_accident_register(root, r);
  return r;
}

std::string Loader::missing_policy_message(const std::string& got) {
  return fmt::format("unknown missing-data policy \"{}\"; expected error, zero or exclude{}", got,
                     text::did_you_mean(got, std::vector<std::string>{"error", "zero", "exclude"}));
}

void Loader::load_sources(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["sources"];
  if (!list.IsDefined()) {
    m_reader.error(root,
                   "missing required key \"sources\": a ruleset names the documents its "
                   "rules come from");
    return;
  }
  if (!m_reader.expect_sequence(list, "\"sources\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, "a source", {"id", "title", "number", "date", "note"})) continue;
    SourceDoc s;
    s.id = m_reader.string(n, "id", true).value_or("");
    s.title = m_reader.string(n, "title", true).value_or("");
    s.number = m_reader.string(n, "number", false).value_or("");
    s.date = m_reader.string(n, "date", false).value_or("");
    s.note = m_reader.string(n, "note", false).value_or("");
    r.sources.push_back(std::move(s));
  }
}

void Loader::load_inputs(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["inputs"];
  if (!list.IsDefined()) {
    m_reader.error(root, "missing required key \"inputs\" (the data columns indicators read)");
    return;
  }
  if (!m_reader.expect_sequence(list, "\"inputs\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, "an input", {"id", "name", "type", "min", "max"})) continue;
    InputDef in;
    in.id = m_reader.string(n, "id", true).value_or("");
    in.name = m_reader.string(n, "name", true).value_or("");
    if (auto t = m_reader.string(n, "type", true)) {
      static const std::vector<std::string> types = {"number", "count", "percent", "boolean"};
      if (*t == "number")
        in.type = InputType::Number;
      else if (*t == "count")
        in.type = InputType::Count;
      else if (*t == "percent")
        in.type = InputType::Percent;
      else if (*t == "boolean")
        in.type = InputType::Boolean;
      else
        m_reader.error(n["type"], fmt::format("unknown input type \"{}\"; expected one of: "
                                              "number, count, percent, boolean{}",
                                              *t, text::did_you_mean(*t, types)));
    }
    in.min = m_reader.number(n, "min", false);
    in.max = m_reader.number(n, "max", false);
    if (in.min && in.max && *in.min > *in.max)
      m_reader.error(n, fmt::format("input \"{}\": min {} is above max {}", in.id, text::plain(*in.min),
                                    text::plain(*in.max)));
    if (in.id.empty()) continue;
    if (!r.input_index.emplace(in.id, r.inputs.size()).second) {
      m_reader.error(n["id"], fmt::format("input \"{}\" is declared twice", in.id));
      continue;
    }
    r.inputs.push_back(std::move(in));
  }
}

std::size_t Loader::input_ref(const YAML::Node& map, const char* key, const Ruleset& r, bool required) {
  auto id = m_reader.string(map, key, required);
  if (!id) return k_none;
  const auto it = r.input_index.find(*id);
  if (it == r.input_index.end()) {
    m_reader.error(map[key], fmt::format("\"{}\" refers to \"{}\", which is not a declared "
                                         "input{}",
                                         key, *id, text::did_you_mean(*id, r.input_ids())));
    return k_none;
  }
  return it->second;
}

void Loader::require_type(const YAML::Node& map, const char* key, std::size_t input, const Ruleset& r,
                          std::initializer_list<InputType> types, std::string_view why) {
  if (input == k_none) return;
  const InputType t = r.inputs[input].type;
  if (std::find(types.begin(), types.end(), t) == types.end())
    m_reader.error(map[key],
                   fmt::format("input \"{}\" is {}, but {}", r.inputs[input].id, type_name(t), why));
}

const char* Loader::type_name(InputType t) {
  switch (t) {
    case InputType::Number:
      return "a number";
    case InputType::Count:
      return "a count";
    case InputType::Percent:
      return "a percent";
    case InputType::Boolean:
      return "a yes/no value";
  }
  return "?";
}

}  // namespace detail

Ruleset load_ruleset(const std::string& display, const std::string& text) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  detail::Loader loader(display, text, diagnostics);
  Ruleset r = loader.load(root);
  diagnostics.throw_if_any();
  r.sha256 = hash::sha256_hex(text);
  return r;
}

namespace {
using assessment::InputFile;
}  // namespace

Ruleset load_ruleset_ref(const std::string& ref, const std::filesystem::path& dir, const Location& at,
                         std::vector<InputFile>* files) {
  constexpr std::string_view k_builtin = "builtin:";
  std::string display;
  std::string text;
  if (std::string_view(ref).starts_with(k_builtin)) {
    const std::string name = ref.substr(k_builtin.size());
    const auto found = find_builtin_assessment(name);
    if (!found) {
      const auto names = builtin_assessment_names();
      const std::string hint = text::did_you_mean(name, names);
      throw InputError(at, fmt::format("no bundled ruleset \"{}\"{}", name,
                                       hint.empty() ? "; bundled: " + text::join(names, ", ") : hint));
    }
    display = found->path;
    text = found->text;
  } else {
    const std::filesystem::path p = dir / ref;
    display = p.lexically_normal().string();
    text = io::read_file(p, display, at);
  }
  auto r = load_ruleset(display, text);
  if (files) files->push_back({"ruleset", display, r.sha256, std::nullopt});
  return r;
}

}  // namespace safeassess::ruleset
