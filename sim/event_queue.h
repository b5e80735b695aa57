// EventQueue: the pending events of a simulation, earliest first.
//
// Order rule: events are ordered by the key (time, sequence number), where the
// sequence number is the insertion order (0, 1, 2, ... per queue). So events
// at the same time run in the order they were scheduled (first in, first out),
// and the order never depends on the heap's layout, on pointer values or on
// anything but the sequence of push() calls.
//
// Storage: a 4-ary min-heap in a std::vector reserved up front; it grows only
// to the peak number of pending events, so push and pop do not allocate once
// warmed up. Event should be a small trivially copyable record (a tag and a
// few ids); payloads too large for that belong in the caller's tables.
//
// Determinism: the queue holds no randomness and never reads the wall clock.
// Not thread-safe: one queue belongs to one simulation run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/assert.h"
#include "sim/time.h"

namespace sim {

template <class Event>
class EventQueue {
  static_assert(std::is_trivially_copyable_v<Event>, "events are small trivially copyable records");

 public:
  struct Entry {
    Instant at;
    uint64_t sequence;
    Event event;
  };

  explicit EventQueue(size_t reserve = 1024) { heap_.reserve(reserve); }

  // Schedules event at time at; it gets the next sequence number.
  void push(Instant at, const Event& event) {
    const Entry moving{at, pushed_++, event};
    size_t index = heap_.size();
    heap_.push_back(moving);
    while (index > 0) {  // up to its place, shifting parents down into the hole
      const size_t parent = (index - 1) / kArity;
      if (!earlier(moving, heap_[parent])) break;
      heap_[index] = heap_[parent];
      index = parent;
    }
    heap_[index] = moving;
  }

  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }
  // Bytes the heap takes (allocated, not only used).
  size_t bytes() const { return heap_.capacity() * sizeof(Entry); }

  // REQUIRES: !empty().
  Instant next_time() const {
    GTSIM_ASSERT(!heap_.empty());
    return heap_.front().at;
  }

  // The entry pop() would return, without removing it. REQUIRES: !empty().
  const Entry& peek() const {
    GTSIM_ASSERT(!heap_.empty());
    return heap_.front();
  }

  // Removes and returns the entry with the smallest (time, sequence).
  // REQUIRES: !empty().
  Entry pop() {
    GTSIM_ASSERT(!heap_.empty());
    Entry top = heap_.front();
    const Entry last = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) sift_down(last);
    return top;
  }

  // Total number of events ever pushed (also the next sequence number).
  uint64_t pushed() const { return pushed_; }

 private:
  static constexpr size_t kArity = 4;

  static bool earlier(const Entry& a, const Entry& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.sequence < b.sequence;
  }

  // Places moving, which replaces the root, shifting smaller children up.
  void sift_down(const Entry& moving) {
    const size_t size = heap_.size();
    size_t index = 0;
    for (;;) {
      const size_t first_child = index * kArity + 1;
      if (first_child >= size) break;
      size_t best = first_child;
      if (first_child + kArity <= size) {  // all four children, unrolled
        if (earlier(heap_[first_child + 1], heap_[best])) best = first_child + 1;
        if (earlier(heap_[first_child + 2], heap_[best])) best = first_child + 2;
        if (earlier(heap_[first_child + 3], heap_[best])) best = first_child + 3;
      } else {
        for (size_t child = first_child + 1; child < size; ++child) {
          if (earlier(heap_[child], heap_[best])) best = child;
        }
      }
      if (!earlier(heap_[best], moving)) break;
      heap_[index] = heap_[best];
      index = best;
    }
    heap_[index] = moving;
  }

  std::vector<Entry> heap_;
  uint64_t pushed_ = 0;
};

}  // namespace sim
