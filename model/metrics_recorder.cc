#include "model/metrics_recorder.h"

#include <algorithm>

namespace model {
namespace {

// A throttling window ends after this many seconds without a throttle event.
constexpr size_t kQuietSecondsToClose = 60;

}  // namespace

MetricsRecorder::MetricsRecorder(const std::vector<std::string>& region_names)
    : regions_(region_names.size()),
      names_(region_names),
      now_(regions_),
      pair_minute_(regions_ * regions_),
      series_(regions_),
      pair_series_(regions_ * regions_) {}

void MetricsRecorder::end_second(size_t region, const SecondSample& sample) {
  RegionSeries& s = series_[region];
  Tally& tally = now_[region];
  s.consumed_write_milli.push_back(sample.consumed_write_milli);
  s.consumed_read_milli.push_back(sample.consumed_read_milli);
  s.burst_write_milli.push_back(std::max<int64_t>(0, sample.consumed_write_milli - sample.provisioned_write_units * 1000));
  s.burst_read_milli.push_back(std::max<int64_t>(0, sample.consumed_read_milli - sample.provisioned_read_units * 1000));
  s.provisioned_write_units.push_back(sample.provisioned_write_units);
  s.provisioned_read_units.push_back(sample.provisioned_read_units);
  s.replication_backlog.push_back(sample.replication_backlog);
  s.throttle_events.push_back(tally.throttles);
  s.client_attempts.push_back(tally.attempts);
  s.replication_throttle_events.push_back(tally.replication_throttles);
  s.client_errors.push_back(tally.client_errors);
  s.unavailable_errors.push_back(tally.unavailable);
  s.refused_requests.push_back(tally.refused);
  tally = Tally{};
}

void MetricsRecorder::end_pair_second(size_t from, size_t to, int64_t pending_replication) {
  pair_series_[from * regions_ + to].pending_replication.push_back(pending_replication);
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

void MetricsRecorder::finish(RunResult& result) {
  for (size_t r = 0; r < regions_; ++r) {
    const RegionSeries& s = series_[r];
    const size_t seconds = s.throttle_events.size();
    size_t i = 0;
    while (i < seconds) {
      if (s.throttle_events[i] == 0 && s.replication_throttle_events[i] == 0) {
        ++i;
        continue;
      }
      ThrottleWindow window;
      window.region = names_[r];
      window.start_ns = sim::Duration::seconds(static_cast<int64_t>(i)).ns();
      size_t last = i;
      for (size_t j = i; j < seconds && j <= last + kQuietSecondsToClose; ++j) {
        if (s.throttle_events[j] == 0 && s.replication_throttle_events[j] == 0) continue;
        last = j;
      }
      for (size_t j = i; j <= last; ++j) {
        window.throttle_events += s.throttle_events[j];
        window.replication_throttle_events += s.replication_throttle_events[j];
        window.client_errors += s.client_errors[j];
      }
      window.end_ns = sim::Duration::seconds(static_cast<int64_t>(last + 1)).ns();
      result.throttle_windows.push_back(window);
      i = last + 1;
    }
  }
  result.region_series = std::move(series_);
  for (size_t from = 0; from < regions_; ++from) {
    for (size_t to = 0; to < regions_; ++to) {
      if (from != to) result.pair_series.push_back(std::move(pair_series_[from * regions_ + to]));
    }
  }
}

}  // namespace model
