#pragma once
// The responsibility chain (责任链) as data: organisations (party committees, governments,
// departments, townships, enterprises and their workshops) and posts (书记, 县长, 分管副县长,
// 局长, 企业主要负责人, 班组长 ...), each post holding a role of the duty list; and the links
// between them — reports to, oversees (分管), regulates an industry (三管三必须), supervises
// an enterprise (属地监管). Read from YAML (a small jurisdiction) or from two CSV files
// (a province) by load/chain.hpp; both give the same model. The analysis graph is built
// from it (chain/graph.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/id_index.hpp"
#include "model/duty_list.hpp"

namespace safeassess::chain {

using duty::k_no_index;

enum class NodeKind : std::uint8_t {
  Party,
  Government,
  Department,
  Township,
  Village,
  Enterprise,
  Workshop,
  Post
};
[[nodiscard]] std::string_view to_string(NodeKind k);
[[nodiscard]] std::string_view chinese(NodeKind k);
// In a message: the Chinese name for a Chinese reader, the id otherwise.
[[nodiscard]] std::string_view reader_name(NodeKind k);
// By id or Chinese name ("enterprise" or "企业"); nullopt when neither.
[[nodiscard]] std::optional<NodeKind> parse_node_kind(std::string_view s);
[[nodiscard]] std::vector<std::string> node_kind_ids();

enum class EdgeKind : std::uint8_t {
  Reports,     // from reports to `to` (from's superior)
  Oversees,    // the post `from` oversees (分管) `to`
  Regulates,   // `from` regulates the industry `to` (an industry name, not a node)
  Supervises,  // `from` supervises the enterprise `to` (属地监管 or 部门监管)
};
[[nodiscard]] std::string_view to_string(EdgeKind k);
[[nodiscard]] std::string_view chinese(EdgeKind k);
[[nodiscard]] std::optional<EdgeKind> parse_edge_kind(std::string_view s);
[[nodiscard]] std::vector<std::string> edge_kind_ids();

struct Edge {
  std::uint32_t from = 0;
  std::uint32_t to = 0;  // a node, or for Regulates an index into Chain::industries
  EdgeKind kind = EdgeKind::Reports;
  bool lead = false;  // Regulates: the designated lead regulator (牵头部门)
  long line = 0;
};

inline constexpr std::uint8_t k_no_tier = 0xFF;

struct Chain {
  std::string file;        // nodes (and edges, for YAML) as displayed
  std::string edges_file;  // the edges file as displayed
  std::vector<std::string> ids;
  std::vector<std::string> names;
  std::vector<NodeKind> kind;
  std::vector<std::uint32_t> role;      // posts: index into the duty list's roles, or k_no_index
  std::vector<std::uint8_t> tier;       // a duty::Tier, or k_no_tier
  std::vector<std::uint32_t> parent;    // the node it belongs to / reports to, or k_no_index
  std::vector<std::uint32_t> industry;  // enterprises: index into industries
  std::vector<std::uint32_t> unit;      // assessment unit (inherited from the parent), or k_no_index
  std::vector<long> line;               // where the node is declared
  std::vector<std::string> industries;  // in order of first appearance
  std::vector<Edge> edges;              // file order

  [[nodiscard]] std::size_t size() const { return ids.size(); }
  [[nodiscard]] std::optional<std::size_t> find(std::string_view id) const { return index.find(id, ids); }
  // An enterprise by id, or else by its name when exactly one enterprise has it.
  [[nodiscard]] std::optional<std::size_t> find_enterprise(std::string_view id_or_name) const;
  [[nodiscard]] bool is_post(std::size_t n) const { return kind[n] == NodeKind::Post; }

  IdIndex index;
};

// An accident (生产安全事故) at an enterprise of the chain, for `trace --accident`.
struct Accident {
  std::string id;
  std::uint32_t enterprise = 0;
  std::int32_t date = 0;  // date::Day
  std::string level;      // 一般/较大/重大/特别重大, as written
  std::string description;
  std::string shown;  // the grade and facts in the reader's language, for what people read
  long line = 0;
};

}  // namespace safeassess::chain
