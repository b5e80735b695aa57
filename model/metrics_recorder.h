// MetricsRecorder: the per-second and per-minute series of a run, and what
// is derived from them at the end (throttling windows).
//
// The simulation reports happenings as they occur (a throttled attempt, a
// client error, a replicated write applied with its lag); the recorder
// tallies the current second and minute and folds them into the series when
// they close. Series are per-interval counters (docs/design.md, law 3) at
// model/series_resolution.h's resolution: a point per second for the first
// 3 hours, then per minute, 5 minutes, hour, so their memory is bounded by
// the resolution, never by the run's length or its events. Counts sum into
// a coarse point, levels (provisioned units, backlogs) keep their largest
// value (docs/report-paths.md). Throttling windows are found online, from
// every second at full resolution. Client latency is the LatencyRecorder's
// (model/latency_recorder.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.h"
#include "sim/time.h"

namespace model {

class MetricsRecorder {
 public:
  explicit MetricsRecorder(const std::vector<std::string>& region_names);

  void on_throttle(size_t region) {
    ++now_[region].throttles;
    ++now_[region].attempts;
  }
  void on_replication_throttle(size_t region) { ++now_[region].replication_throttles; }
  void on_client_error(size_t region) { ++now_[region].client_errors; }
  void on_unavailable(size_t region) { ++now_[region].unavailable; }
  void on_refused(size_t region) { ++now_[region].refused; }
  void on_client_success(size_t region) { ++now_[region].attempts; }
  void on_replicated(size_t from, size_t to, int64_t lag_ns) {
    PairMinute& minute = pair_minute_[from * regions_ + to];
    minute.lag_sum_ns += lag_ns;
    ++minute.count;
    if (lag_ns > minute.lag_max_ns) minute.lag_max_ns = lag_ns;
  }

  // Closes second `at_s` of the run (the seconds before it closed, in
  // order). `consumed_*` are that second's milli-units.
  struct SecondSample {
    int64_t consumed_write_milli, consumed_read_milli;
    int64_t provisioned_write_units, provisioned_read_units;
    int64_t replication_backlog;
  };
  void end_second(size_t region, int64_t at_s, const SecondSample& sample);
  void end_pair_second(size_t from, size_t to, int64_t at_s, int64_t pending_replication);
  // Closes the point of the per-minute series ending now (a minute, or
  // 5 minutes or an hour later in the run: kPerMinuteResolution).
  void end_minute();

  // Moves the series and the throttling windows into `result`.
  void finish(RunResult& result);

 private:
  struct Tally {
    int64_t throttles = 0, replication_throttles = 0, client_errors = 0, unavailable = 0, refused = 0;
    int64_t attempts = 0;  // client attempts that reached capacity: admitted (a success) or throttled
  };
  struct PairMinute {
    int64_t lag_sum_ns = 0, lag_max_ns = 0, count = 0;
  };
  // A region's throttling window while it may still grow: its totals up to
  // its last throttled second, and those of the quiet seconds after it.
  struct OpenWindow {
    bool open = false;
    int64_t last_s = 0;
    ThrottleWindow window;
    int64_t quiet_client_errors = 0;
  };

  void track_window(size_t region, int64_t at_s, const Tally& tally);
  void close_window(size_t region);

  size_t regions_;
  std::vector<std::string> names_;
  std::vector<Tally> now_;
  std::vector<PairMinute> pair_minute_;     // [from * regions + to]
  std::vector<RegionSeries> series_;
  std::vector<PairSeries> pair_series_;     // [from * regions + to]
  std::vector<OpenWindow> open_windows_;    // per region
  std::vector<std::vector<ThrottleWindow>> windows_;  // per region, closed, in time order
};

}  // namespace model
