// Outages as they really happen (docs/model.md, "Outages and failover"):
// their scope (full, endpoint, replication), partial outages, and the
// 20-hour rule, which removes a replica only when its region is disabled or
// its KMS key inaccessible; an ordinary outage delays writes, never loses
// them.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/outages.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::at_ms;
using gtsim_test::make_world;
using gtsim_test::ms;
using gtsim_test::outage;
using gtsim_test::recovery;
using gtsim_test::run_yaml;
using gtsim_test::writers;
using model::OutageCause;
using model::OutageScope;

namespace {

// a and b at 40 ms, constant 100 writes/s in each, 60 s of traffic; b out
// from 10 s to 40 s with the given scope.
model::RunResult run_with_b_out(OutageScope scope) {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 1000, sim::Duration::seconds(60));
  for (size_t r = 0; r < 2; ++r) {
    model::ClientGroupConfig group = writers(100);
    group.arrivals = model::Arrivals::kConstant;
    world.workload[r].push_back(group);
  }
  world.timeline = {outage(1, sim::Duration::seconds(10), scope), recovery(1, sim::Duration::seconds(40))};
  return model::Simulation(world).run();
}

}  // namespace

TEST_CASE("Endpoint outage: no client request is served, replication goes on both ways, nothing at risk") {
  const model::RunResult result = run_with_b_out(OutageScope::kEndpoint);
  const model::RegionResult& b = result.region_results[1];
  REQUIRE(result.outages.size() == 1);
  const model::OutageResult& o = result.outages[0];
  CHECK(o.scope == OutageScope::kEndpoint);
  CHECK(o.at_risk_writes == 0);
  CHECK(o.lost_writes == 0);
  CHECK(o.unreplicated_at_end_writes == 0);
  CHECK(o.backlog_drain_ns == 0);       // nothing was held back
  CHECK(b.unavailable_errors == 3000);  // 30 s of its clients' requests, every one refused
  CHECK(b.writes() == 3000);            // the other 30 s
  // Replication never stopped: every write crossed in 40 ms, either way.
  CHECK(result.pairs[0].lag_ns.max() == 40'000'000);
  CHECK(result.pairs[1].lag_ns.max() == 40'000'000);
  CHECK(result.pairs[0].replicated == result.region_results[0].writes());
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("Replication outage: requests are served, nothing replicates in or out until it recovers") {
  const model::RunResult result = run_with_b_out(OutageScope::kReplication);
  const model::RegionResult& b = result.region_results[1];
  REQUIRE(result.outages.size() == 1);
  CHECK(b.unavailable_errors == 0);
  CHECK(b.writes() == 6000);  // served all along
  // Writes made while it was cut off waited for the recovery at 40 s: the
  // first of b's (within 10 ms after 10 s) about 30 s, plus the link's 40 ms.
  CHECK(result.pairs[1].lag_ns.max() > 29'990'000'000 + 40'000'000);
  CHECK(result.pairs[1].lag_ns.max() <= 30'000'000'000 + 40'000'000);
  CHECK(result.pairs[0].lag_ns.max() >= 29'900'000'000);
  CHECK(result.outages[0].lost_writes == 0);
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("Full outage: requests refused and replication held both ways; all delivered after recovery") {
  const model::RunResult result = run_with_b_out(OutageScope::kFull);
  CHECK(result.region_results[1].unavailable_errors == 3000);
  CHECK(result.pairs[0].lag_ns.max() >= 29'900'000'000);  // a's writes into b waited for it
  CHECK(result.pairs[0].replicated == result.region_results[0].writes());
  CHECK(result.outages[0].lost_writes == 0);
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("A 30 h outage loses nothing: every pending write is delivered after recovery") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 50, sim::Duration::hours(32));
  world.workload[0].push_back(writers(0.05));
  world.workload[1].push_back(writers(0.05));
  world.timeline = {outage(1, sim::Duration::hours(1)), recovery(1, sim::Duration::hours(31))};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.outages.size() == 1);
  const model::OutageResult& o = result.outages[0];
  CHECK(o.left_group_ns == -1);
  CHECK(o.lost_writes == 0);
  CHECK(o.unreplicated_at_end_writes == 0);
  CHECK(o.backlog_drain_ns >= 0);
  CHECK(result.pairs[0].replicated == result.region_results[0].writes());  // a's writes of 30 h reached b
  CHECK(result.pairs[1].replicated == result.region_results[1].writes());
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("KMS key inaccessible for 19 h then restored: the replica stays in the group; past 20 h it leaves") {
  for (const int64_t hours : {19, 21}) {
    CAPTURE(hours);
    model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 50, sim::Duration::hours(23));
    world.workload[1].push_back(writers(0.05));
    world.replication.poll_interval = sim::Duration::minutes(10);
    world.timeline = {outage(1, sim::Duration::hours(1), OutageScope::kFull, OutageCause::kKmsInaccessible),
                      recovery(1, sim::Duration::hours(1 + hours))};
    model::Simulation simulation(world);
    // Written just before the key was lost, still in b's stream (the next poll is minutes away).
    simulation.add_scripted_write(1, sim::Instant::zero() + sim::Duration::hours(1) - ms(1), 7, model::Operation::kPut);
    const model::RunResult result = simulation.run();
    REQUIRE(result.outages.size() == 1);
    const model::OutageResult& o = result.outages[0];
    if (hours == 19) {
      CHECK(o.left_group_ns == -1);
      CHECK(o.lost_writes == 0);
      CHECK(result.convergence.divergent_items == 0);
    } else {
      CHECK(o.left_group_ns == sim::Duration::hours(21).ns());
      CHECK(o.lost_writes >= 1);  // the scripted write, at least, never left b
    }
  }
}

TEST_CASE("Partial outage: the failing share of requests fails, the rest is served") {
  const model::RunResult result = run_yaml(
      "duration: 100s\nregions: [us-east-1, eu-west-1]\n"
      "workload:\n  us-east-1: [{rate: 100, arrivals: constant}]\n"
      "timeline:\n  - {at: 0s, outage: {region: us-east-1, scope: endpoint, failing: 30%}}\n");
  const model::RegionResult& r = result.region_results[0];
  REQUIRE(r.unavailable_errors + r.writes() == 10000);
  // Binomial, n = 10,000, p = 0.3: a standard error of 46; four of them.
  CHECK(std::fabs(static_cast<double>(r.unavailable_errors) - 3000.0) < 184.0);
  CHECK(result.outages[0].at_risk_writes == 0);  // endpoint: replication went on
}

TEST_CASE("Outages: the latency multiplier applies while the outage lasts, 1 outside it") {
  model::Outages outages(1, {"a", "b"});
  CHECK(outages.latency_multiplier(0) == 1.0);
  model::OutageConfig slow;
  slow.scope = OutageScope::kEndpoint;
  slow.failing_fraction = 0.0;
  slow.latency_multiplier = 4.0;
  outages.fail(0, slow, 0, 0);
  CHECK(outages.latency_multiplier(0) == 4.0);
  CHECK(outages.latency_multiplier(1) == 1.0);
  CHECK(!outages.request_fails(0));  // nothing fails at 0 %
  CHECK(outages.replicates(0));
  outages.recover(0);
  CHECK(outages.latency_multiplier(0) == 1.0);
}

TEST_CASE("Outage with a duration recovers by itself; the world recovers it at that time") {
  const model::RunResult result = run_yaml(
      "duration: 10m\nregions: [us-east-1, eu-west-1]\n"
      "workload:\n  us-east-1: [{rate: 10}]\n"
      "timeline:\n  - {at: 1m, outage: {region: eu-west-1, duration: 2m}}\n");
  REQUIRE(result.outages.size() == 1);
  CHECK(result.outages[0].recovered_ns == sim::Duration::minutes(3).ns());
}
