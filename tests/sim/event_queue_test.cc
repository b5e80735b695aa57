// Tests for sim/event_queue.h: whole traces compared at once. The order rule
// is (time, sequence number), sequence = insertion order.
#include "sim/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/random.h"

namespace sim {
namespace {

struct TestEvent {
  int payload;
};

using Trace = std::vector<std::pair<int64_t, int>>;  // (time ns, payload)

Trace drain(EventQueue<TestEvent>& queue) {
  Trace trace;
  while (!queue.empty()) {
    const Instant next = queue.next_time();
    const auto entry = queue.pop();
    CHECK(entry.at == next);
    trace.emplace_back(entry.at.ns(), entry.event.payload);
  }
  return trace;
}

TEST_CASE("EventQueue: pops by time, ties in insertion order (trace)", "[sim][event_queue]") {
  EventQueue<TestEvent> queue(4);  // small reserve: growth must not reorder
  const Trace pushes = {{30, 0}, {10, 1}, {20, 2}, {10, 3}, {30, 4}, {0, 5},  {10, 6},
                        {20, 7}, {0, 8},  {30, 9}, {10, 10}, {5, 11}, {30, 12}, {10, 13}};
  for (const auto& [time, payload] : pushes) queue.push(Instant::from_ns(time), {payload});
  CHECK(queue.size() == pushes.size());
  CHECK(queue.pushed() == pushes.size());
  const Trace expected = {{0, 5},  {0, 8},  {5, 11}, {10, 1}, {10, 3}, {10, 6},  {10, 10},
                          {10, 13}, {20, 2}, {20, 7}, {30, 0}, {30, 4}, {30, 9}, {30, 12}};
  CHECK(drain(queue) == expected);
  CHECK(queue.empty());
  CHECK(queue.pushed() == pushes.size());
}

TEST_CASE("EventQueue: sequence numbers are the insertion order", "[sim][event_queue]") {
  EventQueue<TestEvent> queue;
  queue.push(Instant::from_ns(5), {0});
  queue.push(Instant::from_ns(1), {1});
  queue.push(Instant::from_ns(5), {2});
  CHECK(queue.pop().sequence == 1);
  CHECK(queue.pop().sequence == 0);
  CHECK(queue.pop().sequence == 2);
}

TEST_CASE("EventQueue: interleaved push and pop keep (time, sequence) order (10000 ops)",
          "[sim][event_queue]") {
  // A model of the queue: a vector of (time, sequence, payload) searched for
  // its minimum. Random pushes, many at equal times, interleaved with pops.
  EventQueue<TestEvent> queue(16);
  std::vector<std::pair<std::pair<int64_t, uint64_t>, int>> model;
  Rng rng(99);
  int64_t now = 0;
  uint64_t sequence = 0;
  Trace actual;
  Trace expected;
  for (int op = 0; op < 10'000; ++op) {
    if (model.empty() || rng.below(3) != 0) {
      // Never in the past, as in a simulation; times in a small range for ties.
      const int64_t at = now + static_cast<int64_t>(rng.below(8));
      const int payload = op;
      queue.push(Instant::from_ns(at), {payload});
      model.push_back({{at, sequence++}, payload});
    } else {
      const auto entry = queue.pop();
      now = entry.at.ns();
      actual.emplace_back(entry.at.ns(), entry.event.payload);
      const auto earliest = std::min_element(model.begin(), model.end());
      expected.emplace_back(earliest->first.first, earliest->second);
      model.erase(earliest);
    }
    REQUIRE(queue.size() == model.size());
  }
  while (!queue.empty()) {
    const auto entry = queue.pop();
    actual.emplace_back(entry.at.ns(), entry.event.payload);
    const auto earliest = std::min_element(model.begin(), model.end());
    expected.emplace_back(earliest->first.first, earliest->second);
    model.erase(earliest);
  }
  CHECK(actual == expected);
  CHECK(queue.pushed() == sequence);
}

}  // namespace
}  // namespace sim
