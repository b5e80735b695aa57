// Replication throughput: one stream per source partition, each polled and
// shipped on its own (docs/model.md, "Replication pipeline").
#include <catch2/catch.hpp>

#include <vector>

#include "model/replica_capacity.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::ms;

namespace {

constexpr int64_t kSecondNs = 1'000'000'000;
constexpr int64_t kMsNs = 1'000'000;

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
// table-wide cap; one stream per region would ship 20,000 records/s at most.
TEST_CASE("Replication throughput: 40,000 writes/s on one table keep p99 lag below 1 s with default replication",
          "[slow]") {
  const model::RunResult result = gtsim_test::run_yaml(R"(
duration: 1m
regions: [us-east-1, eu-west-1]
table:
  keys: 1000000
  capacity: {mode: on_demand, warm_write_units: 90000, max_write_units: 100000}
workload:
  us-east-1: [{name: writers, rate: 20000, arrivals: constant}]
  eu-west-1: [{name: writers, rate: 20000, arrivals: constant}]
)");
  REQUIRE(result.pairs.size() == 2);
  for (const model::PairResult& pair : result.pairs) {
    CAPTURE(pair.from, pair.to);
    CHECK(pair.replicated == 1'200'000);  // 20,000 a second for 60 s, none throttled
    CHECK(pair.lag_ns.quantile(0.99) < kSecondNs);
  }
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
