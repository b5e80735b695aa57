// Tests for model/arrival_lanes.h: client requests held beside the event
// queue run in exactly the order the queue alone would give them, (time,
// then scheduling order), ties with queued events included.
#include "model/arrival_lanes.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "sim/event_queue.h"
#include "sim/random.h"

namespace model {
namespace {

// What ran, in order: a lane's group (0..) or a queued event's id (1000..).
using Trace = std::vector<uint32_t>;

struct Tagged {
  uint32_t id;
};

// Schedules `steps` random arrivals (`groups` groups, each with at most one
// scheduled) and queued events on a coarse clock so that ties are common;
// runs them through the queue alone and through the queue plus the lanes.
std::pair<Trace, Trace> both_orders(uint64_t seed, int steps, uint32_t groups = 3) {
  sim::Rng rng(seed);
  sim::EventQueue<Tagged> alone;
  sim::EventQueue<Tagged> queue;
  ArrivalLanes lanes(groups);
  std::vector<bool> scheduled(groups, false);
  Trace expected, actual;
  uint32_t next_id = 1000;
  int64_t now = 0;
  const auto schedule_some = [&] {
    for (int i = 0; i < 3; ++i) {
      const sim::Instant at = sim::Instant::from_ns(now + static_cast<int64_t>(rng.below(3)));
      const auto group = static_cast<uint32_t>(rng.below(groups + 1));
      if (group < groups && !scheduled[group]) {
        scheduled[group] = true;
        alone.push(at, Tagged{group});
        lanes.schedule(group, at, Request{Operation::kGet, group}, queue.pushed());
      } else {
        alone.push(at, Tagged{next_id});
        queue.push(at, Tagged{next_id++});
      }
    }
  };
  schedule_some();
  for (int step = 0; step < steps && !alone.empty(); ++step) {
    const auto entry = alone.pop();
    expected.push_back(entry.event.id);
    if (!lanes.empty() && (queue.empty() || lanes.before(queue.peek().at, queue.peek().sequence))) {
      const uint32_t earliest = lanes.earliest().group;
      const ArrivalLanes::Lane lane = lanes.take();
      REQUIRE(lane.group == earliest);
      actual.push_back(lane.group);
      REQUIRE(lane.at == entry.at);
      scheduled[lane.group] = false;
    } else {
      const auto queued = queue.pop();
      actual.push_back(queued.event.id);
      REQUIRE(queued.at == entry.at);
    }
    now = entry.at.ns();
    if (entry.event.id < groups) scheduled[entry.event.id] = false;
    schedule_some();
  }
  return {expected, actual};
}

TEST_CASE("ArrivalLanes: lanes and the queue together keep the queue's order, ties included") {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    const auto [expected, actual] = both_orders(seed, 2000);
    REQUIRE(expected.size() == 2000);
    REQUIRE(actual == expected);
  }
}

TEST_CASE("ArrivalLanes: one group, two, or more than a power of two keep the queue's order") {
  for (const uint32_t groups : {1U, 2U, 5U, 17U}) {
    for (uint64_t seed = 1; seed <= 5; ++seed) {
      const auto [expected, actual] = both_orders(seed * 100 + groups, 2000, groups);
      REQUIRE(expected.size() == 2000);
      REQUIRE(actual == expected);
    }
  }
}

TEST_CASE("ArrivalLanes: lanes of one time run in the order they were scheduled") {
  ArrivalLanes lanes(3);
  const sim::Instant at = sim::Instant::from_ns(5);
  lanes.schedule(2, at, Request{Operation::kPut, 0}, 0);
  lanes.schedule(0, at, Request{Operation::kPut, 0}, 0);
  lanes.schedule(1, sim::Instant::from_ns(4), Request{Operation::kPut, 0}, 7);
  REQUIRE(lanes.take().group == 1);
  REQUIRE(lanes.take().group == 2);
  REQUIRE(lanes.take().group == 0);
  REQUIRE(lanes.empty());
}

}  // namespace
}  // namespace model
