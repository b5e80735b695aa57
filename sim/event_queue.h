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
// warmed up. A push compares times only (the new entry has the largest
// sequence number); a pop is bottom-up and compares times only unless two
// tie (place_from_root). Event should be a small trivially copyable record
// (a tag and a few ids); payloads too large for that belong in the
// caller's tables.
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
    size_t hole = heap_.size() * sizeof(Entry);  // a byte offset, as in the pop
    heap_.push_back(moving);                      // its place unless it rises
    // Every entry was pushed before this one: a parent of the same time
    // runs first, so the time alone decides.
    const auto runs_first = [&](size_t offset) { return entry_at(offset)->at.ns() <= at.ns(); };
    if (hole == 0 || runs_first(parent_of(hole))) return;
    for (;;) {  // up to its place, shifting parents down into the hole
      const size_t parent = parent_of(hole);
      *entry_at(hole) = *entry_at(parent);
      hole = parent;
      if (hole == 0 || runs_first(parent_of(hole))) break;
    }
    *entry_at(hole) = moving;
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
    const Entry top = heap_.front();
    const size_t size = heap_.size() - 1;  // after the pop
    if (size > 0) place_from_root(size);
    heap_.pop_back();
    return top;
  }

  // Total number of events ever pushed (also the next sequence number).
  uint64_t pushed() const { return pushed_; }

 private:
  static constexpr size_t kArity = 4;

  // The order rule. Times rarely tie, so the sequence is read only when they do.
  static bool earlier(const Entry& a, const Entry& b) {
    if (a.at.ns() != b.at.ns()) [[likely]] return a.at.ns() < b.at.ns();
    return a.sequence < b.sequence;
  }

  // The smallest of the four entries from `children` on. By time alone,
  // unless two of the times compared tie: then by the whole rule.
  static const Entry* smallest_of_four(const Entry* children) {
    const Entry* best = children;
    int64_t best_at = children[0].at.ns();
    for (size_t i = 1; i < kArity; ++i) {
      const int64_t at = children[i].at.ns();
      if (at == best_at) [[unlikely]] return smallest_of_four_tied(children);
      best = at < best_at ? children + i : best;  // conditional moves, no branch
      best_at = at < best_at ? at : best_at;
    }
    return best;
  }
  [[gnu::noinline]] static const Entry* smallest_of_four_tied(const Entry* children) {
    const Entry* best = children;
    for (size_t i = 1; i < kArity; ++i) {
      if (earlier(children[i], *best)) best = children + i;
    }
    return best;
  }

  // The entry `offset` bytes into the heap. The pop walks by byte offsets:
  // the first child of the entry at x is at 4 x + sizeof(Entry), one
  // address computation where an index takes three.
  Entry* entry_at(size_t offset) { return reinterpret_cast<Entry*>(reinterpret_cast<char*>(heap_.data()) + offset); }
  static size_t parent_of(size_t offset) { return (offset - sizeof(Entry)) / (kArity * sizeof(Entry)) * sizeof(Entry); }
  size_t offset_of(const Entry* entry) {
    return static_cast<size_t>(reinterpret_cast<const char*>(entry) - reinterpret_cast<const char*>(heap_.data()));
  }

  // Places `moving`, the last entry (heap_[size]), in the heap of the
  // first `size` entries, whose root is vacant. Bottom-up: the vacancy
  // walks down to a leaf, each level filled by its smallest child (three
  // comparisons, none with `moving`), then `moving` rises from there; it
  // came from the bottom, so it rarely rises far. The layout differs from
  // a top-down sift's, never the order of pops: (time, sequence) is unique.
  // Out of line: inlined into a simulation's loop it spills the loop's
  // registers around the walk (B1: 2.3 M instructions more a million events).
  [[gnu::noinline]] void place_from_root(size_t size) {
    const Entry moving = heap_[size];
    constexpr size_t kEntry = sizeof(Entry);
    const size_t end = size * kEntry;
    size_t hole = 0;
    if (size > kArity) {
      const size_t last_full = (size - kArity - 1) / kArity * kEntry;  // the last entry with four children
      while (hole <= last_full) {
        const Entry* best = smallest_of_four(entry_at(hole * kArity + kEntry));
        *entry_at(hole) = *best;
        hole = offset_of(best);
      }
    }
    size_t child = hole * kArity + kEntry;
    if (child < end) {  // a last family of one to three children
      const Entry* best = entry_at(child);
      for (child += kEntry; child < end; child += kEntry) {
        if (earlier(*entry_at(child), *best)) best = entry_at(child);
      }
      *entry_at(hole) = *best;
      hole = offset_of(best);
    }
    while (hole > 0) {  // `moving` rises while it runs before its parent
      const size_t parent = parent_of(hole);
      const Entry& above = *entry_at(parent);
      if (above.at.ns() < moving.at.ns()) break;  // the usual case first: one comparison
      if (above.at.ns() == moving.at.ns() && above.sequence < moving.sequence) break;
      *entry_at(hole) = above;
      hole = parent;
    }
    *entry_at(hole) = moving;
  }

  std::vector<Entry> heap_;
  uint64_t pushed_ = 0;
};

}  // namespace sim
