// Reads: staleness, t-visibility, read-your-writes across regions.
#include <catch2/catch.hpp>

#include <cmath>

#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::at_ms;
using gtsim_test::make_world;
using gtsim_test::ms;
using gtsim_test::writers;
using model::Operation;

TEST_CASE("Stale read: a read older than the newest committed version, and how stale (handcrafted)") {
  model::Simulation simulation(make_world({"a", "b"}, sim::LatencyModel::fixed(ms(100))));
  simulation.add_scripted_write(0, at_ms(0), 1, Operation::kPut);
  simulation.add_scripted_write(1, at_ms(50), 1, Operation::kGet);   // a's write not there yet: stale
  simulation.add_scripted_write(1, at_ms(150), 1, Operation::kGet);  // it is now
  simulation.add_scripted_write(0, at_ms(20), 2, Operation::kGet);   // nothing written: not stale
  const model::RunResult result = simulation.run();
  const model::RegionResult& b = result.region_results[1];
  CHECK(b.operations[static_cast<int>(Operation::kGet)] == 2);
  CHECK(b.stale_reads == 1);
  CHECK(b.staleness_ns.max() == 50'000'000);
  CHECK(result.region_results[0].stale_reads == 0);
}

// One writer in a, readers in b, lag uniform on [100 ms, 300 ms]: the chance
// that a read sees a's latest write of the item is the lag's CDF at the
// write's age, averaged over each age bucket (ages nearly uniform inside a
// bucket, as each item is written only every 10 s).
TEST_CASE("t-visibility: for a single writer it follows the lag distribution's CDF") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel(ms(100), sim::Distribution::uniform(0, 200e6)),
                                     1000, sim::Duration::seconds(200));
  world.workload[0].push_back(writers(100));
  model::ClientGroupConfig readers = writers(2000);
  readers.mix = model::OperationMix{0, 0, 0, 100};
  world.workload[1].push_back(readers);
  const model::RunResult result = model::Simulation(world).run();
  const model::PairResult& ab = result.pairs[0];
  const auto seen_fraction = [&](size_t bucket) {
    return static_cast<double>(ab.visibility_seen[bucket]) / static_cast<double>(ab.visibility_reads[bucket]);
  };
  // Buckets: 0, 10 ms, 50 ms, 100 ms, 200 ms, 500 ms, 1 s, ...
  for (size_t bucket = 0; bucket < 3; ++bucket) CHECK(ab.visibility_seen[bucket] == 0);  // under 100 ms: never
  REQUIRE(ab.visibility_reads[3] > 3000);
  CHECK(std::fabs(seen_fraction(3) - 0.25) < 0.03);     // mean CDF over [100, 200) ms
  CHECK(std::fabs(seen_fraction(4) - 0.9167) < 0.03);   // mean CDF over [200, 500) ms
  for (size_t bucket = 5; bucket < model::kVisibilityBuckets; ++bucket) {
    CHECK(ab.visibility_seen[bucket] == ab.visibility_reads[bucket]);  // over 300 ms: always
  }
}

TEST_CASE("Read-your-writes: no violation with a redirect delay above the maximum lag, all with none") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(50)), 10'000, sim::Duration::seconds(60));
  model::ClientGroupConfig users = writers(100);
  users.sessions.enabled = true;
  users.sessions.redirect_percent = 50.0;
  users.sessions.read_region = 1;
  users.sessions.delays = {sim::Duration::zero(), ms(100)};
  world.workload[0].push_back(users);
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.sessions.size() == 1);
  const model::SessionResult& s = result.sessions[0];
  CHECK(s.reads[0] > 1000);
  CHECK(s.violations[0] == s.reads[0]);
  CHECK(s.reads[1] > 1000);
  CHECK(s.violations[1] == 0);
}
