// RunEstimate: what a run of a validated scenario will cost, known before it
// starts, so that `gtsim run` can refuse a run the machine cannot finish
// (docs/design.md, law 4: never a hang) and say why with numbers.
//
// Events: every client request is one event; every write is applied in each
// of the other regions (one event each) and leaves its stream in a poll
// (at most one event per write); the series close one tick per simulated
// second:
//   requests = sum over client groups of rate * duration
// (a curve's rate is its mean over the run, so this is its integral);
//   events   = requests * (1 + write share * (regions - 1)) + polls + seconds
// The write share is each group's put + update + delete percentage.
// With TTL (table.ttl, enabled at the start or by the timeline), every
// written or prepopulated item may expire: each region whose TTL may run
// schedules a delete of it, and one delete replicates to the other regions:
//   + (writes + prepopulated keys) * (TTL regions + regions - 1)
// Each add_replica's backfill copies at most every key once: + keys per add.
// Simulated time: the traffic's duration, or longer when a region writes
// faster than its stream ships (batch_size records per poll_interval): its
// stream then needs writes / batch_size polls to drain.
// Item state: one block per (region, key), allocated up front
// (model/replica_items.h): regions * keys * block bytes.
// Backlog: every write its own replica admits is applied at every other
// replica, costing ceil(item bytes / 1 KB) write units (doubled when
// transactional). What a replica's
// sustained write capacity (provisioned units, auto scaling's max, or on
// demand the table's max) and its burst bank cannot admit of the writes
// replicated to it waits in its backlog, one write-table slot each, and
// drains at that capacity after the traffic. Estimated only for a replica
// the timeline leaves alone (no capacity change, outage or replica change):
// a lower bound, as partition ceilings only add to it, and a curve counts at
// its mean (a backlog its peak builds and its trough drains is not counted).
//
// Both are estimates (Poisson arrivals vary, deletes of absent items are not
// replicated, in-flight writes need memory too); they are for refusing
// runs orders of magnitude too large, not for predicting run time.
// Determinism: a pure function of the scenario.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "model/scenario.h"
#include "sim/time.h"

namespace model {

struct RunEstimate {
  double requests = 0;          // client requests over the traffic duration
  double writes = 0;            // the client writes among them (put, update, delete)
  double events = 0;            // requests + replicated applies + polls + TTL + backfill
  double item_state_bytes = 0;  // per-(region, key) state, allocated before the run
  double simulated_ns = 0;      // traffic plus the time streams and backlogs need to drain
  // The largest replication backlog a replica's capacity cannot avoid (see
  // estimate_backlog in run_estimate.cc), in writes and in write-table bytes.
  double backlog_writes = 0;
  double backlog_bytes = 0;
  std::string backlog_region;   // where; empty when no replica builds a backlog
  double backlog_capacity_units = 0;  // its sustained write units per second
  double backlog_arriving_units = 0;  // the write units per second applied to it
  bool simulated_by_backlog = false;  // simulated_ns is the backlog's drain
};

// Refused above these unless a guard bounds the run (events), or always (memory).
inline constexpr double kEventsCeiling = 1e10;             // ~30 min at 5 M events/s
inline constexpr double kItemStateBytesCeiling = 8.0 * (1ull << 30);  // 8 GiB
// 100,000 hours, far below int64 nanoseconds' 2.5 million: always refused.
inline constexpr double kSimulatedNsCeiling = static_cast<double>(sim::Duration::hours(100'000).ns());

RunEstimate estimate_run(const Scenario& scenario);

// The item store a run plans (model/replica_items.h). Its layout: as the
// scenario forces it, else dense while its blocks take at most
// ReplicaItems::kDenseBytesMax or while the run can touch at least a quarter
// of the keys (dense then holds at most four times the bytes a sparse store
// would, and finds an item without a lookup), sparse otherwise. The items it
// expects to touch (a sparse store makes its key index for them, so the
// index never rehashes while they arrive): every item with TTL on a
// prepopulated table; else, on uniform keys, the expected number of distinct
// keys among the writes, keys x (1 - e^(-writes / keys)); else none (the
// keys of a skewed distribution repeat, and the index grows as they come).
struct ItemPlan {
  ItemLayout layout = ItemLayout::kAuto;
  uint64_t expected_items = 0;
};
ItemPlan plan_items(const Scenario& scenario);

// A message explaining why a run must be refused, or nullopt if it may go
// ahead. `bounded` is true when --max-events or --max-wall bounds the run;
// the event and backlog ceilings then do not apply (item memory and
// simulated time always do). A backlog above kLiveStateBytesCeiling
// (model/run_limits.h) is refused: the live-state limit would stop the run.
std::optional<std::string> refuse_run(const RunEstimate& estimate, bool bounded);

}  // namespace model
