// Tests for sim/event_queue.h: whole traces compared at once. The order rule
// is (time, sequence number), sequence = insertion order.
#include "sim/event_queue.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
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

// The queue's order as a sorted set of (time, sequence, payload): what
// each pop must return.
struct SortedModel {
  std::set<std::tuple<int64_t, uint64_t, int>> pending;
  uint64_t sequence = 0;

  void push(EventQueue<TestEvent>& queue, int64_t at, int payload) {
    queue.push(Instant::from_ns(at), {payload});
    pending.emplace(at, sequence++, payload);
  }
  // Pops one entry from each and requires the same; returns its time.
  int64_t pop_and_check(EventQueue<TestEvent>& queue) {
    const auto entry = queue.pop();
    const auto [at, seq, payload] = *pending.begin();
    pending.erase(pending.begin());
    REQUIRE(entry.at.ns() == at);
    REQUIRE(entry.sequence == seq);
    REQUIRE(entry.event.payload == payload);
    return at;
  }
};

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

TEST_CASE("EventQueue: pushes anywhere in time, one to thousands pending, pop in (time, sequence) order",
          "[sim][event_queue]") {
  // Against a sorted model, held at sizes around the heap's shapes (1 entry,
  // a root with 1 or 4 children, a partial last family, 21 = full levels,
  // one past 85 = full levels, thousands) and through every size on
  // the final drain: times spread wide (no ties: the pop's comparisons by
  // time alone), narrow (ties everywhere: the full rule) and mixed, pushed
  // before and after what was popped last.
  for (const int64_t spread : {int64_t{1'000'000'000}, int64_t{3}, int64_t{40}}) {
    EventQueue<TestEvent> queue(4);
    SortedModel sorted;
    const auto& model = sorted.pending;
    Rng rng(static_cast<uint64_t>(spread));
    const auto push = [&](int payload) {
      sorted.push(queue, static_cast<int64_t>(rng.below(static_cast<uint64_t>(spread))), payload);
    };
    const auto pop_one = [&] { sorted.pop_and_check(queue); };
    int payload = 0;
    for (size_t target : {size_t{1}, size_t{2}, size_t{5}, size_t{6}, size_t{21}, size_t{86}, size_t{3000}}) {
      while (model.size() < target) push(payload++);
      for (int round = 0; round < 2000; ++round) {  // hold the size: a pop, then a push
        pop_one();
        push(payload++);
        REQUIRE(queue.size() == model.size());
      }
    }
    while (!model.empty()) pop_one();
    CHECK(queue.empty());
  }
}

TEST_CASE("EventQueue: a simulation's pattern of pushes keeps (time, sequence) order", "[sim][event_queue]") {
  // A simulation's pushes: each popped event schedules zero to two more,
  // some at its own time or just behind it, most from a nanosecond to a
  // few network latencies ahead, some an hour ahead; bursts at one
  // instant. Some 200 pending, over a run of many seconds. Against a sorted
  // model, pop by pop.
  constexpr int64_t kStep = 131'072;       // 2^17 ns
  constexpr int64_t kLatency = 536'870'912;  // 2^29 ns, about half a second
  const std::vector<int64_t> delays = {0,
                                       1,
                                       kStep - 1,
                                       kStep,
                                       3 * kStep + 7,
                                       kLatency / 3,
                                       kLatency - kStep,
                                       kLatency - 1,
                                       kLatency,
                                       kLatency + kStep,
                                       5 * kLatency + 11,
                                       int64_t{3'600'000'000'000}};
  EventQueue<TestEvent> queue(4);
  SortedModel sorted;
  const auto& model = sorted.pending;
  Rng rng(2026);
  int payload = 0;
  const auto push = [&](int64_t at) { sorted.push(queue, at, payload++); };
  for (int i = 0; i < 50; ++i) push(static_cast<int64_t>(rng.below(uint64_t{2} * kLatency)));
  int64_t popped = 0;
  for (int pops = 0; pops < 150'000 && !model.empty(); ++pops) {
    popped = sorted.pop_and_check(queue);
    const uint64_t fanout = model.size() < 150 ? 2 : model.size() > 250 ? 0 : 1;
    for (uint64_t k = 0; k < fanout; ++k) {
      const int64_t delay = delays[rng.below(delays.size())];
      const int64_t jitter = static_cast<int64_t>(rng.below(uint64_t{40} * kStep));
      const uint64_t shape = rng.below(50);
      if (shape == 0) {
        push(popped - static_cast<int64_t>(rng.below(3)));  // behind what was popped last
      } else if (shape == 1) {
        for (int b = 0; b < 20; ++b) push(popped + delay);  // a burst at one instant
      } else {
        push(popped + delay + jitter);
      }
    }
    REQUIRE(queue.size() == model.size());
  }
  CHECK(popped > 100 * kLatency);  // a run of many simulated seconds
  while (!model.empty()) sorted.pop_and_check(queue);
  CHECK(queue.empty());
  CHECK(queue.pushed() == sorted.sequence);
}

TEST_CASE("EventQueue: emptied and refilled far from where it stopped", "[sim][event_queue]") {
  EventQueue<TestEvent> queue;
  queue.push(Instant::from_ns(int64_t{86'400'000'000'000}), {0});  // a day ahead
  queue.push(Instant::from_ns(5), {1});
  CHECK(queue.pop().event.payload == 1);
  CHECK(queue.next_time() == Instant::from_ns(int64_t{86'400'000'000'000}));
  CHECK(queue.pop().event.payload == 0);
  CHECK(queue.empty());
  queue.push(Instant::from_ns(7), {2});  // behind the last pop, on an empty queue
  queue.push(Instant::from_ns(int64_t{86'400'000'000'001}), {3});
  queue.push(Instant::from_ns(7), {4});
  CHECK(queue.pop().event.payload == 2);
  CHECK(queue.pop().event.payload == 4);
  CHECK(queue.pop().event.payload == 3);
  CHECK(queue.empty());
}

}  // namespace
}  // namespace sim
