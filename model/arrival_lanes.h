// ArrivalLanes: each client group's next request, held beside the event
// queue instead of in it.
//
// A group has at most one request scheduled at a time (the next is
// scheduled when the last one runs), so a request needs no heap event of its own: the
// run takes whichever comes first, the queue's earliest event or the
// earliest lane. That keeps the queue small (its events are replication's,
// retries and ticks) and spares every request a push and a pop.
//
// Order: exactly the queue's rule, (time, then the order of scheduling),
// as if the requests had been pushed there (sim/event_queue.h). A lane
// remembers how many events the queue had been given when it was scheduled
// (`queued_before`): it runs before a queued event of the same time whose
// sequence number is at least that (scheduled after it) and after one with
// a smaller number (scheduled before it). Two lanes of the same time run in
// the order they were scheduled.
//
// Storage: a binary heap (std::push_heap) of at most one lane per client group, reserved
// up front: scheduling never allocates once built.
// Determinism: no randomness and no clock; the order above depends only on
// the sequence of schedule() calls and queue pushes.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "model/client_group.h"
#include "sim/assert.h"
#include "sim/time.h"

namespace model {

class ArrivalLanes {
 public:
  struct Lane {
    sim::Instant at;
    uint64_t queued_before;  // events the queue had been given when this was scheduled
    uint64_t order;          // lanes scheduled before this one
    Request request;
    uint32_t group;
  };

  explicit ArrivalLanes(size_t groups) { heap_.reserve(groups); }

  // `group`'s next request, at `at`; REQUIRES: it has none scheduled.
  void schedule(uint32_t group, sim::Instant at, const Request& request, uint64_t queued_before) {
    GTSIM_ASSERT(heap_.size() < heap_.capacity());
    heap_.push_back(Lane{at, queued_before, scheduled_++, request, group});
    std::push_heap(heap_.begin(), heap_.end(), later);
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }

  // True if the earliest lane runs before the queued event (at, sequence).
  // REQUIRES: !empty().
  bool before(sim::Instant at, uint64_t sequence) const {
    const Lane& lane = heap_.front();
    if (lane.at != at) return lane.at < at;
    return lane.queued_before <= sequence;
  }

  // The earliest lane. REQUIRES: !empty().
  const Lane& earliest() const { return heap_.front(); }
  // Removes and returns the earliest lane. REQUIRES: !empty().
  Lane take() {
    GTSIM_ASSERT(!heap_.empty());
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const Lane top = heap_.back();
    heap_.pop_back();
    return top;
  }

 private:
  // The heap's order, reversed for std::push_heap's max-heap: (at, order)
  // is unique, so the order of lanes never depends on the algorithm.
  static bool later(const Lane& a, const Lane& b) { return a.at != b.at ? a.at > b.at : a.order > b.order; }

  std::vector<Lane> heap_;
  uint64_t scheduled_ = 0;
};

}  // namespace model
