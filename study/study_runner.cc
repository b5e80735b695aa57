#include "study/study_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "model/simulation.h"
#include "reports/metric_paths.h"
#include "sim/assert.h"

namespace study {

std::optional<ColumnMap> resolve_metrics(const std::vector<model::Scenario>& point_scenarios,
                                         const std::vector<std::string>& patterns, SweepPlan* plan,
                                         std::string* error) {
  std::vector<std::vector<reports::Figure>> figures;  // per point
  for (const model::Scenario& scenario : point_scenarios) {
    model::RunLimits limits;
    limits.max_events = 0;
    figures.push_back(reports::flatten(model::Simulation(scenario).run(limits)));
  }
  plan->metrics.clear();
  for (const std::string& pattern : patterns) {
    bool any = false;
    for (const auto& point_figures : figures) {
      std::string unmatched;
      const auto selected = reports::select_figures(point_figures, {pattern}, &unmatched);
      if (!selected) continue;
      any = true;
      for (const size_t i : *selected) {
        const std::string& path = point_figures[i].path;
        if (std::find(plan->metrics.begin(), plan->metrics.end(), path) == plan->metrics.end()) {
          plan->metrics.push_back(path);
        }
      }
    }
    if (!any) {
      *error = reports::unmatched_pattern_message(pattern, figures.front());
      return std::nullopt;
    }
  }
  ColumnMap map;
  for (const auto& point_figures : figures) {
    std::vector<std::optional<size_t>> index(plan->metrics.size());
    for (size_t m = 0; m < plan->metrics.size(); ++m) {
      for (size_t i = 0; i < point_figures.size(); ++i) {
        if (point_figures[i].path == plan->metrics[m]) index[m] = i;
      }
    }
    map.figure_index.push_back(std::move(index));
  }
  return map;
}

RunRow run_one(const model::Scenario& scenario, uint64_t seed, const std::vector<std::optional<size_t>>& index,
               const std::vector<std::string>& metrics, const model::RunLimits& limits) {
  model::Scenario seeded = scenario;
  seeded.seed = seed;
  const model::RunResult result = model::Simulation(seeded).run(limits);
  const std::vector<reports::Figure> figures = reports::flatten(result);
  RunRow row;
  row.done = true;
  row.stop = result.stop.reason;
  row.values.resize(metrics.size());
  for (size_t m = 0; m < metrics.size(); ++m) {
    if (!index[m]) continue;
    // The names of a point's figures do not depend on the seed (resolve_metrics).
    GTSIM_ASSERT(*index[m] < figures.size() && figures[*index[m]].path == metrics[m]);
    row.values[m] = figures[*index[m]].value;
  }
  return row;
}

namespace {

// What the workers share: the next run to take, how many are done, whether
// to stop, and the first exception a worker met.
struct Work {
  std::atomic<size_t> next{0};
  std::atomic<size_t> done{0};
  std::atomic<unsigned> active{0};
  std::atomic<bool> stop{false};
  std::mutex mutex;
  std::condition_variable changed;
  std::exception_ptr failure;
};

}  // namespace

std::vector<RunRow> run_study(const SweepPlan& plan, const std::vector<model::Scenario>& point_scenarios,
                              const ColumnMap& columns, const RunnerOptions& options) {
  GTSIM_ASSERT(options.jobs >= 1 && point_scenarios.size() == plan.points.size());
  std::vector<size_t> todo;  // this shard's runs, in run order
  for (size_t run = 0; run < plan.run_count(); ++run) {
    if (plan.in_shard(run)) todo.push_back(run);
  }
  std::vector<RunRow> rows(plan.run_count());
  Work work;
  const auto cancelled = [&] { return work.stop.load() || (options.cancelled && options.cancelled()); };
  auto worker = [&] {
    try {
      for (size_t k = work.next.fetch_add(1); k < todo.size() && !cancelled(); k = work.next.fetch_add(1)) {
        const size_t run = todo[k];
        const size_t point = plan.point_of(run);
        RunRow row = run_one(point_scenarios[point], plan.seed_of(run), columns.figure_index[point], plan.metrics,
                             options.limits ? options.limits() : model::RunLimits{});
        if (cancelled()) break;  // stopped mid-way by the cancellation, or finished as it came: dropped
        rows[run] = std::move(row);
        work.done.fetch_add(1);
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(work.mutex);
      if (!work.failure) work.failure = std::current_exception();
      work.stop.store(true);
    }
    std::lock_guard<std::mutex> lock(work.mutex);
    work.active.fetch_sub(1);
    work.changed.notify_all();
  };
  const unsigned workers = static_cast<unsigned>(std::min<size_t>(options.jobs, std::max<size_t>(todo.size(), 1)));
  std::vector<std::thread> threads;
  threads.reserve(workers);
  work.active.store(workers);
  for (unsigned w = 0; w < workers; ++w) threads.emplace_back(worker);
  {
    std::unique_lock<std::mutex> lock(work.mutex);
    while (work.active.load() > 0) {
      work.changed.wait_for(lock, std::chrono::milliseconds(options.progress_interval_ms));
      if (options.progress) options.progress(work.done.load(), todo.size());
    }
  }
  for (std::thread& thread : threads) thread.join();
  if (work.failure) std::rethrow_exception(work.failure);
  if (options.progress) options.progress(work.done.load(), todo.size());
  return rows;
}

}  // namespace study
