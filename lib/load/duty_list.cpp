#include "load/duty_list.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "core/hash.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/file.hpp"
#include "io/yaml.hpp"
#include "load/builtin.hpp"
#include "load/edition.hpp"

namespace safeassess::duty {

namespace {

void read_duty(const io::YamlReader& reader, const YAML::Node& n, DutyList& list, Role& role) {
  if (!reader.expect_map(
          n, _("a duty"),
          {"id", "name", "frequency", "by_industry", "min", "evidence", "bears_on", "source", "verified"}))
    return;
  Duty d;
  d.id = reader.string(n, "id", true).value_or("");
  d.name = reader.string(n, "name", true).value_or("");
  auto frequency_of = [&](const YAML::Node& map, Frequency& out) {
    if (auto f = reader.string(map, "frequency", true)) {
      if (auto frequency = parse_frequency(*f))
        out = *frequency;
      else
        reader.error(map["frequency"],
                     trf("unknown frequency \"{}\"; expected {}{}", *f, text::join(frequency_ids(), ", "),
                         text::did_you_mean(*f, frequency_ids())));
    }
  };
  frequency_of(n, d.frequency);
  const YAML::Node by = n["by_industry"];
  if (by.IsDefined() && reader.expect_sequence(by, "\"by_industry\"")) {
    for (const auto& e : by) {
      if (!reader.expect_map(e, _("an industry frequency"), {"industries", "groups", "frequency", "source"}))
        continue;
      IndustryFrequency f;
      frequency_of(e, f.frequency);
      f.source = reader.string(e, "source", true).value_or("");
      const YAML::Node inds = e["industries"], groups = e["groups"];
      if (!inds.IsDefined() && !groups.IsDefined()) {
        reader.error(e,
                     _("an industry frequency names \"industries\" (as the chain writes them) or \"groups\" "
                       "(of industry_groups)"));
        continue;
      }
      if (inds.IsDefined() && reader.expect_sequence(inds, "\"industries\""))
        for (const auto& i : inds) f.industries.push_back(i.Scalar());
      if (groups.IsDefined() && reader.expect_sequence(groups, "\"groups\"")) {
        std::vector<std::string> names;
        for (const auto& g : list.industry_groups) names.push_back(g.first);
        for (const auto& g : groups) {
          const std::string name = g.Scalar();
          const auto found = std::find_if(list.industry_groups.begin(), list.industry_groups.end(),
                                          [&](const auto& p) { return p.first == name; });
          if (found == list.industry_groups.end()) {
            reader.error(g, trf("unknown industry group \"{}\"{}; declared: {}", name,
                                text::did_you_mean(name, names), text::join(names, ", ")));
            continue;
          }
          f.industries.insert(f.industries.end(), found->second.begin(), found->second.end());
        }
      }
      d.by_industry.push_back(std::move(f));
    }
  }
  if (auto m = reader.integer(n, "min", false)) {
    if (*m < 1 || *m > 1000)
      reader.error(n["min"], trf("\"min\" is {}; a duty is done at least once a period (1..1000)", *m));
    else
      d.min_count = static_cast<int>(*m);
  }
  const YAML::Node ev = n["evidence"];
  if (!ev.IsDefined()) {
    reader.error(n, trf("duty \"{}\" has no \"evidence\": list the kinds that prove it", d.id));
  } else if (reader.expect_sequence(ev, "\"evidence\"")) {
    for (const auto& e : ev) {
      if (!e.IsScalar()) {
        reader.error(e, _("an evidence kind must be an id from \"evidence\""));
        continue;
      }
      const std::string id = e.Scalar();
      if (auto k = list.find_evidence(id)) {
        d.evidence.push_back(static_cast<std::uint32_t>(*k));
      } else {
        std::vector<std::string> ids;
        for (const auto& x : list.evidence) ids.push_back(x.id);
        reader.error(e, trf("unknown evidence kind \"{}\"{}", id, text::did_you_mean(id, ids)));
      }
    }
    if (ev.IsSequence() && ev.size() == 0) reader.error(ev, _("\"evidence\" is empty"));
  }
  const YAML::Node bears = n["bears_on"];
  if (bears.IsDefined() && reader.expect_sequence(bears, "\"bears_on\"")) {
    d.bears_on = 0;
    for (const auto& b : bears) {
      const std::string s = b.IsScalar() ? b.Scalar() : std::string();
      if (s == "hazard")
        d.bears_on |= k_case_hazard;
      else if (s == "accident")
        d.bears_on |= k_case_accident;
      else
        reader.error(b, trf("\"bears_on\" lists \"{}\"; expected hazard or accident", s));
    }
  }
  d.source = reader.string(n, "source", true).value_or("");
  d.verified = reader.boolean(n, "verified", false).value_or(true);
  for (const auto& other : role.duties)
    if (other.id == d.id)
      reader.error(n["id"], trf("duty \"{}\" is declared twice in role \"{}\"", d.id, role.id));
  role.duties.push_back(std::move(d));
}

}  // namespace

DutyList load_duty_list(const std::string& display, const std::string& text) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  io::YamlReader reader(display, text, diagnostics);
  DutyList list;
  list.file = display;
  list.sha256 = hash::sha256_hex(text);
  if (reader.expect_map(root, _("the duty list"),
                        {"id", "name", "version", "description", "thresholds", "industry_groups", "evidence",
                         "roles", "number", "published", "effective_from", "effective_until", "preceded_by",
                         "superseded_by", "dates_verified", "dates_note"})) {
    list.edition = load::read_edition(reader, root, false);
    const YAML::Node groups = root["industry_groups"];
    if (groups.IsDefined()) {
      if (!groups.IsMap())
        reader.error(groups, _("\"industry_groups\" maps a group name to a list of chain industries"));
      else
        for (auto it = groups.begin(); it != groups.end(); ++it) {
          // Copies: the iterator's key and value are temporaries.
          const YAML::Node key = it->first, value = it->second;
          std::vector<std::string> members;
          if (reader.expect_sequence(value, _("an industry group")))
            for (const auto& m : value) members.push_back(m.Scalar());
          list.industry_groups.emplace_back(key.Scalar(), std::move(members));
        }
    }
    list.id = reader.string(root, "id", true).value_or("");
    list.name = reader.string(root, "name", true).value_or("");
    list.version = reader.string(root, "version", true).value_or("");
    list.description = reader.string(root, "description", false).value_or("");
    const YAML::Node t = root["thresholds"];
    if (t.IsDefined() && reader.expect_map(t, "\"thresholds\"",
                                           {"broken_link_pct", "attenuation_pct", "critical_enterprises"})) {
      auto& th = list.thresholds;
      th.broken_link_pct = reader.number(t, "broken_link_pct", false).value_or(th.broken_link_pct);
      th.attenuation_pct = reader.number(t, "attenuation_pct", false).value_or(th.attenuation_pct);
      th.critical_enterprises =
          reader.integer(t, "critical_enterprises", false).value_or(th.critical_enterprises);
      if (th.broken_link_pct < 0 || th.broken_link_pct > 100)
        reader.error(t["broken_link_pct"], _("\"broken_link_pct\" is a percentage (0..100)"));
      if (th.attenuation_pct <= 0 || th.attenuation_pct > 100)
        reader.error(t["attenuation_pct"],
                     _("\"attenuation_pct\" is a fall in percentage points (above 0, at most 100)"));
      if (th.critical_enterprises < 1)
        reader.error(t["critical_enterprises"], _("\"critical_enterprises\" must be at least 1"));
    }
    const YAML::Node ev = root["evidence"];
    if (!ev.IsDefined()) {
      reader.error(root, _("missing required key \"evidence\" (the kinds of record that prove a duty)"));
    } else if (reader.expect_sequence(ev, "\"evidence\"")) {
      for (const auto& n : ev) {
        if (!reader.expect_map(n, _("an evidence kind"), {"id", "name"})) continue;
        Evidence e{reader.string(n, "id", true).value_or(""), reader.string(n, "name", true).value_or("")};
        if (list.find_evidence(e.id))
          reader.error(n["id"], trf("evidence kind \"{}\" is declared twice", e.id));
        list.evidence.push_back(std::move(e));
      }
    }
    const YAML::Node roles = root["roles"];
    if (!roles.IsDefined()) {
      reader.error(root, _("missing required key \"roles\""));
    } else if (reader.expect_sequence(roles, "\"roles\"")) {
      for (const auto& n : roles) {
        if (!reader.expect_map(n, _("a role"), {"id", "name", "tier", "head", "portfolio", "duties"}))
          continue;
        Role r;
        r.id = reader.string(n, "id", true).value_or("");
        r.name = reader.string(n, "name", true).value_or("");
        if (auto tier_text = reader.string(n, "tier", true)) {
          if (auto tier = parse_tier(*tier_text))
            r.tier = *tier;
          else
            reader.error(n["tier"], trf("unknown tier \"{}\"; expected decision, management or execution{}",
                                        *tier_text, text::did_you_mean(*tier_text, tier_ids())));
        }
        r.head = reader.boolean(n, "head", false).value_or(false);
        r.portfolio = reader.boolean(n, "portfolio", false).value_or(false);
        const YAML::Node duties = n["duties"];
        if (!duties.IsDefined()) {
          reader.error(n, trf("role \"{}\" has no \"duties\"", r.id));
        } else if (reader.expect_sequence(duties, "\"duties\"")) {
          for (const auto& d : duties) read_duty(reader, d, list, r);
          if (r.duties.empty()) reader.error(duties, trf("role \"{}\" has no duties", r.id));
        }
        if (list.find_role(r.id)) reader.error(n["id"], trf("role \"{}\" is declared twice", r.id));
        list.roles.push_back(std::move(r));
      }
      if (list.roles.empty()) reader.error(roles, _("\"roles\" is empty"));
    }
  }
  diagnostics.throw_if_any();
  return list;
}

DutyList load_duty_list_ref(const std::string& ref, const std::filesystem::path& dir, const Location& at) {
  constexpr std::string_view k_builtin = "builtin:";
  if (std::string_view(ref).starts_with(k_builtin)) {
    const std::string name = ref.substr(k_builtin.size());
    if (auto f = ruleset::find_builtin("duties", name)) return load_duty_list(f->path, f->text);
    const auto names = ruleset::builtin_names("duties");
    const std::string hint = text::did_you_mean(name, names);
    throw InputError(at, trf("no bundled duty list \"{}\"{}", name,
                             hint.empty() ? trf("; bundled: {}", text::join(names, ", ")) : hint));
  }
  const std::filesystem::path p = dir / ref;
  const std::string display = p.lexically_normal().string();
  return load_duty_list(display, io::read_file(p, display, at));
}

}  // namespace safeassess::duty
