// Tests for model/run_estimate.h: the estimate's arithmetic and the refusals.
#include "model/run_estimate.h"

#include <catch2/catch.hpp>

#include "load/scenario_loader.h"

namespace model {
namespace {

Scenario scenario_of(const std::string& yaml) {
  load::LoadResult loaded = load::load_scenario_text(yaml, "s.yaml");
  REQUIRE(loaded.ok());
  return *loaded.scenario;
}

TEST_CASE("estimate_run: requests, replicated applies and polls (3 regions, half writes)") {
  const Scenario s = scenario_of(
      "duration: 100s\nregions: [us-east-1, eu-west-1, ap-southeast-2]\ntable: {keys: 1000}\n"
      "workload:\n  us-east-1: [{rate: 10, mix: {put: 50, get: 50}}]\n  eu-west-1: [{rate: 30}]\n");
  const RunEstimate e = estimate_run(s);
  CHECK(e.requests == 4000);                        // (10 + 30) * 100
  CHECK(e.events == 4000 + 3500 * 2 + 3500 + 100);  // writes 500 + 3000, each applied in 2 others,
                                                    // polled; a tick per simulated second
  CHECK(e.simulated_ns == 100e9);
  CHECK(e.item_state_bytes == 3 * 1000 * 16.0);     // 4 + 4 * 3 bytes, padded to 16
}

TEST_CASE("estimate_run: no polls with poll_interval 0s; no traffic, no events") {
  const Scenario shipped = scenario_of(
      "duration: 10s\nregions: [us-east-1, eu-west-1]\nreplication: {poll_interval: 0s}\n"
      "workload:\n  us-east-1: [{rate: 10}]\n");
  CHECK(estimate_run(shipped).events == 100 + 100 + 10);
  CHECK(estimate_run(scenario_of("duration: 10s\nregions: [us-east-1, eu-west-1]\n")).events == 10);
}

// Found by probing beside the fuzzer: 10,000 writes shipped one per 1000h poll
// would simulate millions of hours (a tick per second: a hang, then int64
// overflow). An on-demand table starts with 8 partitions (4,000 writes/s over
// 1,000, 12,000 reads/s over 3,000), so 8 streams ship one record each per poll.
TEST_CASE("estimate_run: a stream that ships slower than it is written drains for longer (batch 1, poll 1000h)") {
  const Scenario s = scenario_of(
      "duration: 10s\nregions: [us-east-1, eu-west-1]\nreplication: {poll_interval: 1000h, batch_size: 1}\n"
      "workload:\n  us-east-1: [{rate: 1000}]\n");
  const RunEstimate e = estimate_run(s);
  CHECK(e.simulated_ns == 10000.0 / 8 * 3600e12);
  REQUIRE(refuse_run(e, true).has_value());
  CHECK(*refuse_run(e, true) ==
        "the run would simulate about 1.25e+06h (each partition's stream ships at most 'replication.batch_size' "
        "records per 'replication.poll_interval'), above the limit of 100000h; raise the batch size, shorten the "
        "poll interval or lower the rates");
}

TEST_CASE("estimate_run: TTL deletes in every TTL region, replicated; a backfill copies every key") {
  const std::string world =
      "duration: 10s\nregions: [us-east-1, eu-west-1, {name: ap-southeast-2, replica: false}]\n"
      "replication: {poll_interval: 0s}\nworkload:\n  us-east-1: [{rate: 10}]\n";
  // 100 writes, each applied in 2 others; 10 ticks.
  const double base = 100 + 200 + 10;
  CHECK(estimate_run(scenario_of(world + "table: {keys: 50, ttl: {item_lifetime: 1s}}\n")).events == base);
  // Enabled at the start everywhere: 100 expiring items, 3 deletes + 2 replicated each.
  CHECK(estimate_run(scenario_of(world + "table: {keys: 50, ttl: {enabled: true, item_lifetime: 1s}}\n")).events ==
        base + 100 * (3 + 2));
  // Enabled in one region, items prepopulated; a replica added: 50 keys copied.
  CHECK(estimate_run(scenario_of(world +
                          "table: {keys: 50, prepopulated: true, ttl: {item_lifetime: 1s}}\n"
                          "timeline:\n  - {at: 1s, enable_ttl: eu-west-1}\n"
                          "  - {at: 2s, add_replica: {region: ap-southeast-2}}\n"))
            .events == base + (100 + 50) * (1 + 2) + 50);
}

TEST_CASE("refuse_run: events above the ceiling unless bounded; memory always") {
  RunEstimate e;
  e.requests = 3e10;
  e.events = 6e10;
  REQUIRE(refuse_run(e, false).has_value());
  CHECK(*refuse_run(e, false) ==
        "the run would process about 6e+10 events (3e+10 requests, each write applied in every other region), "
        "above the limit of 1e+10 for an unbounded run; shorten 'duration', lower the rates, or bound the run "
        "with --max-events or --max-wall");
  CHECK_FALSE(refuse_run(e, true).has_value());
  e.item_state_bytes = 16.0 * (1ull << 30);
  REQUIRE(refuse_run(e, true).has_value());
  CHECK(*refuse_run(e, true) ==
        "the run would need about 16.0 GiB for item state (regions x keys x block bytes), above the limit of "
        "8 GiB; lower 'table.keys' or the number of regions");
}

}  // namespace
}  // namespace model
