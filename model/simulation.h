// Simulation: one run of one scenario on a simulated clock.
//
// The world of docs/design.md, "The model in words": each region's replica accepts
// client writes at once, stamps them with its own clock, and appends them to
// its stream; replication polls the stream, ships each record to every other
// replica over the network and applies it there after an apply time. Every
// apply, local or replicated, follows last-writer-wins (model/lww.h); the
// ConflictTracker sees every comparison and measures concurrency, clobbered
// writes and inversions. Per-item order is kept on every link: a record
// is never applied before an earlier record of the same item from the same
// region (docs/sources.md, Replication); records of different items
// overtake each other freely.
//
// Determinism: the event queue orders by (time, insertion); every random
// draw comes from a stream named after its purpose; nothing reads the wall
// clock. An explicit object, never a singleton: runs may share a process.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/observer.h"
#include "model/run_limits.h"
#include "model/run_result.h"
#include "model/scenario.h"
#include "model/write_table.h"
#include "sim/time.h"

namespace model {

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

  // The per-item state (model/replica_items.h): how many items have state of
  // their own (every key in a dense store), the bytes it holds, its layout.
  struct ItemFootprint {
    uint64_t touched_items = 0;
    uint64_t bytes = 0;
    bool dense = false;
  };
  ItemFootprint item_footprint() const;

 private:
  std::unique_ptr<World> world_;
};

}  // namespace model
