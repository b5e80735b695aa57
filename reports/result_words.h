// Result words: the word a report prints for each value of RunResult's
// enums, one table per enum. The JSON, text, HTML and CSV reports, the
// study rows and the diff all print these, so a word is spelt once; they are
// the enums in docs/report.schema.json and must stay byte-identical (the
// golden reports hold them).
//
// Determinism: constant tables.
#pragma once

#include <string_view>

#include "model/run_result.h"

namespace reports {

// "on_demand" | "provisioned"
std::string_view capacity_mode_word(model::CapacityMode mode);
// "write" | "read"
std::string_view dimension_word(model::Dimension dimension);
// "add" | "remove"
std::string_view replica_action_word(model::ReplicaAction action);
// "backfilling" | "active" | "abandoned" | "refused" | "removed"
std::string_view replica_outcome_word(model::ReplicaOutcome outcome);
// "throttle events" | "replicated write units" | "queries refused"
std::string_view drift_cost_unit_word(model::DriftCostUnit unit);
// An event of the expanded timeline: its action's word ("outage",
// "recover", "shift_traffic", "set_capacity", ...).
std::string_view timeline_kind_word(model::TimelineKind kind);
// run.stop: "completed" | "max_events" | "stopped"
std::string_view stop_word(model::StopReason reason);

}  // namespace reports
