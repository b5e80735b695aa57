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
// Storage: a tournament over the groups: one slot per group (an empty one
// holds no request and loses every match), and above them a complete
// binary tree of the winners of each pair, then of each pair of pairs, up
// to the earliest lane at the root. Taking the earliest lane replays its
// matches to the root, one comparison a level (log2(groups)); scheduling
// one plays its matches up to the first it loses (usually the first: a new
// request is rarely the next); the loop's question "which lane is first"
// compares nothing here: the root's time and `queued_before` are kept
// beside it. Sized once: scheduling never allocates.
// Determinism: no randomness and no clock; the order above depends only on
// the sequence of schedule() calls and queue pushes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
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

  explicit ArrivalLanes(size_t groups)
      : width_(tree_width(groups)), slots_(width_, empty_slot()), winners_(width_, nullptr) {
    GTSIM_ASSERT(groups <= UINT32_MAX);  // a lane names its group in 32 bits
    for (size_t slot = 0; slot < width_; ++slot) slots_[slot].group = static_cast<uint32_t>(slot);
    for (size_t node = width_ - 1; node >= 1; --node) winners_[node] = match(node);
    note_earliest();
  }
  // winners_ and earliest_ point into slots_: a copy would point into the
  // original's (a move keeps the vector's storage, and so the pointers).
  ArrivalLanes(const ArrivalLanes&) = delete;
  ArrivalLanes& operator=(const ArrivalLanes&) = delete;
  ArrivalLanes(ArrivalLanes&&) = default;

  // `group`'s next request, at `at`; REQUIRES: it has none scheduled.
  // Its empty slot lost every match it played; the new lane wins them up to
  // the first it loses, above which nothing changes.
  void schedule(uint32_t group, sim::Instant at, const Request& request, uint64_t queued_before) {
    GTSIM_ASSERT(group < width_ && slots_[group].order == kNoLane);
    Lane& lane = slots_[group];  // its `group` is set once, at construction
    lane.at = at;
    lane.queued_before = queued_before;
    lane.order = scheduled_++;
    lane.request = request;
    ++size_;
    for (size_t node = (group + width_) / 2; node >= 1; node /= 2) {
      const Lane* holder = winners_[node];
      if (holder == &lane) continue;  // its empty slot won here (the other side was empty too)
      if (!earlier(lane, *holder)) return;
      winners_[node] = &lane;
    }
    note_earliest();
  }

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }

  // True if the earliest lane runs before the queued event (at, sequence).
  // REQUIRES: !empty().
  bool before(sim::Instant at, uint64_t sequence) const {
    if (earliest_at_ != at.ns()) return earliest_at_ < at.ns();
    return earliest_queued_before_ <= sequence;
  }

  // The earliest lane. REQUIRES: !empty().
  const Lane& earliest() const {
    GTSIM_ASSERT(size_ > 0);
    return *earliest_;
  }
  // Removes and returns the earliest lane. REQUIRES: !empty().
  Lane take() {
    const Lane top = earliest();
    remove_earliest();
    return top;
  }
  // Removes the earliest lane (read it first with earliest()): it had won
  // every match on its way to the root; each is played again, its emptied
  // slot against the other side's winner. REQUIRES: !empty().
  void remove_earliest() {
    GTSIM_ASSERT(size_ > 0);
    Lane* const top = winners_[1];
    top->at = sim::Instant::max();  // empty: loses every match
    top->order = kNoLane;
    --size_;
    Lane* winner = top;
    Lane* const neighbour = &slots_[top->group ^ 1U];  // the other slot of its pair
    if (earlier(*neighbour, *winner)) winner = neighbour;
    size_t node = (top->group + width_) / 2;
    winners_[node] = winner;
    for (; node > 1; node /= 2) {  // each level above: against the other side's winner
      Lane* const other = winners_[node ^ 1];
      if (earlier(*other, *winner)) winner = other;
      winners_[node / 2] = winner;
    }
    note_earliest();
  }

 private:
  static constexpr uint64_t kNoLane = std::numeric_limits<uint64_t>::max();  // an empty slot's order

  // Leaves for every group, a power of two and at least 2 (the root is node 1).
  static size_t tree_width(size_t groups) {
    size_t width = 2;
    while (width < groups) width *= 2;
    return width;
  }
  // Runs after every lane: no scheduled lane has order kNoLane.
  static Lane empty_slot() { return Lane{sim::Instant::max(), kNoLane, kNoLane, Request{}, 0}; }

  // The heap's rule: (at, order) is unique among scheduled lanes, so the
  // winner never depends on the tree's shape.
  static bool earlier(const Lane& a, const Lane& b) {
    if (a.at != b.at) return a.at < b.at;
    return a.order < b.order;
  }
  // The winner of node `node` (1 .. width_ - 1) from its two children's.
  Lane* match(size_t node) {
    const size_t left = node * 2;
    Lane* const a = left >= width_ ? &slots_[left - width_] : winners_[left];
    Lane* const b = left >= width_ ? &slots_[left + 1 - width_] : winners_[left + 1];
    return earlier(*b, *a) ? b : a;
  }
  void note_earliest() {
    earliest_ = winners_[1];
    earliest_at_ = earliest_->at.ns();
    earliest_queued_before_ = earliest_->queued_before;
  }

  const size_t width_;
  std::vector<Lane> slots_;         // by group; empty: order kNoLane
  std::vector<Lane*> winners_;      // winners_[node] for nodes 1 .. width_ - 1 (0 unused): a slot
  size_t size_ = 0;
  uint64_t scheduled_ = 0;
  // The root's lane (slots_ never reallocates), and its time and
  // queued_before, which the loop compares with the queue's earliest event.
  const Lane* earliest_ = nullptr;
  int64_t earliest_at_ = 0;
  uint64_t earliest_queued_before_ = 0;
};

}  // namespace model
