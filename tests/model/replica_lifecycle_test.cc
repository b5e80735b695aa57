// Replica lifecycle: adding a replica to a populated table (backfill),
// removing one, the 2017.11.29 empty-table rule and the migration estimate.
#include <catch2/catch.hpp>

#include <string>

#include "load/scenario_loader.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::make_world;
using gtsim_test::run_yaml;
using gtsim_test::ms;
using gtsim_test::writers;
using model::Operation;
using model::TimelineEvent;
using model::TimelineKind;

namespace {

const int kGet = static_cast<int>(Operation::kGet);

TimelineEvent add_replica(sim::Duration at, size_t region, double rate) {
  TimelineEvent e;
  e.kind = TimelineKind::kAddReplica;
  e.at = at;
  e.region = region;
  e.replica.backfill_items_per_second = rate;
  return e;
}

model::ClientGroupConfig readers(double rate) {
  model::ClientGroupConfig group = writers(rate, "r");
  group.mix.put_percent = 0.0;
  group.mix.get_percent = 100.0;
  return group;
}

// a and b take writes for a minute; c has no replica until 10 s, when one
// is added and backfilled at 100 items per second; c's clients read.
model::Scenario backfill_world() {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 1000, sim::Duration::seconds(60));
  world.regions[2].replica = false;
  world.workload[0].push_back(writers(100));
  world.workload[1].push_back(writers(100));
  world.workload[2].push_back(readers(50));
  world.timeline = {add_replica(sim::Duration::seconds(10), 2, 100)};
  return world;
}

}  // namespace

TEST_CASE("Backfill: the new replica refuses reads until it is copied, then ends identical to the others") {
  model::Simulation simulation(backfill_world());
  const model::RunResult result = simulation.run();
  REQUIRE(result.replica_changes.size() == 1);
  const model::ReplicaChange& change = result.replica_changes[0];
  CHECK(change.region == "c");
  CHECK(change.action == model::ReplicaAction::kAdd);
  CHECK(change.outcome == model::ReplicaOutcome::kActive);
  CHECK(change.source == "a, b");
  // By 10 s 2,000 writes have touched about 1000 x (1 - e^-2) = 865 items;
  // more are written while the copy runs, at 100 items a second.
  CHECK(change.items > 850);
  CHECK(change.items <= 1000);
  const double backfill_s = static_cast<double>(change.backfill_ns) / 1e9;
  CHECK(backfill_s >= static_cast<double>(change.items) / 100.0);
  CHECK(backfill_s <= static_cast<double>(change.items) / 100.0 + 0.2);
  CHECK(change.parked_writes > 0);  // writes made meanwhile waited for the copy
  const model::RegionResult& c = result.region_results[2];
  // Every read before the backfill ended was refused (50/s for 10 s absent,
  // then for the backfill), none after.
  const double refused_s = 10.0 + backfill_s;
  CHECK(static_cast<double>(c.refused_requests) > 50.0 * refused_s * 0.85);
  CHECK(static_cast<double>(c.refused_requests) < 50.0 * refused_s * 1.15);
  CHECK(change.refused_requests < c.refused_requests);  // those during the backfill only
  CHECK(c.operations[kGet] > 0);
  CHECK(c.operations[kGet] + c.refused_requests > 2700);
  // Identical in the end: every item, the same version in all three.
  CHECK(result.convergence.divergent_items == 0);
  CHECK(gtsim_test::items_differing(simulation, 0, 2, 1000) == 0);
  // Writes made during the backfill reached c after it; none before it joined.
  CHECK(result.pairs[1].from == "a");
  CHECK(result.pairs[1].to == "c");
  CHECK(result.pairs[1].replicated > 0);
  CHECK(result.pairs[1].replicated < result.region_results[0].writes());
}

TEST_CASE("Version 2017.11.29: a replica cannot be added to a populated table; the migration is estimated") {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 1000, sim::Duration::seconds(20));
  world.version = model::GlobalTablesVersion::k2017_11_29;
  world.regions[2].replica = false;
  world.table.prepopulated = true;  // 1000 items of 1 KB
  world.workload[2].push_back(readers(10));
  TimelineEvent add = add_replica(sim::Duration::seconds(5), 2, 100);
  add.replica.migration = model::MigrationConfig{true, 100, 100};
  world.timeline = {add};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.replica_changes.size() == 1);
  const model::ReplicaChange& change = result.replica_changes[0];
  CHECK(change.outcome == model::ReplicaOutcome::kRefused);
  CHECK(change.backfill_ns == -1);
  CHECK(result.region_results[2].operations[kGet] == 0);
  CHECK(result.region_results[2].refused_requests > 150);
  // Scan: 1,024,000 bytes = 250 x 4 KB, eventually consistent: 125 RCU;
  // writes: 1,000 x 1 KB = 1,000 WCU; at 100 each: max(1.25 s, 10 s).
  CHECK(change.migration);
  CHECK(change.migration_items == 1000);
  CHECK(change.migration_bytes == 1'024'000);
  CHECK(change.migration_read_units == 125);
  CHECK(change.migration_write_units == 1000);
  CHECK(change.migration_ns == sim::Duration::seconds(10).ns());
}

TEST_CASE("Version 2017.11.29: an empty table gets its replica") {
  model::Scenario world = backfill_world();
  world.version = model::GlobalTablesVersion::k2017_11_29;
  world.timeline = {add_replica(sim::Duration::zero(), 2, 100)};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.replica_changes.size() == 1);
  CHECK(result.replica_changes[0].outcome == model::ReplicaOutcome::kActive);
  CHECK(result.replica_changes[0].items < 100);  // only what was written while it was copied
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("A removed replica leaves the group: refused requests, nothing replicated to it, the rest converge") {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(40)), 500, sim::Duration::seconds(30));
  for (size_t r = 0; r < 3; ++r) world.workload[r].push_back(writers(50));
  TimelineEvent remove;
  remove.kind = TimelineKind::kRemoveReplica;
  remove.at = sim::Duration::seconds(10);
  remove.region = 1;
  world.timeline = {remove};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.replica_changes.size() == 1);
  CHECK(result.replica_changes[0].action == model::ReplicaAction::kRemove);
  CHECK(result.replica_changes[0].outcome == model::ReplicaOutcome::kRemoved);
  const model::RegionResult& b = result.region_results[1];
  CHECK(b.writes() > 400);  // its first 10 s
  CHECK(b.writes() < 600);
  CHECK(b.refused_requests > 900);  // the last 20 s
  // Everything b committed was shipped before it went; a's later writes never reach it.
  CHECK(result.pairs[2].from == "b");
  CHECK(result.pairs[2].replicated == b.writes());
  CHECK(result.pairs[0].to == "b");
  CHECK(result.pairs[0].replicated < result.region_results[0].writes() / 2);
  CHECK(result.convergence.divergent_items == 0);
  // b is left out of the settings comparison from then on.
  CHECK(result.drift.episodes.empty());
}

TEST_CASE("Backfill waits while every replica it copies from is down, then finishes identical") {
  model::Scenario world = backfill_world();
  const auto event = [](TimelineKind kind, int64_t at_s, size_t region) {
    TimelineEvent e;
    e.kind = kind;
    e.at = sim::Duration::seconds(at_s);
    e.region = region;
    return e;
  };
  world.timeline = {add_replica(sim::Duration::seconds(10), 2, 100), event(TimelineKind::kOutage, 12, 0),
                    event(TimelineKind::kOutage, 12, 1), event(TimelineKind::kRecover, 22, 0),
                    event(TimelineKind::kRecover, 22, 1)};
  model::Simulation simulation(world);
  const model::RunResult result = simulation.run();
  REQUIRE(result.replica_changes.size() == 1);
  const model::ReplicaChange& change = result.replica_changes[0];
  CHECK(change.outcome == model::ReplicaOutcome::kActive);
  // The copy's time plus the 10 s it waited.
  const double backfill_s = static_cast<double>(change.backfill_ns) / 1e9;
  CHECK(backfill_s >= static_cast<double>(change.items) / 100.0 + 9.9);
  CHECK(backfill_s <= static_cast<double>(change.items) / 100.0 + 10.3);
  CHECK(result.convergence.divergent_items == 0);
  CHECK(gtsim_test::items_differing(simulation, 0, 2, 1000) == 0);
}

TEST_CASE("A replica added while another region is down still gets that region's writes once it recovers") {
  // eu-west-1 writes; its last 2 s of writes wait in its stream when it fails.
  const model::RunResult result = run_yaml(R"(duration: 30s
regions: [us-east-1, eu-west-1, {name: ap-southeast-2, replica: false}]
replication: {poll_interval: 2s}
table: {keys: 100000}
workload:
  eu-west-1: [{name: w, rate: 200}]
timeline:
  - {at: 5s, outage: eu-west-1}
  - {at: 6s, add_replica: {region: ap-southeast-2, backfill_rate: 1000000}}
  - {at: 10s, recover: eu-west-1}
)");
  REQUIRE(result.replica_changes.size() == 1);
  CHECK(result.replica_changes[0].source == "us-east-1");
  CHECK(result.outages[0].at_risk_writes > 100);
  CHECK(result.convergence.divergent_items == 0);
  CHECK(result.pairs[3].from == "eu-west-1");
  CHECK(result.pairs[3].to == "ap-southeast-2");
  CHECK(result.pairs[3].replicated > 100);  // its stream, shipped at recovery
}

TEST_CASE("A slow backfill does not keep a run going past its duration") {
  const model::RunResult result = run_yaml(R"(duration: 1m
regions: [us-east-1, eu-west-1, {name: ap-southeast-2, replica: false}]
table: {keys: 1000, prepopulated: true}
workload:
  us-east-1: [{rate: 10}]
timeline:
  - {at: 10s, add_replica: {region: ap-southeast-2, backfill_rate: 0.01}}
)");
  REQUIRE(result.replica_changes.size() == 1);
  CHECK(result.replica_changes[0].outcome == model::ReplicaOutcome::kBackfilling);
  CHECK(result.replica_changes[0].backfill_ns == -1);
  CHECK(result.stop.reason == model::StopReason::kCompleted);
  CHECK(result.stop.at_ns < sim::Duration::seconds(62).ns());
  CHECK(result.convergence.divergent_items == 0);  // among the replicas that serve
}

TEST_CASE("2017.11.29: TTL catches up after its region was down, and deletes a version that arrived already expired") {
  const std::string world = R"(duration: 200s
version: "2017.11.29"
regions: [us-east-1, eu-west-1]
table:
  capacity: {mode: on_demand}
  keys: 100000
  ttl: {item_lifetime: 30s, deleted_within: 0s}
workload:
  eu-west-1: [{name: w, rate: 10}]
timeline:
  - {at: 0s, enable_ttl: us-east-1}
)";
  const model::RunResult plain = run_yaml(world);
  const model::RunResult down = run_yaml(world + "  - {at: 20s, outage: us-east-1}\n  - {at: 100s, recover: us-east-1}\n");
  const model::RunResult late = run_yaml(world + "  - {at: 0s, partition: {from: eu-west-1, to: us-east-1}}\n"
                                                  "  - {at: 60s, heal: {from: eu-west-1, to: us-east-1}}\n");
  // Only the items written in the last 30 s (and a second of ticks) are left expired.
  CHECK(plain.region_results[0].expired_items < 30);
  CHECK(down.region_results[0].expired_items == plain.region_results[0].expired_items);
  CHECK(late.region_results[0].expired_items == plain.region_results[0].expired_items);
  // (A few fewer deletes when a rewrite arrived before the catch-up: nothing to delete then.)
  CHECK(down.region_results[0].ttl_deletes + 10 > plain.region_results[0].ttl_deletes);
  CHECK(late.region_results[0].ttl_deletes + 10 > plain.region_results[0].ttl_deletes);
  CHECK(plain.region_results[0].ttl_deletes > 1500);
}

TEST_CASE("Removing the last replica, or one whose add was refused, is refused and recorded") {
  model::Scenario world = make_world({"a", "c"}, sim::LatencyModel::fixed(ms(40)), 100, sim::Duration::seconds(20));
  world.version = model::GlobalTablesVersion::k2017_11_29;
  world.regions[1].replica = false;
  world.table.prepopulated = true;
  world.workload[0].push_back(writers(10));
  TimelineEvent remove_a;
  remove_a.kind = TimelineKind::kRemoveReplica;
  remove_a.at = sim::Duration::seconds(10);
  remove_a.region = 0;
  TimelineEvent remove_c = remove_a;
  remove_c.region = 1;
  world.timeline = {add_replica(sim::Duration::seconds(5), 1, 100), remove_a, remove_c};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.replica_changes.size() == 3);
  CHECK(result.replica_changes[0].outcome == model::ReplicaOutcome::kRefused);  // not an empty table
  CHECK(result.replica_changes[1].action == model::ReplicaAction::kRemove);
  CHECK(result.replica_changes[1].outcome == model::ReplicaOutcome::kRefused);  // a's is the last replica
  CHECK(result.replica_changes[2].outcome == model::ReplicaOutcome::kRefused);  // c has none
  CHECK(result.region_results[0].refused_requests == 0);
  CHECK(result.region_results[0].writes() > 150);
}
