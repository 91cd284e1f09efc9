#include "report/accident_report.hpp"

#include <ostream>

#include "core/date.hpp"
#include "core/text.hpp"
#include "report/escape.hpp"

namespace safeassess::report {

namespace {

const char* concealment_name(accident::Concealment c) {
  switch (c) {
    case accident::Concealment::None:
      return "";
    case accident::Concealment::Omitted:
      return "漏报";
    case accident::Concealment::Concealed:
      return "瞒报";
    case accident::Concealment::False:
      return "谎报";
  }
  return "";
}

}  // namespace

void write_accidents_csv(std::ostream& out, const accident::Register& reg, const accident::Summary& s,
                         const std::vector<std::string>& unit_ids) {
  out << "id,unit,enterprise,industry,occurred_at,deaths,serious_injuries,direct_loss,responsibility,grade,"
         "first_grade,late,concealment,in_period,notes\r\n";
  for (std::size_t k = 0; k < reg.records.size(); ++k) {
    const auto& r = reg.records[k];
    const auto& c = s.checked[k];
    std::vector<std::string> notes = c.revisions;
    notes.insert(notes.end(), c.breaches.begin(), c.breaches.end());
    notes.insert(notes.end(), c.unchecked.begin(), c.unchecked.end());
    out << csv_field(r.id) << ',' << csv_field(r.unit < unit_ids.size() ? unit_ids[r.unit] : std::string())
        << ',' << csv_field(r.enterprise) << ',' << csv_field(r.industry) << ','
        << date::format_datetime(r.occurred_at) << ',' << c.deaths << ',' << c.serious_injuries << ','
        << text::plain(r.direct_loss_wan) << ',' << (r.responsibility ? "yes" : "no") << ','
        << accident::grade_name(c.grade) << ',' << accident::grade_name(c.first_grade) << ','
        << (c.late ? "yes" : "no") << ',' << concealment_name(r.concealment) << ','
        << (s.in_period[k] ? "yes" : "no") << ',' << csv_field(text::join(notes, "；")) << "\r\n";
  }
}

}  // namespace safeassess::report
