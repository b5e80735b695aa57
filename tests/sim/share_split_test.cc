#include <catch2/catch.hpp>

#include "sim/share_split.h"
#include "sim/token_bucket.h"
#include "tests/sim/test_time.h"

using gtsim_test::at_ms;
using sim::Instant;
using sim::ShareSplit;
using Share = sim::ShareSplit::Share;

namespace {
constexpr sim::Int128 kOneUnit = static_cast<sim::Int128>(1000) * 1'000'000'000;  // exact level of one unit
}  // namespace

// First share 3 units/s holding 3, second 2 units/s holding 10.
TEST_CASE("ShareSplit: each share refills at its rate; the first's refill above its capacity flows to the second") {
  ShareSplit split;
  split.configure(Instant::zero(), {3000, 3000}, {2000, 10'000});
  split.start(Instant::zero(), 0, 0);
  // After 2 s the first holds its 3 (6 refilled, 3 over), the second 2 x 2 + 3 = 7.
  CHECK(split.available_milli(at_ms(2000), Share::kFirst) == 3000);
  CHECK(split.available_milli(at_ms(2000), Share::kSecond) == 7000);
  // A first-share requester takes its 3 units; one more is refused.
  for (int i = 0; i < 3; ++i) {
    REQUIRE(split.can_take(at_ms(2000), Share::kFirst, 1000));
    split.take(at_ms(2000), Share::kFirst, 1000);
  }
  CHECK_FALSE(split.can_take(at_ms(2000), Share::kFirst, 1000));
  // One second later: the first refilled 3 (none over), the second 7 + 2 = 9.
  CHECK(split.available_milli(at_ms(3000), Share::kFirst) == 3000);
  CHECK(split.available_milli(at_ms(3000), Share::kSecond) == 9000);
  // The second holds at most 10; the total is exact.
  CHECK(split.exact_total(at_ms(10'000)) == 13 * kOneUnit);
}

TEST_CASE("ShareSplit: start gives the first share at most its capacity, the rest to the second") {
  ShareSplit split;
  split.configure(Instant::zero(), {1000, 2000}, {1000, 100'000});
  split.start(Instant::zero(), 50 * kOneUnit, 25 * kOneUnit);
  CHECK(split.available_milli(Instant::zero(), Share::kFirst) == 2000);
  CHECK(split.available_milli(Instant::zero(), Share::kSecond) == 48'000);
  CHECK(split.exact_total(Instant::zero()) == 50 * kOneUnit);
}

TEST_CASE("ShareSplit: a share with no capacity admits nothing; an oversized request leaves a share in debt") {
  ShareSplit split;
  split.configure(Instant::zero(), {0, 0}, {1000, 1000});
  split.start(Instant::zero(), kOneUnit, 0);
  CHECK_FALSE(split.can_take(at_ms(5000), Share::kFirst, 1000));
  // The second holds one unit; a 3-unit request goes through when it is full and leaves -2.
  REQUIRE(split.can_take(at_ms(5000), Share::kSecond, 3000));
  split.take(at_ms(5000), Share::kSecond, 3000);
  CHECK(split.available_milli(at_ms(5000), Share::kSecond) == -2000);
  CHECK_FALSE(split.can_take(at_ms(7999), Share::kSecond, 1000));
  CHECK(split.can_take(at_ms(8000), Share::kSecond, 1000));
}

TEST_CASE("TokenBucket: its exact level is handed out and back without loss") {
  sim::TokenBucket bucket(Instant::zero(), 1000, 5000, false);
  // 1/3 of a unit refilled in 333.333333 ms is not a whole milli-unit: the exact level keeps it.
  const sim::Int128 level = bucket.exact_level(Instant::from_ns(333'333'333));
  CHECK(level == static_cast<sim::Int128>(333'333'333) * 1000);
  bucket.set_exact_level(Instant::from_ns(333'333'333), level + 4 * kOneUnit);
  CHECK(bucket.exact_level(Instant::from_ns(1'000'000'000)) == static_cast<sim::Int128>(1'000'000'000) * 1000 + 4 * kOneUnit);
  bucket.set_exact_level(Instant::from_ns(1'000'000'000), 99 * kOneUnit);  // capped at the capacity
  CHECK(bucket.available_milli(Instant::from_ns(1'000'000'000)) == 5000);
}
