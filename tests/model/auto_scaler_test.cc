#include <catch2/catch.hpp>

#include "model/auto_scaler.h"

using model::AutoScaler;
using model::AutoScalingConfig;

namespace {
sim::Instant minute(int64_t m) { return sim::Instant::zero() + sim::Duration::minutes(m); }

AutoScalingConfig config() {
  AutoScalingConfig c;
  c.enabled = true;
  c.min_units = 10;
  c.max_units = 1000;
  c.target_percent = 70.0;
  return c;  // alarm delay 1 min, update 2 min
}
}  // namespace

TEST_CASE("Auto scaling: a step in load scales out after two datapoints, the alarm delay and the update") {
  AutoScaler scaler(config());
  // Five quiet minutes at 10 % of 100 units, then the load steps to 100 units/s.
  for (int m = 1; m <= 5; ++m) CHECK_FALSE(scaler.on_datapoint(minute(m), 10.0, 100));
  CHECK_FALSE(scaler.on_datapoint(minute(6), 100.0, 100));  // one datapoint above: not yet
  const auto decision = scaler.on_datapoint(minute(7), 100.0, 100);
  REQUIRE(decision);
  CHECK(decision->to_units == 143);                          // ceil(100 / 0.7)
  CHECK(decision->effective_at == minute(10));                // 7 + 1 (alarm) + 2 (update)
  // While the update runs, no second decision.
  CHECK_FALSE(scaler.on_datapoint(minute(8), 100.0, 100));
  CHECK_FALSE(scaler.on_datapoint(minute(9), 100.0, 100));
  scaler.on_update_applied();
  CHECK_FALSE(scaler.on_datapoint(minute(11), 100.0, 143));  // 70 %: at target, not above
}

TEST_CASE("Auto scaling: never above max, and scale-in needs 15 datapoints below target") {
  AutoScaler scaler(config());
  CHECK_FALSE(scaler.on_datapoint(minute(1), 5000.0, 100));
  CHECK(scaler.on_datapoint(minute(2), 5000.0, 100)->to_units == 1000);
  scaler.on_update_applied();
  for (int m = 3; m < 17; ++m) CHECK_FALSE(scaler.on_datapoint(minute(m), 100.0, 1000));
  const auto in = scaler.on_datapoint(minute(17), 100.0, 1000);
  REQUIRE(in);
  CHECK(in->to_units == 143);
}

TEST_CASE("Auto scaling: decreases obey the daily quota (4 in the first hour, then 1 per hour, 27 a day)") {
  AutoScalingConfig c = config();
  c.scale_in_datapoints = 1;  // to reach the quota, not the streak
  c.alarm_delay = sim::Duration::zero();
  c.update_time = sim::Duration::zero();
  AutoScaler scaler(c);
  int first_hour = 0;
  int day = 0;
  for (int m = 1; m < 24 * 60; ++m) {  // one UTC day; every datapoint asks to decrease
    if (!scaler.on_datapoint(minute(m), 1.0, 1000)) continue;
    scaler.on_update_applied();
    ++day;
    if (m < 60) ++first_hour;
  }
  CHECK(first_hour == 4);
  CHECK(day == 27);
  CHECK(scaler.on_datapoint(minute(24 * 60), 1.0, 1000));  // a new day, a new quota
}
