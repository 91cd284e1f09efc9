#include "load/ruleset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/hash.hpp"
#include "core/i18n.hpp"
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
  if (!m_reader.expect_map(root, _("the ruleset"), {"id",
                                                    "name",
                                                    "version",
                                                    "description",
                                                    "sources",
                                                    "precision",
                                                    "missing",
                                                    "inputs",
                                                    "categories",
                                                    "bonus",
                                                    "adjustments",
                                                    "total_cap",
                                                    "vetoes",
                                                    "grade_caps",
                                                    "quotas",
                                                    "grouping",
                                                    "commendation",
                                                    "periods",
                                                    "grades",
                                                    "failing_grade",
                                                    "interview",
                                                    "hazard_ledger",
                                                    "duty_compliance",
                                                    "accident_register",
                                                    "task_list",
                                                    "targeting",
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
      m_reader.error(root["precision"], _("\"precision\" must be between 0 and 6 decimals"));
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
  load_derived(root, r);
  load_categories(root, r);
  load_bonus(root, r);
  load_adjustments(root, r);
  load_vetoes(root, r);
  load_grades(root, r);
  load_grade_caps(root, r);
  load_quotas(root, r);
  load_interview(root, r);
  load_grouping(root, r);
  load_ledger(root, r);
  load_task_list(root, r);
  load_duty_compliance(root, r);
  load_accident_register(root, r);
  load_periods(root, r);
  load_targeting(root, r);
  // An input is either derived or fed from a file the manifest names, not both.
  for (const auto& entry : r.derived) {
    const std::size_t input = entry.first;  // a copy: lambdas cannot capture a structured binding (clang 14)
    const bool fed = std::any_of(r.ledger.inputs.begin(), r.ledger.inputs.end(),
                                 [&](const auto& x) { return x.first == input; }) ||
                     std::any_of(r.tasks.inputs.begin(), r.tasks.inputs.end(),
                                 [&](const auto& x) { return x.first == input; }) ||
                     std::any_of(r.accident_register.inputs.begin(), r.accident_register.inputs.end(),
                                 [&](const auto& x) { return x.first == input; }) ||
                     std::any_of(r.duty_inputs.begin(), r.duty_inputs.end(),
                                 [&](const auto& x) { return x.input == input; });
    if (fed)
      m_reader.error(root["inputs"],
                     trf("input \"{}\" is derived (\"derive\") and also computed from the hazard "
                         "ledger, the task list, the accident register or the duty records; keep one",
                         r.inputs[input].id));
  }
  return r;
}

std::string Loader::missing_policy_message(const std::string& got) {
  return trf("unknown missing-data policy \"{}\"; expected error, zero or exclude{}", got,
             text::did_you_mean(got, std::vector<std::string>{"error", "zero", "exclude"}));
}

void Loader::load_sources(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["sources"];
  if (!list.IsDefined()) {
    m_reader.error(root, _("missing required key \"sources\": a ruleset names the documents its "
                           "rules come from"));
    return;
  }
  if (!m_reader.expect_sequence(list, "\"sources\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("a source"), {"id", "title", "number", "date", "note"})) continue;
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
    m_reader.error(root, _("missing required key \"inputs\" (the data columns indicators read)"));
    return;
  }
  if (!m_reader.expect_sequence(list, "\"inputs\"")) return;
  for (const auto& n : list) {
    if (!m_reader.expect_map(n, _("an input"),
                             {"id", "name", "type", "min", "max", "derive", "source", "verified"}))
      continue;
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
        m_reader.error(n["type"], trf("unknown input type \"{}\"; expected one of: "
                                      "number, count, percent, boolean{}",
                                      *t, text::did_you_mean(*t, types)));
    }
    in.source = m_reader.string(n, "source", false).value_or("");
    in.verified = m_reader.boolean(n, "verified", false).value_or(true);
    in.min = m_reader.decimal(n, "min", false);
    in.max = m_reader.decimal(n, "max", false);
    if (in.min && in.max && *in.min > *in.max)
      m_reader.error(n, trf("input \"{}\": min {} is above max {}", in.id, in.min->str(), in.max->str()));
    if (in.id.empty()) continue;
    if (!r.input_index.emplace(in.id, r.inputs.size()).second) {
      m_reader.error(n["id"], trf("input \"{}\" is declared twice", in.id));
      continue;
    }
    r.inputs.push_back(std::move(in));
  }
}

void Loader::load_derived(const YAML::Node& root, Ruleset& r) {
  const YAML::Node list = root["inputs"];
  if (!list.IsDefined() || !list.IsSequence()) return;
  // Read every derivation first: one may read an input declared after it.
  std::vector<std::optional<Derivation>> by_input(r.inputs.size());
  std::vector<YAML::Node> nodes(r.inputs.size());
  for (const auto& n : list) {
    if (!n.IsMap() || !n["derive"].IsDefined()) continue;
    const YAML::Node id_node = n["id"];
    const auto id = id_node.IsDefined() && id_node.IsScalar() ? id_node.Scalar() : std::string();
    const auto it = r.input_index.find(id);
    if (it == r.input_index.end()) continue;
    const YAML::Node d = n["derive"];
    if (!m_reader.expect_map(d, "\"derive\"",
                             {"ratio", "sum", "difference", "times", "decimals", "zero_over_zero"}))
      continue;
    Derivation dv;
    dv.at = m_reader.at(d);
    const char* kinds[] = {"ratio", "sum", "difference"};
    int given = 0;
    for (const char* k : kinds) given += d[k].IsDefined() ? 1 : 0;
    if (given != 1) {
      m_reader.error(
          d, _("\"derive\" needs exactly one of \"ratio\": [numerator, denominator], \"sum\": [a, b, ...] "
               "or \"difference\": [a, b]"));
      continue;
    }
    const char* kind = d["ratio"].IsDefined() ? "ratio" : d["sum"].IsDefined() ? "sum" : "difference";
    dv.kind = d["ratio"].IsDefined() ? Derivation::Kind::Ratio
              : d["sum"].IsDefined() ? Derivation::Kind::Sum
                                     : Derivation::Kind::Difference;
    const YAML::Node terms = d[kind];
    if (!m_reader.expect_sequence(terms, fmt::format("\"{}\"", kind))) continue;
    for (const auto& t : terms) {
      const std::string tid = t.IsScalar() ? t.Scalar() : std::string();
      const auto ti = r.input_index.find(tid);
      if (ti == r.input_index.end()) {
        m_reader.error(t, trf("\"{}\" refers to \"{}\", which is not a declared input{}", kind, tid,
                              text::did_you_mean(tid, r.input_ids())));
        continue;
      }
      if (r.inputs[ti->second].type == InputType::Boolean)
        m_reader.error(t, trf("input \"{}\" is a yes/no value and cannot be computed with", tid));
      dv.terms.push_back(ti->second);
    }
    if (dv.terms.size() != terms.size()) continue;
    const std::size_t want = dv.kind == Derivation::Kind::Sum ? 0 : 2;
    if ((want && dv.terms.size() != want) || (!want && dv.terms.size() < 2)) {
      m_reader.error(terms, dv.kind == Derivation::Kind::Sum ? _("\"sum\" needs at least two inputs")
                                                             : trf("\"{}\" needs exactly two inputs", kind));
      continue;
    }
    if (dv.kind == Derivation::Kind::Ratio) {
      if (auto t = m_reader.decimal(d, "times", false)) {
        if (!(*t > Decimal{}))
          m_reader.error(d["times"], _("\"times\" must be above 0 (100 for a percentage)"));
        dv.times = *t;
      }
      if (auto dec = m_reader.integer(d, "decimals", true)) {
        if (*dec < 0 || *dec > 12)
          m_reader.error(d["decimals"], _("\"decimals\" must be between 0 and 12"));
        else
          dv.decimals = static_cast<int>(*dec);
      }
      dv.zero_over_zero = m_reader.decimal(d, "zero_over_zero", false);
    } else {
      for (const char* k : {"times", "decimals", "zero_over_zero"})
        if (d[k].IsDefined()) m_reader.error(d[k], trf("\"{}\" applies to \"ratio\" only", k));
    }
    nodes[it->second] = n["id"];
    by_input[it->second] = std::move(dv);
  }
  // Order: each derived input after what it reads; a circle is an error at each input on it.
  std::vector<int> state(r.inputs.size(), 0);  // 0 new, 1 on the path, 2 done
  std::vector<std::size_t> path;
  std::vector<char> circular(r.inputs.size(), 0);
  std::function<void(std::size_t)> visit = [&](std::size_t i) {
    if (state[i] == 2 || !by_input[i]) return;
    if (state[i] == 1) {
      const auto start = std::find(path.begin(), path.end(), i);
      std::vector<std::string> names;
      for (auto p = start; p != path.end(); ++p) names.push_back(r.inputs[*p].id);
      names.push_back(r.inputs[i].id);
      m_reader.error(nodes[i],
                     names.size() > 2
                         ? trf("derived input \"{}\" refers to itself through others: {}; compute it "
                               "from inputs read from the data",
                               r.inputs[i].id, text::join(names, " -> "))
                         : trf("derived input \"{}\" refers to itself: {}; compute it from inputs read "
                               "from the data",
                               r.inputs[i].id, text::join(names, " -> ")));
      circular[i] = 1;
      return;
    }
    state[i] = 1;
    path.push_back(i);
    for (auto t : by_input[i]->terms) visit(t);
    path.pop_back();
    state[i] = 2;
    if (!circular[i]) r.derived.emplace_back(i, *by_input[i]);
  };
  for (std::size_t i = 0; i < r.inputs.size(); ++i) visit(i);
}

std::optional<Decimal> Loader::at_precision(const YAML::Node& map, const char* key, const Ruleset& r,
                                            std::string_view what, bool required) {
  auto v = m_reader.decimal(map, key, required);
  if (v && v->decimals() > r.precision)
    m_reader.error(map[key], trf("{} {} has {} decimals, but the ruleset reports {} (\"precision\"): "
                                 "a score could never print it exactly; round it to {} decimals or "
                                 "raise \"precision\"",
                                 what, v->str(), v->decimals(), r.precision, r.precision));
  return v;
}

std::size_t Loader::input_ref(const YAML::Node& map, const char* key, const Ruleset& r, bool required) {
  auto id = m_reader.string(map, key, required);
  if (!id) return k_none;
  const auto it = r.input_index.find(*id);
  if (it == r.input_index.end()) {
    m_reader.error(map[key], trf("\"{}\" refers to \"{}\", which is not a declared "
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
    m_reader.error(map[key], trf("input \"{}\" is {}, but {}", r.inputs[input].id, type_name(t), why));
}

const char* Loader::type_name(InputType t) {
  switch (t) {
    case InputType::Number:
      return _("a number");
    case InputType::Count:
      return _("a count");
    case InputType::Percent:
      return _("a percent");
    case InputType::Boolean:
      return _("a yes/no value");
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
      throw InputError(at, trf("no bundled ruleset \"{}\"{}", name,
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
