// AutoScaler: target tracking auto scaling of one dimension of one replica.
//
// As Application Auto Scaling does it for DynamoDB (docs/sources.md,
// Provisioned capacity and auto scaling): every minute a datapoint of consumed / provisioned units;
// `scale_out_datapoints` (2) consecutive datapoints above the target fire the
// scale-out alarm, `scale_in_datapoints` (15) below it the scale-in alarm.
// The alarm acts after `alarm_delay` (CloudWatch's "up to a few minutes") by
// calling UpdateTable, which completes after `update_time` ("several
// minutes"); the new capacity is consumed / target, within [min, max].
// Throttling goes on until then. One update at a time; the streak counts
// again from zero after it. Decreases obey the service's daily quota: in
// each UTC day (the run starts at 00:00 UTC), up to 4 in the first hour,
// then one more whenever the previous hour had none, at most 27.
//
// Consumed capacity cannot exceed provisioned capacity (plus burst), so a
// throttled replica scales out by at most about 1 / target per step: that
// slowness is the service's, and the point of the failover studies.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "model/scenario.h"
#include "sim/time.h"

namespace model {

struct ScalingDecision {
  int64_t to_units = 0;
  sim::Instant effective_at;
};

class AutoScaler {
 public:
  explicit AutoScaler(const AutoScalingConfig& config) : config_(config) {}

  void reconfigure(const AutoScalingConfig& config);

  // The datapoint of the minute ending at `minute_end`: mean consumed units
  // per second over it, and the units provisioned then.
  std::optional<ScalingDecision> on_datapoint(sim::Instant minute_end, double consumed_units,
                                              int64_t provisioned_units);
  // The update decided earlier has taken effect.
  void on_update_applied() { updating_ = false; }

 private:
  bool decrease_allowed(sim::Instant at) const;

  AutoScalingConfig config_;
  int above_ = 0;
  int below_ = 0;
  bool updating_ = false;
  std::vector<sim::Instant> decreases_;  // when each decrease was requested
};

}  // namespace model
