// StudyRunner: makes the runs of a SweepPlan on worker threads and keeps of
// each only its row (the chosen figures), never its RunResult, so memory
// stays flat in the number of runs.
//
// The part of study/ that runs simulations (reports/ never does). Each run
// is fully independent (its own Scenario copy with its seed, its own
// Simulation); workers take run numbers from a shared atomic counter and
// write the row into a pre-sized vector at the run's number, so the rows,
// and every output made from them, are byte-identical for any number of
// threads.
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
  // Polled on worker threads before and after each run: true stops the
  // study. No run starts after it; a run it stopped mid-way is dropped (its
  // row stays !done), so every row kept is a whole run or one a guard stopped.
  std::function<bool()> cancelled;
};

// Runs every run of plan's shard; the rows of other shards, and of runs a
// cancellation dropped, stay !done. An exception in a worker (bad_alloc)
// cancels the others and is rethrown here once they have stopped.
// REQUIRES: point_scenarios.size() == plan.points.size(), columns from resolve_metrics.
std::vector<RunRow> run_study(const SweepPlan& plan, const std::vector<model::Scenario>& point_scenarios,
                              const ColumnMap& columns, const RunnerOptions& options);

// The row of one run of `scenario` with `seed` under `limits` (what each worker does).
RunRow run_one(const model::Scenario& scenario, uint64_t seed, const std::vector<std::optional<size_t>>& index,
               const std::vector<std::string>& metrics, const model::RunLimits& limits = {});

}  // namespace study
