#include "report/judge_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <ostream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "report/accounting.hpp"
#include "report/escape.hpp"
#include "report/json_text.hpp"
#include "report/labels.hpp"

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
      return "待定";
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

// "应急管理部令第4号（2021-01-01 至 2026-06-30）"
std::string edition_words(const hazard::Criteria& cr) {
  return cr.edition.dates_verified ? trf("{} ({})", cr.edition.number, cr.edition.span())
                                   : trf("{} ({}; dates not verified: {})", cr.edition.number,
                                         cr.edition.span(), cr.edition.dates_note);
}

std::string verified_words(const hazard::Criteria& cr) {
  return trf("{}/{} items checked against the official text", cr.verified_items(), cr.items.size());
}

// "第四条（一） [4-1] 描述"; unverified items say so, with the reason.
std::string item_words(const hazard::Item& item) {
  return item.verified
             ? fmt::format("{} [{}] {}", item.article, item.id, item.description)
             : trf("{} [{}] {} (not verified: {})", item.article, item.id, item.description, item.note);
}

// One line per reason: the edition, then the items met, undecided or cleared with the facts.
std::vector<std::string> reasons(const hazard::Criteria& cr, const hazard::Finding& f,
                                 const hazard::Judgement& j) {
  std::vector<std::string> out;
  if (!j.out_of_force.empty()) {
    out.push_back(trf("no edition applies ({}): {}", f.judged_as_of, j.out_of_force));
    return out;
  }
  out.push_back(
      trf("under “{}”, {} (the edition in force on {})", cr.name, edition_words(cr), f.judged_as_of));
  for (const auto& m : j.matches) out.push_back(trf("meets {}: {}", item_words(cr.items[m.item]), m.why));
  if (j.verdict == Verdict::Undecided) {
    for (auto i : j.undecided_items) out.push_back(trf("undecided on {}", item_words(cr.items[i])));
    std::vector<std::string> facts;
    for (auto fi : j.missing) facts.push_back(trf("{} ({})", cr.fields[fi].id, cr.fields[fi].label));
    out.push_back(trf("missing facts: {}", text::join(facts, _(", "))));
  }
  for (const auto& m : j.cleared)
    out.push_back(trf("does not meet {}: {}", item_words(cr.items[m.item]), m.why));
  if (j.verdict == Verdict::General && j.cleared.empty())
    out.push_back(_("the facts recorded bear on no item of the criteria"));
  return out;
}

void write_table(std::ostream& out, const JudgeInput& in) {
  const auto& findings = *in.findings;
  const auto& js = *in.judgements;
  out << trf("Major-hazard judgement (重大事故隐患判定) {}", in.path) << '\n';
  for (const auto& s : *in.standards)
    out << "  " << trf("{}: {} {}, {}", s.id, s.name, edition_words(s), verified_words(s)) << '\n';
  out << '\n';
  std::size_t counts[3] = {0, 0, 0};
  for (std::size_t k = 0; k < findings.size(); ++k) {
    const auto& f = findings[k];
    const auto& j = js[k];
    counts[static_cast<int>(j.verdict)]++;
    out << f.id << "  " << f.enterprise << "  [" << f.industry << "]  " << label(j.verdict) << '\n';
    for (const auto& r : reasons((*in.standards)[f.standard], f, j)) out << "    " << r << '\n';
  }
  out << '\n'
      << trf("{} findings: {} major accident hazards, {} general hazards, {} undecided", findings.size(),
             counts[static_cast<int>(Verdict::Major)], counts[static_cast<int>(Verdict::General)],
             counts[static_cast<int>(Verdict::Undecided)])
      << '\n';
}

ordered_json item_json(const hazard::Item& item) {
  ordered_json j = {{"item", item.id},
                    {"article", item.article},
                    {"category", item.category},
                    {"description", item.description},
                    {"verified", item.verified}};
  if (!item.verified) j["note"] = item.note;
  return j;
}

void write_json(std::ostream& out, const JudgeInput& in) {
  ordered_json j;
  j["tool"] = {{"name", "safeassess"}, {"version", SAFEASSESS_VERSION}};
  ordered_json standards = ordered_json::array();
  for (const auto& s : *in.standards)
    standards.push_back({{"id", s.id},
                         {"family", s.family},
                         {"name", s.name},
                         {"number", s.edition.number},
                         {"published", s.edition.published},
                         {"effective_from", s.edition.effective_from},
                         {"effective_until", s.edition.effective_until},
                         {"preceded_by", s.edition.preceded_by},
                         {"superseded_by", s.edition.superseded_by},
                         {"dates_verified", s.edition.dates_verified},
                         {"dates_note", s.edition.dates_note},
                         {"verified", s.verified},
                         {"items", s.items.size()},
                         {"items_verified", s.verified_items()},
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
    auto with_why = [&](const std::vector<hazard::Match>& ms) {
      ordered_json a = ordered_json::array();
      for (const auto& m : ms) {
        ordered_json e = item_json(cr.items[m.item]);
        e["why"] = m.why;
        a.push_back(std::move(e));
      }
      return a;
    };
    ordered_json missing = ordered_json::array();
    for (auto fi : jd.missing)
      missing.push_back(
          {{"field", cr.fields[fi].id}, {"label", cr.fields[fi].label}, {"unit", cr.fields[fi].unit}});
    ordered_json undecided = ordered_json::array();
    for (auto i : jd.undecided_items) undecided.push_back(item_json(cr.items[i]));
    ordered_json one = {
        {"id", f.id},
        {"enterprise", f.enterprise},
        {"industry", f.industry},
        {"judged_as_of", f.judged_as_of},
        {"criteria", jd.out_of_force.empty() ? ordered_json(cr.id) : ordered_json(nullptr)},
        {"edition", jd.out_of_force.empty() ? ordered_json(cr.edition.number) : ordered_json(nullptr)},
        {"verdict", verdict_id(jd.verdict)}};
    if (!jd.out_of_force.empty()) one["out_of_force"] = jd.out_of_force;
    one["matches"] = with_why(jd.matches);
    one["undecided_items"] = std::move(undecided);
    one["missing"] = std::move(missing);
    one["cleared"] = with_why(jd.cleared);
    list.push_back(std::move(one));
  }
  j["findings"] = std::move(list);
  j["counts"] = {{"major", counts[static_cast<int>(Verdict::Major)]},
                 {"general", counts[static_cast<int>(Verdict::General)]},
                 {"undecided", counts[static_cast<int>(Verdict::Undecided)]}};
  out << json_text(j, 2) << '\n';
}

void write_csv(std::ostream& out, const JudgeInput& in) {
  out << "id,enterprise,industry,judged_as_of,criteria,edition,verdict,matched,matched_articles,undecided,"
         "cleared,unverified_items,missing,out_of_force\r\n";
  for (std::size_t k = 0; k < in.findings->size(); ++k) {
    const auto& f = (*in.findings)[k];
    const auto& jd = (*in.judgements)[k];
    const auto& cr = (*in.standards)[f.standard];
    const bool placed = jd.out_of_force.empty();
    std::vector<std::string> matched, articles, undecided, cleared, unverified, missing;
    auto note_unverified = [&](std::size_t i) {
      if (!cr.items[i].verified &&
          std::find(unverified.begin(), unverified.end(), cr.items[i].id) == unverified.end())
        unverified.push_back(cr.items[i].id);
    };
    for (const auto& m : jd.matches) {
      matched.push_back(cr.items[m.item].id);
      articles.push_back(cr.items[m.item].article);
      note_unverified(m.item);
    }
    for (auto i : jd.undecided_items) {
      undecided.push_back(cr.items[i].id);
      note_unverified(i);
    }
    for (const auto& m : jd.cleared) {
      cleared.push_back(cr.items[m.item].id);
      note_unverified(m.item);
    }
    for (auto fi : jd.missing) missing.push_back(cr.fields[fi].id);
    out << csv_field(f.id) << ',' << csv_field(f.enterprise) << ',' << csv_field(f.industry) << ','
        << f.judged_as_of << ',' << (placed ? csv_field(cr.id) : "") << ','
        << (placed ? csv_field(cr.edition.number) : "") << ',' << verdict_id(jd.verdict) << ','
        << csv_field(text::join(matched, ";")) << ',' << csv_field(text::join(articles, ";")) << ','
        << csv_field(text::join(undecided, ";")) << ',' << csv_field(text::join(cleared, ";")) << ','
        << csv_field(text::join(unverified, ";")) << ',' << csv_field(text::join(missing, ";")) << ','
        << csv_field(jd.out_of_force) << "\r\n";
  }
}

void write_markdown(std::ostream& out, const JudgeInput& in) {
  out << "# " << _("Major-hazard judgement (重大事故隐患判定)") << "\n\n";
  for (const auto& s : *in.standards)
    out << "- "
        << trf("{} {}, {}, `{}`, sha256 `{}`", md_cell(s.name), md_cell(edition_words(s)), verified_words(s),
               s.id, s.sha256)
        << "\n";
  out << "\n| " << _("id") << " | " << _("enterprise") << " | " << _("industry") << " | " << _("verdict")
      << " | " << _("grounds") << " |\n|---|---|---|---|---|\n";
  for (std::size_t k = 0; k < in.findings->size(); ++k) {
    const auto& f = (*in.findings)[k];
    const auto& jd = (*in.judgements)[k];
    std::vector<std::string> r;
    for (const auto& line : reasons((*in.standards)[f.standard], f, jd)) r.push_back(md_cell(line));
    out << "| " << md_cell(f.id) << " | " << md_cell(f.enterprise) << " | " << md_cell(f.industry) << " | "
        << label(jd.verdict) << " | " << text::join(r, "<br>") << " |\n";
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
