#include "load/criteria.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/edition.hpp"

namespace safeassess::hazard {

namespace {

std::string range_words(const FieldDef& f) {
  if (f.min && f.max) return trf(" from {} to {}", text::plain(*f.min), text::plain(*f.max));
  if (f.min) return trf(" of at least {}", text::plain(*f.min));
  if (f.max) return trf(" of at most {}", text::plain(*f.max));
  return "";
}

}  // namespace

bool parse_fact(const FieldDef& field, std::string_view raw, Fact& out, std::string& error) {
  const std::string_view s = io::trim(raw);
  out = Fact{};
  if (s.empty()) return true;
  switch (field.type) {
    case FieldType::Boolean: {
      if (const auto yes = text::parse_yes_no(s)) {
        out = Fact{true, *yes ? 1.0 : 0.0, {}};
        return true;
      }
      error = trf("\"{}\" expects yes or no (true/false, 是/否, 1/0), got \"{}\"", field.id, raw);
      return false;
    }
    case FieldType::Number: {
      const auto v = io::parse_number(s);
      if (!v) {
        error = trf("\"{}\" expects a number{}, got \"{}\"", field.id,
                    field.unit.empty() ? std::string() : trf(" in {}", field.unit), raw);
        return false;
      }
      if ((field.min && *v < *field.min) || (field.max && *v > *field.max) ||
          (field.integer && *v != std::floor(*v))) {
        error = field.integer ? trf("\"{}\" ({}) takes a whole number{}, got \"{}\"", field.id, field.label,
                                    range_words(field), raw)
                              : trf("\"{}\" ({}) takes a number{}, got \"{}\"", field.id, field.label,
                                    range_words(field), raw);
        return false;
      }
      out = Fact{true, *v, {}};
      return true;
    }
    case FieldType::Text: {
      if (!field.values.empty() &&
          std::find(field.values.begin(), field.values.end(), s) == field.values.end()) {
        error = trf("\"{}\" expects one of: {}; got \"{}\"", field.id, text::join(field.values, ", "), raw);
        return false;
      }
      out = Fact{true, 0, std::string(s)};
      return true;
    }
  }
  return false;
}

namespace {

struct OpName {
  const char* name;
  Op op;
};
constexpr OpName k_ops[] = {{"eq", Op::Eq}, {"ne", Op::Ne},           {"lt", Op::Lt},
                            {"le", Op::Le}, {"gt", Op::Gt},           {"ge", Op::Ge},
                            {"in", Op::In}, {"between", Op::Between}, {"exists", Op::Exists}};

class Loader {
 public:
  Loader(const std::string& display, const std::string& text, Diagnostics& d) : m_reader(display, text, d) {}

  Criteria load(const YAML::Node& root) {
    Criteria cr;
    cr.file = m_reader.file();
    if (!m_reader.expect_map(root, _("the criteria"),
                             {"id", "family", "name", "number", "published", "effective_from",
                              "effective_until", "preceded_by", "superseded_by", "dates_verified",
                              "dates_note", "source", "verified", "industries", "fields", "items"}))
      return cr;
    cr.id = m_reader.string(root, "id", true).value_or("");
    cr.family = m_reader.string(root, "family", true).value_or("");
    cr.name = m_reader.string(root, "name", true).value_or("");
    cr.edition = load::read_edition(m_reader, root, true);
    if (cr.edition.number.empty()) (void)m_reader.string(root, "number", true);  // reports it missing
    cr.source = m_reader.string(root, "source", true).value_or("");
    cr.verified = m_reader.boolean(root, "verified", true).value_or(false);
    const YAML::Node inds = root["industries"];
    if (!inds.IsDefined())
      m_reader.error(
          root, _("missing required key \"industries\" (the industry values of the findings it judges)"));
    else if (m_reader.expect_sequence(inds, "\"industries\""))
      for (const auto& n : inds) cr.industries.push_back(n.Scalar());
    load_fields(root, cr);
    load_items(root, cr);
    if (cr.verified)
      for (std::size_t i = 0; i < cr.items.size(); ++i)
        if (!cr.items[i].verified) {
          m_reader.error(root["verified"],
                         trf("\"verified: true\" claims every item was checked against the official "
                             "text, but item \"{}\" is not; write verified: false",
                             cr.items[i].id));
          break;
        }
    return cr;
  }

 private:
  void load_fields(const YAML::Node& root, Criteria& cr) {
    const YAML::Node list = root["fields"];
    if (!list.IsDefined()) {
      m_reader.error(root, _("missing required key \"fields\" (the dictionary of inspection facts)"));
      return;
    }
    if (!m_reader.expect_sequence(list, "\"fields\"")) return;
    for (const auto& n : list) {
      if (!m_reader.expect_map(n, _("a field"),
                               {"id", "label", "type", "unit", "values", "min", "max", "integer"}))
        continue;
      FieldDef f;
      f.id = m_reader.string(n, "id", true).value_or("");
      f.label = m_reader.string(n, "label", true).value_or("");
      f.unit = m_reader.string(n, "unit", false).value_or("");
      if (auto t = m_reader.string(n, "type", true)) {
        if (*t == "boolean")
          f.type = FieldType::Boolean;
        else if (*t == "number")
          f.type = FieldType::Number;
        else if (*t == "text")
          f.type = FieldType::Text;
        else
          m_reader.error(n["type"],
                         trf("unknown field type \"{}\"; expected boolean, number or text{}", *t,
                             text::did_you_mean(*t, std::vector<std::string>{"boolean", "number", "text"})));
      }
      if (n["values"].IsDefined()) {
        if (f.type != FieldType::Text)
          m_reader.error(n["values"], _("\"values\" applies only to text fields"));
        else if (m_reader.expect_sequence(n["values"], "\"values\""))
          for (const auto& v : n["values"]) f.values.push_back(v.Scalar());
      }
      if (n["min"].IsDefined() || n["max"].IsDefined() || n["integer"].IsDefined()) {
        if (f.type != FieldType::Number)
          m_reader.error(n, _("\"min\", \"max\" and \"integer\" apply only to number fields"));
        f.min = m_reader.number(n, "min", false);
        f.max = m_reader.number(n, "max", false);
        f.integer = m_reader.boolean(n, "integer", false).value_or(false);
        if (f.min && f.max && *f.min > *f.max)
          m_reader.error(n["max"],
                         trf("\"max\" {} is below \"min\" {}", text::plain(*f.max), text::plain(*f.min)));
      }
      if (!cr.field_index.emplace(f.id, cr.fields.size()).second) {
        m_reader.error(n["id"], trf("field \"{}\" is declared twice", f.id));
        continue;
      }
      cr.fields.push_back(std::move(f));
    }
  }

  std::vector<std::string> field_ids(const Criteria& cr) const {
    std::vector<std::string> ids;
    for (const auto& f : cr.fields) ids.push_back(f.id);
    return ids;
  }

  std::optional<std::size_t> field_ref(const YAML::Node& map, const Criteria& cr) {
    auto id = m_reader.string(map, "field", true);
    if (!id) return std::nullopt;
    if (auto f = cr.find_field(*id)) return f;
    m_reader.error(map["field"], trf("\"{}\" is not a field of criteria \"{}\"{}", *id, cr.id,
                                     text::did_you_mean(*id, field_ids(cr))));
    return std::nullopt;
  }

  // Reads a constant for a comparison on `f`, reporting a type mismatch.
  bool constant(const YAML::Node& v, const FieldDef& f, Condition& c) {
    if (!v.IsScalar()) {
      m_reader.error(v, trf("\"value\" for field \"{}\" must be a single value", f.id));
      return false;
    }
    Fact x;
    std::string error;
    if (!parse_fact(f, v.Scalar(), x, error) || !x.known) {
      m_reader.error(v, error.empty() ? trf("\"value\" for field \"{}\" is empty", f.id) : error);
      return false;
    }
    c.number = x.number;
    c.text = x.text;
    return true;
  }

  Condition condition(const YAML::Node& n, const Criteria& cr, bool& ok) {
    Condition c;
    if (!m_reader.expect_map(n, _("a condition"), {"all", "any", "not", "field", "op", "value", "ref"})) {
      ok = false;
      return c;
    }
    const int forms = int(n["all"].IsDefined()) + int(n["any"].IsDefined()) + int(n["not"].IsDefined()) +
                      int(n["field"].IsDefined());
    if (forms != 1) {
      m_reader.error(n, _("a condition needs exactly one of \"all\", \"any\", \"not\" or \"field\""));
      ok = false;
      return c;
    }
    if (n["all"].IsDefined() || n["any"].IsDefined()) {
      const bool all = n["all"].IsDefined();
      c.kind = all ? Condition::Kind::All : Condition::Kind::Any;
      const YAML::Node list = n[all ? "all" : "any"];
      if (!m_reader.expect_sequence(list, all ? "\"all\"" : "\"any\"") || list.size() == 0) {
        if (list.IsSequence()) m_reader.error(list, _("give at least one condition"));
        ok = false;
        return c;
      }
      for (const auto& ch : list) c.children.push_back(condition(ch, cr, ok));
      if (all && ok) check_satisfiable(list, c, cr, ok);
      return c;
    }
    if (n["not"].IsDefined()) {
      c.kind = Condition::Kind::Not;
      c.children.push_back(condition(n["not"], cr, ok));
      return c;
    }
    const auto field = field_ref(n, cr);
    if (!field) {
      ok = false;
      return c;
    }
    c.field = *field;
    const FieldDef& f = cr.fields[c.field];
    const auto op_name = m_reader.string(n, "op", true);
    if (!op_name) {
      ok = false;
      return c;
    }
    const auto* found =
        std::find_if(std::begin(k_ops), std::end(k_ops), [&](const OpName& o) { return *op_name == o.name; });
    if (found == std::end(k_ops)) {
      std::vector<std::string> names;
      for (const auto& o : k_ops) names.emplace_back(o.name);
      m_reader.error(n["op"],
                     trf("unknown operator \"{}\"; expected one of: {}", *op_name, text::join(names, ", ")));
      ok = false;
      return c;
    }
    c.op = found->op;
    const bool ordered =
        c.op == Op::Lt || c.op == Op::Le || c.op == Op::Gt || c.op == Op::Ge || c.op == Op::Between;
    if (ordered && f.type != FieldType::Number) {
      m_reader.error(n["op"],
                     f.type == FieldType::Boolean
                         ? trf("operator \"{}\" needs a number field, but \"{}\" is yes/no", *op_name, f.id)
                         : trf("operator \"{}\" needs a number field, but \"{}\" is text", *op_name, f.id));
      ok = false;
      return c;
    }
    if (n["ref"].IsDefined()) {
      const YAML::Node r = n["ref"];
      if (n["value"].IsDefined())
        m_reader.error(n, _("a comparison has either \"value\" or \"ref\", not both"));
      if (!m_reader.expect_map(r, "\"ref\"", {"field", "times"})) {
        ok = false;
        return c;
      }
      const auto rf = field_ref(r, cr);
      if (!rf || f.type != FieldType::Number || cr.fields[*rf].type != FieldType::Number || !ordered) {
        if (rf) m_reader.error(r, _("\"ref\" compares two number fields with lt, le, gt or ge"));
        ok = false;
        return c;
      }
      c.ref = *rf;
      c.ref_times = m_reader.number(r, "times", false).value_or(1);
      return c;
    }
    const YAML::Node v = n["value"];
    if (!v.IsDefined()) {
      m_reader.error(n, _("missing required key \"value\""));
      ok = false;
      return c;
    }
    switch (c.op) {
      case Op::Exists: {
        const auto e = m_reader.boolean(n, "value", true);
        if (!e) ok = false;
        c.exists = e.value_or(true);
        break;
      }
      case Op::In: {
        if (!m_reader.expect_sequence(v, _("\"value\" of \"in\"")) || v.size() == 0) {
          ok = false;
          break;
        }
        for (const auto& e : v) {
          Condition one;
          if (!constant(e, f, one)) {
            ok = false;
            continue;
          }
          c.numbers.push_back(one.number);
          c.texts.push_back(one.text);
        }
        break;
      }
      case Op::Between: {
        if (!v.IsSequence() || v.size() != 2) {
          m_reader.error(v, _("\"between\" takes [low, high]"));
          ok = false;
          break;
        }
        const auto lo = m_reader.number_value(v[0], _("the low bound"));
        const auto hi = m_reader.number_value(v[1], _("the high bound"));
        if (!lo || !hi) {
          ok = false;
          break;
        }
        if (*lo > *hi) {
          m_reader.error(v, trf("\"between\" [{}, {}] is empty: the item can never be met", text::plain(*lo),
                                text::plain(*hi)));
          ok = false;
        }
        c.numbers = {*lo, *hi};
        break;
      }
      default:
        if (!constant(v, f, c)) ok = false;
        break;
    }
    return c;
  }

  // Within one "all", bounds on the same number field that leave no value make the item
  // unreachable (e.g. height > 20 and height < 10).
  void check_satisfiable(const YAML::Node& list, const Condition& all, const Criteria& cr, bool& ok) {
    struct Range {
      double lo = -std::numeric_limits<double>::infinity(), hi = std::numeric_limits<double>::infinity();
      bool lo_open = false, hi_open = false;
    };
    std::unordered_map<std::size_t, Range> ranges;
    for (const auto& ch : all.children) {
      if (ch.kind != Condition::Kind::Compare || ch.ref || cr.fields[ch.field].type != FieldType::Number)
        continue;
      Range& r = ranges[ch.field];
      auto lower = [&](double v, bool open) {
        if (v > r.lo || (v == r.lo && open)) r.lo = v, r.lo_open = open;
      };
      auto upper = [&](double v, bool open) {
        if (v < r.hi || (v == r.hi && open)) r.hi = v, r.hi_open = open;
      };
      switch (ch.op) {
        case Op::Gt:
          lower(ch.number, true);
          break;
        case Op::Ge:
          lower(ch.number, false);
          break;
        case Op::Lt:
          upper(ch.number, true);
          break;
        case Op::Le:
          upper(ch.number, false);
          break;
        case Op::Eq:
          lower(ch.number, false), upper(ch.number, false);
          break;
        case Op::Between:
          lower(ch.numbers[0], false), upper(ch.numbers[1], false);
          break;
        default:
          break;
      }
    }
    for (const auto& [field, r] : ranges)
      if (r.lo > r.hi || (r.lo == r.hi && (r.lo_open || r.hi_open))) {
        m_reader.error(list, trf("the bounds on \"{}\" here exclude every value: the item can never be met",
                                 cr.fields[field].id));
        ok = false;
      }
  }

  std::vector<Facts> examples(const YAML::Node& list, const Criteria& cr, bool& ok) {
    std::vector<Facts> out;
    if (!m_reader.expect_sequence(list, "examples")) {
      ok = false;
      return out;
    }
    for (const auto& e : list) {
      if (!e.IsMap()) {
        m_reader.error(e, _("an example maps fields to values, e.g. {gas_sensor_disabled: true}"));
        ok = false;
        continue;
      }
      Facts facts(cr.fields.size());
      for (auto it = e.begin(); it != e.end(); ++it) {
        const std::string key = it->first.Scalar();
        const auto f = cr.find_field(key);
        if (!f) {
          m_reader.error(it->first, trf("\"{}\" is not a field of criteria \"{}\"{}", key, cr.id,
                                        text::did_you_mean(key, field_ids(cr))));
          ok = false;
          continue;
        }
        std::string error;
        if (!parse_fact(cr.fields[*f], it->second.Scalar(), facts[*f], error)) {
          m_reader.error(it->second, error);
          ok = false;
        }
      }
      out.push_back(std::move(facts));
    }
    return out;
  }

  void load_items(const YAML::Node& root, Criteria& cr) {
    const YAML::Node list = root["items"];
    if (!list.IsDefined()) {
      m_reader.error(root, _("missing required key \"items\""));
      return;
    }
    if (!m_reader.expect_sequence(list, "\"items\"")) return;
    for (const auto& n : list) {
      if (!m_reader.expect_map(
              n, _("an item"),
              {"id", "article", "category", "description", "when", "verified", "source", "note", "examples"}))
        continue;
      Item item;
      item.id = m_reader.string(n, "id", true).value_or("");
      item.article = m_reader.string(n, "article", true).value_or("");
      item.category = m_reader.string(n, "category", true).value_or("");
      item.description = m_reader.string(n, "description", true).value_or("");
      item.verified = m_reader.boolean(n, "verified", false).value_or(true);
      item.source = m_reader.string(n, "source", false).value_or("");
      if (!item.verified && !n["note"].IsDefined())
        m_reader.error(n, trf("item \"{}\" is not verified: say why in \"note\" (what was not found, "
                              "where the wording comes from)",
                              item.id));
      item.note = m_reader.string(n, "note", false).value_or("");
      for (const auto& other : cr.items)
        if (other.id == item.id) m_reader.error(n["id"], trf("item \"{}\" is declared twice", item.id));
      bool ok = true;
      if (!n["when"].IsDefined()) {
        m_reader.error(n, _("missing required key \"when\" (the condition that makes it a major hazard)"));
        ok = false;
      } else {
        item.when = condition(n["when"], cr, ok);
      }
      if (ok) collect_fields(item.when, item.fields);
      const YAML::Node ex = n["examples"];
      if (ex.IsDefined() && m_reader.expect_map(ex, "\"examples\"", {"meets", "misses"})) {
        if (ex["meets"].IsDefined()) item.meets = examples(ex["meets"], cr, ok);
        if (ex["misses"].IsDefined()) item.misses = examples(ex["misses"], cr, ok);
        if (ok) check_examples(ex, item, cr);
      }
      cr.items.push_back(std::move(item));
    }
  }

  void check_examples(const YAML::Node& ex, const Item& item, const Criteria& cr) {
    auto name = [](Tri t) {
      return t == Tri::True ? _("true") : t == Tri::False ? _("false") : _("undecided");
    };
    for (std::size_t k = 0; k < item.meets.size(); ++k) {
      const Tri t = evaluate(item.when, cr, item.meets[k]);
      if (t != Tri::True)
        m_reader.error(ex["meets"][k], trf("this example should meet item \"{}\", but the condition is {}",
                                           item.id, name(t)));
    }
    for (std::size_t k = 0; k < item.misses.size(); ++k) {
      const Tri t = evaluate(item.when, cr, item.misses[k]);
      if (t != Tri::False)
        m_reader.error(ex["misses"][k], trf("this example should miss item \"{}\", but the condition is {}",
                                            item.id, name(t)));
    }
  }

  io::YamlReader m_reader;
};

}  // namespace

Criteria load_criteria(const std::string& display, const std::string& text) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  Loader loader(display, text, diagnostics);
  Criteria cr = loader.load(root);
  diagnostics.throw_if_any();
  cr.sha256 = hash::sha256_hex(text);
  return cr;
}

Criteria load_criteria_ref(const std::string& ref) {
  std::string name = ref;
  const bool builtin = name.starts_with("builtin:");
  if (builtin) name = name.substr(8);
  std::error_code ec;
  if (!builtin && std::filesystem::exists(ref, ec)) return load_criteria(ref, io::read_file(ref, ref));
  if (auto f = ruleset::find_builtin("criteria", name)) return load_criteria(f->path, f->text);
  const auto names = ruleset::builtin_names("criteria");
  const std::string hint = text::did_you_mean(name, names);
  throw InputError(Location{ref}, trf("no criteria file or bundled criteria \"{}\"{}", name,
                                      hint.empty() ? trf("; bundled: {}", text::join(names, ", ")) : hint));
}

}  // namespace safeassess::hazard
