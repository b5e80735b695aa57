// import/scenario_writer.h and import/yaml_text.h: text from an artefact
// cannot break out of its YAML scalar or comment, and the light workload's
// rate is the stated fraction of the capacity.
#include "import/scenario_writer.h"

#include <catch2/catch.hpp>

#include "import/yaml_text.h"
#include "load/scenario_loader.h"

namespace importer {
namespace {

TableDraft two_regions(Billing billing) {
  TableDraft d;
  d.kind = std::string("describe-table");
  d.files = {"t.json"};
  d.inputs = {"t.json (describe-table)"};
  d.name = std::string("t");
  d.name_source = Source{"t.json", "Table.TableName", ""};
  d.billing = billing;
  d.billing_source = Source{"t.json", "Table.BillingModeSummary.BillingMode", ""};
  d.add_replica("us-east-1", Source{"t.json", "Table.TableArn", ""});
  d.add_replica("eu-west-1", Source{"t.json", "Table.Replicas[0].RegionName", ""});
  return d;
}

}  // namespace

TEST_CASE("yaml_quoted and comment_text: quotes, backslashes, newlines and controls are escaped", "[import]") {
  CHECK(yaml_quoted("plain") == "\"plain\"");
  CHECK(yaml_quoted("a\"b\\c\nd\te\x1b\x7f") == "\"a\\\"b\\\\c\\x0ad\\x09e\\x1b\\x7f\"");
  CHECK(yaml_quoted("\xc2\x85x\xc3\xa9") == "\"\\u0085x\xc3\xa9\"");  // C1 escaped, e-acute kept
  CHECK(comment_text("a\nkeys: 1\x1b[2J") == "a\\nkeys: 1\\x1b[2J");
}

TEST_CASE("write_scenario: a hostile table name stays one scalar and one comment", "[import]") {
  TableDraft d = two_regions(Billing::kOnDemand);
  d.name = std::string("x\"\nduration: 1s\n# \x1b]0;owned\x07");
  d.name_source.path = std::string("Table.TableName\nseed: 7");
  const ImportedScenario s = write_scenario(d);
  const load::LoadResult loaded = load::load_scenario_text(s.yaml, "s.yaml");
  REQUIRE(loaded.ok());
  CHECK(loaded.scenario->name == d.name);
  CHECK(loaded.scenario->duration == sim::Duration::minutes(10));
  CHECK(loaded.scenario->seed == 1);
}

TEST_CASE("assumed_rate: 100/s on demand; provisioned, half the smallest write and read capacity", "[import]") {
  TableDraft on_demand = two_regions(Billing::kOnDemand);
  CHECK(assumed_rate(on_demand, 1024) == 100);
  TableDraft d = two_regions(Billing::kProvisioned);
  d.write_units = Count{40, {}};
  d.read_units = Count{1000, {}};
  // Puts are half the rate, 2 regions, 1 WCU each: 2 * r/2 * 1 <= 40/2, so r <= 20.
  CHECK(assumed_rate(d, 1024) == 20);
  // 3 KB items cost 3 WCU: r <= 40 / (2 * 3) = 6.67, floored to 6.
  CHECK(assumed_rate(d, 3 * 1024) == 6);
  // A replica with 3 RCU: gets are half the rate at 0.5 RCU each: r/2 * 0.5 <= 3/2, so r <= 6.
  d.replicas[1].read_units = Count{3, {}};
  CHECK(assumed_rate(d, 1024) == 6);
  // 1 WCU over 3 regions: r <= 1/3, floored to the hundredth.
  d.add_replica("ap-southeast-2", Source{});
  d.write_units = Count{1, {}};
  CHECK(assumed_rate(d, 1024) == Approx(0.33));
}

TEST_CASE("write_scenario: a region outside the catalogue gets assumed links", "[import]") {
  TableDraft d = two_regions(Billing::kOnDemand);
  d.add_replica("eu-west-2", Source{"t.json", "Table.Replicas[1].RegionName", ""});
  d.add_replica("af-south-1", Source{"t.json", "Table.Replicas[2].RegionName", ""});
  const ImportedScenario s = write_scenario(d);
  CHECK(s.yaml.find("    # ASSUMED: af-south-1 is not in gtsim's region catalogue\n") != std::string::npos);
  CHECK(s.yaml.find("{between: [us-east-1, eu-west-2]") == std::string::npos);  // measured by the catalogue
  CHECK(s.yaml.find("    - {between: [eu-west-2, af-south-1], latency: 50ms}\n") != std::string::npos);
  CHECK(load::load_scenario_text(s.yaml, "s.yaml").ok());
}

}  // namespace importer
