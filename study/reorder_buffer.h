// ReorderBuffer: hands back, in sequence order, items put in any order
// within a fixed window: how a study's rows, finished by worker threads in
// whatever order the threads happen to finish them, reach runs.jsonl and the
// tables in the order of the plan (study/study_runner.h).
//
// Invariants: the window [next(), next() + window) holds every item put and
// not yet popped, one slot each in a ring allocated once, so at most
// `window` items are ever held, whatever the length of the sequence. A
// producer takes sequence number k only when admits(k); the consumer pops
// while ready(). An item may be put empty (std::nullopt: number k gave
// nothing, e.g. a run a cancellation dropped); pop() then returns it empty
// and the sequence goes on. Not synchronised: the caller holds a lock.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "sim/assert.h"

namespace study {

template <typename T>
class ReorderBuffer {
 public:
  // REQUIRES: window >= 1.
  explicit ReorderBuffer(size_t window) : slots_(window) { GTSIM_ASSERT(window >= 1); }

  size_t window() const { return slots_.size(); }
  // The sequence number pop() returns next.
  size_t next() const { return next_; }
  // Items put and not popped (at most window()).
  size_t held() const { return held_; }
  // Whether number k may be taken (and later put) now.
  bool admits(size_t k) const { return k >= next_ && k < next_ + slots_.size(); }

  // REQUIRES: admits(k), and k not put since it was last popped.
  void put(size_t k, std::optional<T> item) {
    GTSIM_ASSERT(admits(k));
    Slot& slot = slots_[k % slots_.size()];
    GTSIM_ASSERT(!slot.full);
    slot.full = true;
    slot.item = std::move(item);
    ++held_;
  }

  // Whether the item of number next() is in.
  bool ready() const { return slots_[next_ % slots_.size()].full; }

  // The item of number next() (empty if it was put empty); next() moves on.
  // REQUIRES: ready().
  std::optional<T> pop() {
    GTSIM_ASSERT(ready());
    Slot& slot = slots_[next_ % slots_.size()];
    std::optional<T> item = std::move(slot.item);
    slot.item.reset();
    slot.full = false;
    --held_;
    ++next_;
    return item;
  }

 private:
  struct Slot {
    bool full = false;
    std::optional<T> item;
  };
  std::vector<Slot> slots_;
  size_t next_ = 0;
  size_t held_ = 0;
};

}  // namespace study
