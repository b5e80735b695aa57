// Which settings replicate, by global tables version, as whole runs
// (docs/model.md, "Versions and settings"): under 2019.11.21 write capacity
// settings, indexes and TTL are the table's and one TTL process deletes each
// expired item once; under 2017.11.29 each is one replica's and drifts.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::episode_of;
using gtsim_test::make_world;
using gtsim_test::ms;
using gtsim_test::run_yaml;
using model::TimelineEvent;
using model::TimelineKind;

namespace {

// Provisioned at 100 WCU / 100 RCU everywhere; at 1 minute an operator sets
// us-east-1 to 200 WCU and 300 RCU (the write auto scaling minimum with it).
const std::string kSetCapacity = R"(duration: 3m
regions: [us-east-1, eu-west-1]
table:
  capacity:
    mode: provisioned
    write_units: 100
    read_units: 100
    auto_scaling: {write: {min: 100, max: 1000, target: 70%}}
timeline:
  - {at: 1m, set_capacity: {region: us-east-1, write_units: 200, read_units: 300, auto_scaling: {write: {min: 200}}}}
)";

}  // namespace

TEST_CASE("2019.11.21: set_capacity of write units in one region changes every replica's; read units stay its own") {
  const model::RunResult result = run_yaml(kSetCapacity);
  for (size_t r = 0; r < 2; ++r) {
    CAPTURE(r);
    const std::vector<int64_t>& write = result.region_series[r].provisioned_write_units;
    REQUIRE(write.size() > 70);
    CHECK(write[30] == 100);
    CHECK(write[70] == 200);
  }
  CHECK(result.region_series[0].provisioned_read_units[70] == 300);
  CHECK(result.region_series[1].provisioned_read_units[70] == 100);
  // What drifts is the read capacity, from the change on.
  const model::DriftEpisode* capacity = episode_of(result, "capacity");
  REQUIRE(capacity != nullptr);
  CHECK(capacity->since_ns == sim::Duration::minutes(1).ns());
  REQUIRE(capacity->values.size() == 2);
  CHECK(capacity->values[0].second == "provisioned, WCU auto scaling 200-1000 at 70%, 300 RCU");
  CHECK(capacity->values[1].second == "provisioned, WCU auto scaling 200-1000 at 70%, 100 RCU");
}

TEST_CASE("2017.11.29: the same file changes us-east-1 alone, and its write settings drift too") {
  const model::RunResult result = run_yaml("version: \"2017.11.29\"\n" + kSetCapacity);
  CHECK(result.region_series[0].provisioned_write_units[70] == 200);
  CHECK(result.region_series[1].provisioned_write_units[70] == 100);
  const model::DriftEpisode* capacity = episode_of(result, "capacity");
  REQUIRE(capacity != nullptr);
  REQUIRE(capacity->values.size() == 2);
  CHECK(capacity->values[1].second == "provisioned, WCU auto scaling 100-1000 at 70%, 100 RCU");
}

TEST_CASE("2019.11.21: a TTL-expired item is deleted once, by one region, and costs one replicated write elsewhere") {
  // 300 prepopulated 1 KB items expire 10 s into the run; TTL is enabled
  // in a, which under 2019.11.21 enables it for the table.
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 300, sim::Duration::seconds(30));
  world.table.prepopulated = true;
  world.table.ttl.items_expire = true;
  world.table.ttl.item_lifetime = sim::Duration::seconds(10);
  world.table.ttl.prepopulated_expiry = sim::Duration::seconds(10);
  world.table.ttl.deleted_within = sim::Duration::seconds(5);
  TimelineEvent enable;
  enable.kind = TimelineKind::kEnableTtl;
  enable.region = 0;
  world.timeline = {enable};
  const model::RunResult result = model::Simulation(world).run();
  uint64_t deletes = 0;
  for (const model::RegionResult& r : result.region_results) {
    CAPTURE(r.name);
    deletes += r.ttl_deletes;
    CHECK(r.ttl_deletes > 50);  // any region does the work: about a third each
    // Every delete the others made is one replicated write unit here.
    CHECK(r.ttl_replicated_write_units == static_cast<int64_t>(300 - r.ttl_deletes));
    CHECK(r.expired_items == 0);
  }
  CHECK(deletes == 300);                            // once per item, table-wide
  CHECK(result.conflicts.writes == 300);            // no second delete anywhere
  CHECK(episode_of(result, "ttl") == nullptr);      // one setting: nothing drifts
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("2019.11.21: a GSI created in one region is created in every region; nothing drifts") {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 100, sim::Duration::seconds(30));
  world.index_names = {"by_customer"};
  model::ClientGroupConfig queries = gtsim_test::writers(20, "q");
  queries.mix.put_percent = 0.0;
  queries.mix.query_percent = 100.0;
  for (size_t r = 0; r < 3; ++r) world.workload[r].push_back(queries);
  TimelineEvent create;
  create.kind = TimelineKind::kCreateIndex;
  create.at = sim::Duration::seconds(10);
  create.region = 1;
  world.timeline = {create};
  const model::RunResult result = model::Simulation(world).run();
  CHECK(result.drift.episodes.empty());
  for (const model::RegionResult& r : result.region_results) {
    CAPTURE(r.name);
    CHECK(r.missing_index_errors > 150);  // the first 10 s, before it existed anywhere
    CHECK(r.missing_index_errors < 250);
    CHECK(r.operations[static_cast<int>(model::Operation::kQuery)] > 350);  // the last 20 s
  }
}

TEST_CASE("2017.11.29: the article's file, refused under 2019.11.21, loads and drifts from the start") {
  const std::string article = R"(duration: 2m
regions:
  - name: us-east-1
    capacity: {mode: provisioned, write_units: 1000, read_units: 1000}
  - name: eu-west-1
    capacity: {mode: provisioned, auto_scaling: {write: {min: 5, max: 4000}}}
workload:
  us-east-1: [{rate: 100}]
)";
  REQUIRE(!load::load_scenario_text(article, "s.yaml").ok());
  const model::RunResult result = run_yaml("version: \"2017.11.29\"\n" + article);
  const model::DriftEpisode* capacity = episode_of(result, "capacity");
  REQUIRE(capacity != nullptr);
  CHECK(capacity->since_ns == 0);
  CHECK(capacity->until_ns == -1);
  REQUIRE(capacity->values.size() == 2);
  CHECK(capacity->values[0].second == "provisioned, 1000 WCU, 1000 RCU");
  CHECK(capacity->values[1].second == "provisioned, WCU auto scaling 5-4000 at 70%, 5 RCU");
  // 100 writes/s into 5 WCU: the replica throttles its replicated writes, the drift's cost.
  CHECK(result.region_results[1].replication_throttle_events > 0);
  CHECK(capacity->cost > 0);
}
