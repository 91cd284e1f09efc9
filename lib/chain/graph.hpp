#pragma once
// The chain as an immutable analysis graph: Boost's compressed_sparse_row_graph (CSR),
// bidirectional, 32-bit vertices and edges, about 12 bytes an edge each way. Edges point
// down the chain (superior -> subordinate, overseer -> overseen, regulator -> industry ->
// enterprise, supervisor -> enterprise). Vertex n + i is industry i; the last vertex is a
// virtual root above the chain's top nodes (party committees and governments that answer
// to no node of the chain).

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <vector>

#include "model/chain.hpp"

namespace safeassess::chain {

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, boost::no_property,
                                               boost::no_property, std::uint32_t, std::uint32_t>;

struct Graph {
  Csr g;
  std::uint32_t nodes = 0;          // chain nodes are vertices 0 .. nodes-1
  std::uint32_t root = 0;           // the virtual root
  std::vector<std::uint32_t> tops;  // nodes the root points at
  [[nodiscard]] bool is_node(std::uint32_t v) const { return v < nodes; }
};

[[nodiscard]] Graph build_graph(const Chain& chain);

// Immediate dominators from the root (k_no_index for the root and unreachable vertices).
// Vertex d dominates v when every path from the root to v passes through d.
[[nodiscard]] std::vector<std::uint32_t> immediate_dominators(
    const Graph& graph, std::vector<std::uint32_t>* dfs_order = nullptr);

}  // namespace safeassess::chain

namespace boost {
// Boost 1.74's bidirectional CSR graph lacks degree(), which the BidirectionalGraph concept
// checked by the dominator tree requires.
inline std::uint32_t degree(std::uint32_t v, const safeassess::chain::Csr& g) {
  return static_cast<std::uint32_t>(out_degree(v, g) + in_degree(v, g));
}
}  // namespace boost
