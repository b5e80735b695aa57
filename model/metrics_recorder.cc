#include "model/metrics_recorder.h"

#include <algorithm>

#include "model/series_resolution.h"

namespace model {
namespace {

// A throttling window ends after this many seconds without a throttle event.
constexpr int64_t kQuietSecondsToClose = 60;

}  // namespace

MetricsRecorder::MetricsRecorder(const std::vector<std::string>& region_names)
    : regions_(region_names.size()),
      names_(region_names),
      now_(regions_),
      pair_minute_(regions_ * regions_),
      series_(regions_),
      pair_series_(regions_ * regions_),
      open_windows_(regions_),
      windows_(regions_) {}

void MetricsRecorder::end_second(size_t region, int64_t at_s, const SecondSample& sample) {
  RegionSeries& s = series_[region];
  const Tally& tally = now_[region];
  const auto count = [&](std::vector<int64_t>& series, int64_t value) {
    append_second(series, kPerSecondResolution, at_s, value, Aggregation::kSum);
  };
  const auto level = [&](std::vector<int64_t>& series, int64_t value) {
    append_second(series, kPerSecondResolution, at_s, value, Aggregation::kMax);
  };
  count(s.consumed_write_milli, sample.consumed_write_milli);
  count(s.consumed_read_milli, sample.consumed_read_milli);
  count(s.burst_write_milli, std::max<int64_t>(0, sample.consumed_write_milli - sample.provisioned_write_units * 1000));
  count(s.burst_read_milli, std::max<int64_t>(0, sample.consumed_read_milli - sample.provisioned_read_units * 1000));
  level(s.provisioned_write_units, sample.provisioned_write_units);
  level(s.provisioned_read_units, sample.provisioned_read_units);
  level(s.replication_backlog, sample.replication_backlog);
  count(s.throttle_events, tally.throttles);
  count(s.client_attempts, tally.attempts);
  count(s.replication_throttle_events, tally.replication_throttles);
  count(s.client_errors, tally.client_errors);
  count(s.unavailable_errors, tally.unavailable);
  count(s.refused_requests, tally.refused);
  track_window(region, at_s, tally);
  now_[region] = Tally{};
}

void MetricsRecorder::end_pair_second(size_t from, size_t to, int64_t at_s, int64_t pending_replication) {
  append_second(pair_series_[from * regions_ + to].pending_replication, kPerSecondResolution, at_s,
                pending_replication, Aggregation::kMax);
}

void MetricsRecorder::end_minute() {
  for (size_t i = 0; i < pair_minute_.size(); ++i) {
    PairMinute& minute = pair_minute_[i];
    PairSeries& s = pair_series_[i];
    s.replication_latency_mean_ns.push_back(minute.count == 0 ? 0 : minute.lag_sum_ns / minute.count);
    s.replication_latency_max_ns.push_back(minute.lag_max_ns);
    minute = PairMinute{};
  }
}

// A window runs from a throttled second to the last throttled one before
// kQuietSecondsToClose seconds without; its client errors are those of
// every second in it, quiet ones included.
void MetricsRecorder::track_window(size_t region, int64_t at_s, const Tally& tally) {
  OpenWindow& w = open_windows_[region];
  if (w.open && at_s > w.last_s + kQuietSecondsToClose) close_window(region);
  const bool throttled = tally.throttles != 0 || tally.replication_throttles != 0;
  if (!throttled) {
    if (w.open) w.quiet_client_errors += tally.client_errors;
    return;
  }
  if (!w.open) {
    w.open = true;
    w.window = ThrottleWindow{};
    w.window.region = names_[region];
    w.window.start_ns = sim::Duration::seconds(at_s).ns();
    w.quiet_client_errors = 0;
  }
  w.window.throttle_events += tally.throttles;
  w.window.replication_throttle_events += tally.replication_throttles;
  w.window.client_errors += w.quiet_client_errors + tally.client_errors;
  w.quiet_client_errors = 0;
  w.last_s = at_s;
}

void MetricsRecorder::close_window(size_t region) {
  OpenWindow& w = open_windows_[region];
  if (!w.open) return;
  w.window.end_ns = sim::Duration::seconds(w.last_s + 1).ns();
  windows_[region].push_back(std::move(w.window));
  w.open = false;
}

void MetricsRecorder::finish(RunResult& result) {
  for (size_t r = 0; r < regions_; ++r) {
    close_window(r);
    for (ThrottleWindow& window : windows_[r]) result.throttle_windows.push_back(std::move(window));
  }
  result.region_series = std::move(series_);
  for (size_t from = 0; from < regions_; ++from) {
    for (size_t to = 0; to < regions_; ++to) {
      if (from != to) result.pair_series.push_back(std::move(pair_series_[from * regions_ + to]));
    }
  }
}

}  // namespace model
