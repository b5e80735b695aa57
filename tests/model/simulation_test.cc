// Whole runs of small random worlds: lag, the conflict math, convergence,
// named random streams.
#include <catch2/catch.hpp>

#include <cmath>
#include <tuple>
#include <vector>

#include "model/simulation.h"
#include "tests/model/test_worlds.h"

using gtsim_test::make_world;
using gtsim_test::ms;
using gtsim_test::writers;

TEST_CASE("Lag: constant latency L gives every lag exactly L (pipeline zeroed)") {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(37)), 1000,
                                     sim::Duration::seconds(20));
  for (auto& groups : world.workload) groups.push_back(writers(200));
  const model::RunResult result = model::Simulation(world).run();
  REQUIRE(result.pairs.size() == 6);
  for (const model::PairResult& pair : result.pairs) {
    CAPTURE(pair.from, pair.to);
    CHECK(pair.replicated > 3000);
    CHECK(pair.lag_ns.min() == 37'000'000);
    CHECK(pair.lag_ns.max() == 37'000'000);
    CHECK(pair.lag_ns.quantile(0.5) == 37'000'000);
    CHECK(pair.lag_ns.quantile(0.999) == 37'000'000);
  }
}

TEST_CASE("Lag: percentiles follow the latency distribution's quantiles (40ms + exp 5ms)") {
  const sim::LatencyModel latency(ms(40), sim::Distribution::exponential(5e6));
  model::Scenario world = make_world({"a", "b"}, latency, 1'000'000, sim::Duration::seconds(200));
  world.workload[0].push_back(writers(1000));
  const model::RunResult result = model::Simulation(world).run();
  const sim::Histogram& lag = result.pairs[0].lag_ns;
  REQUIRE(lag.count() > 190'000);
  // Tolerance: 2% covers the histogram's 0.4% bucket width plus sampling
  // error of a tail quantile over 200,000 draws (about 1% at p99.9).
  for (const double q : {0.5, 0.9, 0.99, 0.999}) {
    CAPTURE(q);
    CHECK(static_cast<double>(lag.quantile(q)) == Approx(latency.quantile_ns(q)).epsilon(0.02));
  }
  CHECK(lag.mean() == Approx(45e6).epsilon(0.005));
}

// Two regions, no skew, one-way delay d, Poisson writes at rate lambda per
// item in each region. A write at t is concurrent with any write of the
// other region in (t - d, t + d), and loses to one in (t, t + d): the
// fractions are 1 - exp(-2 lambda d) and 1 - exp(-lambda d).
TEST_CASE("Conflicts: concurrent and clobbered fractions match the Poisson math (lambda d = 0.5)") {
  const int64_t d_ms = 50;
  const uint64_t keys = 100;
  const double region_rate = 1000.0;                               // writes/s
  const double lambda_d = region_rate / static_cast<double>(keys) * (static_cast<double>(d_ms) / 1e3);
  model::Scenario world = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(d_ms)), keys,
                                     sim::Duration::seconds(100));
  world.workload[0].push_back(writers(region_rate));
  world.workload[1].push_back(writers(region_rate));
  const model::RunResult result = model::Simulation(world).run();
  const model::ConflictResult& c = result.conflicts;
  const double n = static_cast<double>(c.writes);
  REQUIRE(n > 190'000);

  const double p_concurrent = 1.0 - std::exp(-2.0 * lambda_d);
  const double p_clobbered = 1.0 - std::exp(-lambda_d);
  const double se_concurrent = std::sqrt(p_concurrent * (1.0 - p_concurrent) / n);
  const double se_clobbered = std::sqrt(p_clobbered * (1.0 - p_clobbered) / n);
  const double concurrent = static_cast<double>(c.concurrent_writes) / n;
  const double clobbered = static_cast<double>(c.clobbered) / n;
  CAPTURE(n, concurrent, p_concurrent, clobbered, p_clobbered);
  CHECK(std::fabs(concurrent - p_concurrent) < 3.0 * se_concurrent);
  CHECK(std::fabs(clobbered - p_clobbered) < 3.0 * se_clobbered);
  // Without skew the winner is always the later write.
  CHECK(c.skew_inversions == 0);
  CHECK(c.causal_inversions == 0);
  // Each concurrent pair has a loser, and a write can lose only once.
  CHECK(c.concurrent_pairs >= c.clobbered);
  CHECK(result.convergence.divergent_items == 0);
}

TEST_CASE("Convergence: random small worlds end with every replica identical (20 seeds)", "[slow]") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    model::Scenario world = make_world({"r0", "r1", "r2"},
                                       sim::LatencyModel(ms(20), sim::Distribution::exponential(30e6)),
                                       50, sim::Duration::seconds(10));
    world.seed = seed;
    world.regions[1].clock.offset = ms(-200);
    world.regions[2].clock.drift_ppm = 2000.0;
    world.replication.poll_interval = ms(100);
    world.replication.batch_size = 7;
    world.replication.apply_time = sim::LatencyModel(ms(5), sim::Distribution::uniform(0, 20e6));
    for (auto& groups : world.workload) {
      model::ClientGroupConfig group = writers(300);
      group.mix = model::OperationMix{50, 20, 20, 10};
      groups.push_back(group);
    }
    const model::RunResult result = model::Simulation(world).run();
    CAPTURE(seed);
    CHECK(result.conflicts.clobbered > 0);
    CHECK(result.conflicts.causal_inversions > 0);
    CHECK(result.convergence.items == 50);
    CHECK(result.convergence.divergent_items == 0);
  }
}

namespace {
// Records what one region committed: (true time, key, operation).
struct CommitLog : model::Observer {
  explicit CommitLog(uint16_t region) : region_(region) {}
  std::vector<std::tuple<int64_t, uint64_t, model::Operation>> commits;
  void on_commit(const model::WriteRecord& write, sim::Instant now) override {
    if (write.origin == region_) commits.emplace_back(now.ns(), write.key, write.op);
  }
  void on_replicated(size_t, const model::WriteRecord&, sim::Instant) override {}
  uint16_t region_;
};
}  // namespace

TEST_CASE("Named streams: adding a region's workload leaves every other region's draws unchanged") {
  model::Scenario alone = make_world({"a", "b"}, sim::LatencyModel::fixed(ms(30)), 100,
                                     sim::Duration::seconds(5));
  model::ClientGroupConfig group = writers(500);
  group.mix = model::OperationMix{70, 30, 0, 0};  // no deletes: a no-op delete depends on b
  alone.workload[0].push_back(group);
  model::Scenario both = alone;
  both.workload[1].push_back(writers(800));
  both.workload[1].push_back(writers(100, "1"));

  CommitLog log_alone(0), log_both(0);
  model::Simulation first(alone), second(both);
  first.set_observer(&log_alone);
  second.set_observer(&log_both);
  first.run();
  second.run();
  REQUIRE(log_alone.commits.size() > 1500);
  CHECK(log_alone.commits == log_both.commits);
}

// The run loop checks its limits at one event count at a time (the next of
// max_events and the next multiple of kStopPollEvents): a run stops at
// exactly max_events, the callbacks run at every multiple and only there,
// and where both fall on one event, max_events comes first.
TEST_CASE("RunLimits: max_events stops at exactly that event; the guards are polled every kStopPollEvents") {
  model::Scenario world = make_world({"a", "b", "c"}, sim::LatencyModel::fixed(ms(37)), 1000,
                                     sim::Duration::seconds(60));
  for (auto& groups : world.workload) groups.push_back(writers(1000));
  constexpr uint64_t kPoll = model::RunLimits::kStopPollEvents;
  for (const uint64_t max_events : {uint64_t{0}, uint64_t{1}, kPoll - 1, kPoll, kPoll + 1, 2 * kPoll + 1}) {
    CAPTURE(max_events);
    model::RunLimits limits;
    limits.max_events = max_events;
    const model::RunResult result = model::Simulation(world).run(limits);
    CHECK(result.events == max_events);
    CHECK(result.stop.reason == model::StopReason::kMaxEvents);
  }
  std::vector<int64_t> progress;
  int polls = 0;
  model::RunLimits limits;
  limits.on_progress = [&](sim::Instant now) { progress.push_back(now.ns()); };
  limits.should_stop = [&] { return ++polls == 3; };
  const model::RunResult stopped = model::Simulation(world).run(limits);
  CHECK(stopped.events == 3 * kPoll);
  CHECK(stopped.stop.reason == model::StopReason::kStopped);
  CHECK(progress.size() == 3);
  polls = 0;
  limits.max_events = 2 * kPoll;
  const model::RunResult both = model::Simulation(world).run(limits);
  CHECK(both.events == 2 * kPoll);
  CHECK(both.stop.reason == model::StopReason::kMaxEvents);
  CHECK(polls == 1);
  const model::RunResult whole = model::Simulation(world).run();
  CHECK(whole.stop.reason == model::StopReason::kCompleted);
  CHECK(whole.events > 4 * kPoll);
}
