// Link: one direction of a network connection: a latency model with its own
// random stream, and a cut that parks what is sent until it is restored.
//
// Each record sent draws its own latency, so records overtake each other on
// a link; a receiver that needs an order restores it (sim/held_records.h).
// While the link is cut, records sent on it, or found on it by the receiver,
// are parked; restoring the link hands them back oldest first, to be sent
// again. Parked records live in a ring buffer that grows to its peak and
// then allocates no more. Knows nothing of what the records mean.
//
// Invariants: nothing is parked while the link is not cut, except between
// restore() and the end of its resend calls.
//
// Determinism: latencies come only from the link's own Rng stream, one
// sample per record sent while not cut; parked records keep their order.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>

#include "sim/distribution.h"
#include "sim/random.h"
#include "sim/ring_buffer.h"
#include "sim/time.h"

namespace sim {

template <class T>
class Link {
 public:
  Link(LatencyModel latency, Rng rng, size_t parked_capacity = 4)
      : latency_(std::move(latency)), rng_(rng), parked_(parked_capacity) {}

  // Sends `record` at `now`: when it reaches the far end, or nullopt if the
  // link is cut (it is parked).
  std::optional<Instant> send(const T& record, Instant now) {
    if (cut_) {
      parked_.push_back(record);
      return std::nullopt;
    }
    return now + latency_.sample(rng_);
  }

  bool is_cut() const { return cut_; }
  void cut() { cut_ = true; }
  // Parks a record the receiver found on the link while it is cut.
  // REQUIRES: is_cut().
  void park(const T& record) { parked_.push_back(record); }
  // Ends a cut: resend(record) for each parked record, oldest first. Nothing
  // if the link was not cut. `resend` must not cut this link again.
  template <class Resend>
  void restore(Resend&& resend) {
    if (!cut_) return;
    cut_ = false;
    while (!parked_.empty()) resend(parked_.pop_front());
  }
  // Removes every parked record, oldest first, through drop(record).
  template <class Drop>
  void drop_parked(Drop&& drop) {
    while (!parked_.empty()) drop(parked_.pop_front());
  }
  size_t parked() const { return parked_.size(); }

  const LatencyModel& latency() const { return latency_; }
  // Records sent from now on take `latency`.
  void set_latency(const LatencyModel& latency) { latency_ = latency; }

 private:
  LatencyModel latency_;
  Rng rng_;
  bool cut_ = false;
  RingBuffer<T> parked_;
};

}  // namespace sim
