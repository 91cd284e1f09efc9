#include "duty/compliance.hpp"

#include <fmt/format.h>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"

namespace safeassess::duty {

std::string_view to_string(Status s) {
  switch (s) {
    case Status::Met:
      return "met";
    case Status::Unevidenced:
      return "unevidenced";
    case Status::Missed:
      return "missed";
  }
  return "";
}

namespace {
int month_index(date::Day d) {
  const auto c = date::to_civil(d);
  return c.year * 12 + static_cast<int>(c.month) - 1;
}
}  // namespace

Frequency frequency_for(const Duty& d, std::string_view industry) {
  if (!industry.empty())
    for (const auto& f : d.by_industry)
      for (const auto& i : f.industries)
        if (i == industry) return f.frequency;
  return d.frequency;
}

std::string_view industry_of(const chain::Chain& chain, std::size_t node) {
  // Parents form a tree (checked on load); the bound guards against a cycle all the same.
  for (std::size_t v = node, steps = 0; v != k_no_index && steps <= chain.size();
       v = chain.parent[v], ++steps)
    if (chain.kind[v] == chain::NodeKind::Enterprise && chain.industry[v] < chain.industries.size())
      return chain.industries[chain.industry[v]];
  return {};
}

Buckets make_buckets(date::Period period) {
  Buckets b;
  b.period = period;
  b.first_month = month_index(period.first);
  b.months = std::min(12, month_index(period.last) - b.first_month + 1);
  // Half-months: two per whole month. Weeks: Monday to Sunday, wholly inside the period.
  b.count[static_cast<std::size_t>(Frequency::HalfMonth)] = b.months * 2;
  const date::Day monday_offset = ((period.first % 7) + 7 + 3) % 7;  // 1970-01-01 was a Thursday
  b.first_week = monday_offset == 0 ? period.first : period.first + (7 - monday_offset);
  b.count[static_cast<std::size_t>(Frequency::Week)] =
      period.last >= b.first_week + 6 ? (period.last - b.first_week + 1) / 7 : 0;
  for (std::size_t f = 0; f < 4; ++f) {
    const int m = months(static_cast<Frequency>(f));
    b.of_month[f].fill(-1);
    int last_start = -1;
    for (int k = 0; k < b.months; ++k) {
      const int am = b.first_month + k;
      const int start = am - am % m;
      if (start < b.first_month || start + m > b.first_month + b.months) continue;
      if (start != last_start) {
        ++b.count[f];
        last_start = start;
      }
      b.of_month[f][static_cast<std::size_t>(k)] = static_cast<std::int8_t>(b.count[f] - 1);
    }
  }
  return b;
}

int Buckets::of(Frequency f, date::Day d) const {
  if (f == Frequency::Week) {
    if (d < first_week) return -1;
    const int b = (d - first_week) / 7;
    return b < count[static_cast<std::size_t>(Frequency::Week)] ? b : -1;
  }
  const int k = month_index(d) - first_month;
  if (k < 0 || k >= months) return -1;
  if (f == Frequency::HalfMonth) return 2 * k + (date::to_civil(d).day > 15 ? 1 : 0);
  return of_month[static_cast<std::size_t>(f)][static_cast<std::size_t>(k)];
}

date::Day Buckets::bucket_first(Frequency f, int bucket) const {
  if (f == Frequency::Week) return first_week + 7 * bucket;
  if (f == Frequency::HalfMonth) {
    const int am = first_month + bucket / 2;
    return date::from_civil(am / 12, static_cast<unsigned>(am % 12 + 1), bucket % 2 ? 16 : 1);
  }
  const auto& table = of_month[static_cast<std::size_t>(f)];
  for (int k = 0; k < months; ++k)
    if (table[static_cast<std::size_t>(k)] == bucket) {
      const int am = first_month + k;
      return date::from_civil(am / 12, static_cast<unsigned>(am % 12 + 1), 1);
    }
  return period.first;
}

std::string Buckets::label(Frequency f, int bucket) const {
  const date::Day first = bucket_first(f, bucket);
  const auto c = date::to_civil(first);
  switch (f) {
    case Frequency::Week: {
      // ISO 8601: the week belongs to the year of its Thursday.
      const date::Day thursday = first + 3;
      const int year = date::to_civil(thursday).year;
      const int week = (thursday - date::from_civil(year, 1, 1)) / 7 + 1;
      return fmt::format("{:04}-W{:02}", year, week);
    }
    case Frequency::HalfMonth:
      return fmt::format("{:04}-{:02}{}", c.year, c.month, c.day > 15 ? "下半月" : "上半月");
    case Frequency::Month:
      return fmt::format("{:04}-{:02}", c.year, c.month);
    case Frequency::Quarter:
      return fmt::format("{:04}-Q{}", c.year, (c.month - 1) / 3 + 1);
    case Frequency::HalfYear:
      return fmt::format("{:04}-H{}", c.year, c.month <= 6 ? 1 : 2);
    case Frequency::Year:
      return fmt::format("{:04}", c.year);
  }
  return {};
}

Status Compliance::status(const DutyList& list, const chain::Chain& chain, std::size_t node, std::size_t duty,
                          int bucket) const {
  const std::size_t at = slot(node, duty, bucket);
  const int min = list.roles[chain.role[node]].duties[duty].min_count;
  if (evidenced[at] >= min) return Status::Met;
  if (evidenced[at] + unevidenced[at] >= min) return Status::Unevidenced;
  return Status::Missed;
}

Tally Compliance::duty_tally(const DutyList& list, const chain::Chain& chain, std::size_t node,
                             std::size_t duty) const {
  Tally t;
  const int n = periods(node, duty);
  for (int b = 0; b < n; ++b) {
    ++t.due;
    switch (status(list, chain, node, duty, b)) {
      case Status::Met:
        ++t.met;
        break;
      case Status::Unevidenced:
        ++t.unevidenced;
        break;
      case Status::Missed:
        break;
    }
  }
  return t;
}

Compliance empty_compliance(const DutyList& list, const chain::Chain& chain, date::Period period) {
  Compliance c;
  c.buckets = make_buckets(period);
  c.offset.assign(chain.size(), k_no_index);
  c.first_duty.assign(chain.size(), k_no_index);
  std::size_t slots = 0;
  for (std::size_t v = 0; v < chain.size(); ++v)
    if (chain.is_post(v) && chain.role[v] != k_no_index) {
      c.offset[v] = static_cast<std::uint32_t>(slots);
      c.first_duty[v] = static_cast<std::uint32_t>(c.duty_start.size());
      const std::string_view industry = industry_of(chain, v);
      std::uint32_t at = 0;
      for (const auto& d : list.roles[chain.role[v]].duties) {
        const Frequency f = frequency_for(d, industry);
        c.duty_start.push_back(at);
        c.duty_frequency.push_back(f);
        at += static_cast<std::uint32_t>(c.buckets.count[static_cast<std::size_t>(f)]);
      }
      slots += at;
    }
  c.evidenced.assign(slots, 0);
  c.unevidenced.assign(slots, 0);
  c.by_node.assign(chain.size(), Tally{});
  for (std::size_t v = 0; v < chain.size(); ++v) {
    if (!c.is_holder(v)) continue;
    for (std::size_t d = 0; d < list.roles[chain.role[v]].duties.size(); ++d)
      c.by_node[v].add(c.duty_tally(list, chain, v, d));
  }
  return c;
}

Compliance read_records(const std::string& display, std::string bytes, io::Encoding enc, const DutyList& list,
                        const chain::Chain& chain, date::Period period) {
  const std::string sha = hash::sha256_hex(bytes);
  Compliance c = empty_compliance(list, chain, period);
  c.file = display;
  c.sha256 = sha;
  io::CsvFile file(display, std::move(bytes), enc);
  io::CsvReader& reader = file.reader();
  const io::CsvHeader& header = file.header();
  Diagnostics diagnostics;
  const auto c_holder =
      header.require_any({"holder", "责任人"}, _("the post that did the duty"), diagnostics);
  const auto c_duty =
      header.require_any({"duty", "职责"}, _("the duty id from the holder's role"), diagnostics);
  const auto c_date = header.require_any({"date", "日期"}, _("when it was done (YYYY-MM-DD)"), diagnostics);
  const auto c_evidence = header.require_any(
      {"evidence", "佐证类型"}, _("the kind of record that proves it (may be empty)"), diagnostics);
  diagnostics.throw_if_any();
  const bool suggest = chain.size() <= 10000;  // did-you-mean over a province's ids costs too much
  const std::string period_text =
      fmt::format("{}..{}", date::format(period.first), date::format(period.last));
  io::RepeatedRows rows;
  while (reader.next()) {
    const long line = reader.line();
    ++c.records;
    rows.add(file);
    const std::string_view holder = file.cell(c_holder);
    const auto node = chain.find(holder);
    if (holder.empty()) {
      diagnostics.error(header.cell(line, *c_holder), header.column_label(*c_holder) + _(": empty holder"));
      continue;
    }
    if (!node) {
      diagnostics.error(header.cell(line, *c_holder),
                        header.column_label(*c_holder) +
                            trf(": holder \"{}\" is not a node of the chain {}{}", holder, chain.file,
                                suggest ? text::did_you_mean(holder, chain.ids) : std::string()));
      continue;
    }
    if (!c.is_holder(*node)) {
      diagnostics.error(
          header.cell(line, *c_holder),
          header.column_label(*c_holder) +
              (chain.is_post(*node)
                   ? trf(": \"{}\" is a post without a role; records belong to posts that hold a role",
                         holder)
                   : trf(": \"{}\" is a {}; records belong to posts that hold a role", holder,
                         chain::reader_name(chain.kind[*node]))));
      continue;
    }
    const Role& role = list.roles[chain.role[*node]];
    const std::string_view duty_id = file.cell(c_duty);
    const auto duty = role.find_duty(duty_id);
    if (!duty) {
      std::vector<std::string> ids;
      for (const auto& d : role.duties) ids.push_back(d.id);
      diagnostics.error(
          header.cell(line, *c_duty),
          header.column_label(*c_duty) + trf(": \"{}\" is not a duty of role \"{}\" ({}); its duties: {}",
                                             duty_id, role.id, role.name, text::join(ids, ", ")));
      continue;
    }
    const std::string_view when = file.cell(c_date);
    const auto day = date::parse(when);
    if (!day) {
      diagnostics.error(header.cell(line, *c_date),
                        header.column_label(*c_date) + ": " + date::why_not(when));
      continue;
    }
    if (*day < period.first || *day > period.last) {
      diagnostics.error(header.cell(line, *c_date),
                        header.column_label(*c_date) +
                            trf(": {} is outside the assessment period {}; remove the row or fix the date",
                                when, period_text));
      continue;
    }
    const Duty& d = role.duties[*duty];
    bool proves = false;
    if (const std::string_view ev = file.cell(c_evidence); !ev.empty()) {
      const auto kind = list.find_evidence(ev);
      if (!kind) {
        std::vector<std::string> ids;
        for (const auto& e : list.evidence) ids.push_back(e.id);
        diagnostics.error(
            header.cell(line, *c_evidence),
            header.column_label(*c_evidence) + trf(": unknown evidence kind \"{}\"{}; declared: {}", ev,
                                                   text::did_you_mean(ev, ids), text::join(ids, ", ")));
        continue;
      }
      for (auto k : d.evidence) proves = proves || k == *kind;
    }
    const int bucket = c.buckets.of(c.frequency(*node, *duty), *day);
    if (bucket < 0) {
      ++c.records_not_assessed;
      continue;
    }
    auto& counter =
        proves ? c.evidenced[c.slot(*node, *duty, bucket)] : c.unevidenced[c.slot(*node, *duty, bucket)];
    if (counter < 0xFFFF) ++counter;
  }
  for (const auto& [line, first] : rows.repeats())
    diagnostics.error(Location{display, line, 1},
                      trf("this record repeats line {} cell for cell, and would be counted twice; remove "
                          "one (or tell them apart, e.g. by their reference)",
                          first));
  diagnostics.throw_if_any();
  for (std::size_t v = 0; v < chain.size(); ++v) {
    if (!c.is_holder(v)) continue;
    c.by_node[v] = Tally{};
    for (std::size_t d = 0; d < list.roles[chain.role[v]].duties.size(); ++d)
      c.by_node[v].add(c.duty_tally(list, chain, v, d));
  }
  return c;
}

Summary summarise(const DutyList& list, const chain::Chain& chain, const Compliance& c, std::size_t units) {
  Summary s;
  s.by_role.resize(list.roles.size());
  s.by_unit.resize(units);
  s.by_unit_tier.resize(units);
  for (std::size_t v = 0; v < chain.size(); ++v) {
    if (!c.is_holder(v)) continue;
    const Tally& t = c.by_node[v];
    s.by_role[chain.role[v]].add(t);
    const std::size_t tier = chain.tier[v];
    s.by_tier[tier].add(t);
    if (chain.unit[v] != k_no_index && chain.unit[v] < units) {
      s.by_unit[chain.unit[v]].add(t);
      s.by_unit_tier[chain.unit[v]][tier].add(t);
    }
    s.total.add(t);
  }
  return s;
}

std::vector<std::string> holders_below(const chain::Chain& chain, const Compliance& c, double pct) {
  std::vector<std::string> below;
  for (std::size_t v = 0; v < chain.size(); ++v)
    if (c.is_holder(v) && c.by_node[v].due > 0 && c.by_node[v].rate() < pct) below.push_back(chain.ids[v]);
  return below;
}

}  // namespace safeassess::duty
