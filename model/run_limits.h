// RunLimits: guards on a run (issue 7); a run stopped by one reports what it had.
//
// The guards decide only whether a run goes on, never what it computes
// (RunResult::stop says which one stopped it, and when). The callbacks are
// polled every kStopPollEvents events, outside the per-event path.
#pragma once

#include <cstdint>
#include <functional>

#include "sim/time.h"

namespace model {

// The live state a run may hold by default (docs/robustness.md, "Guards"):
// the write table (every write stored or in flight) and the event queue,
// which a replication backlog grows without bound. Fixed, like the
// estimate's ceilings, so a run stops at the same event on every machine.
inline constexpr uint64_t kLiveStateBytesCeiling = 8ull << 30;  // 8 GiB

struct RunLimits {
  uint64_t max_events = UINT64_MAX;  // stop after this many events
  // Stop (StopReason::kLiveState) when the live state passes this, checked
  // every kStopPollEvents events, so a run stops between events with its
  // report rather than when an allocation fails.
  uint64_t max_live_state_bytes = kLiveStateBytesCeiling;
  // Polled every kStopPollEvents events; returning true stops the run. For
  // the wall-clock guard and SIGINT.
  std::function<bool()> should_stop;
  // Called as often, with the true time reached: for a progress bar.
  std::function<void(sim::Instant)> on_progress;
  static constexpr uint64_t kStopPollEvents = 65536;
};

}  // namespace model
