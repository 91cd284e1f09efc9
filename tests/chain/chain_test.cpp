#include <doctest/doctest.h>

#include <fmt/format.h>

#include <boost/range/iterator_range.hpp>
#include <random>
#include <set>
#include <string>

#include "chain/analysis.hpp"
#include "chain/graph.hpp"
#include "duty/compliance.hpp"
#include "load/chain.hpp"
#include "support/chain_fixtures.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;
using namespace safeassess::chain;

namespace {

// A chain with no gap: every enterprise supervised by its township and its industry
// regulated by one bureau; the deputy oversees the bureau.
const std::string k_nodes = R"(nodes:
  - {id: pc, name: 县委, kind: party}
  - {id: sec, name: 书记, kind: post, role: secretary, parent: pc}
  - {id: gov, name: 县政府, kind: government}
  - {id: dep, name: 副县长, kind: post, role: deputy, parent: gov}
  - {id: bureau, name: 应急局, kind: department, parent: gov}
  - {id: chief, name: 局长, kind: post, role: chief, parent: bureau}
  - {id: town, name: 某镇, kind: township, parent: gov}
  - {id: e1, name: 一矿, kind: enterprise, industry: coal}
  - {id: w1, name: 班组长, kind: post, role: worker, parent: e1}
  - {id: e2, name: 二矿, kind: enterprise, industry: coal}
)";
const std::string k_edges = R"(edges:
  - {from: dep, to: bureau, kind: oversees}
  - {from: bureau, to: coal, kind: regulates}
  - {from: town, to: e1, kind: supervises}
  - {from: town, to: e2, kind: supervises}
)";

// Records that make every holder of the clean chain fully compliant in 2024.
std::string full_records() {
  std::string r = "holder,duty,date,evidence\n";
  for (int q = 0; q < 4; ++q) {
    r += fmt::format("sec,meeting,2024-{:02}-10,minutes\nw1,check,2024-{:02}-10,record\n", q * 3 + 1,
                     q * 3 + 1);
  }
  for (int m = 1; m <= 12; ++m)
    r += fmt::format("sec,inspect,2024-{:02}-03,record\nsec,inspect,2024-{:02}-20,record\n", m, m);
  r += "dep,review,2024-03-01,record\ndep,review,2024-09-01,record\nchief,yearly,2024-05-05,record\n";
  return r;
}

struct Traced {
  duty::DutyList list = test::duty_list();
  Chain chain;
  std::optional<duty::Compliance> compliance;
  Analysis analysis;
};

Traced trace(const std::string& nodes, const std::string& edges, const std::string* records = nullptr) {
  Traced t;
  t.chain = test::chain_from(nodes + edges, t.list);
  if (records)
    t.compliance = duty::read_records("r.csv", *records, io::Encoding::Auto, t.list, t.chain,
                                      *date::parse_period("2024"));
  const auto graph = build_graph(t.chain);
  t.analysis = analyse(t.chain, graph, t.list, t.compliance ? &*t.compliance : nullptr, {});
  return t;
}

std::size_t count(const Traced& t, GapKind k) {
  return t.analysis.counts[static_cast<std::size_t>(k)];
}

std::size_t total(const Traced& t) {
  return t.analysis.gaps.size();
}

const Gap& only(const Traced& t, GapKind k) {
  REQUIRE(count(t, k) == 1);
  for (const auto& g : t.analysis.gaps)
    if (g.kind == k) return g;
  throw std::logic_error("unreachable");
}

std::vector<std::string> ids(const Traced& t, const std::vector<std::uint32_t>& nodes) {
  std::vector<std::string> out;
  for (auto v : nodes) out.push_back(t.chain.ids[v]);
  return out;
}

}  // namespace

TEST_CASE("a chain with no gap has none, with records and without") {
  const auto records = full_records();
  const auto t = trace(k_nodes, k_edges, &records);
  for (const auto& g : t.analysis.gaps) FAIL_CHECK(g.why);
  CHECK(total(t) == 0);
  CHECK(trace(k_nodes, k_edges).analysis.gaps.empty());
  CHECK(t.compliance->by_node[*t.chain.find("sec")].rate() == doctest::Approx(100));
}

TEST_CASE("监管真空: an industry no one regulates, an enterprise no one supervises") {
  const auto t = trace(k_nodes + "  - {id: e3, name: 木器厂, kind: enterprise, industry: wood}\n",
                       k_edges + "  - {from: town, to: e3, kind: supervises}\n");
  CHECK(total(t) == 1);
  const auto& g = only(t, GapKind::UnregulatedIndustry);
  CHECK(t.chain.industries[g.industry] == "wood");
  CHECK(g.why == "industry wood has 1 enterprise(s) and no department regulates it");

  std::string edges = k_edges;
  edges.erase(edges.find("  - {from: town, to: e2"));
  const auto u = trace(k_nodes, edges);
  CHECK(total(u) == 1);
  CHECK(ids(u, only(u, GapKind::UnsupervisedEnterprise).nodes) == std::vector<std::string>{"e2"});
}

TEST_CASE("多头管理: several regulators and no single lead; a designated lead closes the gap") {
  const auto t = trace(k_nodes, k_edges + "  - {from: town, to: coal, kind: regulates}\n");
  CHECK(total(t) == 1);
  CHECK(ids(t, only(t, GapKind::SeveralRegulators).nodes) == std::vector<std::string>{"bureau", "town"});
  CHECK(total(trace(k_nodes, k_edges + "  - {from: town, to: coal, kind: regulates, lead: yes}\n")) == 0);
  const auto two = trace(k_nodes, k_edges + "  - {from: town, to: coal, kind: regulates, lead: yes}\n" +
                                      "  - {from: gov, to: coal, kind: regulates, lead: yes}\n");
  CHECK(only(two, GapKind::SeveralRegulators).why ==
        "industry coal has 3 regulators (应急局、某镇、县政府) and 2 of them are marked lead");
}

TEST_CASE(
    "a post without a duty list, a leader without a portfolio, an industry regulated with no enterprise") {
  const auto t = trace(k_nodes + "  - {id: clerk, name: 办事员, kind: post, parent: bureau}\n", k_edges);
  CHECK(total(t) == 1);
  CHECK(ids(t, only(t, GapKind::NoDutyList).nodes) == std::vector<std::string>{"clerk"});

  std::string edges = k_edges;
  edges.erase(edges.find("  - {from: dep"),
              std::string("  - {from: dep, to: bureau, kind: oversees}\n").size());
  const auto p = trace(k_nodes, edges);
  CHECK(total(p) == 1);
  CHECK(ids(p, only(p, GapKind::NoPortfolio).nodes) == std::vector<std::string>{"dep"});

  const auto d = trace(k_nodes, k_edges + "  - {from: bureau, to: gas, kind: regulates}\n");
  CHECK(total(d) == 1);
  CHECK(d.chain.industries[only(d, GapKind::Dangling).industry] == "gas");
}

TEST_CASE("cycles and unreachable nodes are gaps, not hangs") {
  const auto c = trace(k_nodes, k_edges + "  - {from: bureau, to: chief, kind: reports}\n");
  CHECK(total(c) == 1);
  CHECK(ids(c, only(c, GapKind::Cycle).nodes) == std::vector<std::string>{"bureau", "chief"});

  const auto u = trace(k_nodes + "  - {id: lost, name: 失联局, kind: department}\n" +
                           "  - {id: lost_chief, name: 失联局长, kind: post, role: chief, parent: lost}\n",
                       k_edges);
  CHECK(total(u) == 1);
  const auto& g = only(u, GapKind::Unreachable);
  CHECK(ids(u, g.nodes) == std::vector<std::string>{"lost"});
  CHECK(g.count == 2);

  // A cycle nothing leads into: unreachable as well as a cycle; a node that is its own parent.
  const auto island = trace(k_nodes + "  - {id: a, name: 甲, kind: department, parent: b}\n" +
                                "  - {id: b, name: 乙, kind: department, parent: a}\n" +
                                "  - {id: s, name: 自环, kind: department, parent: s}\n",
                            k_edges);
  CHECK(count(island, GapKind::Cycle) == 2);
  CHECK(count(island, GapKind::Unreachable) == 2);
  CHECK(total(island) == 4);
}

TEST_CASE("critical links: a post every path to several enterprises passes through") {
  const auto t = trace(k_nodes + "  - {id: officer, name: 安全员, kind: post, role: worker, parent: town}\n" +
                           "  - {id: e3, name: 砖厂, kind: enterprise, industry: brick}\n" +
                           "  - {id: e4, name: 瓦厂, kind: enterprise, industry: brick}\n",
                       k_edges + "  - {from: officer, to: e3, kind: supervises}\n" +
                           "  - {from: officer, to: e4, kind: supervises}\n");
  CHECK(count(t, GapKind::UnregulatedIndustry) == 1);
  const auto& g = only(t, GapKind::CriticalLink);
  CHECK(ids(t, g.nodes) == std::vector<std::string>{"officer"});
  CHECK(ids(t, g.below) == std::vector<std::string>{"e3", "e4"});
  CHECK(g.count == 2);
  // Once the industry has a regulator, the officer no longer carries them alone.
  const auto r = trace(k_nodes + "  - {id: officer, name: 安全员, kind: post, role: worker, parent: town}\n" +
                           "  - {id: e3, name: 砖厂, kind: enterprise, industry: brick}\n" +
                           "  - {id: e4, name: 瓦厂, kind: enterprise, industry: brick}\n",
                       k_edges + "  - {from: officer, to: e3, kind: supervises}\n" +
                           "  - {from: officer, to: e4, kind: supervises}\n" +
                           "  - {from: bureau, to: brick, kind: regulates}\n");
  CHECK(total(r) == 0);
}

TEST_CASE("broken links name what they leave uncovered; attenuation needs a fall at every tier") {
  // The deputy oversees a bureau reached no other way: with the deputy broken, the
  // bureau's chief and the enterprise it alone regulates are uncovered.
  const std::string nodes =
      k_nodes + "  - {id: mines, name: 矿山局, kind: department}\n" +
      "  - {id: mines_chief, name: 矿山局长, kind: post, role: chief, parent: mines}\n" +
      "  - {id: e5, name: 金矿, kind: enterprise, industry: gold}\n";
  const std::string edges = k_edges + "  - {from: dep, to: mines, kind: oversees}\n" +
                            "  - {from: mines, to: gold, kind: regulates}\n" +
                            "  - {from: town, to: e5, kind: supervises}\n";
  std::string records = full_records();
  records.erase(records.find("dep,review,2024-09-01"), std::string("dep,review,2024-09-01,record\n").size());
  records += "mines_chief,yearly,2024-06-01,record\n";
  auto t = trace(nodes, edges, &records);
  CHECK(total(t) == 1);  // e5 is still supervised by the town
  const auto& g = only(t, GapKind::BrokenLink);
  CHECK(ids(t, g.nodes) == std::vector<std::string>{"dep"});
  CHECK(ids(t, g.below) == std::vector<std::string>{"mines_chief"});
  CHECK(g.why ==
        "dep 副县长 (副职) performed 1 of 2 due duty periods (50.0%), below the 60% threshold; 0 "
        "enterprise(s) and 1 "
        "post(s) below it are reached through no other link");

  // Compliance 100% (decision) > 50% (management) > 25% (execution): attenuation.
  std::string fading = full_records();
  fading.erase(fading.find("chief,yearly"));
  fading += "w1,check,2024-01-11,\n";
  for (const char* m : {"04", "07", "10"})
    fading.erase(fading.find(fmt::format("w1,check,2024-{}-10,record\n", m)), 26);
  const std::string two_chiefs =
      k_nodes + "  - {id: chief2, name: 副局长, kind: post, role: chief, parent: bureau}\n";
  fading += "chief2,yearly,2024-02-02,record\n";
  const auto a = trace(two_chiefs, k_edges, &fading);
  const auto& at = only(a, GapKind::Attenuation);
  CHECK(at.rates[0] == doctest::Approx(100));
  CHECK(at.rates[1] == doctest::Approx(50));
  CHECK(at.rates[2] == doctest::Approx(25));
  // A fall at one step only is no attenuation.
  std::string flat = full_records();
  flat.erase(flat.find("chief,yearly"));
  flat += "chief2,yearly,2024-02-02,record\n";
  CHECK(count(trace(two_chiefs, k_edges, &flat), GapKind::Attenuation) == 0);
}

namespace {

// Dominators by definition: d dominates v when v is unreachable from the root with d
// removed.
std::vector<std::vector<char>> brute_dominators(const Graph& g) {
  const std::size_t n = num_vertices(g.g);
  auto reach_without = [&](std::size_t removed) {
    std::vector<char> seen(n, 0);
    if (removed == g.root) return seen;
    std::vector<std::uint32_t> queue{g.root};
    seen[g.root] = 1;
    for (std::size_t i = 0; i < queue.size(); ++i)
      for (auto e : boost::make_iterator_range(out_edges(queue[i], g.g))) {
        const auto t = static_cast<std::uint32_t>(target(e, g.g));
        if (t == removed || seen[t]) continue;
        seen[t] = 1;
        queue.push_back(t);
      }
    return seen;
  };
  const auto all = reach_without(n);  // nothing removed
  std::vector<std::vector<char>> dom(n, std::vector<char>(n, 0));
  for (std::size_t d = 0; d < n; ++d) {
    const auto seen = reach_without(d);
    for (std::size_t v = 0; v < n; ++v)
      if (all[v] && (v == d || !seen[v])) dom[v][d] = 1;
  }
  return dom;
}

}  // namespace

TEST_CASE("the dominator tree agrees with a brute-force computation on random chains") {
  std::mt19937 rng(20241123);
  const auto list = test::duty_list();
  for (int round = 0; round < 200; ++round) {
    const int n = 2 + static_cast<int>(rng() % 14);
    std::string nodes = "nodes:\n  - {id: n0, name: 顶, kind: government}\n";
    std::vector<char> enterprises(static_cast<std::size_t>(n), 0);
    for (int v = 1; v < n; ++v) {
      const bool enterprise = rng() % 3 == 0;
      enterprises[static_cast<std::size_t>(v)] = enterprise;
      const int parent =
          static_cast<int>(rng() % static_cast<unsigned>(n + 2));  // sometimes none, sometimes later
      nodes += fmt::format("  - {{id: n{}, name: 节点{}, kind: {}{}{}}}\n", v, v,
                           enterprise ? "enterprise" : "department",
                           enterprise ? ", industry: i" + std::to_string(rng() % 2) : "",
                           parent < n && parent != v ? fmt::format(", parent: n{}", parent) : "");
    }
    std::string edges = "edges:\n";
    std::set<std::string> listed;  // a chain lists each edge once
    auto add = [&](std::string e) {
      if (listed.insert(e).second) edges += e;
    };
    for (int k = 0; k < n; ++k) {
      const auto a = rng() % static_cast<unsigned>(n), b = rng() % static_cast<unsigned>(n);
      // No edge to itself; only a public body regulates.
      if (a != b) add(fmt::format("  - {{from: n{}, to: n{}, kind: reports}}\n", a, b));
      if (rng() % 4 == 0 && !enterprises[a])
        add(fmt::format("  - {{from: n{}, to: i{}, kind: regulates}}\n", a, rng() % 2));
    }
    if (listed.empty()) add("  - {from: n1, to: n0, kind: reports}\n");
    const auto chain = test::chain_from(nodes + edges, list);
    const auto graph = build_graph(chain);
    const auto idom = immediate_dominators(graph);
    const auto dom = brute_dominators(graph);
    const std::size_t count = num_vertices(graph.g);
    for (std::size_t v = 0; v < count; ++v) {
      // The dominators of v from the tree: v and its idom chain up to the root.
      std::vector<char> from_tree(count, 0);
      const bool reached = v == graph.root || idom[v] != k_no_index;
      if (reached) {
        for (auto w = static_cast<std::uint32_t>(v); w != k_no_index; w = idom[w]) from_tree[w] = 1;
      }
      CHECK_MESSAGE(from_tree == dom[v], "round " << round << " vertex " << v);
    }
  }
}

TEST_CASE("the chain loader names every problem") {
  const auto list = test::duty_list();
  const std::string msg = test::input_error([&] {
    (void)test::chain_from(R"(nodes:
  - {id: a, name: 甲, kind: party}
  - {id: a, name: 重复, kind: party}
  - {id: b, name: 乙, kind: pots, role: secretary}
  - {id: c, name: 丙, kind: post, role: secretry}
  - {id: d, name: 丁, kind: post, role: chief, tier: decision}
  - {id: e, name: 戊, kind: enterprise}
  - {id: f, name: 己, kind: department, role: chief, parent: zz}
edges:
  - {from: a, to: nowhere, kind: reports}
  - {from: a, to: d, kind: overseas}
  - {from: a, to: d, kind: oversees}
  - {from: c, to: a, kind: supervises}
)",
                           list);
  });
  CHECK(
      msg ==
      "chain.yaml:3:10: node id \"a\" is already used on line 2; node ids must be unique\n"
      "chain.yaml:4:28: unknown node kind \"pots\" for \"b\"; expected party, government, department, "
      "township, "
      "village, enterprise, workshop, post\n"
      "chain.yaml:5:40: unknown role \"secretry\" for \"c\" in duty list \"t\", did you mean \"secretary\"?\n"
      "chain.yaml:6:53: tier \"decision\" of \"d\" contradicts its role \"chief\", which is management; drop "
      "the "
      "tier or fix the role\n"
      "chain.yaml:7:5: enterprise \"e\" has no industry; the chain needs it to find its regulators\n"
      "chain.yaml:8:46: \"f\" is a department and has role \"chief\"; only posts hold roles\n"
      "chain.yaml:8:61: parent \"zz\" of \"f\" is not a node of the chain\n"
      "chain.yaml:10:19: \"to\" of the edge names \"nowhere\", which is not a node of the chain\n"
      "chain.yaml:11:28: unknown edge kind \"overseas\"; expected reports, oversees, regulates or "
      "supervises, did "
      "you mean \"oversees\"?\n"
      "chain.yaml:12:12: \"a\" is a party; only a post oversees (分管)\n"
      "chain.yaml:13:19: \"a\" is a party; \"supervises\" points at an enterprise");
}

TEST_CASE("an edge listed twice is refused, naming both rows") {
  const auto list = test::duty_list();
  CHECK(
      test::input_error([&] {
        (void)load_chain_csv(
            "n.csv", "id,name,kind,role,parent,industry\npc,县委,party,,,\nsec,书记,post,secretary,pc,\n",
            "e.csv", "from,to,kind\nsec,pc,reports\npc,煤矿,regulates\nsec,pc,reports\npc,煤矿,regulates\n",
            io::Encoding::Auto, list, nullptr);
      }) ==
      "e.csv:4:1: column A \"from\": the edge sec reports pc is already listed on line 2; list each edge "
      "once\n"
      "e.csv:5:1: column A \"from\": the edge pc regulates 煤矿 is already listed on line 3; list each edge "
      "once");
  // The same two nodes joined by edges of two kinds are two edges.
  CHECK(load_chain_csv(
            "n.csv", "id,name,kind,role,parent,industry\npc,县委,party,,,\nsec,书记,post,secretary,pc,\n",
            "e.csv", "from,to,kind\nsec,pc,reports\nsec,pc,oversees\n", io::Encoding::Auto, list, nullptr)
            .edges.size() == 2);
}

TEST_CASE("the chain from CSV is the same model as from YAML, with CSV positions") {
  const auto list = test::duty_list();
  const auto c = load_chain_csv(
      "n.csv", "id,name,kind,role,parent,industry\npc,县委,party,,,\nsec,书记,post,secretary,pc,\n", "e.csv",
      "from,to,kind\nsec,pc,reports\n", io::Encoding::Auto, list, nullptr);
  CHECK(c.size() == 2);
  CHECK(c.parent[1] == 0);
  CHECK(c.edges.size() == 1);
  const std::string msg = test::input_error([&] {
    (void)load_chain_csv("n.csv", "id,name,kind,parent\npc,县委,party,\nsec,书记,post,px\n", "e.csv",
                         "from,to,kind\nsec,nobody,reports\n", io::Encoding::Auto, list, nullptr);
  });
  CHECK(msg ==
        "n.csv:3:4: column D \"parent\": parent \"px\" of \"sec\" is not a node of the chain, did you mean "
        "\"pc\"?\n"
        "e.csv:2:2: column B \"to\": \"to\" of the edge names \"nobody\", which is not a node of the chain");
}

TEST_CASE(
    "accountability: direct inside the enterprise, supervisory for its supervisors and regulators, "
    "leadership above") {
  const auto records = full_records();
  const auto t = trace(k_nodes + "  - {id: mayor, name: 镇长, kind: post, role: chief, parent: town}\n",
                       k_edges, &records);
  // (mayor holds chief, which is a head role, and has no records: it fails its yearly duty)
  const auto acc = account(t.chain, t.list, &*t.compliance, static_cast<std::uint32_t>(*t.chain.find("e1")),
                           Case{"enterprise", "e1", "", std::nullopt, std::nullopt,
                                duty::k_case_hazard | duty::k_case_accident, ""});
  std::vector<std::pair<std::string, Responsibility>> got;
  for (const auto& p : acc.posts) got.emplace_back(t.chain.ids[p.node], p.responsibility);
  CHECK(got == std::vector<std::pair<std::string, Responsibility>>{{"w1", Responsibility::Direct},
                                                                   {"chief", Responsibility::Supervisory},
                                                                   {"mayor", Responsibility::Supervisory},
                                                                   {"dep", Responsibility::Leadership}});
  // The regulator comes first (edges in file order), then the township's head.
  REQUIRE(acc.posts[2].failed.size() == 1);
  CHECK(acc.posts[2].failed[0].missed == std::vector<int>{0});
  CHECK(acc.posts[1].failed.empty());
  CHECK(acc.posts[0].failed.empty());
}

TEST_CASE("an edge to itself, and an enterprise that supervises or regulates, are refused") {
  const auto list = test::duty_list();
  const std::string nodes =
      "id,name,kind,role,parent,industry\nema,应急局,department,,,\nmine,煤矿,enterprise,,,煤矿\n";
  CHECK(
      test::input_error([&] {
        (void)load_chain_csv("n.csv", nodes, "e.csv",
                             "from,to,kind\nmine,mine,supervises\nmine,煤矿,regulates\nema,ema,reports\n",
                             io::Encoding::Auto, list, nullptr);
      }) ==
      "e.csv:2:1: column A \"from\": \"mine\" is an enterprise; only a government, a department, a township "
      "or a post supervises an enterprise\n"
      "e.csv:3:1: column A \"from\": \"mine\" is an enterprise; only a government, a department, a township "
      "or a post regulates an industry\n"
      "e.csv:4:2: column B \"to\": the edge runs from \"ema\" to itself; an edge joins two nodes");
}
