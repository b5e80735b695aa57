// replication.coalesce_window (scenarios/README.md, "replication").
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"

TEST_CASE("replication: coalesce_window is off by default and takes a non-negative duration") {
  const std::string world = "duration: 10m\nregions: [us-east-1, eu-west-1]\n";
  load::LoadResult loaded = load::load_scenario_text(world, "s.yaml", {});
  REQUIRE(loaded.ok());
  CHECK(loaded.scenario->replication.coalesce_window == sim::Duration::zero());
  loaded = load::load_scenario_text(world + "replication: {coalesce_window: 250ms}\n", "s.yaml", {});
  REQUIRE(loaded.ok());
  CHECK(loaded.scenario->replication.coalesce_window == sim::Duration::milliseconds(250));
  loaded = load::load_scenario_text(world + "replication: {coalesce_window: -1s}\n", "s.yaml", {});
  REQUIRE_FALSE(loaded.ok());
  REQUIRE(loaded.diagnostics.size() == 1);
  CHECK(loaded.diagnostics[0].to_string() ==
        "s.yaml:3:32: error: replication.coalesce_window: must not be negative, found '-1s'");
  loaded = load::load_scenario_text(world + "replication: {coalesce_windw: 1s}\n", "s.yaml", {});
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.diagnostics[0].to_string() ==
        "s.yaml:3:15: error: unknown key 'coalesce_windw' in replication; did you mean 'coalesce_window'?");
}
