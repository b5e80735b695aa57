#include "model/auto_scaler.h"

#include <algorithm>
#include <cmath>

namespace model {
namespace {

constexpr sim::Duration kHour = sim::Duration::hours(1);
constexpr sim::Duration kDay = sim::Duration::hours(24);
constexpr int kDecreasesFirstHour = 4;
constexpr int kDecreasesPerDay = 27;

}  // namespace

void AutoScaler::reconfigure(const AutoScalingConfig& config) {
  config_ = config;
  above_ = 0;
  below_ = 0;
}

std::optional<ScalingDecision> AutoScaler::on_datapoint(sim::Instant minute_end, double consumed_units,
                                                        int64_t provisioned_units) {
  if (!config_.enabled || updating_ || provisioned_units <= 0) return std::nullopt;
  const double utilization = 100.0 * consumed_units / static_cast<double>(provisioned_units);
  above_ = utilization > config_.target_percent ? above_ + 1 : 0;
  below_ = utilization < config_.target_percent ? below_ + 1 : 0;

  const double wanted = std::ceil(consumed_units * 100.0 / config_.target_percent);
  const int64_t target_units =
      std::clamp(static_cast<int64_t>(wanted), config_.min_units, config_.max_units);
  const sim::Instant requested = minute_end + config_.alarm_delay;
  std::optional<ScalingDecision> decision;
  if (above_ >= config_.scale_out_datapoints && target_units > provisioned_units) {
    decision = ScalingDecision{target_units, requested + config_.update_time};
  } else if (below_ >= config_.scale_in_datapoints && target_units < provisioned_units &&
             decrease_allowed(requested)) {
    decreases_.push_back(requested);
    decision = ScalingDecision{target_units, requested + config_.update_time};
  }
  if (decision) {
    updating_ = true;
    above_ = 0;
    below_ = 0;
  }
  return decision;
}

bool AutoScaler::decrease_allowed(sim::Instant at) const {
  const sim::Instant day_start = sim::Instant::from_ns(at.ns() / kDay.ns() * kDay.ns());
  int today = 0;
  int first_hour = 0;
  bool last_hour = false;
  for (const sim::Instant t : decreases_) {
    if (t < day_start) continue;
    ++today;
    if (t < day_start + kHour) ++first_hour;
    if (t > at - kHour) last_hour = true;
  }
  if (today >= kDecreasesPerDay) return false;
  if (at < day_start + kHour) return first_hour < kDecreasesFirstHour;
  return !last_hour;
}

}  // namespace model
