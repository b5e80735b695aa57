// SeriesGrid: a series held at its resolution (model/series_resolution.h)
// laid on a chart's uniform grid, so that every point is drawn at its own
// time: 1-second points for the first 3 hours and 1-minute points after
// them fall into the cells that hold their seconds.
//
// Invariants: the grid's step is a multiple of every step the series holds
// within the cells asked for (grid_step gives the coarsest one reached, so
// it is), so a point never straddles two cells.
//
// Determinism: integer arithmetic on the series' own values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "model/series_resolution.h"

namespace reports {

// The coarsest step of `resolution` within the first `span_s` seconds (1
// for an empty span).
int64_t grid_step(model::SeriesResolution resolution, int64_t span_s);

// The first `cells` cells of `grid_s` seconds each: each the sum (or the
// largest, `rule`) of the points that start in it. `none` marks a point
// without a value: left out, and a cell with no valued point is `none`
// (without `none`, an empty cell is 0). Fewer cells when the series ends
// sooner.
std::vector<int64_t> on_grid(const std::vector<int64_t>& series, model::SeriesResolution resolution, int64_t grid_s,
                             size_t cells, model::Aggregation rule, std::optional<int64_t> none = std::nullopt);

}  // namespace reports
