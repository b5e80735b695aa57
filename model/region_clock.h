// RegionClock: what a region's clock reads at a true instant.
//
// Piecewise linear in true time: from an anchor (true t0, local l0) the clock
// runs at 1 + drift_ppm / 1e6: local = l0 + (t - t0) + (t - t0) * drift_ppb /
// 1e9, in integer nanoseconds with a 128-bit intermediate, so a reading is
// exact and identical on every machine. A step moves the reading at once; a
// drift change re-anchors, so the reading stays continuous. LWW timestamps
// come from the origin region's clock (docs/design.md, "The model in words"), which is how clock skew
// turns into lost writes.
#pragma once

#include <cmath>
#include <cstdint>

#include "model/scenario.h"
#include "sim/int128.h"
#include "sim/time.h"

namespace model {

class RegionClock {
 public:
  RegionClock() = default;
  explicit RegionClock(const ClockConfig& config)
      : anchor_local_ns_(config.offset.ns()), drift_ppb_(ppb(config.drift_ppm)) {}

  // The clock's reading at true time `now`, in nanoseconds of its own epoch.
  // A clock without drift skips the 128-bit division (a library call that
  // costs every commit of a plain run about 30 instructions): same reading.
  int64_t read_ns(sim::Instant now) const {
    const int64_t elapsed = now.ns() - anchor_true_ns_;
    if (drift_ppb_ == 0) return anchor_local_ns_ + elapsed;
    const sim::Int128 drift = static_cast<sim::Int128>(elapsed) * drift_ppb_ / kPartsPerBillion;
    return anchor_local_ns_ + elapsed + static_cast<int64_t>(drift);
  }

  // The reading jumps by `by` at `now` (an NTP step, a leap, an operator).
  void step(sim::Instant now, sim::Duration by) {
    reanchor(now);
    anchor_local_ns_ += by.ns();
  }

  // From `now` on the clock runs at 1 + drift_ppm / 1e6.
  void set_drift(sim::Instant now, double drift_ppm) {
    reanchor(now);
    drift_ppb_ = ppb(drift_ppm);
  }

 private:
  static int64_t ppb(double ppm) { return static_cast<int64_t>(std::llround(ppm * 1000.0)); }
  void reanchor(sim::Instant now) {
    anchor_local_ns_ = read_ns(now);
    anchor_true_ns_ = now.ns();
  }

  int64_t anchor_true_ns_ = 0;
  int64_t anchor_local_ns_ = 0;
  static constexpr int64_t kPartsPerBillion = 1'000'000'000;  // a ratio, not a time
  int64_t drift_ppb_ = 0;  // parts per billion
};

}  // namespace model
