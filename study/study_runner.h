// StudyRunner: makes the runs of a SweepPlan on worker threads and hands
// each finished run's row (the chosen figures, never its RunResult) to a
// sink, in run order, as the runs finish: the rows go to disk and to the
// tables' tallies at once and are not kept, so memory stays flat in the
// number of runs.
//
// The part of study/ that runs simulations (reports/ never does). Each run
// is fully independent (its own Scenario copy with its seed, its own
// Simulation). Workers take the shard's runs in run order; a row finished
// out of order waits in a ReorderBuffer (study/reorder_buffer.h) whose
// window, a few runs per worker, bounds how far ahead of the oldest
// unfinished run a worker may start: at most that many rows are ever held.
// The sink sees the same rows in the same order for any number of threads,
// so every output made from them is byte-identical.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "model/run_limits.h"
#include "model/scenario.h"
#include "study/sweep_plan.h"
#include "study/sweep_rows.h"

namespace study {

// Where each point finds each column among its flattened figures.
struct ColumnMap {
  std::vector<std::vector<std::optional<size_t>>> figure_index;  // [point][metric]
};

// Resolves metric patterns (metric_paths.h) against each point's figure
// names, learnt from a run of zero events (the names depend on the regions,
// not on what happens). Sets plan->metrics to the union of the matches, in
// point order, and returns where each point finds them. On a pattern that
// matches nothing at any point: nullopt and *error.
std::optional<ColumnMap> resolve_metrics(const std::vector<model::Scenario>& point_scenarios,
                                         const std::vector<std::string>& patterns, SweepPlan* plan,
                                         std::string* error);

struct RunnerOptions {
  unsigned jobs = 1;  // worker threads; REQUIRES >= 1
  // Called on the calling thread about every `progress_interval_ms` and once
  // at the end with (runs done, runs to do). Must not touch the rows.
  std::function<void(size_t done, size_t total)> progress;
  int progress_interval_ms = 200;
  // The guards of each run, made as it starts (the command line's
  // --max-events, --max-wall, --max-live-state and its interrupt flag);
  // none: a run without limits. Called on worker threads.
  std::function<model::RunLimits()> limits;
  // Polled before and after each run (and by the calling thread while it
  // waits): true stops the study. No run starts after it; a run it stopped
  // mid-way is dropped (never handed to the sink), so every row handed is a
  // whole run or one a guard stopped.
  std::function<bool()> cancelled;
  // How many runs may be taken and not yet handed to the sink, at most
  // (the reorder buffer's window); 0: kReorderRunsPerWorker per worker.
  size_t reorder_window = 0;
};

inline constexpr size_t kReorderRunsPerWorker = 4;

// Where the rows go: called on run_study's calling thread with each
// finished run's number and row, in run order (a dropped run is skipped).
// Returning false stops the study as a cancellation does (a write failed).
using RowSink = std::function<bool(size_t run, const RunRow& row)>;

struct StudyRunStats {
  size_t handed = 0;     // rows handed to the sink
  size_t most_held = 0;  // the most rows the reorder buffer held at once (at most the window)
  bool sink_stopped = false;  // the sink returned false
};

// Runs every run of plan's shard, handing each row to `sink`. An exception
// in a worker (bad_alloc) cancels the others and is rethrown here once they
// have stopped. REQUIRES: point_scenarios.size() == plan.points.size(),
// columns from resolve_metrics.
StudyRunStats run_study(const SweepPlan& plan, const std::vector<model::Scenario>& point_scenarios,
                        const ColumnMap& columns, const RunnerOptions& options, const RowSink& sink);

// The row of one run of `scenario` with `seed` under `limits` (what each worker does).
RunRow run_one(const model::Scenario& scenario, uint64_t seed, const std::vector<std::optional<size_t>>& index,
               const std::vector<std::string>& metrics, const model::RunLimits& limits = {});

}  // namespace study
