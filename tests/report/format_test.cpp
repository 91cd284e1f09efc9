#include <doctest/doctest.h>

#include <set>
#include <string>

#include "chain/analysis.hpp"
#include "report/format.hpp"
#include "support/fixtures.hpp"

using namespace safeassess;

TEST_CASE("formats: names and aliases parse; text and dot are no writer's format; others are refused") {
  CHECK(report::parse_format("table") == report::Format::Table);
  CHECK(report::parse_format("json") == report::Format::Json);
  CHECK(report::parse_format("csv") == report::Format::Csv);
  CHECK(report::parse_format("md") == report::Format::Markdown);
  CHECK(report::parse_format("markdown") == report::Format::Markdown);
  CHECK(!report::find_format("dot"));
  CHECK(!report::find_format("text"));
  CHECK(test::error_of<UsageError>([] { (void)report::parse_format("xml"); }) ==
        "unknown format \"xml\"; expected table, json, csv or md");
  std::set<std::string_view> names;
  for (const auto& f : report::format_specs()) {
    CHECK(names.insert(f.name).second);
    if (!f.alias.empty()) CHECK(names.insert(f.alias).second);
  }
}

TEST_CASE("gap kinds: the registry is in enumerator order with unique ids") {
  std::set<std::string_view> ids;
  for (std::size_t k = 0; k < chain::k_gap_kinds; ++k) {
    const auto& spec = chain::gap_kinds()[k];
    CHECK(static_cast<std::size_t>(spec.kind) == k);
    CHECK(ids.insert(spec.id).second);
    CHECK(!spec.chinese.empty());
    CHECK(!spec.summary.empty());
    CHECK(chain::to_string(spec.kind) == spec.id);
  }
  CHECK(chain::to_string(chain::GapKind::BrokenLink) == "broken-link");
  CHECK(chain::chinese(chain::GapKind::Attenuation) == "上热中温下冷");
}
