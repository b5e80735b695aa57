#include <catch2/catch.hpp>

#include "sim/token_bucket.h"

using sim::Duration;
using sim::Instant;
using sim::TokenBucket;

namespace {
Instant at_ms(int64_t ms) { return Instant::from_ns(ms * 1'000'000); }
}  // namespace

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
