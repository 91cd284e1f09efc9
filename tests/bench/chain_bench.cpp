// Benchmark: a province-sized responsibility chain — about 1,000,000 nodes (100 counties,
// 2,000 townships, ~330,000 enterprises with their principals and team leaders) and
// 5,000,000 performance records — loaded from CSV, counted into duty compliance, and
// traced: every gap kind including broken links and the dominator tree, then one
// accountability walk.
//
//   safeassess_chain_bench [--records N]

#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>
#include <iostream>

#include "bench/bench_util.hpp"
#include "chain/analysis.hpp"
#include "chain/graph.hpp"
#include "duty/compliance.hpp"
#include "load/chain.hpp"
#include "load/duty_list.hpp"
#include "model/chain.hpp"

int main(int argc, char** argv) {
  using namespace safeassess;
  std::size_t records = 5000000;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--records") && i + 1 < argc) {
      records = std::stoul(argv[++i]);
    } else {
      std::cerr << "usage: safeassess_chain_bench [--records N]\n";
      return 2;
    }
  }
  try {
    const auto list = duty::load_duty_list_ref("builtin:county-chain", ".", Location{"bench"});
    bench::Rng rng(0x9E3779B97F4A7C15ULL);
    auto t0 = std::chrono::steady_clock::now();
    fmt::memory_buffer nodes, edges;
    auto node = [&](std::string_view id, std::string_view name, std::string_view kind, std::string_view role,
                    std::string_view parent, std::string_view industry) {
      fmt::format_to(std::back_inserter(nodes), "{},{},{},{},{},{}\n", id, name, kind, role, parent,
                     industry);
    };
    auto edge = [&](std::string_view from, std::string_view to, std::string_view kind,
                    std::string_view lead = "") {
      fmt::format_to(std::back_inserter(edges), "{},{},{},{}\n", from, to, kind, lead);
    };
    fmt::format_to(std::back_inserter(nodes), "id,name,kind,role,parent,industry\n");
    fmt::format_to(std::back_inserter(edges), "from,to,kind,lead\n");
    std::vector<std::string> holders;  // "id\x1frole" for the records
    auto post = [&](const std::string& id, const std::string& parent, const char* role) {
      node(id, "岗位" + id, "post", role, parent, "");
      holders.push_back(id + '\x1f' + role);
    };
    static const char* k_industries[] = {
        "煤矿", "非煤矿山", "危险化学品", "建筑施工", "冶金",     "有色",     "建材", "机械", "轻工", "纺织",
        "烟草", "商贸",     "城镇燃气",   "消防",     "交通运输", "特种设备", "民爆", "渔业", "农机", "水利"};
    node("prov_pc", "省委", "party", "", "", "");
    node("prov_gov", "省政府", "government", "", "", "");
    for (int i = 0; i < 20; ++i)
      edge("prov_gov", k_industries[i], "regulates", "yes");  // the province leads every industry
    std::size_t enterprises = 0;
    const int counties = 100, towns = 20;
    for (int c = 0; c < counties; ++c) {
      const std::string cp = fmt::format("c{}_pc", c), cg = fmt::format("c{}_gov", c);
      node(cp, "县委", "party", "", "prov_pc", "");
      node(cg, "县政府", "government", "", "prov_gov", "");
      post(cp + "_sec", cp, "county_party_secretary");
      post(cg + "_head", cg, "county_head");
      for (int d = 0; d < 2; ++d) post(fmt::format("{}_dep{}", cg, d), cg, "deputy_county_head");
      for (int d = 0; d < 6; ++d) {
        const std::string dept = fmt::format("{}_dept{}", cg, d);
        node(dept, "县直部门", "department", "", cg, "");
        post(dept + "_head", dept, "department_head");
        post(dept + "_deputy", dept, "deputy_department_head");
        edge(fmt::format("{}_dep{}", cg, d % 2), dept, "oversees");
        edge(dept + "_deputy", dept, "oversees");
        for (int k = d; k < 20; k += 6) edge(dept, k_industries[k], "regulates");
      }
      for (int t = 0; t < towns; ++t) {
        const std::string tp = fmt::format("c{}t{}_pc", c, t), tg = fmt::format("c{}t{}_gov", c, t);
        node(tp, "镇党委", "party", "", cp, "");
        node(tg, "镇政府", "township", "", tp, "");
        edge(tg, cg, "reports");
        post(tp + "_sec", tp, "township_party_secretary");
        post(tg + "_head", tg, "township_head");
        post(tg + "_officer", tg, "township_safety_officer");
        for (int e = 0; e < 165; ++e, ++enterprises) {
          const std::string ent = fmt::format("e{}", enterprises);
          node(ent, "企业", "enterprise", "", "", k_industries[rng.next() % 20]);
          post(ent + "_boss", ent, "enterprise_principal");
          post(ent + "_team", ent, "team_leader");
          const auto r = rng.next() % 100;
          if (r < 94)
            edge(tg, ent, "supervises");
          else if (r < 99)
            edge(tg + "_officer", ent, "supervises");  // the officer alone
        }
      }
    }
    fmt::memory_buffer rec;
    fmt::format_to(std::back_inserter(rec), "holder,duty,date,evidence,reference\n");
    for (std::size_t r = 0; r < records; ++r) {
      const std::string& h = holders[rng.next() % holders.size()];
      const auto sep = h.find('\x1f');
      const auto& role = list.roles[*list.find_role(std::string_view(h).substr(sep + 1))];
      const auto& d = role.duties[rng.next() % role.duties.size()];
      const auto& ev = list.evidence[d.evidence[0]].id;
      fmt::format_to(std::back_inserter(rec), "{},{},2024-{:02}-{:02},{},R{}\n",
                     std::string_view(h).substr(0, sep), d.id, rng.in(1, 12), rng.in(1, 28),
                     rng.next() % 10 ? ev : "", r);
    }
    std::cout << fmt::format("generated: {} chain bytes, {} edge bytes, {} record bytes in {:.2f} s\n",
                             nodes.size(), edges.size(), rec.size(), bench::seconds_since(t0));

    t0 = std::chrono::steady_clock::now();
    const auto chain =
        chain::load_chain_csv("nodes.csv", std::string(nodes.data(), nodes.size()), "edges.csv",
                              std::string(edges.data(), edges.size()), io::Encoding::Utf8, list, nullptr);
    const double t_chain = bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const auto compliance = duty::read_records("records.csv", std::string(rec.data(), rec.size()),
                                               io::Encoding::Utf8, list, chain, *date::parse_period("2024"));
    const double t_records = bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const auto graph = chain::build_graph(chain);
    const double t_graph = bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const auto analysis = chain::analyse(chain, graph, list, &compliance, {});
    const double t_trace = bench::seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const auto acc =
        chain::account(chain, list, &compliance, static_cast<std::uint32_t>(*chain.find("e12345")),
                       chain::Case{"enterprise", "e12345", "", std::nullopt, std::nullopt,
                                   duty::k_case_hazard | duty::k_case_accident, ""});
    const double t_account = bench::seconds_since(t0);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::cout << fmt::format(
        "chain: {} nodes, {} edges, {} enterprises; {} records\n"
        "load chain {:.2f} s, read records {:.2f} s, build CSR graph {:.2f} s, trace all gaps {:.2f} s, "
        "one accountability walk {:.3f} s\n"
        "gaps: {}; broken links {}; critical links {}; accountable posts {}; peak RSS {} MiB\n",
        chain.size(), chain.edges.size(), enterprises, compliance.records, t_chain, t_records, t_graph,
        t_trace, t_account, analysis.gaps.size(),
        analysis.counts[static_cast<std::size_t>(chain::GapKind::BrokenLink)],
        analysis.counts[static_cast<std::size_t>(chain::GapKind::CriticalLink)], acc.posts.size(),
        usage.ru_maxrss / 1024);
  } catch (const InputError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  }
  return 0;
}
