#include "reports/result_words.h"

namespace reports {

std::string_view capacity_mode_word(model::CapacityMode mode) {
  switch (mode) {
    case model::CapacityMode::kOnDemand: return "on_demand";
    case model::CapacityMode::kProvisioned: return "provisioned";
  }
  return "?";
}

std::string_view dimension_word(model::Dimension dimension) {
  switch (dimension) {
    case model::Dimension::kWrite: return "write";
    case model::Dimension::kRead: return "read";
  }
  return "?";
}

std::string_view replica_action_word(model::ReplicaAction action) {
  switch (action) {
    case model::ReplicaAction::kAdd: return "add";
    case model::ReplicaAction::kRemove: return "remove";
  }
  return "?";
}

std::string_view replica_outcome_word(model::ReplicaOutcome outcome) {
  switch (outcome) {
    case model::ReplicaOutcome::kBackfilling: return "backfilling";
    case model::ReplicaOutcome::kActive: return "active";
    case model::ReplicaOutcome::kAbandoned: return "abandoned";
    case model::ReplicaOutcome::kRefused: return "refused";
    case model::ReplicaOutcome::kRemoved: return "removed";
  }
  return "?";
}

std::string_view drift_cost_unit_word(model::DriftCostUnit unit) {
  switch (unit) {
    case model::DriftCostUnit::kThrottleEvents: return "throttle events";
    case model::DriftCostUnit::kReplicatedWriteUnits: return "replicated write units";
    case model::DriftCostUnit::kQueriesRefused: return "queries refused";
  }
  return "?";
}

std::string_view timeline_kind_word(model::TimelineKind kind) {
  switch (kind) {
    case model::TimelineKind::kOutage: return "outage";
    case model::TimelineKind::kRecover: return "recover";
    case model::TimelineKind::kShiftTraffic: return "shift_traffic";
    case model::TimelineKind::kSetCapacity: return "set_capacity";
    case model::TimelineKind::kCutLinks: return "cut_links";
    case model::TimelineKind::kRestoreLinks: return "restore_links";
    case model::TimelineKind::kSetLatency: return "set_latency";
    case model::TimelineKind::kClockStep: return "clock_step";
    case model::TimelineKind::kClockDrift: return "clock_drift";
    case model::TimelineKind::kCreateIndex: return "create_index";
    case model::TimelineKind::kDeleteIndex: return "delete_index";
    case model::TimelineKind::kEnableTtl: return "enable_ttl";
    case model::TimelineKind::kDisableTtl: return "disable_ttl";
    case model::TimelineKind::kAddReplica: return "add_replica";
    case model::TimelineKind::kRemoveReplica: return "remove_replica";
  }
  return "?";
}

std::string_view stop_word(model::StopReason reason) {
  switch (reason) {
    case model::StopReason::kCompleted: return "completed";
    case model::StopReason::kMaxEvents: return "max_events";
    case model::StopReason::kStopped: return "stopped";
    case model::StopReason::kLiveState: return "live_state";
  }
  return "?";
}

}  // namespace reports
