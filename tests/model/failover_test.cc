// Whole runs with capacity, outages and retries: the figures a failover
// study reports, on worlds small enough to reason about exactly.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::at_ms;
using gtsim_test::make_world;
using gtsim_test::ms;
using gtsim_test::outage;
using gtsim_test::provisioned;
using gtsim_test::recovery;
using gtsim_test::writers;
using model::Operation;
using model::TimelineEvent;
using model::TimelineKind;

// b is down for the first 60 s while a writes r = 300/s to it: a backlog of
// B = 18,000 writes. At recovery b's bucket holds one second, C = 500 units,
// which the first 500 take at once. Then the applier shares b's capacity
// (applier_share 50 %): b has no clients, so it gets all of C = 500 WCU but
// the one second of the clients' share they keep at hand, (1 - 0.5) C x 1 s
// = 250 units, while writes keep arriving at r. The queue empties after
// (B - C x 1 s + 250) / (C - r) = 88.75 s.
TEST_CASE("Backlog: B writes drain in (B - C x 1 s + 0.5 C x 1 s) / (C - r) once capacity returns (B 18000, C 500, r 300)") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(35)), 100'000,
                                     sim::Duration::minutes(5));
  world.regions[1].capacity = provisioned(500, 0);
  model::ClientGroupConfig group = writers(300);
  group.arrivals = model::Arrivals::kConstant;
  world.workload[0].push_back(group);
  world.timeline = {outage(1, sim::Duration::zero()), recovery(1, sim::Duration::seconds(60))};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.outages.size() == 1);
  const model::OutageResult& o = result.outages[0];
  CHECK(o.recovered_ns == 60'000'000'000);
  const double expected_s = (18000.0 - 500.0 + 250.0) / (500.0 - 300.0);
  CHECK(std::fabs(static_cast<double>(o.backlog_drain_ns) / 1e9 - expected_s) < 1.0);
  CHECK(result.convergence.divergent_items == 0);
  // Delayed, never dropped: every write reached b.
  CHECK(result.pairs[0].replicated == result.region_results[0].writes());
}

// a ships each write at commit over a 100 ms link; writes every 10 ms from
// t = 0. When a fails at 505 ms the writes of 410..500 ms are still in flight:
// 10 writes at risk, the oldest 95 ms old. They had left a, so none is lost.
TEST_CASE("Outage: writes at risk are those committed but not yet applied elsewhere (handcrafted)") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(100)), 1000);
  world.timeline = {outage(0, ms(505))};
  model::Simulation simulation(world);
  for (int i = 0; i <= 50; ++i) simulation.add_scripted_write(0, at_ms(10 * i), static_cast<uint64_t>(i), Operation::kPut);
  const model::RunResult result = simulation.run();
  REQUIRE(result.outages.size() == 1);
  CHECK(result.outages[0].at_risk_writes == 10);
  CHECK(result.outages[0].oldest_at_risk_age_ns == 95'000'000);
  CHECK(result.outages[0].recovered_ns == -1);
  CHECK(result.outages[0].lost_writes == 0);
  CHECK(result.pairs[0].replicated == 51);
  CHECK(result.region_results[0].writes() == 51);
  CHECK(result.region_results[0].unavailable_errors == 0);
}

TEST_CASE("Outage: writes still in its stream at the end of the run are not yet replicated, and not lost") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(100)), 1000);
  world.replication.poll_interval = sim::Duration::minutes(10);  // its first poll comes after the failure
  world.timeline = {outage(0, sim::Duration::seconds(1))};
  model::Simulation simulation(world);
  for (int i = 0; i < 20; ++i) simulation.add_scripted_write(0, at_ms(10 * i), static_cast<uint64_t>(i), Operation::kPut);
  const model::RunResult result = simulation.run();
  REQUIRE(result.outages.size() == 1);
  CHECK(result.outages[0].at_risk_writes == 20);
  CHECK(result.outages[0].unreplicated_at_end_writes == 20);
  CHECK(result.outages[0].lost_writes == 0);  // an outage delays; only leaving the group loses
  CHECK(result.pairs[0].replicated == 0);
  CHECK(result.convergence.divergent_items == 0);  // b, the only live replica, agrees with itself
}

TEST_CASE("Outage: after recovery the failed region's backlog replicates and LWW decides") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(50)), 10,
                                     sim::Duration::seconds(60));
  world.replication.poll_interval = ms(500);
  world.timeline = {outage(0, sim::Duration::seconds(2)), recovery(0, sim::Duration::seconds(30))};
  world.workload[0].push_back(writers(200));
  world.workload[1].push_back(writers(200));
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.outages.size() == 1);
  CHECK(result.outages[0].at_risk_writes > 0);
  CHECK(result.outages[0].lost_writes == 0);
  CHECK(result.outages[0].backlog_drain_ns >= 0);
  CHECK(result.region_results[0].unavailable_errors > 5000);  // 28 s of its clients' requests
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("Retries: on an always-throttled region every failed request used all its attempts") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(50)), 1000,
                                     sim::Duration::seconds(60));
  world.regions[0].capacity = provisioned(1, 0);  // one write per second
  model::ClientGroupConfig group = writers(50);
  group.retry.quota_tokens = 0;                   // no quota: attempts alone decide
  world.workload[0].push_back(group);
  const model::RunResult result = model::Simulation(world).run();
  const model::RegionResult& a = result.region_results[0];
  CHECK(a.throttle_events == a.retries + a.client_errors);  // each throttled attempt: retried or failed
  CHECK(a.client_errors > 2500);
  // Attempts: every request 1 + its retries; a failed one made all 3.
  const uint64_t requests = a.writes() + a.client_errors;
  CHECK(a.retries >= 2 * a.client_errors);
  CHECK(a.retries <= 2 * requests);
  // One per second while anything is offered (traffic stops at 60 s, its
  // retries 3 s later at most), plus the unit the bucket starts with.
  CHECK(a.writes() >= 60);
  CHECK(a.writes() <= 64);
  CHECK(a.client_latency_ns.max() < 3'000'000'000);  // two waits under 1 s and 2 s
}

TEST_CASE("Traffic shift: half of a region's requests move to another region") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(50)), 1000,
                                     sim::Duration::seconds(100));
  world.workload[0].push_back(writers(100));
  TimelineEvent shift;
  shift.kind = TimelineKind::kShiftTraffic;
  shift.region = 0;
  shift.to_region = 1;
  shift.fraction = 0.5;
  world.timeline = {shift};
  const model::RunResult result = model::Simulation(world).run();
  const double a = static_cast<double>(result.region_results[0].writes());
  const double b = static_cast<double>(result.region_results[1].writes());
  // Binomial: 10,000 requests, half moved; 4 standard errors = 200.
  CHECK(std::fabs(a - b) < 400.0);
  CHECK(a + b > 9000.0);
}
