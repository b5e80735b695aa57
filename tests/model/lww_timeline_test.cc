// Handcrafted timelines: each conflict category of docs/design.md, exactly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "model/region_clock.h"
#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::at_ms;
using gtsim_test::make_world;
using gtsim_test::ms;
using model::Operation;

namespace {
const sim::LatencyModel k100ms = sim::LatencyModel::fixed(ms(100));
}

TEST_CASE("LWW: two concurrent writes, the lower timestamp is clobbered (100ms link)") {
  model::Simulation simulation(make_world({"a", "b"}, k100ms));
  simulation.add_scripted_write(0, at_ms(0), 3, Operation::kPut);   // id 0, ts 0
  simulation.add_scripted_write(1, at_ms(50), 3, Operation::kPut);  // id 1, ts 50ms
  const model::RunResult result = simulation.run();
  const model::ConflictResult& c = result.conflicts;
  CHECK(c.writes == 2);
  CHECK(c.concurrent_pairs == 1);
  CHECK(c.concurrent_writes == 2);
  CHECK(c.clobbered == 1);
  CHECK(c.skew_inversions == 0);
  CHECK(c.causal_inversions == 0);
  REQUIRE(c.clobbered_examples.size() == 1);
  const model::ConflictExample& e = c.clobbered_examples[0];
  CHECK(e.key == 3);
  CHECK(e.replica == "b");          // a's write reached b at 100ms and lost there
  CHECK(e.at_ns == 100'000'000);
  CHECK(e.loser.id == 0);
  CHECK(e.loser.region == "a");
  CHECK(e.winner.id == 1);
  CHECK(e.winner.timestamp_ns == 50'000'000);
  CHECK(simulation.stored(0, 3)->id == 1);
  CHECK(simulation.stored(1, 3)->id == 1);
  CHECK(result.convergence.divergent_items == 0);
  CHECK(result.convergence.drain_ns == 100'000'000);  // b's write lands in a at 150ms
}

TEST_CASE("LWW: a write that had seen the other is an ordinary overwrite, not a conflict") {
  model::Simulation simulation(make_world({"a", "b"}, k100ms));
  simulation.add_scripted_write(0, at_ms(0), 1, Operation::kPut);
  simulation.add_scripted_write(1, at_ms(150), 1, Operation::kPut);  // b saw a's write at 100ms
  const model::RunResult result = simulation.run();
  CHECK(result.conflicts.concurrent_pairs == 0);
  CHECK(result.conflicts.concurrent_writes == 0);
  CHECK(result.conflicts.clobbered == 0);
  CHECK(simulation.stored(0, 1)->id == 1);
}

TEST_CASE("LWW: a clobbered write issued later in true time is a skew inversion (a's clock 60ms behind)") {
  model::Scenario world = make_world({"a", "b"}, k100ms);
  world.regions[0].clock.offset = ms(-60);
  model::Simulation simulation(world);
  simulation.add_scripted_write(1, at_ms(0), 2, Operation::kPut);   // id 0, ts 0
  simulation.add_scripted_write(0, at_ms(10), 2, Operation::kPut);  // id 1, ts -50ms
  const model::RunResult result = simulation.run();
  const model::ConflictResult& c = result.conflicts;
  CHECK(c.concurrent_pairs == 1);
  CHECK(c.clobbered == 1);
  CHECK(c.skew_inversions == 1);
  CHECK(c.causal_inversions == 0);
  REQUIRE(c.skew_inversion_examples.size() == 1);
  CHECK(c.skew_inversion_examples[0].loser.id == 1);
  CHECK(c.skew_inversion_examples[0].loser.timestamp_ns == -50'000'000);
  CHECK(c.skew_inversion_examples[0].winner.id == 0);
  CHECK(simulation.stored(0, 2)->id == 0);
  CHECK(simulation.stored(1, 2)->id == 0);
}

TEST_CASE("LWW: a write that saw the winner and still lost is a causal inversion, only with skew") {
  for (const int64_t offset_ms : {0, -500}) {
    model::Scenario world = make_world({"a", "b"}, k100ms);
    world.regions[0].clock.offset = ms(offset_ms);
    model::Simulation simulation(world);
    simulation.add_scripted_write(1, at_ms(0), 5, Operation::kPut);    // id 0, ts 0, in a at 100ms
    simulation.add_scripted_write(0, at_ms(200), 5, Operation::kPut);  // id 1, ts 200ms or -300ms
    const model::RunResult result = simulation.run();
    const model::ConflictResult& c = result.conflicts;
    CAPTURE(offset_ms);
    CHECK(c.concurrent_pairs == 0);
    CHECK(c.clobbered == 0);
    if (offset_ms == 0) {
      CHECK(c.causal_inversions == 0);
      CHECK(simulation.stored(1, 5)->id == 1);
    } else {
      CHECK(c.causal_inversions == 1);
      REQUIRE(c.causal_inversion_examples.size() == 1);
      CHECK(c.causal_inversion_examples[0].replica == "a");  // it lost at once, in its own region
      CHECK(c.causal_inversion_examples[0].at_ns == 200'000'000);
      CHECK(c.causal_inversion_examples[0].loser.id == 1);
      CHECK(c.causal_inversion_examples[0].winner.id == 0);
      CHECK(simulation.stored(0, 5)->id == 0);
      CHECK(simulation.stored(1, 5)->id == 0);
    }
    CHECK(result.convergence.divergent_items == 0);
  }
}

TEST_CASE("LWW: a tombstone is not resurrected by an older put arriving later") {
  // a -> c is slow (500ms); b sees a's put at 10ms, deletes at 100ms, and the
  // tombstone reaches c at 110ms, long before a's put.
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(10)));
  gtsim_test::set_latency(world, 0, 2, sim::LatencyModel::fixed(ms(500)));
  model::Simulation simulation(world);
  simulation.add_scripted_write(0, at_ms(0), 9, Operation::kPut);
  simulation.add_scripted_write(1, at_ms(100), 9, Operation::kDelete);
  const model::RunResult result = simulation.run();
  for (size_t region = 0; region < 3; ++region) {
    CAPTURE(region);
    REQUIRE(simulation.stored(region, 9));
    CHECK(simulation.stored(region, 9)->op == Operation::kDelete);
  }
  CHECK(result.conflicts.clobbered == 0);
  CHECK(result.conflicts.causal_inversions == 0);
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("LWW: deleting an absent item replicates nothing") {
  model::Simulation simulation(make_world({"a", "b"}, k100ms));
  simulation.add_scripted_write(0, at_ms(0), 4, Operation::kDelete);
  const model::RunResult result = simulation.run();
  CHECK(result.conflicts.writes == 0);
  CHECK(result.region_results[0].noop_deletes == 1);
  CHECK(result.region_results[0].operations[static_cast<int>(Operation::kDelete)] == 1);
  CHECK(result.pairs[0].replicated == 0);
  CHECK_FALSE(simulation.stored(1, 4));
}

TEST_CASE("LWW: equal timestamps are won by the region whose name sorts later") {
  // "b" is listed first; names, not positions, decide.
  model::Simulation simulation(make_world({"b", "a"}, k100ms));
  simulation.add_scripted_write(0, at_ms(10), 0, Operation::kPut);  // from b, id 0
  simulation.add_scripted_write(1, at_ms(10), 0, Operation::kPut);  // from a, id 1
  simulation.run();
  CHECK(simulation.stored(0, 0)->region == "b");
  CHECK(simulation.stored(1, 0)->region == "b");
}

namespace {
struct ArrivalOrder : model::Observer {
  std::vector<uint64_t> ids;
  std::vector<int64_t> times_ns;
  void on_commit(const model::WriteRecord&, sim::Instant) override {}
  void on_replicated(size_t, const model::WriteRecord& write, sim::Instant now) override {
    ids.push_back(write.id);
    times_ns.push_back(now.ns());
  }
};
}  // namespace

TEST_CASE("Replication: records of one item keep their order on a jittery link") {
  // Exponential jitter of mean 50ms would reorder writes 1ms apart most of the time.
  model::Scenario world = make_world(
      {"a", "b"}, sim::LatencyModel(ms(10), sim::Distribution::exponential(50e6)), 1);
  model::Simulation simulation(world);
  ArrivalOrder order;
  simulation.set_observer(&order);
  for (int i = 0; i < 50; ++i) simulation.add_scripted_write(0, at_ms(i), 0, Operation::kPut);
  simulation.run();
  REQUIRE(order.ids.size() == 50);
  for (uint64_t i = 0; i < 50; ++i) CHECK(order.ids[i] == i);
  // Held-back records arrive together with the one they waited for, so some
  // arrival times repeat: proof that the jitter did try to reorder them.
  CHECK(std::adjacent_find(order.times_ns.begin(), order.times_ns.end()) != order.times_ns.end());
}

TEST_CASE("RegionClock: steps jump, drift changes keep the reading continuous") {
  model::RegionClock clock(model::ClockConfig{ms(10), 1000.0});  // +10 ms, 1000 ppm fast
  CHECK(clock.read_ns(at_ms(1000)) == 1'011'000'000);             // 1 s + 10 ms + 1 ms
  clock.step(at_ms(1000), ms(-500));
  CHECK(clock.read_ns(at_ms(1000)) == 511'000'000);
  clock.set_drift(at_ms(2000), 0.0);
  CHECK(clock.read_ns(at_ms(2000)) == 1'512'000'000);             // + 1 s + 1 ms of drift
  CHECK(clock.read_ns(at_ms(3000)) == 2'512'000'000);             // no more drift
}
