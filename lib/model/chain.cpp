#include "model/chain.hpp"

#include "core/i18n.hpp"

#include <array>

namespace safeassess::chain {

namespace {

struct KindName {
  std::string_view id;
  std::string_view chinese;
};
constexpr std::array<KindName, 8> k_node_kinds{{{"party", "党委"},
                                                {"government", "政府"},
                                                {"department", "部门"},
                                                {"township", "乡镇"},
                                                {"village", "村（社区）"},
                                                {"enterprise", "企业"},
                                                {"workshop", "车间班组"},
                                                {"post", "岗位"}}};
constexpr std::array<KindName, 4> k_edge_kinds{
    {{"reports", "隶属"}, {"oversees", "分管"}, {"regulates", "行业监管"}, {"supervises", "属地监管"}}};

template <std::size_t N>
std::optional<std::size_t> find_kind(const std::array<KindName, N>& kinds, std::string_view s) {
  for (std::size_t i = 0; i < N; ++i)
    if (s == kinds[i].id || s == kinds[i].chinese) return i;
  return std::nullopt;
}
template <std::size_t N>
std::vector<std::string> kind_ids(const std::array<KindName, N>& kinds) {
  std::vector<std::string> ids;
  for (const auto& k : kinds) ids.emplace_back(k.id);
  return ids;
}

}  // namespace

std::string_view to_string(NodeKind k) {
  return k_node_kinds[static_cast<std::size_t>(k)].id;
}
std::string_view chinese(NodeKind k) {
  return k_node_kinds[static_cast<std::size_t>(k)].chinese;
}
std::string_view reader_name(NodeKind k) {
  return i18n::current() == i18n::Lang::Zh ? chinese(k) : to_string(k);
}
std::string_view to_string(EdgeKind k) {
  return k_edge_kinds[static_cast<std::size_t>(k)].id;
}
std::string_view chinese(EdgeKind k) {
  return k_edge_kinds[static_cast<std::size_t>(k)].chinese;
}

std::optional<std::size_t> Chain::find_enterprise(std::string_view id_or_name) const {
  if (auto n = find(id_or_name); n && kind[*n] == NodeKind::Enterprise) return n;
  std::optional<std::size_t> found;
  for (std::size_t v = 0; v < size(); ++v)
    if (kind[v] == NodeKind::Enterprise && names[v] == id_or_name) {
      if (found) return std::nullopt;  // ambiguous
      found = v;
    }
  return found;
}

std::optional<NodeKind> parse_node_kind(std::string_view s) {
  if (auto k = find_kind(k_node_kinds, s)) return static_cast<NodeKind>(*k);
  return std::nullopt;
}
std::vector<std::string> node_kind_ids() {
  return kind_ids(k_node_kinds);
}
std::vector<std::string> edge_kind_ids() {
  return kind_ids(k_edge_kinds);
}
std::optional<EdgeKind> parse_edge_kind(std::string_view s) {
  if (auto k = find_kind(k_edge_kinds, s)) return static_cast<EdgeKind>(*k);
  return std::nullopt;
}

}  // namespace safeassess::chain
