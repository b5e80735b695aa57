// MetricsRecorder: the per-second and per-minute series of a run, and what
// is derived from them at the end (throttling windows).
//
// The simulation reports happenings as they occur (a throttled attempt, a
// client error, a replicated write applied with its lag); the recorder
// tallies the current second and minute and appends one entry per series
// when they close. Series are per-interval counters (docs/design.md, law 3): they
// grow by one entry per simulated second, never per event. Client latency is
// the LatencyRecorder's (model/latency_recorder.h).
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

  // Closes the second ending now. `consumed_*` are that second's milli-units.
  struct SecondSample {
    int64_t consumed_write_milli, consumed_read_milli;
    int64_t provisioned_write_units, provisioned_read_units;
    int64_t replication_backlog;
  };
  void end_second(size_t region, const SecondSample& sample);
  void end_pair_second(size_t from, size_t to, int64_t pending_replication);
  // Closes the minute ending now (after its last second).
  void end_minute();

  // Moves the series into `result` and derives the throttling windows.
  void finish(RunResult& result);

 private:
  struct Tally {
    int64_t throttles = 0, replication_throttles = 0, client_errors = 0, unavailable = 0, refused = 0;
    int64_t attempts = 0;  // client attempts that reached capacity: admitted (a success) or throttled
  };
  struct PairMinute {
    int64_t lag_sum_ns = 0, lag_max_ns = 0, count = 0;
  };

  size_t regions_;
  std::vector<std::string> names_;
  std::vector<Tally> now_;
  std::vector<PairMinute> pair_minute_;     // [from * regions + to]
  std::vector<RegionSeries> series_;
  std::vector<PairSeries> pair_series_;     // [from * regions + to]
};

}  // namespace model
