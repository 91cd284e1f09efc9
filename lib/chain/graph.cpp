#include "chain/graph.hpp"

#include <boost/graph/dominator_tree.hpp>

#include <limits>

namespace safeassess::chain {

Graph build_graph(const Chain& chain) {
  Graph graph;
  const auto n = static_cast<std::uint32_t>(chain.size());
  const auto industries = static_cast<std::uint32_t>(chain.industries.size());
  graph.nodes = n;
  graph.root = n + industries;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  edges.reserve(chain.size() * 2 + chain.edges.size());
  for (std::uint32_t v = 0; v < n; ++v) {
    if (chain.parent[v] != k_no_index) edges.emplace_back(chain.parent[v], v);
    if (chain.kind[v] == NodeKind::Enterprise && chain.industry[v] != k_no_index)
      edges.emplace_back(n + chain.industry[v], v);
  }
  for (const auto& e : chain.edges) switch (e.kind) {
      case EdgeKind::Reports:
        edges.emplace_back(e.to, e.from);
        break;
      case EdgeKind::Oversees:
      case EdgeKind::Supervises:
        edges.emplace_back(e.from, e.to);
        break;
      case EdgeKind::Regulates:
        edges.emplace_back(e.from, n + e.to);
        break;
    }
  std::vector<char> has_in(n, 0);
  for (const auto& [from, to] : edges)
    if (to < n) has_in[to] = 1;
  for (std::uint32_t v = 0; v < n; ++v)
    if (!has_in[v] && (chain.kind[v] == NodeKind::Party || chain.kind[v] == NodeKind::Government)) {
      graph.tops.push_back(v);
      edges.emplace_back(graph.root, v);
    }
  graph.g = Csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), graph.root + 1);
  return graph;
}

std::vector<std::uint32_t> immediate_dominators(const Graph& graph, std::vector<std::uint32_t>* dfs_order) {
  const Csr& g = graph.g;
  const std::size_t count = num_vertices(g);
  const auto none = boost::graph_traits<Csr>::null_vertex();
  std::vector<std::uint32_t> idom(count, none);
  // Unreached vertices keep the largest number: the algorithm skips predecessors marked so.
  std::vector<std::uint32_t> dfnum(count, std::numeric_limits<std::uint32_t>::max());
  std::vector<std::uint32_t> parent(count, none);
  std::vector<std::uint32_t> order(count, none);
  const auto index = get(boost::vertex_index, g);
  boost::lengauer_tarjan_dominator_tree(g, graph.root, index,
                                        boost::make_iterator_property_map(dfnum.begin(), index),
                                        boost::make_iterator_property_map(parent.begin(), index), order,
                                        boost::make_iterator_property_map(idom.begin(), index));
  for (auto& d : idom)
    if (d == none) d = k_no_index;
  if (dfs_order) {
    dfs_order->clear();
    for (auto v : order) {
      if (v == none) break;
      dfs_order->push_back(v);
    }
  }
  return idom;
}

}  // namespace safeassess::chain
