// Tests for reports/result_words.h: the word of every enum value, as the
// reports print it and docs/report.schema.json lists it.
#include "reports/result_words.h"

#include <catch2/catch.hpp>

TEST_CASE("Result words: capacity mode, scaling dimension and run stop") {
  CHECK(reports::capacity_mode_word(model::CapacityMode::kOnDemand) == "on_demand");
  CHECK(reports::capacity_mode_word(model::CapacityMode::kProvisioned) == "provisioned");
  CHECK(reports::dimension_word(model::Dimension::kWrite) == "write");
  CHECK(reports::dimension_word(model::Dimension::kRead) == "read");
  CHECK(reports::stop_word(model::StopReason::kCompleted) == "completed");
  CHECK(reports::stop_word(model::StopReason::kMaxEvents) == "max_events");
  CHECK(reports::stop_word(model::StopReason::kStopped) == "stopped");
  CHECK(reports::stop_word(model::StopReason::kLiveState) == "live_state");
}

TEST_CASE("Result words: replica changes and drift costs") {
  CHECK(reports::replica_action_word(model::ReplicaAction::kAdd) == "add");
  CHECK(reports::replica_action_word(model::ReplicaAction::kRemove) == "remove");
  CHECK(reports::replica_outcome_word(model::ReplicaOutcome::kBackfilling) == "backfilling");
  CHECK(reports::replica_outcome_word(model::ReplicaOutcome::kActive) == "active");
  CHECK(reports::replica_outcome_word(model::ReplicaOutcome::kAbandoned) == "abandoned");
  CHECK(reports::replica_outcome_word(model::ReplicaOutcome::kRefused) == "refused");
  CHECK(reports::replica_outcome_word(model::ReplicaOutcome::kRemoved) == "removed");
  CHECK(reports::drift_cost_unit_word(model::DriftCostUnit::kThrottleEvents) == "throttle events");
  CHECK(reports::drift_cost_unit_word(model::DriftCostUnit::kReplicatedWriteUnits) == "replicated write units");
  CHECK(reports::drift_cost_unit_word(model::DriftCostUnit::kQueriesRefused) == "queries refused");
}

TEST_CASE("Result words: timeline events, as the loader's actions are spelt") {
  CHECK(reports::timeline_kind_word(model::TimelineKind::kOutage) == "outage");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kRecover) == "recover");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kShiftTraffic) == "shift_traffic");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kSetCapacity) == "set_capacity");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kCutLinks) == "cut_links");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kRestoreLinks) == "restore_links");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kSetLatency) == "set_latency");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kClockStep) == "clock_step");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kClockDrift) == "clock_drift");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kCreateIndex) == "create_index");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kDeleteIndex) == "delete_index");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kEnableTtl) == "enable_ttl");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kDisableTtl) == "disable_ttl");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kAddReplica) == "add_replica");
  CHECK(reports::timeline_kind_word(model::TimelineKind::kRemoveReplica) == "remove_replica");
}
