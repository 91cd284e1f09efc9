#include "model/condition.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::ruleset {

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

bool evaluate(const Condition& c, std::span<const num::Decimal> values) {
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
      const num::Decimal x = values[c.input];
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
      return fmt::format("{} {} {}", ids[c.input], op_symbol(c.op), c.value.str());
    case Condition::Kind::Not:
      return trf("not ({})", describe(c.children.front(), ids));
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
