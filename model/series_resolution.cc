#include "model/series_resolution.h"

#include <algorithm>

#include "sim/assert.h"

namespace model {
namespace {

// The segment holding second `at_s`.
size_t segment_at(SeriesResolution resolution, int64_t at_s) {
  size_t i = 0;
  while (i + 1 < resolution.size() && resolution[i + 1].from_s <= at_s) ++i;
  return i;
}

// Points of segment `i` before second `until_s` (partly covered: counted).
int64_t points_in(SeriesResolution resolution, size_t i, int64_t until_s) {
  const SeriesSegment& s = resolution[i];
  const int64_t end_s = i + 1 < resolution.size() ? std::min(until_s, resolution[i + 1].from_s) : until_s;
  if (end_s <= s.from_s) return 0;
  return (end_s - s.from_s + s.step_s - 1) / s.step_s;
}

}  // namespace

int64_t step_at(SeriesResolution resolution, int64_t at_s) { return resolution[segment_at(resolution, at_s)].step_s; }

int64_t point_start_s(SeriesResolution resolution, size_t index) {
  int64_t left = static_cast<int64_t>(index);
  for (size_t i = 0; i + 1 < resolution.size(); ++i) {
    const int64_t points = (resolution[i + 1].from_s - resolution[i].from_s) / resolution[i].step_s;
    if (left < points) return resolution[i].from_s + left * resolution[i].step_s;
    left -= points;
  }
  return resolution.back().from_s + left * resolution.back().step_s;
}

size_t points_for(SeriesResolution resolution, int64_t span_s) {
  int64_t points = 0;
  for (size_t i = 0; i < resolution.size(); ++i) points += points_in(resolution, i, span_s);
  return static_cast<size_t>(points);
}

std::vector<SeriesSegment> segments_reached(SeriesResolution resolution, int64_t span_s) {
  std::vector<SeriesSegment> reached;
  for (const SeriesSegment& s : resolution) {
    if (s.from_s < span_s) reached.push_back(s);
  }
  return reached;
}

std::vector<int64_t> regroup(const std::vector<int64_t>& series, SeriesResolution from, SeriesResolution to,
                             Aggregation rule) {
  std::vector<int64_t> out;
  int64_t open_until_s = 0;  // the end of out's last point
  for (size_t i = 0; i < series.size(); ++i) {
    const int64_t start_s = point_start_s(from, i);
    GTSIM_ASSERT(step_at(to, start_s) % step_at(from, start_s) == 0);
    if (out.empty() || start_s >= open_until_s) {
      out.push_back(series[i]);
      open_until_s = start_s + step_at(to, start_s);
    } else if (rule == Aggregation::kSum) {
      out.back() += series[i];
    } else {
      out.back() = std::max(out.back(), series[i]);
    }
  }
  return out;
}

}  // namespace model
