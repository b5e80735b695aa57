// SeriesResolution: how finely a run's series hold time, as CloudWatch's
// own retention does (docs/sources.md, CloudWatch metrics retention):
// points of under a minute for the first 3 hours, then 1-minute points up to
// 15 days, 5-minute points up to 63 days, then 1-hour points. Counted from
// the start of the run, so a series' memory is bounded by its resolution,
// not by the run's length.
//
// A resolution is a list of segments, each from a second of the run on with
// its step (the seconds one point covers). Invariants: the first segment
// starts at 0, segments start in increasing order, and each segment's start
// is a multiple of its own step and of the step before it, so a point never
// straddles two segments.
//
// Coarsening is online: append() either starts a new point (the second
// opens one) or folds the second into the last point by the series'
// aggregation rule, so a series never holds more points than it reports.
//
// Determinism: integer arithmetic on the run's own values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace model {

struct SeriesSegment {
  int64_t from_s;  // the first second of the run it covers
  int64_t step_s;  // seconds per point
};

using SeriesResolution = std::span<const SeriesSegment>;

inline constexpr int64_t kSecondsPerDay = 86400;

// The per-second series (capacity, throttles, errors, backlog).
inline constexpr SeriesSegment kPerSecondSegments[] = {
    {0, 1}, {3 * 3600, 60}, {15 * kSecondsPerDay, 300}, {63 * kSecondsPerDay, 3600}};
// The per-minute series (latency quantiles, ReplicationLatency) and the
// per-minute view of the per-second series.
inline constexpr SeriesSegment kPerMinuteSegments[] = {
    {0, 60}, {15 * kSecondsPerDay, 300}, {63 * kSecondsPerDay, 3600}};
inline constexpr SeriesResolution kPerSecondResolution{kPerSecondSegments};
inline constexpr SeriesResolution kPerMinuteResolution{kPerMinuteSegments};

// How a point folds the seconds (or finer points) it covers.
enum class Aggregation : uint8_t {
  kSum,  // a count: events, consumed milli-units
  kMax,  // a level: provisioned units, a backlog; its largest value
};

// The step of the point that holds second `at_s` (>= 0).
int64_t step_at(SeriesResolution resolution, int64_t at_s);

// The first second of point `index` of a series.
int64_t point_start_s(SeriesResolution resolution, size_t index);

// The points a series covering seconds [0, span_s) holds (a last point
// only partly covered counts).
size_t points_for(SeriesResolution resolution, int64_t span_s);

// The segments a series covering [0, span_s) reaches (none for span 0).
std::vector<SeriesSegment> segments_reached(SeriesResolution resolution, int64_t span_s);

// Second `at_s` of the run, with its value, into `series`, which holds the
// seconds before it: a new point if the second opens one, else folded into
// the last point.
inline void append_second(std::vector<int64_t>& series, SeriesResolution resolution, int64_t at_s, int64_t value,
                          Aggregation rule) {
  if (series.empty() || at_s % step_at(resolution, at_s) == 0) {
    series.push_back(value);
  } else if (rule == Aggregation::kSum) {
    series.back() += value;
  } else if (value > series.back()) {
    series.back() = value;
  }
}

// A series held at resolution `from` as it reads at `to`, which is nowhere
// finer than `from` (each of its steps a multiple of `from`'s at that time).
std::vector<int64_t> regroup(const std::vector<int64_t>& series, SeriesResolution from, SeriesResolution to,
                             Aggregation rule);

}  // namespace model
