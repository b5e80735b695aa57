// Client latency: the service's response time, the round trip of a client
// served from another region, and the figures per region, client group,
// minute and timeline stretch (docs/model.md, "Latency clients see").
#include <catch2/catch.hpp>

#include <string>

#include "model/clients.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::kMsNs;

namespace {

// us-east-1 clients write and read at 100/s with constant service times
// (gets 2 ms, writes 3 ms); at 1m all of them move to eu-west-1, whose
// catalogue round trip from us-east-1 is 70 ms.
const char* const kShift = R"(
duration: 2m
regions: [us-east-1, eu-west-1]
table:
  service_latency: {get: 2ms, query: 2ms, put: 3ms, update: 3ms, delete: 3ms}
workload:
  us-east-1:
    - name: web
      rate: 100
      arrivals: constant
timeline:
  - at: 1m
    shift_traffic: {from: us-east-1, to: eu-west-1}
)";

}  // namespace

TEST_CASE("Client latency: a shifted client pays service time + the catalogue RTT on every request (exact)") {
  const model::RunResult result = gtsim_test::run_yaml(kShift);
  REQUIRE(result.client_groups.size() == 1);
  const model::ClientGroupResult& web = result.client_groups[0];
  CHECK(web.region == "us-east-1");
  CHECK(web.name == "web");
  CHECK(web.served == 12'000);
  CHECK(web.moved == 6'000);
  CHECK(web.latency_ns.min() == 3 * kMsNs);
  CHECK(web.latency_ns.max() == 73 * kMsNs);  // 3 ms of service + 70 ms between us-east-1 and eu-west-1

  REQUIRE(result.timeline.size() == 1);
  const model::TimelineResult& shift = result.timeline[0];
  CHECK(shift.at_ns == 60'000 * kMsNs);
  CHECK(shift.kind == model::TimelineKind::kShiftTraffic);
  CHECK(shift.region == "us-east-1");
  CHECK(shift.before.start_ns == 0);
  CHECK(shift.before.end_ns == 60'000 * kMsNs);
  CHECK(shift.after.start_ns == 60'000 * kMsNs);
  const model::LatencySummary& before = shift.before.groups[0];
  const model::LatencySummary& after = shift.after.groups[0];
  CHECK(before.requests == 6'000);
  CHECK(before.p50_ns == 3 * kMsNs);
  CHECK(before.p99_ns == 3 * kMsNs);
  CHECK(before.max_ns == 3 * kMsNs);
  CHECK(after.requests == 6'000);
  CHECK(after.p50_ns == 73 * kMsNs);
  CHECK(after.p90_ns == 73 * kMsNs);
  CHECK(after.max_ns == 73 * kMsNs);
  // By serving region: us-east-1 served nothing after the shift, eu-west-1 everything.
  CHECK(shift.after.regions[0].requests == 0);
  CHECK(shift.after.regions[0].p50_ns == 0);
  CHECK(shift.after.regions[1].requests == 6'000);
  CHECK(shift.after.regions[1].p50_ns == 73 * kMsNs);

  // The service measures its own 3 ms wherever it serves (SuccessfulRequestLatency).
  CHECK(result.region_results[1].service_latency_ns.min() == 3 * kMsNs);
  CHECK(result.region_results[1].service_latency_ns.max() == 3 * kMsNs);
  CHECK(result.region_results[1].client_latency_ns.max() == 73 * kMsNs);
}

TEST_CASE("Client latency: per minute, a region that served nothing has no value, never 0") {
  const model::RunResult result = gtsim_test::run_yaml(kShift);
  const model::RegionSeries& east = result.region_series[0];
  const model::RegionSeries& west = result.region_series[1];
  REQUIRE(east.latency_p50_ns.size() >= 2);
  CHECK(east.latency_p50_ns[0] == 3 * kMsNs);
  CHECK(east.latency_p50_ns[1] == model::kNoValue);
  CHECK(east.latency_max_ns[1] == model::kNoValue);
  CHECK(east.successful_request_latency_mean_ns[1] == model::kNoValue);
  CHECK(west.latency_p50_ns[0] == model::kNoValue);
  CHECK(west.latency_p99_ns[1] == 73 * kMsNs);
  CHECK(west.successful_request_latency_mean_ns[1] == 3 * kMsNs);
  CHECK(west.successful_request_latency_max_ns[1] == 3 * kMsNs);
  REQUIRE(result.client_group_series.size() == 1);
  CHECK(result.client_group_series[0].latency_p50_ns[0] == 3 * kMsNs);
  CHECK(result.client_group_series[0].latency_p50_ns[1] == 73 * kMsNs);
}

TEST_CASE("Client latency: a half shift moves half the requests; the others stay at their home's service time") {
  std::string yaml = kShift;
  yaml.replace(yaml.find("to: eu-west-1}"), 14, "to: eu-west-1, fraction: 50%}");
  const model::RunResult result = gtsim_test::run_yaml(yaml);
  const model::LatencySummary& after = result.timeline[0].after.groups[0];
  CHECK(after.requests == 6'000);
  CHECK(result.client_groups[0].moved == result.timeline[0].after.regions[1].requests);
  CHECK(result.client_groups[0].moved > 2'700);
  CHECK(result.client_groups[0].moved < 3'300);
  CHECK(after.p50_ns >= 3 * kMsNs);
  CHECK(after.max_ns == 73 * kMsNs);
  CHECK(result.timeline[0].after.regions[0].max_ns == 3 * kMsNs);
}

TEST_CASE("Client latency: default service times are single-digit milliseconds (reads median 2 ms, writes 4 ms)") {
  const model::RunResult result = gtsim_test::run_yaml(R"(
duration: 1m
regions: [us-east-1, eu-west-1]
workload:
  us-east-1:
    - {name: readers, rate: 2000, mix: {get: 100}}
  eu-west-1:
    - {name: writers, rate: 2000}
)");
  const sim::Histogram& reads = result.region_results[0].service_latency_ns;
  const sim::Histogram& writes = result.region_results[1].service_latency_ns;
  // Medians 2 ms and 4 ms, p99 5 ms and 9 ms; ~120,000 draws each.
  CHECK(reads.quantile(0.5) == Approx(2 * kMsNs).epsilon(0.02));
  CHECK(reads.quantile(0.99) == Approx(5 * kMsNs).epsilon(0.03));
  CHECK(writes.quantile(0.5) == Approx(4 * kMsNs).epsilon(0.02));
  CHECK(writes.quantile(0.99) == Approx(9 * kMsNs).epsilon(0.03));
  CHECK(reads.max() <= 9 * kMsNs);
  CHECK(writes.max() <= 15 * kMsNs);
  // In its own region a client waits exactly the service time.
  CHECK(result.region_results[0].client_latency_ns == reads);
}

TEST_CASE("Client latency: a service time times a multiplier, capped at the largest latency") {
  model::Scenario world = gtsim_test::make_world({"a", "b"}, sim::LatencyModel::fixed(gtsim_test::ms(10)));
  world.table.service_latency.by_operation[static_cast<int>(model::Operation::kPut)] =
      sim::LatencyModel::fixed(gtsim_test::ms(4));
  world.workload[0].push_back(gtsim_test::writers(10));
  model::Clients clients(world, {"a", "b"}, sim::Instant::zero() + world.duration);
  CHECK(clients.service_time(0, model::Operation::kPut, 1.0) == gtsim_test::ms(4));
  CHECK(clients.service_time(0, model::Operation::kPut, 2.5) == gtsim_test::ms(10));
  CHECK(clients.service_time(0, model::Operation::kPut, 1e15) == sim::LatencyModel::kLatencyMax);
}

TEST_CASE("Client latency: a partial outage's latency_multiplier slows the requests its region serves, then ends") {
  // us-east-1's clients write 3 ms each (constant); from 1m to 1m30s its
  // replication is out and what it serves takes 4 times as long.
  const model::RunResult result = gtsim_test::run_yaml(R"(
duration: 2m
regions: [us-east-1, eu-west-1]
table:
  service_latency: {put: 3ms, update: 3ms}
workload:
  us-east-1:
    - {name: web, rate: 100, arrivals: constant}
timeline:
  - at: 1m
    outage: {region: us-east-1, scope: replication, latency_multiplier: 4, duration: 30s}
)");
  REQUIRE(result.timeline.size() == 2);  // the outage, then its recovery
  const model::LatencySummary& before = result.timeline[0].before.groups[0];
  const model::LatencySummary& during = result.timeline[0].after.groups[0];
  const model::LatencySummary& after = result.timeline[1].after.groups[0];
  CHECK(before.requests == 6'000);
  CHECK(before.max_ns == 3 * kMsNs);
  CHECK(during.requests == 3'000);
  CHECK(during.p50_ns == 12 * kMsNs);
  CHECK(during.max_ns == 12 * kMsNs);
  CHECK(after.requests == 3'000);
  CHECK(after.max_ns == 3 * kMsNs);
  // CloudWatch's SuccessfulRequestLatency sees the slowed service time too.
  CHECK(result.region_results[0].service_latency_ns.min() == 3 * kMsNs);
  CHECK(result.region_results[0].service_latency_ns.max() == 12 * kMsNs);
}
