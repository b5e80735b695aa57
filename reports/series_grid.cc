#include "reports/series_grid.h"

#include <algorithm>

namespace reports {

int64_t grid_step(model::SeriesResolution resolution, int64_t span_s) {
  int64_t grid = 1;
  for (const model::SeriesSegment& segment : model::segments_reached(resolution, span_s)) {
    grid = std::max(grid, segment.step_s);
  }
  return grid;
}

std::vector<int64_t> on_grid(const std::vector<int64_t>& series, model::SeriesResolution resolution, int64_t grid_s,
                             size_t cells, model::Aggregation rule, std::optional<int64_t> none) {
  const int64_t empty = none ? *none : 0;
  std::vector<int64_t> out;
  for (size_t i = 0; i < series.size(); ++i) {
    const auto cell = static_cast<size_t>(model::point_start_s(resolution, i) / grid_s);
    if (cell >= cells) break;
    if (out.size() <= cell) out.resize(cell + 1, empty);
    if (none && series[i] == *none) continue;
    int64_t& to = out[cell];
    if (none && to == *none) {
      to = series[i];
    } else {
      to = rule == model::Aggregation::kSum ? to + series[i] : std::max(to, series[i]);
    }
  }
  return out;
}

}  // namespace reports
