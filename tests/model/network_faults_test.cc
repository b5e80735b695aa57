// Partitions, heals, paused replication, degraded links, clock events and
// the 20-hour limit: what each does to lag, conflicts and convergence.
#include <catch2/catch.hpp>

#include <vector>

#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::at_ms;
using gtsim_test::make_world;
using gtsim_test::ms;
using gtsim_test::writers;
using model::Operation;
using model::TimelineEvent;
using model::TimelineKind;

namespace {

TimelineEvent links_event(TimelineKind kind, sim::Duration at, std::vector<std::pair<size_t, size_t>> links) {
  TimelineEvent e;
  e.kind = kind;
  e.at = at;
  e.links = std::move(links);
  return e;
}

// Records (issued, applied) true times of every replicated write.
struct LagLog : model::Observer {
  std::vector<std::pair<int64_t, int64_t>> applied;
  void on_commit(const model::WriteRecord&, sim::Instant) override {}
  void on_replicated(size_t, const model::WriteRecord& write, sim::Instant now) override {
    applied.emplace_back(write.issued_ns, now.ns());
  }
};

}  // namespace

TEST_CASE("Partition: nothing written during it is lost, its lag covers the partition's rest, and replicas converge") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 200, sim::Duration::seconds(60));
  world.workload[0].push_back(writers(50));
  world.workload[1].push_back(writers(50));
  const sim::Duration cut = sim::Duration::seconds(10), heal = sim::Duration::seconds(40);
  world.timeline = {links_event(TimelineKind::kCutLinks, cut, {{0, 1}, {1, 0}}),
                    links_event(TimelineKind::kRestoreLinks, heal, {{0, 1}, {1, 0}})};
  model::Simulation simulation(world);
  LagLog log;
  simulation.set_observer(&log);
  const model::RunResult result = simulation.run();
  CHECK(result.pairs[0].replicated == result.region_results[0].writes());
  CHECK(result.pairs[1].replicated == result.region_results[1].writes());
  int during = 0;
  for (const auto& [issued, applied] : log.applied) {
    if (issued < cut.ns() || issued >= heal.ns()) continue;
    ++during;
    CHECK(applied - issued >= heal.ns() - issued);
  }
  CHECK(during > 2500);
  CHECK(result.conflicts.clobbered > 0);  // both sides wrote the same items meanwhile
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("Partition: one way only holds one direction") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 200, sim::Duration::seconds(20));
  world.workload[0].push_back(writers(50));
  world.workload[1].push_back(writers(50));
  world.timeline = {links_event(TimelineKind::kCutLinks, sim::Duration::seconds(5), {{0, 1}}),
                    links_event(TimelineKind::kRestoreLinks, sim::Duration::seconds(15), {{0, 1}})};
  const model::RunResult result = model::Simulation(world).run();
  CHECK(result.pairs[0].lag_ns.max() > 9'000'000'000);   // a -> b waited up to 10 s
  CHECK(result.pairs[1].lag_ns.max() == 40'000'000);     // b -> a never did
}

TEST_CASE("Clock step: a handcrafted causal inversion appears only with the step") {
  for (const bool step : {false, true}) {
    model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(100)));
    if (step) {
      TimelineEvent e;
      e.kind = TimelineKind::kClockStep;
      e.at = ms(150);
      e.region = 0;
      e.clock_step = ms(-500);
      world.timeline = {e};
    }
    model::Simulation simulation(world);
    simulation.add_scripted_write(1, at_ms(0), 5, Operation::kPut);    // b, ts 0; reaches a at 100 ms
    simulation.add_scripted_write(0, at_ms(200), 5, Operation::kPut);  // a, ts 200 ms, or -300 ms after the step
    const model::RunResult result = simulation.run();
    CAPTURE(step);
    CHECK(result.conflicts.causal_inversions == (step ? 1u : 0u));
    CHECK(result.convergence.divergent_items == 0);
  }
}

TEST_CASE("Pause replication: records wait from when the pause takes hold until it ends") {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(20)), 1000, sim::Duration::seconds(30));
  // b's replication in and out pauses from 12 s (asked at 10 s, takes hold 2 s later) to 20 s.
  std::vector<std::pair<size_t, size_t>> b_links = {{1, 0}, {0, 1}, {1, 2}, {2, 1}};
  world.timeline = {links_event(TimelineKind::kCutLinks, sim::Duration::seconds(12), b_links),
                    links_event(TimelineKind::kRestoreLinks, sim::Duration::seconds(20), b_links)};
  model::Simulation simulation(world);
  simulation.add_scripted_write(0, at_ms(11'000), 1, Operation::kPut);  // before it takes hold
  simulation.add_scripted_write(0, at_ms(15'000), 2, Operation::kPut);  // during it
  LagLog log;
  simulation.set_observer(&log);
  const model::RunResult result = simulation.run();
  REQUIRE(log.applied.size() == 4);
  // a -> c is not paused: 20 ms each; a -> b: 20 ms before, 5 s + 20 ms during.
  CHECK(result.pairs[1].lag_ns.max() == 20'000'000);   // a -> c
  CHECK(result.pairs[0].lag_ns.min() == 20'000'000);   // a -> b, before
  CHECK(result.pairs[0].lag_ns.max() == 5'020'000'000);
}

TEST_CASE("Degraded link: writes sent while it is degraded take the degraded latency") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(20)), 100, sim::Duration::seconds(10));
  TimelineEvent slow = links_event(TimelineKind::kSetLatency, sim::Duration::seconds(2), {{0, 1}});
  slow.latency = sim::LatencyModel::fixed(ms(300));
  TimelineEvent back = links_event(TimelineKind::kSetLatency, sim::Duration::seconds(4), {{0, 1}});
  back.latency = sim::LatencyModel::fixed(ms(20));
  world.timeline = {slow, back};
  model::Simulation simulation(world);
  simulation.add_scripted_write(0, at_ms(1000), 1, Operation::kPut);
  simulation.add_scripted_write(0, at_ms(3000), 2, Operation::kPut);
  simulation.add_scripted_write(0, at_ms(5000), 3, Operation::kPut);
  const model::RunResult result = simulation.run();
  CHECK(result.pairs[0].lag_ns.min() == 20'000'000);
  CHECK(result.pairs[0].lag_ns.max() == 300'000'000);
  CHECK(result.pairs[0].lag_ns.count() == 3);
}

TEST_CASE("Disabled region: a replica disabled for more than 20 hours leaves the group and diverges") {
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(40)), 50, sim::Duration::hours(22));
  world.workload[0].push_back(writers(0.05));
  TimelineEvent down;
  down.kind = TimelineKind::kOutage;
  down.region = 1;
  down.at = sim::Duration::hours(1);
  down.outage.cause = model::OutageCause::kRegionDisabled;
  TimelineEvent up = down;
  up.kind = TimelineKind::kRecover;
  up.at = sim::Duration::hours(21) + sim::Duration::minutes(30);
  world.timeline = {down, up};
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.outages.size() == 1);
  const model::OutageResult& o = result.outages[0];
  CHECK(o.cause == model::OutageCause::kRegionDisabled);
  CHECK(o.left_group_ns == sim::Duration::hours(21).ns());
  CHECK(o.divergent_items > 0);   // what a wrote while b was away never reaches b
  CHECK(result.convergence.divergent_items == 0);  // the group itself (a alone) agrees
}
