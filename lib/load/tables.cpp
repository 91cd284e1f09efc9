#include "load/tables.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <span>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/cell.hpp"
#include "io/csv.hpp"

namespace safeassess::assessment {

using ruleset::InputType;
using ruleset::MissingPolicy;

namespace {

// Suggesting the closest unit id is a scan of all ids; past this many units it is skipped.
constexpr std::size_t k_suggest_limit = 20000;

// The unit a rating cell may carry: points (分).
const std::string k_points_unit[] = {"分"};
constexpr std::span<const std::string> k_points{k_points_unit};

}  // namespace

std::string suggest_unit(std::string_view id, const Units& units) {
  if (units.size() > k_suggest_limit) return {};
  return text::did_you_mean(id, units.ids);
}

namespace {

// The reason a number cannot be held, for a message ("" when it is simply not a number).
std::string number_limit(const std::string& why) {
  return why == _("not a number") ? std::string()
                                  : trf(" ({}; safeassess reads at most 12 decimals and values up to "
                                        "10^18: round the cell in the source file)",
                                        why);
}

// Parses one cell for an input, exactly; returns the value or sets `error` to what was
// expected. `units` are the units the input's name states, which a cell may carry ("12万元").
Decimal parse_cell(const ruleset::InputDef& in, std::string_view raw, std::span<const std::string> units,
                   std::string& buffer, std::string& error) {
  std::string_view s = io::trim(raw);
  std::string why;
  if (in.type == InputType::Boolean) {
    if (const auto yes = text::parse_yes_no(s)) return Decimal::of(*yes ? 1 : 0);
    error = trf("expected yes or no (1/0, yes/no, true/false, 是/否), got \"{}\"", raw);
    return {};
  }
  const io::NumberForm form{in.type == InputType::Percent, units};
  const auto plain = io::plain_number(s, form, buffer, why);
  std::optional<Decimal> p;
  if (plain) p = Decimal::parse(*plain, &why);
  const std::string reason = plain ? number_limit(why) : why.empty() ? std::string() : _("; ") + why;
  if (!p) {
    switch (in.type) {
      case InputType::Percent:
        error = trf("expected a percentage such as 98.5 or 98.5%, got \"{}\"{}", raw, reason);
        break;
      case InputType::Count:
        error = trf("expected a whole number 0 or more (a count), got \"{}\"{}", raw, reason);
        break;
      default:
        error = trf("expected a number, got \"{}\"{}", raw, reason);
    }
    return {};
  }
  const Decimal v = *p;
  if (in.type == InputType::Count && (v.negative() || !v.is_integer())) {
    error = trf("expected a whole number 0 or more (a count), got \"{}\"", raw);
    return {};
  }
  if ((in.min && v < *in.min) || (in.max && v > *in.max)) {
    error = trf("{} is outside the allowed range {}..{} for \"{}\"", v.str(), in.min ? in.min->str() : "",
                in.max ? in.max->str() : "", in.id);
    return {};
  }
  return v;
}

}  // namespace

Units load_units(const std::string& display, std::string bytes, io::Encoding enc) {
  Diagnostics diagnostics;
  Units units = load_units(display, std::move(bytes), enc, diagnostics);
  diagnostics.throw_if_any();
  return units;
}

Units load_units(const std::string& display, std::string bytes, io::Encoding enc, Diagnostics& diagnostics,
                 const std::string& group_column) {
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  const auto id_col = header.require_any({"id", "单位编号", "编号"}, _("the unit's identifier"), diagnostics);
  const auto name_col =
      header.require_any({"name", "单位名称", "名称"}, _("the unit's display name"), diagnostics);
  std::optional<std::size_t> group_col;
  if (!group_column.empty())
    group_col = header.require_any({group_column}, _("the group of each unit (the ruleset's \"grouping\")"),
                                   diagnostics);
  Units units;
  if (!id_col || !name_col || (!group_column.empty() && !group_col)) return units;
  while (reader.next()) {
    const long line = reader.line();
    const std::string_view id = io::trim(*id_col < reader.size() ? reader[*id_col] : std::string_view());
    const std::string_view name =
        io::trim(*name_col < reader.size() ? reader[*name_col] : std::string_view());
    if (id.empty()) {
      diagnostics.error(header.cell(line, *id_col),
                        trf("{}: empty unit id; every unit needs one", header.column_label(*id_col)));
      continue;
    }
    if (name.empty())
      diagnostics.error(header.cell(line, *name_col),
                        trf("{}: empty name for unit \"{}\"", header.column_label(*name_col), id));
    if (const auto first = units.add(id, name, line))
      diagnostics.error(header.cell(line, *id_col),
                        trf("{}: unit id \"{}\" is already used on line {}; unit ids must be unique",
                            header.column_label(*id_col), id, units.lines[*first]));
    else if (group_col) {
      // Only for a unit added: the groups stay in step with the ids.
      const std::string_view g =
          io::trim(*group_col < reader.size() ? reader[*group_col] : std::string_view());
      if (g.empty())
        diagnostics.error(header.cell(line, *group_col),
                          trf("{}: empty group for unit \"{}\"; the ruleset ranks units within groups",
                              header.column_label(*group_col), id));
      units.groups.emplace_back(g);
    }
  }
  if (units.ids.empty())
    diagnostics.error(Location{display}, _("no units: the file has a header but no rows"));
  return units;
}

Values load_values(const std::string& display, std::string bytes, io::Encoding enc,
                   const ruleset::Ruleset& rules, MissingPolicy missing, const Units& units,
                   const std::vector<std::size_t>& supplied, const std::string& period) {
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  Diagnostics diagnostics;
  const auto unit_col =
      header.require_any({"unit", "单位编号"}, _("the unit id each row belongs to"), diagnostics);
  std::optional<std::size_t> period_col;
  if (!period.empty())
    period_col = header.require_any({"period", "考核期"},
                                    _("the period of the year each row is for (the ruleset "
                                      "declares periods)"),
                                    diagnostics);
  // Inputs that bonus items or vetoes read cannot be excluded: a veto that silently does
  // not fire, or a bonus silently not given, would change a grade with no trace.
  std::vector<char> must_have(rules.inputs.size(), 0);
  for (const auto& b : rules.bonus) must_have[b.input] = 1;
  for (const auto& v : rules.vetoes)
    for (auto c : v.columns) must_have[c] = 1;
  // Adjustments and grade caps too: a 通报批评 or a 降等 must not vanish with an empty cell.
  for (const auto& x : rules.adjustments) must_have[x.input] = 1;
  for (const auto& g : rules.grade_caps)
    for (auto c : g.columns) must_have[c] = 1;
  // And what the derived inputs among them are computed from, to the end of the chain.
  for (auto it = rules.derived.rbegin(); it != rules.derived.rend(); ++it)
    if (must_have[it->first])
      for (auto t : it->second.terms) must_have[t] = 1;
  // The units each input's name states, which its cells may carry ("12万元", "3起").
  std::vector<std::vector<std::string>> input_units(rules.inputs.size());
  for (std::size_t i = 0; i < rules.inputs.size(); ++i) input_units[i] = io::units_of(rules.inputs[i].name);
  std::string buffer;
  struct Column {
    std::size_t input;
    std::size_t csv;
  };
  std::vector<Column> columns;
  for (std::size_t i : rules.used_inputs()) {
    const auto& in = rules.inputs[i];
    const bool derived =
        std::any_of(rules.derived.begin(), rules.derived.end(), [&](const auto& d) { return d.first == i; });
    if (derived) {
      for (const auto& name : {in.id, in.name})
        if (auto c = header.find(name))
          diagnostics.error(header.cell(header.line(), *c),
                            trf("column {} \"{}\" is computed by the ruleset (\"derive\" of input \"{}\"); "
                                "remove the column",
                                text::column_letter(*c + 1), name, in.id));
      continue;
    }
    if (std::find(supplied.begin(), supplied.end(), i) != supplied.end()) {
      for (const auto& name : {in.id, in.name})
        if (auto c = header.find(name))
          diagnostics.error(header.cell(header.line(), *c),
                            trf("column {} \"{}\" is computed from a file the manifest names (the hazard "
                                "ledger, the accident register or the duty records); remove the column",
                                text::column_letter(*c + 1), name));
      continue;
    }
    // An evaluator's template may carry the input's Chinese name as its header.
    if (auto c = header.require_any({in.id, in.name}, _("an input the ruleset reads"), diagnostics))
      columns.push_back({i, *c});
  }
  diagnostics.throw_if_any();

  Values values;
  values.columns = rules.inputs.size();
  values.data.assign(units.size() * values.columns, k_missing);
  values.file = display;
  std::vector<long> row_line(units.size(), 0);
  std::string error;
  std::size_t expected = 0;
  while (reader.next()) {
    const long line = reader.line();
    if (period_col) {
      const std::string_view p =
          io::trim(*period_col < reader.size() ? reader[*period_col] : std::string_view());
      if (p != period) {
        const bool declared = std::any_of(rules.periods.begin(), rules.periods.end(),
                                          [&](const ruleset::PeriodDef& d) { return d.id == p; });
        if (!declared && period == rules.periods.front().id) {
          std::vector<std::string> ids;
          for (const auto& d : rules.periods) ids.push_back(d.id);
          diagnostics.error(
              header.cell(line, *period_col),
              trf("{}: \"{}\" is not a period of the ruleset; expected one of: {}{}",
                  header.column_label(*period_col), p, text::join(ids, ", "), text::did_you_mean(p, ids)));
        }
        continue;
      }
    }
    const std::string_view id = io::trim(*unit_col < reader.size() ? reader[*unit_col] : std::string_view());
    const auto u = units.find(id, expected);
    if (u) expected = *u + 1;
    if (!u) {
      diagnostics.error(header.cell(line, *unit_col),
                        id.empty() ? trf("{}: empty unit id", header.column_label(*unit_col))
                                   : trf("{}: unit \"{}\" is not in the units file{}",
                                         header.column_label(*unit_col), id, suggest_unit(id, units)));
      continue;
    }
    if (row_line[*u] != 0) {
      diagnostics.error(header.cell(line, *unit_col),
                        period.empty() ? trf("{}: unit \"{}\" already has a row on line {}; give each unit "
                                             "one row",
                                             header.column_label(*unit_col), id, row_line[*u])
                                       : trf("{}: unit \"{}\" already has a row for period {} on line {}; "
                                             "give each unit one row per period",
                                             header.column_label(*unit_col), id, period, row_line[*u]));
      continue;
    }
    row_line[*u] = line;
    Decimal* row = values.data.data() + *u * values.columns;
    for (const auto& col : columns) {
      const std::string_view cell = col.csv < reader.size() ? reader[col.csv] : std::string_view();
      const auto& in = rules.inputs[col.input];
      if (io::trim(cell).empty()) {
        if (missing == MissingPolicy::Error)
          diagnostics.error(header.cell(line, col.csv),
                            trf("{}: empty cell for unit \"{}\"; enter a value, or set "
                                "\"missing: zero\" or \"missing: exclude\" in the manifest",
                                header.column_label(col.csv), id));
        else if (must_have[col.input] && missing == MissingPolicy::Exclude)
          diagnostics.error(header.cell(line, col.csv),
                            trf("{}: empty cell for unit \"{}\"; \"{}\" decides a veto, a bonus, an "
                                "adjustment or a grade cap and cannot be excluded: enter a value (0 if none)",
                                header.column_label(col.csv), id, in.id));
        continue;  // stays missing: the engine applies the policy and reports it
      }
      error.clear();
      const Decimal v = parse_cell(in, cell, input_units[col.input], buffer, error);
      if (!error.empty()) {
        diagnostics.error(header.cell(line, col.csv), trf("{}: {}", header.column_label(col.csv), error));
        continue;
      }
      row[col.input] = v;
    }
  }
  for (std::size_t u = 0; u < units.size(); ++u)
    if (row_line[u] == 0)
      diagnostics.error(Location{display},
                        period.empty() ? trf("unit \"{}\" (units file line {}) has no row; add a row with "
                                             "unit = {}",
                                             units.ids[u], units.lines[u], units.ids[u])
                                       : trf("unit \"{}\" (units file line {}) has no row for period {}; add "
                                             "a row with unit = {}, period = {}",
                                             units.ids[u], units.lines[u], period, units.ids[u], period));
  diagnostics.throw_if_any();
  values.lines = std::move(row_line);
  return values;
}

Ratings load_ratings(const std::string& display, std::optional<std::string> file, io::Encoding enc,
                     const ruleset::Ruleset& rules, MissingPolicy missing, const Units& units) {
  Ratings ratings;
  std::string buffer;
  std::vector<std::string> item_ids;
  for (std::size_t i = 0; i < rules.indicators.size(); ++i)
    if (rules.indicators[i].method == ruleset::Method::Rating) {
      ratings.items.push_back(i);
      item_ids.push_back(rules.indicators[i].id);
    }
  const std::size_t n_items = ratings.items.size();
  const std::size_t n_slots = units.size() * n_items;

  struct Entry {
    std::uint32_t slot;
    std::string_view rater;  // into the file's text
    Decimal value;
    long line;
  };
  std::vector<Entry> entries;
  // Slots with a row that was rejected: their "no rating" would only repeat that error.
  std::vector<char> attempted(n_slots, 0);
  Diagnostics diagnostics;
  // At function scope: the entries hold views into the file's text until they are sorted.
  std::optional<io::CsvFile> csv;
  if (file) {
    csv.emplace(display, std::move(*file), enc);
    io::CsvReader& reader = csv->reader();
    const io::CsvHeader& header = csv->header();
    const auto c_unit = header.require_any({"unit", "单位编号"}, _("the rated unit's id"), diagnostics);
    const auto c_item = header.require_any({"item", "指标"}, _("the rated indicator's id"), diagnostics);
    const auto c_rater = header.require_any({"rater", "评分人"}, _("who gave the rating"), diagnostics);
    const auto c_rating = header.require_any({"rating", "评分"}, _("the score or grade given"), diagnostics);
    diagnostics.throw_if_any();
    auto cell = [&](std::size_t c) { return csv->cell(c); };
    std::size_t last_unit = 0;  // ratings come grouped by unit: try the last one first
    while (reader.next()) {
      const long line = reader.line();
      const auto unit_id = cell(*c_unit);
      const auto item = cell(*c_item);
      const auto rater = cell(*c_rater);
      const auto raw = cell(*c_rating);
      const auto u = units.find(unit_id, last_unit);
      if (u) last_unit = *u;
      bool ok = true;
      if (!u) {
        diagnostics.error(header.cell(line, *c_unit),
                          trf("{}: unit \"{}\" is not in the units file{}", header.column_label(*c_unit),
                              unit_id, suggest_unit(unit_id, units)));
        ok = false;
      }
      std::size_t slot = ruleset::k_none;
      for (std::size_t s = 0; s < n_items; ++s)
        if (item_ids[s] == item) slot = s;
      if (slot == ruleset::k_none) {
        diagnostics.error(header.cell(line, *c_item),
                          trf("{}: \"{}\" is not a rating indicator of ruleset \"{}\"{}",
                              header.column_label(*c_item), item, rules.id,
                              text::did_you_mean(item, item_ids).empty() && !item_ids.empty()
                                  ? trf("; rating indicators: {}", text::join(item_ids, ", "))
                                  : text::did_you_mean(item, item_ids)));
        ok = false;
      }
      if (rater.empty()) {
        diagnostics.error(header.cell(line, *c_rater),
                          trf("{}: empty rater; name who gave the rating", header.column_label(*c_rater)));
        ok = false;
      }
      if (!ok) continue;
      attempted[*u * n_items + slot] = 1;
      const auto& scale = rules.indicators[ratings.items[slot]].scale;
      Decimal value;
      if (scale.numeric) {
        std::string why;
        // A rating is in points: "4.5分" is 4.5.
        const auto plain = io::plain_number(raw, io::NumberForm{false, k_points}, buffer, why);
        std::optional<Decimal> v;
        if (plain) v = Decimal::parse(*plain, &why);
        if (!v || *v < scale.min || *v > scale.max) {
          diagnostics.error(header.cell(line, *c_rating),
                            trf("{}: rating \"{}\" is outside the scale {}..{} of \"{}\"{}",
                                header.column_label(*c_rating), raw, scale.min.str(), scale.max.str(), item,
                                v             ? std::string()
                                : plain       ? number_limit(why)
                                : why.empty() ? std::string()
                                              : _("; ") + why));
          continue;
        }
        value = *v - scale.min;  // the achievement is this over (max - min)
      } else {
        bool found = false;
        std::vector<std::string> labels;
        for (const auto& [label, fraction] : scale.grades) {
          labels.push_back(label);
          if (label == raw) {
            value = fraction;
            found = true;
          }
        }
        if (!found) {
          diagnostics.error(header.cell(line, *c_rating),
                            trf("{}: rating \"{}\" is not a grade of \"{}\"; expected one of: {}",
                                header.column_label(*c_rating), raw, item, text::join(labels, ", ")));
          continue;
        }
      }
      entries.push_back({static_cast<std::uint32_t>(*u * n_items + slot), rater, value, line});
    }
  }
  // Group by slot (stable, so ratings keep file order) and reject a rater rating twice.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.slot != b.slot ? a.slot < b.slot : a.rater < b.rater;
  });
  ratings.offsets.assign(n_slots + 1, 0);
  ratings.values.reserve(entries.size());
  for (std::size_t k = 0; k < entries.size(); ++k) {
    const auto& e = entries[k];
    if (k > 0 && entries[k - 1].slot == e.slot && entries[k - 1].rater == e.rater) {
      const std::size_t u = e.slot / n_items;
      diagnostics.error(Location{display, e.line, 0},
                        trf("rater \"{}\" already rated \"{}\" for unit \"{}\" on line {}; "
                            "keep one rating per rater",
                            e.rater, item_ids[e.slot % n_items], units.ids[u], entries[k - 1].line));
      continue;
    }
    ratings.offsets[e.slot + 1]++;
  }
  std::partial_sum(ratings.offsets.begin(), ratings.offsets.end(), ratings.offsets.begin());
  for (std::size_t k = 0; k < entries.size(); ++k)
    if (!(k > 0 && entries[k - 1].slot == entries[k].slot && entries[k - 1].rater == entries[k].rater))
      ratings.values.push_back(entries[k].value);
  if (missing == MissingPolicy::Error && file) {
    for (std::size_t u = 0; u < units.size(); ++u)
      for (std::size_t s = 0; s < n_items; ++s)
        if (ratings.offsets[u * n_items + s + 1] == ratings.offsets[u * n_items + s] &&
            !attempted[u * n_items + s])
          diagnostics.error(Location{display},
                            trf("unit \"{}\" has no rating for \"{}\"; add the raters' "
                                "ratings, or set \"missing: zero\" or \"missing: exclude\" "
                                "in the manifest",
                                units.ids[u], item_ids[s]));
  }
  diagnostics.throw_if_any();
  return ratings;
}

void derive_inputs(const ruleset::Ruleset& rules, const Units& units, Values& values) {
  if (rules.derived.empty() || values.columns != rules.inputs.size()) return;
  using Kind = ruleset::Derivation::Kind;
  Diagnostics diagnostics;
  for (std::size_t u = 0; u < units.size(); ++u) {
    Decimal* row = values.data.data() + u * values.columns;
    const Location at{values.file, u < values.lines.size() ? values.lines[u] : 0, 0};
    for (const auto& [input, d] : rules.derived) {
      const auto& def = rules.inputs[input];
      bool absent = false;
      for (auto t : d.terms) absent = absent || is_missing(row[t]);
      if (absent) {
        row[input] = k_missing;  // the missing-data policy decides, as for a read cell
        continue;
      }
      Decimal v;
      try {
        switch (d.kind) {
          case Kind::Ratio: {
            const Decimal n = row[d.terms[0]];
            const Decimal q = row[d.terms[1]];
            if (q.is_zero()) {
              if (n.is_zero() && d.zero_over_zero) {
                v = *d.zero_over_zero;
                break;
              }
              diagnostics.error(
                  at,
                  n.is_zero()
                      ? trf("unit \"{}\": {} = {} / {} with both 0, and the ruleset states no value for "
                            "0 / 0; add \"zero_over_zero\" to its \"derive\" (e.g. 100 for a rate of "
                            "nothing to do) or correct the row",
                            units.ids[u], def.id, rules.inputs[d.terms[0]].id, rules.inputs[d.terms[1]].id)
                      : trf("unit \"{}\": {} = {} / {} divides {} by 0; correct {} in this row", units.ids[u],
                            def.id, rules.inputs[d.terms[0]].id, rules.inputs[d.terms[1]].id, n.str(),
                            rules.inputs[d.terms[1]].id));
              continue;
            }
            v = (num::Ratio(n) * num::Ratio(d.times) / num::Ratio(q)).round(d.decimals);
            break;
          }
          case Kind::Sum:
            for (auto t : d.terms) v += row[t];
            break;
          case Kind::Difference:
            v = row[d.terms[0]] - row[d.terms[1]];
            break;
        }
      } catch (const std::exception& e) {
        diagnostics.error(at, trf("unit \"{}\": {} cannot be computed: {}", units.ids[u], def.id, e.what()));
        continue;
      }
      if ((def.type == ruleset::InputType::Count && (v.negative() || !v.is_integer())) ||
          (def.type == ruleset::InputType::Boolean && v != Decimal{} && v != Decimal::of(1))) {
        diagnostics.error(
            at,
            def.type == ruleset::InputType::Count
                ? trf("unit \"{}\": derived {} = {} is not a whole number 0 or more (a count); check the "
                      "inputs it is computed from, or declare it as type: number",
                      units.ids[u], def.id, v.str())
                : trf("unit \"{}\": derived {} = {} is not 0 or 1 (a yes/no value); check the inputs it is "
                      "computed from, or declare it as type: number",
                      units.ids[u], def.id, v.str()));
        continue;
      }
      if ((def.min && v < *def.min) || (def.max && v > *def.max)) {
        diagnostics.error(at, trf("unit \"{}\": derived {} = {} is outside the allowed range {}..{}; check "
                                  "the inputs it is computed from",
                                  units.ids[u], def.id, v.str(), def.min ? def.min->str() : "",
                                  def.max ? def.max->str() : ""));
        continue;
      }
      row[input] = v;
    }
  }
  diagnostics.throw_if_any();
}

Values combine_periods(const ruleset::Ruleset& rules, const std::vector<Values>& periods) {
  Values year;
  if (periods.empty()) return year;
  year.columns = periods.front().columns;
  year.file = periods.front().file;
  year.lines = periods.front().lines;
  year.data.assign(periods.front().data.size(), k_missing);
  for (std::size_t k = 0; k < year.data.size(); ++k) {
    const auto& in = rules.inputs[k % year.columns];
    if (in.type == InputType::Count || in.type == InputType::Boolean) {
      Decimal v;
      bool any = false;
      for (const auto& p : periods) {
        if (is_missing(p.data[k])) continue;
        any = true;
        v = in.type == InputType::Count ? v + p.data[k] : num::max(v, p.data[k]);
      }
      if (any) year.data[k] = v;
    } else {
      year.data[k] = periods.back().data[k];
    }
  }
  return year;
}

}  // namespace safeassess::assessment
