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
  // A small key space is dense: per key, 3 blocks of 12 + 8 * 3 bytes, each
  // padded to 40, and the newest write in the padding, the item padded to 128.
  CHECK(e.item_state_bytes == 1000 * 128.0);
}

TEST_CASE("estimate_run: an MRSC table also holds each item's conflict window (16 bytes)") {
  const Scenario s = scenario_of("duration: 100s\nregions: [us-east-1, us-east-2, us-west-2]\n"
                                 "table: {keys: 1000, multi_region_consistency: strong}\n");
  CHECK(estimate_run(s).item_state_bytes == 1000 * 128.0 + 1000 * 16.0);
}

TEST_CASE("estimate_run: a large key space holds only the items the writes can touch") {
  // 10^10 keys, 3 regions, 1,000 writes: a sparse item (16 + 3 * 40 bytes)
  // and its key index slot (16 bytes at 35 % full) per write.
  const Scenario s = scenario_of("duration: 10s\nregions: [us-east-1, eu-west-1, ap-southeast-2]\n"
                                 "table: {keys: 10000000000}\nworkload:\n  us-east-1: [{rate: 100}]\n");
  CHECK(estimate_run(s).item_state_bytes == Approx(1000 * (136 + 16 / 0.35)));
  CHECK_FALSE(refuse_run(estimate_run(s), false).has_value());
  // Prepopulated with TTL: every item may be touched, and its delete queued.
  const Scenario ttl = scenario_of("duration: 10s\nregions: [us-east-1, eu-west-1, ap-southeast-2]\n"
                                   "table: {keys: 10000000000, prepopulated: true, ttl: {enabled: true, "
                                   "item_lifetime: 1h}}\n");
  REQUIRE(refuse_run(estimate_run(ttl), true).has_value());
}

TEST_CASE("estimate_run: no polls with poll_interval 0s; no traffic, no events") {
  const Scenario shipped = scenario_of(
      "duration: 10s\nregions: [us-east-1, eu-west-1]\nreplication: {poll_interval: 0s}\n"
      "workload:\n  us-east-1: [{rate: 10}]\n");
  CHECK(estimate_run(shipped).events == 100 + 100 + 10);
  CHECK(estimate_run(scenario_of("duration: 10s\nregions: [us-east-1, eu-west-1]\n")).events == 10);
}

TEST_CASE("estimate_run: a curve's requests are its integral over the run (its mean times the duration)") {
  // 0 to 100/s over 100 s, then 100/s: 5,000 + 10,000 requests in 200 s.
  const Scenario s = scenario_of(
      "duration: 200s\nregions: [us-east-1, eu-west-1]\nreplication: {poll_interval: 0s}\n"
      "workload:\n  us-east-1: [{rate: {points: {0s: 0, 100s: 100}}, mix: {put: 50, get: 50}}]\n");
  const RunEstimate e = estimate_run(s);
  CHECK(e.requests == Approx(15000));
  CHECK(e.events == Approx(15000 + 7500 + 200));
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
  // The copy: the 50 touched keys one by one, and 50 / (100 items/s x 100 ms) steps.
  CHECK(estimate_run(scenario_of(world +
                          "table: {keys: 50, prepopulated: true, ttl: {item_lifetime: 1s}}\n"
                          "timeline:\n  - {at: 1s, enable_ttl: eu-west-1}\n"
                          "  - {at: 2s, add_replica: {region: ap-southeast-2, backfill_rate: 100}}\n"))
            .events == base + (100 + 50) * (1 + 2) + 50 + 5);
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
        "the run would need about 16.0 GiB for item state (the items it may touch, in every region), above the "
        "limit of 8 GiB; lower 'table.keys', the number of regions or the writes");
}

// Issue 14: a replica at a few WCU taking every write of a busy region grew
// its backlog until bad_alloc.
TEST_CASE("estimate_run: the backlog a provisioned replica cannot admit, and its drain") {
  const std::string world =
      "version: \"2017.11.29\"\nduration: 100s\nregions:\n  - {name: us-east-1, capacity: {mode: on_demand}}\n  - name: eu-west-1\n"
      "    capacity: {mode: provisioned, write_units: 10, read_units: 10, burst_seconds: BURST}\n"
      "table: {keys: 1000}\nworkload:\n  us-east-1: [{rate: 100, mix: {put: 100}}]\n";
  const auto with_burst = [&](const std::string& burst) {
    std::string yaml = world;
    yaml.replace(yaml.find("BURST"), 5, burst);
    return estimate_run(scenario_of(yaml));
  };
  const RunEstimate e = with_burst("0");
  // 100 writes/s of 1 KB arrive, 10 admitted: 90 x 100 s wait, then drain at 10/s.
  CHECK(e.backlog_region == "eu-west-1");
  CHECK(e.backlog_writes == 9000);
  CHECK(e.backlog_bytes == 9000 * 64.0);
  CHECK(e.simulated_ns == (100 + 900) * 1e9);
  CHECK(e.simulated_by_backlog);
  // The burst bank (10 units x 30 s) admits 300 more.
  CHECK(with_burst("30").backlog_writes == 8700);
  RunEstimate big = e;
  big.backlog_bytes = 1.5e8 * 64;  // as if it held 150 million writes
  REQUIRE(refuse_run(big, false).has_value());
  CHECK(*refuse_run(big, false) ==
        "eu-west-1's replication backlog would grow to about 9e+03 writes (8.9 GiB of live state), above the "
        "live-state limit of 8 GiB: its write capacity of 10 units/s admits far less than the 100 units/s "
        "replicated to it; raise its write capacity, lower the rates, or bound the run with --max-events or "
        "--max-wall");
  CHECK_FALSE(refuse_run(big, true).has_value());
}

TEST_CASE("estimate_run: no backlog where the timeline changes the replica, or capacity suffices") {
  CHECK(estimate_run(scenario_of("duration: 100s\nregions: [us-east-1, eu-west-1]\n"
                                 "workload:\n  us-east-1: [{rate: 100, mix: {put: 100}}]\n"))
            .backlog_writes == 0);
  CHECK(estimate_run(scenario_of("version: \"2017.11.29\"\nduration: 100s\nregions:\n  - {name: us-east-1, capacity: {mode: on_demand}}\n"
                                 "  - name: eu-west-1\n"
                                 "    capacity: {mode: provisioned, write_units: 10, read_units: 10}\n"
                                 "workload:\n  us-east-1: [{rate: 100, mix: {put: 100}}]\n"
                                 "timeline:\n  - at: 50s\n    set_capacity: {region: eu-west-1, write_units: 1000}\n"))
            .backlog_writes == 0);
}

}  // namespace
}  // namespace model
