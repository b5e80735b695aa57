// TokenBucket: admission at a sustained rate with a bounded reserve, exactly.
//
// Tokens are milli-units (1 capacity unit = 1000), refilled continuously at
// rate_milli_per_second and capped at capacity_milli. The level is kept in
// milli-unit-nanoseconds in a 128-bit integer, so refill is exact: no
// rounding ever accumulates, however long the run or however many requests.
// Time only moves forward: every call passes the current instant, which must
// not be earlier than the previous one.
//
// A request larger than the whole capacity is admitted when the bucket is
// full and leaves it in debt (a negative level), so it is charged in full and
// the average rate still holds.
//
// Uses: provisioned capacity with burst (rate = provisioned units, capacity
// = burst_seconds of it, at least one second), per-partition ceilings, the
// on-demand throughput ceiling.
#pragma once

#include <cstdint>

#include "sim/assert.h"
#include "sim/int128.h"
#include "sim/time.h"

namespace sim {

class TokenBucket {
 public:
  TokenBucket() = default;
  // Starts full (`start_full`) or empty at instant `now`.
  TokenBucket(Instant now, int64_t rate_milli_per_second, int64_t capacity_milli, bool start_full)
      : rate_(rate_milli_per_second), capacity_(capacity_milli), full_(scaled(capacity_milli)), updated_(now) {
    GTSIM_ASSERT(rate_ >= 0 && capacity_ >= 0);
    level_ = start_full ? full_ : 0;
  }

  // Takes `milli` tokens if they are there; otherwise takes none.
  bool try_take(Instant now, int64_t milli) {
    if (!can_take(now, milli)) return false;
    level_ -= scaled(milli);
    return true;
  }
  // True if a request of `milli` may be admitted now (takes nothing).
  bool can_take(Instant now, int64_t milli) {
    refill(now);
    return level_ >= scaled(admission_threshold(milli));
  }
  // Takes `milli` tokens; REQUIRES can_take(now, milli) just returned true.
  void take(Instant now, int64_t milli) {
    GTSIM_ASSERT(now == updated_ && level_ >= scaled(admission_threshold(milli)));
    level_ -= scaled(milli);
  }

  // How long until a request of `milli` may be admitted: zero if now; the
  // exact nanoseconds, rounded up, otherwise; Duration::max() if never (rate 0).
  Duration time_until(Instant now, int64_t milli) {
    refill(now);
    const Int128 need = scaled(admission_threshold(milli)) - level_;
    if (need <= 0) return Duration::zero();
    if (rate_ == 0) return Duration::max();
    const Int128 ns = (need + rate_ - 1) / rate_;
    return ns > INT64_MAX ? Duration::max() : Duration::nanoseconds(static_cast<int64_t>(ns));
  }

  // Changes rate and capacity from `now` on; tokens above the new capacity are lost.
  void reconfigure(Instant now, int64_t rate_milli_per_second, int64_t capacity_milli) {
    refill(now);
    GTSIM_ASSERT(rate_milli_per_second >= 0 && capacity_milli >= 0);
    rate_ = rate_milli_per_second;
    capacity_ = capacity_milli;
    full_ = scaled(capacity_);
    if (level_ > full_) level_ = full_;
  }

  // The exact level at `now`, in the bucket's own unit (milli-units x 1e9,
  // negative while in debt), and setting it (capped at the capacity): for a
  // bucket whose tokens are handed to a ShareSplit and back without loss.
  Int128 exact_level(Instant now) {
    refill(now);
    return level_;
  }
  void set_exact_level(Instant now, Int128 level) {
    refill(now);
    level_ = level < full_ ? level : full_;
  }

  int64_t rate_milli_per_second() const { return rate_; }
  int64_t capacity_milli() const { return capacity_; }
  // Whole milli-units available at `now` (negative while in debt).
  int64_t available_milli(Instant now) {
    refill(now);
    return static_cast<int64_t>(level_ / Duration::kNanosecondsPerSecond);
  }

 private:
  static Int128 scaled(int64_t milli) { return static_cast<Int128>(milli) * Duration::kNanosecondsPerSecond; }
  int64_t admission_threshold(int64_t milli) const { return milli < capacity_ ? milli : capacity_; }

  // Path-independent: refilling to t1 and then to t2 leaves the level that
  // refilling straight to t2 does (the cap only binds once the bucket is full).
  void refill(Instant now) {
    if (now == updated_) return;
    GTSIM_ASSERT(now > updated_);
    if (level_ < full_) {
      level_ += static_cast<Int128>((now - updated_).ns()) * rate_;
      if (level_ > full_) level_ = full_;
    }
    updated_ = now;
  }

  int64_t rate_ = 0;       // milli-units per second: adds rate_ to level_ per nanosecond
  int64_t capacity_ = 0;   // milli-units
  Int128 full_ = 0;        // scaled(capacity_): the level of a full bucket
  Int128 level_ = 0;       // milli-units x 1e9; negative after an oversized request
  Instant updated_;
};

}  // namespace sim
