// ClientGroup: one group of clients in one region, as a request generator.
//
// It owns its random streams, named "workload/<region>/<group>/<purpose>"
// (arrivals, ops, keys, sizes), so adding or changing another group or region
// never changes what this one draws (docs/design.md, law 1). Arrivals are Poisson
// (exponential gaps) or constant (evenly spaced from a random phase, without
// accumulating rounding). Traffic runs over [0, stop).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "model/key_sampler.h"
#include "model/operation.h"
#include "model/rate_curve.h"
#include "model/scenario.h"
#include "sim/int128.h"
#include "sim/distribution.h"
#include "sim/random.h"
#include "sim/time.h"

namespace model {

struct Request {
  Operation op;
  uint64_t key;
};

class ClientGroup {
 public:
  ClientGroup(uint64_t seed, const std::string& region_name, const ClientGroupConfig& config,
              const KeySampler& keys, const sim::Distribution& item_size_bytes, sim::Instant stop);

  // The first arrival, or nullopt if it falls at or after stop.
  std::optional<sim::Instant> first_arrival();
  // The arrival after `now`, or nullopt if it falls at or after stop.
  std::optional<sim::Instant> next_arrival(sim::Instant now);
  // Requests are drawn this many ahead of their use, in the group's order
  // and from its own streams (ops and keys), so the sequence is the same as
  // drawing each at its use; the item the newest one touches can start
  // loading several arrivals before it runs.
  static constexpr size_t kLookahead = 4;
  // What the next request does.
  Request next_request();
  // The newest request drawn: the kLookahead-th call of next_request() from
  // now returns it.
  const Request& newest_drawn() const { return ahead_[(next_ + kLookahead - 1) % kLookahead]; }
  // The size of the item a put or update writes, in bytes (at least 1).
  uint32_t next_item_size();

 private:
  std::optional<sim::Instant> before_stop(sim::Instant at) const;
  // The next arrival on the group's curve; `first` draws the constant phase.
  std::optional<sim::Instant> curve_arrival(bool first);
  Request draw_request();

  ClientGroupConfig config_;
  const KeySampler* keys_;
  const sim::Distribution* item_size_bytes_;
  sim::Instant stop_;
  sim::Rng arrivals_rng_, ops_rng_, keys_rng_, sizes_rng_;
  double mean_gap_ns_;
  // Constant arrivals: arrival n is at phase + n * gap, rounded once.
  int64_t phase_ns_ = 0;
  uint64_t arrival_index_ = 0;
  // A curve's arrivals: where the last one fell on the curve, and its time.
  RatePosition curve_at_;
  int64_t curve_last_ns_ = 0;
  // Operation mix as cumulative thresholds out of 2^64 (integer ratios).
  sim::UInt128 put_below_, update_below_, delete_below_, get_below_;
  // The next kLookahead requests, a ring: ahead_[next_] is the next one.
  std::array<Request, kLookahead> ahead_{};
  size_t next_ = 0;
};

}  // namespace model
