#include "report/judge_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "core/text.hpp"
#include "report/accounting.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"

namespace safeassess::report {

using hazard::Verdict;
using nlohmann::ordered_json;

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Major:
      return "重大事故隐患";
    case Verdict::General:
      return "一般隐患";
    case Verdict::Undecided:
      return "待定（缺少事实）";
  }
  return "";
}

namespace {

const char* verdict_id(Verdict v) {
  switch (v) {
    case Verdict::Major:
      return "major";
    case Verdict::General:
      return "general";
    case Verdict::Undecided:
      return "undecided";
  }
  return "";
}

// One line per reason: the items met, or the facts missing.
std::vector<std::string> reasons(const hazard::Criteria& cr, const hazard::Judgement& j) {
  std::vector<std::string> out;
  for (const auto& m : j.matches) {
    const auto& item = cr.items[m.item];
    out.push_back(fmt::format("{} {} {}: {}", cr.number, item.article, item.description, m.why));
  }
  if (j.verdict == Verdict::Undecided) {
    std::vector<std::string> facts;
    for (auto f : j.missing) facts.push_back(fmt::format("{}（{}）", cr.fields[f].id, cr.fields[f].label));
    out.push_back("缺少事实: " + text::join(facts, "、"));
  }
  return out;
}

void write_table(std::ostream& out, const JudgeInput& in) {
  const auto& findings = *in.findings;
  const auto& js = *in.judgements;
  out << "重大事故隐患判定 " << in.path << '\n';
  for (const auto& s : *in.standards)
    out << "  " << s.id << ": " << s.name << "（" << s.number << "）"
        << (s.verified ? "" : " — not fully verified") << '\n';
  out << '\n';
  std::size_t counts[3] = {0, 0, 0};
  for (std::size_t k = 0; k < findings.size(); ++k) {
    const auto& f = findings[k];
    const auto& j = js[k];
    counts[static_cast<int>(j.verdict)]++;
    out << f.id << "  " << f.enterprise << "  [" << f.industry << "]  " << verdict_name(j.verdict) << '\n';
    for (const auto& r : reasons((*in.standards)[f.standard], j)) out << "    " << r << '\n';
  }
  out << '\n'
      << findings.size() << " findings: 重大事故隐患 " << counts[static_cast<int>(Verdict::Major)]
      << ", 一般隐患 " << counts[static_cast<int>(Verdict::General)] << ", 待定 "
      << counts[static_cast<int>(Verdict::Undecided)] << '\n';
}

void write_json(std::ostream& out, const JudgeInput& in) {
  ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", SAFEASSESS_VERSION}};
  ordered_json standards = ordered_json::array();
  for (const auto& s : *in.standards)
    standards.push_back({{"id", s.id},
                         {"name", s.name},
                         {"number", s.number},
                         {"edition", s.edition},
                         {"effective", s.effective},
                         {"verified", s.verified},
                         {"file", s.file},
                         {"sha256", s.sha256}});
  j["criteria"] = std::move(standards);
  j["input"] = {{"path", in.path},
                {"sha256", in.sha256},
                {"accounting", accounting_json(RowAccount::all(in.findings->size()))}};
  ordered_json list = ordered_json::array();
  std::size_t counts[3] = {0, 0, 0};
  for (std::size_t k = 0; k < in.findings->size(); ++k) {
    const auto& f = (*in.findings)[k];
    const auto& jd = (*in.judgements)[k];
    const auto& cr = (*in.standards)[f.standard];
    counts[static_cast<int>(jd.verdict)]++;
    ordered_json matches = ordered_json::array();
    for (const auto& m : jd.matches) {
      const auto& item = cr.items[m.item];
      matches.push_back({{"item", item.id},
                         {"article", item.article},
                         {"category", item.category},
                         {"description", item.description},
                         {"verified", item.verified},
                         {"why", m.why}});
    }
    ordered_json missing = ordered_json::array();
    for (auto fi : jd.missing)
      missing.push_back(
          {{"field", cr.fields[fi].id}, {"label", cr.fields[fi].label}, {"unit", cr.fields[fi].unit}});
    ordered_json undecided = ordered_json::array();
    for (auto i : jd.undecided_items) undecided.push_back(cr.items[i].id);
    list.push_back({{"id", f.id},
                    {"enterprise", f.enterprise},
                    {"industry", f.industry},
                    {"criteria", cr.id},
                    {"verdict", verdict_id(jd.verdict)},
                    {"matches", std::move(matches)},
                    {"undecided_items", std::move(undecided)},
                    {"missing", std::move(missing)}});
  }
  j["findings"] = std::move(list);
  j["counts"] = {{"major", counts[static_cast<int>(Verdict::Major)]},
                 {"general", counts[static_cast<int>(Verdict::General)]},
                 {"undecided", counts[static_cast<int>(Verdict::Undecided)]}};
  out << json_text(j, 2) << '\n';
}

void write_csv(std::ostream& out, const JudgeInput& in) {
  out << "id,enterprise,industry,criteria,verdict,items,missing\r\n";
  for (std::size_t k = 0; k < in.findings->size(); ++k) {
    const auto& f = (*in.findings)[k];
    const auto& jd = (*in.judgements)[k];
    const auto& cr = (*in.standards)[f.standard];
    std::vector<std::string> items, missing;
    for (const auto& m : jd.matches) items.push_back(cr.items[m.item].id);
    for (auto fi : jd.missing) missing.push_back(cr.fields[fi].id);
    out << csv_field(f.id) << ',' << csv_field(f.enterprise) << ',' << csv_field(f.industry) << ','
        << csv_field(cr.id) << ',' << verdict_id(jd.verdict) << ',' << csv_field(text::join(items, ";"))
        << ',' << csv_field(text::join(missing, ";")) << "\r\n";
  }
}

void write_markdown(std::ostream& out, const JudgeInput& in) {
  out << "# 重大事故隐患判定\n\n";
  for (const auto& s : *in.standards)
    out << "- " << md_cell(s.name) << "（" << md_cell(s.number) << "）, `" << s.id << "`, sha256 `"
        << s.sha256 << "`\n";
  out << "\n| 编号 | 企业 | 行业 | 判定 | 依据 |\n|---|---|---|---|---|\n";
  for (std::size_t k = 0; k < in.findings->size(); ++k) {
    const auto& f = (*in.findings)[k];
    const auto& jd = (*in.judgements)[k];
    std::vector<std::string> r;
    for (const auto& line : reasons((*in.standards)[f.standard], jd)) r.push_back(md_cell(line));
    out << "| " << md_cell(f.id) << " | " << md_cell(f.enterprise) << " | " << md_cell(f.industry) << " | "
        << verdict_name(jd.verdict) << " | " << text::join(r, "<br>") << " |\n";
  }
}

}  // namespace

void write_judge(std::ostream& out, Format format, const JudgeInput& in) {
  switch (format) {
    case Format::Table:
      write_table(out, in);
      break;
    case Format::Json:
      write_json(out, in);
      break;
    case Format::Csv:
      write_csv(out, in);
      break;
    case Format::Markdown:
      write_markdown(out, in);
      break;
  }
}

}  // namespace safeassess::report
