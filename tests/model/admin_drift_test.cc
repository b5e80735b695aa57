// Administrative settings per replica: global secondary indexes, TTL and
// capacity drift, what the drift report says and what it costs.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::episode_of;
using gtsim_test::make_world;
using gtsim_test::run_yaml;
using gtsim_test::ms;
using gtsim_test::writers;
using model::Operation;
using model::TimelineEvent;
using model::TimelineKind;

namespace {

const int kQuery = static_cast<int>(Operation::kQuery);
const int kDelete = static_cast<int>(Operation::kDelete);

TimelineEvent admin(TimelineKind kind, sim::Duration at, size_t region, size_t index = 0) {
  TimelineEvent e;
  e.kind = kind;
  e.at = at;
  e.region = region;
  e.index = index;
  return e;
}

model::ClientGroupConfig queriers(double rate, size_t index) {
  model::ClientGroupConfig group = writers(rate, "q");
  group.mix.put_percent = 0.0;
  group.mix.query_percent = 100.0;
  group.index = index;
  return group;
}

// Three regions, one index named in the file, querying clients everywhere;
// version 2017.11.29, where an index belongs to one replica.
model::Scenario gsi_world() {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 100, sim::Duration::seconds(30));
  world.version = model::GlobalTablesVersion::k2017_11_29;
  world.index_names = {"by_customer"};
  for (size_t r = 0; r < 3; ++r) world.workload[r].push_back(queriers(20, 0));
  world.timeline = {admin(TimelineKind::kCreateIndex, sim::Duration::seconds(10), 1)};
  return world;
}

}  // namespace

TEST_CASE("2017.11.29: a GSI created in one region drifts from then on, and only where it was created") {
  const model::RunResult result = model::Simulation(gsi_world()).run();
  REQUIRE(result.drift.settings == std::vector<std::string>{"capacity", "ttl", "index:by_customer"});
  REQUIRE(result.drift.episodes.size() == 1);
  const model::DriftEpisode& episode = result.drift.episodes[0];
  CHECK(episode.setting == "index:by_customer");
  CHECK(episode.since_ns == sim::Duration::seconds(10).ns());
  CHECK(episode.until_ns == -1);
  CHECK(episode.values == std::vector<std::pair<std::string, std::string>>{
                              {"a", "absent"}, {"b", "present"}, {"c", "absent"}});
  // Before the index exists every query fails; after, only where it is missing.
  const model::RegionResult& a = result.region_results[0];
  const model::RegionResult& b = result.region_results[1];
  const model::RegionResult& c = result.region_results[2];
  CHECK(a.operations[kQuery] == 0);
  CHECK(c.operations[kQuery] == 0);
  CHECK(a.missing_index_errors > 450);  // 20/s for 30 s
  CHECK(b.operations[kQuery] > 350);    // 20/s for the last 20 s
  CHECK(b.missing_index_errors > 150);  // ... and the first 10 s
  CHECK(b.missing_index_errors < 250);
  // The episode's cost is the queries refused while it lasted: a's and c's
  // of the last 20 s (about 2 x 20/s x 20 s), not those made before.
  CHECK(episode.cost > 700);
  CHECK(episode.cost < 900);
  CHECK(episode.cost < a.missing_index_errors + c.missing_index_errors);
  CHECK(episode.cost_unit == model::DriftCostUnit::kQueriesRefused);
}

TEST_CASE("2017.11.29: an index deleted in one region: exactly the queries it refuses from then on are the drift's cost") {
  model::Scenario world = gsi_world();
  world.table.indexes = {"by_customer"};
  world.timeline = {admin(TimelineKind::kDeleteIndex, sim::Duration::seconds(10), 2)};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.drift.episodes.size() == 1);
  const model::DriftEpisode& episode = result.drift.episodes[0];
  CHECK(episode.since_ns == sim::Duration::seconds(10).ns());
  CHECK(result.region_results[0].missing_index_errors == 0);
  CHECK(result.region_results[1].missing_index_errors == 0);
  CHECK(result.region_results[2].missing_index_errors > 350);
  CHECK(episode.cost == result.region_results[2].missing_index_errors);
}

TEST_CASE("2017.11.29: creating the index in every region ends the episode when the last one gets it") {
  model::Scenario world = gsi_world();
  world.timeline.push_back(admin(TimelineKind::kCreateIndex, sim::Duration::seconds(15), 0));
  world.timeline.push_back(admin(TimelineKind::kCreateIndex, sim::Duration::seconds(20), 2));
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.drift.episodes.size() == 1);
  const model::DriftEpisode& episode = result.drift.episodes[0];
  CHECK(episode.since_ns == sim::Duration::seconds(10).ns());
  CHECK(episode.until_ns == sim::Duration::seconds(20).ns());
  // The last differing state: only c lacked it.
  CHECK(episode.values == std::vector<std::pair<std::string, std::string>>{
                              {"a", "present"}, {"b", "present"}, {"c", "absent"}});
}

TEST_CASE("Capacity set differently per replica is drift from the start; its cost is the throttling meanwhile") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 100, sim::Duration::seconds(20));
  for (model::RegionConfig& region : world.regions) {
    region.capacity.mode = model::CapacityMode::kProvisioned;
    region.capacity.write_units = 1000;
  }
  world.regions[1].capacity.write_units = 5;  // the article's replica at 5 WCU, no burst
  world.regions[1].capacity.burst_seconds = 0;
  world.workload[0].push_back(writers(50));
  TimelineEvent fix = admin(TimelineKind::kSetCapacity, sim::Duration::seconds(10), 1);
  fix.capacity = world.regions[0].capacity;
  fix.sets_write_units = true;
  fix.sets_read_units = true;
  world.timeline = {fix};
  const model::RunResult result = model::Simulation(world).run();
  const model::DriftEpisode* episode = episode_of(result, "capacity");
  REQUIRE(episode != nullptr);
  CHECK(episode->since_ns == 0);
  CHECK(episode->until_ns == sim::Duration::seconds(10).ns());
  CHECK(episode->values == std::vector<std::pair<std::string, std::string>>{
                               {"a", "provisioned, 1000 WCU, 5 RCU"}, {"b", "provisioned, 5 WCU, 5 RCU"}});
  // The cost: every throttle event of the first 10 s, in either region.
  int64_t throttled = 0;
  for (const model::RegionSeries& series : result.region_series) {
    for (size_t second = 0; second < 10; ++second) {
      throttled += series.throttle_events[second] + series.replication_throttle_events[second];
    }
  }
  CHECK(throttled > 20);
  CHECK(episode->cost == static_cast<uint64_t>(throttled));
  CHECK(episode->cost_unit == model::DriftCostUnit::kThrottleEvents);
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("2017.11.29: TTL enabled in one region: its deletes are free there and cost a replicated write everywhere else") {
  // 100 prepopulated 1 KB items expire 10 s into the run; only a runs TTL.
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 100, sim::Duration::seconds(20));
  world.version = model::GlobalTablesVersion::k2017_11_29;
  world.table.prepopulated = true;
  world.table.ttl.items_expire = true;
  world.table.ttl.item_lifetime = sim::Duration::seconds(10);
  world.table.ttl.prepopulated_expiry = sim::Duration::seconds(10);
  world.table.ttl.deleted_within = sim::Duration::seconds(2);
  world.timeline = {admin(TimelineKind::kEnableTtl, sim::Duration::zero(), 0)};
  const model::RunResult result = model::Simulation(world).run();
  const model::RegionResult& a = result.region_results[0];
  const model::RegionResult& b = result.region_results[1];
  const model::RegionResult& c = result.region_results[2];
  CHECK(a.ttl_deletes == 100);
  CHECK(b.ttl_deletes == 0);
  CHECK(c.ttl_deletes == 0);
  CHECK(a.operations[kDelete] == 0);  // not client requests
  CHECK(a.ttl_replicated_write_units == 0);
  CHECK(b.ttl_replicated_write_units == 100);
  CHECK(c.ttl_replicated_write_units == 100);
  // Consumed write capacity, per second: nothing in a, 100 units in b.
  int64_t consumed_a = 0, consumed_b = 0;
  for (const int64_t milli : result.region_series[0].consumed_write_milli) consumed_a += milli;
  for (const int64_t milli : result.region_series[1].consumed_write_milli) consumed_b += milli;
  CHECK(consumed_a == 0);
  CHECK(consumed_b == 100'000);
  // Every expired item is gone everywhere: nothing left expired, no divergence.
  CHECK(a.expired_items == 0);
  CHECK(b.expired_items == 0);
  CHECK(result.convergence.divergent_items == 0);
  const model::DriftEpisode* episode = episode_of(result, "ttl");
  REQUIRE(episode != nullptr);
  CHECK(episode->since_ns == 0);
  CHECK(episode->until_ns == -1);
  CHECK(episode->cost == 200);
  CHECK(episode->cost_unit == model::DriftCostUnit::kReplicatedWriteUnits);
}

TEST_CASE("TTL deletes fall within deleted_within of the expiry, and a rewritten item is not deleted") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 50, sim::Duration::seconds(30));
  world.table.prepopulated = true;
  world.table.ttl = model::TtlConfig{true, true, sim::Duration::seconds(10), sim::Duration::seconds(10),
                                     sim::Duration::seconds(5)};
  struct DeleteLog : model::Observer {
    std::vector<int64_t> ttl_deletes;
    void on_commit(const model::WriteRecord& write, sim::Instant now) override {
      if (write.flags & model::WriteRecord::kTtlDelete) ttl_deletes.push_back(now.ns());
    }
    void on_replicated(size_t, const model::WriteRecord&, sim::Instant) override {}
  } log;
  model::Simulation simulation(world);
  // Key 7 is rewritten at 8 s: it expires at 18 s, not 10 s.
  simulation.add_scripted_write(1, sim::Instant::from_ns(sim::Duration::seconds(8).ns()), 7, Operation::kPut);
  simulation.set_observer(&log);
  const model::RunResult result = simulation.run();
  // Both regions run TTL: each item is deleted by one or both of them.
  CHECK(result.region_results[0].ttl_deletes + result.region_results[1].ttl_deletes >= 50);
  int late = 0;
  for (const int64_t at : log.ttl_deletes) {
    CHECK(at >= sim::Duration::seconds(10).ns());
    CHECK(at <= sim::Duration::seconds(23).ns());
    late += at > sim::Duration::seconds(15).ns() ? 1 : 0;
  }
  CHECK(late >= 1);     // key 7's deletes, after its own expiry at 18 s
  CHECK(late <= 2);
  CHECK(result.drift.episodes.empty());  // TTL on everywhere: no drift
  CHECK(result.convergence.divergent_items == 0);
  REQUIRE(simulation.stored(0, 7).has_value());
  CHECK(simulation.stored(0, 7)->op == Operation::kDelete);
}

namespace {

// An operator's changes in us-east-1 only, under 2017.11.29 (where each is
// one replica's): an index, TTL and capacity.
const char* const kOperatorChanges = R"(duration: 2m
version: "2017.11.29"
regions: [us-east-1, eu-west-1, ap-southeast-2]
table:
  capacity: {mode: on_demand}
  keys: 1000
  prepopulated: true
  ttl: {item_lifetime: 1h, prepopulated_expiry: 30s, deleted_within: 10s}
timeline:
  - {at: 10s, create_index: {region: us-east-1, name: by_status}}
  - {at: 20s, enable_ttl: us-east-1}
  - {at: 30s, set_capacity: {region: us-east-1, mode: provisioned, write_units: 500, read_units: 500}}
workload:
  us-east-1: [{rate: 50, mix: {put: 50, query: 50}, index: by_status}]
  eu-west-1: [{rate: 50, mix: {put: 50, query: 50}, index: by_status}]
)";

}  // namespace

TEST_CASE("2017.11.29: without settings_sync each change drifts from its own time; with it there is no drift at all") {
  const model::RunResult drifting = run_yaml(kOperatorChanges);
  REQUIRE(drifting.drift.episodes.size() == 3);
  CHECK(drifting.drift.episodes[0].setting == "index:by_status");
  CHECK(drifting.drift.episodes[0].since_ns == sim::Duration::seconds(10).ns());
  CHECK(drifting.drift.episodes[1].setting == "ttl");
  CHECK(drifting.drift.episodes[1].since_ns == sim::Duration::seconds(20).ns());
  CHECK(drifting.drift.episodes[2].setting == "capacity");
  CHECK(drifting.drift.episodes[2].since_ns == sim::Duration::seconds(30).ns());
  for (const model::DriftEpisode& episode : drifting.drift.episodes) CHECK(episode.until_ns == -1);
  // Only the changed region differs: the other two agree in every episode.
  for (const model::DriftEpisode& episode : drifting.drift.episodes) {
    REQUIRE(episode.values.size() == 3);
    CHECK(episode.values[1].second == episode.values[2].second);
    CHECK(episode.values[0].second != episode.values[1].second);
  }
  CHECK(drifting.region_results[1].missing_index_errors > 0);
  CHECK(drifting.region_results[0].ttl_deletes > 0);
  CHECK(drifting.region_results[1].ttl_deletes == 0);

  const model::RunResult synced = run_yaml(kOperatorChanges, {{"settings_sync.enabled", "true"}});
  CHECK(synced.drift.settings_sync);
  CHECK(synced.drift.episodes.empty());
  // Queries fail in both regions before the index exists (10 s at 25 a
  // second), in neither after.
  for (size_t r = 0; r < 2; ++r) {
    CHECK(synced.region_results[r].missing_index_errors > 180);
    CHECK(synced.region_results[r].missing_index_errors < 330);
  }
  CHECK(synced.region_results[1].ttl_deletes > 0);  // TTL now runs everywhere
  CHECK(synced.region_results[1].write_units == 500);
  CHECK(synced.region_results[2].write_units == 500);
}

TEST_CASE("2017.11.29: settings_sync with a delay: each change drifts for exactly that delay") {
  const model::RunResult result =
      run_yaml(kOperatorChanges, {{"settings_sync.enabled", "true"}, {"settings_sync.delay", "5s"}});
  REQUIRE(result.drift.episodes.size() == 3);
  for (const model::DriftEpisode& episode : result.drift.episodes) {
    CHECK(episode.until_ns - episode.since_ns == sim::Duration::seconds(5).ns());
  }
  // eu-west-1's queries are refused only in the 5 s before the copy reached it
  // (and before any index existed, which is no drift): 25 a second at most.
  const model::DriftEpisode& index = result.drift.episodes[0];
  CHECK(index.cost > 80);
  CHECK(index.cost < 170);
  CHECK(result.drift.sync_delay_ns == sim::Duration::seconds(5).ns());
}

TEST_CASE("A query to a replica that is down fails as unavailable, not for its index") {
  model::Scenario world = gsi_world();
  TimelineEvent outage;
  outage.kind = TimelineKind::kOutage;
  outage.at = sim::Duration::zero();
  outage.region = 2;
  world.timeline.push_back(outage);
  const model::RunResult result = model::Simulation(world).run();
  CHECK(result.region_results[2].missing_index_errors == 0);
  CHECK(result.region_results[2].unavailable_errors > 450);
}

TEST_CASE("2017.11.29: set_capacity leaves the units it does not name as they are, auto scaled ones included") {
  // eu-west-1 auto scales its writes up to carry us-east-1's 300 writes/s;
  // at 20 minutes an operator raises us-east-1's reads, copied everywhere.
  const std::string yaml = R"(duration: 25m
version: "2017.11.29"
regions:
  - name: us-east-1
    capacity: {mode: provisioned, write_units: 1000, read_units: 1000}
  - name: eu-west-1
    capacity:
      mode: provisioned
      write_units: 100
      read_units: 100
      auto_scaling: {write: {min: 100, max: 2000, target: 70%}}
settings_sync: {enabled: true}
table: {keys: 10000}
timeline:
  - {at: 20m, set_capacity: {region: us-east-1, read_units: 2000}}
workload:
  us-east-1: [{rate: 300}]
)";
  const model::RunResult result = run_yaml(yaml);
  const std::vector<int64_t>& write_units = result.region_series[1].provisioned_write_units;
  const std::vector<int64_t>& read_units = result.region_series[1].provisioned_read_units;
  REQUIRE(write_units.size() > 1300);
  CHECK(write_units[1190] > 300);                // scaled up before the change ...
  CHECK(write_units[1210] == write_units[1190]); // ... and kept through it
  CHECK(read_units[1190] == 100);
  CHECK(read_units[1210] == 2000);               // the copy of the read change
}
