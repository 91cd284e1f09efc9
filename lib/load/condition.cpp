#include "load/condition.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
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

Condition parse_condition(const io::YamlReader& reader, const YAML::Node& node,
                          const std::unordered_map<std::string, std::size_t>& input_ids,
                          const std::vector<std::string>& input_names, std::string_view fields) {
  Condition c;
  if (!reader.expect_map(node, _("a condition"), {"all", "any", "not", "field", "op", "value"})) return c;
  const bool has_all = node["all"].IsDefined(), has_any = node["any"].IsDefined(),
             has_not = node["not"].IsDefined(), has_field = node["field"].IsDefined();
  const int forms = int(has_all) + int(has_any) + int(has_not) + int(has_field);
  if (forms != 1) {
    reader.error(node, _("a condition needs exactly one of \"all\", \"any\", \"not\" or "
                         "\"field\" (with \"op\" and \"value\")"));
    return c;
  }
  if (has_all || has_any) {
    c.kind = has_all ? Condition::Kind::All : Condition::Kind::Any;
    const YAML::Node list = node[has_all ? "all" : "any"];
    if (reader.expect_sequence(list, has_all ? "\"all\"" : "\"any\"")) {
      if (list.size() == 0)
        reader.error(list, _("an empty list here is always true or false; give at least one condition"));
      for (const auto& child : list)
        c.children.push_back(parse_condition(reader, child, input_ids, input_names, fields));
    }
    return c;
  }
  if (has_not) {
    c.kind = Condition::Kind::Not;
    c.children.push_back(parse_condition(reader, node["not"], input_ids, input_names, fields));
    return c;
  }
  c.kind = Condition::Kind::Compare;
  if (auto field = reader.string(node, "field", true)) {
    const auto it = input_ids.find(*field);
    if (it == input_ids.end())
      reader.error(node["field"], fields.empty() ? trf("condition field \"{}\" is not a declared input{}",
                                                       *field, text::did_you_mean(*field, input_names))
                                                 : trf("condition field \"{}\" is not {}{}", *field, fields,
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
                   trf("unknown operator \"{}\"; expected one of: {}", *op, text::join(names, ", ")));
    } else {
      c.op = found->op;
    }
  }
  if (auto v = reader.decimal(node, "value", true)) c.value = *v;
  return c;
}

}  // namespace safeassess::ruleset
