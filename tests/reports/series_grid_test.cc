// reports/series_grid.h: a coarsened series on a chart's grid, each point
// at its own time.
#include <catch2/catch.hpp>

#include <vector>

#include "model/series_resolution.h"
#include "reports/series_grid.h"

TEST_CASE("Series grid: the grid step is the coarsest the span reaches") {
  CHECK(reports::grid_step(model::kPerSecondResolution, 0) == 1);
  CHECK(reports::grid_step(model::kPerSecondResolution, 10800) == 1);
  CHECK(reports::grid_step(model::kPerSecondResolution, 10801) == 60);
  CHECK(reports::grid_step(model::kPerSecondResolution, 20 * 86400) == 300);
  CHECK(reports::grid_step(model::kPerMinuteResolution, 600) == 60);
}

TEST_CASE("Series grid: 1-second points then 1-minute points land in the cells of their seconds") {
  // 3 h of seconds (second s holds s % 60 + 1), then two minutes holding 7000 and 9000.
  std::vector<int64_t> series;
  for (int64_t s = 0; s < 10800; ++s) series.push_back(s % 60 + 1);
  series.push_back(7000);
  series.push_back(9000);
  const std::vector<int64_t> sums =
      reports::on_grid(series, model::kPerSecondResolution, 60, 182, model::Aggregation::kSum);
  REQUIRE(sums.size() == 182);
  CHECK(sums[0] == 1830);    // 1 + 2 + ... + 60
  CHECK(sums[179] == 1830);  // the minute before 3:00:00
  CHECK(sums[180] == 7000);  // the minute from 3:00:00
  CHECK(sums[181] == 9000);
  const std::vector<int64_t> highest =
      reports::on_grid(series, model::kPerSecondResolution, 60, 182, model::Aggregation::kMax);
  CHECK(highest[0] == 60);
  CHECK(highest[180] == 7000);
  // A grid of 2 minutes: the coarse minutes share a cell; cells past the asked count are cut.
  const std::vector<int64_t> two = reports::on_grid(series, model::kPerSecondResolution, 120, 90, model::Aggregation::kSum);
  CHECK(two.size() == 90);
  CHECK(two[89] == 1830 * 2);
  CHECK(reports::on_grid(series, model::kPerSecondResolution, 120, 91, model::Aggregation::kSum)[90] == 16000);
}

TEST_CASE("Series grid: a point without a value is left out; a cell with none has none") {
  constexpr int64_t kNone = INT64_MIN;
  const std::vector<int64_t> minutes = {kNone, 5, kNone, kNone, 3};
  const std::vector<int64_t> cells =
      reports::on_grid(minutes, model::kPerMinuteResolution, 120, 3, model::Aggregation::kMax, kNone);
  CHECK(cells == std::vector<int64_t>{5, kNone, 3});
}
