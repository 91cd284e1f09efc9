#include "model/criteria.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/i18n.hpp"
#include "core/text.hpp"

namespace safeassess::hazard {

std::optional<std::size_t> Criteria::find_field(const std::string& field_id) const {
  const auto it = field_index.find(field_id);
  if (it == field_index.end()) return std::nullopt;
  return it->second;
}

std::size_t Criteria::verified_items() const {
  return static_cast<std::size_t>(
      std::count_if(items.begin(), items.end(), [](const Item& i) { return i.verified; }));
}

EditionChoice choose_edition(const std::vector<Criteria>& standards, const std::vector<std::size_t>& family,
                             date::Day day) {
  // The last edition starting on or before `day`, else the first one.
  std::optional<std::size_t> before, after;
  for (const std::size_t s : family) {
    const model::Edition& e = standards[s].edition;
    if (e.in_force(day)) return {s, {}};
    if (!e.from) continue;
    if (*e.from <= day) {
      if (!before || *standards[*before].edition.from < *e.from) before = s;
    } else if (!after || *e.from < *standards[*after].edition.from) {
      after = s;
    }
  }
  const std::string when = date::format(day);
  if (before) {
    const Criteria& cr = standards[*before];
    const auto& next = after ? standards[*after].edition.number + "（" +
                                   standards[*after].edition.effective_from + " 起施行）"
                             : cr.edition.superseded_by;
    return {*before, trf("no loaded edition of {} is in force on {}: {} was in force until {}{}; the text in "
                         "force then is not loaded, so the finding is not judged by a replaced text",
                         cr.name, when, cr.edition.number, cr.edition.effective_until,
                         next.empty() ? std::string() : ", then " + next + " applies")};
  }
  if (after) {
    const Criteria& cr = standards[*after];
    return {*after,
            trf("no loaded edition of {} is in force on {}: {} is in force only from {}{}; the text in "
                "force then is not loaded, so the finding is not judged by a text not yet in force",
                cr.name, when, cr.edition.number, cr.edition.effective_from,
                cr.edition.preceded_by.empty() ? std::string()
                                               : trf(", before it {} applied", cr.edition.preceded_by))};
  }
  return {family.empty() ? 0 : family.front(),
          trf("no loaded edition states when it is in force, so none can judge a finding of {}", when)};
}

namespace {

Tri compare(const Condition& c, const FieldDef& f, const Fact& x, const Facts& facts) {
  if (c.op == Op::Exists) return x.known == c.exists ? Tri::True : Tri::False;
  if (!x.known) return Tri::Unknown;
  auto b = [](bool v) { return v ? Tri::True : Tri::False; };
  if (f.type == FieldType::Text) {
    switch (c.op) {
      case Op::Eq:
        return b(x.text == c.text);
      case Op::Ne:
        return b(x.text != c.text);
      case Op::In:
        return b(std::find(c.texts.begin(), c.texts.end(), x.text) != c.texts.end());
      default:
        return Tri::Unknown;
    }
  }
  double rhs = c.number;
  if (c.ref) {
    const Fact& r = facts[*c.ref];
    if (!r.known) return Tri::Unknown;
    rhs = r.number * c.ref_times;
  }
  const double v = x.number;
  switch (c.op) {
    case Op::Eq:
      return b(v == rhs);
    case Op::Ne:
      return b(v != rhs);
    case Op::Lt:
      return b(v < rhs);
    case Op::Le:
      return b(v <= rhs);
    case Op::Gt:
      return b(v > rhs);
    case Op::Ge:
      return b(v >= rhs);
    case Op::In:
      return b(std::find(c.numbers.begin(), c.numbers.end(), v) != c.numbers.end());
    case Op::Between:
      return b(v >= c.numbers[0] && v <= c.numbers[1]);
    case Op::Exists:
      break;
  }
  return Tri::Unknown;
}

using Fields = std::vector<FieldDef>;

Tri eval(const Condition& c, const Fields& fields, const Facts& facts) {
  switch (c.kind) {
    case Condition::Kind::All: {
      Tri r = Tri::True;
      for (const auto& ch : c.children) {
        const Tri t = eval(ch, fields, facts);
        if (t == Tri::False) return Tri::False;
        if (t == Tri::Unknown) r = Tri::Unknown;
      }
      return r;
    }
    case Condition::Kind::Any: {
      Tri r = Tri::False;
      for (const auto& ch : c.children) {
        const Tri t = eval(ch, fields, facts);
        if (t == Tri::True) return Tri::True;
        if (t == Tri::Unknown) r = Tri::Unknown;
      }
      return r;
    }
    case Condition::Kind::Not: {
      const Tri t = eval(c.children.front(), fields, facts);
      return t == Tri::Unknown ? t : (t == Tri::True ? Tri::False : Tri::True);
    }
    case Condition::Kind::Compare:
      return compare(c, fields[c.field], facts[c.field], facts);
  }
  return Tri::Unknown;
}

const char* op_text(Op op) {
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
    case Op::In:
      return "in";
    case Op::Between:
      return "between";
    case Op::Exists:
      return "recorded";
  }
  return "?";
}

std::string fact_text(const FieldDef& f, const Fact& x) {
  if (!x.known) return _("not recorded");
  if (f.type == FieldType::Boolean) return x.number != 0 ? _("yes") : _("no");
  if (f.type == FieldType::Text) return x.text;
  return f.unit.empty() ? text::plain(x.number) : fmt::format("{} {}", text::plain(x.number), f.unit);
}

std::string rhs_text(const Condition& c, const Criteria& cr, const Facts& facts) {
  const FieldDef& f = cr.fields[c.field];
  if (c.ref) {
    const auto& rf = cr.fields[*c.ref];
    std::string r = c.ref_times == 1 ? rf.id : fmt::format("{} x {}", text::plain(c.ref_times), rf.id);
    if (facts[*c.ref].known) r += fmt::format(" = {}", text::plain(facts[*c.ref].number * c.ref_times));
    return r;
  }
  switch (c.op) {
    case Op::In: {
      std::vector<std::string> parts;
      if (f.type == FieldType::Text)
        parts = c.texts;
      else
        for (double v : c.numbers) parts.push_back(text::plain(v));
      return fmt::format("{{{}}}", text::join(parts, ", "));
    }
    case Op::Between:
      return fmt::format("[{}, {}]", text::plain(c.numbers[0]), text::plain(c.numbers[1]));
    default:
      break;
  }
  if (f.type == FieldType::Boolean) return c.number != 0 ? _("yes") : _("no");
  if (f.type == FieldType::Text) return c.text;
  return text::plain(c.number);
}

std::string explain_compare(const Condition& c, const Criteria& cr, const Facts& facts) {
  const FieldDef& f = cr.fields[c.field];
  if (c.op == Op::Exists)
    return facts[c.field].known ? trf("{} recorded", f.id) : trf("{} not recorded", f.id);
  // A yes/no fact that equals what the item looks for says all there is to say.
  if (f.type != FieldType::Number && c.op == Op::Eq && !c.ref && facts[c.field].known)
    return fmt::format("{} = {}", f.id, fact_text(f, facts[c.field]));
  // The threshold is the item's condition, not a claim about the value: "(condition > 10)".
  return trf("{} = {} (condition {} {})", f.id, fact_text(f, facts[c.field]), op_text(c.op),
             rhs_text(c, cr, facts));
}

// The parts of a true condition that make it true: every part of "all", only the true
// parts of "any".
std::string explain_node(const Condition& c, const Criteria& cr, const Facts& facts) {
  switch (c.kind) {
    case Condition::Kind::Compare:
      return explain_compare(c, cr, facts);
    case Condition::Kind::Not:
      return trf("not ({})", explain_node(c.children.front(), cr, facts));
    case Condition::Kind::All:
    case Condition::Kind::Any: {
      // TRANSLATORS: joins the facts of a judgement: "a = 是 and b = 否".
      const std::string and_ = _(" and ");
      const std::string or_ = _(" or ");
      std::vector<std::string> parts;
      const Tri whole = eval(c, cr.fields, facts);
      for (const auto& ch : c.children) {
        if (c.kind == Condition::Kind::Any && whole == Tri::True && eval(ch, cr.fields, facts) != Tri::True)
          continue;
        const bool group = ch.kind == Condition::Kind::All || ch.kind == Condition::Kind::Any;
        std::string part = explain_node(ch, cr, facts);
        // Parenthesise a group only when more than one of its parts is shown.
        const bool compound = part.find(and_) != std::string::npos || part.find(or_) != std::string::npos;
        parts.push_back(group && compound ? fmt::format("({})", part) : part);
      }
      return text::join(parts, c.kind == Condition::Kind::All ? and_ : or_);
    }
  }
  return {};
}

}  // namespace

void collect_fields(const Condition& c, std::vector<std::size_t>& out) {
  auto add = [&](std::size_t f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
  };
  if (c.kind == Condition::Kind::Compare) {
    add(c.field);
    if (c.ref) add(*c.ref);
    return;
  }
  for (const auto& ch : c.children) collect_fields(ch, out);
}

Tri evaluate(const Condition& c, const Criteria& criteria, const Facts& facts) {
  return eval(c, criteria.fields, facts);
}

void missing_fields(const Condition& c, const Criteria& criteria, const Facts& facts,
                    std::vector<std::size_t>& out) {
  if (eval(c, criteria.fields, facts) != Tri::Unknown) return;
  if (c.kind == Condition::Kind::Compare) {
    for (auto f : {std::optional<std::size_t>(c.field), c.ref})
      if (f && !facts[*f].known && std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
    return;
  }
  for (const auto& ch : c.children) missing_fields(ch, criteria, facts, out);
}

std::string explain(const Condition& c, const Criteria& criteria, const Facts& facts) {
  return explain_node(c, criteria, facts);
}

}  // namespace safeassess::hazard
