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
#include "study/reorder_buffer.h"

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

// What the workers and the calling thread share, under one mutex: the next
// run to take, the reorder buffer, how many are done and running, whether
// to stop, and the first exception met.
class StudyWork {
 public:
  StudyWork(const SweepPlan& plan, const std::vector<model::Scenario>& scenarios, const ColumnMap& columns,
            const RunnerOptions& options, size_t window)
      : plan_(plan), scenarios_(scenarios), columns_(columns), options_(options), buffer_(window) {
    // The shard's runs are index, index + count, ...: counted, not listed.
    const size_t runs = plan.run_count();
    shard_runs_ = plan.shard.index < runs ? (runs - plan.shard.index - 1) / plan.shard.count + 1 : 0;
  }

  size_t shard_runs() const { return shard_runs_; }
  void start(unsigned workers) { active_ = workers; }
  // A worker thread: takes runs while the window admits them, puts each row in the buffer.
  void work();
  // The calling thread: hands the rows to the sink in order until every worker has stopped.
  StudyRunStats hand_out(const RowSink& sink);
  void rethrow_failure() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  size_t run_of(size_t k) const { return plan_.shard.index + k * plan_.shard.count; }
  bool cancelled() const { return options_.cancelled && options_.cancelled(); }
  // REQUIRES: the lock held.
  bool stopping() const { return stop_ || cancelled(); }
  void fail(std::exception_ptr failure) {
    if (!failure_) failure_ = std::move(failure);
    stop();
  }
  void stop() {
    stop_ = true;
    room_.notify_all();
  }
  RunRow run(size_t k) const {
    const size_t number = run_of(k);
    const size_t point = plan_.point_of(number);
    return run_one(scenarios_[point], plan_.seed_of(number), columns_.figure_index[point], plan_.metrics,
                   options_.limits ? options_.limits() : model::RunLimits{});
  }
  // The progress callback, at most every progress_interval_ms, and always when `last`.
  void report_progress(std::unique_lock<std::mutex>& lock, bool last);

  const SweepPlan& plan_;
  const std::vector<model::Scenario>& scenarios_;
  const ColumnMap& columns_;
  const RunnerOptions& options_;
  size_t shard_runs_ = 0;
  std::mutex mutex_;
  std::condition_variable ready_;  // for the calling thread: the oldest row is in, or a worker is gone
  std::condition_variable room_;   // for the workers: the window moved on, or a stop
  unsigned waiting_ = 0;           // workers waiting for room
  ReorderBuffer<RunRow> buffer_;     // indexed by k, the position among the shard's runs
  size_t next_ = 0;                  // the next k to take
  size_t done_ = 0;
  size_t most_held_ = 0;
  unsigned active_ = 0;
  bool stop_ = false;
  std::exception_ptr failure_;
  std::chrono::steady_clock::time_point last_progress_{};
};

void StudyWork::work() {
  for (;;) {
    size_t k = 0;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ++waiting_;
      room_.wait(lock, [&] { return stopping() || next_ >= shard_runs_ || buffer_.admits(next_); });
      --waiting_;
      if (stopping() || next_ >= shard_runs_) break;
      k = next_++;
    }
    std::optional<RunRow> row;
    std::exception_ptr failure;
    try {
      row = run(k);
    } catch (...) {
      failure = std::current_exception();
    }
    std::lock_guard<std::mutex> lock(mutex_);
    // Stopped mid-way by the cancellation, or finished as it came: dropped.
    if (failure || stopping()) row.reset();
    if (row) ++done_;
    buffer_.put(k, std::move(row));
    most_held_ = std::max(most_held_, buffer_.held());
    if (failure) fail(failure);
    if (buffer_.ready()) ready_.notify_one();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  --active_;
  ready_.notify_one();
}

void StudyWork::report_progress(std::unique_lock<std::mutex>& lock, bool last) {
  const auto now = std::chrono::steady_clock::now();
  if (!options_.progress || (!last && now - last_progress_ < std::chrono::milliseconds(options_.progress_interval_ms))) {
    return;
  }
  last_progress_ = now;
  const size_t done = done_;
  lock.unlock();
  options_.progress(done, shard_runs_);
  lock.lock();
}

StudyRunStats StudyWork::hand_out(const RowSink& sink) {
  StudyRunStats stats;
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    while (buffer_.ready()) {
      const size_t k = buffer_.next();
      std::optional<RunRow> row = buffer_.pop();
      if (waiting_ > 0) room_.notify_all();  // the window moved on
      if (!row || stop_) continue;  // dropped, or the study failed: no row is handed after that
      lock.unlock();
      bool kept = false;
      std::exception_ptr failure;
      try {
        kept = sink(run_of(k), *row);
      } catch (...) {
        failure = std::current_exception();
      }
      lock.lock();
      ++stats.handed;
      if (failure) fail(failure);
      if (!kept && !failure) stats.sink_stopped = true, stop();
    }
    if (active_ == 0) break;
    ready_.wait_for(lock, std::chrono::milliseconds(options_.progress_interval_ms));
    if (cancelled()) room_.notify_all();  // workers waiting for the window see it
    report_progress(lock, false);
  }
  GTSIM_ASSERT(buffer_.held() == 0);
  if (!failure_) report_progress(lock, true);
  stats.most_held = most_held_;
  return stats;
}

}  // namespace

StudyRunStats run_study(const SweepPlan& plan, const std::vector<model::Scenario>& point_scenarios,
                        const ColumnMap& columns, const RunnerOptions& options, const RowSink& sink) {
  GTSIM_ASSERT(options.jobs >= 1 && point_scenarios.size() == plan.points.size());
  const size_t window = options.reorder_window != 0 ? options.reorder_window : kReorderRunsPerWorker * options.jobs;
  StudyWork work(plan, point_scenarios, columns, options, window);
  const unsigned workers =
      static_cast<unsigned>(std::min<size_t>(options.jobs, std::max<size_t>(work.shard_runs(), 1)));
  work.start(workers);
  std::vector<std::thread> threads;
  threads.reserve(workers);
  for (unsigned w = 0; w < workers; ++w) threads.emplace_back([&work] { work.work(); });
  const StudyRunStats stats = work.hand_out(sink);
  for (std::thread& thread : threads) thread.join();
  work.rethrow_failure();
  return stats;
}

}  // namespace study
