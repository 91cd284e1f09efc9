#include "load/edition.hpp"
#include "core/i18n.hpp"

#include <fmt/format.h>

namespace safeassess::load {

namespace {

std::optional<date::Day> read_date(const io::YamlReader& reader, const YAML::Node& root, const char* key,
                                   bool required, std::string& text) {
  text = reader.string(root, key, required).value_or("");
  if (text.empty()) return std::nullopt;
  const auto day = date::parse(text);
  if (!day) {
    reader.error(root[key], fmt::format("\"{}\": {}", key, date::why_not(text)));
    return std::nullopt;
  }
  text = date::format(*day);  // one spelling in reports: 2021-01-01, not 2021/1/1
  return day;
}

}  // namespace

model::Edition read_edition(const io::YamlReader& reader, const YAML::Node& root, bool need_from) {
  model::Edition e;
  e.number = reader.string(root, "number", false).value_or("");
  std::string published;
  if (read_date(reader, root, "published", false, published)) e.published = published;
  e.from = read_date(reader, root, "effective_from", need_from, e.effective_from);
  e.until = read_date(reader, root, "effective_until", false, e.effective_until);
  if (e.from && e.until && *e.until < *e.from)
    reader.error(root["effective_until"],
                 trf("\"effective_until\" {} is before \"effective_from\" {}: the text would never be "
                     "in force; effective_until is the last day in force",
                     e.effective_until, e.effective_from));
  e.preceded_by = reader.string(root, "preceded_by", false).value_or("");
  e.superseded_by = reader.string(root, "superseded_by", false).value_or("");
  e.dates_verified = reader.boolean(root, "dates_verified", false).value_or(true);
  e.dates_note = reader.string(root, "dates_note", false).value_or("");
  if (!e.dates_verified && e.dates_note.empty())
    reader.error(root["dates_verified"],
                 _("\"dates_verified: false\" needs \"dates_note\": say which date was not "
                   "found and what was assumed"));
  return e;
}

}  // namespace safeassess::load
