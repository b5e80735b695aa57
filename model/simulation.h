// Simulation: one run of one scenario on a simulated clock.
//
// The world of DESIGN.md, "The model in words": each region's replica accepts
// client writes at once, stamps them with its own clock, and appends them to
// its stream; replication polls the stream, ships each record to every other
// replica over the network and applies it there after an apply time. Every
// apply, local or replicated, follows last-writer-wins (model/lww.h); the
// ConflictTracker sees every comparison and measures concurrency, clobbered
// writes and inversions. Per-item order is kept on every channel: a record
// is never applied before an earlier record of the same item from the same
// region (research/dynamodb-facts.md section 1.1); records of different items
// overtake each other freely.
//
// Determinism: the event queue orders by (time, insertion); every random
// draw comes from a stream named after its purpose; nothing reads the wall
// clock. An explicit object, never a singleton: runs may share a process.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "model/run_result.h"
#include "model/scenario.h"
#include "model/write_table.h"
#include "sim/time.h"

namespace model {

// Watches a run, for tests and traces. Called synchronously; must not keep
// references to the records it is shown.
class Observer {
 public:
  virtual ~Observer() = default;
  // A client write committed at its origin region (before its local apply).
  virtual void on_commit(const WriteRecord& write, sim::Instant now) = 0;
  // A replicated write reached `replica` and was applied or rejected there.
  virtual void on_replicated(size_t replica, const WriteRecord& write, sim::Instant now) = 0;
};

// Guards on a run (issue 7): a run stopped by one reports what it had.
struct RunLimits {
  uint64_t max_events = UINT64_MAX;  // stop after this many events
  // Polled every kStopPollEvents events; returning true stops the run. For
  // the wall-clock guard and SIGINT: it decides only whether the run goes
  // on, never what it computes.
  std::function<bool()> should_stop;
  // Called as often, with the true time reached: for a progress bar.
  std::function<void(sim::Instant)> on_progress;
  static constexpr uint64_t kStopPollEvents = 65536;
};

class World;

class Simulation {
 public:
  explicit Simulation(const Scenario& scenario);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // A request (a write, or a get) at a given true time, besides the
  // scenario's client traffic, served without capacity checks: handcrafted
  // timelines in tests and studies. REQUIRES: before run(), region < region
  // count, key < table.key_count.
  void add_scripted_write(size_t region, sim::Instant at, uint64_t key, Operation op);

  void set_observer(Observer* observer);

  // Runs client traffic over [0, duration), then lets replication drain,
  // unless a limit stops it first (RunResult::stop says which and when).
  // REQUIRES: called once.
  RunResult run(const RunLimits& limits = {});

  // After run(): the winning version `region`'s replica holds for `key`.
  std::optional<WriteSummary> stored(size_t region, uint64_t key) const;

 private:
  std::unique_ptr<World> world_;
};

}  // namespace model
