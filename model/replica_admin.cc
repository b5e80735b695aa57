#include "model/replica_admin.h"

#include "model/random_streams.h"

namespace model {

ReplicaAdmin::ReplicaAdmin(const Scenario& scenario, const std::vector<std::string>& region_names)
    : table_settings_(scenario.version == GlobalTablesVersion::k2019_11_21),
      ttl_within_ns_(scenario.table.ttl.deleted_within.ns()) {
  const size_t initial_count = scenario.table.indexes.size();
  const uint64_t initial = initial_count >= 64 ? ~uint64_t{0} : (uint64_t{1} << initial_count) - 1;
  for (size_t r = 0; r < region_names.size(); ++r) {
    state_.push_back(scenario.regions[r].replica ? ReplicaState::kServing : ReplicaState::kAbsent);
    member_.push_back(0);
    left_.push_back(0);
    update_membership(r);
    indexes_.push_back(initial);
    ttl_enabled_.push_back(scenario.table.ttl.enabled ? 1 : 0);
    backfills_.emplace_back();
    ttl_rngs_.push_back(sim::Rng::stream(scenario.seed, ttl_stream(region_names[r])));
  }
  ttl_rngs_.push_back(sim::Rng::stream(scenario.seed, "ttl/table"));
}

ReplicaAdmin::TtlDelete ReplicaAdmin::plan_ttl_delete(size_t region, uint64_t write_id) {
  const int64_t within = ttl_within_ns_;
  const int64_t delay =
      within > 0 ? static_cast<int64_t>(ttl_rngs_[region].below(static_cast<uint64_t>(within) + 1)) : 0;
  return TtlDelete{hold_ttl_delete(write_id), delay};
}

uint32_t ReplicaAdmin::hold_ttl_delete(uint64_t write_id) {
  if (ttl_free_.empty()) {
    ttl_expected_.push_back(write_id);
    return static_cast<uint32_t>(ttl_expected_.size() - 1);
  }
  const uint32_t slot = ttl_free_.back();
  ttl_free_.pop_back();
  ttl_expected_[slot] = write_id;
  return slot;
}

}  // namespace model
