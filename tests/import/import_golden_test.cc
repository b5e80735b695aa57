// gtsim import, each fixture of tests/import/fixtures (README.md there says
// where each came from): the scenario it writes, byte for byte against
// tests/import/golden/, and that scenario loads as `gtsim validate` loads
// it and runs (30 simulated seconds) to a converged end.
//
// Regenerate after a deliberate change (and say why in the commit):
//   GTSIM_UPDATE_GOLDEN=1 ./build/tests/gtsim_tests "[golden]"
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "tests/import/import_test_files.h"
#include "tests/read_file.h"

namespace {

namespace fs = std::filesystem;
using gtsim_test::read_file;
using gtsim_test::run_import;

struct Case {
  const char* golden;  // tests/import/golden/NAME.yaml
  const char* kind;
  std::vector<std::string> files;
  std::vector<std::pair<std::string, std::string>> params;
  const char* resource;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      {"describe-table-myable", "describe-table", {"describe-table-myable.json"}, {}, ""},
      {"describe-table-music-auto-scaling", "describe-table",
       {"describe-table-music-global.json", "describe-table-replica-auto-scaling-music.json"}, {}, ""},
      {"describe-table-orders-ttl", "describe-table",
       {"describe-table-orders.json", "describe-time-to-live-expire-at.json"}, {}, ""},
      {"describe-table-mrsc", "describe-table", {"describe-table-mrsc.json"}, {}, ""},
      {"describe-global-table-music", "describe-table", {"describe-global-table-music.json"}, {}, ""},
      {"cloudformation-create-replica", "cloudformation", {"cloudformation-create-replica.yaml"}, {}, ""},
      {"cloudformation-create-replica-params", "cloudformation", {"cloudformation-create-replica.yaml"},
       {{"ReplicaRegion", "eu-west-1"}, {"DBTableName", "prices"}}, ""},
      {"cloudformation-mytable", "cloudformation", {"cloudformation-mytable.yaml"}, {}, ""},
      {"cloudformation-two-tables-sessions", "cloudformation", {"cloudformation-two-tables.json"},
       {{"AWS::Region", "us-east-1"}}, "Sessions"},
      {"cloudformation-two-tables-carts", "cloudformation", {"cloudformation-two-tables.json"}, {}, "Carts"},
      {"terraform-plan-example", "terraform", {"terraform-plan-example.json"}, {}, ""},
      {"terraform-state-module", "terraform", {"terraform-state-module.json"}, {}, ""},
      {"terraform-plan-mrsc", "terraform", {"terraform-plan-mrsc.json"}, {}, ""},
      {"cloudwatch-two-regions", "cloudwatch", {"cloudwatch-us-east-1.json", "cloudwatch-eu-west-1.json"}, {}, ""},
  };
  return all;
}

}  // namespace

TEST_CASE("gtsim import: each fixture's scenario matches its golden file", "[golden][import]") {
  const bool update = std::getenv("GTSIM_UPDATE_GOLDEN") != nullptr;
  for (const Case& c : cases()) {
    CAPTURE(c.golden);
    const importer::ImportResult result = run_import(c.kind, c.files, c.params, c.resource);
    CAPTURE(gtsim_test::messages(result));
    REQUIRE(result.scenario);
    const fs::path golden = fs::path(GTSIM_SOURCE_DIR) / "tests" / "import" / "golden" / (std::string(c.golden) + ".yaml");
    if (update) {
      std::ofstream(golden, std::ios::binary) << result.scenario->yaml;
      continue;
    }
    REQUIRE(fs::exists(golden));
    CHECK(result.scenario->yaml == read_file(golden));
  }
}

TEST_CASE("gtsim import: each fixture's scenario loads and runs to a converged end", "[import]") {
  for (const Case& c : cases()) {
    CAPTURE(c.golden);
    const importer::ImportResult result = run_import(c.kind, c.files, c.params, c.resource);
    REQUIRE(result.scenario);
    load::LoadResult loaded = load::load_scenario_text(result.scenario->yaml, (gtsim_test::import_fixtures() / (std::string(c.golden) + ".yaml")).string());
    CAPTURE(loaded.diagnostics.size() == 0 ? "" : loaded.diagnostics[0].to_string());
    REQUIRE(loaded.ok());
    CHECK(loaded.scenario->regions.size() >= 2);
    loaded.scenario->duration = sim::Duration::seconds(30);
    const model::RunResult run = model::Simulation(*loaded.scenario).run();
    CHECK(run.stop.reason == model::StopReason::kCompleted);
    CHECK(run.events > 0);
    CHECK(run.convergence.divergent_items == 0);
  }
}

TEST_CASE("gtsim import: --traffic gives an imported table the regions' CloudWatch series as trace curves",
          "[import]") {
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(gtsim_test::import_fixtures());
  importer::ImportRequest request{{"describe-table-music-global.json"}, {}, "", {}, ""};
  request.traffic = {"cloudwatch-us-east-1.json"};
  const importer::ImportResult result = importer::import_scenario(*importer::find_import_kind("describe-table"), request);
  request.traffic = {"cloudwatch-us-east-1.json", "cloudwatch-us-east-1.json"};
  const importer::ImportResult twice = importer::import_scenario(*importer::find_import_kind("describe-table"), request);
  std::filesystem::current_path(before);
  CAPTURE(gtsim_test::messages(result));
  REQUIRE(result.scenario);
  CHECK(result.scenario->yaml.find("duration: 3600s") != std::string::npos);
  CHECK(result.scenario->yaml.find("- {name: writers, mix: {put: 100}, rate: {trace: {file: \"cloudwatch-us-east-1.json\", "
                                   "metric: \"us-east-1 ConsumedWriteCapacityUnits\", period: 5m, scale: 1}}}") != std::string::npos);
  REQUIRE_FALSE(twice.scenario);
  CHECK(gtsim_test::messages(twice).at(0).find("a second ConsumedWriteCapacityUnits series for us-east-1") !=
        std::string::npos);
}

TEST_CASE("gtsim import: the not imported list and the assumptions name each item once, as the file does",
          "[import]") {
  const importer::ImportResult result = run_import("describe-table", {"describe-table-myable.json"});
  REQUIRE(result.scenario);
  const importer::ImportedScenario& s = *result.scenario;
  CHECK(s.not_imported ==
        std::vector<std::string>{
            "describe-table-myable.json: Table.Replicas[0].ReplicaStatusDescription, "
            "Table.ProvisionedThroughput.NumberOfDecreasesToday, Table.GlobalSecondaryIndexes[*].IndexStatus, "
            "Table.GlobalSecondaryIndexes[*].IndexSizeBytes, Table.GlobalSecondaryIndexes[*].ItemCount, "
            "Table.GlobalSecondaryIndexes[*].IndexArn, Table.TableStatus, Table.CreationDateTime, Table.TableId, "
            "Table.LatestStreamLabel, Table.LatestStreamArn: an identifier, a status or a timestamp: nothing to "
            "simulate",
            "describe-table-myable.json: Table.GlobalSecondaryIndexes[*].KeySchema, "
            "Table.GlobalSecondaryIndexes[*].Projection: gtsim's queries read an index by name; its keys and "
            "projection are not modelled",
            "describe-table-myable.json: Table.GlobalSecondaryIndexes[*].ProvisionedThroughput: an index's own "
            "capacity is not modelled (docs/design.md, Not modelled)",
            "describe-table-myable.json: Table.AttributeDefinitions, Table.KeySchema: gtsim's items are numbered "
            "keys, not key attributes",
            "describe-table-myable.json: Table.StreamSpecification: gtsim's replication stands for the stream a "
            "global table keeps; its view type changes nothing simulated"});
  for (const std::string& line : s.not_imported) CHECK(s.yaml.find("#   " + line + "\n") != std::string::npos);
  CHECK(s.assumed ==
        std::vector<std::string>{
            "duration: 10m (how long to simulate: the artefacts cannot say)",
            "table.keys: 1000 (describe-table-myable.json: Table.ItemCount is 0; gtsim's default)",
            "table.item_size: 1KB (no item count and size to divide; gtsim's default)",
            "table.capacity.auto_scaling.write: {min: 5, max: 5, target: 70} (version 2019.11.21 needs write auto "
            "scaling and the artefacts give none: pinned at the write units)",
            "workload: 2 requests/s in every region, half puts, half gets (the artefacts hold no traffic: a light "
            "load, at most half of the smallest capacity)"});
  CHECK(s.warnings.empty());
}
