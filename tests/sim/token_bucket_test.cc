#include <catch2/catch.hpp>

#include "sim/random.h"
#include "sim/token_bucket.h"
#include "tests/sim/test_time.h"

using gtsim_test::at_ms;
using sim::Duration;
using sim::Instant;
using sim::TokenBucket;

TEST_CASE("TokenBucket: exact admissions for a handcrafted arrival sequence (10 units/s, 30 units of burst)") {
  TokenBucket bucket(Instant::zero(), 10'000, 30'000, true);
  // 40 one-unit requests at once: the 30 units of burst admit 30.
  int admitted = 0;
  for (int i = 0; i < 40; ++i) admitted += bucket.try_take(Instant::zero(), 1000) ? 1 : 0;
  CHECK(admitted == 30);
  // Half a second later, 5 units have been refilled: 5 of 10 go through.
  admitted = 0;
  for (int i = 0; i < 10; ++i) admitted += bucket.try_take(at_ms(500), 1000) ? 1 : 0;
  CHECK(admitted == 5);
  // Empty now: the next unit is exactly 100 ms away.
  CHECK(bucket.time_until(at_ms(500), 1000) == Duration::milliseconds(100));
  CHECK_FALSE(bucket.try_take(at_ms(599), 1000));
  CHECK(bucket.try_take(at_ms(600), 1000));
  // Ten idle seconds refill no more than the capacity.
  CHECK(bucket.available_milli(at_ms(10'600)) == 30'000);
}

TEST_CASE("TokenBucket: refill is exact over a long run (1/3 unit per second, 3 million seconds)") {
  TokenBucket bucket(Instant::zero(), 333, 1'000'000'000, false);  // 0.333 units/s, never full
  const Instant later = Instant::zero() + Duration::seconds(3'000'000);
  CHECK(bucket.available_milli(later) == 333LL * 3'000'000);
}

TEST_CASE("TokenBucket: a request larger than the capacity waits for a full bucket and leaves it in debt") {
  TokenBucket bucket(Instant::zero(), 1000, 1000, false);  // 1 unit/s, holds 1 unit
  CHECK(bucket.time_until(Instant::zero(), 3000) == Duration::seconds(1));
  CHECK_FALSE(bucket.try_take(at_ms(999), 3000));
  CHECK(bucket.try_take(at_ms(1000), 3000));
  CHECK(bucket.available_milli(at_ms(1000)) == -2000);
  // Charged in full: the next unit is 3 seconds later.
  CHECK(bucket.time_until(at_ms(1000), 1000) == Duration::seconds(3));
}

TEST_CASE("TokenBucket: reconfigure keeps what was earned and caps it at the new capacity") {
  TokenBucket bucket(Instant::zero(), 1000, 10'000, false);
  bucket.reconfigure(at_ms(4000), 5000, 2000);  // 4 units earned, capped at 2
  CHECK(bucket.available_milli(at_ms(4000)) == 2000);
  CHECK(bucket.available_milli(at_ms(4000)) == 2000);
  CHECK(bucket.time_until(at_ms(4000), 2000) == Duration::zero());
}

namespace {
using sim::Int128;

Int128 scaled(int64_t milli) { return static_cast<Int128>(milli) * Duration::kNanosecondsPerSecond; }

// The plain arithmetic a TokenBucket must match to the unit, whatever its
// representation: the level in milli-units x 1e9, refilled at every call
// and capped at the capacity.
struct PlainBucket {
  int64_t rate = 0;
  int64_t capacity = 0;
  Int128 level = 0;
  Instant updated;

  void refill(Instant now) {
    if (level < scaled(capacity)) level += static_cast<Int128>((now - updated).ns()) * rate;
    if (level > scaled(capacity)) level = scaled(capacity);
    updated = now;
  }
  bool try_take(Instant now, int64_t milli) {
    refill(now);
    if (level < scaled(milli < capacity ? milli : capacity)) return false;
    level -= scaled(milli);
    return true;
  }
  Duration time_until(Instant now, int64_t milli) {
    refill(now);
    const Int128 need = scaled(milli < capacity ? milli : capacity) - level;
    if (need <= 0) return Duration::zero();
    if (rate == 0) return Duration::max();
    const Int128 ns = (need + rate - 1) / rate;
    return ns > INT64_MAX ? Duration::max() : Duration::nanoseconds(static_cast<int64_t>(ns));
  }
};

int64_t pick(sim::Rng& rng, std::initializer_list<int64_t> values) {
  return *(values.begin() + rng.below(values.size()));
}

// Drives a TokenBucket and the plain arithmetic through the same random
// calls: rates and capacities on both sides of the 64-bit bound (a capacity
// of 4,611,686,018 milli-units is the largest admitted in 64 bits), gaps
// from none to 10^6 s (a refill beyond 64 bits), requests from none to
// beyond the 64-bit bound, debts, give-backs, reconfigures, set levels.
void compare_with_plain_arithmetic(uint64_t seed) {
  sim::Rng rng(seed);
  const int64_t rate = pick(rng, {0, 1, 333, 1000, 1'000'000, 4'000'000, 123'456'789, 9'000'000'000'000'000});
  const int64_t capacity = pick(rng, {0, 1000, 30'000, 1'000'000, 4'611'686'018, 4'611'686'019, 12'000'000'000});
  const bool start_full = rng.below(2) == 0;
  Instant now = Instant::from_ns(static_cast<int64_t>(rng.below(1'000'000'000)));
  TokenBucket bucket(now, rate, capacity, start_full);
  PlainBucket plain{rate, capacity, start_full ? scaled(capacity) : 0, now};
  for (int step = 0; step < 3000; ++step) {
    const int64_t gap = pick(rng, {0, 1, 250, static_cast<int64_t>(rng.below(1'000'000)),
                                   static_cast<int64_t>(rng.below(10'000'000'000)), 1'000'000'000'000'000});
    now = now + Duration::nanoseconds(rng.below(50) == 0 ? gap : gap % 10'000'000);
    const int64_t cap = plain.capacity;
    const int64_t milli = pick(rng, {0, 500, 1000, cap, cap + 1, static_cast<int64_t>(rng.below(2 * cap + 2)),
                                     rng.below(100) == 0 ? 5'000'000'000 : 1000});
    const uint64_t op = rng.below(100);
    if (op < 3) {
      const int64_t new_rate = pick(rng, {0, 333, 1'000'000, 4'000'000, rate});
      const int64_t new_capacity = pick(rng, {0, 1000, 1'000'000, 4'611'686'018, 12'000'000'000, capacity});
      bucket.reconfigure(now, new_rate, new_capacity);
      plain.refill(now);
      plain.rate = new_rate;
      plain.capacity = new_capacity;
      if (plain.level > scaled(new_capacity)) plain.level = scaled(new_capacity);
    } else if (op < 6) {
      const Int128 level = scaled(pick(rng, {-12'000'000'000, -1000, 0, 1000, capacity / 2, capacity}));
      bucket.set_exact_level(now, level);
      plain.refill(now);
      plain.level = level < scaled(plain.capacity) ? level : scaled(plain.capacity);
    } else if (op < 16) {
      REQUIRE(bucket.time_until(now, milli) == plain.time_until(now, milli));
    } else {
      const bool admitted = bucket.try_take(now, milli);
      REQUIRE(admitted == plain.try_take(now, milli));
      if (admitted && op < 26) {
        bucket.give_back(now, milli);
        plain.level += scaled(milli);
      }
    }
    // Looked at now and then only: a refill at every step would hide a
    // representation that depends on when it is refilled.
    if (rng.below(8) == 0) {
      plain.refill(now);
      REQUIRE(bucket.exact_level(now) == plain.level);
      REQUIRE(bucket.available_milli(now) == static_cast<int64_t>(plain.level / Duration::kNanosecondsPerSecond));
    }
  }
}
}  // namespace

TEST_CASE("TokenBucket: admissions and levels match the plain 128-bit arithmetic through random requests") {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    INFO("seed " << seed);
    compare_with_plain_arithmetic(seed);
  }
}
