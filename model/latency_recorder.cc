#include "model/latency_recorder.h"

#include <algorithm>
#include <utility>

#include "sim/assert.h"

namespace model {
namespace {

int64_t quantile_or_none(const sim::Histogram& h, double q) { return h.count() == 0 ? kNoValue : h.quantile(q); }

// The flushed values of one region or group go into its minute, its
// stretch and its run.
void merge_into(sim::Histogram& current, sim::Histogram& minute, sim::Histogram& phase, sim::Histogram& run) {
  if (current.count() == 0) return;
  minute.merge(current);
  phase.merge(current);
  run.merge(current);
  current.clear();
}

// One minute's point of a region's or a client group's client-latency series.
template <class Series>
void push_latency_minute(const sim::Histogram& minute, Series& series) {
  series.latency_p50_ns.push_back(quantile_or_none(minute, 0.50));
  series.latency_p90_ns.push_back(quantile_or_none(minute, 0.90));
  series.latency_p99_ns.push_back(quantile_or_none(minute, 0.99));
  series.latency_max_ns.push_back(minute.count() == 0 ? kNoValue : minute.max());
}

}  // namespace

LatencySummary summarize(const sim::Histogram& latency) {
  LatencySummary summary;
  summary.requests = latency.count();
  if (summary.requests == 0) return summary;
  summary.p50_ns = latency.quantile(0.50);
  summary.p90_ns = latency.quantile(0.90);
  summary.p99_ns = latency.quantile(0.99);
  summary.max_ns = latency.max();
  return summary;
}

LatencyRecorder::LatencyRecorder(size_t region_count, size_t group_count, size_t timeline_events)
    : regions_(region_count),
      groups_(group_count),
      region_series_(region_count),
      group_series_(group_count),
      event_phase_(timeline_events, SIZE_MAX) {}

void LatencyRecorder::flush() {
  for (Region& r : regions_) {
    merge_into(r.current, r.minute, r.phase, r.run);
    if (r.service_current.count() == 0) continue;
    r.service_minute.merge(r.service_current);
    r.service_run.merge(r.service_current);
    r.service_current.clear();
  }
  for (Group& g : groups_) merge_into(g.current, g.minute, g.phase, g.run);
}

void LatencyRecorder::end_minute() {
  flush();
  for (size_t i = 0; i < regions_.size(); ++i) {
    Region& r = regions_[i];
    RegionSeries& s = region_series_[i];
    push_latency_minute(r.minute, s);
    // CloudWatch's Average, truncated to the nanosecond as ReplicationLatency's is.
    const bool served = r.service_minute.count() > 0;
    s.successful_request_latency_mean_ns.push_back(served ? static_cast<int64_t>(r.service_minute.mean()) : kNoValue);
    s.successful_request_latency_max_ns.push_back(served ? r.service_minute.max() : kNoValue);
    r.minute.clear();
    r.service_minute.clear();
  }
  for (size_t i = 0; i < groups_.size(); ++i) {
    Group& g = groups_[i];
    push_latency_minute(g.minute, group_series_[i]);
    g.minute.clear();
  }
}

void LatencyRecorder::close_phase(int64_t end_ns) {
  flush();
  LatencyPhase phase;
  phase.start_ns = phase_start_ns_;
  phase.end_ns = end_ns;
  for (Region& r : regions_) {
    phase.regions.push_back(summarize(r.phase));
    r.phase.clear();
  }
  for (Group& g : groups_) {
    phase.groups.push_back(summarize(g.phase));
    g.phase.clear();
  }
  phases_.push_back(std::move(phase));
  phase_start_ns_ = end_ns;
}

void LatencyRecorder::timeline_event(size_t index, int64_t at_ns) {
  GTSIM_ASSERT(index < event_phase_.size() && at_ns >= phase_start_ns_);
  if (phases_.empty() || at_ns > phase_start_ns_) close_phase(at_ns);
  event_phase_[index] = phases_.size() - 1;
}

void LatencyRecorder::finish(int64_t end_ns, RunResult& result) {
  close_phase(std::max(end_ns, phase_start_ns_));
  GTSIM_ASSERT(result.region_results.size() == regions_.size() && result.region_series.size() == regions_.size() &&
               result.client_groups.size() == groups_.size() && result.timeline.size() == event_phase_.size());
  for (size_t i = 0; i < regions_.size(); ++i) {
    RegionResult& region = result.region_results[i];
    region.client_latency_ns = std::move(regions_[i].run);
    region.service_latency_ns = std::move(regions_[i].service_run);
    RegionSeries& to = result.region_series[i];
    RegionSeries& from = region_series_[i];
    to.latency_p50_ns = std::move(from.latency_p50_ns);
    to.latency_p90_ns = std::move(from.latency_p90_ns);
    to.latency_p99_ns = std::move(from.latency_p99_ns);
    to.latency_max_ns = std::move(from.latency_max_ns);
    to.successful_request_latency_mean_ns = std::move(from.successful_request_latency_mean_ns);
    to.successful_request_latency_max_ns = std::move(from.successful_request_latency_max_ns);
  }
  for (size_t i = 0; i < groups_.size(); ++i) {
    ClientGroupResult& group = result.client_groups[i];
    group.served = groups_[i].served;
    group.moved = groups_[i].moved;
    group.latency_ns = std::move(groups_[i].run);
  }
  result.client_group_series = std::move(group_series_);
  const LatencyPhase empty{0, 0, std::vector<LatencySummary>(regions_.size()),
                           std::vector<LatencySummary>(groups_.size())};
  for (size_t i = 0; i < event_phase_.size(); ++i) {
    TimelineResult& event = result.timeline[i];
    if (event_phase_[i] == SIZE_MAX) {  // the run stopped before it
      event.before = event.after = empty;
      event.before.start_ns = event.before.end_ns = event.after.start_ns = event.after.end_ns = event.at_ns;
      continue;
    }
    event.before = phases_[event_phase_[i]];
    event.after = phases_[event_phase_[i] + 1];
  }
}

}  // namespace model
