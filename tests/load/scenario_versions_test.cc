// The global tables version decides which settings replicate
// (docs/model.md, "Versions and settings"): under 2019.11.21 the capacity
// mode and write settings are the table's, the same in every replica, and a
// provisioned table must auto scale its writes; under 2017.11.29 each
// replica was made by hand, with the console's 5 WCU / 5 RCU by default.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "tests/load/load_errors.h"

namespace {

using gtsim_test::Lines;
using gtsim_test::load_errors;
using gtsim_test::load_ok;
using model::CapacityMode;
using model::TimelineKind;

// The article's world: us-east-1 provisioned at fixed units, eu-west-1 at
// the default 5 with write auto scaling.
const std::string kArticle = R"(duration: 10m
regions:
  - name: us-east-1
    capacity: {mode: provisioned, write_units: 1000, read_units: 1000}
  - name: eu-west-1
    capacity: {mode: provisioned, auto_scaling: {write: {min: 5, max: 4000}}}
)";

}  // namespace

TEST_CASE("2019.11.21: a provisioned replica without write auto scaling is refused in the service's words") {
  CHECK(load_errors(kArticle) ==
        Lines{"s.yaml:4:15: error: regions[0].capacity: Table write capacity should either be Pay-Per-Request or "
              "AutoScaled (version 2019.11.21 refuses a provisioned global table without write auto scaling: add "
              "auto_scaling.write, use mode: on_demand, or set version: \"2017.11.29\")"});
  // table.capacity is every replica's: reported once, there.
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, eu-west-1, ap-northeast-1]\n"
                    "table:\n  capacity: {mode: provisioned, write_units: 100}\n") ==
        Lines{"s.yaml:4:13: error: table.capacity: Table write capacity should either be Pay-Per-Request or "
              "AutoScaled (version 2019.11.21 refuses a provisioned global table without write auto scaling: add "
              "auto_scaling.write, use mode: on_demand, or set version: \"2017.11.29\")"});
  // A set_capacity that would make it so.
  CHECK(load_errors("duration: 10m\nregions: [us-east-1, eu-west-1]\n"
                    "timeline:\n"
                    "  - {at: 1m, set_capacity: {region: us-east-1, mode: provisioned, write_units: 10}}\n") ==
        Lines{"s.yaml:4:28: error: timeline[0].set_capacity: Table write capacity should either be Pay-Per-Request "
              "or AutoScaled (version 2019.11.21 refuses a provisioned global table without write auto scaling: "
              "add auto_scaling.write, use mode: on_demand, or set version: \"2017.11.29\")"});
}

TEST_CASE("2017.11.29: the article's world loads, each replica with its own capacity") {
  const model::Scenario s = load_ok("version: \"2017.11.29\"\n" + kArticle);
  CHECK(s.regions[0].capacity.write_units == 1000);
  CHECK(!s.regions[0].capacity.write_scaling.enabled);
  CHECK(s.regions[1].capacity.write_units == 5);
  CHECK(s.regions[1].capacity.write_scaling.enabled);
}

TEST_CASE("2019.11.21: replicas that differ in capacity mode or write settings are refused; read settings may") {
  CHECK(load_errors("duration: 10m\nregions:\n  - us-east-1\n  - {name: eu-west-1, capacity: {mode: provisioned, "
                    "auto_scaling: {write: {min: 5}}}}\n") ==
        Lines{"s.yaml:4:33: error: regions[1].capacity: version 2019.11.21 keeps the capacity mode and write "
              "settings the same in every replica: mode is provisioned here and on_demand in us-east-1; set them "
              "once in table.capacity (read settings may differ per replica), or set version: \"2017.11.29\""});
  const std::string scaled =
      "duration: 10m\ntable:\n  capacity: {mode: provisioned, write_units: 100, auto_scaling: {write: {min: 100}}}\n";
  CHECK(load_errors(scaled + "regions:\n  - us-east-1\n  - {name: eu-west-1, capacity: {write_units: 5}}\n") ==
        Lines{"s.yaml:6:33: error: regions[1].capacity: version 2019.11.21 keeps the capacity mode and write "
              "settings the same in every replica: write_units is 5 here and 100 in us-east-1; set them once in "
              "table.capacity (read settings may differ per replica), or set version: \"2017.11.29\""});
  CHECK(load_errors("duration: 10m\nregions:\n  - us-east-1\n"
                    "  - {name: eu-west-1, capacity: {max_write_units: 100}}\n") ==
        Lines{"s.yaml:4:33: error: regions[1].capacity: version 2019.11.21 keeps the capacity mode and write "
              "settings the same in every replica: max_write_units is 100 here and 40000 in us-east-1; set them "
              "once in table.capacity (read settings may differ per replica), or set version: \"2017.11.29\""});
  // Read capacity, read auto scaling and on-demand read settings are each replica's.
  const model::Scenario s = load_ok(scaled + "regions:\n  - us-east-1\n"
                                             "  - {name: eu-west-1, capacity: {read_units: 5, auto_scaling: {read: {min: 5}}}}\n");
  CHECK(s.regions[1].capacity.read_units == 5);
  CHECK(s.regions[0].capacity.read_units == 5);  // the default
  CHECK(s.regions[1].capacity.read_scaling.enabled);
  CHECK(!s.regions[0].capacity.read_scaling.enabled);
}

TEST_CASE("2019.11.21: a set_capacity's write settings reach every replica at once; its read settings stay") {
  const model::Scenario s = load_ok(
      "duration: 10m\nregions: [us-east-1, eu-west-1, ap-northeast-1]\n"
      "table:\n  capacity: {mode: provisioned, write_units: 100, read_units: 100, "
      "auto_scaling: {write: {min: 100, max: 1000}}}\n"
      "timeline:\n  - {at: 1m, set_capacity: {region: eu-west-1, write_units: 400, read_units: 300, "
      "auto_scaling: {write: {min: 400}}}}\n");
  REQUIRE(s.timeline.size() == 3);
  CHECK((s.timeline[0].region == 1 && !s.timeline[0].synced));
  for (size_t i = 0; i < 3; ++i) {
    const model::TimelineEvent& e = s.timeline[i];
    INFO("event " << i);
    CHECK(e.kind == TimelineKind::kSetCapacity);
    CHECK(e.at == sim::Duration::minutes(1));
    CHECK(e.capacity.write_units == 400);
    CHECK(e.capacity.write_scaling.min_units == 400);
    CHECK(e.sets_write_units);
    CHECK(e.capacity.read_units == (e.region == 1 ? 300 : 100));
    CHECK(e.sets_read_units == (e.region == 1));
  }
}

TEST_CASE("2019.11.21: settings_sync copies only a set_capacity's read settings, after its delay") {
  const model::Scenario s = load_ok(
      "duration: 10m\nregions: [us-east-1, eu-west-1]\nsettings_sync: {enabled: true, delay: 30s}\n"
      "table:\n  capacity: {mode: provisioned, write_units: 100, read_units: 100, auto_scaling: {write: {min: 100}}}\n"
      "timeline:\n  - {at: 1m, set_capacity: {region: us-east-1, write_units: 200, read_units: 300}}\n"
      "  - {at: 2m, create_index: {region: us-east-1, name: by_day}}\n");
  REQUIRE(s.timeline.size() == 4);  // the change, the service's copy, settings_sync's copy, the index (no copy)
  CHECK((s.timeline[1].region == 1 && s.timeline[1].at == sim::Duration::minutes(1)));
  CHECK((s.timeline[1].capacity.write_units == 200 && s.timeline[1].capacity.read_units == 100));
  CHECK((s.timeline[2].region == 1 && s.timeline[2].at == sim::Duration::seconds(90)));
  CHECK((s.timeline[2].capacity.write_units == 200 && s.timeline[2].capacity.read_units == 300));
  CHECK(!s.timeline[2].sets_write_units);
  CHECK(s.timeline[3].kind == TimelineKind::kCreateIndex);
}

TEST_CASE("2017.11.29: a replica given no capacity is provisioned at the console's 5 WCU and 5 RCU") {
  const model::Scenario s = load_ok("duration: 10m\nversion: \"2017.11.29\"\nregions: [us-east-1, eu-west-1]\n");
  for (const model::RegionConfig& region : s.regions) {
    CHECK(region.capacity.mode == CapacityMode::kProvisioned);
    CHECK(region.capacity.write_units == 5);
    CHECK(region.capacity.read_units == 5);
    CHECK(!region.capacity.write_scaling.enabled);
  }
  const model::Scenario current = load_ok("duration: 10m\nregions: [us-east-1, eu-west-1]\n");
  CHECK(current.regions[0].capacity.mode == CapacityMode::kOnDemand);
}
