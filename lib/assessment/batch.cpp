#include "assessment/batch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/file.hpp"

namespace safeassess::assessment {
namespace fs = std::filesystem;

namespace {

std::string folder_name(const fs::path& manifest, const fs::path& base) {
  fs::path rel = manifest.parent_path().lexically_relative(base);
  std::string name;
  for (const auto& part : rel) {
    const std::string p = part.string();
    if (p.empty() || p == ".") continue;
    if (!name.empty()) name += '-';
    name += p;
  }
  if (manifest.stem() != "manifest") {
    if (!name.empty()) name += '-';
    name += manifest.stem().string();
  }
  if (name.empty() || name == "..") name = manifest.stem().string();
  std::replace(name.begin(), name.end(), '/', '-');
  return name;
}

}  // namespace

std::vector<BatchItem> batch_items(const fs::path& dir_or_list) {
  std::error_code ec;
  const std::string shown = dir_or_list.lexically_normal().string();
  std::vector<BatchItem> items;
  if (fs::is_directory(dir_or_list, ec)) {
    std::vector<fs::path> found;
    for (auto it =
             fs::recursive_directory_iterator(dir_or_list, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec) && it->path().filename() == "manifest.yaml") found.push_back(it->path());
    std::sort(found.begin(), found.end());
    for (const auto& p : found)
      items.push_back({p, p.lexically_normal().string(),
                       folder_name(p.lexically_normal(), dir_or_list.lexically_normal())});
    if (items.empty())
      throw InputError(Location{shown},
                       _("no file named manifest.yaml in this folder or its subfolders; put one "
                         "manifest in each assessment's folder, or give a list of manifests"));
  } else {
    const std::string text = io::read_file(dir_or_list, shown);
    std::istringstream lines(text);
    std::string line;
    long n = 0;
    Diagnostics diagnostics;
    std::set<fs::path> seen;
    const fs::path base = dir_or_list.parent_path();
    while (std::getline(lines, line)) {
      ++n;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const std::string_view t = io::trim(line);
      if (t.empty() || t.front() == '#') continue;
      const fs::path p = (base / std::string(t)).lexically_normal();
      if (!fs::is_regular_file(p, ec)) {
        diagnostics.error(Location{shown, n, 1},
                          trf("\"{}\" is not a file; give one manifest path per line, relative to this list",
                              std::string(t)));
        continue;
      }
      if (!seen.insert(fs::weakly_canonical(p, ec)).second) {
        diagnostics.error(Location{shown, n, 1},
                          trf("\"{}\" is listed twice; list each manifest once", std::string(t)));
        continue;
      }
      // Named after the manifest's own folder: a list names manifests anywhere.
      items.push_back({p, p.string(), folder_name(p, p.parent_path().parent_path())});
    }
    diagnostics.throw_if_any();
    if (items.empty())
      throw InputError(Location{shown}, _("the list names no manifest; write one manifest path per line"));
  }
  // Unique folders: the second "county" is county-2.
  // The index's own files are not run folders.
  std::set<std::string> used{"index.html", "index.json", "index.xlsx", ".safeassess-report"};
  for (auto& item : items) {
    std::string name = item.folder;
    for (int k = 2; used.count(name); ++k) name = fmt::format("{}-{}", item.folder, k);
    item.folder = name;
    used.insert(name);
  }
  return items;
}

void summarize(const Run& run, BatchResult& result) {
  const auto& a = run.a;
  const auto& r = run.results;
  result.name = a.manifest.name;
  result.period = a.manifest.period;
  result.ruleset = a.rules.id;
  result.units = a.units.size();
  std::vector<std::size_t> counts(a.rules.grades.size(), 0);
  for (auto u : r.order) {
    ++counts[r.grade[u]];
    if (r.interview[u]) ++result.interviews;
    if (!r.vetoes[u].empty()) ++result.vetoed;
  }
  for (std::size_t g = 0; g < counts.size(); ++g)
    if (counts[g]) result.grades.emplace_back(a.rules.grades[g].name, counts[g]);
  for (const auto& t : tripped(run.gates)) result.gates.push_back(t.gate);
}

const char* outcome_id(BatchOutcome o) {
  switch (o) {
    case BatchOutcome::Ok:
      return "ok";
    case BatchOutcome::GateTripped:
      return "gate-tripped";
    case BatchOutcome::InvalidInput:
      return "invalid-input";
    case BatchOutcome::InternalError:
      return "internal-error";
  }
  return "internal-error";
}

}  // namespace safeassess::assessment
