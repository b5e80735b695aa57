// ArrivalLanes: each client group's next request, held beside the event
// queue instead of in it.
//
// A group has at most one request scheduled at a time (the next is drawn
// when the last one runs), so a request needs no heap event of its own: the
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
// Storage: a binary min-heap of at most one lane per client group, reserved
// up front: scheduling never allocates once built.
// Determinism: no randomness and no clock; the order above depends only on
// the sequence of schedule() calls and queue pushes.
#pragma once

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
    sift_up(heap_.size() - 1);
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
    const Lane top = heap_.front();
    const Lane last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return top;
  }

 private:
  static bool earlier(const Lane& a, const Lane& b) { return a.at != b.at ? a.at < b.at : a.order < b.order; }

  void sift_up(size_t index) {
    const Lane moving = heap_[index];
    while (index > 0) {
      const size_t parent = (index - 1) / 2;
      if (!earlier(moving, heap_[parent])) break;
      heap_[index] = heap_[parent];
      index = parent;
    }
    heap_[index] = moving;
  }

  // Places `moving`, which replaces the root.
  void sift_down(const Lane& moving) {
    const size_t size = heap_.size();
    size_t index = 0;
    for (;;) {
      size_t child = 2 * index + 1;
      if (child >= size) break;
      if (child + 1 < size && earlier(heap_[child + 1], heap_[child])) ++child;
      if (!earlier(heap_[child], moving)) break;
      heap_[index] = heap_[child];
      index = child;
    }
    heap_[index] = moving;
  }

  std::vector<Lane> heap_;
  uint64_t scheduled_ = 0;
};

}  // namespace model
