#include "ruleset/condition.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"

namespace safeassess::ruleset {

namespace {

struct OpName {
  const char* name;
  const char* symbol;
  Op op;
};
constexpr OpName k_ops[] = {
    {"eq", "==", Op::Eq}, {"ne", "!=", Op::Ne}, {"lt", "<", Op::Lt},
    {"le", "<=", Op::Le}, {"gt", ">", Op::Gt},  {"ge", ">=", Op::Ge},
};

}  // namespace

const char* op_symbol(Op op) {
  switch (op) {
    case Op::Eq:
      return "=";
    case Op::Ne:
      return "≠";
    case Op::Lt:
      return "<";
    case Op::Le:
      return "≤";
    case Op::Gt:
      return ">";
    case Op::Ge:
      return "≥";
  }
  return "?";
}

Condition parse_condition(const io::YamlReader& reader, const YAML::Node& node,
                          const std::unordered_map<std::string, std::size_t>& input_ids,
                          const std::vector<std::string>& input_names) {
  Condition c;
  if (!reader.expect_map(node, "a condition", {"all", "any", "not", "field", "op", "value"})) return c;
  const bool has_all = node["all"].IsDefined(), has_any = node["any"].IsDefined(),
             has_not = node["not"].IsDefined(), has_field = node["field"].IsDefined();
  const int forms = int(has_all) + int(has_any) + int(has_not) + int(has_field);
  if (forms != 1) {
    reader.error(node,
                 "a condition needs exactly one of \"all\", \"any\", \"not\" or "
                 "\"field\" (with \"op\" and \"value\")");
    return c;
  }
  if (has_all || has_any) {
    c.kind = has_all ? Condition::Kind::All : Condition::Kind::Any;
    const YAML::Node list = node[has_all ? "all" : "any"];
    if (reader.expect_sequence(list, has_all ? "\"all\"" : "\"any\"")) {
      if (list.size() == 0)
        reader.error(list, "an empty list here is always true or false; give at least one condition");
      for (const auto& child : list)
        c.children.push_back(parse_condition(reader, child, input_ids, input_names));
    }
    return c;
  }
  if (has_not) {
    c.kind = Condition::Kind::Not;
    c.children.push_back(parse_condition(reader, node["not"], input_ids, input_names));
    return c;
  }
  c.kind = Condition::Kind::Compare;
  if (auto field = reader.string(node, "field", true)) {
    const auto it = input_ids.find(*field);
    if (it == input_ids.end())
      reader.error(node["field"], fmt::format("condition field \"{}\" is not a declared input{}", *field,
                                              text::did_you_mean(*field, input_names)));
    else
      c.input = it->second;
  }
  if (auto op = reader.string(node, "op", true)) {
    const auto* found = std::find_if(std::begin(k_ops), std::end(k_ops),
                                     [&](const OpName& o) { return *op == o.name || *op == o.symbol; });
    if (found == std::end(k_ops)) {
      std::vector<std::string> names;
      for (const auto& o : k_ops) names.emplace_back(o.name);
      reader.error(node["op"],
                   fmt::format("unknown operator \"{}\"; expected one of: {}", *op, text::join(names, ", ")));
    } else {
      c.op = found->op;
    }
  }
  if (auto v = reader.number(node, "value", true)) c.value = *v;
  return c;
}

bool evaluate(const Condition& c, std::span<const double> values) {
  switch (c.kind) {
    case Condition::Kind::All:
      return std::all_of(c.children.begin(), c.children.end(),
                         [&](const Condition& ch) { return evaluate(ch, values); });
    case Condition::Kind::Any:
      return std::any_of(c.children.begin(), c.children.end(),
                         [&](const Condition& ch) { return evaluate(ch, values); });
    case Condition::Kind::Not:
      return !evaluate(c.children.front(), values);
    case Condition::Kind::Compare: {
      const double x = values[c.input];
      switch (c.op) {
        case Op::Eq:
          return x == c.value;
        case Op::Ne:
          return x != c.value;
        case Op::Lt:
          return x < c.value;
        case Op::Le:
          return x <= c.value;
        case Op::Gt:
          return x > c.value;
        case Op::Ge:
          return x >= c.value;
      }
    }
  }
  return false;
}

void collect_inputs(const Condition& c, std::vector<std::size_t>& out) {
  if (c.kind == Condition::Kind::Compare) {
    if (std::find(out.begin(), out.end(), c.input) == out.end()) out.push_back(c.input);
    return;
  }
  for (const auto& ch : c.children) collect_inputs(ch, out);
}

std::string describe(const Condition& c, const std::vector<std::string>& ids) {
  switch (c.kind) {
    case Condition::Kind::Compare:
      return fmt::format("{} {} {}", ids[c.input], op_symbol(c.op), text::plain(c.value));
    case Condition::Kind::Not:
      return fmt::format("not ({})", describe(c.children.front(), ids));
    case Condition::Kind::All:
    case Condition::Kind::Any: {
      std::vector<std::string> parts;
      for (const auto& ch : c.children) {
        const bool group = ch.kind == Condition::Kind::All || ch.kind == Condition::Kind::Any;
        parts.push_back(group ? fmt::format("({})", describe(ch, ids)) : describe(ch, ids));
      }
      return text::join(parts, c.kind == Condition::Kind::All ? " and " : " or ");
    }
  }
  return {};
}

}  // namespace safeassess::ruleset
