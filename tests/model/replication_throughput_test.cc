// Replication throughput: one stream per source partition, each polled and
// shipped on its own (docs/model.md, "Replication pipeline").
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "model/random_streams.h"
#include "model/replica_capacity.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::kMsNs;
using gtsim_test::kSecondNs;
using gtsim_test::ms;

namespace {

// Keys of `key_count` that fall in partition `partition` of a replica with
// `config`'s capacity (the mapping the streams follow).
std::vector<uint64_t> keys_of_partition(const model::CapacityConfig& config, uint64_t key_count, size_t partition) {
  const model::ReplicaCapacity capacity(config, 0, sim::Instant::zero());
  std::vector<uint64_t> keys;
  for (uint64_t key = 0; key < key_count; ++key) {
    if (capacity.partition_of(key) == partition) keys.push_back(key);
  }
  return keys;
}

}  // namespace

// The service replicates each source partition in parallel and documents no
// table-wide cap. One stream per region shipping 10,000 records per 500 ms
// poll (gtsim before issue 12) let this table's lag grow to a minute (p99
// 59.7 s over 60 s of traffic); one stream per partition keeps it sub-second.
TEST_CASE("Replication throughput: 40,000 writes/s on one table keep p99 lag below 1 s with default replication",
          "[slow]") {
  const model::RunResult result = gtsim_test::run_yaml(R"(
duration: 1m
regions: [us-east-1, eu-west-1]
table:
  keys: 1000000
  capacity: {mode: on_demand, warm_write_units: 90000, max_write_units: 100000}
workload:
  us-east-1: [{name: writers, rate: 40000, arrivals: constant}]
)");
  REQUIRE(result.pairs.size() == 2);
  const model::PairResult& out = result.pairs[0];
  CHECK(out.from == "us-east-1");
  CHECK(out.replicated == 2'400'000);  // 40,000 a second for 60 s, none throttled
  CHECK(out.lag_ns.quantile(0.99) < kSecondNs);
  CHECK(out.lag_ns.max() < 2 * kSecondNs);
  for (const model::RegionResult& region : result.region_results) {
    CHECK(region.partitions >= 90);  // 90,000 WCU and 12,000 RCU: 94 partitions, 94 streams
    CHECK(region.throttle_events == 0);
    CHECK(region.replication_throttle_events == 0);
  }
  CHECK(result.convergence.divergent_items == 0);
}

// A stream ships batch_size records per poll: 40 writes in one partition
// take 40 polls with batch 1; spread over 4 partitions, 10 polls each.
TEST_CASE("Replication throughput: each partition's stream ships batch_size records per poll, in parallel") {
  model::Scenario world = gtsim_test::make_world({"a", "b"}, sim::LatencyModel::fixed(ms(10)), 4096,
                                                 sim::Duration::seconds(1));
  model::CapacityConfig capacity;  // on demand
  capacity.on_demand_write_units = 3000;
  capacity.on_demand_read_units = 3000;  // ceil(3000/1000 + 3000/3000) = 4 partitions
  world.regions[0].capacity = capacity;
  world.replication.poll_interval = ms(100);
  world.replication.batch_size = 1;
  const auto last_lag = [](const model::Scenario& s, const std::vector<uint64_t>& keys) {
    model::Simulation simulation(s);
    for (const uint64_t key : keys) simulation.add_scripted_write(0, sim::Instant::zero(), key, model::Operation::kPut);
    const model::RunResult result = simulation.run();
    CHECK(result.region_results[0].partitions == 4);
    CHECK(result.pairs[0].replicated == keys.size());
    return result.pairs[0].lag_ns.max();
  };
  std::vector<uint64_t> spread;
  for (size_t p = 0; p < 4; ++p) {
    const std::vector<uint64_t> keys = keys_of_partition(capacity, 4096, p);
    REQUIRE(keys.size() >= 10);
    spread.insert(spread.end(), keys.begin(), keys.begin() + 10);
  }
  const std::vector<uint64_t> one = keys_of_partition(capacity, 4096, 2);
  REQUIRE(one.size() >= 40);
  // The last of 10 records leaves at its stream's 10th poll: phase (< 100 ms)
  // + 9 intervals, then 10 ms on the link; of 40 in one stream, at the 40th.
  const int64_t spread_lag = last_lag(world, spread);
  CHECK(spread_lag >= 910 * kMsNs);
  CHECK(spread_lag < 1010 * kMsNs);
  const int64_t one_lag = last_lag(world, std::vector<uint64_t>(one.begin(), one.begin() + 40));
  CHECK(one_lag >= 3910 * kMsNs);
  CHECK(one_lag < 4010 * kMsNs);
}

// A replication outage stops every stream of its region, in and out: none
// of the four partitions' streams ships a record until the recovery, and
// then all of them do.
TEST_CASE("Replication throughput: a replication outage holds every partition's stream until it recovers") {
  model::Scenario world = gtsim_test::make_world({"a", "b"}, sim::LatencyModel::fixed(ms(10)), 4096,
                                                 sim::Duration::seconds(3));
  model::CapacityConfig capacity;  // on demand, 4 partitions (as above)
  capacity.on_demand_write_units = 3000;
  capacity.on_demand_read_units = 3000;
  world.regions[0].capacity = capacity;
  world.replication.poll_interval = ms(100);
  model::TimelineEvent out;
  out.kind = model::TimelineKind::kOutage;
  out.region = 0;
  out.at = sim::Duration::zero();
  out.outage.scope = model::OutageScope::kReplication;
  model::TimelineEvent back = out;
  back.kind = model::TimelineKind::kRecover;
  back.at = sim::Duration::seconds(2);
  world.timeline = {out, back};
  model::Simulation simulation(world);
  for (size_t p = 0; p < 4; ++p) {
    const std::vector<uint64_t> keys = keys_of_partition(capacity, 4096, p);
    for (size_t i = 0; i < 5; ++i) {
      simulation.add_scripted_write(0, sim::Instant::zero() + ms(1), keys[i], model::Operation::kPut);
    }
  }
  const model::RunResult result = simulation.run();
  CHECK(result.region_results[0].partitions == 4);
  CHECK(result.region_results[0].writes() == 20);  // served: a replication outage fails no request
  CHECK(result.pairs[0].replicated == 20);
  // Committed at 1 ms, shipped at each stream's first poll after 2 s (within
  // 100 ms), 10 ms on the link.
  CHECK(result.pairs[0].lag_ns.min() >= 2009 * kMsNs);
  CHECK(result.pairs[0].lag_ns.max() < 2110 * kMsNs);
  REQUIRE(result.outages.size() == 1);
  CHECK(result.outages[0].at_risk_writes == 0);  // nothing was committed before it failed
  CHECK(result.convergence.divergent_items == 0);
}

namespace {

// A two-region world whose streams are polled every 500 ms and that
// coalesces records committed within `window` of each other.
model::Scenario coalescing_world(sim::Duration window) {
  model::Scenario world = gtsim_test::make_world({"a", "b"}, sim::LatencyModel::fixed(ms(50)), 16,
                                                 sim::Duration::seconds(1));
  world.replication.poll_interval = ms(500);
  world.replication.coalesce_window = window;
  return world;
}

// The first poll of `region`'s stream 0 (the one partition of a small table).
int64_t first_poll_ns(const model::Scenario& world, const std::string& region) {
  sim::Rng rng = sim::Rng::stream(world.seed, model::poll_phase_stream(region));
  return static_cast<int64_t>(rng.below(static_cast<uint64_t>(world.replication.poll_interval.ns())));
}

}  // namespace

TEST_CASE("Coalescing: rapid changes to one item are replicated as one write per poll; the last one wins everywhere") {
  const model::Scenario world = coalescing_world(ms(100));
  model::Simulation simulation(world);
  const int64_t start = first_poll_ns(world, "a") + 1'000'000;  // just after a poll: the next is 500 ms on
  for (int i = 0; i < 40; ++i) {  // every 10 ms for 400 ms, all before the next poll
    simulation.add_scripted_write(0, sim::Instant::from_ns(start + i * 10 * kMsNs), 3, model::Operation::kPut);
  }
  const model::RunResult result = simulation.run();
  CHECK(result.pairs[0].replicated == 1);
  CHECK(result.pairs[0].coalesced == 39);
  CHECK(result.pairs[1].coalesced == 0);
  CHECK(result.conflicts.writes == 40);
  CHECK(result.conflicts.clobbered == 0);
  CHECK(result.convergence.divergent_items == 0);
  REQUIRE(simulation.stored(1, 3));
  CHECK(simulation.stored(1, 3)->id == simulation.stored(0, 3)->id);
  CHECK(simulation.stored(1, 3)->issued_ns == start + 39 * 10 * kMsNs);
}

TEST_CASE("Coalescing: changes further apart than the window, or with the window off, are each replicated") {
  for (const sim::Duration window : {ms(100), sim::Duration::zero()}) {
    const model::Scenario world = coalescing_world(window);
    model::Simulation simulation(world);
    const int64_t start = first_poll_ns(world, "a") + 1'000'000;
    const int64_t gap_ms = window == sim::Duration::zero() ? 10 : 150;
    for (int i = 0; i < 3; ++i) {
      simulation.add_scripted_write(0, sim::Instant::from_ns(start + i * gap_ms * kMsNs), 3, model::Operation::kPut);
    }
    const model::RunResult result = simulation.run();
    CAPTURE(window.ns());
    CHECK(result.pairs[0].replicated == 3);
    CHECK(result.pairs[0].coalesced == 0);
  }
}

// a writes the item at t and t + 10 ms, b at t + 5 ms; neither has seen the
// other's writes: pairs (a1, b1) and (a2, b1), three concurrent writes.
// Coalesced, a1 never reaches b: b still counts its pair with a1 when a2
// arrives, and a1 loses to nobody (only a2 overwrote it, in a), so one write
// fewer is clobbered: b1, not a1.
TEST_CASE("Coalescing: concurrent pairs stay exact; the replaced write is not clobbered where it never arrived") {
  for (const bool coalescing : {false, true}) {
    const model::Scenario world = coalescing_world(coalescing ? ms(100) : sim::Duration::zero());
    model::Simulation simulation(world);
    const int64_t t = first_poll_ns(world, "a") + 1'000'000;
    simulation.add_scripted_write(0, sim::Instant::from_ns(t), 5, model::Operation::kPut);
    simulation.add_scripted_write(1, sim::Instant::from_ns(t + 5 * kMsNs), 5, model::Operation::kPut);
    simulation.add_scripted_write(0, sim::Instant::from_ns(t + 10 * kMsNs), 5, model::Operation::kPut);
    const model::RunResult result = simulation.run();
    CAPTURE(coalescing);
    CHECK(result.pairs[0].coalesced == (coalescing ? 1 : 0));
    CHECK(result.conflicts.concurrent_pairs == 2);
    CHECK(result.conflicts.concurrent_writes == 3);
    CHECK(result.conflicts.clobbered == (coalescing ? 1 : 2));
    CHECK(result.convergence.divergent_items == 0);
    CHECK(simulation.stored(1, 5)->issued_ns == t + 10 * kMsNs);
  }
}

TEST_CASE("Coalescing: random small worlds with skew, outages and a new replica still converge (10 seeds)", "[slow]") {
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    const model::RunResult result = gtsim_test::run_yaml(R"(
duration: 20s
regions: [us-east-1, {name: eu-west-1, clock: {offset: -30ms}}, {name: ap-southeast-2, replica: false}]
replication: {poll_interval: 200ms, batch_size: 7, coalesce_window: 150ms}
table: {keys: 40}
workload:
  us-east-1: [{rate: 300, mix: {put: 50, update: 30, delete: 20}}]
  eu-west-1: [{rate: 200, mix: {put: 60, update: 20, delete: 10, get: 10}}]
timeline:
  - {at: 3s, outage: eu-west-1}
  - {at: 6s, recover: eu-west-1}
  - {at: 8s, add_replica: {region: ap-southeast-2}}
)",
                                                         {{"seed", std::to_string(seed)}});
    CAPTURE(seed);
    uint64_t coalesced = 0;
    for (const model::PairResult& pair : result.pairs) coalesced += pair.coalesced;
    CHECK(coalesced > 0);
    CHECK(result.conflicts.clobbered > 0);
    CHECK(result.convergence.divergent_items == 0);
  }
}
