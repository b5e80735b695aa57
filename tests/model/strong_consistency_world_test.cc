// Multi-Region strong consistency in the running world (docs/model.md,
// "Multi-Region strong consistency"), each against its MREC twin where the
// issue asks: write latency is the quorum round trip, a conflict refuses
// instead of clobbering, an isolated region serves only eventually
// consistent reads until it has healed and caught up, and nothing is at risk
// at an outage.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "model/simulation.h"
#include "tests/model/test_worlds.h"

namespace {

using gtsim_test::kMsNs;
using gtsim_test::run_yaml;
using model::RunResult;

const model::RegionResult& region(const RunResult& r, const std::string& name) {
  for (const model::RegionResult& region : r.region_results) {
    if (region.name == name) return region;
  }
  FAIL("no region " << name);
  return r.region_results.front();
}

const model::StrongConsistencyRegion& strong(const RunResult& r, const std::string& name) {
  for (const model::StrongConsistencyRegion& region : r.strong_consistency.regions) {
    if (region.name == name) return region;
  }
  FAIL("no region " << name);
  return r.strong_consistency.regions.front();
}

uint64_t conflicts(const RunResult& r) {
  uint64_t sum = 0;
  for (const model::StrongConsistencyRegion& region : r.strong_consistency.regions) sum += region.write_conflicts;
  return sum;
}

uint64_t gets(const model::RegionResult& r) { return r.operations[static_cast<int>(model::Operation::kGet)]; }

// Three US regions at the catalogue's constant round trips: us-east-1 <->
// us-east-2 14 ms, us-east-2 <-> us-west-2 52 ms, us-east-1 <-> us-west-2 64 ms.
std::string us_table_yaml(const std::string& table_extra, const std::string& workload, const std::string& timeline = "",
                          const std::string& duration = "30s") {
  return "duration: " + duration + "\nregions: [us-east-1, us-east-2, us-west-2]\n"
         "table:\n  keys: 100000\n  multi_region_consistency: strong\n" + table_extra + "workload:\n" + workload +
         (timeline.empty() ? "" : "timeline:\n" + timeline);
}

}  // namespace

TEST_CASE("MRSC: a write's latency is service time + the round trip to the nearest participant, the witness included") {
  // Constant latencies and service times (puts 4 ms, gets 2 ms), one writer
  // region at a time, keys enough that no write waits.
  const std::string service = "  service_latency: {put: 4ms, get: 2ms}\n";
  const std::string east = "  us-east-1: [{rate: 20, arrivals: constant}]\n";
  const std::string west = "  us-west-2: [{rate: 20, arrivals: constant}]\n";
  const RunResult replicas = run_yaml(us_table_yaml(service, east));
  const model::RegionResult& us_east_1 = region(replicas, "us-east-1");
  CHECK(us_east_1.client_latency_ns.count() == 600);
  CHECK(us_east_1.client_latency_ns.min() == (4 + 14) * kMsNs);  // us-east-2 is nearest
  CHECK(us_east_1.client_latency_ns.max() == (4 + 14) * kMsNs);
  // CloudWatch's SuccessfulRequestLatency is the service's side: the quorum round trip is in it.
  CHECK(us_east_1.service_latency_ns.max() == (4 + 14) * kMsNs);
  const RunResult far = run_yaml(us_table_yaml(service, west));
  CHECK(region(far, "us-west-2").client_latency_ns.min() == (4 + 52) * kMsNs);  // us-east-2 before us-east-1 (64 ms)
  CHECK(region(far, "us-west-2").client_latency_ns.max() == (4 + 52) * kMsNs);
  // us-east-2 as the witness is still the nearest participant of both replicas.
  const RunResult witness = run_yaml(us_table_yaml(service + "  witness: us-east-2\n", east + west));
  CHECK(region(witness, "us-east-1").client_latency_ns.max() == (4 + 14) * kMsNs);
  CHECK(region(witness, "us-west-2").client_latency_ns.max() == (4 + 52) * kMsNs);
  CHECK(witness.strong_consistency.witness == "us-east-2");
  // The witness holds nothing and consumes nothing.
  CHECK(region(witness, "us-east-2").writes() == 0);
  CHECK(region(witness, "us-east-2").bytes_written == 0);
  CHECK(witness.convergence.divergent_items == 0);
  // Cut from it, us-east-1 falls back to us-west-2: 64 ms from then on.
  const RunResult cut = run_yaml(us_table_yaml(service + "  witness: us-east-2\n", east,
                                               "  - {at: 15s, partition: {between: [us-east-1, us-east-2]}}\n"));
  CHECK(region(cut, "us-east-1").client_latency_ns.min() == (4 + 14) * kMsNs);
  CHECK(region(cut, "us-east-1").client_latency_ns.max() == (4 + 64) * kMsNs);
  // 300 of the 600 after 15 s (quantiles of mixed values are within the histogram's 0.2 %).
  CHECK(region(cut, "us-east-1").client_latency_ns.quantile(0.75) == Approx((4 + 64) * kMsNs).epsilon(0.002));
  CHECK(region(cut, "us-east-1").client_latency_ns.quantile(0.25) == Approx((4 + 14) * kMsNs).epsilon(0.002));
  // A strong read pays the round trip too; an eventually consistent one does not.
  const RunResult reads = run_yaml(us_table_yaml(
      service, "  us-east-1: [{name: strong, rate: 20, arrivals: constant, mix: {get: 100}, consistency: strong}]\n"
               "  us-west-2: [{name: eventual, rate: 20, arrivals: constant, mix: {get: 100}}]\n"));
  CHECK(region(reads, "us-east-1").client_latency_ns.max() == (2 + 14) * kMsNs);
  CHECK(region(reads, "us-west-2").client_latency_ns.max() == 2 * kMsNs);
  // Its MREC twin acknowledges after the service time alone.
  const RunResult mrec = run_yaml(us_table_yaml(service, east), {{"table.multi_region_consistency", "eventual"}});
  CHECK(region(mrec, "us-east-1").client_latency_ns.min() == 4 * kMsNs);
  CHECK(region(mrec, "us-east-1").client_latency_ns.max() == 4 * kMsNs);
  // Both bill the same transfer out of us-east-1: every write applied in the two others.
  CHECK(region(replicas, "us-east-1").billing.replicated_out_bytes == 600 * 2 * 1024);
  CHECK(region(mrec, "us-east-1").billing.replicated_out_bytes == 600 * 2 * 1024);
}

TEST_CASE("MRSC: two regions writing one item within the window: one conflict, none clobbered, all converge") {
  model::Scenario scenario = gtsim_test::make_world({"us-east-1", "us-east-2", "us-west-2"},
                                                    sim::LatencyModel::fixed(sim::Duration::milliseconds(7)), 1);
  gtsim_test::set_latency(scenario, 0, 2, sim::LatencyModel::fixed(sim::Duration::milliseconds(32)));
  gtsim_test::set_latency(scenario, 2, 0, sim::LatencyModel::fixed(sim::Duration::milliseconds(32)));
  gtsim_test::set_latency(scenario, 1, 2, sim::LatencyModel::fixed(sim::Duration::milliseconds(26)));
  gtsim_test::set_latency(scenario, 2, 1, sim::LatencyModel::fixed(sim::Duration::milliseconds(26)));
  const auto simulation = [&](bool strong) {
    model::Scenario s = scenario;
    s.consistency.mode = strong ? model::MultiRegionConsistency::kStrong : model::MultiRegionConsistency::kEventual;
    auto sim = std::make_unique<model::Simulation>(s);
    // us-east-1 writes at 100 ms: its item is being modified until 114 ms.
    sim->add_scripted_write(0, gtsim_test::at_ms(100), 0, model::Operation::kPut);
    sim->add_scripted_write(2, gtsim_test::at_ms(110), 0, model::Operation::kPut);  // inside: refused
    sim->add_scripted_write(2, gtsim_test::at_ms(200), 0, model::Operation::kPut);  // after: written
    return sim;
  };
  const std::unique_ptr<model::Simulation> mrsc_sim = simulation(true);
  const RunResult mrsc = mrsc_sim->run();
  CHECK(mrsc.strong_consistency.regions[2].write_conflicts == 1);
  CHECK(mrsc.strong_consistency.pairs[4].from == "us-west-2");
  CHECK(mrsc.strong_consistency.pairs[4].to == "us-east-1");
  CHECK(mrsc.strong_consistency.pairs[4].write_conflicts == 1);
  CHECK(mrsc.strong_consistency.regions[0].write_conflicts == 0);
  CHECK(mrsc.conflicts.writes == 2);
  CHECK(mrsc.conflicts.clobbered == 0);
  CHECK(mrsc.conflicts.concurrent_writes == 0);
  CHECK(mrsc.convergence.divergent_items == 0);
  for (size_t r = 0; r < 3; ++r) {
    const auto stored = mrsc_sim->stored(r, 0);
    REQUIRE(stored);
    CHECK(stored->region == "us-west-2");  // the write at 200 ms, everywhere
    CHECK(stored->issued_ns == 200 * kMsNs);
  }
  // MREC: the write at 110 ms is made too, and last-writer-wins drops the one at 100 ms.
  const RunResult mrec = simulation(false)->run();
  CHECK(mrec.conflicts.writes == 3);
  CHECK(mrec.conflicts.clobbered == 1);
  CHECK(!mrec.strong_consistency.enabled);
}

TEST_CASE("MRSC: client writes racing on one item: conflicts are retried by the SDK, nothing is clobbered") {
  const std::string workload = "  us-east-1: [{rate: 20}]\n  us-west-2: [{rate: 20}]\n";
  const std::string yaml = us_table_yaml("", workload, "", "20s");
  const RunResult mrsc = run_yaml(yaml, {{"table.keys", "1"}});
  const uint64_t refused = conflicts(mrsc);
  CHECK(refused > 0);
  uint64_t pair_sum = 0;
  for (const model::StrongConsistencyPair& pair : mrsc.strong_consistency.pairs) pair_sum += pair.write_conflicts;
  CHECK(pair_sum == refused);
  // Every conflict is retried unless it was a request's last attempt.
  const uint64_t gave_up = mrsc.strong_consistency.regions[0].conflict_errors +
                           mrsc.strong_consistency.regions[2].conflict_errors;
  CHECK(region(mrsc, "us-east-1").retries + region(mrsc, "us-west-2").retries == refused - gave_up);
  CHECK(mrsc.conflicts.clobbered == 0);
  CHECK(mrsc.convergence.divergent_items == 0);
  const RunResult mrec = run_yaml(yaml, {{"table.keys", "1"}, {"table.multi_region_consistency", "eventual"}});
  CHECK(mrec.conflicts.clobbered > 0);
}

TEST_CASE("MRSC: an isolated region serves only eventually consistent reads; healed and caught up, it serves again") {
  // us-west-2 isolated from 10 s to 20 s while all three regions write 10 a second.
  const std::string writers = "  us-east-1: [{rate: 10, arrivals: constant}]\n"
                              "  us-east-2: [{rate: 10, arrivals: constant}]\n";
  const std::string isolation = "  - {at: 10s, isolate: us-west-2}\n  - {at: 20s, heal: us-west-2}\n";
  const RunResult eventual_reads = run_yaml(us_table_yaml(
      "", writers + "  us-west-2: [{name: w, rate: 10, arrivals: constant}, {name: r, rate: 10, arrivals: constant, "
                    "mix: {get: 100}}]\n",
      isolation));
  const model::StrongConsistencyRegion& west = strong(eventual_reads, "us-west-2");
  CHECK(conflicts(eventual_reads) == 0);
  CHECK(west.no_quorum_errors == 100);               // its writes of [10 s, 20 s)
  CHECK(gets(region(eventual_reads, "us-west-2")) == 300);  // every eventually consistent read served
  CHECK(region(eventual_reads, "us-west-2").writes() == 200 - west.catching_up_errors);
  REQUIRE(eventual_reads.strong_consistency.episodes.size() == 1);
  const model::QuorumEpisode& episode = eventual_reads.strong_consistency.episodes[0];
  CHECK(episode.region == "us-west-2");
  CHECK(episode.lost_ns == 10'000 * kMsNs);
  CHECK(episode.regained_ns == 20'000 * kMsNs);
  // The writes it missed, parked at the cut links, cross at the heal: the
  // last from us-east-1 (32 ms away) ends its catch-up.
  CHECK(episode.caught_up_ns == 20'032 * kMsNs);
  CHECK(episode.catch_up_writes > 150);
  CHECK(west.without_quorum_ns == 10'000 * kMsNs);
  CHECK(west.catching_up_ns == 32 * kMsNs);
  CHECK(eventual_reads.convergence.divergent_items == 0);
  // The other two kept their quorum and served everything.
  CHECK(strong(eventual_reads, "us-east-1").no_quorum_errors == 0);
  CHECK(region(eventual_reads, "us-east-1").writes() == 300);

  // Strongly consistent reads fail there as writes do.
  const RunResult strong_reads = run_yaml(us_table_yaml(
      "", writers + "  us-west-2: [{rate: 10, arrivals: constant, mix: {get: 100}, consistency: strong}]\n", isolation));
  const model::StrongConsistencyRegion& reader = strong(strong_reads, "us-west-2");
  CHECK(reader.no_quorum_errors == 100);
  CHECK(gets(region(strong_reads, "us-west-2")) == 200 - reader.catching_up_errors);
  CHECK(region(strong_reads, "us-west-2").stale_reads == 0);  // the latest version, wherever it is read

  // An FIS pause of its replication does the same.
  const RunResult paused = run_yaml(us_table_yaml(
      "", writers + "  us-west-2: [{rate: 10, arrivals: constant}]\n",
      "  - {at: 10s, pause_replication: {region: us-west-2, duration: 10s}}\n"));
  CHECK(strong(paused, "us-west-2").no_quorum_errors == 100);
}

TEST_CASE("MRSC: at an outage no write is at risk, where its MREC twin has some; after it the region catches up") {
  const std::string yaml = us_table_yaml("", "  us-east-1: [{rate: 200}]\n  us-east-2: [{rate: 200}]\n",
                                         "  - {at: 10s, outage: us-east-1}\n  - {at: 20s, recover: us-east-1}\n");
  const RunResult mrsc = run_yaml(yaml);
  REQUIRE(mrsc.outages.size() == 1);
  CHECK(mrsc.outages[0].at_risk_writes == 0);
  CHECK(mrsc.outages[0].lost_writes == 0);
  CHECK(strong(mrsc, "us-east-1").catching_up_ns > 0);  // the writes of us-east-2 meanwhile, applied first
  CHECK(mrsc.strong_consistency.episodes.at(0).catch_up_writes > 1000);
  CHECK(mrsc.convergence.divergent_items == 0);
  const RunResult mrec = run_yaml(yaml, {{"table.multi_region_consistency", "eventual"}});
  REQUIRE(mrec.outages.size() == 1);
  CHECK(mrec.outages[0].at_risk_writes > 0);
}
