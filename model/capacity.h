// Capacity: every replica's capacity and the auto scaling of each.
//
// One ReplicaCapacity per region (capacity is never replicated: each replica
// has its own, docs/design.md) and one AutoScaler
// per region and dimension. Auto scaling's decisions wait here, in decision
// order, until the update they start takes effect. It also keeps, for the
// bill, every change of the provisioned capacity each region holds
// (model/billing.h): an operator's, auto scaling's, and a replica created
// or deleted there.
//
// Invariants: a scaling action's index never changes once decided; an
// applied action changes only its own replica and dimension.
//
// Determinism: no randomness and no clock; one-minute datapoints are
// evaluated in region order, the write dimension before the read one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/auto_scaler.h"
#include "model/metrics_recorder.h"
#include "model/replica_capacity.h"
#include "model/run_result.h"
#include "model/scenario.h"
#include "sim/time.h"

namespace model {

class Capacity {
 public:
  explicit Capacity(const Scenario& scenario);

  ReplicaCapacity& operator[](size_t region) { return replicas_[region]; }
  const ReplicaCapacity& operator[](size_t region) const { return replicas_[region]; }
  size_t region_count() const { return replicas_.size(); }

  // Closes the second ending now at `region`'s replica; what its series show.
  // `measured`: the replica was up and existed through it (else the minute
  // it ends publishes no datapoint).
  MetricsRecorder::SecondSample end_second(size_t region, sim::Instant now, int64_t replication_backlog,
                                           bool measured);

  // The one-minute datapoints ending now; `schedule(effective_at, region,
  // action)` for each scaling action they decide. A replica that was down,
  // or had no replica, in any second of the minute has no datapoint: its
  // alarms see none, and their streaks wait for the next one.
  template <class Schedule>
  void minute_datapoints(sim::Instant now, const std::vector<std::string>& region_names, Schedule&& schedule) {
    for (size_t r = 0; r < replicas_.size(); ++r) {
      const bool measured = unmeasured_[r] == 0;
      unmeasured_[r] = 0;
      if (replicas_[r].config().mode != CapacityMode::kProvisioned || !measured) continue;
      for (const Dimension dimension : {Dimension::kWrite, Dimension::kRead}) {
        if (datapoint(r, dimension, now, region_names[r])) {
          schedule(sim::Instant::from_ns(pending_.back().effective_ns), r, pending_.size() - 1);
        }
      }
    }
  }
  // The update started by scaling action `action` takes effect now.
  const ScalingAction& apply_scaling(size_t region, size_t action, sim::Instant now);

  // The capacity of `region`'s replica at the end of the run.
  void report(size_t region, RegionResult& result) const;

  // An operator's change of `region`'s capacity: units it does not set stay
  // as they are now, as UpdateTable leaves them.
  void set_capacity(size_t region, const TimelineEvent& event, sim::Instant now);

  // A replica was created in `region` (true) or deleted there (false) now:
  // its provisioned capacity is billed while one exists.
  void set_replica(size_t region, bool exists, sim::Instant now);

 private:
  // Records what `region` holds from now on, if it changed.
  void note_held(size_t region, sim::Instant now);
  bool datapoint(size_t region, Dimension dimension, sim::Instant now, const std::string& region_name);
  AutoScaler& scaler(size_t region, Dimension dimension) {
    return scalers_[region * 2 + static_cast<size_t>(dimension)];
  }

  std::vector<ReplicaCapacity> replicas_;
  std::vector<AutoScaler> scalers_;       // [region * 2 + dimension]
  std::vector<ScalingAction> pending_;    // every action decided, by index
  std::vector<uint8_t> unmeasured_;       // per region: a second of this minute was not measured
  std::vector<uint8_t> replica_;          // per region: a replica exists
  std::vector<std::vector<CapacityHeld>> held_;  // per region: every change, in time order
};

}  // namespace model
