// ShareSplit: one token bucket's refill split between two requesters, exactly.
//
// While two requesters compete for one capacity, each gets a guaranteed
// share of its refill: the first `first.rate`, the second `second.rate`
// (milli-units per second). Each share is a bucket of its own. The first's
// holds at most first.capacity, and whatever its refill would add beyond
// that flows to the second, which holds at most second.capacity. So the
// second requester gets its own share plus every token the first leaves
// unused, and the first never less than its own share: a split that wastes
// nothing the first does not want.
//
// Levels are in TokenBucket's exact unit (milli-units x 1e9, 128-bit; see
// TokenBucket::exact_level), so a bucket's tokens split here and merged back
// lose nothing, and refill never rounds. Admission is TokenBucket's: a
// request larger than a share's capacity waits for the share full and
// leaves it in debt; a share with no capacity admits nothing. Time only
// moves forward.
#pragma once

#include <cstdint>

#include "sim/assert.h"
#include "sim/int128.h"
#include "sim/time.h"

namespace sim {

class ShareSplit {
 public:
  enum class Share : uint8_t { kFirst = 0, kSecond = 1 };
  struct Rate {
    int64_t rate_milli_per_second = 0;
    int64_t capacity_milli = 0;
  };

  ShareSplit() = default;

  // Starts the split at `now`, with the shares of the last configure(), by
  // dividing `total` exact tokens: the first share gets `first_level` of
  // them, at most its capacity, the second the rest, at most its own.
  void start(Instant now, Int128 total, Int128 first_level) {
    updated_ = now;
    const Int128 first_cap = scaled(share_[0].capacity_milli);
    level_[0] = first_level < first_cap ? first_level : first_cap;
    const Int128 second = total - level_[0];
    level_[1] = second < scaled(share_[1].capacity_milli) ? second : scaled(share_[1].capacity_milli);
  }
  // New shares from `now` on (refilled at the old ones until now); levels
  // above a new capacity are lost.
  void configure(Instant now, Rate first, Rate second) {
    GTSIM_ASSERT(first.rate_milli_per_second >= 0 && first.capacity_milli >= 0);
    GTSIM_ASSERT(second.rate_milli_per_second >= 0 && second.capacity_milli >= 0);
    if (now > updated_) refill(now);
    share_[0] = first;
    share_[1] = second;
    for (int i = 0; i < 2; ++i) {
      if (level_[i] > scaled(share_[i].capacity_milli)) level_[i] = scaled(share_[i].capacity_milli);
    }
  }

  // True if `share` may take `milli` now (takes nothing).
  bool can_take(Instant now, Share share, int64_t milli) {
    refill(now);
    const Rate& rate = share_[index(share)];
    if (rate.capacity_milli == 0) return false;
    return level_[index(share)] >= scaled(milli < rate.capacity_milli ? milli : rate.capacity_milli);
  }
  // Takes `milli` from `share`; REQUIRES can_take(now, share, milli) just returned true.
  void take(Instant now, Share share, int64_t milli) {
    GTSIM_ASSERT(now == updated_);
    level_[index(share)] -= scaled(milli);
  }

  // Both shares' tokens at `now`, exactly (to merge them back into one bucket).
  Int128 exact_total(Instant now) {
    refill(now);
    return level_[0] + level_[1];
  }
  // Whole milli-units `share` holds at `now` (negative while in debt).
  int64_t available_milli(Instant now, Share share) {
    refill(now);
    return static_cast<int64_t>(level_[index(share)] / kNanosecondsPerSecond);
  }

 private:
  static constexpr int64_t kNanosecondsPerSecond = 1'000'000'000;
  static Int128 scaled(int64_t milli) { return static_cast<Int128>(milli) * kNanosecondsPerSecond; }
  static int index(Share share) { return static_cast<int>(share); }

  void refill(Instant now) {
    if (now == updated_) return;
    GTSIM_ASSERT(now > updated_);
    const Int128 elapsed = static_cast<Int128>((now - updated_).ns());
    updated_ = now;
    // The first share's refill, and what it would add above its capacity.
    const Int128 first_cap = scaled(share_[0].capacity_milli);
    Int128 overflow = 0;
    if (level_[0] < first_cap) {
      level_[0] += elapsed * share_[0].rate_milli_per_second;
      if (level_[0] > first_cap) {
        overflow = level_[0] - first_cap;
        level_[0] = first_cap;
      }
    } else {
      overflow = elapsed * share_[0].rate_milli_per_second;
    }
    const Int128 second_cap = scaled(share_[1].capacity_milli);
    if (level_[1] < second_cap) {
      level_[1] += elapsed * share_[1].rate_milli_per_second + overflow;
      if (level_[1] > second_cap) level_[1] = second_cap;
    }
  }

  Rate share_[2];
  Int128 level_[2] = {0, 0};   // milli-units x 1e9; negative after an oversized request
  Instant updated_;
};

}  // namespace sim
