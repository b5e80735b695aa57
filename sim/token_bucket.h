// TokenBucket: admission at a sustained rate with a bounded reserve, exactly.
//
// Tokens are milli-units (1 capacity unit = 1000), refilled continuously at
// rate_milli_per_second and capped at capacity_milli. Amounts are kept in
// milli-unit-nanoseconds (milli-units x 1e9), so refill is exact: no
// rounding ever accumulates, however long the run or however many requests.
// Time only moves forward: every call passes the current instant, which must
// not be earlier than the previous one.
//
// A request larger than the whole capacity is admitted when the bucket is
// full and leaves it in debt (a negative level), so it is charged in full and
// the average rate still holds.
//
// Representation: what the bucket lacks of its capacity (lacks_ = capacity
// - level, never negative) at the last instant it was refilled to. While the
// capacity and what it lacks are both at most kNarrowMax (2^62, about 4.6
// million units), which covers a partition and most tables, a request is
// admitted in 64-bit arithmetic; otherwise in 128-bit, with the same result
// to the unit. Sixty-four bits cannot overflow there: an admitted request
// leaves the bucket lacking at most max(capacity, request), both bounded.
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
    set_lacks(start_full ? 0 : full_);
  }

  // Takes `milli` (>= 0) tokens if they are there; otherwise takes none.
  bool try_take(Instant now, int64_t milli) {
    GTSIM_ASSERT(milli >= 0);
    if (milli <= narrow_max_milli_) [[likely]] {
      const int64_t lacks = narrow_lacks(now);
      const auto full = static_cast<int64_t>(full_);
      const int64_t amount = milli * Duration::kNanosecondsPerSecond;
      if (lacks > full - (amount < full ? amount : full)) return false;
      lacks_ = lacks + amount;  // at most max(full, amount): still narrow
      updated_ = now;
      return true;
    }
    return try_take_wide(now, milli);
  }
  // Gives back what try_take(now, milli) just took: the bucket is as if it
  // had refused the request (for a request a second bucket then refuses).
  void give_back(Instant now, int64_t milli) {
    GTSIM_ASSERT(now == updated_ && lacks_ >= scaled(milli));
    set_lacks(lacks_ - scaled(milli));
  }

  // How long until a request of `milli` may be admitted: zero if now; the
  // exact nanoseconds, rounded up, otherwise; Duration::max() if never (rate 0).
  Duration time_until(Instant now, int64_t milli) {
    refill(now);
    const Int128 need = scaled(admission_threshold(milli)) - (full_ - lacks_);
    if (need <= 0) return Duration::zero();
    if (rate_ == 0) return Duration::max();
    const Int128 ns = (need + rate_ - 1) / rate_;
    return ns > INT64_MAX ? Duration::max() : Duration::nanoseconds(static_cast<int64_t>(ns));
  }

  // Changes rate and capacity from `now` on; tokens above the new capacity are lost.
  void reconfigure(Instant now, int64_t rate_milli_per_second, int64_t capacity_milli) {
    refill(now);
    GTSIM_ASSERT(rate_milli_per_second >= 0 && capacity_milli >= 0);
    const Int128 level = full_ - lacks_;
    rate_ = rate_milli_per_second;
    capacity_ = capacity_milli;
    full_ = scaled(capacity_);
    set_lacks(level < full_ ? full_ - level : 0);
  }

  // The exact level at `now`, in the bucket's own unit (milli-units x 1e9,
  // negative while in debt), and setting it (capped at the capacity): for a
  // bucket whose tokens are handed to a ShareSplit and back without loss.
  Int128 exact_level(Instant now) {
    refill(now);
    return full_ - lacks_;
  }
  void set_exact_level(Instant now, Int128 level) {
    refill(now);
    set_lacks(level < full_ ? full_ - level : 0);
  }

  int64_t rate_milli_per_second() const { return rate_; }
  int64_t capacity_milli() const { return capacity_; }
  // Whole milli-units available at `now` (negative while in debt).
  int64_t available_milli(Instant now) {
    refill(now);
    return static_cast<int64_t>((full_ - lacks_) / Duration::kNanosecondsPerSecond);
  }

 private:
  static constexpr int64_t kNarrowMax = int64_t{1} << 62;
  static constexpr int64_t kNarrowMaxMilli = kNarrowMax / Duration::kNanosecondsPerSecond;

  static Int128 scaled(int64_t milli) { return static_cast<Int128>(milli) * Duration::kNanosecondsPerSecond; }
  int64_t admission_threshold(int64_t milli) const { return milli < capacity_ ? milli : capacity_; }

  // try_take in 128 bits; out of line, so the 64-bit path needs fewer registers.
  [[gnu::noinline]] bool try_take_wide(Instant now, int64_t milli) {
    refill(now);
    if (lacks_ > full_ - scaled(admission_threshold(milli))) return false;
    set_lacks(lacks_ + scaled(milli));
    return true;
  }
  void set_lacks(Int128 lacks) {
    lacks_ = lacks;
    narrow_max_milli_ = full_ <= kNarrowMax && lacks_ <= kNarrowMax ? kNarrowMaxMilli : -1;
  }
  // What a narrow bucket lacks at `now`: nothing once the refill since
  // updated_ covers it (a refill beyond 64 bits covers anything narrow).
  int64_t narrow_lacks(Instant now) const {
    GTSIM_ASSERT(now >= updated_);
    const auto lacks = static_cast<int64_t>(lacks_);
    int64_t refilled = 0;
    if (__builtin_mul_overflow(now.ns() - updated_.ns(), rate_, &refilled)) return 0;
    return lacks > refilled ? lacks - refilled : 0;
  }
  // Path-independent: refilling to t1 and then to t2 leaves the level that
  // refilling straight to t2 does (the cap only binds once the bucket is full).
  void refill(Instant now) {
    if (now == updated_) return;
    GTSIM_ASSERT(now > updated_);
    const Int128 refilled = static_cast<Int128>((now - updated_).ns()) * rate_;
    set_lacks(lacks_ > refilled ? lacks_ - refilled : 0);
    updated_ = now;
  }

  int64_t rate_ = 0;       // milli-units per second: refills rate_ milli-units x 1e9 per nanosecond
  int64_t capacity_ = 0;   // milli-units
  Int128 full_ = 0;        // scaled(capacity_): the level of a full bucket
  // What the bucket lacks of full_ at updated_, >= 0 (milli-units x 1e9):
  // the level is full_ - lacks_, negative after an oversized request.
  Int128 lacks_ = 0;
  Instant updated_;
  // The largest request admitted in 64-bit arithmetic: kNarrowMaxMilli while
  // full_ and lacks_ are at most kNarrowMax, else -1 (none).
  int64_t narrow_max_milli_ = kNarrowMaxMilli;
};

}  // namespace sim
