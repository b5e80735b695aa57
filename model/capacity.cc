#include "model/capacity.h"

#include <algorithm>

namespace model {

Capacity::Capacity(const Scenario& scenario) {
  // Data size, for the partition count: keys x mean item size.
  const uint64_t data_bytes = static_cast<uint64_t>(static_cast<double>(scenario.table.key_count) *
                                                    scenario.table.item_size_bytes.mean());
  for (const RegionConfig& region : scenario.regions) {
    replicas_.emplace_back(region.capacity, data_bytes, sim::Instant::zero(),
                           scenario.replication.applier_share_percent);
    scalers_.emplace_back(region.capacity.write_scaling);
    scalers_.emplace_back(region.capacity.read_scaling);
  }
  unmeasured_.assign(replicas_.size(), 0);
  held_.resize(replicas_.size());
  for (const RegionConfig& region : scenario.regions) replica_.push_back(region.replica ? 1 : 0);
  for (size_t r = 0; r < replicas_.size(); ++r) note_held(r, sim::Instant::zero());
}

void Capacity::note_held(size_t region, sim::Instant now) {
  const ReplicaCapacity& capacity = replicas_[region];
  const bool billed = replica_[region] != 0 && capacity.config().mode == CapacityMode::kProvisioned;
  const CapacityHeld held{now.ns(), replica_[region] != 0, billed ? capacity.capacity_units(Dimension::kWrite) : 0,
                          billed ? capacity.capacity_units(Dimension::kRead) : 0};
  std::vector<CapacityHeld>& list = held_[region];
  const auto same = [&](const CapacityHeld& h) {
    return h.replica == held.replica && h.write_units == held.write_units && h.read_units == held.read_units;
  };
  if (!list.empty() && same(list.back())) return;
  if (!list.empty() && list.back().at_ns == held.at_ns) {
    list.back() = held;
    if (list.size() > 1 && same(list[list.size() - 2])) list.pop_back();
    return;
  }
  list.push_back(held);
}

void Capacity::set_replica(size_t region, bool exists, sim::Instant now) {
  replica_[region] = exists ? 1 : 0;
  note_held(region, now);
}

MetricsRecorder::SecondSample Capacity::end_second(size_t region, sim::Instant now, int64_t replication_backlog,
                                                   bool measured) {
  if (!measured) unmeasured_[region] = 1;
  ReplicaCapacity& capacity = replicas_[region];
  capacity.end_second(now);
  return MetricsRecorder::SecondSample{capacity.last_second_milli(Dimension::kWrite),
                                       capacity.last_second_milli(Dimension::kRead),
                                       capacity.capacity_units(Dimension::kWrite),
                                       capacity.capacity_units(Dimension::kRead), replication_backlog};
}

// Auto scaling's datapoint of one dimension: true if it decided an action.
bool Capacity::datapoint(size_t region, Dimension dimension, sim::Instant now, const std::string& region_name) {
  const ReplicaCapacity& capacity = replicas_[region];
  const double units_per_second = static_cast<double>(capacity.last_minute_milli(dimension)) / 60000.0;
  const int64_t provisioned = capacity.capacity_units(dimension);
  auto decision = scaler(region, dimension).on_datapoint(now, units_per_second, provisioned);
  if (!decision) return false;
  pending_.push_back(ScalingAction{region_name, dimension, now.ns(),
                                   decision->effective_at.ns(), provisioned, decision->to_units});
  return true;
}

const ScalingAction& Capacity::apply_scaling(size_t region, size_t action, sim::Instant now) {
  const ScalingAction& scaling = pending_[action];
  replicas_[region].set_provisioned_units(now, scaling.dimension, scaling.to_units);
  scaler(region, scaling.dimension).on_update_applied();
  note_held(region, now);
  return scaling;
}

void Capacity::report(size_t region, RegionResult& result) const {
  const ReplicaCapacity& capacity = replicas_[region];
  result.capacity_mode = capacity.config().mode;
  result.write_units = capacity.capacity_units(Dimension::kWrite);
  result.read_units = capacity.capacity_units(Dimension::kRead);
  result.partitions = capacity.partition_count();
  const BilledUsage& units = capacity.on_demand_units();
  result.billing.local_write_milli = units.local_write_milli;
  result.billing.replicated_write_milli = units.replicated_write_milli;
  result.billing.read_milli = units.read_milli;
  result.billing.capacity = held_[region];
}

void Capacity::set_capacity(size_t region, const TimelineEvent& event, sim::Instant now) {
  CapacityConfig config = event.capacity;
  ReplicaCapacity& capacity = replicas_[region];
  if (capacity.config().mode == CapacityMode::kProvisioned && config.mode == CapacityMode::kProvisioned) {
    if (!event.sets_write_units) config.write_units = capacity.capacity_units(Dimension::kWrite);
    if (!event.sets_read_units) config.read_units = capacity.capacity_units(Dimension::kRead);
  }
  capacity.reconfigure(now, config);
  scaler(region, Dimension::kWrite).reconfigure(event.capacity.write_scaling);
  scaler(region, Dimension::kRead).reconfigure(event.capacity.read_scaling);
  note_held(region, now);
}

}  // namespace model
