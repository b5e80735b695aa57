// study/study_tally.h: the tables' estimates, taken from rows one at a time,
// equal the two-pass estimates over the same values kept whole, for a sweep
// and for a compare's paired differences, with missing runs and figures
// and a's values spooled to disk.
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

#include "study/statistics.h"
#include "study/study_tally.h"
#include "study/sweep_plan.h"

namespace {

study::SweepPlan plan_of(study::StudyKind kind, size_t points, uint64_t seeds) {
  study::SweepPlan plan;
  plan.kind = kind;
  plan.parameters = {"table.keys"};
  for (size_t p = 0; p < points; ++p) plan.points.push_back({{"table.keys", std::to_string(100 + p)}});
  plan.first_seed = 1;
  plan.last_seed = seeds;
  plan.metrics = {"a", "b"};
  return plan;
}

// Run r's row, or none (a run not finished); figure b is missing now and then.
std::optional<study::RunRow> row_of(size_t r) {
  if (r % 7 == 3) return std::nullopt;
  study::RunRow row;
  row.stop = r % 11 == 5 ? model::StopReason::kMaxEvents : model::StopReason::kCompleted;
  const auto x = static_cast<int64_t>((r * 2654435761u) % 100003) - 50000;
  row.values = {x * 1000003, r % 5 == 0 ? std::nullopt : std::optional<int64_t>(x * x)};
  return row;
}

}  // namespace

TEST_CASE("Study tally: a sweep's estimates equal the two-pass estimates of the rows kept whole") {
  const study::SweepPlan plan = plan_of(study::StudyKind::kSweep, 3, 40);
  study::StudyTally tally(plan);
  std::vector<std::vector<std::vector<double>>> kept(3, std::vector<std::vector<double>>(2));
  size_t done = 0, stopped = 0;
  std::string error;
  for (size_t r = 0; r < plan.run_count(); ++r) {
    const std::optional<study::RunRow> row = row_of(r);
    if (!row) continue;
    REQUIRE(tally.add(r, *row, &error));
    ++done, stopped += row->stop != model::StopReason::kCompleted ? 1 : 0;
    for (size_t m = 0; m < 2; ++m) {
      if (row->values[m]) kept[plan.point_of(r)][m].push_back(static_cast<double>(*row->values[m]));
    }
  }
  CHECK(tally.done() == done);
  CHECK(tally.stopped() == stopped);
  CHECK(tally.first_stop() == model::StopReason::kMaxEvents);
  for (size_t p = 0; p < 3; ++p) {
    for (size_t m = 0; m < 2; ++m) {
      const study::Estimate streamed = tally.estimate(p, m), whole = study::estimate(kept[p][m]);
      CAPTURE(p, m);
      CHECK(streamed.n == whole.n);
      CHECK(streamed.mean == whole.mean);
      CHECK(streamed.ci95_half == Approx(whole.ci95_half).epsilon(1e-12));
    }
  }
}

TEST_CASE("Study tally: a compare's paired differences equal the two-pass ones, a's values spooled to disk") {
  const study::SweepPlan plan = plan_of(study::StudyKind::kCompare, 2, 500);
  for (const size_t memory : {size_t{0}, size_t{1} << 20}) {
    study::StudyTally tally(plan, memory);
    std::vector<std::optional<study::RunRow>> whole;  // the rows kept, for the reference only
    std::string error;
    for (size_t r = 0; r < plan.run_count(); ++r) {
      whole.push_back(row_of(r));
      if (whole.back()) REQUIRE(tally.add(r, *whole.back(), &error));
    }
    for (size_t m = 0; m < 2; ++m) {
      std::vector<double> a, b;
      for (size_t i = 0; i < 500; ++i) {
        const auto& ra = whole[i];
        const auto& rb = whole[500 + i];
        if (!ra || !rb || !ra->values[m] || !rb->values[m]) continue;
        a.push_back(static_cast<double>(*ra->values[m]));
        b.push_back(static_cast<double>(*rb->values[m]));
      }
      const study::Estimate streamed = tally.paired(m), reference = study::paired_difference(a, b);
      CAPTURE(memory, m);
      CHECK(streamed.n == reference.n);
      CHECK(streamed.n > 250);  // most seeds pair
      CHECK(streamed.mean == reference.mean);
      CHECK(streamed.ci95_half == Approx(reference.ci95_half).epsilon(1e-12));
    }
  }
}
