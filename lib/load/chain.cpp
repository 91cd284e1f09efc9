#include "load/chain.hpp"

#include <fmt/format.h>

#include <array>
#include <deque>
#include <unordered_map>

#include "core/date.hpp"
#include "core/i18n.hpp"
#include "core/text.hpp"
#include "io/csv.hpp"
#include "io/yaml.hpp"

namespace safeassess::chain {

namespace {

enum Field { F_Id, F_Name, F_Kind, F_Tier, F_Role, F_Parent, F_Industry, F_Unit, F_From, F_To, F_Lead };

// Where a field of the row being read is, computed only when a message needs it.
struct Locator {
  virtual ~Locator() = default;
  [[nodiscard]] virtual Location at(Field f) const = 0;
  // What names the field's column in a message: `column C "parent": ` for CSV.
  [[nodiscard]] virtual std::string label(Field) const { return {}; }
  // Line and column only: no file name to copy, for what every row records.
  [[nodiscard]] virtual std::pair<long, long> position(Field f) const {
    const Location l = at(f);
    return {l.line, l.column};
  }
};

struct NodeRow {
  std::string_view id, name, kind, tier, role, parent, industry, unit;
  long line = 0;
};
struct EdgeRow {
  std::string_view from, to, kind, lead;
  long line = 0;
};

// Builds a Chain from rows of either format, with one set of checks. The text the rows
// point into must outlive finish_nodes().
class Builder {
 public:
  Builder(Chain& chain, const duty::DutyList& duties, const assessment::Units* units,
          Diagnostics& diagnostics)
      : m_chain(chain), m_duties(duties), m_units(units), m_diag(diagnostics) {}

  void node(const NodeRow& r, const Locator& at) {
    if (r.id.empty()) {
      error(at, F_Id, _("empty node id; every node of the chain needs one"));
      return;
    }
    if (const auto first = m_chain.find(r.id)) {
      error(at, F_Id,
            trf("node id \"{}\" is already used on line {}; node ids must be unique", r.id,
                m_chain.line[*first]));
      return;
    }
    if (r.name.empty()) error(at, F_Name, trf("empty name for node \"{}\"", r.id));
    NodeKind kind = NodeKind::Post;
    if (auto k = parse_node_kind(r.kind)) {
      kind = *k;
    } else {
      error(at, F_Kind,
            trf("unknown node kind \"{}\" for \"{}\"; expected {}{}", r.kind, r.id,
                text::join(node_kind_ids(), ", "), text::did_you_mean(r.kind, node_kind_ids())));
    }
    std::uint32_t role = k_no_index;
    std::uint8_t tier = k_no_tier;
    if (!r.tier.empty()) {
      if (auto t = duty::parse_tier(r.tier))
        tier = static_cast<std::uint8_t>(*t);
      else
        error(
            at, F_Tier,
            trf("unknown tier \"{}\" for \"{}\"; expected decision, management or execution", r.tier, r.id));
    }
    if (!r.role.empty()) {
      if (kind != NodeKind::Post) {
        error(
            at, F_Role,
            trf("\"{}\" is a {} and has role \"{}\"; only posts hold roles", r.id, to_string(kind), r.role));
      } else if (auto ro = m_duties.find_role(r.role)) {
        role = static_cast<std::uint32_t>(*ro);
        const auto role_tier = static_cast<std::uint8_t>(m_duties.roles[*ro].tier);
        if (tier != k_no_tier && tier != role_tier)
          error(at, F_Tier,
                trf("tier \"{}\" of \"{}\" contradicts its role \"{}\", which is {}; drop the tier "
                    "or fix the role",
                    r.tier, r.id, r.role, to_string(m_duties.roles[*ro].tier)));
        tier = role_tier;
      } else {
        error(at, F_Role,
              trf("unknown role \"{}\" for \"{}\" in duty list \"{}\"{}", r.role, r.id, m_duties.id,
                  text::did_you_mean(r.role, m_duties.role_ids())));
      }
    }
    std::uint32_t industry = k_no_index;
    if (kind == NodeKind::Enterprise) {
      if (r.industry.empty())
        error(at, F_Industry,
              trf("enterprise \"{}\" has no industry; the chain needs it to find its regulators", r.id));
      else
        industry = intern_industry(r.industry);
    } else if (!r.industry.empty()) {
      error(at, F_Industry,
            trf("\"{}\" is a {} and has industry \"{}\"; only enterprises have one", r.id, to_string(kind),
                r.industry));
    }
    std::uint32_t unit = k_no_index;
    if (!r.unit.empty() && m_units) {
      if (auto u = m_units->find(r.unit))
        unit = static_cast<std::uint32_t>(*u);
      else
        error(at, F_Unit, trf("unit \"{}\" of \"{}\" is not in the units file", r.unit, r.id));
    }
    m_chain.ids.emplace_back(r.id);
    m_chain.index.added(m_chain.ids);
    m_chain.names.emplace_back(r.name);
    m_chain.kind.push_back(kind);
    m_chain.role.push_back(role);
    m_chain.tier.push_back(tier);
    m_chain.parent.push_back(k_no_index);
    m_chain.industry.push_back(industry);
    m_chain.unit.push_back(unit);
    m_chain.line.push_back(r.line);
    m_parent_ref.push_back(r.parent);
    if (m_chain.size() == 1) m_parent_label = at.label(F_Parent);
    m_parent_at.push_back(r.parent.empty() ? std::pair<long, long>{} : at.position(F_Parent));
  }

  // Resolves parents and inherits units down the parent links.
  void finish_nodes() {
    const std::size_t n = m_chain.size();
    for (std::size_t v = 0; v < n; ++v) {
      if (m_parent_ref[v].empty()) continue;
      if (auto p = m_chain.find(m_parent_ref[v]))
        m_chain.parent[v] = static_cast<std::uint32_t>(*p);
      else
        m_diag.error(
            Location{m_chain.file, m_parent_at[v].first, m_parent_at[v].second},
            m_parent_label + trf("parent \"{}\" of \"{}\" is not a node of the chain{}", m_parent_ref[v],
                                 m_chain.ids[v], text::did_you_mean(m_parent_ref[v], m_chain.ids)));
    }
    m_parent_ref = {};
    m_parent_at = {};
    // Inherit units: walk up to the first node that has one, at most n steps (parents may
    // form a cycle, which the analysis reports).
    std::vector<std::uint32_t> path;
    for (std::size_t v = 0; v < n; ++v) {
      if (m_chain.unit[v] != k_no_index) continue;
      path.clear();
      std::uint32_t w = static_cast<std::uint32_t>(v);
      std::uint32_t found = k_no_index;
      for (std::size_t steps = 0; w != k_no_index && steps <= n; ++steps) {
        if (m_chain.unit[w] != k_no_index) {
          found = m_chain.unit[w];
          break;
        }
        path.push_back(w);
        w = m_chain.parent[w];
      }
      if (found != k_no_index)
        for (auto x : path) m_chain.unit[x] = found;
    }
  }

  void edge(const EdgeRow& r, const Locator& at) {
    const auto kind = parse_edge_kind(r.kind);
    if (!kind) {
      error(at, F_Kind,
            trf("unknown edge kind \"{}\"; expected reports, oversees, regulates or "
                "supervises{}",
                r.kind, text::did_you_mean(r.kind, edge_kind_ids())));
      return;
    }
    Edge e;
    e.kind = *kind;
    e.line = r.line;
    const auto from = node_ref(r.from, at, F_From, "from");
    if (!from) return;
    e.from = static_cast<std::uint32_t>(*from);
    if (!r.lead.empty()) {
      const auto lead = text::parse_yes_no(r.lead);
      if (!lead)
        error(at, F_Lead, trf("\"{}\" is not yes or no; \"lead\" marks the lead regulator", r.lead));
      else if (*lead && e.kind != EdgeKind::Regulates)
        error(at, F_Lead, _("only a \"regulates\" edge can name the lead regulator (牵头部门)"));
      e.lead = lead.value_or(false);
    }
    // Regulating an industry or supervising an enterprise is a public duty (属地监管,
    // 行业监管): an enterprise that "supervises" would hide a 失控漏管 gap.
    if ((e.kind == EdgeKind::Regulates || e.kind == EdgeKind::Supervises) &&
        (m_chain.kind[e.from] == NodeKind::Enterprise || m_chain.kind[e.from] == NodeKind::Workshop)) {
      const bool enterprise = m_chain.kind[e.from] == NodeKind::Enterprise;
      const std::string& id = m_chain.ids[e.from];
      if (e.kind == EdgeKind::Regulates)
        error(at, F_From,
              enterprise
                  ? trf("\"{}\" is an enterprise; only a government, a department, a township or a post "
                        "regulates an industry",
                        id)
                  : trf("\"{}\" is a workshop; only a government, a department, a township or a post "
                        "regulates an industry",
                        id));
      else
        error(at, F_From,
              enterprise
                  ? trf("\"{}\" is an enterprise; only a government, a department, a township or a post "
                        "supervises an enterprise",
                        id)
                  : trf("\"{}\" is a workshop; only a government, a department, a township or a post "
                        "supervises an enterprise",
                        id));
      return;
    }
    if (e.kind == EdgeKind::Regulates) {
      if (r.to.empty()) {
        error(at, F_To, _("empty industry; a \"regulates\" edge names the industry it regulates"));
        return;
      }
      e.to = intern_industry(r.to);
    } else {
      const auto to = node_ref(r.to, at, F_To, "to");
      if (!to) return;
      e.to = static_cast<std::uint32_t>(*to);
      if (e.to == e.from) {
        error(at, F_To,
              trf("the edge runs from \"{}\" to itself; an edge joins two nodes", m_chain.ids[e.from]));
        return;
      }
      if (e.kind == EdgeKind::Oversees && !m_chain.is_post(e.from)) {
        error(at, F_From,
              trf("\"{}\" is a {}; only a post oversees (分管)", m_chain.ids[e.from],
                  reader_name(m_chain.kind[e.from])));
        return;
      }
      if (e.kind == EdgeKind::Supervises && m_chain.kind[e.to] != NodeKind::Enterprise) {
        error(at, F_To,
              trf("\"{}\" is a {}; \"supervises\" points at an enterprise", m_chain.ids[e.to],
                  to_string(m_chain.kind[e.to])));
        return;
      }
    }
    // The same edge twice would count a regulator or a supervisor twice (多头管理).
    const std::uint64_t key =
        (std::uint64_t{e.from} << 34) | (std::uint64_t{e.to} << 2) | static_cast<std::uint64_t>(e.kind);
    if (const auto [it, fresh] = m_edge_lines.emplace(key, e.line); !fresh) {
      error(at, F_From,
            trf("the edge {} {} {} is already listed on line {}; list each edge once", m_chain.ids[e.from],
                to_string(e.kind),
                e.kind == EdgeKind::Regulates ? m_chain.industries[e.to] : m_chain.ids[e.to], it->second));
      return;
    }
    m_chain.edges.push_back(e);
  }

 private:
  void error(const Locator& at, Field f, std::string message) {
    m_diag.error(at.at(f), at.label(f) + message);
  }

  std::optional<std::size_t> node_ref(std::string_view id, const Locator& at, Field f, const char* what) {
    if (id.empty()) {
      error(at, f, trf("empty \"{}\"; an edge joins two nodes of the chain", what));
      return std::nullopt;
    }
    auto n = m_chain.find(id);
    if (!n)
      error(at, f,
            trf("\"{}\" of the edge names \"{}\", which is not a node of the chain{}", what, id,
                text::did_you_mean(id, m_chain.ids)));
    return n;
  }

  std::uint32_t intern_industry(std::string_view name) {
    auto it = m_industry_index.find(std::string(name));
    if (it != m_industry_index.end()) return it->second;
    const auto i = static_cast<std::uint32_t>(m_chain.industries.size());
    m_chain.industries.emplace_back(name);
    m_industry_index.emplace(name, i);
    return i;
  }

  Chain& m_chain;
  const duty::DutyList& m_duties;
  const assessment::Units* m_units;
  Diagnostics& m_diag;
  std::vector<std::string_view> m_parent_ref;
  std::vector<std::pair<long, long>> m_parent_at;
  std::string m_parent_label;
  std::unordered_map<std::string, std::uint32_t> m_industry_index;
  std::unordered_map<std::uint64_t, long> m_edge_lines;  // (from, to, kind) -> first line
};

class CsvLocator : public Locator {
 public:
  CsvLocator(const io::CsvHeader& header, const std::array<std::optional<std::size_t>, 11>& columns)
      : m_header(header), m_columns(columns) {}
  void set_line(long line) { m_line = line; }
  [[nodiscard]] Location at(Field f) const override {
    const auto c = m_columns[f];
    if (c) return m_header.cell(m_line, *c);
    Location l = m_header.cell(m_line, 0);
    l.column = 0;
    return l;
  }
  [[nodiscard]] std::pair<long, long> position(Field f) const override {
    const auto c = m_columns[f];
    return {m_line, c ? static_cast<long>(*c + 1) : 0};
  }
  [[nodiscard]] std::string label(Field f) const override {
    const auto c = m_columns[f];
    return c ? m_header.column_label(*c) + ": " : std::string();
  }

 private:
  const io::CsvHeader& m_header;
  const std::array<std::optional<std::size_t>, 11>& m_columns;
  long m_line = 0;
};

class YamlLocator : public Locator {
 public:
  YamlLocator(const io::YamlReader& reader, const YAML::Node& map) : m_reader(reader), m_map(map) {}
  [[nodiscard]] Location at(Field f) const override {
    static constexpr std::array<const char*, 11> k_keys{"id",       "name", "kind", "tier", "role", "parent",
                                                        "industry", "unit", "from", "to",   "lead"};
    const YAML::Node v = m_map[k_keys[f]];
    return m_reader.at(v.IsDefined() ? v : m_map);
  }

 private:
  const io::YamlReader& m_reader;
  const YAML::Node& m_map;
};

}  // namespace

Chain load_chain_yaml(const std::string& display, const std::string& text, const duty::DutyList& duties,
                      const assessment::Units* units) {
  const YAML::Node root = io::parse_yaml(display, text);
  Diagnostics diagnostics;
  io::YamlReader reader(display, text, diagnostics);
  Chain chain;
  chain.file = display;
  chain.edges_file = display;
  Builder builder(chain, duties, units, diagnostics);
  std::deque<std::string> store;  // the rows' text, alive until the nodes are finished
  auto field = [&](const YAML::Node& n, const char* key, bool required) -> std::string_view {
    auto s = reader.string(n, key, required);
    if (!s) return {};
    return store.emplace_back(std::move(*s));
  };
  if (reader.expect_map(root, _("the chain"), {"nodes", "edges"})) {
    const YAML::Node nodes = root["nodes"];
    if (!nodes.IsDefined()) {
      reader.error(root, _("missing required key \"nodes\""));
    } else if (reader.expect_sequence(nodes, "\"nodes\"")) {
      for (const auto& n : nodes) {
        if (!reader.expect_map(n, _("a node"),
                               {"id", "name", "kind", "tier", "role", "parent", "industry", "unit"}))
          continue;
        NodeRow r;
        r.id = field(n, "id", true);
        r.name = field(n, "name", true);
        r.kind = field(n, "kind", true);
        r.tier = field(n, "tier", false);
        r.role = field(n, "role", false);
        r.parent = field(n, "parent", false);
        r.industry = field(n, "industry", false);
        r.unit = field(n, "unit", false);
        r.line = reader.at(n).line;
        builder.node(r, YamlLocator(reader, n));
      }
    }
    builder.finish_nodes();
    const YAML::Node edges = root["edges"];
    if (edges.IsDefined() && reader.expect_sequence(edges, "\"edges\""))
      for (const auto& n : edges) {
        if (!reader.expect_map(n, _("an edge"), {"from", "to", "kind", "lead"})) continue;
        EdgeRow r;
        r.from = field(n, "from", true);
        r.to = field(n, "to", true);
        r.kind = field(n, "kind", true);
        r.lead = field(n, "lead", false);
        r.line = reader.at(n).line;
        builder.edge(r, YamlLocator(reader, n));
      }
  }
  diagnostics.throw_if_any();
  return chain;
}

Chain load_chain_csv(const std::string& nodes_display, std::string nodes_bytes,
                     const std::string& edges_display, std::string edges_bytes, io::Encoding enc,
                     const duty::DutyList& duties, const assessment::Units* units) {
  Diagnostics diagnostics;
  Chain chain;
  chain.file = nodes_display;
  chain.edges_file = edges_display;
  Builder builder(chain, duties, units, diagnostics);
  {
    io::CsvFile file(nodes_display, std::move(nodes_bytes), enc);
    const io::CsvHeader& h = file.header();
    std::array<std::optional<std::size_t>, 11> c{};
    c[F_Id] = h.require_any({"id", "编号"}, _("the node's identifier"), diagnostics);
    c[F_Name] = h.require_any({"name", "名称"}, _("the node's display name"), diagnostics);
    c[F_Kind] = h.require_any(
        {"kind", "类型"}, _("party, government, department, township, enterprise, post ..."), diagnostics);
    auto optional = [&](std::initializer_list<const char*> names) {
      return h.optional_any(std::vector<std::string>(names.begin(), names.end()), diagnostics);
    };
    c[F_Tier] = optional({"tier", "层级"});
    c[F_Role] = optional({"role", "角色"});
    c[F_Parent] = optional({"parent", "上级"});
    c[F_Industry] = optional({"industry", "行业"});
    c[F_Unit] = optional({"unit", "考核单位"});
    diagnostics.throw_if_any();
    CsvLocator at(h, c);
    NodeRow r;
    while (file.reader().next()) {
      r.line = file.reader().line();
      at.set_line(r.line);
      r.id = file.cell(c[F_Id]);
      r.name = file.cell(c[F_Name]);
      r.kind = file.cell(c[F_Kind]);
      r.tier = file.cell(c[F_Tier]);
      r.role = file.cell(c[F_Role]);
      r.parent = file.cell(c[F_Parent]);
      r.industry = file.cell(c[F_Industry]);
      r.unit = file.cell(c[F_Unit]);
      builder.node(r, at);
    }
    builder.finish_nodes();
  }
  {
    io::CsvFile file(edges_display, std::move(edges_bytes), enc);
    const io::CsvHeader& h = file.header();
    std::array<std::optional<std::size_t>, 11> c{};
    c[F_From] = h.require_any({"from", "起点"}, _("the node the edge starts at"), diagnostics);
    c[F_To] = h.require_any({"to", "终点"}, _("the node (or industry) the edge points at"), diagnostics);
    c[F_Kind] = h.require_any({"kind", "关系"}, _("reports, oversees, regulates or supervises"), diagnostics);
    c[F_Lead] = h.optional_any({"lead", "牵头"}, diagnostics);
    if (!c[F_From] || !c[F_To] || !c[F_Kind]) diagnostics.throw_if_any();
    CsvLocator at(h, c);
    EdgeRow r;
    while (file.reader().next()) {
      r.line = file.reader().line();
      at.set_line(r.line);
      r.from = file.cell(c[F_From]);
      r.to = file.cell(c[F_To]);
      r.kind = file.cell(c[F_Kind]);
      r.lead = file.cell(c[F_Lead]);
      builder.edge(r, at);
    }
  }
  diagnostics.throw_if_any();
  return chain;
}

}  // namespace safeassess::chain
