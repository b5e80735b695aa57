// LatencyRecorder: the latency of the requests clients were served, as they
// saw it (client latency) and as the service measured it (CloudWatch's
// SuccessfulRequestLatency), for the whole run, per minute and per stretch
// between timeline events (docs/design.md, "Client latency").
//
// A successful request is recorded once: its client latency under the
// region that served it and under its client group, its service time under
// the region. Values go into a small "current" histogram per region and
// group; a flush (at each minute's end, at each timeline event, at the end
// of the run) merges those into the minute's, the stretch's and the run's
// histograms and clears them. So a request costs one histogram record per
// figure family, and a flush the span of buckets in use.
//
// Invariants: a minute or stretch with no request has no value: its series
// entry is kNoValue, its summary all zeros with requests 0. Stretches follow
// each other without gap: the first starts at 0, each timeline event at a
// new instant ends one and starts the next, the last ends at the run's end.
//
// Determinism: bookkeeping of the run's own values, in the order given; no
// randomness, no clock, no hashed container.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/run_result.h"
#include "sim/histogram.h"

namespace model {

class LatencyRecorder {
 public:
  LatencyRecorder(size_t region_count, size_t group_count, size_t timeline_events);

  // A request of `group` served by `region`: the client waited `client_ns`,
  // the service answered in `service_ns`; `moved` if `region` is not the
  // group's home.
  void record(size_t region, size_t group, bool moved, int64_t client_ns, int64_t service_ns) {
    regions_[region].current.record(client_ns);
    regions_[region].service_current.record(service_ns);
    Group& g = groups_[group];
    g.current.record(client_ns);
    ++g.served;
    g.moved += moved ? 1 : 0;
  }

  // Closes the minute ending now: one entry per region's and group's series.
  void end_minute();
  // Timeline event `index` happens at `at_ns`: the stretch open until now
  // ends there unless it started there (events at one instant share it).
  void timeline_event(size_t index, int64_t at_ns);

  // Closes the last stretch at `end_ns` and moves everything into `result`:
  // the regions' histograms and latency series (REQUIRES: result's regions
  // and series made, one entry each per region), the client groups and
  // their series (REQUIRES: result.client_groups made, one per group), and
  // each timeline event's stretches before and after it (REQUIRES:
  // result.timeline made, one entry per event; an event the run did not
  // reach gets two empty stretches at its time).
  void finish(int64_t end_ns, RunResult& result);

 private:
  struct Region {
    sim::Histogram current, minute, phase, run;
    sim::Histogram service_current, service_minute, service_run;
  };
  struct Group {
    sim::Histogram current, minute, phase, run;
    uint64_t served = 0, moved = 0;
  };

  void flush();
  void close_phase(int64_t end_ns);

  std::vector<Region> regions_;
  std::vector<Group> groups_;
  std::vector<RegionSeries> region_series_;   // only the latency vectors are used
  std::vector<ClientGroupSeries> group_series_;
  std::vector<LatencyPhase> phases_;          // closed stretches, in time order
  int64_t phase_start_ns_ = 0;
  std::vector<size_t> event_phase_;           // per timeline event: the stretch before it, or SIZE_MAX
};

// The figures of a histogram: requests, p50, p90, p99 and max (0 when empty).
LatencySummary summarize(const sim::Histogram& latency);

}  // namespace model
