// study/study_summary.h: the terminal tables print each line of durations in
// one unit chosen for the line's largest value, and money in dollars.
#include <catch2/catch.hpp>

#include <string>

#include "study/study_summary.h"
#include "study/study_tally.h"
#include "study/sweep_plan.h"

namespace {

study::SweepPlan compare_plan() {
  study::SweepPlan plan;
  plan.kind = study::StudyKind::kCompare;
  plan.parameters = {"regions.eu-west-1.capacity.write_units"};
  plan.points = {{{"regions.eu-west-1.capacity.write_units", "5"}},
                 {{"regions.eu-west-1.capacity.write_units", "1000"}}};
  plan.first_seed = 1;
  plan.last_seed = 2;
  plan.metrics = {"lag.us-east-1->eu-west-1.p99_ns", "cost.monthly_usd"};
  return plan;
}

}  // namespace

TEST_CASE("Study summary: a compare line of durations reads in one unit for its largest value; money in dollars") {
  const study::SweepPlan plan = compare_plan();
  study::StudyTally tally(plan);
  std::string error;
  // Runs in plan order: point a's two seeds, then point b's.
  const int64_t lag_ns[4] = {3'294'000'000'000, 3'296'000'000'000, 933'000'000, 935'000'000};
  const int64_t cost_micro[4] = {593'790'000, 593'792'000, 1'179'900'000, 1'179'920'000};
  for (size_t r = 0; r < 4; ++r) {
    study::RunRow row;
    row.stop = model::StopReason::kCompleted;
    row.values = {lag_ns[r], cost_micro[r]};
    REQUIRE(tally.add(r, row, &error));
  }
  const std::string text = study::compare_summary_text(plan, tally);
  // 54.9 minutes against 934 ms: the whole line in minutes, never "3295000.000 ms".
  CHECK(text.find("54.917 min") != std::string::npos);
  CHECK(text.find("0.016 min") != std::string::npos);
  CHECK(text.find(" ms") == std::string::npos);
  CHECK(text.find("$593.79") != std::string::npos);
  CHECK(text.find("$1,179.91") != std::string::npos);
}
