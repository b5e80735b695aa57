// RegionClock: what a region's clock reads at a true instant.
//
// local = true + offset + true * drift_ppb / 1e9, in integer nanoseconds with
// a 128-bit intermediate, so a reading is exact and identical on every
// machine. LWW timestamps come from the origin region's clock (DESIGN.md),
// which is how clock skew turns into lost writes.
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
      : offset_ns_(config.offset.ns()),
        drift_ppb_(static_cast<int64_t>(std::llround(config.drift_ppm * 1000.0))) {}

  // The clock's reading at true time `now`, in nanoseconds of its own epoch.
  int64_t read_ns(sim::Instant now) const {
    const sim::Int128 drift = static_cast<sim::Int128>(now.ns()) * drift_ppb_ / 1'000'000'000;
    return now.ns() + offset_ns_ + static_cast<int64_t>(drift);
  }

 private:
  int64_t offset_ns_ = 0;
  int64_t drift_ppb_ = 0;  // parts per billion, from the scenario's drift_ppm
};

}  // namespace model
